"""Building one sheet: read and record its inputs, validate, check, export, write one set."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.builder.options import BuildOptions, SheetResult
from factsheet.builder.stamp import stamp_bytes, stamp_path
from factsheet.builder.write import write_set
from factsheet.check.limits import long_pdf, sheet_limits
from factsheet.check.locate import archive_candidates, archive_folders
from factsheet.errors import Diagnostic, FactsheetError, display_path
from factsheet.exporters import EXPORTERS, Context, export
from factsheet.load.record import Record
from factsheet.load.sheet import where
from factsheet.load.templates import resolve_template
from factsheet.rules import NO_ARCHIVE, RENDER_FAILED

if TYPE_CHECKING:
    from factsheet.check.verify import Verification
    from factsheet.load.sheet import Loaded
    from factsheet.model import Facts


def verify(loaded: Loaded, facts: Facts, options: BuildOptions,
           record: Record) -> tuple[Verification, list[Diagnostic]]:
    """Check every citation; with no archive folder anywhere, each is "no-archive" (counted)."""
    # Imported here for start-up: an up-to-date build never checks (trafilatura, rapidfuzz).
    from factsheet.check import DEFAULT_CACHE, check_sheet

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
        # A source that records its copy's hash says a copy exists: its absence is said,
        # and fails --strict as in `check --strict`.
        hashed = {where(("sources", i)) for i, s in enumerate(facts.sources) if s.archive_sha256}
        no_archive = NO_ARCHIVE.code
        report.diagnostics = [d for d in report.diagnostics
                              if d.code != no_archive or d.where in hashed]
    for source in facts.sources:
        used = report.archives.get(source.id)
        for path in archive_candidates(folder, source.id, options.archive_dir, declared):
            if used is not None and path == used.path:
                record.saw(path, used.sha256)  # exactly the bytes the check read
            else:
                record.look(path)
    return report.verification, report.diagnostics


_STEP = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")


def strict_warnings(loaded: Loaded, diags: list[Diagnostic], strict: bool,
                    silenced: list[Diagnostic]) -> list[Diagnostic]:
    """The check's and the limits' findings: under --strict every warning is an error, as
    validation's are, unless the entry's or the sheet's `ignore` silences it."""
    from factsheet.validate import ignored_codes

    kept: list[Diagnostic] = []
    for d in diags:
        if d.severity != "warning":
            kept.append(d)
            continue
        loc = tuple(int(n) if n else name for name, n in _STEP.findall(d.where))
        if d.code in ignored_codes(loaded.data, loc):
            silenced.append(d)
        else:
            kept.append(d.as_error() if strict else d)
    return kept


def _teller(folder: Path) -> Callable[[str], None]:
    """Say a long PDF's stages on stderr, one line each, so a long build is not silent."""
    shown = display_path(folder)

    def tell(stage: str) -> None:
        print(f"  {shown}: {stage}", file=sys.stderr, flush=True)

    return tell


def _failed(folder: Path, diags: list[Diagnostic], started: float) -> SheetResult:
    return SheetResult(folder, "failed", diagnostics=diags, seconds=time.perf_counter() - started)


def coded(exc: FactsheetError) -> list[Diagnostic]:
    """An error's diagnostics, each with a rule's code (render-failed for one that has none)."""
    fallback = RENDER_FAILED
    return [d if d.code else replace(d, code=fallback.code, hint=d.hint or fallback.hint)
            for d in exc.diagnostics()]


def render_outputs(facts: Facts, options: BuildOptions,
                   verification: Verification | None = None) -> dict[str, bytes]:
    """Every requested output of valid facts, in memory by format name; nothing is written."""
    # Imported here for start-up: importing the check package loads its matchers.
    from factsheet.check.verify import Verification

    context = Context(facts, verification or Verification())
    if any(EXPORTERS[f].uses_template for f in options.formats):
        context.template = resolve_template(options.templates,
                                            options.template or facts.sheet.template)
    return dict(zip(options.formats, export(context, options.formats).values(), strict=True))


