"""Building one sheet: read and record its inputs, validate, check, export, write one set."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.analysis import Analysis, analyse
from factsheet.builder.options import BuildOptions, SheetResult
from factsheet.builder.stamp import stamp_bytes, stamp_path
from factsheet.builder.write import write_set
from factsheet.check.limits import long_pdf, sheet_limits
from factsheet.check.locate import archive_candidates, archive_folders
from factsheet.errors import Diagnostic, FactsheetError, LocatedError, display_path
from factsheet.exporters import EXPORTERS, Context, export
from factsheet.load.record import Record
from factsheet.load.templates import resolve_template
from factsheet.rules import RENDER_FAILED

if TYPE_CHECKING:
    from factsheet.check.verify import Verification
    from factsheet.editions import History
    from factsheet.load.sheet import Loaded
    from factsheet.model import Facts
    from factsheet.reconcile import Group


class Failed(Exception):
    """The one way a build step stops its sheet: its diagnostics say why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.render() for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass
class Run:
    """One sheet's build under way: what it read, what it found so far, since when."""

    folder: Path
    options: BuildOptions
    record: Record = field(default_factory=Record)  # every input read (rendering adds none)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # found by the steps so far
    silenced: list[Diagnostic] = field(default_factory=list)  # warnings the sheet ignores
    started: float = field(default_factory=time.perf_counter)
    loaded: Loaded | None = None  # the fact files as read, to place errors found later

    def said(self, found: list[Diagnostic]) -> None:
        """Keep a step's findings; an error among them stops the sheet (fail closed)."""
        if any(d.severity == "error" for d in found):
            raise Failed(found)
        self.diagnostics += found

    def result(self, outcome: Failed | list[Path]) -> SheetResult:
        """The sheet's result: failed with the step's reasons, or built into these files."""
        seconds = time.perf_counter() - self.started
        if isinstance(outcome, Failed):
            return SheetResult(self.folder, "failed", diagnostics=self.diagnostics
                               + outcome.diagnostics, seconds=seconds)
        return SheetResult(self.folder, "built", outcome, self.diagnostics, seconds)


def build_sheet(folder: Path, options: BuildOptions) -> SheetResult:
    """Validate and build one sheet; nothing is written unless every output was produced."""
    run = Run(folder, options)
    try:
        context = analysed(run)  # load -> validate -> check -> history -> analysis
        outputs = exported(run, context)
    except Failed as failed:
        return run.result(failed)
    return run.result(written(run, context.facts.slug, outputs))


def analysed(run: Run) -> Context:
    """The steps before any output, in order; each returns, or raises `Failed`."""
    loaded = loaded_sheet(run)
    facts, groups = validated(run, loaded)
    verification = checked(run, loaded, facts)
    told = history(run, loaded, facts, groups)
    return templated(run, Analysis(facts, groups, verification, told, tuple(run.silenced)))


def loaded_sheet(run: Run) -> Loaded:
    """Read and record the sheet's fact files."""
    # Imported here for start-up: an up-to-date build reads no YAML and needs no pydantic.
    from factsheet.load.sheet import load_sheet

    run.loaded = load_sheet(run.folder, run.record.read_sheet(run.folder))
    return run.loaded


def validated(run: Run, loaded: Loaded) -> tuple[Facts, tuple[Group, ...]]:
    """The valid facts and their groups, reconciled once for the whole build."""
    from factsheet.validate import validate  # start-up: as above

    done = validate(loaded, strict=run.options.strict, silenced=run.silenced)
    run.said(done.diagnostics)
    if done.facts is None:  # invalid without an error: never so, but never fail open
        raise Failed([])
    return done.facts, done.groups


def checked(run: Run, loaded: Loaded, facts: Facts) -> Verification:
    """The sheet's limits, then every citation against its saved article."""
    options = run.options
    limits = strict_warnings(loaded, sheet_limits(loaded, facts), options.strict, run.silenced)
    verification, found = verify(loaded, facts, options, run.record)
    # Fail closed: a quote or excerpt missing from its saved article stops the sheet.
    run.said(limits + strict_warnings(loaded, found, options.strict, run.silenced))
    return verification


