"""The self-contained HTML page."""

from __future__ import annotations

from factsheet.exporters.base import Exporter

EXPORTER = Exporter("html", "html", lambda context: context.html.encode(), uses_template=True)
