"""Recall and precision of `factsheet suggest` against a curated sheet's figures and quotes.

Usage: python bench/suggest_quality.py SHEET_FOLDER ARCHIVE_DIR SOURCE_ID...
The sheet's figures and quotes that cite each source are the answer key; suggest runs on a
copy of the sheet without them. Prints a Markdown table and every proposal's verdict.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from factsheet.load.sheet import load_sheet
from factsheet.propose.source import suggest


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", str(text).replace("’", "'").casefold()).strip()


def _initials(text: str) -> str:
    return "".join(w[0] for w in str(text).split() if w[:1].isupper())


def same_claimant(a: str | None, b: str | None) -> bool:
    """Claimants agree: equal, one inside the other, or one the other's initials (CSTO)."""
    if not a or not b:
        return False
    fa, fb = _fold(a), _fold(b)
    return fa in fb or fb in fa or _initials(a) == b or _initials(b) == a


def _cites(entry: dict[str, Any], source: str) -> bool:
    cites = entry.get("cite")
    cites = cites if isinstance(cites, list) else [cites]
    return any((c.get("source") if isinstance(c, dict) else c) == source for c in cites)


def measure(sheet: Path, archive: Path, sources: list[str]) -> dict[str, Any]:
    """The counts behind each measured share, over (entry, source) pairs."""
    key = {k: yaml.safe_load((sheet / f"{k}.yaml").read_text(encoding="utf-8"))[k]
           for k in ("figures", "quotes")}
    n = {"figures": 0, "value": 0, "measure_claimant": 0, "proposed": 0, "real": 0,
         "quotes": 0, "quote_speaker": 0, "says": 0, "says_ok": 0}
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / sheet.name
        copy.mkdir()
        for name in ("sheet.yaml", "sources.yaml"):
            shutil.copy(sheet / name, copy / name)
        loaded = load_sheet(copy)
        for source in sources:
            found = suggest(loaded, source, archive)
            figures = [p.data for p in found.proposals if p.kind == "figures"]
            quotes = [p.data for p in found.proposals if p.kind == "quotes"]
            n["proposed"] += len(figures)
            n["says"] += len(found.proposals) + len(found.unverified)
            n["says_ok"] += len(found.proposals)
            wanted = [f for f in key["figures"] if _cites(f, source)]
            for fig in wanted:
                n["figures"] += 1
                hit = [p for p in figures if p["value"] == fig["value"]
                       and p.get("approx", "exact") == fig.get("approx", "exact")]
                n["value"] += bool(hit)
                n["measure_claimant"] += any(
                    p["measure"] == fig["measure"]
                    and same_claimant(p.get("claimed_by"), fig.get("claimed_by")) for p in hit)
                verdicts.append(f"{source} {fig['id']}: "
                                + (f"matched ({hit[0]['measure']}, {hit[0].get('claimed_by')})"
                                   if hit else "missed"))
            values = [f["value"] for f in wanted]
            for p in figures:
                real = p["value"] in values
                n["real"] += real
                if not real:
                    verdicts.append(f"{source} proposal not in the sheet: {p['value']} "
                                    f"“{p['cite'][0]['says']}”")
            for q in (q for q in key["quotes"] if _cites(q, source)):
                n["quotes"] += 1
                says = [c.get("says", q["text"]) for c in q["cite"]
                        if isinstance(c, dict) and c.get("source") == source]
                start = _fold(says[0] if says else q["text"]).split()[:4]
                hit = [p for p in quotes if _fold(p["text"]).split()[:4] == start
                       or _fold(says[0] if says else "") in _fold(p["text"])]
                ok = any(_fold(q["speaker"]).split()[-1] in _fold(p["speaker"]) for p in hit)
                n["quote_speaker"] += ok
                verdicts.append(f"{source} quote {q['id']}: "
                                + ("right speaker" if ok else "missed or wrong speaker"))
    n["verdicts"] = verdicts
    return n


def table(n: dict[str, Any]) -> str:
    """The Markdown table of the measured shares."""
    def share(a: int, b: int) -> str:
        return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "—"
    rows = [("Value and qualifier (recall)", share(n["value"], n["figures"]), "≥ 80%"),
            ("Measure and claimant, of those matched", share(n["measure_claimant"],
                                                             n["value"]), "≥ 60%"),
            ("Precision: proposals that are the sheet's counts",
             share(n["real"], n["proposed"]), "≥ 70%"),
            ("Quotes proposed with the right speaker", share(n["quote_speaker"],
                                                            n["quotes"]), "—"),
            ("Proposed `says` that verify with `check`", share(n["says_ok"], n["says"]),
             "100%")]
    lines = ["| Measure | Result | Goal |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    result = measure(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
    print(table(result))
    print("\n".join(result["verdicts"]))
