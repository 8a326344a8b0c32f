"""The rules of one stage: check: excerpts and quotes against archived copies (FS4xx)."""

from __future__ import annotations

from factsheet.rules.base import Rule

__all__ = [
    "ARCHIVE_CHANGED", "ARCHIVE_FOLDER_MISSING", "ARCHIVE_NOT_REGULAR", "ARCHIVE_OUTSIDE",
    "BIDI_REORDERED", "ELLIPSIS_DROPS_NEGATION", "ELLIPSIS_LEAVES_OUT_TOO_MUCH", "ELLIPSIS_ORDER",
    "ELLIPSIS_TOO_FAR", "HASH_EDIT_REFUSED", "HASH_NOT_RECORDED", "HASH_WRITE_FAILED", "LOOKALIKE",
    "NOT_COMPARED", "NOT_FOUND", "NO_ARCHIVE", "NUMBER_CUT", "QUALIFIER_DIFFERS",
    "QUOTE_TEXT_UNVERIFIED", "SEVERAL_COPIES", "TRANSLATION_NUMBERS_DIFFER", "UNREADABLE_COPY",
]

# --- FS400-FS499 (check helper)
NO_ARCHIVE = Rule(
    "FS400", "no-archive", "warning",
    "no archived copy of `{source}`{recorded}; {count} citation{plural} of it cannot be "
    "checked", "save the article as {looked}.txt (or .html, .md){elsewhere}",
    "A cited source has no saved copy, so its excerpts cannot be checked "
    "(an error under --strict).",
    why="An excerpt with no saved copy cannot be checked, and the sheet must not look "
        "checked.")

NOT_FOUND = Rule(
    "FS401", "not-found", "error",
    "{what} is not found in {archive}{detail}", "{hint}",
    "An excerpt (or a quote's text) is not in the archived copy it cites.",
    why="A check mark means a reader of the saved article sees exactly these words.")

ELLIPSIS_DROPS_NEGATION = Rule(
    "FS402", "ellipsis-drops-negation", "error",
    "the words left out at `...` include {negations}: the archive ({archive}, line "
    "{at_line}) says “{passage}”",
    "an ellipsis may not leave out a negation; quote the words in full",
    "The words an excerpt leaves out at `...` include a negation or reversal (not, "
    "n't, no, never, without, zero, denied, refused, failed, yet to, false, не, нет, "
    "без, отрицал and the like), look-alike letters folded.",
    why="An ellipsis that drops a negation reverses what the article said.")

ELLIPSIS_TOO_FAR = Rule(
    "FS403", "ellipsis-too-far", "error",
    "the parts of the excerpt around `...` are {why} in {archive} (line {at_line})",
    "the parts around `...` must stand in one paragraph, at most {limit} characters "
    "apart; quote a closer passage or cite the parts separately",
    "The parts around `...` lie in different paragraphs or too far apart.",
    why="An ellipsis stitching distant passages can make a sentence the article never wrote.")

ELLIPSIS_ORDER = Rule(
    "FS404", "ellipsis-order", "error",
    "part {part} of the excerpt comes before part {before} in {archive} (line {at_line})",
    "the parts around `...` must appear in the archive's order",
    "The parts around `...` appear in the archive, but in another order.",
    why="Parts quoted out of order can make a sentence the article never wrote.")

NUMBER_CUT = Rule(
    "FS405", "number-cut", "error",
    "the excerpt's number “{number}” is only part of “{whole}” in {archive} "
    "(line {at_line})",
    "quote the number whole, as the archive prints it, and give the figure that value",
    "A number in an excerpt matches only by cutting a longer number (3 of 3,700).",
    why="'3' found inside '3,700' is not the article saying 3.")

QUOTE_TEXT_UNVERIFIED = Rule(
    "FS406", "quote-text-unverified", "error",
    "the quote's text is not in any archived copy its cites name ({archives}); only "
    "their `says` excerpts are",
    "show the speaker's words exactly as archived, or, if the text is your translation, "
    "add `translated: true` so the sheet says so",
    "A quote whose `text` differs from every cite's `says` and is in no cited copy.",
    why="A quote's words must be in a saved copy, or it is not checked.")

