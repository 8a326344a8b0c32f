"""Dates and times as the sheet's language writes them, at the precision the curator gave."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton, format_time

from factsheet.load.precision import PartialDate
from factsheet.model import day

Moment = dt.date | dt.datetime


class DateWriter:
    """Writes moments for one locale, in the sheet's named time zone when it has one."""

    def __init__(self, locale: Locale, zone: str | None = None) -> None:
        self.locale = locale
        self.zone = ZoneInfo(zone) if zone else None

    def local(self, value: dt.datetime) -> dt.datetime:
        """The moment on the sheet's clock: its named zone, else the offset it was given."""
        return value.astimezone(self.zone) if self.zone else value

    def long(self, value: Moment) -> str:
        """"January 7, 2022, 4:20 PM GMT+4"; "2019" and "December 2019" for partial dates."""
        if isinstance(value, PartialDate):
            skeleton = "y" if value.precision == "year" else "yMMMM"
            return format_skeleton(skeleton, value, locale=self.locale)
        if isinstance(value, dt.datetime):
            moment = self.local(value)
            return (f"{format_date(moment.date(), 'long', locale=self.locale)}, "
                    f"{self.time(moment)}")
        return format_date(value, "long", locale=self.locale)

    def short(self, value: Moment, *, this_year: int, timed: bool, zoned: bool = False) -> str:
        """"Jan 6" (with the year when it is not `this_year`), the time if `timed`, and its
        zone if `zoned` (times given at different offsets)."""
        if isinstance(value, PartialDate):
            return self.long(value)
        moment = self.local(value) if isinstance(value, dt.datetime) else value
        text = format_skeleton("MMMd" if day(moment).year == this_year else "yMMMd",
                               day(moment), locale=self.locale)
        if timed and isinstance(moment, dt.datetime):
            text += " " + (self.time(moment) if zoned
                           else format_time(moment.timetz(), "short", locale=self.locale))
        return text

    def time(self, moment: dt.datetime) -> str:
        """The clock time and its zone: "4:20 PM GMT+4", or "18:20 Kazakhstan Time"."""
        clock = format_time(moment.timetz(), "short", locale=self.locale)
        return f"{clock} {self.zone_name(moment)}"

    def zone_name(self, moment: dt.datetime) -> str:
        """The zone's name in the locale when the sheet names one, else its short GMT offset."""
        if self.zone is not None:
            return format_datetime(moment, "zzzz", tzinfo=self.zone, locale=self.locale)
        gmt = self.locale.zone_formats["gmt"]
        offset = moment.utcoffset() or dt.timedelta(0)
        if not offset:
            return str(gmt % "")
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes > 0 else "-"
        hours, rest = divmod(abs(minutes), 60)
        # CLDR's short localized GMT format: "GMT+4", "GMT+5:30" (the locale's own pattern).
        return str(gmt % (f"{sign}{hours}" + (f":{rest:02d}" if rest else "")))
