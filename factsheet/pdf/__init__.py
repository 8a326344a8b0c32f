"""Stage 9, pdf: the rendered page as a tagged, reproducible PDF (WeasyPrint, public API only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factsheet.lazy import lazy_names

# Loaded on first use, for start-up: WeasyPrint costs most of a second, and the builder
# imports pdf.native in every worker.
_HOMES = {
    "PageOverflow": "write",
    "load_weasyprint": "native",
    "write_pdf": "write",
}

if TYPE_CHECKING:
    from factsheet.pdf.native import load_weasyprint
    from factsheet.pdf.write import PageOverflow, write_pdf

__all__ = ["PageOverflow", "load_weasyprint", "write_pdf"]


__getattr__ = lazy_names(__name__, _HOMES, globals())
