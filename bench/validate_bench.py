"""Time `validate_sheet` on a generated 5,000-fact sheet and print facts per second."""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from factsheet import model
from factsheet.validate import validate_sheet

WORDS = (
    "security forces protesters government ministry capital city airport square police "
    "troops national guard curfew internet blackout prices fuel gas rally president "
    "parliament state emergency region reports witnesses residents officials statement"
).split()
MEASURES = model.MEASURES
CLAIMANTS = ("Interior Ministry", "Health Ministry", "city officials", "CSTO", "Reuters")


def sentence(rng: random.Random, words: int) -> str:
    """Return a plausible sentence of about `words` words."""
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def quoted(text: str) -> str:
    """Return `text` as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cite(rng: random.Random, sources: int, says: str | None = None) -> list[str]:
    """Return the YAML lines of a cite list naming one or two sources."""
    lines = ["    cite:"]
    for n in rng.sample(range(sources), k=rng.choice((1, 1, 2))):
        lines.append(f"      - source: source-{n:04d}")
        if says is not None:
            lines.append(f"        says: {quoted(says)}")
    return lines


def generate(folder: Path, facts: int, seed: int = 7) -> int:
    """Write a sheet with `facts` figures, quotes and events (plus sources); return its facts."""
    rng = random.Random(seed)
    n_sources = max(1, facts // 25)
    n_figures = facts * 2 // 5
    n_quotes = facts * 3 // 10
    n_events = facts - n_figures - n_quotes
    folder.mkdir(parents=True, exist_ok=True)
    head = ["sheet:", "  title: Unrest in Kazakhstan, January 2022",
            "  subtitle: What is known, who says so, and when",
            "  as_of: 2022-01-07T18:00:00+06:00",
            "  lang: en", "  author: Briefings desk", "  summary:",
            f"    - text: {quoted(sentence(rng, 18))}", "      cite: source-0000", "sources:"]
    for n in range(n_sources):
        head += [f"  - id: source-{n:04d}", f"    publisher: {quoted(sentence(rng, 3))}",
                 f"    title: {quoted(sentence(rng, 12))}",
                 f"    url: https://news.example.com/2022/01/07/story-{n:04d}.html",
                 "    published: 2022-01-07T10:00:00+06:00",
                 "    updated: 2022-01-07T16:20:00+06:00", "    accessed: 2022-01-08",
                 "    lang: en", "    translation: machine", "    agency: Reuters"]
    (folder / "a-sheet.yaml").write_text("\n".join(head) + "\n", encoding="utf-8")
    body = ["figures:"]
    for n in range(n_figures):
        value = rng.randrange(1, 20_000)
        body += [f"  - id: figure-{n:05d}", f"    label: {quoted(sentence(rng, 3))}",
                 f"    measure: {rng.choice(MEASURES)}", f"    who: {quoted(sentence(rng, 4))}",
                 f"    value: {value}", "    approx: about", "    as_of: 2022-01-07",
                 f"    claimed_by: {rng.choice(CLAIMANTS)}",
                 f"    key: {str(rng.random() < 0.1).lower()}"]
        body += cite(rng, n_sources, f"{sentence(rng, 8)} about {value:,} {sentence(rng, 6)}")
    body.append("quotes:")
    for n in range(n_quotes):
        text = sentence(rng, 25)
        body += [f"  - id: quote-{n:05d}", f"    speaker: {quoted(sentence(rng, 2))}",
                 f"    role: {quoted(sentence(rng, 3))}", "    date: 2022-01-07",
                 "    setting: televised address", f"    text: {quoted(text)}", "    lang: en",
                 "    original_lang: ru"]
        body += cite(rng, n_sources, text)
    body.append("events:")
    for n in range(n_events):
        body += [f"  - id: event-{n:05d}", f"    date: 2022-01-0{rng.randrange(1, 8)}",
                 f"    text: {quoted(sentence(rng, 15))}"]
        body += cite(rng, n_sources)
    (folder / "b-facts.yaml").write_text("\n".join(body) + "\n", encoding="utf-8")
    return n_figures + n_quotes + n_events


def main() -> int:
    """Generate the sheet, validate it three times and report the best rate."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--facts", type=int, default=5000, help="facts to generate (5000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best counts (3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bench-sheet"
        facts = generate(folder, args.facts)
        size = sum(p.stat().st_size for p in folder.iterdir())
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            result, diags = validate_sheet(folder)
            best = min(best, time.perf_counter() - start)
        if result is None or diags:
            for diag in diags[:10]:
                print(diag.render(), file=sys.stderr)
            print("the generated sheet did not validate clean", file=sys.stderr)
            return 1
    print(f"{facts} facts ({size / 1e6:.1f} MB of YAML): best of {args.repeat} "
          f"{best:.2f} s, {facts / best:,.0f} facts/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
