"""Atomic file writes, so a failed or killed build never leaves a half-written file."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

# The one cache folder of a checkout (git-ignored, removed by `make clean`): check outcomes,
# native library names, compiled templates. Everything in it is an optimisation.
DEFAULT_CACHE = Path(".factsheet-cache")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The writer's pid comes last, so a sweep can tell a live writer's file from a stale one.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".{os.getpid()}.tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
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