def history(run: Run, loaded: Loaded, facts: Facts, groups: tuple[Group, ...]) -> History:
    """The sheet's edition among those recorded, and its changes since the baseline."""
    from factsheet.editions import history as told  # start-up: as above
    from factsheet.reconcile import as_json

    options = run.options
    try:
        found = told(loaded, facts, options.editions, options.since, run.record,
                     groups=as_json(groups))
    except FactsheetError as exc:
        raise Failed(exc.diagnostics()) from exc
    run.said(found.said(strict=options.strict))
    return found


def templated(run: Run, analysis: Analysis) -> Context:
    """What the exporters read: the analysis, and the template resolved and recorded."""
    options, facts = run.options, analysis.facts
    made = Context(analysis, progress=_teller(run.folder) if long_pdf(facts) else None)
    if any(EXPORTERS[f].uses_template for f in options.formats):
        try:
            made.template = resolve_template(options.templates,
                                             options.template or facts.sheet.template)
        except FactsheetError as exc:
            raise Failed(coded(exc)) from exc
        run.record.template(made.template)
    return made


def exported(run: Run, context: Context) -> dict[Path, bytes]:
    """Every requested output, in memory by target path; nothing is written."""
    options = run.options
    targets = [options.out / f"{context.facts.slug}.{EXPORTERS[f].suffix}"
               for f in options.formats]
    try:
        outputs = export(context, options.formats)
    except FactsheetError as exc:
        raise Failed(coded(exc, run.loaded)) from exc
    return dict(zip(targets, outputs.values(), strict=True))


def written(run: Run, slug: str, outputs: dict[Path, bytes]) -> list[Path]:
    """Write the outputs and the build stamp as one set; the outputs' paths."""
    # The record is complete now, before rendering (which adds nothing to it): a file
    # saved from here on differs from what it holds, so the next build sees the change.
    stamp = stamp_bytes(run.folder, run.options, run.record, outputs)
    write_set(run.options.out, slug, {**outputs, stamp_path(run.folder, run.options): stamp})
    return list(outputs)


def verify(loaded: Loaded, facts: Facts, options: BuildOptions,
           record: Record) -> tuple[Verification, list[Diagnostic]]:
    """Check every citation; with no archive folder anywhere, each is "no-archive" (counted)."""
    # Imported here for start-up: an up-to-date build never checks (trafilatura, rapidfuzz).
    from factsheet.check import DEFAULT_CACHE, check_sheet

    folder = loaded.folder
    declared = facts.sheet.archive
    for place in archive_folders(folder, options.archive_dir, declared):
        record.look(place)  # creating the folder is a change
    # With no archive folder anywhere the sheet says "0 of N checked": the check leaves
    # out per-source notes that would only repeat it ("recorded": unless a hash says a
    # copy exists, whose absence fails --strict as in `check --strict`).
    report = check_sheet(folder, facts, options.archive_dir, strict=options.strict,
                         loaded=loaded, cache_dir=None if options.no_cache else DEFAULT_CACHE,
                         unarchived="recorded")
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


def coded(exc: FactsheetError, loaded: Loaded | None = None) -> list[Diagnostic]:
    """An error's diagnostics, each with a rule's code (render-failed for one that has none).

    An error about the facts (e.g. too long a brief) is placed at them when `loaded` is given.
    """
    fallback = RENDER_FAILED
    if isinstance(exc, LocatedError) and loaded is not None:
        pos = loaded.pos(exc.loc, key=True)
        found = exc.located(pos.path, pos.line, pos.column)
    else:
        found = exc.diagnostics()
    return [d if d.code else replace(d, code=fallback.code, hint=d.hint or fallback.hint)
            for d in found]


def render_outputs(facts: Facts, options: BuildOptions,
                   verification: Verification | None = None) -> dict[str, bytes]:
    """Every requested output of valid facts, in memory by format name; nothing is written."""
    # Imported here for start-up: importing the check package loads its matchers.
    from factsheet.check.verify import Verification

    made = Context(analyse(facts, verification or Verification()))
    if any(EXPORTERS[f].uses_template for f in options.formats):
        made.template = resolve_template(options.templates,
                                         options.template or facts.sheet.template)
    return dict(zip(options.formats, export(made, options.formats).values(), strict=True))


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
    """The build's steps short of exporting (for `serve` and `validate --as-build`)."""
    run = Run(folder, options)
    try:
        made = analysed(run)
    except Failed as failed:
        return Prepared(folder, run.record, run.diagnostics + failed.diagnostics, None,
                        run.started, run.loaded)
    return Prepared(folder, run.record, run.diagnostics, made, run.started, run.loaded)
