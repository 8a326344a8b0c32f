"""Dates known only to their year or month: `date: 2019`, `date: 2019-12`."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_YEAR_MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")


class PartialDate(dt.date):
    """A date known only to its year (`2019`) or month (`2019-12`); it sorts as its first day."""

    precision: str  # "year" or "month"

    def __new__(cls, year: int, month: int | None = None) -> PartialDate:
        self = super().__new__(cls, year, month or 1, 1)
        self.precision = "year" if month is None else "month"
        return self

    def isoformat(self) -> str:
        """Written as the curator wrote it: `2019` or `2019-12`."""
        return f"{self.year:04d}" + ("" if self.precision == "year" else f"-{self.month:02d}")

    __str__ = isoformat

    def last_day(self) -> dt.date:
        """The last day the year or month covers (a timeline draws it as that stretch)."""
        if self.precision == "year":
            return dt.date(self.year, 12, 31)
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def __reduce__(self) -> tuple[Any, ...]:
        return PartialDate, (self.year, None if self.precision == "year" else self.month)


def parse_partial(value: Any) -> PartialDate | None:
    """`2019` (a YAML number) or `2019-12` (text) as a date of that precision; else None.

    Raises ValueError for a month that does not exist (`2019-13`).
    """
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return PartialDate(value)
    m = _YEAR_MONTH_RE.match(value) if isinstance(value, str) else None
    if m is None:
        return None
    if not 1 <= int(m[2]) <= 12:
        raise ValueError(f"no month {m[2]}")
    return PartialDate(int(m[1]), int(m[2]))
