"""Validate, cross-references: ids, citations and dates checked across the whole sheet."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from typing import Any

from factsheet.errors import Diagnostic
from factsheet.load.sheet import SLUG_RE, Loaded, Loc, where
from factsheet.model import (
    FACT_KINDS,
    RECORDS,
    Event,
    Figure,
    Model,
    Range,
    Sheet,
    Source,
    Span,
    day,
)
from factsheet.rules import (
    ACCESSED_BEFORE_PUBLISHED,
    DATE_IN_FUTURE,
    DATED_AFTER_SHEET,
    DUPLICATE_ID,
    FIGURE_AFTER_SHEET,
    MISSING_CLAIMED_BY,
    PUBLISHED_AFTER_SHEET,
    SAYS_WITHOUT_NUMBER,
    SOURCE_ID_TYPO,
    UNCITED_SOURCE,
    UNKNOWN_SOURCE,
    UPDATED_BEFORE_PUBLISHED,
)
from factsheet.suggest import closest, did_you_mean
from factsheet.validate.numbers import says_number

# A date in a zone ahead of UTC may be "tomorrow" for a moment: allow the widest offset.
_AHEAD = dt.timedelta(hours=14)

Found = tuple[Loc, Diagnostic]


def later(a: dt.date | dt.datetime, b: dt.date | dt.datetime) -> bool:
    """True when `a` is later than `b`, comparing by day unless both have times."""
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a > b
    return day(a) > day(b)


def in_future(when: dt.date | dt.datetime, now: dt.datetime) -> bool:
    """True when `when` lies after `now` (an aware datetime) anywhere on Earth."""
    if isinstance(when, dt.datetime):
        return when > now
    return when > (now + _AHEAD).date()


def same_id(ident: str) -> str:
    """The form ids are compared in: NFKC, then casefolded."""
    return unicodedata.normalize("NFKC", ident).casefold()


def _cites(data: dict[str, Any]) -> Iterator[tuple[Loc, int, str]]:
    """Yield every cited source id, from the raw data so facts invalid otherwise count too."""
    records: list[tuple[Loc, Any]] = []
    sheet = data.get("sheet")
    summary = sheet.get("summary") if isinstance(sheet, dict) else None
    if isinstance(summary, list):
        records += [(("sheet", "summary", i), s) for i, s in enumerate(summary)]
    for name in FACT_KINDS:
        records += [((name, i), r) for i, r in enumerate(data.get(name, []))]
        # A retraction cites the source that withdrew the fact: it must exist and counts as cited.
        records += [((name, i, "retracted"), r["retracted"])
                    for i, r in enumerate(data.get(name, []))
                    if isinstance(r, dict) and isinstance(r.get("retracted"), dict)]
    for loc, record in records:
        cite = record.get("cite") if isinstance(record, dict) else None
        for j, item in enumerate(cite if isinstance(cite, list) else [cite]):
            source = item.get("source") if isinstance(item, dict) else item
            if isinstance(source, str) and SLUG_RE.match(source):  # else the model says why
                yield (*loc, "cite"), j, source


def cross_check(loaded: Loaded, sheet: Sheet | None, parsed: dict[str, list[tuple[int, Model]]],
                now: dt.datetime) -> list[Found]:
    """Every cross-reference and date finding, each with the location it belongs to."""
    found = _ids(loaded) + _citations(loaded, parsed)
    for i, source in parsed["sources"]:
        assert isinstance(source, Source)
        found += _source_dates(loaded, i, source, sheet)
    if sheet is not None:
        found += list(_date_checks(loaded, sheet, parsed))
    found += list(_future(loaded, sheet, parsed, now))
    for i, figure in parsed["figures"]:
        assert isinstance(figure, Figure)
        if figure.claimed_by is None:
            loc: Loc = ("figures", i)
            found.append((loc, loaded.report(MISSING_CLAIMED_BY, loc)))
        for j, item in enumerate(figure.cite):
            if item.says and not says_number(item.says, figure.value, figure.unit,
                                             lang=sheet.lang if sheet else "en"):
                loc = ("figures", i, "cite", j, "says")
                found.append((loc, loaded.report(SAYS_WITHOUT_NUMBER, loc,
                                                 value=_value_text(figure.value))))
    return found


def _ids(loaded: Loaded) -> list[Found]:
    found: list[Found] = []
    first_id: dict[str, Loc] = {}
    for name in RECORDS:
        for i, item in enumerate(loaded.data.get(name, [])):
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str):
                continue
            loc: Loc = (name, i, "id")
            first = first_id.setdefault(same_id(ident), loc)
            if first != loc:
                p = loaded.pos(first)
                found.append((loc, loaded.report(DUPLICATE_ID, loc, id=ident,
                                                 first=where(first[:2]),
                                                 place=f"{p.path}:{p.line}")))
    return found


def _citations(loaded: Loaded, parsed: dict[str, list[tuple[int, Model]]]) -> list[Found]:
    found: list[Found] = []
    raw_ids = [s.get("id") for s in loaded.data.get("sources", []) if isinstance(s, dict)]
    known = [str(s) for s in raw_ids if s]
    cites = list(_cites(loaded.data))
    cited = {source_id for _, _, source_id in cites}
    unknown: dict[str, set[Loc]] = {}
    for base, _, source_id in cites:
        if source_id not in raw_ids:
            unknown.setdefault(source_id, set()).add(base[:-1])
    # A never-cited source close to an unknown cited id: the typo is in the source's own id.
    typo_of: dict[str, Loc] = {}
    for i, source in parsed["sources"]:
        assert isinstance(source, Source)
        loc: Loc = ("sources", i, "id")
        if source.id in cited:
            continue
        meant = closest(source.id, unknown)
        if meant is not None and meant not in typo_of:
            typo_of[meant] = loc
            n = len(unknown[meant])
            found.append((loc, loaded.report(SOURCE_ID_TYPO, loc, id=source.id, cited=meant,
                                             n=n, entries="entry" if n == 1 else "entries")))
        else:
            found.append((loc, loaded.report(UNCITED_SOURCE, loc, id=source.id)))
    for base, j, source_id in cites:
        if source_id in raw_ids:
            continue
        loc = (*base, j, "source")
        if source_id in typo_of:
            p = loaded.pos(typo_of[source_id])
            hint = f"see the source id at {p.path}:{p.line}"
        else:
            hint = did_you_mean(source_id, known) or "add it under `sources:` or correct the id"
        found.append((loc, loaded.report(UNKNOWN_SOURCE, loc, at=where((*base, j)),
                                         id=source_id, suggestion=hint)))
    return found


def _source_dates(loaded: Loaded, i: int, source: Source, sheet: Sheet | None) -> list[Found]:
    found: list[Found] = []
    published = source.published.isoformat()
    for name, broken in (("accessed", ACCESSED_BEFORE_PUBLISHED),
                         ("updated", UPDATED_BEFORE_PUBLISHED)):
        when = getattr(source, name)
        if when is not None and later(source.published, when):
            loc: Loc = ("sources", i, name)
            found.append((loc, loaded.report(broken, loc,
                                             published=published, **{name: when.isoformat()})))
    if sheet is not None and later(source.published, sheet.as_of):
        loc = ("sources", i, "published")
        found.append((loc, loaded.report(PUBLISHED_AFTER_SHEET, loc, published=published,
                                         as_of=sheet.as_of.isoformat())))
    return found


def _dated(parsed: dict[str, list[tuple[int, Model]]]) -> Iterator[tuple[Loc, dt.date | None]]:
    """The date of every quote and event (an event span by its end)."""
    for i, quote in parsed["quotes"]:
        yield ("quotes", i, "date"), getattr(quote, "date")  # noqa: B009
    for i, event in parsed["events"]:
        assert isinstance(event, Event)
        yield ("events", i, "date"), event.date.end if isinstance(event.date, Span) else event.date


def _date_checks(loaded: Loaded, sheet: Sheet,
                 parsed: dict[str, list[tuple[int, Model]]]) -> Iterator[Found]:
    as_of = sheet.as_of.isoformat()
    for i, figure in parsed["figures"]:
        assert isinstance(figure, Figure)
        if figure.as_of and later(figure.as_of, sheet.as_of):
            loc: Loc = ("figures", i, "as_of")
            yield loc, loaded.report(FIGURE_AFTER_SHEET, loc, date=figure.as_of.isoformat(),
                                     as_of=as_of)
    for place, when in _dated(parsed):
        if when is not None and later(when, sheet.as_of):
            yield place, loaded.report(DATED_AFTER_SHEET, place, date=when.isoformat(),
                                       as_of=as_of)


def _future(loaded: Loaded, sheet: Sheet | None, parsed: dict[str, list[tuple[int, Model]]],
            now: dt.datetime) -> Iterator[Found]:
    """Every date later than the moment of the run: most likely a typo in the year."""
    dates: list[tuple[Loc, dt.date | None]] = list(_dated(parsed))
    if sheet is not None:
        dates.append((("sheet", "as_of"), sheet.as_of))
    for i, source in parsed["sources"]:
        dates += [(("sources", i, name), getattr(source, name))
                  for name in ("published", "updated", "accessed")]
    for i, figure in parsed["figures"]:
        dates.append((("figures", i, "as_of"), getattr(figure, "as_of")))  # noqa: B009
    for loc, when in sorted(dates, key=lambda item: loaded.pos(item[0])[:3]):
        if when is not None and in_future(when, now):
            yield loc, loaded.report(DATE_IN_FUTURE, loc, date=when.isoformat())


def _value_text(value: int | Range | str) -> str:
    if isinstance(value, Range):
        return f"{value.min}–{value.max}"
    return str(value)
