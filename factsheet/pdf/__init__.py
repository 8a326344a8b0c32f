"""Stage 8, pdf: the rendered page as a tagged, reproducible PDF (WeasyPrint, public API only)."""
