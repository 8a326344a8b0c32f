"""The check cache: search outcomes stored by content hash."""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from factsheet.check.archive import Archive
from factsheet.check.match import Outcome
from factsheet.fsutil import write_atomic

DEFAULT_CACHE = Path(".factsheet-cache")
# Bump when the cached record changes shape; the key also hashes this module's source, so
# any change to extraction, normalisation or matching makes old entries miss by itself.
CACHE_VERSION = 1




def _code_digest() -> str:
    """Hash the method's source (this package and number reading), so a change misses."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    try:
        for path in [*sorted(here.glob("*.py")), here.parent / "numbers.py"]:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    except OSError:
        return "unknown"
    return digest.hexdigest()[:16]


_CODE = _code_digest()


class Cache:
    """Search outcomes by content hash; best effort, so a broken cache only costs time."""

    def __init__(self, root: Path | None) -> None:
        self.root = root / "check" if root is not None else None
        self.hits = 0

    @staticmethod
    def key(archive: Archive, excerpt: str) -> str:
        """Hash everything the outcome depends on: the method, the copy's bytes and kind."""
        blob = json.dumps([CACHE_VERSION, _CODE, archive.suffix, archive.sha256, excerpt])
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path | None:
        return self.root / key[:2] / f"{key}.json" if self.root is not None else None

    def get(self, key: str) -> Outcome | None:
        """Return a cached outcome, or None when absent or unreadable."""
        path = self._path(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            outcome = Outcome(**data)
        except (OSError, ValueError, TypeError):
            return None
        if outcome.status not in ("verified", "not-found") or not _well_typed(outcome):
            return None
        self.hits += 1
        return outcome

    def put(self, key: str, outcome: Outcome) -> None:
        """Store an outcome atomically; a cache that cannot be written is skipped."""
        path = self._path(key)
        if path is None:
            return
        with contextlib.suppress(OSError):
            write_atomic(path, json.dumps(asdict(outcome), ensure_ascii=False).encode("utf-8"))


def _well_typed(outcome: Outcome) -> bool:
    ints = (outcome.line, outcome.end_line, outcome.closest_line)
    texts = (outcome.closest, outcome.difference, outcome.reason)
    return (all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in ints)
            and all(v is None or isinstance(v, str) for v in texts)
            and (outcome.similarity is None or isinstance(outcome.similarity, int | float)))
