"""The rules table: every diagnostic's code, name, severity, message, hint and example."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

from factsheet.errors import Diagnostic, Severity

# Code ranges, one per stage:
#   FS0xx  usage and the file system (paths, options, writing outputs)
#   FS1xx  loading YAML (syntax, encoding, keys, tags, aliases)
#   FS2xx  the schema (types, required fields, enumerations, values, text hygiene)
#   FS3xx  cross-references, dates and the sheet's own consistency
#   FS4xx  check: excerpts and quotes against archived copies
#   FS5xx  build, templates and rendering


@dataclass(frozen=True)
class Rule:
    """One rule: a stable code and name, its default severity, and the words it speaks."""

    code: str  # "FS104"
    name: str  # "unknown-key"
    severity: Severity
    message: str  # a str.format template over the fields the reporting site passes
    hint: str  # how to fix it; a template too ("" when the fix is in the message)
    summary: str  # one line for the docs
    example: str = ""  # a failing input (YAML), shown in the docs and run by a test

    def fields(self) -> set[str]:
        """The names the message and hint templates need."""
        names: set[str] = set()
        for text in (self.message, self.hint):
            names |= {f for _, f, _, _ in string.Formatter().parse(text) if f}
        return names

    def at(self, path: str, line: int, column: int, where: str, *,
           severity: Severity | None = None, **values: Any) -> Diagnostic:
        """Build this rule's diagnostic at a place, filling its templates from `values`."""
        return Diagnostic(path, line, column, severity or self.severity, where,
                          self.message.format(**values), self.hint.format(**values),
                          self.code)


RULES: tuple[Rule, ...] = (
    Rule("FS001", "no-such-path", "error",
         "{path}: no such file or folder", "check the path; it is read relative to the "
         "current folder", "A PATH, --archive-dir or --since that names nothing."),
    Rule("FS104", "unknown-key", "error",
         "unknown key `{name}`", "{suggestion}",
         "A key the schema does not have at this place.",
         "figures:\n  - id: a\n    lable: Killed\n"),
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
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def rule(name_or_code: str) -> Rule:
    """Return the rule with this name (`unknown-key`) or code (`FS104`)."""
    found = BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code)
    if found is None:
        raise KeyError(f"no rule {name_or_code!r}")  # a bug of ours, not of the input
    return found
