"""Stage 6, build: validate first, render in memory, write atomically; parallel and incremental."""

from __future__ import annotations

import hashlib
import json
import os
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet import PACKAGED_TEMPLATES, __version__
from factsheet.errors import Diagnostic, FactsheetError, UsageError, display_path
from factsheet.fsutil import write_atomic
from factsheet.rules import rule

if TYPE_CHECKING:
    from factsheet.load import Loaded
    from factsheet.model import Facts
    from factsheet.verify import Verification

FORMATS = ("json", "html", "pdf")
STAMPS = ".factsheet"
ARCHIVE_EXTS = (".txt", ".html", ".md")


def default_templates() -> Path:
    """The templates folder: ./templates when present, else the one beside the package."""
    here = Path("templates")
    return here if here.is_dir() else PACKAGED_TEMPLATES


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; every field but `out` is part of each sheet's build key."""

    out: Path = Path("build")
    formats: tuple[str, ...] = FORMATS
    strict: bool = False
    templates: Path = field(default_factory=default_templates)
    template: str | None = None  # overrides each sheet's `sheet.template` (e.g. "brief")
    archive_dir: Path | None = None
    no_cache: bool = False  # search archives again; outputs do not depend on it

    def key(self) -> str:
        """Hash the options and the project version, which invalidate every sheet."""
        text = json.dumps([__version__, list(self.formats), self.strict,
                           str(self.templates.resolve()), self.template,
                           str(self.archive_dir.resolve()) if self.archive_dir else None])
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class SheetResult:
    """The outcome of building one sheet."""

    folder: Path
    status: str  # "built", "skipped" or "failed"
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class BuildReport:
    """The outcome of a whole build run."""

    results: list[SheetResult]
    seconds: float

    def count(self, status: str) -> int:
        """How many sheets ended with `status`."""
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> list[SheetResult]:
        """The sheets that failed, in input order."""
        return [r for r in self.results if r.status == "failed"]


def parse_formats(text: str) -> tuple[str, ...]:
    """Parse `html,pdf,json` into a tuple in canonical order."""
    asked = {part.strip() for part in text.split(",") if part.strip()}
    unknown = asked - set(FORMATS)
    if unknown or not asked:
        raise rule("bad-output-format").error(
            UsageError, found=", ".join(sorted(unknown)) or "(none)", choices=", ".join(FORMATS))
    return tuple(f for f in FORMATS if f in asked)


def facts_json(facts: Facts, verification: Verification | None = None,
               silenced: Sequence[Diagnostic] = ()) -> bytes:
    """Serialise the normalised facts, with each citation's verification status if checked."""
    from factsheet.reconcile import groups_json

    data = facts.to_json()
    data["silenced"] = [d.as_json() for d in silenced]  # warnings the sheet chose to ignore
    data["groups"] = groups_json(facts)
    if verification is not None:
        pairs = [(facts.sheet.summary, data["sheet"].get("summary", []), False)]
        pairs += [(getattr(facts, kind), data.get(kind, []), kind == "quotes")
                  for kind in ("figures", "quotes", "events")]
        for records, raws, quoted in pairs:
            for record, raw in zip(records, raws, strict=True):
                for item, cite in zip(record.cite, raw["cite"], strict=True):
                    text = item.says or (getattr(record, "text", None) if quoted else None)
                    cite["verification"] = verification.status(item.source, text)
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def archive_folder(folder: Path, options: BuildOptions) -> Path:
    """Where a sheet's archived article copies are looked for."""
    return options.archive_dir if options.archive_dir is not None else folder / "archive"


def render_outputs(facts: Facts, options: BuildOptions,
                   verification: Verification | None = None,
                   silenced: Sequence[Diagnostic] = ()) -> dict[str, bytes]:
    """Produce every requested output in memory, before anything is written."""
    from factsheet.render import render_html, resolve_template

    data = facts_json(facts, verification, silenced)
    outputs: dict[str, bytes] = {}
    if "json" in options.formats:
        outputs["json"] = data
    if "html" in options.formats or "pdf" in options.formats:
        template = resolve_template(options.templates, options.template or facts.sheet.template)
        html = render_html(facts, template, verification)
        if "html" in options.formats:
            outputs["html"] = html.encode()
        if "pdf" in options.formats:
            from factsheet.pdf import write_pdf

            outputs["pdf"] = write_pdf(html, template,
                                       created=facts.sheet.issued or facts.sheet.as_of,
                                       attachment=data, attachment_name=f"{facts.slug}.json")
    return outputs


def verify(loaded: Loaded, facts: Facts,
           options: BuildOptions) -> tuple[Verification | None, list[Diagnostic]]:
    """Check citations against archived copies when the sheet has any (strict as the build)."""
    if not archive_folder(loaded.folder, options).is_dir():
        return None, []
    from factsheet.check import DEFAULT_CACHE, check_sheet

    report = check_sheet(loaded.folder, facts, options.archive_dir, strict=options.strict,
                         loaded=loaded, cache_dir=None if options.no_cache else DEFAULT_CACHE)
    return report.verification, report.diagnostics


def build_sheet(folder: Path, options: BuildOptions) -> SheetResult:
    """Validate and build one sheet; nothing is written unless every output was produced."""
    from factsheet.load import load_sheet
    from factsheet.validate import validate_loaded

    started = time.perf_counter()
    loaded = load_sheet(folder)
    silenced: list[Diagnostic] = []
    facts, diags = validate_loaded(loaded, strict=options.strict, silenced=silenced)
    if facts is None:
        return SheetResult(folder, "failed", diagnostics=diags,
                           seconds=time.perf_counter() - started)
    verification, checked = verify(loaded, facts, options)
    diags = diags + checked
    if any(d.severity == "error" for d in checked):
        # Fail closed: a quote or excerpt missing from its saved article stops the sheet.
        return SheetResult(folder, "failed", diagnostics=diags,
                           seconds=time.perf_counter() - started)
    try:
        outputs = render_outputs(facts, options, verification, silenced)
    except FactsheetError as exc:
        loc = getattr(exc, "loc", None)
        if loc is not None:  # an error about the facts (e.g. too long a brief): point at them
            pos = loaded.pos(loc, key=True)
            exc.path, exc.line, exc.column = pos.path, pos.line, pos.column
        return SheetResult(folder, "failed", diagnostics=diags + exc.diagnostics(),
                           seconds=time.perf_counter() - started)
    written = []
    for fmt, data in outputs.items():
        target = options.out / f"{facts.slug}.{fmt}"
        write_atomic(target, data)
        written.append(target)
    _write_stamp(folder, options, facts, written)
    return SheetResult(folder, "built", written, diags, time.perf_counter() - started)


# --- incremental builds: a stamp per sheet records the content hash of every input ---

