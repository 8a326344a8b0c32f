"""The one renderer of command reports: text, JSON, or GitHub workflow annotations."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from factsheet.errors import Diagnostic

ReportFormat = Literal["text", "json", "github"]
REPORT_FORMATS: tuple[ReportFormat, ...] = ("text", "json", "github")


class Located(Protocol):
    """A line of a report that stands at a place in a fact file (a verified cite, a hash)."""

    @property
    def path(self) -> str:
        """The fact file."""

    @property
    def line(self) -> int:
        """The line in it."""

    @property
    def column(self) -> int:
        """The column in it."""

    def render(self) -> str:
        """Format as one text line starting with `path:line:col:`."""


@dataclass(frozen=True)
class Notice:
    """A located line that is no problem (a change): a `notice` annotation on GitHub."""

    path: str
    line: int
    column: int
    text: str
    title: str = "notice"

    def render(self) -> str:
        """`path:line:col: text`."""
        return f"{self.path}:{self.line}:{self.column}: {self.text}"


@dataclass
class SheetReport:
    """What a command found for one sheet."""

    sheet: str  # the folder as shown
    valid: bool
    items: list[Diagnostic | Located] = field(default_factory=list)  # in output order
    summary: str = ""  # the text line after the items, after `sheet: `
    data: dict[str, Any] = field(default_factory=dict)  # JSON fields besides the diagnostics

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The report's diagnostics, without its other lines."""
        return [i for i in self.items if isinstance(i, Diagnostic)]


@dataclass
class Report:
    """What one command run found, and its exit status."""

    status: int
    sheets: list[SheetReport] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)  # text lines after every sheet
    notes: list[str] = field(default_factory=list)  # text lines for stderr
    data: dict[str, Any] = field(default_factory=dict)  # top-level JSON fields


@dataclass(frozen=True)
class Output:
    """Rendered text for stdout and stderr."""

    out: str
    err: str


def render(report: Report, fmt: ReportFormat = "text") -> Output:
    """Render a report in one of the report formats."""
    if fmt == "json":
        sheets = [{"sheet": s.sheet, "valid": s.valid, **s.data,
                   "diagnostics": [d.as_json() for d in s.diagnostics]} for s in report.sheets]
        text = json.dumps({"sheets": sheets, **report.data}, indent=2, ensure_ascii=False)
        return Output(text + "\n", "")
    lines: list[str] = []
    for sheet in report.sheets:
        if fmt == "github":
            lines += [annotation(i) for i in sheet.items if isinstance(i, Diagnostic | Notice)]
        else:
            lines += [item.render() for item in sheet.items]
        if sheet.summary:
            lines.append(f"{sheet.sheet}: {sheet.summary}")
    return Output(_lines(lines + report.closing), _lines(report.notes))


def quieted(report: Report) -> Report:
    """The report for --quiet: its diagnostics only, no summaries, closing lines or notes."""
    sheets = [SheetReport(s.sheet, s.valid, [i for i in s.items if isinstance(i, Diagnostic)],
                          "", s.data) for s in report.sheets]
    return Report(report.status, sheets, [], [], report.data)


def annotation(diag: Diagnostic | Notice) -> str:
    """A GitHub workflow command that annotates the diagnostic's line in a pull request."""
    if isinstance(diag, Notice):
        severity, title, text = "notice", diag.title, diag.text
    else:
        severity, title = diag.severity, diag.code or diag.severity
        text = f"{diag.where}: {diag.message}" + (f"; {diag.hint}" if diag.hint else "")
    props = ",".join(f"{k}={_escape(str(v), prop=True)}" for k, v in (
        ("file", diag.path), ("line", diag.line), ("col", diag.column), ("title", title)))
    return f"::{severity} {props}::{_escape(text)}"


def _escape(text: str, *, prop: bool = False) -> str:
    """Escape as the workflow-command syntax requires (`%`, newlines; `:` and `,` in props)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def by_place(*groups: list[Diagnostic] | list[Any]) -> list[Diagnostic | Located]:
    """Diagnostics and other located lines together, in file, line and column order."""
    items: list[Diagnostic | Located] = [item for group in groups for item in group]
    items.sort(key=lambda item: (item.path, item.line, item.column))
    return items


def _lines(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def count_summary(diags: list[Diagnostic]) -> str:
    """`2 errors, 1 warning`: the diagnostics counted by severity."""
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' * (errors != 1)}")
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    return ", ".join(parts)
