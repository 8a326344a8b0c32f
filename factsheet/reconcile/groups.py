"""Groups: figures counting one thing, their status, current figure, envelope and reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from factsheet.model import Facts, Figure, Range, Source
from factsheet.reconcile.bounds import (
    CUMULATIVE,
    Interval,
    Moment,
    fold,
    in_moment_order,
    interval,
    meet_all,
    moment,
    same_moment,
)
from factsheet.reconcile.claims import (
    ESTIMATED,
    basis_split,
    confirmed_above,
    counted,
    ends,
    estimated,
    series,
    set_aside,
    unit_key,
)
from factsheet.reconcile.reports import Reports

# A group's status: its standing figures agree, one updates the others, they conflict,
# or there is one.
Status = Literal["agree", "update", "conflict", "single"]
# A figure's place in its group: standing, superseded (revised, or its claimant's own later
# count stands instead) or withdrawn (`retracted`).
FigureStatus = Literal["standing", "superseded", "withdrawn"]


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
    superseded: frozenset[str]  # revised (`supersedes`) or withdrawn (`retracted`)
    low: int  # the envelope of the figures still standing
    high: int | None
    reports: int
    retracted: frozenset[str] = frozenset()  # withdrawn: in the trail, never the current value
    standing: tuple[str, ...] = ()  # the standing claims: each claimant's latest, not withdrawn
    series: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (claimant as written, ids by moment)
    ends: tuple[str, str] | None = None  # a dispute's lowest and highest standing claim
    estimates: tuple[str, ...] = ()  # standing estimates, when weighed apart from counts
    note: str | None = None  # the group's own note (`group_note`)

    def figure(self, ident: str) -> Figure:
        """The member figure with this id."""
        return next(f for f in self.figures if f.id == ident)


def group_key(figure: Figure) -> tuple[str, str, str]:
    """What makes two figures count one thing: the measure, `who` and the unit counted in."""
    # 5,000 people and 1,200 families displaced are two counts, not a dispute; no unit
    # means people, so `unit: people` joins them (the table in `claims.UNITS`).
    return figure.measure, fold(figure.who), unit_key(figure.unit)


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
    ordered = revisions_last(in_moment_order(figures, lambda f: moments[f.id]), moments)
    withdrawn = frozenset(f.id for f in figures if f.retracted is not None)
    gone = superseded(figures) | withdrawn
    standing = [f for f in ordered if f.id not in gone]
    if not standing:  # a ring of supersedes (validation refuses it), or everything withdrawn
        gone, standing = withdrawn, [f for f in ordered if f.id not in withdrawn] or ordered
    aside = set_aside(standing, moments)
    judged = [f for f in standing if f.id not in aside]
    status, classes = judge(judged, moments)
    replaced = outdated(judged, moments) if status == "conflict" else frozenset()
    if replaced:
        # A dispute is between what the claimants say now: their own earlier counts
        # are history (the trail), not a side of it.
        gone |= replaced
        standing = [f for f in standing if f.id not in replaced]
        judged = [f for f in judged if f.id not in replaced]
        status, classes = judge(judged, moments)
    if gone and status in ("agree", "single"):
        status = "update"  # an explicit revision is an update, whatever the numbers
    split = basis_split(judged)
    latest = classes[-1]
    shown = judged if status in ("agree", "single") else latest
    if split and status != "conflict":
        shown = [f for f in counted(judged) if f in shown] or counted(judged)
    envelope = [interval(f) for f in standing]
    highs = [i.high for i in envelope if i.high is not None]
    claims = claims_of(judged, moments)
    first = figures[0]
    return Group(
        first.measure, first.who, status, tuple(ordered),
        tuple(moments[f.id] for f in ordered), tuple(f.id for f in latest),
        tuple(f.id for f in tightest(shown)) if status != "conflict" else (), gone,
        min(i.low for i in envelope), max(highs) if len(highs) == len(envelope) else None,
        len(reports.of(figures)), withdrawn, tuple(f.id for f in claims),
        tuple((next((f.claimed_by for f in mine if f.claimed_by), ""),
               tuple(f.id for f in mine)) for mine in series(ordered).values()),
        tuple(f.id for f in ends(claims)) if status == "conflict" else None,  # type: ignore[arg-type]
        tuple(f.id for f in claims if f.basis in ESTIMATED) if split else (),
        next((f.group_note for f in figures if f.group_note), None))


def revisions_last(ordered: list[Figure], moments: dict[str, Moment]) -> list[Figure]:
    """Moment order, with a revision after the figure it revises when their moments overlap.

    A count dated 7 February that `supersedes` the ministry's 07:30 count of that day comes
    after it: the plain date cannot be placed before it, and the revision says it is later.
    """
    out = list(ordered)
    for f in ordered:
        old = next((g for g in out if g.id == f.supersedes), None)
        if old is None or old is f or out.index(old) < out.index(f) \
                or not same_moment(moments[f.id], moments[old.id]):
            continue
        out.remove(f)
        out.insert(out.index(old) + 1, f)
    return out


def judge(figures: Sequence[Figure], moments: dict[str, Moment]
          ) -> tuple[Status, list[list[Figure]]]:
    """The status of standing figures, and their moment classes.

    Counts and estimates are weighed apart when both are given: a confirmed count below an
    estimate is no conflict by itself; one above an estimate of its moment or later is.
    """
    classes = moment_classes(figures, moments)
    measure = figures[0].measure
    if not basis_split(figures):
        return classify(measure, [[interval(f) for f in c] for c in classes]), classes
    lanes = [classify(measure, [[interval(f) for f in c if f in lane] for c in classes
                                if any(f in lane for f in c)])
             for lane in (counted(figures), estimated(figures))]
    if "conflict" in lanes or confirmed_above(figures, moments):
        return "conflict", classes
    return ("update" if "update" in lanes else "agree"), classes


def claims_of(figures: Sequence[Figure], moments: dict[str, Moment]) -> list[Figure]:
    """The standing claims: each claimant's latest figures (all of them if it contradicts
    itself), in moment order; figures naming no claimant each stand for themselves."""
    out: set[str] = set()
    for who, mine in series(figures).items():
        classes = moment_classes(mine, moments)
        own = classify(mine[0].measure, [[interval(f) for f in c] for c in classes])
        keep = classes[-1:] if who and own != "conflict" else classes
        out.update(f.id for c in keep for f in c)
    return [f for f in figures if f.id in out]


def outdated(ordered: Sequence[Figure], moments: dict[str, Moment]) -> frozenset[str]:
    """Counts their claimant has since replaced, when its own counts are one count moving."""
    # A ministry's 164 on the 7th and its 240 on the 9th: only its latest says what it
    # claims now. A ministry that contradicts itself (a cumulative count that fell) keeps
    # every count in the dispute until `supersedes` says which one stands.
    # `ordered` is in moment order and holds no withdrawn or superseded figure.
    claims: dict[str, list[Figure]] = {}
    for f in ordered:
        if f.claimed_by:
            claims.setdefault(fold(f.claimed_by), []).append(f)
    out: set[str] = set()
    for mine in claims.values():
        classes = moment_classes(mine, moments)
        own = classify(mine[0].measure, [[interval(f) for f in c] for c in classes])
        if len(classes) > 1 and own != "conflict":
            out.update(f.id for c in classes[:-1] for f in c)
    return frozenset(out)


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
    """A sheet's groups as JSON data (reconciled here: a build passes its own to `as_json`)."""
    return as_json(groups(facts))


