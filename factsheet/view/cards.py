"""Key-figure cards and conflicts: one card per figure group, as `reconcile` judged it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from babel.numbers import format_decimal

from factsheet.model import Figure, day
from factsheet.reconcile import Group, Moment, Reports, Status, interval
from factsheet.view.dates import DateWriter
from factsheet.view.labels import Labels

if TYPE_CHECKING:
    from factsheet.view.charts import ChartView
    from factsheet.view.types import CiteView, FigureView


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
    status: Status
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
    basis: str | None = None  # "3,958 confirmed; estimates up to 20,000 (mayor)", or "estimated"
    note: str | None = None  # the group's own note (`group_note`)
    was: str | None = None  # its count in the last edition, when it moved since
    was_when: str | None = None  # "Edition 2"


@dataclass(frozen=True)
class ConflictView:
    """A group whose reports cannot all be true, for "Where reports differ"."""

    heading: str
    envelope: str  # "Reports range from 3,000 (Ministry) to 3,800 (Monitor)."
    figures: list[FigureView]  # withdrawn figures left out: they stand under Corrections
    note: str | None = None


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

    def envelope(self, group: Group) -> tuple[str, str] | None:
        """A dispute's lowest and highest standing claim, each in its own words and by whom.

        None when both ends say the same ("more than 5,300" by two claimants): never "X to X".
        """
        ends = group.ends or (group.standing[0], group.standing[-1])
        low, high = (group.figure(i) for i in ends)
        said = [self.views[f.id].big for f in (low, high)]
        if said[0] == said[1]:
            return None
        return self.claim(low, group), self.claim(high, group)

    def claim(self, figure: Figure, group: Group) -> str:
        """A standing claim's words with who holds it: "3,958 (UN OCHA)"; alike, joined."""
        big = self.views[figure.id].big
        who = [c for i in group.standing if self.views[i].big == big
               and (c := self.views[i].claimed_by)]
        return self.labels.text("claim_by", value=big, who=", ".join(dict.fromkeys(who))) \
            if who else big

    def headline(self, group: Group) -> str:
        """A dispute's headline: lowest to highest standing claim, or the one claim all make."""
        ends = self.envelope(group)
        if ends is None:
            return self.claim(group.figure(group.standing[0]), group)
        return self.labels.text("envelope_short", low=ends[0], high=ends[1])

    def basis(self, group: Group, current: Sequence[Figure]) -> str | None:
        """How the count was made: confirmed against estimates, or the current count's basis."""
        if group.estimates:
            counts = [group.figure(i) for i in group.standing
                      if group.figure(i).basis == "confirmed"]
            estimates = [group.figure(i) for i in group.estimates]
            top = max(estimates, key=lambda f: interval(f).high or interval(f).low)
            high = interval(top).high
            key = "basis_split" if high is not None else "basis_split_open"
            return self.labels.text(
                key, counted=self.views[counts[-1].id].big if counts else "",
                high=self.number(high) if high is not None else self.views[top.id].big,
                who=self.views[top.id].claimed_by or self.labels["not_stated"])
        bases = {f.basis for f in current}
        if len(bases) == 1 and None not in bases:
            return self.labels[f"basis_{bases.pop()}"]
        return None

    def number(self, n: int) -> str:
        """A count in the sheet's locale."""
        return str(format_decimal(n, locale=self.labels.locale))

    def trail(self, group: Group) -> list[StepView]:
        """An update's counts in moment order, each with its date."""
        on_day: dict[dt.date, list[Figure]] = {}
        for g, n in zip(group.figures, group.moments, strict=True):
            on_day.setdefault(day(n), []).append(g)
        counting = {self.views[i].claimed_by for i in group.latest}
        # Clock times given at different offsets (a ministry's +03:00, a wire's UTC) are
        # not comparable unzoned: "8:00 PM → 7:30 AM" then names each time's zone.
        offsets = {m.utcoffset() for m in group.moments if isinstance(m, dt.datetime)}
        zoned = self.dates.zone is None and len(offsets) > 1
        counts = [self.views[f.id].claimed_by for f in group.figures
                  if f.id not in group.estimates and f.id not in group.retracted]
        # Claimants are named when the trail mixes one claimant's series (two counts or
        # more) with others: reports of one each, from different claimants, read as what
        # they are, a list of reports, and stay as short as the page needs.
        series = len(set(counts)) < len(counts)
        mixed = series and len(set(counts)) > 1
        previous: str | None = None
        steps: list[StepView] = []
        for f, m in zip(group.figures, group.moments, strict=True):
            same_day = on_day[day(m)]
            when = self.dates.short(m, this_year=day(self.as_of).year,
                                    timed=len(same_day) > 1, zoned=zoned)
            # A revision's own word: the count fell or changed because a report said so.
            key = "trail_revised" if f.supersedes in group.superseded else "trail_step"
            key = "trail_withdrawn" if f.id in group.retracted else key
            value = self.views[f.id].big
            # Two claimants on one day, each since moved on, are a past dispute, not a
            # count that rose that day: the trail says who said which. So does a step of
            # another claimant that is no step of the count (an estimate weighed apart, a
            # withdrawn figure): "5,434 → at most 20,000 → 5,894" would read as a rise and fall.
            rivals = {self.views[g.id].claimed_by for g in same_day
                      if interval(g).meet(interval(f)) is None}
            who = self.views[f.id].claimed_by
            # A count that passes from one claimant to another (police 1,350, then lawyers
            # "more than 2,000") names each claimant where its run begins: one line of
            # words must not read as one claimant's count rising.
            aside = f.id in group.estimates or f.id in group.retracted
            alike = {self.views[g.id].claimed_by for g in same_day
                     if self.views[g.id].big == self.views[f.id].big}
            handover = not aside and mixed and who != previous and len(alike) < 2
            apart = f.id in group.estimates or (aside and series)
            if who and (rivals - {who} or (apart and who not in counting) or handover):
                value = f"{value} ({who})"
            previous = who if not aside else previous
            text = self.labels.text(key, value=value, date=when)
            if not steps or steps[-1].text != text:
                steps.append(StepView(text, self.views[f.id].anchor))
        return steps

    def report(self, figure: Figure) -> ReportView:
        """A figure as one report beside others."""
        v = self.views[figure.id]
        return ReportView(v.big, v.claimed_by, v.anchor, v.marks)

    def card(self, group: Group) -> CardView:
        """The key-figure card of a group."""
        standing = [f for f in group.figures if f.id not in group.superseded]
        claims = [group.figure(i) for i in group.standing] or standing
        current = [group.figure(i) for i in group.current] or standing
        shown = [group.figure(i) for i in group.latest] if group.status == "update" else standing
        # The card is dated by its latest current figure (agreeing reports of two days).
        head = self.views[next(f.id for f in reversed(group.figures) if f in current)]
        conflict = group.status == "conflict"
        big = self.headline(group) if conflict else self.statement(current)
        # An update's latest reports all stand behind its current count ("240: both sides").
        backers = shown if group.status == "update" else current
        claimants = list(dict.fromkeys(c for f in backers
                                       if (c := self.views[f.id].claimed_by) is not None))
        marks = [m for f in current for m in self.views[f.id].marks]
        return CardView(
            id=head.id, status=group.status, label=head.label, who=head.who, big=big,
            unit=head.unit, claimed_by=None if conflict else ", ".join(claimants) or None,
            # An update is dated too: its chart, not words, shows the earlier counts.
            as_of=head.as_of if group.status in ("single", "agree", "update") else None,
            marks=[] if conflict else merge_marks(marks),
            trail=self.trail(group) if group.status == "update" else [],
            # A claimant's own earlier count is history, not another report beside it.
            also=[self.report(f) for f in claims if f not in current
                  and f.id not in group.estimates] if group.status == "agree" else [],
            reports=[self.report(f) for f in claims] if conflict else [],
            conflict=conflict, single=self._single(shown),
            basis=self.basis(group, current), note=group.note,
        )

    def _single(self, figures: list[Figure]) -> str | None:
        found = self.reports.of(figures)
        return self.reports.name(next(iter(found))) if len(found) == 1 else None

    def conflict(self, group: Group) -> ConflictView:
        """A conflicting group for the "Where reports differ" section."""
        ends = self.envelope(group)
        envelope = (self.labels.text("envelope", low=ends[0], high=ends[1]) if ends
                    else self.labels.text("envelope_one", value=self.headline(group)))
        return ConflictView(self.heading(group), envelope,
                            [self.views[f.id] for f in group.figures
                             if f.id not in group.retracted], group.note)


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
