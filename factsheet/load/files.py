"""Which fact files a sheet is made of: sheet folders, their files, a git revision's files."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path

from factsheet.errors import UsageError
from factsheet.rules import LOOSE_FACT_FILE, NO_SUCH_PATH, UNREADABLE_FOLDER, UNREADABLE_REVISION

FACT_SUFFIXES = (".yaml", ".yml")
# The fact files' top-level lists, one per kind of record: model.RECORDS gives each its model.
TOP_LISTS = ("sources", "figures", "quotes", "events")
TOP_KEYS = ("sheet", *TOP_LISTS)


def sheet_files(folder: Path) -> list[Path]:
    """Return the folder's fact files in file-name order."""
    try:
        return sorted(
            (p for p in _entries(folder) if p.suffix in FACT_SUFFIXES and file_or_dangling(p)),
            key=lambda p: p.name,
        )
    except OSError as exc:
        raise UNREADABLE_FOLDER.error(UsageError, str(folder), path=folder,
                                              reason=exc.strerror or str(exc)) from exc


def _entries(folder: Path) -> list[Path]:
    return list(folder.iterdir())


def file_or_dangling(path: Path) -> bool:
    """A file, or a symlink to nothing: reading it must fail loudly (FS110), not skip it."""
    # Left out, a dangling figures.yaml would build the sheet without its figures.
    return path.is_file() or (path.is_symlink() and not path.exists())


def find_sheets(paths: list[Path]) -> list[Path]:
    """Expand paths to sheet folders: a folder with fact files, or a folder of such folders."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            raise NO_SUCH_PATH.error(UsageError, str(path), path=path)
        loose = sheet_files(path)
        subs = sorted(p for p in _entries(path)
                      if p.is_dir() and not p.name.startswith(".") and sheet_files(p))
        if loose and subs:
            # Either reading would silently ignore files: the loose ones or the sheets.
            raise LOOSE_FACT_FILE.error(UsageError, str(loose[0]), file=loose[0],
                                                folder=path, sub=subs[0].name)
        if loose:
            found.append(path)
        else:
            found.extend(subs)
    return found


def sheet_files_at(folder: Path, rev: str) -> dict[str, bytes]:
    """The sheet's fact files as they were at git revision `rev`, for `load_sheet(folder, ...)`."""
    def git(*args: str) -> bytes:
        try:
            return subprocess.run(["git", "-C", str(folder), *args], check=True,
                                  capture_output=True).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", b"") or str(exc).encode()
            raise UNREADABLE_REVISION.error(
                UsageError, str(folder), folder=folder, rev=rev,
                detail=detail.decode(errors="replace").strip()) from exc

    names = git("ls-tree", "--name-only", rev, "./").decode().splitlines()
    return {name: git("show", f"{rev}:./{name}") for name in names
            if name.endswith(FACT_SUFFIXES)}


def distinct(sheets: Iterable[Path]) -> list[Path]:
    """The sheets in order, each folder once however it was named (`facts facts`, `./facts`)."""
    seen: dict[Path, Path] = {}
    for folder in sheets:
        seen.setdefault(folder.resolve(), folder)
    return list(seen.values())


def same_slugs(sheets: Iterable[Path]) -> dict[Path, list[Path]]:
    """Map each sheet whose slug (folder name) another sheet shares to those other folders."""
    by_slug: dict[str, list[Path]] = {}
    for folder in distinct(sheets):
        by_slug.setdefault(folder.name, []).append(folder)
    return {f: [o for o in group if o != f]
            for group in by_slug.values() if len(group) > 1 for f in group}
