"""Stage 5b, editions: recorded editions of a sheet, comparison baselines and the change list."""

from __future__ import annotations

from factsheet.editions.baseline import Baseline, load_baseline
from factsheet.editions.diff import Change, diff, plain
from factsheet.editions.history import History, history
from factsheet.editions.record import (
    DEFAULT_EDITIONS,
    Edition,
    edition_bytes,
    edition_path,
    latest_edition,
    read_edition,
    same_facts,
)

__all__ = ["DEFAULT_EDITIONS", "Baseline", "Change", "Edition", "History", "diff",
           "edition_bytes", "edition_path", "history", "latest_edition", "load_baseline",
           "plain", "read_edition", "same_facts"]
