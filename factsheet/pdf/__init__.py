"""Stage 9, pdf: the rendered page as a tagged, reproducible PDF (WeasyPrint, public API only)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    """A name of the package's API, imported from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value