def as_json(reconciled: Sequence[Group]) -> list[dict[str, Any]]:
    """Groups as JSON data, for build/<slug>.json and `validate --format json`."""
    return [{
        "measure": g.measure, "who": g.who, "status": g.status,
        "figures": [f.id for f in g.figures], "latest": list(g.latest),
        "current": list(g.current),
        "superseded": sorted(g.superseded - g.retracted), "retracted": sorted(g.retracted),
        "low": g.low, "high": g.high,
        "reports": g.reports,
        "standing": list(g.standing),
        "series": [{"claimed_by": who or None, "figures": list(ids)} for who, ids in g.series],
        "ends": list(g.ends) if g.ends else None,
        "headline": headline_json(g),
        "estimates": list(g.estimates),
        "note": g.note,
    } for g in reconciled]


def headline_json(group: Group) -> dict[str, Any] | None:
    """A dispute's headline as data: each end's value, how it is bounded and who holds it."""
    if group.ends is None:
        return None

    def end(ident: str) -> dict[str, Any]:
        f = group.figure(ident)
        value = f.value.model_dump() if isinstance(f.value, Range) else f.value
        return {"id": f.id, "value": value, "approx": f.approx, "unit": f.unit,
                "basis": f.basis, "claimed_by": f.claimed_by}
    low, high = group.ends
    return {"low": end(low), "high": end(high)}
