"""Normalisation: what typesetting changes but meaning does not, with a map back to lines."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Stands in the normalised archive for a hyphen at a line end: typesetting hyphenation
# ("inter-" + "national") or a real hyphen that fell at a line break ("well-" + "known").
# It is whitespace to Python, and all input whitespace becomes " " first, so it never
# comes from the input itself.
MARK = "\x1f"
_SHY = "\x00"  # a soft hyphen, kept until we know whether it ends a line

_TYPESET = str.maketrans({
    # Quotation marks and apostrophes, curly or straight, single or double, are one each.
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u2039": "'",
    "\u203a": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u301d": '"', "\u301e": '"',
    # Hyphens, dashes and the minus sign are one dash.
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2e3a": "-", "\u2e3b": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    # Invisible typesetting characters.
    "\u00ad": _SHY, "\x00": None, "\u200b": None, "\u2060": None, "\ufeff": None,
})
# Hyphens, as opposed to dashes: "non-violent" is one word, "said—on Friday" is not.
_HYPHENS = frozenset("-\u2010\u2011")
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_ELLIPSIS_RE = re.compile(r" ?[\[(]? ?\.(?: ?\.){2,} ?[\])]? ?")



@dataclass(frozen=True)
class Normal:
    """Normalised text, with the original line of each of its characters."""

    text: str
    lines: tuple[int, ...]
    # The paragraph of each character: a blank line (and so a block element's edge in HTML)
    # starts a new one. Empty for text normalised without paragraphs (excerpts).
    paras: tuple[int, ...] = ()
    # Where a hyphen joins two words with no space ("non-violent"): a word match may not
    # start or end at one, so "violent" is not found inside "non-violent".
    compounds: frozenset[int] = frozenset()

    def line_at(self, index: int) -> int:
        """Return the original line of the character at `index` (clamped)."""
        if not self.lines:
            return 1
        return self.lines[max(0, min(index, len(self.lines) - 1))]

    def para_at(self, index: int) -> int:
        """Return the paragraph number of the character at `index` (clamped)."""
        if not self.paras:
            return 0
        return self.paras[max(0, min(index, len(self.paras) - 1))]


def normalise(text: str, lines: Sequence[int] | None = None, *,
              hyphenation: bool = True) -> Normal:
    """Normalise what typesetting changes but meaning does not, keeping an offset map."""
    chars: list[str] = []
    at: list[int] = []
    hyphens: set[int] = set()  # where a hyphen was (not a dash): it may join a compound
    n = len(text)
    i = 0
    while i < n:
        if text[i] == "\r" and text[i + 1: i + 2] == "\n":
            i += 1  # one line break, so that CRLF text has no blank line on every line
            continue
        # NFKC per base character with its combining marks, so composition still happens.
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        line = lines[i] if lines is not None else 1
        if text[i] in _HYPHENS:
            hyphens.add(len(chars))
        for ch in unicodedata.normalize("NFKC", text[i:j]).translate(_TYPESET):
            if ch in _LINE_BREAKS:
                ch = "\n"
            elif ch.isspace():
                ch = " "
            chars.append(ch)
            at.append(line)
        i = j
    out: list[str] = []
    out_at: list[int] = []
    out_para: list[int] = []
    compounds: list[int] = []
    para = 0
    m = len(chars)
    k = 0
    while k < m:
        ch = chars[k]
        if ch in " \n":
            e = k
            while e < m and chars[e] in " \n":
                e += 1
            para += chars[k:e].count("\n") > 1
            # One space for any run, none at the ends and none next to a dash.
            if out and e < m and out[-1] not in ("-", MARK) and chars[e] != "-":
                out.append(" ")
                out_at.append(at[k])
                out_para.append(para)
            k = e
            continue
        if ch in ("-", _SHY):
            e, newline = _skip_space(chars, k + 1)
            joins = (hyphenation and newline and bool(out) and out[-1].isalpha()
                     and e < m and chars[e].isalpha())
            if ch == _SHY:
                # A soft hyphen is invisible; at a line end it joins the halves of a word.
                k = e if joins else k + 1
                continue
            if (k in hyphens and not joins and out and wordy(out[-1]) and k + 1 < m
                    and wordy(chars[k + 1])):
                compounds.append(len(out))
            while out and out[-1] == " ":
                out.pop()
                out_at.pop()
                out_para.pop()
            out.append(MARK if joins else "-")
            out_at.append(at[k])
            out_para.append(para)
            k = e
            continue
        out.append(ch)
        out_at.append(at[k])
        out_para.append(para)
        k += 1
    while out and out[-1] == " ":
        out.pop()
        out_at.pop()
        out_para.pop()
    return Normal("".join(out), tuple(out_at), tuple(out_para), frozenset(compounds))


def _skip_space(chars: list[str], k: int) -> tuple[int, bool]:
    newline = False
    while k < len(chars) and chars[k] in " \n":
        newline = newline or chars[k] == "\n"
        k += 1
    return k, newline


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


def wordy(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
