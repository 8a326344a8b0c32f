"""The one exception hierarchy, and the diagnostics every stage reports with."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding about the input, anchored at a file, line and column."""

    path: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    where: str = field(compare=False)
    message: str = field(compare=False)
    hint: str = field(default="", compare=False)
    code: str = field(default="", compare=False)  # the rule's code, e.g. FS104

    def render(self) -> str:
        """Format as `path:line:col: severity[CODE]: where: message; hint`."""
        place = f"{self.path}:{self.line}:{self.column}"
        label = f"{self.severity}[{self.code}]" if self.code else self.severity
        text = f"{place}: {label}: {self.where}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    def as_json(self) -> dict[str, object]:
        """Return a JSON-ready mapping of this diagnostic."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "where": self.where,
            "message": self.message,
            "hint": self.hint,
        }

    def as_error(self) -> Diagnostic:
        """Return this diagnostic raised to an error (for --strict)."""
        return Diagnostic(self.path, self.line, self.column, "error", self.where, self.message,
                          self.hint, self.code)


def display_path(path: Path | str) -> str:
    """Show a path relative to the working directory when it lies below it."""
    p = Path(path)
    try:
        return os.path.relpath(p) if p.is_absolute() and _below_cwd(p) else str(p)
    except ValueError:
        return str(p)


def _below_cwd(p: Path) -> bool:
    try:
        p.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return False
    return True


class FactsheetError(Exception):
    """Base of every error factsheet raises on purpose."""

    def __init__(self, message: str, path: str = "", line: int = 0, column: int = 0, *,
                 code: str = "", hint: str = "") -> None:
        super().__init__(f"{message}; {hint}" if hint else message)  # the whole line
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.code = code  # the rule's code, e.g. FS001
        self.hint = hint  # how to fix it, kept apart from the message as in a Diagnostic

    def diagnostics(self) -> list[Diagnostic]:
        """Return this error as diagnostics (one, unless it gathers several)."""
        return [
            Diagnostic(self.path or "-", self.line, self.column, "error", "build", self.message,
                       self.hint, self.code)
        ]

    def render(self) -> str:
        """Format as the one line a usage error prints: `factsheet: error[FS001]: ...`."""
        label = f"error[{self.code}]" if self.code else "error"
        text = f"{self.message}; {self.hint}" if self.hint else self.message
        return f"factsheet: {label}: {text}"


class UsageError(FactsheetError):
    """The command was called wrongly (bad path, bad option value)."""



class FetchError(FactsheetError):
    """A fetch failed, or fetched nothing usable, for a reason outside the command (exit 1)."""


class TemplateError(FactsheetError):
    """A template is missing, broken, or asks for an asset it may not have."""


class RenderError(FactsheetError):
    """HTML or PDF rendering failed."""


class LocatedError(RenderError):
    """Rendering refused the facts themselves (e.g. too long a brief): `loc` names the entry."""

    loc: tuple[str | int, ...] = ("sheet",)  # a path into the fact files, as validation's

    def located(self, path: str, line: int, column: int) -> list[Diagnostic]:
        """This error's diagnostics, placed at the entry `loc` names (found by the caller)."""
        return [replace(d, path=path, line=line, column=column) for d in self.diagnostics()]


class ArchiveError(FactsheetError):
    """An archived article copy could not be read."""
