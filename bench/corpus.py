"""A deterministic synthetic corpus of fact sheets for the benchmark (seeded, no wall clock)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from factsheet import model

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "facts" / "kazakhstan-2022-01"

PLACES = (
    "Almaty", "Nur-Sultan", "Tbilisi", "Yerevan", "Minsk", "Bishkek", "Dushanbe", "Khartoum",
    "Colombo", "Quito", "Lima", "Dakar", "Conakry", "Bamako", "Yangon", "Tehran", "Beirut",
    "Caracas", "Port-au-Prince", "Niamey", "Ouagadougou", "Harare", "Kampala", "Tashkent",
)
EVENTS = (
    "unrest", "protests", "floods", "earthquake", "strike", "election violence",
    "border clashes", "fuel protests", "curfew", "evacuation",
)
PUBLISHERS = (
    "The National", "Reuters", "Associated Press", "Agence France-Presse", "Al Jazeera",
    "BBC News", "Deutsche Welle", "Radio Free Europe", "The Guardian", "Le Monde",
    "Eurasianet", "Kommersant", "The Moscow Times", "France 24", "Euronews", "Anadolu Agency",
    "TASS", "Interfax", "The New York Times", "The Washington Post", "Financial Times",
    "Bloomberg", "NHK World", "ABC News", "CNN",
)
AGENCIES = ("Reuters", "AP", "AFP", "Interfax", "TASS")
LANGS = ("en", "en", "en", "ru", "fr", "de", "kk", "ar", "es")
MEASURES = model.MEASURES
UNITS = ("troops", "flights", "vehicles", "buildings", "people", "checkpoints")
APPROX = ("exact", *model.APPROX)  # exact twice as often: most counts are exact
VAGUE = model.VAGUE
CLAIMANTS = (
    "Interior Ministry", "Health Ministry", "State television", "city officials",
    "the United Nations", "the Red Cross", "opposition activists", "the presidency",
    "Defence Ministry", "local hospitals", "human rights groups", "Emergencies Ministry",
)
WHO = (
    "protesters", "police and National Guard", "civilians", "security forces",
    "foreign nationals", "residents of the capital", "journalists", "children",
    "people in the unrest", "soldiers of the peacekeeping force",
)
SPEAKERS = (
    ("Kassym-Jomart Tokayev", "President"), ("Aigerim Seitkali", "Interior Minister"),
    ("Marat Nurlanov", "Mayor of the capital"), ("Olga Petrenko", "UN spokesperson"),
    ("Jean-Marc Dubois", "Red Cross regional director"), ("Dana Abenova", "opposition leader"),
    ("Sergei Volkov", "Defence Ministry spokesman"), ("Amina Diallo", "Health Minister"),
    ("Tomasz Kowalski", "EU foreign policy chief"), ("Li Wei", "Foreign Ministry spokesman"),
    ("a protester", None), ("a hospital doctor", None),
)
SETTINGS = ("televised address", "press conference", "statement", "interview",
            "briefing to reporters", "post on social media", "speech to parliament")
WORDS = (
    "security forces government ministry capital city airport square police troops "
    "curfew internet blackout prices fuel gas rally president parliament state emergency "
    "region witnesses residents officials statement buildings streets protesters crowds "
    "vehicles hospital district border convoy shelter checkpoint overnight morning "
    "television reports agency spokesman opposition activists shops banks roads cars "
    "demonstrators administration offices soldiers peacekeepers negotiations talks"
).split()
VERBS = ("said", "reported", "confirmed", "announced", "told reporters", "wrote",
         "claimed", "estimated", "stated")
# Word swaps that make a second machine translation of the same quote.
VARIANTS = {
    "militants": "terrorists", "arms": "weapons", "order": "instruction", "army": "military",
    "must": "should", "pursued": "continued", "destroyed": "eliminated", "people": "citizens",
    "calm": "peace", "help": "assistance", "country": "nation", "will": "shall",
}
QUOTE_WORDS = (
    "we people country order calm will must help restore law citizens nation peace "
    "security safety today tomorrow everyone government army militants arms destroyed "
    "pursued families homes streets future stability dialogue responsibility"
).split()


def q(text: str) -> str:
    """Return `text` as a YAML double-quoted scalar (JSON escapes are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def slugify(text: str) -> str:
    """Lowercase letters, digits and single hyphens."""
    out = "".join(c if c.isalnum() and c.isascii() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


def words(rng: random.Random, lo: int, hi: int, pool: Sequence[str] = WORDS) -> str:
    """Return between `lo` and `hi` words from `pool`."""
    return " ".join(rng.choice(pool) for _ in range(rng.randint(lo, hi)))


def sentence(rng: random.Random, lo: int, hi: int, pool: Sequence[str] = WORDS) -> str:
    """Return a capitalised sentence of `lo` to `hi` words ending with a full stop."""
    text = words(rng, lo, hi, pool)
    return text[0].upper() + text[1:] + "."


def variant(rng: random.Random, text: str) -> str:
    """Reword a quote the way a second translation would."""
    out = [VARIANTS.get(w, w) if rng.random() < 0.7 else w for w in text.split(" ")]
    if out == text.split(" "):
        out.insert(0, "Indeed,")
    return " ".join(out)


class SheetWriter:
    """Writes one sheet folder of fact files, like the example: one file per list."""

    def __init__(self, rng: random.Random, slug: str, n_facts: int) -> None:
        self.rng = rng
        self.slug = slug
        self.n_facts = n_facts
        self.place = rng.choice(PLACES)
        self.what = rng.choice(EVENTS)
        day = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 5))
        self.offset = rng.choice((0, 1, 2, 3, 4, 5, 6, -3, -5))
        self.as_of_day = day
        self.as_of = dt.datetime(day.year, day.month, day.day, rng.randrange(8, 22),
                                 rng.choice((0, 15, 30, 45)),
                                 tzinfo=dt.timezone(dt.timedelta(hours=self.offset)))
        self.publishers = {f"{slugify(p)}-{day:%Y-%m-%d}": p
                           for p in rng.sample(PUBLISHERS, rng.randint(5, 20))}
        self.sources = list(self.publishers)
        self.cited: set[str] = set()
        # Which sources carry which agency's copy, drawn here so that figures can cite
        # independent reports (written out by source_lines).
        self.agency = {sid: rng.choice(AGENCIES) for sid in self.sources if rng.random() < 0.4}

    def earlier(self, max_days: int = 6) -> dt.date:
        """A day on or before the sheet's as_of day."""
        return self.as_of_day - dt.timedelta(days=self.rng.randrange(0, max_days + 1))

    def pick_independent(self, k: int) -> list[str]:
        """Pick `k` sources that are `k` independent reports: no two share an agency."""
        roots: dict[str, list[str]] = {}
        for sid in self.sources:
            roots.setdefault(self.agency.get(sid) or sid, []).append(sid)
        fresh = [r for r, ids in roots.items() if any(i not in self.cited for i in ids)]
        chosen = self.rng.sample(fresh, min(k, len(fresh)))
        rest = [r for r in roots if r not in chosen]
        chosen += self.rng.sample(rest, min(k - len(chosen), len(rest)))
        picked = [min(roots[r], key=lambda i: (i in self.cited, i)) for r in chosen]
        self.cited.update(picked)
        return picked

    def pick(self, k: int) -> list[str]:
        """Pick `k` distinct sources, preferring the ones not cited yet."""
        fresh = [s for s in self.sources if s not in self.cited]
        chosen = self.rng.sample(fresh, min(k, len(fresh)))
        rest = [s for s in self.sources if s not in chosen]
        chosen += self.rng.sample(rest, k - len(chosen))
        self.cited.update(chosen)
        return chosen

    def write(self, folder: Path) -> int:
        """Write the sheet's files; return its number of facts (figures, quotes, events)."""
        n_figures = max(1, self.n_facts * 2 // 5)
        n_quotes = max(1, self.n_facts // 4)
        n_events = max(1, self.n_facts - n_figures - n_quotes)
        folder.mkdir(parents=True, exist_ok=True)
        figures = self.figures(n_figures)
        quotes = self.quotes(n_quotes)
        events = self.events(n_events)
        sheet = self.sheet()  # last, so it cites every source the facts left out
        for name, lines in (("sheet", sheet), ("sources", self.source_lines()),
                            ("figures", figures), ("quotes", quotes), ("events", events)):
            (folder / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return n_figures + n_quotes + n_events

    def sheet(self) -> list[str]:
        """The `sheet` mapping with a summary that cites every source not yet cited."""
        rng = self.rng
        lines = [
            f"# Synthetic sheet: {self.what} in {self.place} (bench/corpus.py).",
            "sheet:",
            f"  title: {q(f'{self.place}: {self.what}, {self.as_of:%B %Y}')}",
            f"  subtitle: {q(sentence(rng, 6, 14))}",
            f"  as_of: {self.as_of.isoformat()}",
            "  lang: en",
            f"  author: {q(rng.choice(('Briefings desk', 'World desk', 'Verification unit')))}",
            "  summary:",
        ]
        statements = rng.randint(3, 5)
        left = [s for s in self.sources if s not in self.cited]
        for i in range(statements):
            cites = left[i::statements] or self.pick(1)
            self.cited.update(cites)
            lines += [f"    - text: {q(sentence(rng, 18, 40))}", "      cite:"]
            for source in cites:
                if rng.random() < 0.5:
                    lines.append(f"        - {source}")
                else:
                    lines += [f"        - source: {source}",
                              f"          says: {q(sentence(rng, 8, 20))}"]
        return lines

    def source_lines(self) -> list[str]:
        """The `sources` list: some wire copy (agency), some machine translations."""
        rng = self.rng
        lines = ["sources:"]
        for sid in self.sources:
            publisher = self.publishers[sid]
            published = self.earlier(3)
            lines += [f"  - id: {sid}", f"    publisher: {q(publisher)}",
                      f"    title: {q(sentence(rng, 6, 14))}"]
            if rng.random() < 0.8:
                lines.append(f"    url: https://news.example.org/{published:%Y/%m/%d}/{sid}")
            lines.append(f"    published: {published.isoformat()}")
            if rng.random() < 0.4:
                clock = f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00"
                lines.append(f"    updated: {published.isoformat()}T{clock}"
                             f"{self.offset:+03d}:00")
            if rng.random() < 0.5:
                lines.append(f"    accessed: {self.as_of_day.isoformat()}")
            lang = rng.choice(LANGS)
            lines.append(f"    lang: {lang}")
            roll = rng.random()
            if roll < 0.3:
                lines.append("    translation: machine")
            elif roll < 0.4:
                lines.append("    translation: human")
            if sid in self.agency:
                lines.append(f"    agency: {q(self.agency[sid])}")
        return lines

    def value(self) -> tuple[str, str, str]:
        """A figure's YAML value, the number as a source would write it, and its approx."""
        rng = self.rng
        roll = rng.random()
        approx = rng.choice(APPROX)
        if roll < 0.1:
            word = rng.choice(VAGUE)
            return word, word, "exact"
        if roll < 0.25:
            lo = rng.randrange(2, 5000)
            hi = lo + rng.randrange(1, 3000)
            return f"{{min: {lo}, max: {hi}}}", f"between {lo:,} and {hi:,}", "exact"
        n = rng.choice((rng.randrange(1, 100), rng.randrange(100, 20_000)))
        shown = rng.choice((f"{n:,}", str(n), f"{n:,}".replace(",", " ")))
        return str(n), shown, approx

    def figures(self, count: int) -> list[str]:
        """The `figures` list: every excerpt contains its figure's number."""
        rng = self.rng
        lines = ["figures:"]
        for i in range(count):
            value, shown, approx = self.value()
            measure = rng.choice(MEASURES)
            lines += [f"  - id: figure-{i + 1}", f"    label: {q(words(rng, 1, 4).capitalize())}",
                      f"    measure: {measure}", f"    who: {q(rng.choice(WHO))}",
                      f"    value: {value}"]
            if approx != "exact":
                lines.append(f"    approx: {approx}")
            if measure == "other" or rng.random() < 0.2:
                lines.append(f"    unit: {q(rng.choice(UNITS))}")
            if rng.random() < 0.5:
                lines.append(f"    as_of: {self.earlier().isoformat()}")
            lines.append(f"    claimed_by: {q(rng.choice(CLAIMANTS))}")
            key = rng.random() < 0.25
            lines.append(f"    key: {'true' if key else 'false'}")
            if key:  # a key figure may be in a conflicting group, which needs a note (FS350)
                lines.append(f"    note: {q(sentence(rng, 5, 12))}")
            lines.append("    cite:")
            # Two independent reports at least: a count resting on one report is only
            # worth a warning (FS351) when an older one rests on more.
            for source in self.pick_independent(rng.choice((2, 2, 2, 3))):
                if rng.random() < 0.15:
                    lines.append(f"      - {source}")
                    continue
                says = (f"{words(rng, 3, 12).capitalize()} {rng.choice(VERBS)} {shown} "
                        f"{words(rng, 2, 12)}")
                lines += [f"      - source: {source}", f"        says: {q(says)}"]
                if rng.random() < 0.1:
                    lines.append(f"        note: {q(sentence(rng, 5, 12))}")
        return lines

    def quotes(self, count: int) -> list[str]:
        """The `quotes` list, with each source's own wording (variants) in `says`."""
        rng = self.rng
        lines = ["quotes:"]
        for i in range(count):
            speaker, role = rng.choice(SPEAKERS)
            text = sentence(rng, 12, 45, QUOTE_WORDS)
            lines += [f"  - id: quote-{i + 1}", f"    speaker: {q(speaker)}"]
            if role:
                lines.append(f"    role: {q(role)}")
            if rng.random() < 0.8:
                lines.append(f"    date: {self.earlier().isoformat()}")
            if rng.random() < 0.7:
                lines.append(f"    setting: {q(rng.choice(SETTINGS))}")
            lines.append(f"    text: {q(text)}")
            if rng.random() < 0.4:
                lines.append(f"    original_lang: {rng.choice(('ru', 'kk', 'fr', 'ar'))}")
            lines.append("    cite:")
            for n, source in enumerate(self.pick(rng.choice((1, 2, 2, 3)))):
                says = text if n == 0 else variant(rng, text)
                lines += [f"      - source: {source}", f"        says: {q(says)}"]
        return lines

    def events(self, count: int) -> list[str]:
        """The `events` list: days and spans, none after the sheet's as_of."""
        rng = self.rng
        lines = ["events:"]
        for i in range(count):
            lines.append(f"  - id: event-{i + 1}")
            if rng.random() < 0.2:
                end = self.earlier(3)
                start = end - dt.timedelta(days=rng.randrange(1, 10))
                lines.append(f"    date: {{from: {start.isoformat()}, to: {end.isoformat()}}}")
            else:
                lines.append(f"    date: {self.earlier(10).isoformat()}")
            lines.append(f"    text: {q(sentence(rng, 10, 30))}")
            sources = self.pick(rng.choice((1, 1, 2)))
            if len(sources) == 1 and rng.random() < 0.6:
                lines.append(f"    cite: {sources[0]}")
            else:
                lines.append("    cite:")
                for source in sources:
                    if rng.random() < 0.5:
                        lines.append(f"      - {source}")
                    else:
                        lines += [f"      - source: {source}",
                                  f"        says: {q(sentence(rng, 6, 18))}"]
        return lines


def write_sheet(folder: Path, n_facts: int, seed: int) -> int:
    """Write one synthetic sheet into `folder`; return its number of facts."""
    return SheetWriter(random.Random(seed), folder.name, n_facts).write(folder)


def generate(root: Path, n_sheets: int, facts_per_sheet: int, seed: int = 0) -> list[Path]:
    """Write `n_sheets` synthetic sheets plus a copy of the example under `root`."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    folders = []
    for i in range(n_sheets):
        slug = f"s{i + 1:04d}-{slugify(rng.choice(PLACES))}"
        folder = root / slug
        write_sheet(folder, facts_per_sheet, rng.randrange(2**32))
        folders.append(folder)
    if EXAMPLE.is_dir():
        copy = root / EXAMPLE.name
        shutil.copytree(EXAMPLE, copy, dirs_exist_ok=True)
        folders.append(copy)
    return folders


def main(argv: Sequence[str] | None = None) -> int:
    """Write a corpus from the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--sheets", type=int, default=40)
    parser.add_argument("--facts", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    folders = generate(args.root, args.sheets, args.facts, args.seed)
    print(f"{len(folders)} sheets under {args.root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
