"""The charts' view: which groups and events get a chart, and the words that state their data."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from babel.dates import format_date, format_skeleton, format_time, format_timedelta
from babel.numbers import format_decimal
from markupsafe import Markup

from factsheet.load.precision import PartialDate
from factsheet.model import Event, Figure, Range, Span, day
from factsheet.reconcile import VAGUE_BOUNDS, Group, Moment, interval
from factsheet.reconcile.bounds import coarse
from factsheet.reconcile.claims import ESTIMATED
from factsheet.reconcile.groups import moment_classes
from factsheet.view.dates import DateWriter
from factsheet.view.labels import Labels

if TYPE_CHECKING:
    from factsheet.charts import Band, Item, Mark
    from factsheet.charts.spark import Shape


@dataclass(frozen=True)
class ChartView:
    """A chart: the inline SVG, its layer of links, and notes said beside it (retractions)."""

    svg: Markup
    links: Markup
    notes: list[str]
    key: list[KeyItem] = field(default_factory=list)  # the marks' legend, on the card


@dataclass(frozen=True)
class KeyItem:
    """One kind of mark in a chart's legend: its shape (a CSS class) and its words."""

    kind: str  # "dot", "bar", "up", "down", "estimate", "band", "retracted"
    words: str


class Shown(Protocol):
    """What the chart needs of a figure's view: its anchor, its words, who claims it."""

    @property
    def anchor(self) -> str: ...
    @property
    def big(self) -> str: ...
    @property
    def claimed_by(self) -> str | None: ...


def moment_x(value: Moment) -> float:
    """A moment as days on one scale: the calendar day as written, plus the time of day."""
    if isinstance(value, dt.datetime):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        return value.toordinal() + seconds / 86400
    return float(value.toordinal())


def enabled(labels: Labels) -> bool:
    """Whether the template draws charts: `config: {charts: false}` in labels.yaml turns off."""
    return labels.config.get("charts", True) is not False


def _shape(figure: Figure) -> Shape:
    if figure.approx in ("at_least", "more_than"):
        return "up"
    if figure.approx in ("at_most", "fewer_than"):
        return "down"
    if figure.approx == "exact" and isinstance(figure.value, int):
        return "dot"
    return "bar"


def _stated(figure: Figure) -> float:
    value = figure.value
    if isinstance(value, Range):
        return (value.min + value.max) / 2
    if isinstance(value, int):
        return float(value)
    low, high = VAGUE_BOUNDS[value]
    return (low + high) / 2


def retraction(figure: Figure) -> Any:
    """A figure's retraction, once the schema has one (`retracted: {on, reason, cite}`)."""
    return getattr(figure, "retracted", None)


