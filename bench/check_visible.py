"""The check's cost before and after reading archives as a reader sees them, in one run.

    python bench/check_visible.py ARCHIVE_DIR [--before SRC] [--big-mb 20]

ARCHIVE_DIR is the example's archive folder (the copies `facts/kazakhstan-2022-01` cites).
SRC is a checkout of the code before the change (`git archive <commit> factsheet templates`);
without it only the current code is measured. Prints a markdown table: wall and CPU seconds
of `factsheet check` as a fresh process (start-up included), cold (empty cache) and warm.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("the police said protesters gathered in the square on wednesday after fuel prices "
         "rose and officials declared a state of emergency across the region while troops "
         "arrived at the airport").split()


def _sentence(rng: random.Random, n: int = 18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def news_page(target: int, seed: int = 0) -> tuple[str, list[str]]:
    """A news page of about `target` bytes: big inline CSS and scripts, nav, an article."""
    rng = random.Random(seed)
    css = "\n".join(f".c{i} .x{i % 50} > a:hover, #id{i} {{ color: #{i % 999:03d}; "
                    f"margin: {i % 7}px; font-size: {12 + i % 6}px }}" for i in range(900))
    script = "var data = [" + ",".join(f'"{_sentence(rng, 6)}"' for _ in range(800)) + "];"
    nav = "".join(f'<li><a href="/s/{i}">Section {i}</a></li>' for i in range(60))
    says: list[str] = []
    paragraphs: list[str] = []
    size = len(css) + len(script)
    while size < target:
        n = len(paragraphs)
        text = f"Paragraph {n} says that " + _sentence(rng, 30)
        if n % 40 == 5:
            says.append(text[: 80].rsplit(" ", 1)[0])
        style = ' style="display:none"' if n % 17 == 3 else ""
        paragraphs.append(f'<p class="c{n % 900} body-text"{style}>{text[:40]}'
                          f'<a href="/t/{n}">{text[40:60]}</a>{text[60:]}</p>')
        size += len(paragraphs[-1])
    page = (f"<!DOCTYPE html><html><head><meta charset=utf-8><title>News</title>"
            f"<style>{css}</style><script>{script}</script></head><body>"
            f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>Headline</h1>"
            + "\n".join(paragraphs) + "</article></main><footer>(c) News</footer></body></html>")
    return page, says[:10]


def plain_copy(target: int, seed: int = 1) -> tuple[str, list[str]]:
    """A plain-text copy of about `target` bytes, with excerpts near its end."""
    rng = random.Random(seed)
    lines: list[str] = []
    size = 0
    while size < target:
        line = f"Line {len(lines)}: " + _sentence(rng, 20)
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines) + "\n", [lines[-k][:70].rsplit(" ", 1)[0] for k in (1, 50, 500)]


def sheet(folder: Path, suffix: str, text: str, says: list[str]) -> None:
    """A one-source sheet citing `says` from a copy `wire<suffix>`."""
    (folder / "archive").mkdir(parents=True)
    (folder / "archive" / f"wire{suffix}").write_text(text, encoding="utf-8")
    events = "".join(f"  - id: e{i}\n    date: 2022-01-07\n    text: Something.\n    cite:\n"
                     f"      - source: wire\n        says: \"{s}\"\n" for i, s in enumerate(says))
    (folder / "sheet.yaml").write_text(
        "sheet:\n  title: Bench\n  as_of: 2022-01-10\n  lang: en\nsources:\n  - id: wire\n"
        "    publisher: The Wire\n    title: T\n    published: 2022-01-08\nevents:\n" + events,
        encoding="utf-8")


def run(code: Path | None, work: Path, args: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of one `factsheet check` process, and its last line."""
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factsheet", "check", *args], cwd=work,
                          env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, (done.stdout.strip().splitlines() or [done.stderr.strip()])[-1]


def main() -> None:
    """Measure every case with each code version, interleaved, and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("archive", type=Path)
    parser.add_argument("--before", type=Path, default=None)
    parser.add_argument("--big-mb", type=float, default=20.0)
    opts = parser.parse_args()
    versions = [("after", None)] + ([("before", opts.before.resolve())] if opts.before else [])
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        shutil.copytree(ROOT / "facts", base / "facts")
        page, page_says = news_page(370_000)
        sheet(base / "page370", ".html", page, page_says)
        big = int(opts.big_mb * 1e6)
        text, text_says = plain_copy(big)
        sheet(base / "big-txt", ".txt", text, text_says)
        html, html_says = news_page(big, seed=2)
        sheet(base / "big-html", ".html", html, html_says)
        cases = [("example", ["facts", "--archive-dir", str(opts.archive.resolve())]),
                 (f"{len(page) / 1000:.0f} KB HTML page", ["page370"]),
                 (f"{opts.big_mb:g} MB plain-text copy", ["big-txt"]),
                 (f"{len(html) / 1e6:.0f} MB HTML copy", ["big-html"])]
        print("| case | code | cold wall s | cold CPU s | warm wall s | warm CPU s | result |")
        print("|---|---|---|---|---|---|---|")
        for name, args in cases:
            for label, code in versions:
                shutil.rmtree(base / ".factsheet-cache", ignore_errors=True)
                cold = run(code, base, args)
                warm = run(code, base, args)
                print(f"| {name} | {label} | {cold[0]:.2f} | {cold[1]:.2f} | {warm[0]:.2f} | "
                      f"{warm[1]:.2f} | {cold[2][:90]} |", flush=True)


if __name__ == "__main__":
    main()
