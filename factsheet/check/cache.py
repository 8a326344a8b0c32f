"""The check cache: search outcomes stored by content hash."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from factsheet.check.archive import Archive
from factsheet.check.match import Outcome
from factsheet.fsutil import DEFAULT_CACHE, KEY_FILE, signing_key, write_atomic

__all__ = ["DEFAULT_CACHE", "KEY_FILE", "Cache"]
# Bump when the cached record changes shape; the key also hashes this module's source, so
# any change to extraction, normalisation or matching makes old entries miss by itself.
CACHE_VERSION = 2




@functools.cache
def _code_digest() -> str:
    """Hash the method's source (this package, number reading and words), so a change misses."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    try:
        # Number words decide what a number token covers ("19 million").
        for path in [*sorted(here.glob("*.py")), here.parent / "validate" / "numbers.py",
                     here.parent / "validate" / "number_words.py"]:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    except OSError:
        return "unknown"
    # These decide what a reader sees of an HTML or Markdown page.
    for library in ("trafilatura", "tinyhtml5", "tinycss2", "cssselect2", "markdown-it-py"):
        with contextlib.suppress(PackageNotFoundError):
            digest.update(library.encode() + version(library).encode())
    return digest.hexdigest()[:16]


class Cache:
    """Search outcomes by content hash, signed; best effort, so a broken cache costs time."""

    def __init__(self, root: Path | None) -> None:
        self.secret = signing_key(root.parent / KEY_FILE) if root is not None else None
        self.root = root / "check" if root is not None and self.secret else None
        self.hits = 0

    @staticmethod
    def key(archive: Archive, excerpt: str) -> str:
        """Hash everything the outcome depends on: the method, the copy's bytes and kind."""
        blob = json.dumps([CACHE_VERSION, _code_digest(), archive.suffix, archive.sha256,
                           excerpt])
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path | None:
        return self.root / key[:2] / f"{key}.json" if self.root is not None else None

    def _mac(self, key: str, outcome: dict[str, Any]) -> str:
        assert self.secret is not None
        # The entry's own key is signed too, so a genuine entry copied to another key fails.
        blob = json.dumps([key, outcome], sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hmac.new(self.secret, blob, hashlib.sha256).hexdigest()

    def get(self, key: str) -> Outcome | None:
        """Return a cached outcome, or None when absent, unreadable or not signed by us."""
        path = self._path(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not hmac.compare_digest(str(data["mac"]), self._mac(key, data["outcome"])):
                return None
            outcome = Outcome(**data["outcome"])
        except (OSError, ValueError, TypeError, KeyError):
            return None
        if outcome.status not in ("verified", "not-found") or not _well_typed(outcome):
            return None
        self.hits += 1
        return outcome

    def put(self, key: str, outcome: Outcome) -> None:
        """Store a signed outcome atomically; a cache that cannot be written is skipped."""
        path = self._path(key)
        if path is None:
            return
        record = asdict(outcome)
        entry = {"outcome": record, "mac": self._mac(key, record)}
        with contextlib.suppress(OSError):
            write_atomic(path, json.dumps(entry, ensure_ascii=False).encode("utf-8"))


def _well_typed(outcome: Outcome) -> bool:
    ints = (outcome.line, outcome.end_line, outcome.closest_line)
    texts = (outcome.closest, outcome.difference, outcome.reason, outcome.rule)
    values = outcome.values or {}
    return (all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in ints)
            and all(v is None or isinstance(v, str) for v in texts)
            and isinstance(values, dict)
            and all(isinstance(v, str) for v in values.values())
            and (outcome.similarity is None or isinstance(outcome.similarity, int | float)))
