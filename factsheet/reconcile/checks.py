"""What figure groups break: `supersedes` that cannot hold, unexplained conflicts, thin updates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from factsheet.model import Figure, Range, Source
from factsheet.reconcile.bounds import Moment, fold, later
from factsheet.reconcile.groups import Group, group_figures, group_key
from factsheet.reconcile.reports import Reports
from factsheet.rules import (
    CONFLICT_WITHOUT_NOTE,
    GROUP_NOTE_TWICE,
    LATEST_RESTS_ON_ONE_REPORT,
    SUPERSEDES_LATER,
    SUPERSEDES_OTHER_CLAIMANT,
    SUPERSEDES_UNKNOWN,
    SUPERSEDES_WITHOUT_NOTE,
    Rule,
)


@dataclass(frozen=True)
class Finding:
    """A rule broken by one figure: the rule, where it stands, and its template values."""

    rule: Rule
    index: int  # into the sheet's merged `figures` list
    field: str | None
    values: dict[str, Any]


def findings(figures: Sequence[tuple[int, Figure]], sources: Sequence[Source],
             all_ids: Iterable[str] = (), reconciled: Sequence[Group] | None = None,
             ) -> list[Finding]:
    """What the figure groups break: `supersedes` that cannot hold, unexplained conflicts.

    `reconciled` are the groups of these figures when the caller made them already.
    """
    found = list(_supersedes_findings(figures, set(all_ids)))
    if reconciled is None and groupable(figures, sources):
        reconciled = group_figures([f for _, f in figures], sources)
    if reconciled is not None:
        found += _group_findings(figures, sources, reconciled)
    return found


def groupable(figures: Sequence[tuple[int, Figure]], sources: Sequence[Source]) -> bool:
    """Whether every figure cites only these sources, so the figures can be reconciled."""
    source_ids = {s.id for s in sources}
    return all(c.source in source_ids for _, f in figures for c in f.cite)


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
                yield Finding(SUPERSEDES_WITHOUT_NOTE, i, "supersedes", {"target": target})
            elif other is not None and _across(f, other):
                yield Finding(SUPERSEDES_OTHER_CLAIMANT, i, "supersedes", {
                    "target": target, "theirs": other.claimed_by, "mine": f.claimed_by})
            continue
        yield Finding(SUPERSEDES_UNKNOWN, i, "supersedes", {"target": target,
                                                               "problem": problem})


def _group_findings(figures: Sequence[tuple[int, Figure]], sources: Sequence[Source],
                    reconciled: Sequence[Group]) -> Iterable[Finding]:
    index = {f.id: i for i, f in figures}
    reports = Reports(sources)
    for g in reconciled:
        moments = dict(zip((f.id for f in g.figures), g.moments, strict=True))
        by_id = {f.id: f for f in g.figures}  # g.figure() scans: once per figure is quadratic
        for f in g.figures:
            target = by_id[f.supersedes] if f.supersedes in moments else None
            if target is not None and later(moments[target.id], moments[f.id]):
                yield Finding(SUPERSEDES_LATER, index[f.id], "supersedes", {
                    "target": target.id, "then": _iso(moments[target.id]),
                    "now": _iso(moments[f.id])})
        noted = [f for f in g.figures if f.group_note]
        for f in noted[1:]:
            yield Finding(GROUP_NOTE_TWICE, index[f.id], "group_note", {
                "first": noted[0].id, "what": _what(g)})
        unexplained = [f for f in g.figures if f.key and not f.note and f.id in g.standing]
        if g.status == "conflict" and unexplained and not g.note and g.ends:
            low, high = (by_id[i] for i in g.ends)  # said once per group
            yield Finding(CONFLICT_WITHOUT_NOTE, index[unexplained[0].id], None, {
                "id": unexplained[0].id, "what": _what(g), "low": said(low),
                "high": said(high)})
        # The best-sourced older figure depends only on the latest figure's moment: found
        # once per moment, not once per latest figure (a same-day group of n was n²).
        best_before: dict[str, tuple[Figure | None, int]] = {}
        for ident in g.latest if len(g.figures) > 1 else ():
            mine = reports.of([by_id[ident]])
            at = moments[ident]
            if at.isoformat() not in best_before:
                # A withdrawn count is no better-sourced rival of the current one.
                older = [o for o in g.figures if o.id not in g.retracted
                         and later(at, moments[o.id])]
                best = max(older, key=lambda o: len(reports.of([o])), default=None)
                best_before[at.isoformat()] = (best, len(reports.of([best])) if best else 0)
            best, n = best_before[at.isoformat()]
            if len(mine) == 1 and best is not None and n > 1:
                yield Finding(LATEST_RESTS_ON_ONE_REPORT, index[ident], None, {
                    "name": reports.name(next(iter(mine))), "older": best.id, "n": n})


def _across(f: Figure, other: Figure) -> bool:
    """A `supersedes` from one claimant's count to another's, its note not naming theirs."""
    mine, theirs = fold(f.claimed_by), fold(other.claimed_by)
    return bool(mine and theirs and mine != theirs and theirs not in fold(f.note))


def said(f: Figure) -> str:
    """A figure's count in plain words for a message: "more than 5,300 (Ministry)"."""
    value = f.value
    text = (f"{value.min:,} to {value.max:,}" if isinstance(value, Range)
            else f"{value:,}" if isinstance(value, int) else value)
    if f.approx != "exact":
        text = f"{f.approx.replace('_', ' ')} {text}"
    return text + (f" ({f.claimed_by})" if f.claimed_by else "")


def _what(g: Group) -> str:
    return g.measure + (f" ({g.who})" if g.who else "")


def _iso(value: Moment) -> str:
    return value.isoformat()
