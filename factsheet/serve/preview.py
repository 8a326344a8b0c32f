"""The preview's state: the last good page and PDF, the current problems, rebuilt on demand."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from factsheet.builder.options import BuildOptions
from factsheet.builder.sheet import coded, prepare_sheet
from factsheet.errors import Diagnostic, FactsheetError
from factsheet.exporters import EXPORTERS, Context
from factsheet.load.record import Record


@dataclass
class Built:
    """The outcome of the latest rebuild, and the last good one."""

    generation: int = 0
    html: str | None = None  # the last good page, script-free as the build writes it
    context: Context | None = None  # the last good sheet, for its PDF
    good: int = 0  # the generation that built `context`
    problems: list[Diagnostic] = field(default_factory=list)  # errors now; [] when good
    warnings: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0


class Preview:
    """One sheet, rebuilt in memory on every change; nothing is written to build/."""

    def __init__(self, folder: Path, options: BuildOptions) -> None:
        self.folder = folder
        self.slug = folder.resolve().name
        self.options = options
        self.built = Built()
        self.record = Record()
        self.changed = threading.Condition()
        self.stopping = False
        self._pdf_lock = threading.Lock()  # WeasyPrint is not thread-safe
        self._pdf: tuple[int, bytes] | None = None  # (generation of its context, bytes)
        self.pdf_wanted = False  # someone viewed the PDF: render it ahead after each build

    def rebuild(self) -> Built:
        """Build the sheet again; keep the last good page when this build fails."""
        prepared = prepare_sheet(self.folder, self.options)
        problems = [d for d in prepared.diagnostics if d.severity == "error"]
        warnings = [d for d in prepared.diagnostics if d.severity != "error"]
        generation = self.built.generation + 1
        html, context, good = self.built.html, self.built.context, self.built.good
        if prepared.context is not None:
            try:
                html, context, good = prepared.context.html, prepared.context, generation
            except FactsheetError as exc:
                problems += coded(exc)
        seconds = time.perf_counter() - prepared.started  # the page rendered, too
        with self.changed:
            self.record = prepared.record
            self.built = Built(generation, html, context, good, problems, warnings, seconds)
            self.changed.notify_all()
        if self.pdf_wanted:
            self.pdf()
        return self.built

    def wait(self, seen: int, timeout: float) -> int:
        """Block until a build newer than `seen` (or the timeout, or stop); the generation."""
        with self.changed:
            self.changed.wait_for(lambda: self.built.generation != seen or self.stopping,
                                  timeout)
            return self.built.generation

    def stop(self) -> None:
        """Release every waiting event stream."""
        with self.changed:
            self.stopping = True
            self.changed.notify_all()

    def pdf(self) -> bytes | None:
        """The last good sheet's PDF, rendered once per good build in this warm process."""
        self.pdf_wanted = True
        with self._pdf_lock:
            built = self.built
            if built.context is None:
                return None
            key = built.good
            if self._pdf is None or self._pdf[0] != key:
                try:
                    self._pdf = (key, EXPORTERS["pdf"].export(built.context))
                except FactsheetError as exc:
                    with self.changed:
                        self.built.problems = [*self.built.problems, *coded(exc)]
                    return self._pdf[1] if self._pdf else None
            return self._pdf[1]
