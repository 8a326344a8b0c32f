"""Archives: where a source's saved copy is, reading and decoding it."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

# Where copies may be is check/locate.py's knowledge; re-exported for the check's callers.
from factsheet.check.locate import ARCHIVE_SUFFIXES as ARCHIVE_SUFFIXES
from factsheet.check.locate import archive_candidates as archive_candidates
from factsheet.check.match import Outcome, search
from factsheet.check.normalise import Normal, normalise, normalise_blocks
from factsheet.check.segments import excerpt_segments
from factsheet.errors import ArchiveError, display_path
from factsheet.rules import ARCHIVE_NOT_REGULAR, UNREADABLE_COPY

if TYPE_CHECKING:
    from factsheet.check.extract import Visible

# A plain-text copy larger than this is streamed: hashed and its UTF-8 checked block by block
# when read, then normalised block by block when an excerpt is first searched in it. Its text
# is never held whole beside its normal text.
STREAM_BYTES = 8_000_000
BLOCK = 1 << 20


class Archive:
    """One source's archived copy: its hash, size, and (lazily) its text."""

    def __init__(self, source_id: str, path: Path, raw: bytes | None, *,
                 streamed: tuple[int, str] | None = None) -> None:
        self.source_id = source_id
        self.path = path
        self.suffix = path.suffix.lower()
        # The bytes are not kept: their hash and size are all that is asked of them later,
        # and a long copy would otherwise be held three times (bytes, text, normal text).
        if raw is None and streamed is not None:
            self.size, self.sha256 = streamed
            self.source: str | None = None
        else:
            raw = raw or b""
            self.size = len(raw)
            self.sha256 = hashlib.sha256(raw).hexdigest()
            self.source = decode(path, raw)

    @property
    def shown(self) -> str:
        """The archive's path as messages show it."""
        return display_path(self.path)

    @cached_property
    def visible(self) -> Visible | None:
        """What a reader sees of an HTML or Markdown copy (None for plain text)."""
        # Imported here for start-up: the HTML parser and CSS cascade load only when a
        # copy is read, never in a build with no archive.
        from factsheet.check.extract import html_visible, markdown_visible

        if self.source is None:
            return None
        if self.suffix in (".html", ".htm"):
            return html_visible(self.source)
        if self.suffix == ".md":
            return markdown_visible(self.source)
        return None

    @cached_property
    def normal(self) -> Normal:
        """The normalised text that excerpts are matched against."""
        if self.source is None:
            return self._streamed_normal()
        seen = self.visible
        if seen is not None:
            return normalise(seen.text, seen.runs)
        from factsheet.check.extract import plain_text  # start-up: as above

        return normalise(*plain_text(self.source))

    def search(self, excerpt: str) -> Outcome:
        """Search an excerpt; a miss that stands in reordered text says so (FS420)."""
        outcome = search(self.normal, excerpt)
        seen = self.visible
        if outcome.status == "verified" or seen is None or not seen.reordered:
            return outcome
        parts = [_folded(p) for p in excerpt_segments(excerpt) if _folded(p)]
        runs = [_folded(r) for r in seen.reordered]
        if any(r and (r in p or p in r) for p in parts for r in runs):
            return Outcome("not-found", rule="bidi-reordered",
                           values={"what": "the excerpt"})
        return outcome

    def _streamed_normal(self) -> Normal:
        # Read a second time: the bytes normalised must be the bytes hashed, or the sheet
        # would record one copy and have been checked against another.
        digest = hashlib.sha256()
        normal = normalise_blocks(text for _, text in _decoded_blocks(self.path, digest))
        if digest.hexdigest() != self.sha256:
            raise ArchiveError("the archived copy changed while it was being checked; "
                               "check again", self.shown, code=_UNREADABLE)
        return normal


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


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
        # utf-8-sig counts from after a byte-order mark.
        at = exc.start + (len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0)
        line = raw.count(b"\n", 0, at) + 1
        raise ArchiveError(f"the archived copy is not UTF-8 (byte 0x{raw[at]:02x} "
                           f"on line {line})", display_path(path), line, 1,
                           code=_UNREADABLE) from exc


