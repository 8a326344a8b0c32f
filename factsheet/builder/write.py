"""Writing a sheet's outputs as one set (all new or all old), under a lock, with plain errors."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from factsheet.errors import Diagnostic, FactsheetError, display_path
from factsheet.fsutil import write_temp

try:
    import fcntl
except ImportError:  # not POSIX: builds into one folder are not serialised there
    fcntl = None  # type: ignore[assignment]
from factsheet.rules import DISK_FULL, PERMISSION_DENIED, READ_ONLY, WRITE_FAILED

STATE = ".factsheet"  # stamps, journals and the lock live here, inside the output folder
LOCK = "lock"
JOURNAL = ".journal"
PID_WIDTH = 16
DISK_RULES = {errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EROFS: READ_ONLY,
              errno.EACCES: PERMISSION_DENIED, errno.EPERM: PERMISSION_DENIED}
DISK_ERRNOS = frozenset(DISK_RULES)


class DiskError(FactsheetError):
    """Writing an output failed for a reason of the file system; said plainly, with its rule."""

    def __init__(self, path: Path, exc: OSError) -> None:
        which = DISK_RULES.get(exc.errno or 0, WRITE_FAILED)
        self.diagnostic = which.at(display_path(path), 1, 1, "build", file=display_path(path),
                                        reason=exc.strerror or str(exc))
        super().__init__(self.diagnostic.message, self.diagnostic.path, 1, 1)

    def diagnostics(self) -> list[Diagnostic]:
        """The one located, coded diagnostic."""
        return [self.diagnostic]


@contextlib.contextmanager
def plainly(path: Path) -> Iterator[None]:
    """Turn an OSError while writing `path` into a DiskError that says what to do."""
    try:
        yield
    except DiskError:
        raise
    except OSError as exc:
        raise DiskError(path, exc) from exc


def _write_temp(target: Path, data: bytes) -> Path:
    with plainly(target):
        return write_temp(target, data)


def journal_path(out: Path, slug: str) -> Path:
    """The journal naming a set's temporaries while they are being renamed into place."""
    return out / STATE / f"{slug}{JOURNAL}"


def write_set(out: Path, slug: str, files: dict[Path, bytes]) -> None:
    """Write every file to a temporary, journal the set, then rename them all into place.

    A kill before the journal's rename leaves the old set; after it, the next build finishes
    the renames (`recover`). Each file's data is fsynced before its rename; folders are not,
    to keep builds fast: should a power cut lose some renames, the stamp (part of the set)
    holds every output's hash, so the next build sees the mixed set and rebuilds it.
    """
    written: list[Path] = []
    try:
        for target, data in files.items():
            with plainly(target):
                target.parent.mkdir(parents=True, exist_ok=True)
            written.append(_write_temp(target, data))
        journal = journal_path(out, slug)
        pairs = {str(tmp): str(target) for tmp, target in zip(written, files, strict=True)}
        jtmp = _write_temp(journal, json.dumps(pairs).encode())
        with plainly(journal):
            os.replace(jtmp, journal)  # the commit point
    except BaseException:
        for tmp in written:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
    _finish(journal, pairs)


def _finish(journal: Path, pairs: dict[str, str]) -> None:
    with plainly(journal):
        for tmp, target in pairs.items():
            if os.path.exists(tmp):
                os.replace(tmp, target)
        journal.unlink()


def recover(out: Path) -> None:
    """Finish the renames of any set a killed build had committed but not yet put in place."""
    state = out / STATE
    if not state.is_dir():
        return
    root = out.resolve()
    for journal in sorted(state.glob(f"*{JOURNAL}")):
        try:
            pairs = json.loads(journal.read_bytes())
            # A journal only ever moves files within the output folder; anything else is
            # not ours to act on (a hand-made or corrupted journal).
            if not all(Path(p).resolve().is_relative_to(root)
                       for pair in pairs.items() for p in pair):
                raise ValueError("outside")
        except (ValueError, AttributeError):  # torn or foreign: never committed by us
            journal.unlink()
            continue
        _finish(journal, pairs)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# What temp_name makes of our outputs: .<slug>.<suffix>.<pid>.tmp (a slug has no dot).
_TEMP_RE = re.compile(r"\.([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z0-9]+)\.([0-9]+)\.tmp")


def our_temp_pid(name: str, *, state: bool) -> int | None:
    """The writer's pid if `name` is a temporary a build writes (outputs, stamps, journals)."""
    from factsheet.exporters import EXPORTERS

    found = _TEMP_RE.fullmatch(name)
    if found is None:
        return None
    ours = {"json", JOURNAL.lstrip(".")} if state else {e.suffix for e in EXPORTERS.values()}
    return int(found.group(3)) if found.group(2) in ours else None


def clean_stale_temps(out: Path) -> None:
    """Delete our temporaries whose writer is gone; a live build's, and any file that is not
    a temporary of ours (a user's `.notes.tmp` in --out), are left alone."""
    for folder in (out, out / STATE):
        if not folder.is_dir():
            continue
        for tmp in folder.glob(".*.tmp"):
            pid = our_temp_pid(tmp.name, state=folder != out)
            if pid is not None and not (pid != os.getpid() and _alive(pid)) and \
                    not tmp.is_symlink() and tmp.is_file():
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@contextlib.contextmanager
def locked(out: Path, notice: Callable[[str], None] = _say) -> Iterator[None]:
    """Hold the output folder's lock; a second build waits for the first, and says so."""
    path = out / STATE / LOCK
    with plainly(out):  # said of the output folder: that is what the user chose
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, PID_WIDTH, 0).decode(errors="replace").strip() or "unknown"
            notice(f"waiting for another build of {display_path(out)}/ (pid {holder})")
            fcntl.flock(fd, fcntl.LOCK_EX)
        with plainly(out):
            # Fixed width and no truncation: rewriting the same bytes needs no new space.
            os.pwrite(fd, str(os.getpid()).encode().ljust(PID_WIDTH), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock
