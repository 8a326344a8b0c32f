"""The record of a sheet's inputs: the bytes a build actually read, to tell when it is stale."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.load.files import FACT_SUFFIXES, file_or_dangling, sheet_files
from factsheet.load.templates import PACKAGE, packaged_templates

if TYPE_CHECKING:
    from factsheet.load.templates import Template


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _listing(folder: Path, pattern: str) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.glob(pattern) if file_or_dangling(p))


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
