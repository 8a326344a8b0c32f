"""Build progress: a bar with count and ETA on a terminal, one line per sheet otherwise."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from factsheet.builder import BuildReport, SheetResult
from factsheet.errors import display_path


class LineProgress:
    """One line per sheet: built, skipped or failed, with the time taken."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def __enter__(self) -> LineProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __call__(self, result: SheetResult, done: int, total: int) -> None:
        """Report one finished sheet."""
        print(line(result, done, total), file=self.stream, flush=True)


class BarProgress:
    """A rich progress bar; failures are printed above it as they happen."""

    def __init__(self, total: int, console: Any = None) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("ETA"), TimeRemainingColumn(), transient=True,
                                 console=console)
        self.task: Any = self.progress.add_task("sheets", total=total)

    def __enter__(self) -> BarProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def __call__(self, result: SheetResult, done: int, total: int) -> None:
        """Advance the bar; print failures so they are not lost."""
        if result.status == "failed":
            self.progress.console.print(line(result, done, total), markup=False,
                                        highlight=False)
        self.progress.update(self.task, completed=done)


def line(result: SheetResult, done: int, total: int) -> str:
    """The one-line report of a sheet."""
    width = len(str(total))
    head = f"[{done:>{width}}/{total}] {result.status:<7} {display_path(result.folder)}"
    if result.status == "skipped":
        return head + " (up to date)"
    return head + f" in {result.seconds:.2f}s"


def summary(report: BuildReport) -> str:
    """The closing line of a build."""
    return (f"{report.count('built')} built, {report.count('skipped')} up to date, "
            f"{report.count('failed')} failed in {report.seconds:.2f}s")
