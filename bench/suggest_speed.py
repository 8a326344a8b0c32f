"""Time `factsheet suggest` on a generated ~370 KB HTML page (a long article plus page chrome).

Usage: python bench/suggest_speed.py [PARAGRAPHS]   (default 40 paragraphs of story, the rest
chrome; 0 fills the whole page with story, a stress case; prints the size and one run's time)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPHS = [
    "Flash floods have killed at least {n} people in the north, the Interior Ministry said "
    "on Thursday, while rescuers searched for more than {m} people reported missing.",
    "The toll, which officials said had risen from {n} to {m}, climbed again overnight.",
    "About {k},000 people have been evacuated, according to the State Emergency Service.",
    "\u201cWe have never seen water like this,\u201d Governor Maria Santos said in a "
    "televised address.",
    "Santos, 54, said repairs would cost $25 million; rainfall was 40% above average.",
]


def page(target: int = 370_000, article: int = 40) -> str:
    """A news page of about `target` bytes: `article` paragraphs in a page's usual chrome.

    Chrome is what makes a saved news page large: inline scripts and JSON state, styles,
    navigation, and teasers for other stories; the story itself is a small part.
    """
    teasers = "".join(f"<li class='teaser teaser--{i}'><a href='/world/story-{i}'><span "
                      f"class='teaser__title'>Story {i}: markets, weather and sport</span>"
                      f"</a></li>" for i in range(300))
    state = "{" + ",".join(f'"item{i}": {{"id": {i}, "slug": "story-{i}", "views": {i * 7}}}'
                           for i in range(2500)) + "}"
    chrome = (f"<style>{'.c{color:#123}' * 2000}</style><nav>{teasers}</nav>"
              f"<script>window.__STATE__ = {state};</script>")
    body: list[str] = []
    i = 0
    while len(body) < article or (len(chrome) + sum(len(p) for p in body) < target
                                  and article == 0):
        text = PARAGRAPHS[i % len(PARAGRAPHS)].format(n=i % 90 + 10, m=i % 900 + 100,
                                                      k=i % 50 + 1)
        body.append(f"<p>{text}</p>\n")
        i += 1
    pad = max(0, target - len(chrome) - sum(len(p) for p in body) - 200)
    chrome += f"<script>var pad = '{'x' * pad}';</script>"
    return (f"<!doctype html><html lang='en'><head><title>Floods</title></head><body>{chrome}"
            f"<article><h1>Floods</h1>{''.join(body)}</article></body></html>")


def main() -> None:
    """Write a sheet with the page as its one source's copy and time one `suggest`."""
    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / "floods"
        (sheet / "archive").mkdir(parents=True)
        (sheet / "sheet.yaml").write_text("sheet:\n  title: Floods\n  as_of: 2023-05-04\n")
        (sheet / "sources.yaml").write_text(
            "sources:\n  - id: wire-2023-05-04\n    publisher: Example Wire\n"
            "    title: Floods\n    published: 2023-05-04\n")
        html = page(article=int(sys.argv[1]) if len(sys.argv) > 1 else 40)
        (sheet / "archive" / "wire-2023-05-04.html").write_text(html, encoding="utf-8")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "factsheet", "suggest", "wire-2023-05-04",
                        "--sheet", str(sheet)], check=True, capture_output=True)
        took = time.perf_counter() - start
        print(f"page {len(html.encode()) / 1000:.0f} KB: suggest took {took:.2f} s (goal < 2 s)")


if __name__ == "__main__":
    main()
