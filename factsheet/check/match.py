"""Matching: find an excerpt in an archive, or explain the closest miss."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from factsheet.check.ellipsis import MAX_LEFT_OUT, negations, word_count
from factsheet.check.normalise import MARK, Normal, wordy
from factsheet.check.segments import excerpt_segments, segment_pattern
from factsheet.check.tokens import cut_token
from factsheet.check.verify import Found

# Below this similarity the "closest passage" is noise and is not shown.
MIN_SIMILAR = 60.0




# The parts of an excerpt split at `...` must stand in one paragraph, at most this many
# characters (and MAX_LEFT_OUT words) apart, and the words left out between them must not
# negate what is kept.
GAP_LIMIT = 300


@dataclass(frozen=True)
class Outcome:
    """What searching one excerpt in one archive came to; cached as JSON."""

    status: Found
    line: int | None = None  # where the excerpt starts in the archive (verified)
    end_line: int | None = None
    closest: str | None = None  # the closest passage (not found)
    closest_line: int | None = None
    similarity: float | None = None  # 0-100
    difference: str | None = None  # the first difference, in words
    reason: str | None = None  # why not found, when it is not simply absent
    rule: str | None = None  # the rule a miss breaks, when it is not plain "not-found"
    values: dict[str, str] | None = None  # that rule's message values


def whole(archive: Normal, start: int, end: int) -> bool:
    """False when a match starts or ends inside a compound ("non-violent") or a number."""
    return unbroken(archive, start, end) and cut_token(archive.text, start, end) is None


def unbroken(archive: Normal, start: int, end: int) -> bool:
    """False when a match starts or ends inside a hyphenated compound ("non-violent")."""
    return (start - 1 not in archive.compounds) and (end not in archive.compounds)


def _matches(archive: Normal, pattern: re.Pattern[str], pos: int = 0
             ) -> Iterator[re.Match[str]]:
    return (m for m in pattern.finditer(archive.text, pos) if whole(archive, *m.span()))


def _near(archive: Normal, pattern: re.Pattern[str], segment: str, pos: int
          ) -> Iterator[re.Match[str]]:
    """Matches of a part that start within GAP_LIMIT of `pos`, without scanning further."""
    # A match is at most twice its part's length (a line-end hyphen may follow any letter).
    endpos = min(len(archive.text), pos + GAP_LIMIT + 2 * len(segment) + 2)
    for m in pattern.finditer(archive.text, pos, endpos):
        if m.start() - pos > GAP_LIMIT:
            return
        # Searching stopped at endpos, where lookarounds see an end that is not there.
        full = pattern.match(archive.text, m.start())
        if full is not None and whole(archive, *full.span()):
            yield full


@dataclass(frozen=True)
class _Miss:
    """Where following an excerpt's parts broke off: at part n, after text[start:pos]."""

    n: int
    start: int
    pos: int
    dropped: tuple[str, ...]  # negations left out before the nearest place of part n
    left_out: int = 0  # the words left out before the nearest place, when too many


def search(archive: Normal, excerpt: str) -> Outcome:
    """Find an excerpt (its parts in order, close together) in normalised archive text."""
    segments = excerpt_segments(excerpt)
    if not segments:
        return Outcome("not-found", reason="the excerpt has no words besides its `...`")
    patterns = [segment_pattern(s) for s in segments]
    for n, pattern in enumerate(patterns):
        if next(_matches(archive, pattern), None) is None:
            return _absent(archive, segments, n)
    best: _Miss | None = None
    for first in _matches(archive, patterns[0]):
        found = _chain(archive, segments, patterns, first)
        if isinstance(found, Outcome):
            return found
        # The most telling miss: a dropped negation, then the one that got furthest.
        if best is None or (bool(found.dropped), bool(found.left_out), found.n) > (
                bool(best.dropped), bool(best.left_out), best.n):
            best = found
    assert best is not None  # the first part exists, so it was followed at least once
    return _broken(archive, segments, patterns, best)


