"""Syndication: archived copies that share long runs of wording."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factsheet.check.archive import Archive
from factsheet.check.normalise import MARK, Normal
from factsheet.model import Source
from factsheet.reconcile import Reports
from factsheet.reconcile import independent_reports as independent_reports

# Syndication: shared runs of this many words count as copied wording; a pair is flagged when
# such runs cover LOOKALIKE_SHARE of the shorter copy's narrative (and at least 2 * NGRAM
# words, so a tiny copy is not flagged for one shared phrase).
NGRAM = 8
LOOKALIKE_SHARE = 0.10
# A copy larger than this (bytes) is not compared: its n-grams alone would take about 0.6 GB
# per 10 MB. The check says so for each such copy (rule FS415). Judged by size, not by its
# normal text, so a long copy whose excerpts are all cached is never normalised.
COMPARE_LIMIT = 5_000_000




@dataclass(frozen=True)
class Lookalike:
    """Two archived copies that share long passages of wording."""

    a: str
    b: str
    share: float  # of the shorter copy's narrative words inside shared NGRAM-word runs
    passages: int
    example: str  # the longest shared passage


@dataclass(frozen=True)
class Run:
    """Words of narrative text (not quoted speech), with the text they were cut from."""

    text: str
    spans: tuple[tuple[int, int], ...]  # each word's (start, end) in `text`

    @property
    def words(self) -> list[str]:
        """The run's words, lowercased for comparison."""
        return [self.text[a:b].lower() for a, b in self.spans]


def narrative_runs(normal: Normal) -> list[Run]:
    """Split normal text into runs of words outside double quotes, paragraph by paragraph."""
    # An archive's own normalised text is reused: each copy is normalised once.
    runs: list[Run] = []
    # Quoted speech is left out: independent reports quote the same words, wire copies share
    # the reporter's own sentences.
    for paragraph in normal.paragraphs():
        norm = paragraph.replace(MARK, "").strip()
        for k, piece in enumerate(norm.split('"')):
            if k % 2 == 0:  # an odd piece is inside quotes (or after an unclosed one)
                spans = tuple(m.span() for m in re.finditer(r"\w+", piece))
                if spans:
                    runs.append(Run(piece, spans))
    return runs


def ngrams(runs: list[Run], n: int = NGRAM) -> set[int]:
    """Every n-word sequence inside the runs (never across two runs), as its hash."""
    # Hashes, not tuples of words: a fifth of the memory. Both sides hash in this process.
    grams: set[int] = set()
    for run in runs:
        words = run.words
        grams.update(hash(tuple(words[i: i + n])) for i in range(len(words) - n + 1))
    return grams


def shared_wording(a: list[Run], grams_b: set[int], n: int = NGRAM
                   ) -> tuple[float, int, str]:
    """Share of `a`'s words inside n-word runs found in `grams_b`; passages; the longest."""
    total = covered = passages = 0
    longest = ""
    for run in a:
        words = run.words
        total += len(words)
        inside = [False] * len(words)
        for i in range(len(words) - n + 1):
            if hash(tuple(words[i: i + n])) in grams_b:
                inside[i: i + n] = [True] * n
        start = None
        for i, flag in enumerate([*inside, False]):
            if flag and start is None:
                start = i
            elif not flag and start is not None:
                passages += 1
                covered += i - start
                passage = run.text[run.spans[start][0]: run.spans[i - 1][1]]
                if len(passage) > len(longest):
                    longest = passage
                start = None
    return (covered / total if total else 0.0), passages, longest


def too_long(archives: dict[str, Archive]) -> list[str]:
    """The sources whose copies are too long to compare for shared wording."""
    return [sid for sid, a in archives.items() if a.size > COMPARE_LIMIT]


def lookalikes(sources: Sequence[Source], archives: dict[str, Archive]) -> list[Lookalike]:
    """Pairs of archived copies that look like one story but declare no common agency."""
    skipped = set(too_long(archives))
    archives = {sid: a for sid, a in archives.items() if sid not in skipped}
    runs = {sid: narrative_runs(archive.normal) for sid, archive in archives.items()}
    grams = {sid: ngrams(rs) for sid, rs in runs.items()}
    size = {sid: sum(len(r.spans) for r in rs) for sid, rs in runs.items()}
    found: list[Lookalike] = []
    reports = Reports(sources)
    ordered = [s for s in sources if s.id in archives]
    for i, first in enumerate(ordered):
        for second in ordered[i + 1:]:
            if reports.source(first.id) == reports.source(second.id):
                continue  # declared as one report already
            if grams[first.id].isdisjoint(grams[second.id]):
                continue
            short, other = ((first.id, second.id) if size[first.id] <= size[second.id]
                            else (second.id, first.id))
            share, passages, example = shared_wording(runs[short], grams[other])
            if share >= LOOKALIKE_SHARE and share * size[short] >= 2 * NGRAM:
                found.append(Lookalike(first.id, second.id, round(share, 3), passages, example))
    return found
