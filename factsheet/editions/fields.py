"""Two model records compared field by field, by walking their pydantic fields (no field list)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from factsheet.model import UNION_TAGS, CiteItem, Facts, Range, Span

# What describes the file or the build rather than what the sheet says: `ignore` silences
# warnings, `replaces` and `id` are how records are paired (a rename is its own change).
META = frozenset({"id", "ignore", "replaces"})
# Values read as one: a range or a span changes as a whole, never "its max changed".
WHOLE: tuple[type[BaseModel], ...] = (Range, Span)
_YEAR = re.compile(r"^[0-9]{4}$")


def same(a: Any, b: Any) -> bool:
    """Equal as the sheet shows them: a date and its precision, a time and its offset."""
    if isinstance(a, dt.date) or isinstance(b, dt.date):
        return type(a) is type(b) and a.isoformat() == b.isoformat()
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, BaseModel) and isinstance(b, BaseModel):
        return type(a) is type(b) and all(same(getattr(a, n), getattr(b, n))
                                          for n in type(a).model_fields)
    return bool(a == b) and type(a) is type(b)


def compare(path: str, a: Any, b: Any) -> Iterator[tuple[str, Any, Any]]:
    """(field path, before, after) for every leaf that differs between two values."""
    if same(a, b):
        return
    if isinstance(a, BaseModel) and type(a) is type(b) and not isinstance(a, WHOLE):
        for name in type(a).model_fields:
            if name not in META:
                yield from compare(_join(path, name), getattr(a, name), getattr(b, name))
    elif _cites(a) and _cites(b):
        yield from _cite_lists(path, a, b)
    else:
        yield path, a, b


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _cites(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, CiteItem) for v in value)


def _cite_lists(path: str, a: list[CiteItem], b: list[CiteItem]) -> Iterator[tuple[str, Any, Any]]:
    """The sources cited, then each source's n-th citation against its n-th before."""
    cited_a, cited_b = [c.source for c in a], [c.source for c in b]
    if cited_a != cited_b:
        yield path, cited_a, cited_b
    for source in dict.fromkeys(cited_b):
        mine = [c for c in a if c.source == source]
        for old, new in zip(mine, [c for c in b if c.source == source], strict=False):
            yield from compare(f"{path}.{source}", old, new)


def read_facts(data: dict[str, Any]) -> Facts:
    """A facts JSON (an edition's, a build's) as the model; ValueError when it is not one."""
    clean = _strip({k: v for k, v in data.items() if k in Facts.model_fields})
    for _ in range(3):  # a year alone is written "2019": the model reads it as the number
        try:
            return Facts.model_validate(clean)
        except ValidationError as exc:
            years = [e["loc"] for e in exc.errors() if isinstance(e.get("input"), str)
                     and _YEAR.match(e["input"]) and e["type"].startswith("date")]
            if not years:
                n = exc.error_count()
                raise ValueError(f"not facts this version reads ({n} problem{'s' * (n != 1)}"
                                 f", first at {_where(exc.errors()[0]['loc'])})") from exc
            for loc in years:
                _set(clean, loc)
    raise ValueError("not facts this version reads")


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc if p not in UNION_TAGS)


def _strip(value: Any) -> Any:
    """The facts without what a build adds to citations (their verification)."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "verification"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _set(data: Any, loc: tuple[int | str, ...]) -> None:
    """Replace the year text at `loc` (union tags skipped) by its number."""
    here, parts = data, [p for p in loc if not (p in UNION_TAGS and not _has(data, loc, p))]
    for part in parts[:-1]:
        here = here[part]
    if isinstance(here[parts[-1]], str):
        here[parts[-1]] = int(here[parts[-1]])


def _has(data: Any, loc: tuple[int | str, ...], tag: int | str) -> bool:
    """Whether a union tag in `loc` is really a key of the data on the way."""
    here = data
    for part in loc:
        if part == tag:
            return isinstance(here, dict) and tag in here
        try:
            here = here[part]
        except (KeyError, IndexError, TypeError):
            return False
    return False
