"""Building one sheet: read and record its inputs, validate, check, export, write one set."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.build.options import BuildOptions, SheetResult
from factsheet.build.stamp import stamp_bytes, stamp_path
from factsheet.build.write import write_set
from factsheet.errors import Diagnostic, FactsheetError, display_path
from factsheet.exporters import EXPORTERS, Context, export
from factsheet.limits import long_pdf, sheet_limits
from factsheet.project import Record, archive_candidates, archive_folders, resolve_template

if TYPE_CHECKING:
    from factsheet.load import Loaded
    from factsheet.model import Facts
    from factsheet.verify import Verification


def verify(loaded: Loaded, facts: Facts, options: BuildOptions,
           record: Record) -> tuple[Verification, list[Diagnostic]]:
    """Check every citation; with no archive folder anywhere, each is "no-archive" (counted)."""
    from factsheet.check import DEFAULT_CACHE, check_sheet
    from factsheet.rules import rule

    folder = loaded.folder
    declared = facts.sheet.archive
    places = archive_folders(folder, options.archive_dir, declared)
    for place in places:
        record.look(place)  # creating the folder is a change
    # With no archive folder anywhere the check still runs: every citation is "no-archive",
    # so the sheet says "0 of N checked"; its per-source notes would only repeat that. A
    # declared folder that is missing is the check's own finding (an error under --strict).
    anywhere = any(place.is_dir() for place in places)
    report = check_sheet(folder, facts, options.archive_dir, strict=options.strict,
                         loaded=loaded, cache_dir=None if options.no_cache else DEFAULT_CACHE)
    if not anywhere:
        no_archive = rule("no-archive").code
        report.diagnostics = [d for d in report.diagnostics if d.code != no_archive]
    for source in facts.sources:
        used = report.archives.get(source.id)
        for path in archive_candidates(folder, source.id, options.archive_dir, declared):
            if used is not None and path == used.path:
                record.saw(path, used.sha256)  # exactly the bytes the check read
            else:
                record.look(path)
    return report.verification, report.diagnostics


def _teller(folder: Path) -> Callable[[str], None]:
    """Say a long PDF's stages on stderr, one line each, so a long build is not silent."""
    shown = display_path(folder)

    def tell(stage: str) -> None:
        print(f"  {shown}: {stage}", file=sys.stderr, flush=True)

    return tell


def _failed(folder: Path, diags: list[Diagnostic], started: float) -> SheetResult:
    return SheetResult(folder, "failed", diagnostics=diags, seconds=time.perf_counter() - started)


def _coded(exc: FactsheetError) -> list[Diagnostic]:
    """A render error's diagnostics with its rule's code and hint (render-failed by default)."""
    from factsheet.rules import rule

    out = []
    for d in exc.diagnostics():
        found = rule(d.code or exc.code or "render-failed")
        out.append(replace(d, code=found.code, hint=d.hint or found.hint))
    return out


def build_sheet(folder: Path, options: BuildOptions) -> SheetResult:
    """Validate and build one sheet; nothing is written unless every output was produced."""
    from factsheet.load import load_sheet
    from factsheet.validate import validate_loaded

    started = time.perf_counter()
    record = Record()
    loaded = load_sheet(folder, record.read_sheet(folder))
    silenced: list[Diagnostic] = []
    facts, diags = validate_loaded(loaded, strict=options.strict, silenced=silenced)
    if facts is None:
        return _failed(folder, diags, started)
    diags = diags + sheet_limits(loaded, facts)  # said before the long part starts
    verification, checked = verify(loaded, facts, options, record)
    diags = diags + checked
    if any(d.severity == "error" for d in checked):
        # Fail closed: a quote or excerpt missing from its saved article stops the sheet.
        return _failed(folder, diags, started)
    context = Context(facts, verification, silenced=silenced,
                      progress=_teller(folder) if long_pdf(facts) else None)
    try:
        if any(EXPORTERS[f].uses_template for f in options.formats):
            context.template = resolve_template(options.templates, facts.sheet.template)
            record.template(context.template)
        # The record is complete now, before rendering (which adds nothing to it): a file
        # saved from here on differs from what it holds, so the next build sees the change.
        targets = [options.out / f"{facts.slug}.{EXPORTERS[f].suffix}" for f in options.formats]
        outputs = export(context, options.formats)
    except FactsheetError as exc:
        return _failed(folder, diags + _coded(exc), started)
    files = dict(zip(targets, outputs.values(), strict=True))
    files[stamp_path(folder, options)] = stamp_bytes(folder, options, record, files)
    write_set(options.out, facts.slug, files)
    return SheetResult(folder, "built", targets, diags, time.perf_counter() - started)
