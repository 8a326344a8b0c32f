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


# A cited source and an event citing it: the examples' setting for a text in `publisher`.
_EVENT = ("sources:\n  - id: a\n    publisher: \"{publisher}\"\n    title: Story\n"
          "    published: 2022-01-07\nevents:\n  - id: e\n    date: 2022-01-07\n"
          "    text: Protests began.\n    cite: a\n")
_DELETE_IT = "delete it (most editors do not show it; retype the words around it to be sure)"

RULES: tuple[Rule, ...] = (
    Rule("FS001", "no-such-path", "error",
         "{path}: no such file or folder", "check the path; it is read relative to the "
         "current folder", "A PATH, --archive-dir or --since that names nothing."),
    Rule("FS104", "unknown-key", "error",
         "unknown key `{name}`", "{suggestion}",
         "A key the schema does not have at this place.",
         "figures:\n  - id: a\n    lable: Killed\n"),
    # --- FS260-FS299 (schema helper: text hygiene, number forms, model-level value rules)
    Rule("FS260", "bidi-control", "error",
         "the text contains {char}, an invisible character that reorders the text after it{more}",
         _DELETE_IT,
         "A bidi control character (U+202A-U+202E, U+2066-U+2069) in any text: it can "
         "reverse a line of the sheet.",
         _EVENT.format(publisher="Reu\\u202eters")),
    Rule("FS261", "invisible-character", "error",
         "the text contains {char}, an invisible character that makes equal-looking text "
         "differ{more}",
         _DELETE_IT,
         "A zero-width character (U+200B-U+200D, U+2060, U+FEFF, tag characters) in any text: "
         "`Reu\\u200bters` would pass as a second agency.",
         _EVENT.format(publisher="Reu\\u200bters")),
    Rule("FS262", "quote-marks", "error",
         "the quote text {how}",
         "write the words without the marks {ends}; the sheet adds its own quote marks",
         "A quote's `text` wrapped in quote marks (or starting with one that never closes).",
         _EVENT.format(publisher="Wire") + "quotes:\n  - id: q\n    speaker: A. Person\n"
         "    text: \"\u201cWe will restore order.\u201d\"\n    cite: a\n"),
    Rule("FS263", "mixed-script", "error",
         "the word `{word}` mixes {scripts} letters ({char})",
         "retype it in one alphabet: a look-alike letter makes an equal-looking name differ",
         "A name (publisher, agency, speaker, claimed_by) with a word mixing Latin, Cyrillic "
         "or Greek letters, such as `Rеuters` with a Cyrillic `е`.",
         _EVENT.format(publisher="R\\u0435uters")),
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def rule(name_or_code: str) -> Rule:
    """Return the rule with this name (`unknown-key`) or code (`FS104`)."""
    found = BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code)
    if found is None:
        raise KeyError(f"no rule {name_or_code!r}")  # a bug of ours, not of the input
    return found
