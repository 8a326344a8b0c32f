"""The exporters registry: each output format is one module and one registration here."""

from __future__ import annotations

from factsheet.errors import UsageError
from factsheet.exporters import csl, csv, facts, html, pdf
from factsheet.exporters.base import Context, Exporter
from factsheet.rules import BAD_OUTPUT_FORMAT

EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    facts.EXPORTER, html.EXPORTER, pdf.EXPORTER, csv.EXPORTER, csl.EXPORTER)}
DEFAULT_FORMATS = ("json", "html", "pdf")


def parse_formats(text: str) -> tuple[str, ...]:
    """Parse `html,pdf,json` into a tuple in the registry's order."""
    asked = {part.strip() for part in text.split(",") if part.strip()}
    unknown = asked - set(EXPORTERS)
    if unknown or not asked:
        raise BAD_OUTPUT_FORMAT.error(
            UsageError, found=", ".join(sorted(unknown)) or "(none)", choices=", ".join(EXPORTERS))
    return tuple(f for f in EXPORTERS if f in asked)


def export(context: Context, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Produce every requested output in memory, by file suffix, before anything is written."""
    return {EXPORTERS[f].suffix: EXPORTERS[f].export(context) for f in formats}


__all__ = ["DEFAULT_FORMATS", "EXPORTERS", "Context", "Exporter", "export", "parse_formats"]
