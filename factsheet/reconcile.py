"""Stage 3b, reconcile: figures over time and across sources, as bounds, moments and groups."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from factsheet.model import CiteItem, Facts, Figure, Range, Source, day

Status = Literal["agree", "update", "conflict", "single"]
Moment = dt.date | dt.datetime

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
    """Normalise a name for comparison: NFKC, casefolded, runs of spaces collapsed."""
    # A local copy until the schema's own `model.fold` lands; the two must stay one rule.
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


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
    return max(dates, key=_moment_key)


def _moment_key(value: Moment) -> tuple[dt.date, int, float]:
    # By calendar day as written; within a day a plain date sorts first, then by instant.
    if isinstance(value, dt.datetime):
        return day(value), 1, value.timestamp()
    return value, 0, 0.0


def same_moment(a: Moment, b: Moment) -> bool:
    """Two moments that cannot be ordered: equal instants, or one day when either lacks a time."""
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a == b
    return day(a) == day(b)


def agencies(source: Source) -> tuple[str, ...]:
    """A source's agencies as a tuple (the field takes one name or a list)."""
    if source.agency is None:
        return ()
    return (source.agency,) if isinstance(source.agency, str) else tuple(source.agency)


Node = tuple[str, str]


class Reports:
    """Independence: which citations lead back to one report (union-find over sources, names)."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self.parent: dict[Node, Node] = {}
        self.names: dict[Node, list[str]] = {}
        self.publishers: dict[str, Source] = {}
        self.publisher_of = {s.id: s.publisher for s in sources}
        for s in sources:
            self._find(("source", s.id))
            self.publishers.setdefault(fold(s.publisher), s)
            for name in agencies(s):
                self._union(("source", s.id), self._name(name))

    def _name(self, name: str) -> Node:
        node = ("name", fold(name))
        self.names.setdefault(node, [" ".join(name.split())])
        return node

    def _find(self, node: Node) -> Node:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def _union(self, a: Node, b: Node) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def origin(self, item: CiteItem, figure: Figure | None = None) -> Node:
        """The report a citation leads back to: a relayed outlet's (`via`), else its source's."""
        via = item.via or (figure.via if figure is not None else None)
        if not via:
            return self.source(item.source)
        node = ("name", fold(via))
        if node not in self.parent and node[1] in self.publishers:
            return self.source(self.publishers[node[1]].id)  # the outlet's own article
        return self._find(self._name(via))

    def source(self, source_id: str) -> Node:
        """The report a source's own words belong to."""
        return self._find(("source", source_id))

    def of(self, figures: Iterable[Figure]) -> set[Node]:
        """The independent reports behind some figures."""
        return {self.origin(c, f) for f in figures for c in f.cite}

    def of_cites(self, items: Iterable[CiteItem]) -> set[Node]:
        """The independent reports behind a list of citations (quotes, statements)."""
        return {self.origin(c) for c in items}

    def name(self, root: Node) -> str:
        """A report's name for readers: its agencies joined by slashes, else its publisher."""
        members = [n for n in self.parent if self._find(n) == root]
        names = [w for n in members if n in self.names for w in self.names[n]]
        if names:
            return "/".join(names)
        return next((self.publisher_of[n[1]] for n in members if n[0] == "source"), root[1])

    def sources(self, sources: Sequence[Source]) -> list[list[Source]]:
        """Sources grouped into independent reports, in first-seen order."""
        out: dict[Node, list[Source]] = {}
        for s in sources:
            out.setdefault(self._find(("source", s.id)), []).append(s)
        return list(out.values())


def independent_reports(sources: Sequence[Source]) -> list[list[str]]:
    """Source ids grouped into independent reports: sharing any agency, transitively, is one."""
    return [[s.id for s in group] for group in Reports(sources).sources(sources)]


@dataclass(frozen=True)
class Group:
    """Figures counting one thing (`measure` and folded `who`), reconciled."""

    measure: str
    who: str | None
    status: Status
    figures: tuple[Figure, ...]  # ordered by moment
    moments: tuple[Moment, ...]  # each figure's moment, in the same order
    latest: tuple[str, ...]  # ids of the current figure or figures
    current: tuple[str, ...]  # what the card shows: one figure, or two whose bounds meet
    superseded: frozenset[str]
    low: int  # the envelope of the figures still standing
    high: int | None
    reports: int

    def figure(self, ident: str) -> Figure:
        """The member figure with this id."""
        return next(f for f in self.figures if f.id == ident)


