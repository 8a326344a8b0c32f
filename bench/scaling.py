"""The scaling series: one sheet of 250, 500, 1,000 and 2,000 figures, built cold."""

from __future__ import annotations

from pathlib import Path

from corpus import write_sheet
from measure import Row, Runner, at_most, cli, log, mb

SIZES = (250, 500, 1000, 2000)
FACTS_PER_FIGURE = 5 / 2  # the generator makes two figures in every five facts


def bench_scaling(runner: Runner, work: Path, sizes: tuple[int, ...] = SIZES) -> list[Row]:
    """CPU time and peak memory per sheet size; targets on time per figure and memory."""
    rows: list[Row] = []
    per_figure: dict[int, float] = {}
    peak: dict[int, int] = {}
    for n in sizes:
        folder = work / "scaling" / f"s{n:04d}-figures"
        write_sheet(folder, round(n * FACTS_PER_FIGURE), seed=n)
        log(f"scaling: one sheet of {n:,} figures (json, html, pdf; -j1)")
        run = runner.run([*cli(), "build", str(folder), "--out", str(work / "scaling-out"),
                          "--force", "--jobs", "1"], measure=True)
        per_figure[n], peak[n] = run.cpu / n, run.maxrss
        pages = _pages(work / "scaling-out" / f"{folder.name}.pdf")
        rows.append(Row(f"  one sheet of {n:,} figures ({pages} pages)",
                        f"{run.cpu:.1f} CPU-s ({1000 * per_figure[n]:.0f} ms/figure), "
                        f"{run.seconds:.1f} s wall, peak {mb(run.maxrss)}", "— (info)",
                        None, None, run.cpu, "CPU-s",
                        {"cpu": run.cpu, "seconds": run.seconds, "maxrss": run.maxrss}))
    low, high = sizes[0], sizes[-1]
    growth = per_figure[high] / per_figure[low]
    rows.append(at_most(f"time per figure at {high:,} ÷ at {low:,}", growth, 1.2,
                        f"{growth:.2f}×", "×"))
    # The 400 MB ceiling for a 700-page PDF was retired with the parts renderer (issue 22):
    # a briefing is not 700 pages. The peak is reported, and FS560's estimate uses it.
    per_mb = (peak[high] - peak[low]) / 1e6 / (high - low)
    rows.append(Row(f"peak memory per figure ({low:,} to {high:,})", f"{per_mb:.2f} MB",
                    "— (info)", None, None, per_mb, "MB"))
    return rows


def _pages(pdf: Path) -> int:
    """The page count from the PDF's page tree (0 when unreadable)."""
    import pypdf

    try:
        return len(pypdf.PdfReader(pdf).pages)
    except (OSError, ValueError):
        return 0
