"""Excerpt parts: an excerpt split at its ellipses, and the pattern each part must match."""

from __future__ import annotations

import re

from factsheet.check.normalise import normalise, wordy

_ELLIPSIS_RE = re.compile(r" ?[\[(]? ?\.(?: ?\.){2,} ?[\])]? ?")


def excerpt_segments(excerpt: str) -> list[str]:
    """Normalise an excerpt and split it at its ellipses into parts that must appear in order."""
    text = normalise(excerpt, hyphenation=False).text
    return [part.strip() for part in _ELLIPSIS_RE.split(text) if part.strip()]


def segment_pattern(segment: str, *, whole_words: bool = True,
                    whole_numbers: bool = True) -> re.Pattern[str]:
    """Compile a normalised excerpt part to a regex over normalised archive text."""
    parts: list[str] = []
    if whole_words and wordy(segment[0]):
        parts.append(r"(?<![\w\x1f])")  # start on a word boundary: "70" must not match "170"
    if whole_numbers and segment[0].isdigit():
        # Nor may a number start after a thousands separator or decimal point ("700" of
        # "3,700"), or after a space-separated thousands group ("700" of "3 700").
        parts.append(r"(?<!\d[,.'])")
        if re.match(r"\d{3}(?!\d)", segment):
            parts.append(r"(?<!\d )")
    for k, ch in enumerate(segment):
        prev = segment[k - 1] if k else ""
        nxt = segment[k + 1] if k + 1 < len(segment) else ""
        if ch == "-" and prev.isalpha() and nxt.isalpha():
            parts.append("[-\x1f]")
            continue
        parts.append(re.escape(ch))
        if ch.isalpha() and nxt.isalpha():
            parts.append("\x1f?")  # the archive may hyphenate here at a line end
    if whole_words and wordy(segment[-1]):
        parts.append(r"(?![\w\x1f])")
    if whole_numbers and segment[-1].isdigit():
        parts.append(r"(?![,.']\d)(?! \d{3}(?!\d))")  # "3" is not the start of "3,700"
    return re.compile("".join(parts))