def group_key(figure: Figure) -> tuple[str, str, str]:
    """What makes two figures count one thing; for `other`, the unit is part of what is counted."""
    return figure.measure, fold(figure.who), fold(figure.unit) if figure.measure == "other" else ""


def groups(facts: Facts) -> list[Group]:
    """Every figure of a sheet in exactly one group, in the order of each group's first figure."""
    return group_figures(facts.figures, facts.sources)


def group_figures(figures: Sequence[Figure], sources: Sequence[Source]) -> list[Group]:
    """Group and reconcile figures whose cited sources are all among `sources`."""
    by_id = {s.id: s for s in sources}
    reports = Reports(sources)
    members: dict[tuple[str, str, str], list[Figure]] = {}
    for f in figures:
        members.setdefault(group_key(f), []).append(f)
    return [_group(figs, by_id, reports) for figs in members.values()]


def superseded(figures: Sequence[Figure]) -> frozenset[str]:
    """Ids the group's own figures explicitly supersede, with a `note` saying why."""
    ids = {f.id for f in figures}
    return frozenset(f.supersedes for f in figures
                     if f.supersedes in ids and f.note and f.supersedes != f.id)


def _group(figures: list[Figure], sources: dict[str, Source], reports: Reports) -> Group:
    moments = {f.id: moment(f, sources) for f in figures}
    ordered = sorted(figures, key=lambda f: _moment_key(moments[f.id]))  # stable: file order
    gone = superseded(figures)
    standing = [f for f in ordered if f.id not in gone]
    if not standing:  # figures superseding each other in a ring: validation refuses it
        gone, standing = frozenset(), ordered
    classes = moment_classes(standing, moments)
    status = classify(figures[0].measure, [[interval(f) for f in c] for c in classes])
    if gone and status in ("agree", "single"):
        status = "update"  # an explicit revision is an update, whatever the numbers
    latest = classes[-1]
    shown = standing if status in ("agree", "single") else latest
    envelope = [interval(f) for f in standing]
    highs = [i.high for i in envelope if i.high is not None]
    high = max(highs) if len(highs) == len(envelope) else None
    first = figures[0]
    return Group(
        first.measure, first.who, status, tuple(ordered),
        tuple(moments[f.id] for f in ordered), tuple(f.id for f in latest),
        tuple(f.id for f in tightest(shown)) if status != "conflict" else (), gone,
        min(i.low for i in envelope), high,
        len(reports.of(figures)))


def moment_classes(figures: Sequence[Figure], moments: dict[str, Moment]) -> list[list[Figure]]:
    """Figures (in moment order) split into runs whose moments cannot be told apart."""
    classes: list[list[Figure]] = []
    for f in figures:
        if classes and any(same_moment(moments[f.id], moments[g.id]) for g in classes[-1]):
            classes[-1].append(f)
        else:
            classes.append([f])
    return classes


def classify(measure: str, classes: Sequence[Sequence[Interval]]) -> Status:
    """The status of a group's intervals, given in moment classes (earliest first)."""
    everything = [i for c in classes for i in c]
    if len(everything) == 1:
        return "single"
    if meet_all(everything) is not None:
        return "agree"
    level = 0  # the least count consistent with every earlier moment
    for intervals in classes:
        here = meet_all(intervals)
        if here is None:
            return "conflict"  # reports of one moment that cannot both be true
        level = max(level, here.low)
        if measure in CUMULATIVE and here.high is not None and level > here.high:
            return "conflict"  # a count that only grows has fallen
    return "update"


def tightest(figures: Sequence[Figure]) -> list[Figure]:
    """The statements that pin down what all these (agreeing) figures allow: one, or two."""
    if len(figures) == 1:
        return list(figures)
    both = meet_all(interval(f) for f in figures)
    # Bounds that a vague word sets are not shown as numbers: "thousands" caps nothing a
    # reader needs, unless every figure is vague.
    stated = [f for f in figures if not isinstance(f.value, str)] or list(figures)
    # Ties go to the later figure (the list is in moment order).
    by_low = max(reversed(stated), key=lambda f: interval(f).low)
    finite = [f for f in stated if interval(f).high is not None]
    by_high = min(reversed(finite), key=lambda f: interval(f).high or 0) if finite else None
    if interval(by_low) == both or by_high is None:
        return [by_low]
    if interval(by_high) == both or interval(by_low).low == 0:
        return [by_high]
    return [by_low, by_high]


