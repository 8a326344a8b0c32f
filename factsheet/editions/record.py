"""Edition files: editions/<slug>/NNN.json, each the facts JSON of one published build."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsheet.errors import UsageError
from factsheet.load.files import TOP_KEYS
from factsheet.rules import UNREADABLE_BASELINE

DEFAULT_EDITIONS = Path("editions")
_NAME_RE = re.compile(r"^([0-9]{3,})\.json$")
# The parts of a facts JSON that are the sheet's content; the rest (verification, changes,
# the edition's own number) describes a build of it.
CONTENT = TOP_KEYS  # the fact files' top-level keys


@dataclass(frozen=True)
class Edition:
    """One recorded edition: its number, when it describes and went out, and its facts."""

    number: int
    slug: str
    as_of: str
    issued: str
    pdf_sha256: str
    facts: dict[str, Any]
    path: Path


def edition_path(root: Path, slug: str, number: int) -> Path:
    """Where edition `number` of sheet `slug` is recorded: editions/<slug>/001.json."""
    return root / slug / f"{number:03d}.json"


def edition_numbers(root: Path, slug: str) -> list[int]:
    """The recorded edition numbers of a sheet, lowest first."""
    folder = root / slug
    if not folder.is_dir():
        return []
    found = (_NAME_RE.match(p.name) for p in folder.iterdir() if p.is_file())
    return sorted(int(m.group(1)) for m in found if m)


def latest_edition(root: Path, slug: str, before: int | None = None) -> Edition | None:
    """The sheet's highest recorded edition (below `before` when given), or None."""
    numbers = [n for n in edition_numbers(root, slug) if before is None or n < before]
    return read_edition(edition_path(root, slug, numbers[-1])) if numbers else None


def read_edition(path: Path, data: bytes | None = None) -> Edition:
    """Read an edition file; a broken one is a usage error naming the file (fail closed)."""
    try:
        raw = json.loads(path.read_bytes() if data is None else data)
        facts = raw["facts"]
        if not isinstance(facts, dict) or not isinstance(raw["edition"], int):
            raise TypeError("`facts` must be a mapping and `edition` a number")
        return Edition(raw["edition"], str(raw["slug"]), str(raw["as_of"]),
                       str(raw.get("issued") or raw["as_of"]), str(raw.get("pdf_sha256", "")),
                       facts, path)
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        problem = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise UNREADABLE_BASELINE.error(UsageError, str(path), path=path,
                                                problem=problem) from exc


def edition_bytes(number: int, facts: dict[str, Any], pdf_sha256: str) -> bytes:
    """An edition file's bytes: plain, stable JSON meant to be committed."""
    sheet = facts["sheet"]
    data = {"edition": number, "slug": facts["slug"], "as_of": sheet["as_of"],
            "issued": sheet.get("issued", sheet["as_of"]), "pdf_sha256": pdf_sha256,
            "facts": facts}
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def content(data: Any) -> Any:
    """A facts JSON's sheet content: its CONTENT keys, without the build's verification."""
    if isinstance(data, dict):
        return {k: content(v) for k, v in data.items() if k != "verification"}
    if isinstance(data, list):
        return [content(v) for v in data]
    return data


def same_facts(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two facts JSONs hold the same sheet content."""
    return all(content(a.get(k)) == content(b.get(k)) for k in CONTENT)


def differing(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """The fields (`sheet.as_of`, `figures[2].ignore`) where two facts JSONs' content differs."""
    out: list[str] = []

    def walk(path: str, x: Any, y: Any) -> None:
        if isinstance(x, dict) and isinstance(y, dict):
            for k in dict.fromkeys([*x, *y]):
                walk(f"{path}.{k}" if path else k, x.get(k), y.get(k))
        elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
            for i, (p, q) in enumerate(zip(x, y, strict=True)):
                walk(f"{path}[{i}]", p, q)
        elif x != y:
            out.append(path)

    for key in CONTENT:
        walk(key, content(a.get(key)), content(b.get(key)))
    return out
