"""When a count was given: "on Thursday" against the article's date, "since the protests began"."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "понедельник": 0, "понедельника": 0, "вторник": 1, "вторника": 1,
    "среду": 2, "среда": 2, "среды": 2, "четверг": 3, "четверга": 3, "пятницу": 4,
    "пятница": 4, "пятницы": 4, "субботу": 5, "суббота": 5, "субботы": 5,
    "воскресенье": 6, "воскресенья": 6,
}
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december"
    .split())} | {m: i + 1 for i, m in enumerate(
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
        .split())}
_WEEKDAY_RE = re.compile(r"\b(?P<lead>on|since|by|в|во|с|со|к)\s+(?P<day>" + "|".join(_WEEKDAYS)
                         + r")\b", re.IGNORECASE)
_DATE_RE = re.compile(r"\b(?:(?P<d1>\d{1,2})\s+(?P<m1>" + "|".join(_MONTHS) + r")|(?P<m2>"
                      + "|".join(list(_MONTHS)[:12]) + r")\s+(?P<d2>\d{1,2}))\b", re.IGNORECASE)
_RELATIVE = {"yesterday": -1, "today": 0, "вчера": -1, "сегодня": 0}
_RELATIVE_RE = re.compile(r"\b(" + "|".join(_RELATIVE) + r")\b", re.IGNORECASE)
_SINCE_RE = re.compile(r"\b(?:since|с начала|с момента)\s+(?:the\s+)?[\w\s]{3,30}?"
                       r"\b(?:began|started|erupted|broke out|протестов|беспорядков)\b",
                       re.IGNORECASE)


@dataclass
class Moment:
    """A moment a sentence gives: a date, or None with only a note; where its words are."""

    date: dt.date | None
    start: int
    end: int
    doubts: list[str] = field(default_factory=list)


def moment(sentence: str, published: dt.date | None) -> Moment | None:
    """The moment the sentence gives, resolved against the article's date when it can be."""
    if m := _DATE_RE.search(sentence):
        day = int(m.group("d1") or m.group("d2"))
        month = _MONTHS[(m.group("m1") or m.group("m2")).lower()]
        if published is None:
            return Moment(None, m.start(), m.end(), ["as_of: no article date to give the year"])
        year = published.year - (1 if month > published.month else 0)
        try:
            return Moment(dt.date(year, month, day), m.start(), m.end())
        except ValueError:
            return None
    if m := _WEEKDAY_RE.search(sentence):
        if published is None:
            return Moment(None, m.start(), m.end(), ["as_of: no article date to resolve it"])
        back = (published.weekday() - _WEEKDAYS[m.group("day").lower()]) % 7
        out = Moment(published - dt.timedelta(days=back), m.start(), m.end())
        out.doubts.append(f"as_of: “{m.group()}” read against the article's date "
                          f"{published.isoformat()}")
        return out
    if m := _RELATIVE_RE.search(sentence):
        if published is None:
            return None
        return Moment(published + dt.timedelta(days=_RELATIVE[m.group(1).lower()]),
                      m.start(), m.end(), [f"as_of: “{m.group()}” read against the "
                                           "article's date"])
    if m := _SINCE_RE.search(sentence):
        return Moment(None, m.start(), m.end(), [f"counted “{m.group()}”: a total to date; "
                                                 "give as_of the day it was counted"])
    return None
