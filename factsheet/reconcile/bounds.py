"""Bounds and moments: the counts a figure allows, and when it was counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from factsheet.load.hygiene import fold as _fold
from factsheet.load.precision import PartialDate
from factsheet.model import Figure, Range, Source, day

Moment = dt.date | dt.datetime
T = TypeVar("T")

# Counts that can only grow: a later, lower report of one of these contradicts an earlier one.
CUMULATIVE = frozenset({"killed", "injured", "arrested", "detained", "missing", "displaced",
                        "evacuated"})
# What each vague word the schema accepts is taken to mean, as a closed interval.
VAGUE_BOUNDS: dict[str, tuple[int, int]] = {
    "a few": (2, 9),
    "several": (3, 9),
    "dozens": (24, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
}
ABOUT_PERCENT = 10  # `about n` is n ± 10%, widened outwards to whole numbers


def fold(text: str | None) -> str:
    """Normalise a name for comparison (the one rule, `hygiene.fold`); no name folds to ""."""
    return _fold(text or "")


@dataclass(frozen=True)
class Interval:
    """The whole numbers a figure allows: `low` to `high` inclusive; `high` None is unbounded."""

    low: int
    high: int | None

    def meet(self, other: Interval | None) -> Interval | None:
        """The numbers both allow, or None when they share none."""
        if other is None:
            return None
        low = max(self.low, other.low)
        highs = [h for h in (self.high, other.high) if h is not None]
        high = min(highs) if highs else None
        return None if high is not None and low > high else Interval(low, high)


def interval(figure: Figure) -> Interval:
    """The interval a figure's `value` and `approx` allow (the table in docs/format.md)."""
    value = figure.value
    if isinstance(value, Range):
        low, high = value.min, value.max
    elif isinstance(value, int):
        low = high = value
    else:
        low, high = VAGUE_BOUNDS[value]
    match figure.approx:
        case "about":
            return Interval(low * (100 - ABOUT_PERCENT) // 100,
                            -(-high * (100 + ABOUT_PERCENT) // 100))
        case "at_least":
            return Interval(low, None)
        case "more_than":
            return Interval(low + 1, None)
        case "at_most":
            return Interval(0, high)
        case "fewer_than":
            return Interval(0, max(high - 1, 0))
    return Interval(low, high)


def meet_all(intervals: Iterable[Interval]) -> Interval | None:
    """The numbers every interval allows, or None."""
    out: Interval | None = Interval(0, None)
    for item in intervals:
        out = item.meet(out)
    return out


def moment(figure: Figure, sources: dict[str, Source]) -> Moment:
    """When a figure was counted: its `as_of`, else the latest update of the sources it cites."""
    if figure.as_of is not None:
        return figure.as_of
    dates = [sources[c.source].updated or sources[c.source].published for c in figure.cite]
    return in_moment_order(dates, lambda d: d)[-1]


def compare(a: Moment, b: Moment) -> int:
    """-1 if `a` came first, 1 if `b` did, 0 if they cannot be ordered: the one rule of time.

    Two times compare by instant. A plain date is its calendar day and a partial date
    (`2023-09`, `2023`) the days it covers; a time is its day as written. Spans that
    share a day cannot be ordered. Checks, cards, charts and the diff all ask this.
    """
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return (a > b) - (a < b)
    (a0, a1), (b0, b1) = days(a), days(b)
    if a1 < b0:
        return -1
    if b1 < a0:
        return 1
    return 0


def days(value: Moment) -> tuple[dt.date, dt.date]:
    """The first and last calendar day a moment may be: one day, or a month's or year's."""
    if isinstance(value, PartialDate):
        return dt.date(value.year, value.month, 1), value.last_day()
    return day(value), day(value)


def coarse(value: Moment) -> bool:
    """Whether a moment is known only to its month or year."""
    return isinstance(value, PartialDate)


def later(a: Moment, b: Moment) -> bool:
    """Whether `a` certainly comes after `b` (see `compare`)."""
    return compare(a, b) > 0


def in_moment_order(items: Iterable[T], moment_of: Callable[[T], Moment]) -> list[T]:
    """Items by moment: timed ones by instant, a plain date before the times of its day."""
    # One key cannot do it: 00:30 at UTC+6 on the 8th comes before 22:00 UTC on the 7th,
    # yet a plain date compares with either by the day written. So the timed items are
    # sorted by instant, the dated by day, and the two lists merged; both sorts are stable.
    listed = list(items)
    timed = sorted((x for x in listed if isinstance(moment_of(x), dt.datetime)),
                   key=lambda x: _instant(moment_of(x)))
    dated = sorted((x for x in listed if not isinstance(moment_of(x), dt.datetime)),
                   key=lambda x: moment_of(x))
    out: list[T] = []
    i = j = 0
    while i < len(dated) and j < len(timed):
        if day(moment_of(dated[i])) <= day(moment_of(timed[j])):
            out.append(dated[i])
            i += 1
        else:
            out.append(timed[j])
            j += 1
    return out + dated[i:] + timed[j:]


def _instant(value: Moment) -> float:
    return value.timestamp() if isinstance(value, dt.datetime) else 0.0


def same_moment(a: Moment, b: Moment) -> bool:
    """Two moments that cannot be ordered (see `compare`)."""
    return compare(a, b) == 0