ARCHIVE_CHANGED = Rule(
    "FS407", "archive-changed", "warning",
    "the archived copy {archive} has changed since its hash was recorded "
    "(recorded {recorded}…, now {now}…)",
    "check that its citations still hold, then run `factsheet archive-hash` to record "
    "the new hash", "An archived copy's SHA-256 differs from `archive_sha256` "
    "(an error under --strict).",
    why="An edited copy no longer proves what the article said when it was cited.")

SEVERAL_COPIES = Rule(
    "FS408", "several-copies", "warning",
    "several archived copies: {paths}; using {used}", "keep one copy per source",
    "A source has more than one archived copy (.txt, .html, .md).",
    why="Two copies of one source may differ, so which one was checked must be unambiguous.")

UNREADABLE_COPY = Rule(
    "FS409", "unreadable-copy", "error",
    "{copy}: {problem}", "save the archived copy as UTF-8 text",
    "An archived copy cannot be read or is not UTF-8.",
    why="A copy that cannot be read verifies nothing.")

LOOKALIKE = Rule(
    "FS410", "lookalike", "warning",
    "the archived copies of `{a}` and `{b}` share {share} of their wording ({passages} "
    "of {ngram}+ words, the longest: “{example}”) but declare no common agency; they "
    "look like copies of one story",
    "if both carry the same wire story, give both `agency:` the wire service's name so "
    "they count as one report",
    "Two archived copies share long passages but declare no common agency.",
    why="Two outlets running one wire story are one report, not two independent ones.")

ARCHIVE_FOLDER_MISSING = Rule(
    "FS411", "archive-folder-missing", "warning",
    "the archive folder {folder} that this sheet declares does not exist; none of its "
    "excerpts can be checked",
    "create it and save the articles there, or correct `sheet.archive` (a path "
    "relative to the sheet's folder)",
    "`sheet.archive` names a folder that does not exist (an error under --strict).",
    why="A declared archive that is not there would leave every excerpt unchecked.")

HASH_NOT_RECORDED = Rule(
    "FS412", "hash-not-recorded", "error",
    "{problem}", "add `archive_sha256: {digest}` to it by hand",
    "`archive-hash` cannot edit this source's mapping in place.",
    why="Hashes are written into the file in place only where the edit can be read back "
        "exactly.")

HASH_EDIT_REFUSED = Rule(
    "FS413", "hash-edit-refused", "error",
    "could not record the hashes without changing the file's meaning; the file is left "
    "as it was", "add the archive_sha256 lines by hand",
    "`archive-hash` refused an edit that would change what the file says.",
    why="A hash is never recorded at the cost of changing what the fact file says.")

HASH_WRITE_FAILED = Rule(
    "FS414", "hash-write-failed", "error",
    "cannot write the file: {problem}", "check the file's permissions",
    "`archive-hash` could not write a fact file.",
    why="A hash that was not written cannot protect the copy.")

NOT_COMPARED = Rule(
    "FS415", "not-compared", "warning",
    "the archived copy {copy} is {size}, more than the {limit} that are compared with "
    "the other copies for shared wording; its excerpts are checked, but not whether it "
    "carries another source's wire story",
    "save only the article (the page's main text); if it is a wire story, give the "
    "source `agency:` so the sheet counts it as that agency's report",
    "An archived copy too long to compare for shared wording (the sheet says so too).",
    why="Very long copies are not compared for shared wording, and the sheet says so rather "
        "than implying it.")

# --- FS430-FS439 (numbers, ellipses, qualifiers, translations)
ELLIPSIS_LEAVES_OUT_TOO_MUCH = Rule(
    "FS430", "ellipsis-leaves-out-too-much", "error",
    "the excerpt leaves out {words} words at `...` in {archive} (line {at_line})",
    "an ellipsis may leave out at most {limit} words; quote a closer passage or cite "
    "the parts separately",
    "An ellipsis in an excerpt stands for more words than the documented limit (40).",
    why="An ellipsis that leaves out a long passage can join words the article never put "
        "together.")

