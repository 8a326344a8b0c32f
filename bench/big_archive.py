"""A sheet whose archived copies total a given size, and `check` timed on it (issue 14)."""

from __future__ import annotations

import random
from pathlib import Path

from corpus import WORDS
from measure import Row, Runner, at_most, cli, log, mb

SOURCES = 10
# Typeset text as saved from news sites: curly quotes, dashes, hyphenated compounds,
# accented names, wrapped lines, blank lines between paragraphs.
_ODD = ("“", "”", "’", "—", "–", "-", "é", "ü", "…")


def _paragraph(rng: random.Random) -> str:
    out: list[str] = []
    for _ in range(rng.randint(3, 7)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
        if rng.random() < 0.4:
            k = rng.randrange(len(words) - 1)
            words[k] = f"{words[k]}-{words[k + 1]}"
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(_ODD))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), f"{rng.randint(2, 99_999):,}")
        out.append(" ".join(words).capitalize() + ".")
    text = " ".join(out)
    lines, line = [], ""
    for word in text.split(" "):  # wrapped at 78 columns, as a saved text copy often is
        if line and len(line) + 1 + len(word) > 78:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*lines, line])


def write_big_sheet(folder: Path, total_mb: float, seed: int = 0) -> int:
    """Write a sheet of SOURCES sources whose copies total `total_mb`; return the excerpts."""
    rng = random.Random(seed)
    archive = folder / "archive"
    archive.mkdir(parents=True, exist_ok=True)
    # Each copy stops within a paragraph of its share, so it stays at the documented limit
    # of 20 MB per copy rather than a few bytes past it.
    size = int(total_mb * 1_000_000 / SOURCES) - 2_000
    sources, figures = [], []
    for s in range(SOURCES):
        paras: list[str] = []
        length = 0
        picks: list[tuple[str, int]] = []
        while length < size:
            para = _paragraph(rng)
            if len(paras) % 997 == 0:  # an excerpt from here: start, middle and end alike
                # The excerpt states its figure's value, as `validate --strict` asks (FS310).
                value = 10 + len(picks)
                words = para.replace("\n", " ").split(" ")
                says = " ".join([*words[2:10], f"counted {value} vehicles"])
                para += f"\nFinally, {says} overnight."
                picks.append((says, value))
            paras.append(para)
            length += len(para.encode()) + 2
        (archive / f"src-{s}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        sources.append(f"  - id: src-{s}\n    publisher: Outlet {s}\n    title: Report {s}\n"
                       f"    published: 2024-05-0{1 + s % 9}\n")
        for k, (says, value) in enumerate([*picks[:3], picks[-1]]):
            figures.append(f"  - id: f-{s}-{k}\n    label: Count\n    measure: other\n"
                           f"    who: things {s} {k}\n    unit: vehicles\n    value: {value}\n"
                           f"    claimed_by: Outlet {s}\n"
                           f"    cite:\n      - source: src-{s}\n"
                           f"        says: {_yaml(says)}\n")
    (folder / "sheet.yaml").write_text(
        "sheet:\n  title: Big archive\n  as_of: 2024-05-10\n  summary:\n"
        "    - text: Copies as large as the limits allow.\n      cite: src-0\n",
        encoding="utf-8")
    (folder / "sources.yaml").write_text("sources:\n" + "".join(sources), encoding="utf-8")
    (folder / "figures.yaml").write_text("figures:\n" + "".join(figures), encoding="utf-8")
    return len(figures)


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def bench_big_archive(runner: Runner, work: Path, total_mb: float = 200) -> list[Row]:
    """`factsheet check` on one sheet whose copies total `total_mb`, cold, without cache."""
    folder = work / "big-archive" / "big-archive"
    n = write_big_sheet(folder, total_mb)
    log(f"check: {n} excerpts against {total_mb:g} MB of archived copies")
    run = runner.run([*cli(), "check", str(folder), "--no-cache"], measure=True)
    return [
        at_most(f"check, {total_mb:g} MB of archived copies ({n} excerpts), wall", run.seconds,
                60, f"{run.seconds:.1f} s ({run.cpu:.1f} CPU-s)", "s"),
        at_most(f"check, {total_mb:g} MB, peak memory", run.maxrss / 1e6, 1000,
                mb(run.maxrss), "MB"),
    ]
