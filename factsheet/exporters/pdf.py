"""The tagged, reproducible PDF, with the facts JSON attached."""

from __future__ import annotations

from factsheet.exporters.base import Context, Exporter


def _pdf(context: Context) -> bytes:
    from factsheet.pdf.write import write_pdf

    facts = context.facts
    # The edition's own date of issue, else its moment: never the clock (reproducible).
    created = facts.sheet.issued or facts.sheet.as_of
    return write_pdf(context.html, context.need_template(), created=created,
                     attachment=context.json, attachment_name=f"{facts.slug}.json",
                     progress=context.progress, refill=context.refill)


EXPORTER = Exporter("pdf", "pdf", _pdf, uses_template=True)
