"""`make bench-serve`: time from saving a fact file to the updated preview (HTML and PDF)."""

# Runs `factsheet serve` in this process on a copy of the example. HTML: chromium (via
# tests/tools/live.mjs) times save -> new text in the open page's DOM, three saves a run
# (an edited value, a broken file's overlay, the fix). PDF: save -> the new PDF's bytes
# served at /<slug>.pdf, WeasyPrint warm (each run's first render is not counted).

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "facts" / "kazakhstan-2022-01"
LIVE = ROOT / "tests" / "tools" / "live.mjs"
HTML_GOAL, PDF_GOAL = 300.0, 1500.0  # milliseconds


def _html(session: object, figures: Path, scratch: Path, runs: int) -> list[float]:
    from factsheet.serve.session import Session

    assert isinstance(session, Session)
    original = figures.read_text()
    texts = {}
    for name, text in (("edited", original.replace("    value: 18\n", "    value: 4321\n")),
                       ("broken", original.replace("    value: 18\n", "\tvalue: 18\n")),
                       ("original", original)):
        texts[name] = scratch / f"{name}.yaml"
        texts[name].write_text(text)
    samples: list[float] = []
    for _ in range(runs):
        run = subprocess.run(["node", str(LIVE), session.server.url, str(figures),
                              *(str(texts[n]) for n in ("edited", "broken", "original")),
                              "--expect", "4,321"], capture_output=True, text=True,
                             timeout=180, check=True)
        result = json.loads(run.stdout)
        samples += [result["edit_ms"], result["overlay_ms"], result["fix_ms"]]
    return samples


def _pdf(session: object, figures: Path, runs: int) -> list[float]:
    from factsheet.serve.session import Session

    assert isinstance(session, Session)
    preview = session.preview
    url = f"{session.server.url}{preview.slug}.pdf"
    urllib.request.urlopen(url, timeout=120).read()  # warm: fonts, styles, imports
    original = figures.read_text()
    samples: list[float] = []
    for i in range(runs):
        seen = preview.built.generation
        text = original.replace("    value: 18\n", f"    value: {19 + i}\n")
        started = time.perf_counter()
        figures.write_text(text)
        while preview.wait(seen, timeout=30) == seen:
            pass
        urllib.request.urlopen(url, timeout=120).read()
        samples.append((time.perf_counter() - started) * 1000)
    figures.write_text(original)
    return samples


def main() -> int:
    """Measure and print a markdown table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from factsheet.builder.options import BuildOptions
    from factsheet.serve.session import Session

    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        shutil.copytree(EXAMPLE, Path("facts") / EXAMPLE.name)
        figures = Path("facts") / EXAMPLE.name / "figures.yaml"
        session = Session(figures.parent, BuildOptions(formats=("html",)), port=0,
                          stream=io.StringIO()).serve_in_background()
        try:
            session.watching.wait(timeout=30)
            html = _html(session, figures, Path(tmp), args.runs) \
                if shutil.which("node") and LIVE.exists() else []
            pdf = _pdf(session, figures, args.runs)
        finally:
            session.close()
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} cores, load {load:.1f} (1-minute average at the end)\n")
    print("| measure | samples | median | worst | goal |\n|---|---|---|---|---|")
    for name, samples, goal in (("save -> updated DOM, HTML", html, HTML_GOAL),
                                ("save -> new PDF served", pdf, PDF_GOAL)):
        if samples:
            print(f"| {name} | {len(samples)} | {statistics.median(samples):.0f} ms | "
                  f"{max(samples):.0f} ms | ≤ {goal:.0f} ms |")
        else:
            print(f"| {name} | 0 (node or chromium missing) | | | ≤ {goal:.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
