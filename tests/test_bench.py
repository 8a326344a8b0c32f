"""The benchmark's corpus stays valid and deterministic (no timings here; see bench/)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

from factsheet.validate import validate_sheet  # noqa: E402


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_generated_sheets_pass_strict_validation(tmp_path: Path) -> None:
    """Every generated sheet, and the copy of the example, validates with no warnings."""
    sheets = corpus.generate(tmp_path / "corpus", 3, 12)
    assert len(sheets) == 4
    for sheet in sheets:
        facts, diags = validate_sheet(sheet, strict=True)
        assert diags == [], sheet
        assert facts is not None


def test_generation_is_deterministic(tmp_path: Path) -> None:
    """The same seed gives the same bytes."""
    corpus.generate(tmp_path / "a", 2, 8)
    corpus.generate(tmp_path / "b", 2, 8)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_pandoc_route_carries_the_sheet_and_its_sources(tmp_path: Path) -> None:
    """The Markdown has every figure and citation key; the CSL-JSON has every source."""
    import json

    from pandoc_route import pandoc_commands, write_route

    md, csl = write_route(corpus.EXAMPLE, tmp_path)
    facts, _ = validate_sheet(corpus.EXAMPLE)
    assert facts is not None
    text = md.read_text()
    assert all(f.label in text for f in facts.figures)
    assert all(f"@{s.id}" in text for s in facts.sources)
    assert [item["id"] for item in json.loads(csl.read_text())] == [s.id for s in facts.sources]
    html, pdf = pandoc_commands(md, csl, pdf=True)
    assert html[-1].endswith(".html") and pdf[-1].endswith(".pdf")
    assert any(a.startswith("--pdf-engine=") and a.endswith("weasyprint") for a in pdf)
