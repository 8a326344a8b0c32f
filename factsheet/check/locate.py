"""Where a sheet's archived copies are: the one resolver of archive folders and file names."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

# Looked for in this order; the first that exists is the archived copy.
# A page as fetched outranks any text extracted from it: the check reads what it shows.
ARCHIVE_SUFFIXES = (".html", ".md", ".txt")
DEFAULT_ARCHIVE = "archive"


def declared_archive(data: Mapping[str, Any]) -> str | None:
    """The archive folder a sheet's raw data declares (`sheet.archive`), when it is a name."""
    head = data.get("sheet")
    declared = head.get("archive") if isinstance(head, Mapping) else None
    return declared if isinstance(declared, str) else None


def archive_root(folder: Path, archive_dir: Path | None,
                 declared: str | None = None) -> Path | None:
    """The archive folder given for a sheet: --archive-dir, else its `sheet.archive`."""
    if archive_dir is not None:
        return archive_dir
    return folder / declared if declared else None


def archive_folders(folder: Path, archive_dir: Path | None,
                    declared: str | None = None) -> list[Path]:
    """The folders a sheet's archived copies are looked for in, preferred first."""
    root = archive_root(folder, archive_dir, declared)
    if root is not None:
        # ROOT/<id>.ext, or ROOT/<slug>/<id>.ext so one folder can hold several sheets'.
        return [root, root / folder.name]
    return [folder / DEFAULT_ARCHIVE]


def archive_candidates(folder: Path, source_id: str, archive_dir: Path | None,
                       declared: str | None = None) -> list[Path]:
    """The paths where a source's archived copy may be, in order of preference."""
    return [place / f"{source_id}{s}" for place in archive_folders(folder, archive_dir, declared)
            for s in ARCHIVE_SUFFIXES]
