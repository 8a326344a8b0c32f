"""Sentences and paragraphs of an article's visible text, with their offsets in it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (and any closing quote or bracket after it) before a space and a
# capital, a digit or an opening quote. Abbreviations and initials do not end one.
_END_RE = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-ZА-ЯЁ0-9])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st sen rep gen col lt capt sgt gov prof jr sr no vs jan feb mar apr jun "
    "jul aug sep sept oct nov dec inc corp co ltd u.s u.k u.n e.g i.e approx est "
    "г гг ул им тыс млн млрд руб т.е т.д др".split())


@dataclass(frozen=True)
class Span:
    """A piece of the text: where it starts and ends, and its words."""

    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Span]:
    """The non-blank lines of the text: each is a paragraph of the visible text."""
    out: list[Span] = []
    for m in re.finditer(r"[^\n]+", text):
        stripped = m.group().strip()
        if stripped:
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            out.append(Span(start, start + len(stripped), stripped))
    return out


def sentences(para: Span) -> list[Span]:
    """The sentences of one paragraph."""
    out: list[Span] = []
    begin = 0
    text = para.text
    for m in _END_RE.finditer(text):
        word = re.search(r"([\w.]+)$", text[begin:m.start()])
        if word and m.group().startswith(".") and (
                word.group(1).lower().rstrip(".") in _ABBREVIATIONS
                or (len(word.group(1)) == 1 and word.group(1).isupper())):
            continue
        out.append(_span(para, begin, m.end()))
        begin = m.end()
    if text[begin:].strip():
        out.append(_span(para, begin, len(text)))
    return out


def _span(para: Span, a: int, b: int) -> Span:
    """The piece para.text[a:b] without its edge spaces, as a Span of the whole text."""
    piece = para.text[a:b]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    return Span(para.start + a + lead, para.start + a + lead + len(piece), piece)
