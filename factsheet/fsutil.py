"""The one atomic file writer, so a failed or killed build never leaves a half-written file."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

# The one cache folder of a checkout (git-ignored, removed by `make clean`): check outcomes,
# native library names, compiled templates. Everything in it is an optimisation.
DEFAULT_CACHE = Path(".factsheet-cache")


def temp_name(target: Path, *, unique: bool = False) -> Path:
    """A temporary beside `target`, its writer's pid last (a sweep keeps a live writer's)."""
    # `unique` adds a random part, for a writer that may run in several threads at once.
    token = f".{secrets.token_hex(4)}" if unique else ""
    return target.with_name(f".{target.name}{token}.{os.getpid()}.tmp")


def write_temp(target: Path, data: bytes, *, unique: bool = False) -> Path:
    """Write `data` to a fresh temporary beside `target`, fsynced; nothing is left on failure."""
    tmp = temp_name(target, unique=unique)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(tmp)  # e.g. the disk filled up: leave nothing behind
        raise
    os.close(fd)
    return tmp


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Unique: the live preview renders (and caches templates) from more than one thread.
    tmp = write_temp(path, data, unique=True)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# The per-checkout secret that signs cache entries, kept beside (never inside) the cache
# folder, so a hand-edited entry in the cache cannot carry a valid signature.
KEY_FILE = ".factsheet-key"


def signing_key(path: Path) -> bytes | None:
    """Read the signing key, creating it (mode 0600) on first use; None when impossible."""
    with contextlib.suppress(FileExistsError, OSError):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32) + "\n")
    try:
        key = path.read_bytes().strip()
    except OSError:
        return None
    return key if len(key) >= 32 else None  # an empty or cut key signs nothing