class _Hasher:
    """Content hashes, computed once per file per run (templates are shared by many sheets)."""

    def __init__(self) -> None:
        self.cache: dict[Path, str | None] = {}

    def file(self, path: Path) -> str | None:
        """The file's SHA-256; "folder" for a folder; None when nothing is there."""
        if path not in self.cache:
            try:
                self.cache[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            except IsADirectoryError:
                self.cache[path] = "folder"
            except (FileNotFoundError, NotADirectoryError):
                self.cache[path] = None
        return self.cache[path]


def _stamp_path(folder: Path, options: BuildOptions) -> Path:
    return options.out / STAMPS / f"{folder.name}.json"


def _fact_files(folder: Path) -> list[Path]:
    from factsheet.load import sheet_files

    return sheet_files(folder)


def _dependencies(folder: Path, options: BuildOptions, facts: Facts) -> list[Path]:
    """Every file whose content the sheet's outputs depend on (or whose absence they do)."""
    from factsheet.render import resolve_template

    deps = list(_fact_files(folder))
    archive = archive_folder(folder, options)
    if archive.is_dir():
        for source in facts.sources:
            deps.extend(archive / f"{source.id}{ext}" for ext in ARCHIVE_EXTS)
    else:
        deps.append(archive)  # absent; creating it is a change
    if "html" in options.formats or "pdf" in options.formats:
        template = resolve_template(options.templates, options.template or facts.sheet.template)
        for root in template.chain:
            deps.extend(sorted(p for p in root.rglob("*") if p.is_file()))
    return deps


def _write_stamp(folder: Path, options: BuildOptions, facts: Facts, outputs: list[Path]) -> None:
    hasher = _Hasher()
    deps = _dependencies(folder, options, facts)
    stamp = {
        "key": options.key(),
        "facts": sorted(p.name for p in _fact_files(folder)),
        "inputs": {str(p): hasher.file(p) for p in deps},
        "outputs": [str(p) for p in outputs],
    }
    write_atomic(_stamp_path(folder, options), json.dumps(stamp, indent=1).encode())


def up_to_date(folder: Path, options: BuildOptions, hasher: _Hasher | None = None) -> bool:
    """True when the sheet's last build used exactly the inputs and options it has now."""
    hasher = hasher or _Hasher()
    try:
        stamp = json.loads(_stamp_path(folder, options).read_text())
        if stamp["key"] != options.key():
            return False
        if stamp["facts"] != sorted(p.name for p in _fact_files(folder)):
            return False
        if any(not Path(p).is_file() for p in stamp["outputs"]):
            return False
        inputs: dict[str, str | None] = stamp["inputs"]
        return all(hasher.file(Path(p)) == digest for p, digest in inputs.items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def clean_stale_temps(out: Path) -> None:
    """Remove temporary files a killed build left behind; finished outputs are never partial."""
    for folder in (out, out / STAMPS):
        if folder.is_dir():
            for tmp in folder.glob(".*.tmp"):
                tmp.unlink(missing_ok=True)


# --- running many sheets ---

def _safe_build(folder: Path, options: BuildOptions) -> SheetResult:
    """Build one sheet in a worker; an unexpected crash fails this sheet only."""
    try:
        return build_sheet(folder, options)
    except Exception as exc:  # a bug of ours must not take the other sheets down
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        diag = Diagnostic(display_path(folder), 1, 1, "error", "build",
                          f"internal error: {detail}",
                          "please report this with the sheet that triggers it")
        return SheetResult(folder, "failed", diagnostics=[diag])


def build_all(sheets: Iterable[Path], options: BuildOptions, *, jobs: int = 0,
              force: bool = False,
              on_result: Callable[[SheetResult, int, int], None] | None = None) -> BuildReport:
    """Build many sheets: skip the up-to-date ones, build the rest in parallel processes."""
    started = time.perf_counter()
    sheets = list(sheets)
    clean_stale_temps(options.out)
    hasher = _Hasher()
    results: dict[Path, SheetResult] = {}
    todo: list[Path] = []
    done = 0

    def report(result: SheetResult) -> None:
        nonlocal done
        done += 1
        results[result.folder] = result
        if on_result is not None:
            on_result(result, done, len(sheets))

    for folder in sheets:
        if not force and up_to_date(folder, options, hasher):
            report(SheetResult(folder, "skipped"))
        else:
            todo.append(folder)
    workers = min(jobs or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        for folder in todo:
            report(_safe_build(folder, options))
    else:
        _run_pool(todo, options, workers, report)
    return BuildReport([results[f] for f in sheets], time.perf_counter() - started)


def _run_pool(todo: list[Path], options: BuildOptions, workers: int,
              report: Callable[[SheetResult], None]) -> None:
    if "pdf" in options.formats:
        # Import once here so forked workers share it instead of each paying ~0.6 CPU-s.
        import weasyprint  # noqa: F401
    # fork: workers start with everything the parent has imported.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        pending: dict[Future[SheetResult], Path] = {
            pool.submit(_safe_build, folder, options): folder for folder in todo}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                folder = pending.pop(future)
                try:
                    report(future.result())
                except BrokenProcessPool:
                    report(_crashed(folder))
                except Exception as exc:
                    report(_crashed(folder, str(exc)))


def _crashed(folder: Path, detail: str = "the worker process died") -> SheetResult:
    diag = Diagnostic(display_path(folder), 1, 1, "error", "build", f"build aborted: {detail}",
                      "run again; with --jobs 1 to see whether this sheet alone fails")
    return SheetResult(folder, "failed", diagnostics=[diag])
