"""Figures as CSV with an HXL hashtag row (long format: one row per figure), for HDX tools."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from factsheet.exporters.base import Exporter

if TYPE_CHECKING:
    from factsheet.model import Facts, Figure, Source
    from factsheet.reconcile import FigureStatus, Group

# (header, HXL hashtag); docs/exports.md explains each choice.
COLUMNS = (
    ("id", "#meta+id"),
    ("label", "#indicator+name"),
    ("measure", "#indicator+code"),
    ("who", "#affected+type"),
    ("value", "#indicator+value"),
    ("low", "#indicator+value+num+min"),
    ("high", "#indicator+value+num+max"),
    ("approx", "#indicator+approx"),
    ("unit", "#indicator+unit"),
    ("as_of", "#date+reported"),
    ("claimed_by", "#org+claimant"),
    ("status", "#status"),
    ("basis", "#indicator+basis"),
    ("note", "#description+note"),
    ("withdrawn", "#date+withdrawn"),
    ("source_ids", "#meta+source"),
    ("publishers", "#org+publisher"),
    ("urls", "#meta+url"),
)
SEPARATOR = " | "  # between several sources in one cell


# A cell starting with one of these is a formula to spreadsheet programs.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _bounds(figure: Figure) -> tuple[str, str, str]:
    """The value as stated, and the bounds it allows: reconcile's table, the one rule."""
    from factsheet.model import Range  # pydantic costs 0.2 s: not for an up-to-date build
    from factsheet.reconcile import interval

    value = figure.value
    stated = f"{value.min}-{value.max}" if isinstance(value, Range) else str(value)
    allowed = interval(figure)
    return stated, str(allowed.low), "" if allowed.high is None else str(allowed.high)


def _text(cell: str) -> str:
    """Hand-typed text, defused so a spreadsheet shows it instead of running it."""
    return "'" + cell if cell.startswith(_FORMULA) else cell


def statuses(facts: Facts, reconciled: Sequence[Group] | None = None,
             ) -> dict[str, FigureStatus]:
    """Each figure's standing in its group: withdrawn, superseded (revised, or its claimant's
    own later count stands instead), else standing. `reconciled`: the groups, if made."""
    from factsheet.reconcile import groups

    out: dict[str, FigureStatus] = {}
    for group in groups(facts) if reconciled is None else reconciled:
        # The standing claims, where reconcile names them (each claimant's latest report).
        standing = set(getattr(group, "standing", ()) or ())
        for f in group.figures:
            out[f.id] = ("withdrawn" if f.id in group.retracted else
                         "superseded" if f.id in group.superseded
                         or (standing and f.id not in standing) else "standing")
    return out


def _row(figure: Figure, sources: dict[str, Source], status: FigureStatus) -> list[str]:
    from factsheet.reconcile import moment

    cited = list(dict.fromkeys(item.source for item in figure.cite))
    value, low, high = _bounds(figure)
    # The figure's own moment: its `as_of`, else its sources' date (never the sheet's).
    as_of = moment(figure, sources).isoformat()
    basis = getattr(figure, "basis", None)  # how it was counted, where the model has it
    gone = figure.retracted.date.isoformat() if figure.retracted is not None else ""
    return [figure.id, _text(figure.label), figure.measure, _text(figure.who or ""),
            _text(value), low, high, figure.approx, _text(figure.unit or ""), as_of,
            _text(figure.claimed_by or ""), status, "" if basis is None else str(basis),
            _text(figure.note or ""), gone, SEPARATOR.join(cited),
            _text(SEPARATOR.join(sources[c].publisher for c in cited if c in sources)),
            SEPARATOR.join(str(sources[c].url or "") for c in cited if c in sources)]


def figures_csv(facts: Facts, reconciled: Sequence[Group] | None = None) -> bytes:
    """RFC 4180 CSV (CRLF line ends, UTF-8): header, hashtag row, one row per figure."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in COLUMNS])
    writer.writerow([tag for _, tag in COLUMNS])
    sources, status = {s.id: s for s in facts.sources}, statuses(facts, reconciled)
    for figure in facts.figures:
        writer.writerow(_row(figure, sources, status.get(figure.id, "standing")))
    return out.getvalue().encode()


EXPORTER = Exporter("csv", "csv", lambda context: figures_csv(context.facts,
                                                              context.analysis.groups))