@dataclass
class Prepared:
    """A sheet read, validated and checked, its template resolved: ready to export, or failed."""

    folder: Path
    record: Record  # every input read so far (rendering adds nothing to it)
    diagnostics: list[Diagnostic]
    context: Context | None  # None: the sheet failed, and `diagnostics` say why
    started: float
    loaded: Loaded | None = None  # the fact files as read, to place errors found later


def prepare_sheet(folder: Path, options: BuildOptions) -> Prepared:
    """Read, record, validate and check one sheet, and resolve its template; write nothing."""
    # Imported here for start-up: an up-to-date build reads no YAML and needs no pydantic.
    from factsheet.load.sheet import load_sheet
    from factsheet.validate import validate_loaded

    started = time.perf_counter()
    record = Record()
    loaded = load_sheet(folder, record.read_sheet(folder))
    silenced: list[Diagnostic] = []
    facts, diags = validate_loaded(loaded, strict=options.strict, silenced=silenced)
    if facts is None:
        return Prepared(folder, record, diags, None, started, loaded)
    # Said before the long part starts.
    limits = strict_warnings(loaded, sheet_limits(loaded, facts), options.strict, silenced)
    diags = diags + limits
    verification, checked = verify(loaded, facts, options, record)
    checked = strict_warnings(loaded, checked, options.strict, silenced)
    diags = diags + checked
    if any(d.severity == "error" for d in limits + checked):
        # Fail closed: a quote or excerpt missing from its saved article stops the sheet.
        return Prepared(folder, record, diags, None, started, loaded)
    from factsheet.editions import history  # start-up: as above

    try:
        told = history(loaded, facts, options.editions, options.since, record)
    except FactsheetError as exc:
        return Prepared(folder, record, diags + exc.diagnostics(), None, started, loaded)
    said = told.said(strict=options.strict)
    diags = diags + said
    if any(d.severity == "error" for d in said):
        return Prepared(folder, record, diags, None, started, loaded)
    context = Context(facts, verification, silenced=silenced, history=told,
                      progress=_teller(folder) if long_pdf(facts) else None)
    if any(EXPORTERS[f].uses_template for f in options.formats):
        try:
            context.template = resolve_template(options.templates,
                                                options.template or facts.sheet.template)
        except FactsheetError as exc:
            return Prepared(folder, record, diags + coded(exc), None, started, loaded)
        record.template(context.template)
    return Prepared(folder, record, diags, context, started, loaded)


def build_sheet(folder: Path, options: BuildOptions) -> SheetResult:
    """Validate and build one sheet; nothing is written unless every output was produced."""
    prepared = prepare_sheet(folder, options)
    diags, context, started = prepared.diagnostics, prepared.context, prepared.started
    if context is None or prepared.loaded is None:
        return _failed(folder, diags, started)
    facts, loaded = context.facts, prepared.loaded
    # The record is complete now, before rendering (which adds nothing to it): a file
    # saved from here on differs from what it holds, so the next build sees the change.
    targets = [options.out / f"{facts.slug}.{EXPORTERS[f].suffix}" for f in options.formats]
    try:
        outputs = export(context, options.formats)
    except FactsheetError as exc:
        loc = getattr(exc, "loc", None)
        if loc is not None:  # an error about the facts (e.g. too long a brief): point at them
            pos = loaded.pos(loc, key=True)
            exc.path, exc.line, exc.column = pos.path, pos.line, pos.column
        return _failed(folder, diags + coded(exc), started)
    files = dict(zip(targets, outputs.values(), strict=True))
    files[stamp_path(folder, options)] = stamp_bytes(folder, options, prepared.record, files)
    write_set(options.out, facts.slug, files)
    return SheetResult(folder, "built", targets, diags, time.perf_counter() - started)
