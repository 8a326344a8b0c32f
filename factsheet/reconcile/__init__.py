"""Stage 4, reconcile: figures over time and across sources, as bounds, moments and groups.

Pure functions over valid facts; nothing here renders. See docs/format.md, "Figures over time
and across sources".
"""

from __future__ import annotations

from factsheet.reconcile.bounds import (
    ABOUT_PERCENT,
    CUMULATIVE,
    VAGUE_BOUNDS,
    Interval,
    Moment,
    compare,
    fold,
    interval,
    meet_all,
    moment,
    same_moment,
)
from factsheet.reconcile.checks import Finding, findings, groupable
from factsheet.reconcile.groups import (
    FigureStatus,
    Group,
    Status,
    as_json,
    classify,
    group_figures,
    group_key,
    groups,
    groups_json,
    tightest,
)
from factsheet.reconcile.reports import Reports, agencies, independent_reports

__all__ = [
    "ABOUT_PERCENT",
    "CUMULATIVE",
    "VAGUE_BOUNDS",
    "FigureStatus",
    "Finding",
    "Group",
    "Interval",
    "Moment",
    "Reports",
    "Status",
    "agencies",
    "as_json",
    "classify",
    "compare",
    "findings",
    "fold",
    "group_figures",
    "group_key",
    "groupable",
    "groups",
    "groups_json",
    "independent_reports",
    "interval",
    "meet_all",
    "moment",
    "same_moment",
    "tightest",
]
