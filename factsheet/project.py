"""The record of a sheet's inputs: which files a sheet is made of, and the bytes actually read."""

from __future__ import annotations

import hashlib
import importlib.resources
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from factsheet.errors import TemplateError, UsageError, display_path
from factsheet.rules import rule

FACT_SUFFIXES = (".yaml", ".yml")
# Looked for in this order; the first that exists is the archived copy.
# A page as fetched outranks any text extracted from it: the check reads what it shows.
ARCHIVE_SUFFIXES = (".html", ".md", ".txt")
DEFAULT_ARCHIVE = "archive"
BASE_TEMPLATE = "briefing"
ENTRY = "sheet.html"
PACKAGE = Path(__file__).resolve().parent


# --- sheets and their fact files ---

def sheet_files(folder: Path) -> list[Path]:
    """Return the folder's fact files in file-name order."""
    try:
        return sorted(
            (p for p in _entries(folder) if p.suffix in FACT_SUFFIXES and _file_or_dangling(p)),
            key=lambda p: p.name,
        )
    except OSError as exc:
        raise rule("unreadable-folder").error(UsageError, str(folder), path=folder,
                                              reason=exc.strerror or str(exc)) from exc


def _entries(folder: Path) -> list[Path]:
    return list(folder.iterdir())


def _file_or_dangling(path: Path) -> bool:
    """A file, or a symlink to nothing: reading it must fail loudly (FS110), not skip it."""
    # Left out, a dangling figures.yaml would build the sheet without its figures.
    return path.is_file() or (path.is_symlink() and not path.exists())


def find_sheets(paths: list[Path]) -> list[Path]:
    """Expand paths to sheet folders: a folder with fact files, or a folder of such folders."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            raise rule("no-such-path").error(UsageError, str(path), path=path)
        loose = sheet_files(path)
        subs = sorted(p for p in _entries(path)
                      if p.is_dir() and not p.name.startswith(".") and sheet_files(p))
        if loose and subs:
            # Either reading would silently ignore files: the loose ones or the sheets.
            raise rule("loose-fact-file").error(UsageError, str(loose[0]), file=loose[0],
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
            raise rule("unreadable-revision").error(
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


# --- archived copies ---

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


# --- templates ---

def packaged_templates() -> Path:
    """The templates shipped inside the package (see pyproject's package-data)."""
    shipped = Path(str(importlib.resources.files("factsheet") / "templates"))
    if (shipped / BASE_TEMPLATE / ENTRY).is_file():
        return shipped
    return PACKAGE.parent / "templates"  # a source checkout run in place


def default_templates() -> Path:
    """The templates folder: ./templates when present, else the one shipped with the package."""
    here = Path("templates")
    return here if here.is_dir() else packaged_templates()


def template_error(rule_name: str, path: str, line: int = 0, **values: Any) -> TemplateError:
    """A TemplateError worded and coded by rule `name`."""
    from factsheet.rules import rule

    found = rule(rule_name)
    # Lines and columns count from 1: a template folder or file as a whole is at 1:1.
    return TemplateError(found.message.format(**values), display_path(path), line or 1, 1,
                         code=found.code, hint=found.hint.format(**values))


@dataclass(frozen=True)
class Template:
    """A resolved template: its folder and the folders it may fall back to for assets."""

    name: str
    folder: Path
    chain: tuple[Path, ...]

    def asset(self, name: str) -> Path:
        """Return the first file called `name` along the chain."""
        for folder in self.chain:
            candidate = folder / name
            if candidate.is_file():
                target = candidate.resolve()
                if not any(target.is_relative_to(root.resolve()) for root in self.chain):
                    raise template_error("template-outside", str(candidate), file=name,
                                         target=target)
                return candidate
        raise template_error("template-not-found", str(self.folder),
                             message=f"template `{self.name}` has no `{name}` (looked in "
                             + ", ".join(str(f) for f in self.chain) + ")")


def resolve_template(root: Path, name: str) -> Template:
    """Find template `name` under `root`; a custom template falls back to the briefing base."""
    folder = root / name
    if not (folder / ENTRY).is_file():
        available = sorted(p.name for p in root.iterdir() if (p / ENTRY).is_file()) \
            if root.is_dir() else []
        raise template_error(
            "template-not-found", str(folder),
            message=f"template `{name}` not found: {folder / ENTRY} does not exist (available: "
            f"{', '.join(available) or 'none'})")
    chain = [folder.resolve()]
    base = (root / BASE_TEMPLATE).resolve()
    if base != chain[0] and base.is_dir():
        chain.append(base)
    return Template(name, chain[0], tuple(chain))


# --- the record of what was read ---

def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _listing(folder: Path, pattern: str) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.glob(pattern) if _file_or_dangling(p))


@lru_cache(maxsize=1)
def package_digest() -> str:
    """One hash of the package's source and shipped templates: an upgrade or an edit rebuilds.

    The shipped templates count too: labels fall back to them whatever --templates says.
    """
    digest = hashlib.sha256()
    for root, pattern in ((PACKAGE, "*.py"), (packaged_templates(), "*")):
        for path in sorted(p for p in root.rglob(pattern) if p.is_file()):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@dataclass
class Record:
    """What a sheet's build read: file -> SHA-256 of the bytes (None: absent), and listings."""

    files: dict[str, str | None] = field(default_factory=dict)
    listings: dict[str, list[str]] = field(default_factory=dict)

    def read(self, path: Path) -> bytes:
        """Read a file and record the hash of exactly the bytes returned."""
        data = path.read_bytes()
        self.files[str(path)] = _sha256(data)
        return data

    def saw(self, path: Path, sha256: str | None) -> None:
        """Record a file read elsewhere by its hash, or None for one whose absence matters."""
        self.files[str(path)] = sha256

    def look(self, path: Path) -> None:
        """Record a file's current state without using its bytes (its existence matters)."""
        try:
            self.saw(path, _sha256(path.read_bytes()))
        except (IsADirectoryError, PermissionError):
            self.saw(path, "folder")
        except (FileNotFoundError, NotADirectoryError):
            self.saw(path, None)

    def list(self, folder: Path, pattern: str) -> list[str]:
        """List a folder's files matching `pattern`; a file added or removed is a change."""
        names = _listing(folder, pattern)
        self.listings[f"{folder}\0{pattern}"] = names
        return names

    def read_sheet(self, folder: Path) -> dict[str, bytes | OSError]:
        """The sheet's fact files by name, read once and recorded (an unreadable one: its error)."""
        for suffix in FACT_SUFFIXES:
            self.list(folder, f"*{suffix}")
        out: dict[str, bytes | OSError] = {}
        for path in sheet_files(folder):
            try:
                out[path.name] = self.read(path)
            except OSError as exc:
                self.saw(path, None)
                out[path.name] = exc
        return out

    def template(self, template: Template) -> None:
        """Record every file of the template chain, and each folder's listing."""
        for root in template.chain:
            for name in self.list(root, "**/*"):
                self.look(root / name)

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready form, for the build's stamp."""
        return {"files": self.files, "listings": self.listings}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        """Read back a record saved with `as_json`."""
        return cls(dict(data["files"]), {k: list(v) for k, v in data["listings"].items()})

    def unchanged(self, seen: dict[str, str | None] | None = None) -> bool:
        """True when every recorded file and listing is as it was; `seen` caches hashes."""
        seen = {} if seen is None else seen
        for key, names in self.listings.items():
            folder, pattern = key.split("\0", 1)
            if _listing(Path(folder), pattern) != names:
                return False
        for name, digest in self.files.items():
            if name not in seen:
                now = Record()
                now.look(Path(name))
                seen[name] = now.files[name]
            if seen[name] != digest:
                return False
        return True
