"""Claims: who says what, each claimant's series over time, units, and how a count was made."""

from __future__ import annotations

from collections.abc import Sequence

from factsheet.model import Figure
from factsheet.reconcile.bounds import Interval, Moment, coarse, compare, fold, interval

# Spellings of one unit, folded: the one table every comparison of units reads.
# "" is people, the unit a figure without `unit` counts in.
UNITS: dict[str, str] = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "percentage points": "percentage points", "pp": "percentage points",
    "people": "", "persons": "", "person": "", "individuals": "", "residents": "",
    "troops": "troops", "soldiers": "troops",
    "families": "families", "households": "households",
}
# Counts judged from what is known or expected, not counted one by one.
ESTIMATED = frozenset({"estimate", "projection"})


def unit_key(unit: str | None) -> str:
    """A unit as compared: folded, then through `UNITS` (`%` = `percent` = `per cent`)."""
    folded = " ".join(fold(unit).split())
    return UNITS.get(folded, folded)


def claimant(figure: Figure) -> str:
    """Whose claim a figure is, folded; "" for a figure that names no claimant."""
    return fold(figure.claimed_by)


def series(figures: Sequence[Figure]) -> dict[str, list[Figure]]:
    """Each claimant's figures, in the order given (moment order), first claimant first."""
    out: dict[str, list[Figure]] = {}
    for f in figures:
        out.setdefault(claimant(f), []).append(f)
    return out


def set_aside(figures: Sequence[Figure], moments: dict[str, Moment]) -> frozenset[str]:
    """A claimant's month- or year-dated counts that overlap its own dated ones.

    "September 2023" neither updates nor conflicts with the same office's count of
    14 September: it cannot be placed, so it is history, not a standing claim.
    """
    out: set[str] = set()
    for mine in series(figures).values():
        for f in mine:
            if coarse(moments[f.id]) and any(
                    not coarse(moments[g.id]) and compare(moments[f.id], moments[g.id]) == 0
                    for g in mine):
                out.add(f.id)
    return frozenset(out)


def basis_split(figures: Sequence[Figure]) -> bool:
    """Whether a group weighs confirmed counts against estimates (both bases are given)."""
    bases = {f.basis for f in figures}
    return "confirmed" in bases and bool(bases & ESTIMATED)


def counted(figures: Sequence[Figure]) -> list[Figure]:
    """The figures that are counts, not estimates (a figure of no stated basis is both)."""
    return [f for f in figures if f.basis not in ESTIMATED]


def estimated(figures: Sequence[Figure]) -> list[Figure]:
    """The estimates and projections, and the figures of no stated basis."""
    return [f for f in figures if f.basis != "confirmed"]


def confirmed_above(figures: Sequence[Figure], moments: dict[str, Moment]) -> bool:
    """Whether a confirmed count exceeds an estimate made at its moment or later."""
    for c in (f for f in figures if f.basis == "confirmed"):
        for e in (f for f in figures if f.basis in ESTIMATED):
            high = interval(e).high
            if high is not None and interval(c).low > high \
                    and compare(moments[c.id], moments[e.id]) <= 0:
                return True
    return False


def ends(figures: Sequence[Figure]) -> tuple[Figure, Figure]:
    """The lowest standing claim and the highest; an open-ended claim tops only by its bound.

    "More than 5,300" allows any higher count but states none: against 18,000-20,000 the
    top is 20,000, never the open end.
    """
    def top(f: Figure) -> tuple[int, bool]:
        span = interval(f)
        return (span.high if span.high is not None else span.low, span.high is None)

    lowest = min(figures, key=lambda f: (interval(f).low, _width(interval(f))))
    highest = max(reversed(figures), key=top)
    return lowest, highest


def _width(span: Interval) -> int:
    return -1 if span.high is None else span.high - span.low
