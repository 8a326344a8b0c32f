"""Stage 7b, charts: small inline SVG charts of counts over time and of the timeline.

Written by a small SVG writer of our own, not matplotlib: importing matplotlib costs about
0.65 CPU-s per cold process, over a quarter of a cold build's whole budget (see
docs/performance.md). Everything here is geometry; the words come from the view.
"""

from __future__ import annotations

from factsheet.charts.axis import Item, time_axis
from factsheet.charts.spark import Band, Mark, nice_ceiling, sparkline

__all__ = ["Band", "Item", "Mark", "nice_ceiling", "sparkline", "time_axis"]
