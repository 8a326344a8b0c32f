"""Stage 7, view: the typed, display-ready context the templates render from facts."""

from __future__ import annotations

from factsheet.view.cards import CardView, ConflictView, ReportView, StepView, merge_marks
from factsheet.view.header import compiled_line
from factsheet.view.sheet import SheetView, build_view, view_of
from factsheet.view.sources import language_name
from factsheet.view.types import CiteView, FigureView

__all__ = ["CardView", "CiteView", "ConflictView", "FigureView", "ReportView", "SheetView",
           "StepView", "build_view", "compiled_line", "language_name", "merge_marks", "view_of"]
