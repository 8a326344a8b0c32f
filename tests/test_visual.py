"""Visual regression: page 1 of the example's briefing and brief, compared as pictures.

The comparer tolerates antialiasing noise only: the pages must have the same size, and at
most 0.05% of pixels may differ by more than 64 (of 255) in any channel. Not 0.5%: one
reworded 8 pt sentence of the brief changes about 0.15% of the pixels at this resolution,
and that must fail. Review an update by
eye, like code: `pytest tests/test_visual.py --snapshot-update` rewrites the PNGs.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from test_layout import EXAMPLE, pdf_bytes

SNAPSHOTS = Path(__file__).parent / "visual"  # beside, not inside, syrupy's folder
DPI = 50
THRESHOLD = 64  # a channel difference above this is a real change, not antialiasing
MAX_SHARE = 0.0005  # of all pixels: about 120 at this size

pytestmark = [pytest.mark.slow,  # each test lays out and rasterises a PDF
              pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                 reason="poppler-utils not installed")]


def page_one(pdf: bytes, tmp_path: Path) -> Image.Image:
    """Page 1 of a PDF as an RGB picture at a fixed resolution."""
    (tmp_path / "sheet.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile",
                    str(tmp_path / "sheet.pdf"), str(tmp_path / "page")], check=True)
    return Image.open(tmp_path / "page.png").convert("RGB")


def differing_share(a: Image.Image, b: Image.Image) -> float:
    """The share of pixels whose largest channel difference exceeds the threshold."""
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > THRESHOLD else 0)
    histogram = diff.histogram()
    return histogram[255] / (a.width * a.height)


@pytest.mark.parametrize("template", ["briefing", "brief"])
def test_page_one_looks_as_reviewed(template: str, tmp_path: Path,
                                    request: pytest.FixtureRequest) -> None:
    """Page 1 matches its reviewed picture, up to antialiasing noise."""
    received = page_one(pdf_bytes(EXAMPLE, None if template == "briefing" else template),
                        tmp_path)
    stored = SNAPSHOTS / f"kazakhstan-{template}-page1.png"
    if request.config.getoption("--snapshot-update", default=False) or not stored.exists():
        received.save(stored, optimize=True)
        if not request.config.getoption("--snapshot-update", default=False):
            pytest.fail(f"no reviewed picture yet: wrote {stored.name}; look at it, then rerun")
        return
    expected = Image.open(stored).convert("RGB")
    assert received.size == expected.size
    share = differing_share(received, expected)
    if share > MAX_SHARE:
        received.save(tmp_path / "received.png")
        ImageChops.difference(received, expected).save(tmp_path / "difference.png")
    assert share <= MAX_SHARE, f"{share:.2%} of pixels changed; see {tmp_path}"


def test_the_comparer_sees_a_real_change_but_not_noise() -> None:
    """One shifted line of text is a change; a faint tint everywhere is noise."""
    base = Image.new("RGB", (200, 100), "white")
    noisy = Image.new("RGB", (200, 100), (240, 240, 240))
    assert differing_share(base, noisy) == 0
    changed = base.copy()
    changed.paste((0, 0, 0), (0, 0, 200, 2))
    assert differing_share(base, changed) > MAX_SHARE
