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
    # --- FS350-FS399 (reconcile): figure groups, see docs/format.md "Figures over time"
    Rule("FS350", "conflict-without-note", "warning",
         "the key figure `{id}` is in a conflicting group, {what}, whose reports range from "
         "{low} to {high}, and it has no `note`",
         "add `note: ...` saying how the reports differ or which one the sheet relies on",
         "A key figure whose group conflicts, with no `note` explaining the conflict.",
         "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
         "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
         "figures:\n"
         "  - {id: x, label: Arrested, measure: arrested, value: 3000, claimed_by: A, key: true,"
         " cite: a}\n"
         "  - {id: y, label: Arrested, measure: arrested, value: 3800, claimed_by: B,"
         " note: The police count., cite: b}\n"),
    Rule("FS351", "latest-rests-on-one-report", "warning",
         "the latest figure of its group rests on a single independent report ({name}), "
         "while the older `{older}` rests on {n}",
         "cite the other reports of the latest count if there are any, or check that it is "
         "the current figure",
         "A group's current figure rests on one report while an older one has more.",
         "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
         "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
         "  - {id: c, publisher: C, title: T, published: 2022-01-07}\n"
         "figures:\n"
         "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, as_of: 2022-01-06,"
         " cite: [a, b]}\n"
         "  - {id: y, label: Killed, measure: killed, value: 12, claimed_by: C, cite: c}\n"),
    Rule("FS352", "supersedes-unknown", "error",
         "`supersedes: {target}` {problem}",
         "name the id of an earlier figure with the same `measure` and `who`",
         "A `supersedes` that names no other figure counting the same thing.",
         "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
         "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
         "figures:\n"
         "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, cite: [a, b],"
         " supersedes: nope, note: Revised.}\n"),
    Rule("FS353", "supersedes-without-note", "error",
         "`supersedes: {target}` without a `note`: a revised count must say why it changed",
         "add `note: ...`, e.g. \"the ministry corrected its count\"",
         "A `supersedes` with no `note` saying why the count changed.",
         "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
         "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
         "figures:\n"
         "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, cite: a}\n"
         "  - {id: y, label: Killed, measure: killed, value: 8, claimed_by: A, cite: b,"
         " supersedes: x}\n"),
    Rule("FS354", "supersedes-later", "error",
         "`supersedes: {target}` names a figure counted later ({then}) than this one ({now})",
         "a figure can only revise a count of its own moment or an earlier one; check the "
         "dates or swap the two",
         "A figure that supersedes a later figure.",
         "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
         "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
         "figures:\n"
         "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, cite: a,"
         " as_of: 2022-01-05, supersedes: y, note: Revised.}\n"
         "  - {id: y, label: Killed, measure: killed, value: 12, claimed_by: B, cite: b}\n"),
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def rule(name_or_code: str) -> Rule:
    """Return the rule with this name (`unknown-key`) or code (`FS104`)."""
    found = BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code)
    if found is None:
        raise KeyError(f"no rule {name_or_code!r}")  # a bug of ours, not of the input
    return found
