"""Running many sheets: skip the up-to-date ones, build the rest in worker processes."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from factsheet.builder import sheet as _sheet
from factsheet.builder.options import BuildOptions, BuildReport, SheetResult
from factsheet.builder.stamp import other_owner, up_to_date
from factsheet.builder.write import DISK_ERRNOS, DiskError, clean_stale_temps, locked, recover
from factsheet.errors import FactsheetError, display_path
from factsheet.load.files import distinct, same_slugs
from factsheet.rules import INTERNAL_ERROR, SAME_SLUG, SHEET_LINK, WORKER_DIED, Rule

if TYPE_CHECKING:
    from concurrent.futures import Future

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Pool initializer: the kernel kills this worker when its parent dies (Linux only)."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _fail(folder: Path, which: Rule, **values: str) -> SheetResult:
    diag = which.at(display_path(folder), 1, 1, "build", severity=None, **values)
    return SheetResult(folder, "failed", diagnostics=[diag])


def safe_build(folder: Path, options: BuildOptions) -> SheetResult:
    """Build one sheet in a worker; an unexpected crash fails this sheet only."""
    try:
        return _sheet.build_sheet(folder, options)
    except FactsheetError as exc:  # e.g. the disk filled up: said plainly, located
        return SheetResult(folder, "failed", diagnostics=exc.diagnostics())
    except Exception as exc:  # a bug of ours must not take the other sheets down
        if isinstance(exc, OSError) and exc.errno in DISK_ERRNOS:
            # A full or read-only disk met elsewhere (e.g. the check's cache): plain too.
            error = DiskError(Path(exc.filename) if exc.filename else folder, exc)
            return SheetResult(folder, "failed", diagnostics=error.diagnostics())
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return _fail(folder, INTERNAL_ERROR, detail=detail)


def _same_slug(folder: Path, others: list[Path]) -> SheetResult:
    shown = ", ".join(display_path(o) for o in others)
    return _fail(folder, SAME_SLUG, slug=folder.name, others=shown)


def build_all(sheets: Iterable[Path], options: BuildOptions, *, jobs: int = 0,
              force: bool = False,
              on_result: Callable[[SheetResult, int, int], None] | None = None,
              notice: Callable[[str], None] | None = None) -> BuildReport:
    """Build many sheets under the output folder's lock; the up-to-date ones are skipped."""
    started = time.perf_counter()
    given = list(sheets)
    named, links = _links(given)
    sheets = distinct(named)
    total = len(sheets) + len(links)
    options.check()
    results: dict[Path, SheetResult] = {}
    done = 0

    def report(result: SheetResult) -> None:
        nonlocal done
        done += 1
        results[result.folder] = result
        if on_result is not None:
            on_result(result, done, total)

    with locked(options.out, **({"notice": notice} if notice else {})):
        recover(options.out)
        clean_stale_temps(options.out)
        clashes = same_slugs(sheets)
        seen: dict[str, str | None] = {}
        todo: list[Path] = []
        for link, target in links.items():
            report(_fail(link, SHEET_LINK, target=display_path(target)))
        for folder in sheets:
            owner = other_owner(folder, options)  # a clash with an earlier run's sheet
            others = clashes.get(folder) or ([owner] if owner is not None else [])
            if others:
                report(_same_slug(folder, others))
            elif not force and up_to_date(folder, options, seen):
                report(SheetResult(folder, "skipped"))
            else:
                todo.append(folder)
        workers = min(jobs or os.cpu_count() or 1, len(todo))
        if workers <= 1:
            for folder in todo:
                report(safe_build(folder, options))
        else:
            _run_pool(todo, options, workers, report)
    return BuildReport([results[f] for f in dict.fromkeys(given) if f in results],
                       time.perf_counter() - started)


def _links(sheets: list[Path]) -> tuple[list[Path], dict[Path, Path]]:
    """The sheets without the symlinks to another of them (mapped to it, to be reported)."""
    real: dict[Path, Path] = {}
    for folder in sheets:
        key = folder.resolve()
        # The folder itself is the sheet, whatever order the names come in.
        if key not in real or (real[key].is_symlink() and not folder.is_symlink()):
            real[key] = folder
    links = {f: real[f.resolve()] for f in sheets if f.is_symlink() and real[f.resolve()] != f}
    return [f for f in sheets if f not in links], links


def _run_pool(todo: list[Path], options: BuildOptions, workers: int,
              report: Callable[[SheetResult], None]) -> None:
    # Imported here: a one-sheet or -j1 build never needs them (~30 ms of a cold start).
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    if "pdf" in options.formats:
        # Import once here so forked workers share it instead of each paying ~0.6 CPU-s.
        from factsheet.pdf.native import load_weasyprint

        load_weasyprint()
    # fork: workers start with everything the parent has imported.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork"),
                             initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        pending: dict[Future[SheetResult], Path] = {
            pool.submit(safe_build, folder, options): folder for folder in todo}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                folder = pending.pop(future)
                try:
                    report(future.result())
                except BrokenProcessPool:
                    report(_fail(folder, WORKER_DIED, detail="the worker process died"))
                except Exception as exc:
                    report(_fail(folder, WORKER_DIED, detail=str(exc)))