QUALIFIER_DIFFERS = Rule(
    "FS431", "qualifier-differs", "warning",
    "the excerpt says “{phrase}”, but the figure gives {shown} (`approx: {approx}`); "
    "the citation gets no ✓",
    "set `approx: {fits}` to say what the excerpt says, or cite a passage that states "
    "the number as the figure gives it",
    "A figure's `approx` disagrees with the qualifier its excerpt puts on the number "
    "(\"more than 5,300\" for an exact or an \"about\" 5,300; at least, up to, about, "
    "nearly, a range's end; an error under --strict).",
    why="'More than 5,300' is a lower bound; printed as an exact 5,300 with a check mark, it "
        "tells readers something the article did not.")

TRANSLATION_NUMBERS_DIFFER = Rule(
    "FS432", "translation-numbers-differ", "error",
    "the translation has {only_text} where its source wording ({cite}: “{says}”) has "
    "{only_says}",
    "give the translation every number, sign, decimal and scale of the source wording, "
    "written as the sheet's language writes them (3,7 млн is 3.7 million in English)",
    "A translated quote's numbers, signs or decimal marks differ from the source wording "
    "its `says` verifies.",
    why="A translation that changes a number, a sign or a decimal mark says something other "
        "than the source it cites.")

# --- FS420-FS429 (what a reader sees; archive files)
BIDI_REORDERED = Rule(
    "FS420", "bidi-reordered", "error",
    "{what} stands in {archive} only inside text displayed in another order than it is "
    "stored (a bidi override: <bdo>, `unicode-bidi: bidi-override` or a control "
    "character such as U+202E), so no reader sees these words in this order",
    "quote the words in the order a reader of the page sees them, or cite another copy",
    "An excerpt falls in text that a bidi override shows reordered.",
    why="Text shown in another order than it is stored reads differently to a reader than to "
        "the check: '700' can be stored as '007'.")

ARCHIVE_NOT_REGULAR = Rule(
    "FS421", "archive-not-regular", "error",
    "{copy}: {problem}; it is not read",
    "save the article as an ordinary file inside the archive folder",
    "An archive path is a symlink leading out of its folder, a FIFO, a device or a "
    "folder.",
    why="A symlink out of the archive, a FIFO or a device is not a saved article; reading it "
        "could hang the run or leak another file.")

ARCHIVE_OUTSIDE = Rule(
    "FS422", "archive-outside", "error",
    "the archive folder {folder} leads outside the repository ({root}); its copies are "
    "not read", "keep the archive inside the repository (`sheet.archive`, or the "
    "sheet's archive/ folder, not a symlink to a folder elsewhere), or pass "
    "--archive-dir DIR to use a folder elsewhere on purpose",
    "A sheet's archive folder (`sheet.archive`, or archive/ as a symlink) leads outside "
    "the repository without an explicit --archive-dir.",
    why="Copies outside the repository are not part of what the desk reviewed; using them "
        "must be asked for explicitly.")

RULES: tuple[Rule, ...] = (
    NO_ARCHIVE, NOT_FOUND, ELLIPSIS_DROPS_NEGATION, ELLIPSIS_TOO_FAR, ELLIPSIS_ORDER, NUMBER_CUT,
    QUOTE_TEXT_UNVERIFIED, ARCHIVE_CHANGED, SEVERAL_COPIES, UNREADABLE_COPY, LOOKALIKE,
    ARCHIVE_FOLDER_MISSING, HASH_NOT_RECORDED, HASH_EDIT_REFUSED, HASH_WRITE_FAILED, NOT_COMPARED,
    ELLIPSIS_LEAVES_OUT_TOO_MUCH, QUALIFIER_DIFFERS, TRANSLATION_NUMBERS_DIFFER, BIDI_REORDERED,
    ARCHIVE_NOT_REGULAR, ARCHIVE_OUTSIDE,
)
