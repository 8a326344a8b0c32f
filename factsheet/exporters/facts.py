"""The facts JSON as an output: the form editions are recorded in (editions/facts_json.py)."""

from __future__ import annotations

from factsheet.exporters.base import Exporter

EXPORTER = Exporter("json", "json", lambda context: context.json)