# Both ways a copy can fail to read are this rule (the check reports them at the source).
_UNREADABLE = UNREADABLE_COPY.code


def find_archive(folder: Path, source_id: str, archive_dir: Path | None,
                 declared: str | None = None) -> list[Path]:
    """Return the archived copies present for a source (as any kind of file), preferred first."""
    return [p for p in archive_candidates(folder, source_id, archive_dir, declared)
            if _present(p)]


def repository(folder: Path) -> Path:
    """The repository a sheet lives in: the nearest folder holding .git; else the working
    folder, when the sheet is in it; else the folder that holds the folder of sheets."""
    here = folder.resolve()
    for place in (here, *here.parents):
        if (place / ".git").exists():
            return place
    cwd = Path.cwd().resolve()
    return cwd if here.is_relative_to(cwd) else here.parent.parent


def outside(folder: Path, archive: Path) -> Path | None:
    """The repository, when a declared archive folder lies outside it (else None)."""
    root = repository(folder)
    return None if archive.resolve().is_relative_to(root) else root


def _present(path: Path) -> bool:
    try:
        os.lstat(path)
    except OSError:
        return False
    return True


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
NOT_REGULAR = ARCHIVE_NOT_REGULAR.code


def _refused(path: Path, problem: str) -> ArchiveError:
    return ArchiveError(problem, display_path(path), code=NOT_REGULAR)


def regular(path: Path) -> Path:
    """The file a copy's path holds: refused (never opened) unless a regular file in its folder."""
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            target = path.resolve(strict=True)
            if not target.is_relative_to(path.parent.resolve()):
                raise _refused(path, "a symlink that leads out of its archive folder")
            mode = os.stat(target).st_mode
            path = target
    except (OSError, RuntimeError) as exc:
        raise _refused(path, "a symlink that leads nowhere") from exc
    for test, kind in _KINDS:
        if test(mode):
            raise _refused(path, f"{kind}, not a regular file")
    if not stat.S_ISREG(mode):
        raise _refused(path, "not a regular file")
    return path


def _open(path: Path) -> Any:
    """Open a checked regular file without following a link or waiting on a pipe."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since it was checked
        os.close(fd)
        raise _refused(path, "not a regular file")
    return os.fdopen(fd, "rb")


def read_archive(source_id: str, path: Path) -> Archive:
    """Read one archived copy, or raise ArchiveError."""
    real = regular(path)
    try:
        if path.suffix.lower() not in _WHOLE and os.stat(real).st_size > STREAM_BYTES:
            digest = hashlib.sha256()
            size = sum(n for n, _ in _decoded_blocks(real, digest))
            return Archive(source_id, path, None, streamed=(size, digest.hexdigest()))
        with _open(real) as f:
            raw = f.read()
    except OSError as exc:
        raise ArchiveError(f"cannot read the archived copy: {exc.strerror}",
                           display_path(path), code=_UNREADABLE) from exc
    return Archive(source_id, path, raw)


_WHOLE = (".html", ".htm", ".md")  # extracted from the whole document, never streamed


def _decoded_blocks(path: Path, digest: Any) -> Iterator[tuple[int, str]]:
    """A plain-text copy block by block, (bytes read, text), hashing the bytes as read."""
    # Plain UTF-8, the byte-order mark dropped by hand: utf-8-sig would shift the offsets of
    # an error by the mark's three bytes.
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 1
    started = False
    with _open(regular(path)) as f:
        while True:
            block = f.read(BLOCK)
            digest.update(block)
            pending = decoder.getstate()[0]  # the start of a character cut at the last block
            try:
                text = decoder.decode(block, final=not block)
                if text and not started:
                    started = True
                    text = text.removeprefix("\ufeff")
            except UnicodeDecodeError as exc:
                # The error's offsets count the held-back bytes first, then this block.
                data = pending + block
                at = min(exc.start, len(data) - 1)
                line = lines + data.count(b"\n", len(pending), max(at, len(pending)))
                raise ArchiveError(f"the archived copy is not UTF-8 (byte 0x{data[at]:02x} "
                                   f"on line {line})", display_path(path), line, 1,
                                   code=_UNREADABLE) from exc
            lines += block.count(b"\n")
            yield len(block), text
            if not block:
                return