class ChartMaker:
    """Writes a sheet's charts in its own words and dates."""

    def __init__(self, labels: Labels, as_of: Moment, timezone: str | None = None) -> None:
        self.labels = labels
        self.year = day(as_of).year
        # The sheet's clock: times are on it when it names one (`sheet.timezone`).
        self.dates = DateWriter(labels.locale, timezone)
        self.zoned = False  # set per chart: its times were given at different offsets

    def date(self, value: Moment, *, timed: bool = False, year: bool = False) -> str:
        """A moment for a chart's words: "August 3", with the year only when it differs."""
        locale = self.labels.locale
        if isinstance(value, PartialDate):  # "2019", "December 2019": as the sheet prints it
            return DateWriter(locale).long(value)
        if day(value).year == self.year and not year:
            text = format_skeleton("MMMMd", day(value), locale=locale)
        else:
            text = format_date(day(value), "long", locale=locale)
        if timed and isinstance(value, dt.datetime):
            moment = self.dates.local(value)
            text += " " + (self.dates.time(moment) if self.zoned
                           else format_time(moment.timetz(), "short", locale=locale))
        return text

    def _mixed_offsets(self, moments: Sequence[Moment]) -> bool:
        """True when times were given at different offsets and the sheet names no zone."""
        # Such clock times are not comparable unzoned ("8:00 PM → 7:30 AM"), as in trails.
        offsets = {m.utcoffset() for m in moments if isinstance(m, dt.datetime)}
        return self.dates.zone is None and len(offsets) > 1

    def card(self, group: Group, views: Mapping[str, Shown],
             label: str | None = None) -> ChartView | None:
        """A group's chart, when counted at two moments or more; `label` is what its card
        calls the group ("Arrested (people)"), else it is named by what it counts."""
        moments = dict(zip((f.id for f in group.figures), group.moments, strict=True))
        classes = moment_classes(group.figures, moments)
        # A month-dated report and a dated one of that month are one class (they cannot be
        # ordered) but two places on the axis.
        if len(set(group.moments)) < 2 or (len(classes) < 2
                                           and not any(map(coarse, group.moments))):
            return None
        # Imported only when a sheet has something to chart.
        from factsheet.charts import Mark, sparkline

        days = [day(m) for m in group.moments]
        self.zoned = self._mixed_offsets(group.moments)
        marks: list[Mark] = []
        points: list[str] = []
        reports: list[str] = []
        notes: list[str] = []
        bands: list[Band] = []
        lines = {ident: n for n, (_, ids) in enumerate(group.series) for ident in ids}
        for k, members in enumerate(classes):
            for f in members:
                m = moments[f.id]
                when = self.date(m, timed=days.count(day(m)) > 1)
                shown = views[f.id]
                gone = retraction(f)
                key = ("chart_retracted" if gone is not None else "trail_revised"
                       if f.supersedes in group.superseded else "trail_step")
                point = self.labels.text(key, value=shown.big, date=when)
                hint = (self.labels.text("chart_report", point=point, who=shown.claimed_by)
                        if shown.claimed_by else point)
                points.append(point)
                reports.append(hint)
                if gone is not None:
                    notes.append(self.labels.text(
                        "chart_note_retracted", value=shown.big, date=when,
                        on=self.date(gone.date), reason=gone.reason))
                span = interval(f)
                marks.append(Mark(moment_x(m), span.low, span.high, _stated(f), _shape(f),
                                  "#" + shown.anchor, hint, f.id not in group.superseded,
                                  gone is not None, k, lines.get(f.id, 0),
                                  f.basis in ESTIMATED))
            # Estimates are drawn apart (dashed), never as one side of a dispute band.
            differing = [f for f in members if f.id not in group.superseded
                         and retraction(f) is None and f.basis not in ESTIMATED]
            band = self._band(k, differing)
            if band is not None:
                bands.append(band)
                reports.append(self.labels.text(
                    "chart_differ", date=self.date(moments[members[0].id]),
                    reports=", ".join(views[f.id].big for f in differing)))
        label = label or self.labels["measure_" + group.measure] + (
            f" ({group.who})" if group.who else "")
        title = self.labels.text("chart_title", label=label, points=", ".join(points))
        desc = self.labels.text("chart_desc", reports="; ".join(reports),
                                section=self.labels["all_figures"])
        drawn = sparkline(marks, bands, self._ticks(group.moments), title, desc, self.number)
        return ChartView(drawn.svg, drawn.links, notes, self._key(marks, bands))

    def _ticks(self, moments: Sequence[Moment]) -> list[tuple[float, str]]:
        """The marks' dates for the axis: the first in full ("Jan 7"), later days of its
        month by the day alone ("9"), as a printed chart labels them."""
        first, last = moments[0], moments[-1]
        timed = day(first) == day(last)  # counts of one day: the ticks tell the hours apart
        out: list[tuple[float, str]] = []
        seen: set[object] = set()
        for m in sorted(set(moments), key=moment_x):
            place = moment_x(m) if timed else day(m)  # one tick a day, unless all are one day
            if place in seen:
                continue
            seen.add(place)
            short = (out and not timed and not isinstance(m, PartialDate)
                     and not isinstance(first, PartialDate)
                     and (day(m).year, day(m).month) == (day(first).year, day(first).month))
            words = (str(format_skeleton("d", day(m), locale=self.labels.locale)) if short
                     else self._tick(m, timed=timed))
            out.append((moment_x(m), words))
        return out

    def _key(self, marks: Sequence[Mark], bands: Sequence[Band]) -> list[KeyItem]:
        """The one-line legend under a card's chart: the kinds of mark it draws, in order."""
        kinds: set[str] = {m.shape for m in marks if not m.retracted}
        kinds |= {"retracted" for m in marks if m.retracted}
        kinds |= {"estimate" for m in marks if m.estimate}
        kinds |= {"band" for _ in bands}
        order = ("dot", "bar", "up", "down", "estimate", "band", "retracted")
        return [KeyItem(k, self.labels["chart_key_" + k]) for k in order if k in kinds]

    def _band(self, k: int, members: Sequence[Figure]) -> Band | None:
        from factsheet.charts import Band

        spans = {interval(f) for f in members}
        if len(spans) < 2:
            return None
        # An open-ended report is an arrow from its bound: the band reaches the highest
        # number some report states, never up to the chart's ceiling.
        low = min(s.low for s in spans)
        high = max(s.high if s.high is not None else s.low for s in spans)
        return Band(k, low, high) if high > low else None

    def _tick(self, value: Moment, *, timed: bool) -> str:
        if timed and isinstance(value, dt.datetime):
            return str(format_time(value.timetz(), "short", locale=self.labels.locale))
        if isinstance(value, PartialDate):  # "Jan 1" would be a day nobody reported
            skeleton = "y" if value.precision == "year" else (
                "MMM" if value.year == self.year else "yMMM")
            return str(format_skeleton(skeleton, value, locale=self.labels.locale))
        skeleton = "MMMd" if day(value).year == self.year else "yMMMd"
        return str(format_skeleton(skeleton, day(value), locale=self.labels.locale))

    def number(self, n: int) -> str:
        """A count in the sheet's locale."""
        return str(format_decimal(n, locale=self.labels.locale))

    def axis(self, events: Sequence[Event], anchors: dict[str, str]) -> ChartView | None:
        """The timeline's axis, when its entries fall on two moments or more."""
        from factsheet.charts import Item, time_axis
        from factsheet.view.types import opening as _opening  # the one way to cut a text short

        items: list[Item] = []
        said: list[str] = []
        starts: list[Moment] = []
        ends: list[Moment] = []
        for e in events:
            start, end = (e.date.start, e.date.end) if isinstance(e.date, Span) else (e.date,
                                                                                     None)
            starts.append(start)
            ends.append(end if end is not None else start)
            if isinstance(start, PartialDate) and end is None:
                end = start.last_day()  # a year or a month is the stretch it covers
            said_when = self.date(start) if end is None or isinstance(start, PartialDate) \
                else self.labels.text(
                "chart_span", start=self.date(start), end=self.date(end))
            hint = self.labels.text("chart_entry", when=said_when, text=_opening(e.text, 8))
            items.append(Item(moment_x(start), None if end is None else moment_x(end),
                              "#" + anchors[e.id], hint))
            said.append(hint)
        if len({(i.start, i.end) for i in items}) < 2:
            return None
        first = min(i.start for i in items)
        last = max(i.end if i.end is not None else i.start for i in items)
        years = {dt.date.fromordinal(int(x)).year for x in (first, last)}
        skeleton = "MMMd" if years == {self.year} else "yMMMd"
        yearly = years != {self.year}

        def when(x: float) -> str:
            return str(format_skeleton(skeleton, dt.date.fromordinal(int(x)),
                                       locale=self.labels.locale))

        # The title names the first and last moments as written: `date: 2019` is "2019",
        # never "January 1, 2019".
        opened = min(starts, key=moment_x)
        closed = max(ends, key=lambda m: moment_x(m.last_day() if isinstance(m, PartialDate)
                                                  else m))
        title = self.labels.text(
            "chart_axis_title", entries=self.labels.plural("chart_entries", len(items)),
            start=self.date(opened, year=yearly), end=self.date(closed, year=yearly))
        drawn = time_axis(items, when, title, "; ".join(said) + ".")
        return ChartView(drawn.svg, drawn.links, self._cuts(items, yearly))

    def _cuts(self, items: Sequence[Item], yearly: bool) -> list[str]:
        """Where the axis is cut, in words: "The axis leaves out 2 years between … and …"."""
        from factsheet.charts.axis import stretches

        parts = stretches(items)
        out = []
        for (_, before), (after, _) in itertools.pairwise(parts):
            gap = dt.timedelta(days=after - before)
            out.append(self.labels.text(
                "axis_cut", gap=format_timedelta(gap, threshold=1.5, locale=self.labels.locale),
                start=self.date(dt.date.fromordinal(int(before)), year=yearly),
                end=self.date(dt.date.fromordinal(int(after)), year=yearly)))
        return out

