"""Matching: find an excerpt in an archive, or explain the closest miss."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from factsheet.check.normalise import MARK, Normal, excerpt_segments, segment_pattern, wordy

# Below this similarity the "closest passage" is noise and is not shown.
MIN_SIMILAR = 60.0




@dataclass(frozen=True)
class Outcome:
    """What searching one excerpt in one archive came to; cached as JSON."""

    status: str  # "verified" or "not-found"
    line: int | None = None  # where the excerpt starts in the archive (verified)
    end_line: int | None = None
    closest: str | None = None  # the closest passage (not found)
    closest_line: int | None = None
    similarity: float | None = None  # 0-100
    difference: str | None = None  # the first difference, in words
    reason: str | None = None  # why not found, when it is not simply absent


def search(archive: Normal, excerpt: str) -> Outcome:
    """Find an excerpt (its parts in order) in normalised archive text."""
    segments = excerpt_segments(excerpt)
    if not segments:
        return Outcome("not-found", reason="the excerpt has no words besides its `...`")
    start: int | None = None
    pos = 0
    for n, segment in enumerate(segments):
        pattern = segment_pattern(segment)
        m = pattern.search(archive.text, pos)
        if m is None:
            earlier = pattern.search(archive.text) if n else None
            if earlier is not None:
                return Outcome(
                    "not-found", closest=_show(archive.text[earlier.start(): earlier.end()]),
                    closest_line=archive.line_at(earlier.start()), similarity=100.0,
                    reason=f"part {n + 1} of the excerpt comes before part {n} in the archive; "
                           "the parts around `...` must appear in the archive's order")
            return _closest(archive, segment, n, len(segments))
        if start is None:
            start = m.start()
        pos = m.end()
    assert start is not None
    return Outcome("verified", line=archive.line_at(start), end_line=archive.line_at(pos - 1))


def _closest(archive: Normal, segment: str, part: int, parts: int) -> Outcome:
    """Explain a miss: the closest passage, its similarity and the first difference."""
    part_of = (f"the part “{clip(segment, 60)}” ({part + 1} of {parts}, split at `...`) "
               "is missing" if parts > 1 else None)

    def miss(why: str | None = None, **found: Any) -> Outcome:
        reason = "; ".join(r for r in (part_of, why) if r) or None
        return Outcome("not-found", reason=reason, **found)

    hay = archive.text.replace(MARK, "-")
    if not hay:
        return miss("the archived copy has no text")
    inside = segment_pattern(segment, whole_words=False).search(archive.text)
    if inside is not None:
        start, end = inside.span()
        while start > 0 and wordy(hay[start - 1]):
            start -= 1
        while end < len(hay) and wordy(hay[end]):
            end += 1
        return miss("the archive has these words only inside longer words; an excerpt must "
                    "start and end at word boundaries", closest=hay[start:end],
                    closest_line=archive.line_at(start),
                    similarity=round(float(fuzz.ratio(segment, hay[start:end])), 1))
    found = fuzz.partial_ratio_alignment(segment, hay)
    if found is None:  # only when a score cutoff is given; kept for the type checker
        return miss()
    start, end, score = _refine(segment, hay, found.dest_start, found.dest_end)
    if score < MIN_SIMILAR:
        return miss(f"nothing in the archived copy is even {MIN_SIMILAR:.0f}% similar",
                    similarity=round(score, 1))
    passage = hay[start:end]
    return miss(closest=passage, closest_line=archive.line_at(start), similarity=round(score, 1),
                difference=difference(segment, passage))


def _refine(segment: str, hay: str, start: int, end: int) -> tuple[int, int, float]:
    """Snap a fuzzy alignment to whole words, choosing the span most like the segment."""
    # partial_ratio aligns a window of the segment's length, which can begin mid-word or
    # drag in the previous sentence; try word-aligned spans around it and keep the best.
    size = len(segment)
    offset = max(0, start - size // 2)
    spans = [(offset + m.start(), offset + m.end())
             for m in re.finditer(r"\w+", hay[offset: end + size // 2])]
    best = (start, end, -1.0)
    for a, _ in spans:
        # Keep the punctuation the segment itself starts or ends with.
        if a > 0 and not wordy(segment[0]) and hay[a - 1] == segment[0]:
            a -= 1
        for _, b in spans:
            if b <= a or not size // 2 <= b - a <= size * 3 // 2 + 1:
                continue
            if b < len(hay) and not wordy(segment[-1]) and hay[b] == segment[-1]:
                b += 1
            score = float(fuzz.ratio(segment, hay[a:b]))
            if score > best[2] or (score == best[2] and b - a < best[1] - best[0]):
                best = (a, b, score)
    if best[2] < 0:  # no whole-word span of a fitting length: keep the raw alignment
        best = (start, end, float(fuzz.ratio(segment, hay[start:end])))
    return best


def _show(text: str) -> str:
    return text.replace(MARK, "-")


def difference(excerpt: str, passage: str) -> str | None:
    """Describe the first word-level difference between an excerpt and an archive passage."""
    a, b = excerpt.split(" "), passage.split(" ")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        mine, theirs = _words(a[i1:i2]), _words(b[j1:j2])
        if op == "replace":
            case = " (letter case must match too)" if mine.lower() == theirs.lower() else ""
            return f"the archive has “{theirs}” where the excerpt has “{mine}”{case}"
        if op == "delete":
            return f"the excerpt has “{mine}”, which the archive does not have there"
        return (f"the archive has “{theirs}” there, which the excerpt leaves out "
                "(mark left-out words with `...`)")
    return None


def _words(tokens: list[str], limit: int = 8) -> str:
    text = " ".join(tokens[:limit])
    return text + " …" if len(tokens) > limit else text



def clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
