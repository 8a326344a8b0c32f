"""Robustness: linear work on large inputs, our own temporaries only, reported symlinks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import factsheet.reconcile.checks
from factsheet.validate import validate_sheet


def _same_day_group(folder: Path, n: int) -> Path:
    """One sheet whose n figures all count one thing on one day (one group, n latest)."""
    lines = ["sheet:", "  title: Big", "  as_of: 2022-01-09", "sources:",
             "  - id: a", "    publisher: A", "    title: T", "    published: 2022-01-07",
             "figures:"]
    for i in range(n):
        lines += [f"  - id: f{i}", "    label: Killed", "    measure: killed",
                  f"    value: {i + 1}", "    as_of: 2022-01-08", "    claimed_by: Ministry",
                  "    cite: a"]
    folder.mkdir(parents=True)
    (folder / "sheet.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """Count the calls of a function the group checks use (work, not time)."""
    calls = [0]
    real: Callable[..., Any] = getattr(factsheet.reconcile.checks, name)

    def counted(*args: Any) -> Any:
        calls[0] += 1
        return real(*args)

    monkeypatch.setattr(factsheet.reconcile.checks, name, counted)
    return calls


def test_a_same_day_group_is_checked_in_linear_work(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Twice the figures, about twice the comparisons (it was n²: 30 s at 10,000 figures)."""
    calls = _counting(monkeypatch, "later")
    work = {}
    for n in (500, 1000):
        facts, diags = validate_sheet(_same_day_group(tmp_path / f"g{n}", n))
        assert facts is not None and diags == []
        work[n], calls[0] = calls[0], 0
    assert work[1000] <= 2.2 * work[500], work
