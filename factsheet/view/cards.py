"""Key-figure cards and conflicts: one card per figure group, as `reconcile` judged it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from factsheet.labels import Labels
from factsheet.model import Figure, day
from factsheet.reconcile import Group, Moment, Reports, interval
from factsheet.view.dates import DateWriter

if TYPE_CHECKING:
    from factsheet.view.charts import ChartView
    from factsheet.view.sheet import CiteView, FigureView


@dataclass(frozen=True)
class StepView:
    """One dated count of an update trail: "381 on Aug 3"."""

    text: str
    anchor: str


@dataclass(frozen=True)
class ReportView:
    """One report of a group, shown beside the others."""

    text: str
    claimed_by: str | None
    anchor: str
    marks: list[CiteView]


@dataclass(frozen=True)
class CardView:
    """A key-figure card: one figure group, its current figure and how sure it is."""

    id: str
    status: str  # "single", "agree", "update", "conflict"
    label: str
    who: str | None
    big: str
    unit: str | None
    claimed_by: str | None
    as_of: str | None
    marks: list[CiteView]
    trail: list[StepView]  # an update's counts, oldest first, the current one last
    also: list[ReportView]  # an agreement's other reports
    reports: list[ReportView]  # a conflict's reports, side by side
    conflict: bool  # carries the "Reports conflict" mark
    single: str | None  # the one report the card rests on, when it carries that mark
    chart: ChartView | None = None  # counts over time, when counted at two moments or more


@dataclass(frozen=True)
class ConflictView:
    """A group whose reports cannot all be true, for "Where reports differ"."""

    heading: str
    envelope: str  # "Reports range from 3,000 to 3,800."
    figures: list[FigureView]


class CardMaker:
    """Writes groups as cards, with the sheet's words and the figures' own views."""

    def __init__(self, labels: Labels, views: dict[str, FigureView], reports: Reports,
                 as_of: Moment, dates: DateWriter) -> None:
        self.labels = labels
        self.dates = dates
        self.views = views
        self.reports = reports
        self.as_of = as_of

    def heading(self, group: Group) -> str:
        """The group's name: its measure, and who is counted."""
        return self.labels["measure_" + group.measure] + (f": {group.who}" if group.who else "")

    def statement(self, figures: Sequence[Figure]) -> str:
        """One figure's words, or two bounds joined: "at least 3,000 and at most 5,000"."""
        texts = [self.views[f.id].big for f in figures]
        if len(texts) == 1:
            return texts[0]
        return self.labels.text("bounds_and", low=texts[0], high=texts[1])

    def envelope(self, group: Group) -> tuple[str, str]:
        """The lowest and the highest report of a group, in their own words."""
        standing = [f for f in group.figures if f.id not in group.superseded]
        lowest = min(standing, key=lambda f: interval(f).low)
        highest = max(reversed(standing), key=lambda f: (interval(f).high is None,
                                                         interval(f).high or 0))
        return self.views[lowest.id].big, self.views[highest.id].big

    def trail(self, group: Group) -> list[StepView]:
        """An update's counts in moment order, each with its date."""
        on_day: dict[dt.date, list[Figure]] = {}
        for g, n in zip(group.figures, group.moments, strict=True):
            on_day.setdefault(day(n), []).append(g)
        steps: list[StepView] = []
        for f, m in zip(group.figures, group.moments, strict=True):
            same_day = on_day[day(m)]
            when = self._short(m, timed=len(same_day) > 1)
            # A revision's own word: the count fell or changed because a report said so.
            key = "trail_revised" if f.supersedes in group.superseded else "trail_step"
            key = "trail_withdrawn" if f.id in group.retracted else key
            value = self.views[f.id].big
            # Two claimants on one day, each since moved on, are a past dispute, not a
            # count that rose that day: the trail says who said which.
            rivals = {self.views[g.id].claimed_by for g in same_day
                      if interval(g).meet(interval(f)) is None}
            who = self.views[f.id].claimed_by
            if rivals - {who} and who:
                value = f"{value} ({who})"
            text = self.labels.text(key, value=value, date=when)
            if not steps or steps[-1].text != text:
                steps.append(StepView(text, self.views[f.id].anchor))
        return steps

    def _short(self, value: Moment, *, timed: bool) -> str:
        return self.dates.short(value, this_year=day(self.as_of).year, timed=timed)

    def report(self, figure: Figure) -> ReportView:
        """A figure as one report beside others."""
        v = self.views[figure.id]
        return ReportView(v.big, v.claimed_by, v.anchor, v.marks)

    def card(self, group: Group) -> CardView:
        """The key-figure card of a group."""
        standing = [f for f in group.figures if f.id not in group.superseded]
        current = [group.figure(i) for i in group.current] or standing
        shown = [group.figure(i) for i in group.latest] if group.status == "update" else standing
        head = self.views[current[-1].id]
        conflict = group.status == "conflict"
        low, high = self.envelope(group)
        big = (self.labels.text("envelope_short", low=low, high=high) if conflict
               else self.statement(current))
        # An update's latest reports all stand behind its current count ("240: both sides").
        backers = shown if group.status == "update" else current
        claimants = list(dict.fromkeys(c for f in backers
                                       if (c := self.views[f.id].claimed_by) is not None))
        marks = [m for f in current for m in self.views[f.id].marks]
        return CardView(
            id=head.id, status=group.status, label=head.label, who=head.who, big=big,
            unit=head.unit, claimed_by=None if conflict else ", ".join(claimants) or None,
            as_of=head.as_of if group.status in ("single", "agree") else None,
            marks=[] if conflict else merge_marks(marks),
            trail=self.trail(group) if group.status == "update" else [],
            also=[self.report(f) for f in standing if f not in current]
            if group.status == "agree" else [],
            reports=[self.report(f) for f in standing] if conflict else [],
            conflict=conflict, single=self._single(shown),
        )

    def _single(self, figures: list[Figure]) -> str | None:
        found = self.reports.of(figures)
        return self.reports.name(next(iter(found))) if len(found) == 1 else None

    def conflict(self, group: Group) -> ConflictView:
        """A conflicting group for the "Where reports differ" section."""
        low, high = self.envelope(group)
        return ConflictView(self.heading(group),
                            self.labels.text("envelope", low=low, high=high),
                            [self.views[f.id] for f in group.figures])


def merge_marks(cites: list[CiteView]) -> list[CiteView]:
    """One marker per source: verified only if every excerpt from it was, failed if any was."""
    merged: dict[int, CiteView] = {}
    for cite in cites:
        seen = merged.get(cite.number)
        if seen is None:
            merged[cite.number] = cite
            continue
        statuses = {seen.status, cite.status}
        status = next((s for s in ("not-found", "qualifier-differs", "no-archive", "unchecked",
                                 "verified")
                       if s in statuses), seen.status)
        merged[cite.number] = replace(seen, status=status)
    return sorted(merged.values(), key=lambda c: c.number)  # [1][2], never [2][1]
