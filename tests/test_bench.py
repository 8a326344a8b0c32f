"""The benchmark's corpus stays valid and deterministic (no timings here; see bench/)."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import pytest  # noqa: E402
from big_archive import write_big_sheet  # noqa: E402
from run import FACTS_PER_SHEET, QUICK, Sizes, sizes  # noqa: E402
from scaling import FACTS_PER_FIGURE  # noqa: E402

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


def _bench_sheets(root: Path, size: Sizes) -> list[Path]:
    """Every sheet a bench run of these sizes writes, generated as bench/run.py does."""
    sheets = corpus.generate(root / "corpus", size.noop_sheets - 1, FACTS_PER_SHEET, seed=0)
    big = root / "validate" / "big-sheet"
    corpus.write_sheet(big, size.validate_facts, seed=5000)
    sheets.append(big)
    for n in size.scaling:
        folder = root / "scaling" / f"s{n:04d}-figures"
        corpus.write_sheet(folder, round(n * FACTS_PER_FIGURE), seed=n)
        sheets.append(folder)
    archive = root / "big-archive" / "big-archive"
    write_big_sheet(archive, min(size.archive_mb, 2))  # the same sheet, smaller copies
    return [*sheets, archive]


@pytest.mark.slow
@pytest.mark.parametrize("size", [QUICK, Sizes()], ids=["quick", "default"])
def test_every_bench_sheet_passes_strict_validation(tmp_path: Path, size: Sizes) -> None:
    """The corpus, the big sheet, the scaling series and the big-archive sheet of a real bench
    run all validate under --strict (the bench stopped on FS350 and FS351 when they did not)."""
    broken = {}
    for sheet in _bench_sheets(tmp_path, size):
        facts, diags = validate_sheet(sheet, strict=True)
        if facts is None or diags:
            broken[sheet.name] = sorted({d.code for d in diags})
    assert broken == {}


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


def test_pairs_sets_only_the_pandoc_routes_runs() -> None:
    """`--pairs N` asks N paired runs of the Pandoc route and leaves the other sizes."""
    assert sizes(False, None) == Sizes()
    assert sizes(False, 15) == Sizes(pandoc_runs=15)
    assert sizes(True, 3).pandoc_runs == 3 and sizes(True, 3).build_sheets == QUICK.build_sheets