def _chain(archive: Normal, segments: list[str], patterns: list[re.Pattern[str]],
           first: re.Match[str]) -> Outcome | _Miss:
    """Follow the excerpt's later parts from one place where its first part stands."""
    start, pos = first.start(), first.end()
    context = " ".join(segments)
    for n, pattern in enumerate(patterns[1:], 1):
        para = archive.para_at(pos - 1)
        dropped: list[str] = []
        left_out = 0
        found = None
        for m in _near(archive, pattern, segments[n], pos):
            gap = archive.text[pos: m.start()].replace(MARK, "-")
            if archive.para_at(m.start()) != para:
                break
            if word_count(gap) > MAX_LEFT_OUT:
                left_out = word_count(gap)
                break  # later places leave out more still
            words = negations(gap, context)
            if not words:
                found = m
                break
            dropped = dropped or words
        if found is None:
            return _Miss(n, start, pos, tuple(dropped), 0 if dropped else left_out)
        pos = found.end()
    return Outcome("verified", line=archive.line_at(start), end_line=archive.line_at(pos - 1))


def _broken(archive: Normal, segments: list[str], patterns: list[re.Pattern[str]],
            miss: _Miss) -> Outcome:
    """Explain why a part does not follow the parts before it."""
    n, start, pos = miss.n, miss.start, miss.pos
    line = str(archive.line_at(start))
    if miss.dropped:
        m = next(_near(archive, patterns[n], segments[n], pos))
        passage = _show(archive.text[start: m.end()])
        return Outcome("not-found", rule="ellipsis-drops-negation", closest=passage,
                       closest_line=archive.line_at(start), values={
                           "negations": ", ".join(f"“{w}”" for w in dict.fromkeys(miss.dropped)),
                           "passage": clip(passage, 200), "at_line": line})
    if miss.left_out:
        return Outcome("not-found", rule="ellipsis-leaves-out-too-much", closest_line=int(line),
                       values={"words": str(miss.left_out), "at_line": line,
                               "limit": str(MAX_LEFT_OUT)})
    later = next(_matches(archive, patterns[n], pos), None)
    if later is not None:
        gap = later.start() - pos
        why = (f"in different paragraphs ({gap} characters apart)"
               if archive.para_at(later.start()) != archive.para_at(pos - 1)
               else f"{gap} characters apart")
        return Outcome("not-found", rule="ellipsis-too-far", closest_line=int(line),
                       values={"why": why, "at_line": line, "limit": str(GAP_LIMIT)})
    earlier = next(_matches(archive, patterns[n]))  # it exists: search() made sure
    return Outcome("not-found", rule="ellipsis-order",
                   closest=_show(archive.text[earlier.start(): earlier.end()]),
                   closest_line=archive.line_at(earlier.start()), values={
                       "part": str(n + 1), "before": str(n),
                       "at_line": str(archive.line_at(earlier.start()))})


def _absent(archive: Normal, segments: list[str], n: int) -> Outcome:
    """A part is nowhere (as whole words and numbers): a cut number, or the closest miss."""
    segment = segments[n]
    text = archive.text
    for cut in segment_pattern(segment, whole_numbers=False).finditer(text):
        token = cut_token(text, *cut.span()) if unbroken(archive, *cut.span()) else None
        if token is not None:
            a, b = token
            mine = text[max(a, cut.start()): min(b, cut.end())].strip()
            return Outcome("not-found", rule="number-cut", closest=_show(text[
                min(a, cut.start()): max(b, cut.end())]), closest_line=archive.line_at(a),
                values={"number": clip(mine, 40), "whole": _show(text[a:b]),
                        "at_line": str(archive.line_at(a))})
    return _closest(archive, segment, n, len(segments))


def _closest(archive: Normal, segment: str, part: int, parts: int) -> Outcome:
    """Explain a miss: the closest passage, its similarity and the first difference."""
    part_of = (f"the part “{clip(segment, 60)}” ({part + 1} of {parts}, split at `...`) "
               "is missing" if parts > 1 else None)

    def miss(why: str | None = None, **found: Any) -> Outcome:
        reason = "; ".join(r for r in (part_of, why) if r) or None
        return Outcome("not-found", reason=reason, **found)

    # Only a miss needs the fuzzy matcher; a sheet whose quotes are all found never loads it.
    from rapidfuzz import fuzz

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
    from rapidfuzz import fuzz

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
