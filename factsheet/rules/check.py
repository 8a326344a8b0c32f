"""The rules of one stage: check: excerpts and quotes against archived copies (FS4xx)."""

from __future__ import annotations

from factsheet.rules.base import Rule

RULES: tuple[Rule, ...] = (
    # --- FS400-FS499 (check helper)
    Rule("FS400", "no-archive", "warning",
         "no archived copy of `{source}`{recorded}; {count} citation{plural} of it cannot be "
         "checked", "save the article as {looked}.txt (or .html, .md){elsewhere}",
         "A cited source has no saved copy, so its excerpts cannot be checked "
         "(an error under --strict)."),
    Rule("FS401", "not-found", "error",
         "{what} is not found in {archive}{detail}", "{hint}",
         "An excerpt (or a quote's text) is not in the archived copy it cites."),
    Rule("FS402", "ellipsis-drops-negation", "error",
         "the words left out at `...` include {negations}: the archive ({archive}, line "
         "{at_line}) says “{passage}”",
         "an ellipsis may not leave out a negation; quote the words in full",
         "The words an excerpt leaves out at `...` include not, no, never, n't, without, nor, "
         "neither, не, нет, ни, без and the like."),
    Rule("FS403", "ellipsis-too-far", "error",
         "the parts of the excerpt around `...` are {why} in {archive} (line {at_line})",
         "the parts around `...` must stand in one paragraph, at most {limit} characters "
         "apart; quote a closer passage or cite the parts separately",
         "The parts around `...` lie in different paragraphs or too far apart."),
    Rule("FS404", "ellipsis-order", "error",
         "part {part} of the excerpt comes before part {before} in {archive} (line {at_line})",
         "the parts around `...` must appear in the archive's order",
         "The parts around `...` appear in the archive, but in another order."),
    Rule("FS405", "number-cut", "error",
         "the excerpt's number “{number}” is only part of “{whole}” in {archive} "
         "(line {at_line})",
         "quote the number whole, as the archive prints it, and give the figure that value",
         "A number in an excerpt matches only by cutting a longer number (3 of 3,700)."),
    Rule("FS406", "quote-text-unverified", "error",
         "the quote's text is not in any archived copy its cites name ({archives}); only "
         "their `says` excerpts are",
         "show the speaker's words exactly as archived, or, if the text is your translation, "
         "add `translated: true` so the sheet says so",
         "A quote whose `text` differs from every cite's `says` and is in no cited copy."),
    Rule("FS407", "archive-changed", "warning",
         "the archived copy {archive} has changed since its hash was recorded "
         "(recorded {recorded}…, now {now}…)",
         "check that its citations still hold, then run `factsheet archive-hash` to record "
         "the new hash", "An archived copy's SHA-256 differs from `archive_sha256` "
         "(an error under --strict)."),
    Rule("FS408", "several-copies", "warning",
         "several archived copies: {paths}; using {used}", "keep one copy per source",
         "A source has more than one archived copy (.txt, .html, .md)."),
    Rule("FS409", "unreadable-copy", "error",
         "{copy}: {problem}", "save the archived copy as UTF-8 text",
         "An archived copy cannot be read or is not UTF-8."),
    Rule("FS410", "lookalike", "warning",
         "the archived copies of `{a}` and `{b}` share {share} of their wording ({passages} "
         "of {ngram}+ words, the longest: “{example}”) but declare no common agency; they "
         "look like copies of one story",
         "if both carry the same wire story, give both `agency:` the wire service's name so "
         "they count as one report",
         "Two archived copies share long passages but declare no common agency."),
    Rule("FS411", "archive-folder-missing", "warning",
         "the archive folder {folder} that this sheet declares does not exist; none of its "
         "excerpts can be checked",
         "create it and save the articles there, or correct `sheet.archive` (a path "
         "relative to the sheet's folder)",
         "`sheet.archive` names a folder that does not exist (an error under --strict)."),
    Rule("FS412", "hash-not-recorded", "error",
         "{problem}", "add `archive_sha256: {digest}` to it by hand",
         "`archive-hash` cannot edit this source's mapping in place."),
    Rule("FS413", "hash-edit-refused", "error",
         "could not record the hashes without changing the file's meaning; the file is left "
         "as it was", "add the archive_sha256 lines by hand",
         "`archive-hash` refused an edit that would change what the file says."),
    Rule("FS414", "hash-write-failed", "error",
         "cannot write the file: {problem}", "check the file's permissions",
         "`archive-hash` could not write a fact file."),
    Rule("FS415", "not-compared", "warning",
         "the archived copy {copy} is {size}, more than the {limit} that are compared with "
         "the other copies for shared wording; its excerpts are checked, but not whether it "
         "carries another source's wire story",
         "save only the article (the page's main text); if it is a wire story, give the "
         "source `agency:` so the sheet counts it as that agency's report",
         "An archived copy too long to compare for shared wording (the sheet says so too)."),
    # --- FS420-FS429 (what a reader sees; archive files)
    Rule("FS420", "bidi-reordered", "error",
         "{what} stands in {archive} only inside text displayed in another order than it is "
         "stored (a bidi override: <bdo>, `unicode-bidi: bidi-override` or a control "
         "character such as U+202E), so no reader sees these words in this order",
         "quote the words in the order a reader of the page sees them, or cite another copy",
         "An excerpt falls in text that a bidi override shows reordered."),
    Rule("FS421", "archive-not-regular", "error",
         "{copy}: {problem}; it is not read",
         "save the article as an ordinary file inside the archive folder",
         "An archive path is a symlink leading out of its folder, a FIFO, a device or a "
         "folder."),
    Rule("FS422", "archive-outside", "error",
         "the archive folder {folder} leads outside the repository ({root}); its copies are "
         "not read", "keep the archive inside the repository (`sheet.archive`, or the "
         "sheet's archive/ folder, not a symlink to a folder elsewhere), or pass "
         "--archive-dir DIR to use a folder elsewhere on purpose",
         "A sheet's archive folder (`sheet.archive`, or archive/ as a symlink) leads outside "
         "the repository without an explicit --archive-dir."),
)
