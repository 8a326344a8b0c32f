"""The Rule type and the blocks the rules' examples are built from."""


from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, TypeVar

from factsheet.errors import Diagnostic, FactsheetError, Severity

E = TypeVar("E", bound=FactsheetError)

# Code ranges, one per stage:
#   FS0xx  usage and the file system (paths, options, writing outputs)
#   FS1xx  loading YAML (syntax, encoding, keys, tags, aliases)
#   FS2xx  the schema (types, required fields, enumerations, values, text hygiene)
#   FS3xx  cross-references, dates and the sheet's own consistency
#   FS4xx  check: excerpts and quotes against archived copies
#   FS5xx  build, templates and rendering (FS8xx: template switches)
#   FS6xx  editions: baselines, changes and retractions
#   FS7xx  authoring: new sheets, captured articles, the live preview


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
    why: str = ""  # why the rule exists: what would go wrong for a reader without it

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

    def error(self, kind: type[E], where: str = "", /, **values: Any) -> E:
        """This rule as an exception of `kind` (a usage or template error), with its code."""
        return kind(self.message.format(**values), where, code=self.code,
                    hint=self.hint.format(**values))

    def text(self, **values: Any) -> str:
        """The message and hint as one line, for errors that have no place in a fact file."""
        hint = self.hint.format(**values)
        message = self.message.format(**values)
        return f"{message}; {hint}" if hint else message


# Examples share these blocks; the example test adds a minimal sheet file unless an example
# starts with `sheet:` (then it is the sheet's only file).
AS_OF = "  as_of: 2022-01-07\n"
SHEET = "sheet:\n  title: Unrest\n" + AS_OF
SOURCE = ("sources:\n  - id: wire\n    publisher: Wire\n    title: Protests\n"
           "    published: 2022-01-07\n")
FIGURE = ("figures:\n  - id: killed\n    label: Killed\n    measure: killed\n"
           "    claimed_by: Ministry\n    cite: wire\n")


def figure(extra: str, value: str = "3") -> str:
    return SOURCE + FIGURE + f"    value: {value}\n" + extra


def sheet(extra: str) -> str:
    return SHEET + extra


YAML_HINT = "check the indentation and quoting on this line and the one before"
QUOTE_IT = "put the value in double quotes"

# A cited source and an event citing it: the examples' setting for a text in `publisher`.
EVENT = ("sources:\n  - id: a\n    publisher: \"{publisher}\"\n    title: Story\n"
          "    published: 2022-01-07\nevents:\n  - id: e\n    date: 2022-01-07\n"
          "    text: Protests began.\n    cite: a\n")
DELETE_IT = "delete it (most editors do not show it; retype the words around it to be sure)"
