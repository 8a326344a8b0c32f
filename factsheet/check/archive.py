"""Archives: where a source's saved copy is, reading and decoding it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from factsheet.check.extract import html_text, markdown_text, plain_text
from factsheet.check.normalise import Normal, Runs, normalise
from factsheet.errors import ArchiveError, display_path

# Where copies may be is project.py's knowledge; re-exported for the check's callers.
from factsheet.project import ARCHIVE_SUFFIXES as ARCHIVE_SUFFIXES
from factsheet.project import archive_candidates as archive_candidates
from factsheet.rules import rule


class Archive:
    """One source's archived copy: its hash, size, and (lazily) its text."""

    def __init__(self, source_id: str, path: Path, raw: bytes) -> None:
        self.source_id = source_id
        self.path = path
        # The bytes are not kept: their hash and size are all that is asked of them later,
        # and a long copy would otherwise be held three times (bytes, text, normal text).
        self.size = len(raw)
        self.sha256 = hashlib.sha256(raw).hexdigest()
        self.suffix = path.suffix.lower()
        self.source = decode(path, raw)

    @property
    def shown(self) -> str:
        """The archive's path as messages show it."""
        return display_path(self.path)

    @cached_property
    def extracted(self) -> tuple[str, Sequence[int] | Runs]:
        """The readable text with the original line of each character."""
        if self.suffix in (".html", ".htm"):
            return html_text(self.source)
        if self.suffix == ".md":
            return markdown_text(self.source)
        return plain_text(self.source)

    @cached_property
    def normal(self) -> Normal:
        """The normalised text that excerpts are matched against."""
        text, lines = self.extracted
        return normalise(text, lines)


def decode(path: Path, raw: bytes) -> str:
    """Decode an archived copy: UTF-8, or for HTML the charset the page declares."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = None
        if path.suffix.lower() in (".html", ".htm"):
            m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", raw[:4096])
            declared = m.group(1).decode("ascii") if m else None
        if declared:
            try:
                return raw.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ArchiveError(f"the archived copy is not UTF-8 (byte 0x{raw[exc.start]:02x} "
                           f"on line {line})", display_path(path), line, 1,
                           code=_UNREADABLE) from exc


# Both ways a copy can fail to read are this rule (the check reports them at the source).
_UNREADABLE = rule("unreadable-copy").code


def find_archive(folder: Path, source_id: str, archive_dir: Path | None,
                 declared: str | None = None) -> list[Path]:
    """Return the archived copies that exist for a source, preferred first."""
    return [p for p in archive_candidates(folder, source_id, archive_dir, declared)
            if p.is_file()]


def read_archive(source_id: str, path: Path) -> Archive:
    """Read one archived copy, or raise ArchiveError."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArchiveError(f"cannot read the archived copy: {exc.strerror}",
                           display_path(path), code=_UNREADABLE) from exc
    return Archive(source_id, path, raw)
