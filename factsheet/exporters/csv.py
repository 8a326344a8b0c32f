"""Figures as CSV with an HXL hashtag row (long format: one row per figure), for HDX tools."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from factsheet.exporters.base import Exporter
from factsheet.model import Range

if TYPE_CHECKING:
    from factsheet.model import Facts, Figure

# (header, HXL hashtag); docs/exports.md explains each choice.
COLUMNS = (
    ("id", "#meta+id"),
    ("label", "#indicator+name"),
    ("measure", "#indicator+code"),
    ("who", "#affected+type"),
    ("value", "#indicator+value+num"),
    ("low", "#indicator+value+num+min"),
    ("high", "#indicator+value+num+max"),
    ("approx", "#indicator+approx"),
    ("unit", "#indicator+unit"),
    ("as_of", "#date+reported"),
    ("claimed_by", "#org+claimant"),
    ("source_ids", "#meta+source"),
    ("publishers", "#org+publisher"),
    ("urls", "#meta+url"),
)
SEPARATOR = " | "  # between several sources in one cell


def _bounds(value: int | Range | str) -> tuple[str, str, str]:
    """The value cell and its low and high bounds; a word (e.g. `dozens`) has no bounds."""
    if isinstance(value, Range):
        return f"{value.min}-{value.max}", str(value.min), str(value.max)
    if isinstance(value, int):
        return str(value), str(value), str(value)
    return value, "", ""


def _row(facts: Facts, figure: Figure) -> list[str]:
    sources = {s.id: s for s in facts.sources}
    cited = list(dict.fromkeys(item.source for item in figure.cite))
    value, low, high = _bounds(figure.value)
    as_of = figure.as_of or facts.sheet.as_of
    return [figure.id, figure.label, figure.measure, figure.who or "", value, low, high,
            figure.approx, figure.unit or "", as_of.isoformat(), figure.claimed_by or "",
            SEPARATOR.join(cited),
            SEPARATOR.join(sources[c].publisher for c in cited if c in sources),
            SEPARATOR.join(sources[c].url or "" for c in cited if c in sources)]


def figures_csv(facts: Facts) -> bytes:
    """RFC 4180 CSV (CRLF line ends, UTF-8): header, hashtag row, one row per figure."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in COLUMNS])
    writer.writerow([tag for _, tag in COLUMNS])
    for figure in facts.figures:
        writer.writerow(_row(facts, figure))
    return out.getvalue().encode()


EXPORTER = Exporter("csv", "csv", lambda context: figures_csv(context.facts))
