"""The one report renderer: text, JSON and GitHub annotations from the same report."""

from __future__ import annotations

import json

from factsheet.errors import Diagnostic
from factsheet.report import Report, SheetReport, annotation, count_summary, render

DIAG = Diagnostic("facts/a, b/sheet.yaml", 3, 7, "error", "figures[0].value",
                  "100% wrong:\nsecond line", "fix it", "FS206")


def test_annotation_escapes_workflow_syntax() -> None:
    """Commas and colons in properties, percent signs and newlines in the text are escaped."""
    assert annotation(DIAG) == (
        "::error file=facts/a%2C b/sheet.yaml,line=3,col=7,title=FS206::"
        "figures[0].value: 100%25 wrong:%0Asecond line; fix it")


def test_one_report_three_formats() -> None:
    """Text shows items then the summary; JSON has every field; GitHub only annotates."""
    report = Report(1, [SheetReport("facts/a", False, [DIAG], "invalid: 1 error",
                                    {"counts": None})], closing=["done"], notes=["failed: a"])
    text = render(report, "text")
    assert text.out == f"{DIAG.render()}\nfacts/a: invalid: 1 error\ndone\n"
    assert text.err == "failed: a\n"
    data = json.loads(render(report, "json").out)
    assert data == {"sheets": [{"sheet": "facts/a", "valid": False, "counts": None,
                                "diagnostics": [DIAG.as_json()]}]}
    github = render(report, "github")
    assert github.out.splitlines() == [annotation(DIAG), "facts/a: invalid: 1 error", "done"]


def test_diagnostics_and_results_share_stdout_notes_go_to_stderr() -> None:
    """One stream for diagnostics in every command: stdout, before the closing lines."""
    report = Report(1, [SheetReport("facts/a", False, [DIAG])], closing=["0 built"],
                    notes=["failed: facts/a"])
    assert render(report, "text").out == DIAG.render() + "\n0 built\n"
    assert render(report, "text").err == "failed: facts/a\n"


def test_count_summary() -> None:
    """Errors and warnings are counted and pluralised."""
    warning = Diagnostic("a", 1, 1, "warning", "w", "m", code="FS306")
    assert count_summary([DIAG, DIAG, warning]) == "2 errors, 1 warning"
    assert count_summary([]) == ""