def groups_json(facts: Facts) -> list[dict[str, Any]]:
    """The groups as JSON data, for build/<slug>.json and `validate --format json`."""
    return [{
        "measure": g.measure, "who": g.who, "status": g.status,
        "figures": [f.id for f in g.figures], "latest": list(g.latest),
        "superseded": sorted(g.superseded), "low": g.low, "high": g.high,
        "reports": g.reports,
    } for g in groups(facts)]


@dataclass(frozen=True)
class Finding:
    """A rule broken by one figure: the rule's name, where it stands, and its template values."""

    rule: str
    index: int  # into the sheet's merged `figures` list
    field: str | None
    values: dict[str, Any]


def findings(figures: Sequence[tuple[int, Figure]], sources: Sequence[Source],
             all_ids: Iterable[str] = ()) -> list[Finding]:
    """What the figure groups break: `supersedes` that cannot hold, unexplained conflicts."""
    found = list(_supersedes_findings(figures, set(all_ids)))
    source_ids = {s.id for s in sources}
    if all(c.source in source_ids for _, f in figures for c in f.cite):
        found += _group_findings(figures, sources)
    return found


def _supersedes_findings(figures: Sequence[tuple[int, Figure]],
                         all_ids: set[str]) -> Iterable[Finding]:
    by_id = {f.id: f for _, f in figures}
    for i, f in figures:
        target = f.supersedes
        if target is None:
            continue
        other = by_id.get(target)
        if target == f.id:
            problem = "names this figure itself"
        elif other is None and target not in all_ids:
            problem = "names no figure of this sheet"
        elif other is not None and group_key(other) != group_key(f):
            problem = (f"names `{target}`, which counts another thing ({other.measure}"
                       f"{': ' + other.who if other.who else ''})")
        elif other is not None and other.supersedes == f.id:
            problem = f"names `{target}`, which supersedes this figure in turn"
        else:
            if not f.note:
                yield Finding("supersedes-without-note", i, "supersedes", {"target": target})
            continue
        yield Finding("supersedes-unknown", i, "supersedes", {"target": target,
                                                               "problem": problem})


def _group_findings(figures: Sequence[tuple[int, Figure]],
                    sources: Sequence[Source]) -> Iterable[Finding]:
    index = {f.id: i for i, f in figures}
    reports = Reports(sources)
    for g in group_figures([f for _, f in figures], sources):
        moments = dict(zip((f.id for f in g.figures), g.moments, strict=True))
        for f in g.figures:
            target = g.figure(f.supersedes) if f.supersedes in moments else None
            if target is not None and _moment_key(moments[target.id]) > _moment_key(
                    moments[f.id]) and not same_moment(moments[target.id], moments[f.id]):
                yield Finding("supersedes-later", index[f.id], "supersedes", {
                    "target": target.id, "then": _iso(moments[target.id]),
                    "now": _iso(moments[f.id])})
        if g.status == "conflict":
            for f in g.figures:
                if f.key and not f.note and f.id not in g.superseded:
                    yield Finding("conflict-without-note", index[f.id], None, {
                        "id": f.id, "what": _what(g), "low": g.low,
                        "high": "no upper bound" if g.high is None else g.high})
        for ident in g.latest if len(g.figures) > 1 else ():
            f = g.figure(ident)
            mine = reports.of([f])
            older = [o for o in g.figures if _moment_key(moments[o.id]) < _moment_key(
                moments[ident]) and not same_moment(moments[o.id], moments[ident])]
            best = max(older, key=lambda o: len(reports.of([o])), default=None)
            if len(mine) == 1 and best is not None and len(reports.of([best])) > 1:
                yield Finding("latest-rests-on-one-report", index[ident], None, {
                    "name": reports.name(next(iter(mine))), "older": best.id,
                    "n": len(reports.of([best]))})


def _what(g: Group) -> str:
    return g.measure + (f": {g.who}" if g.who else "")


def _iso(value: Moment) -> str:
    return value.isoformat()
