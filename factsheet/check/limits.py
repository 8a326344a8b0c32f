"""Documented size limits: past them a sheet still builds, with a warning of what it costs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factsheet.rules import SHEET_OVER_LIMIT

if TYPE_CHECKING:
    from factsheet.errors import Diagnostic
    from factsheet.load.sheet import Loaded
    from factsheet.model import Facts

# docs/performance.md "Limits" gives these and the measurements behind the estimates.
MAX_FIGURES = 2000
MAX_ARCHIVE_BYTES = 20_000_000
# CPU seconds and peak MB of one sheet's build per figure, from `bench/run.py --heavy`'s
# scaling series with the PDF laid out whole (250 figures: 18.1 CPU-s, 452 MB; 2,000:
# 155.9 CPU-s, 2,981 MB; 2 cores, load 1.0; a straight line through them); the estimate
# is meant to tell "a minute" from "an hour", not to be exact.
PDF_SECONDS_PER_FIGURE = 0.08
PDF_MB_PER_FIGURE = 1.45
PDF_MB_BASE = 90
# From this many figures on (about 20 s of PDF), the build says the PDF's stages as it goes.
PROGRESS_FIGURES = 250
# check: seconds per MB of archived copy (extraction, normalisation, matching); the bench's
# 200 MB of plain-text copies took 38 s.
CHECK_SECONDS_PER_MB = 0.2


def duration(seconds: float) -> str:
    """A rough duration for people: `about 40 s`, `about 3 min`."""
    if seconds < 90:
        return f"about {max(1, round(seconds))} s"
    return f"about {round(seconds / 60)} min"


def long_pdf(facts: Facts) -> bool:
    """Whether the sheet's PDF takes long enough that its stages are worth saying."""
    return len(facts.figures) >= PROGRESS_FIGURES


def sheet_limits(loaded: Loaded, facts: Facts) -> list[Diagnostic]:
    """A warning when the sheet has more figures than the documented limit."""
    n = len(facts.figures)
    if n <= MAX_FIGURES:
        return []
    return [loaded.report(
        SHEET_OVER_LIMIT, ("figures",), key=True, n=f"{n:,}", limit=f"{MAX_FIGURES:,}",
        time=duration(n * PDF_SECONDS_PER_FIGURE),
        memory=f"{round(PDF_MB_BASE + n * PDF_MB_PER_FIGURE):,} MB")]


def archive_over_limit(size: int) -> dict[str, str] | None:
    """The values of the archive-size warning, or None when the copy is within the limit."""
    if size <= MAX_ARCHIVE_BYTES:
        return None
    mb = size / 1e6
    # One decimal below 100 MB, so a copy just past the limit does not read "20 MB, more
    # than the limit of 20 MB".
    return {"size": f"{mb:,.1f} MB" if mb < 100 else f"{mb:,.0f} MB",
            "limit": f"{MAX_ARCHIVE_BYTES / 1e6:,.0f} MB",
            "time": duration(mb * CHECK_SECONDS_PER_MB)}
