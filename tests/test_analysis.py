"""The analysis: made once per build, so each figure group is reconciled exactly once."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import factsheet.reconcile  # noqa: F401  (the module below is loaded by its package)
from factsheet.analysis import analyse
from factsheet.builder import BuildOptions, build_sheet
from factsheet.exporters import EXPORTERS
from factsheet.reconcile import groups, groups_json
from factsheet.validate import validate_sheet

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "facts" / "kazakhstan-2022-01"


def test_a_full_build_reconciles_each_group_once(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation, the editions diff, the view, the JSON and the CSV share one set of groups:
    building the example in every format reconciles each group once (it was 5 times)."""
    module = sys.modules["factsheet.reconcile.groups"]
    real = module._group
    calls: list[str] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        made = real(*args, **kwargs)
        calls.append(made.measure)
        return made

    monkeypatch.setattr(module, "_group", counted)
    options = BuildOptions(out=tmp_path, formats=tuple(EXPORTERS), no_cache=True,
                           editions=ROOT / "editions")
    result = build_sheet(EXAMPLE, options)
    assert result.status == "built", [d.render() for d in result.diagnostics]
    built = json.loads((tmp_path / "kazakhstan-2022-01.json").read_text(encoding="utf-8"))
    assert len(calls) == len(built["groups"]) == 14


def test_the_analysis_holds_the_groups_validation_made() -> None:
    """The groups validation reconciled are the facts' groups, as the JSON states them."""
    facts, _ = validate_sheet(EXAMPLE)
    assert facts is not None
    analysis = analyse(facts)
    assert analysis.groups == tuple(groups(facts))
    assert analysis.groups_json == groups_json(facts)
