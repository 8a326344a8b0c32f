"""Figure-group checks: the reconcile stage's findings as located, silenceable diagnostics."""

from __future__ import annotations

from factsheet.load.sheet import Loaded, Loc
from factsheet.model import Figure, Model, Source
from factsheet.reconcile import Group, findings, group_figures, groupable
from factsheet.validate.crossref import Found


def reconciled(parsed: dict[str, list[tuple[int, Model]]]) -> list[Group] | None:
    """The groups of the valid figures, made once (None: a figure cites no valid source)."""
    figures = [(i, f) for i, f in parsed["figures"] if isinstance(f, Figure)]
    sources = [s for _, s in parsed["sources"] if isinstance(s, Source)]
    if not groupable(figures, sources):
        return None
    return group_figures([f for _, f in figures], sources)


def group_checks(loaded: Loaded, parsed: dict[str, list[tuple[int, Model]]],
                 groups: list[Group] | None) -> list[Found]:
    """Every group finding (conflict without a note, a weaker latest report, bad supersedes)."""
    figures = [(i, f) for i, f in parsed["figures"] if isinstance(f, Figure)]
    sources = [s for _, s in parsed["sources"] if isinstance(s, Source)]
    ids = [f.get("id") for f in loaded.data.get("figures", []) if isinstance(f, dict)]
    out: list[Found] = []
    for found in findings(figures, sources, [str(i) for i in ids], groups):
        loc: Loc = ("figures", found.index, *((found.field,) if found.field else ()))
        out.append((loc, loaded.report(found.rule, loc, **found.values)))
    return out
