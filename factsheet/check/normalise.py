"""Normalisation: what typesetting changes but meaning does not, with a map back to lines."""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from factsheet.check.tokens import char_class, makes_digit

# Stands in the normalised archive for a hyphen at a line end: typesetting hyphenation
# ("inter-" + "national") or a real hyphen that fell at a line break ("well-" + "known").
# It is whitespace to Python, and all input whitespace becomes " " first, so it never
# comes from the input itself.
MARK = "\x1f"
_SHY = "\x00"  # a soft hyphen, kept until we know whether it ends a line
_MINUS = "\x02"  # the minus sign, a dash that is a sign even right after a word ("to−30")

_TYPESET = str.maketrans({
    # Quotation marks and apostrophes, curly or straight, single or double, are one each.
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u2039": "'",
    "\u203a": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u301d": '"', "\u301e": '"',
    # Hyphens and dashes are one dash; the minus sign is one too, but known as a sign.
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": _MINUS, "\x02": None, "\u2e3a": "-", "\u2e3b": "-", "\ufe58": "-",
    "\ufe63": "-", "\uff0d": "-",
    # Invisible typesetting characters.
    "\u00ad": _SHY, "\x00": None, "\u200b": None, "\u2060": None, "\ufeff": None,
})
# Hyphens, as opposed to dashes: "non-violent" is one word, "said—on Friday" is not.
_HYPHENS = frozenset("-\u2010\u2011")
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


class Runs:
    """A per-character sequence of ints stored as runs: where each value starts, and it."""

    def __init__(self, starts: Sequence[int] = (), values: Sequence[int] = ()) -> None:
        self.starts = array("q", starts)
        self.values = array("q", values)

    @classmethod
    def of(cls, per_char: Sequence[int] | Runs) -> Runs:
        """Runs of a plain per-character list."""
        if isinstance(per_char, Runs):
            return per_char
        runs = cls()
        for i, value in enumerate(per_char):
            runs.put(i, value)
        return runs

    def put(self, start: int, value: int) -> None:
        """From `start` on, the value is `value` (a no-op when it already is)."""
        if self.values and self.values[-1] == value:
            return
        if self.starts and self.starts[-1] == start:
            self.values[-1] = value  # nothing took the previous value's place
            if len(self.values) > 1 and self.values[-2] == value:
                self.starts.pop()
                self.values.pop()
            return
        self.starts.append(start)
        self.values.append(value)

    def cut(self, length: int) -> None:
        """Forget every run that starts at or after `length` (characters were dropped)."""
        while self.starts and self.starts[-1] >= length:
            self.starts.pop()
            self.values.pop()

    def __getitem__(self, index: int) -> int:
        k = bisect_right(self.starts, index) - 1
        return self.values[k] if k >= 0 else (self.values[0] if self.values else 1)


@dataclass(frozen=True)
class Normal:
    """Normalised text, with the original line of each of its characters."""

    text: str
    lines: Runs
    # The paragraph of each character: a blank line (and so a block element's edge in HTML)
    # starts a new one.
    paras: Runs | None = None
    # Where a hyphen joins two words with no space ("non-violent"): a word match may not
    # start or end at one, so "violent" is not found inside "non-violent".
    compounds: frozenset[int] = frozenset()

    def line_at(self, index: int) -> int:
        """Return the original line of the character at `index` (clamped)."""
        if not self.lines.values:
            return 1
        return self.lines[max(0, min(index, len(self.text) - 1))]

    def para_at(self, index: int) -> int:
        """Return the paragraph number of the character at `index` (clamped)."""
        if self.paras is None or not self.paras.values:
            return 0
        return self.paras[max(0, min(index, len(self.text) - 1))]

    def paragraphs(self) -> Iterator[str]:
        """The text of each paragraph in turn."""
        starts = list(self.paras.starts) if self.paras is not None and self.paras.starts else [0]
        for a, b in pairwise([*starts, len(self.text)]):
            if a < b:
                yield self.text[a:b]


def normalise(text: str, lines: Sequence[int] | Runs | None = None, *,
              hyphenation: bool = True) -> Normal:
    """Normalise what typesetting changes but meaning does not, keeping a map to lines.

    Long copies are done in chunks of about a megabyte, each cut inside a run of plain
    characters, so no rule of the normalisation reaches across a cut; the work and the
    memory grow with the text, not faster.
    """
    runs = Runs.of(lines) if lines is not None else None
    state = _State(hyphenation)
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = _cut(text, start + CHUNK) if len(text) - start > CHUNK else len(text)
        items, where, hyphen = _characters(text, start, end, runs)
        pieces.append(state.feed(items, where, hyphen, final=end >= len(text)))
        start = end
    return Normal("".join(pieces), state.lines, state.paras, frozenset(state.compounds))


CHUNK = 1 << 20


def normalise_blocks(blocks: Iterable[str], *, hyphenation: bool = True) -> Normal:
    """Normalise plain text that arrives in blocks, as `normalise` would the whole text.

    Text is held back until a place between two plain characters lies past CHUNK, and cut
    there (as `normalise` cuts), so no rule reaches across a cut; lines are counted from
    the line breaks as plain text's are.
    """
    state = _State(hyphenation)
    pieces: list[str] = []
    held = ""
    line = 1  # of the first held character
    for block in blocks:
        held += block
        while len(held) > CHUNK:
            end = _cut(held, CHUNK)
            if end >= len(held):
                break  # no safe place yet: wait for more text
            pieces.append(state.feed(*_characters(held, 0, end, _plain_lines(held, line)),
                                     final=False))
            line += held.count("\n", 0, end)
            held = held[end:]
    pieces.append(state.feed(*_characters(held, 0, len(held), _plain_lines(held, line)),
                             final=True))
    return Normal("".join(pieces), state.lines, state.paras, frozenset(state.compounds))


def _plain_lines(text: str, first: int) -> Runs:
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    return Runs(starts, range(first, first + len(starts)))


def _cut(text: str, near: int) -> int:
    """A place at or after `near` between two plain characters (or the end)."""
    found = _plain_re()[2].search(text, near)
    return found.start() if found else len(text)


def _characters(text: str, start: int, end: int, runs: Runs | None
                ) -> tuple[list[str], list[int], list[bool]]:
    """Text as pieces for the rules: runs of plain characters whole, every other one alone.

    A plain character is one that normalisation leaves as it is (not a space, dash, quote
    mark, compatibility form or combining mark); single spaces between plain characters
    stay inside a run. Each piece has one line; `hyphen` marks a hyphen (not a dash).
    A short text (an excerpt) is taken a character at a time: building the class of plain
    characters costs more than it saves there.
    """
    items: list[str] = []
    where: list[int] = []
    hyphen: list[bool] = []
    if len(text) < SHORT:
        i = start
        while i < end:
            if text[i] == "\r" and text[i + 1: i + 2] == "\n":
                i += 1  # one line break, so that CRLF text has no blank line on every line
                continue
            j = i + 1
            while j < end and unicodedata.combining(text[j]):
                j += 1
            _cluster(text, i, j, runs[i] if runs is not None else 1, items, where, hyphen)
            i = j
        return items, where, hyphen
    line_starts = runs.starts if runs is not None else None
    for m in _plain_re()[1].finditer(text, start, end):
        kind = m.lastgroup
        i, j = m.span()
        if kind == "run":
            # Cut the run where the line changes (HTML pieces from different lines).
            a = i
            if line_starts is not None and runs is not None:
                k = bisect_right(line_starts, i)
                while k < len(line_starts) and line_starts[k] < j:
                    items.append(text[a:line_starts[k]])
                    where.append(runs[a])
                    hyphen.append(False)
                    a = line_starts[k]
                    k += 1
            items.append(text[a:j])
            where.append(runs[a] if runs is not None else 1)
            hyphen.append(False)
        elif kind == "one":
            _cluster(text, i, j, runs[i] if runs is not None else 1, items, where, hyphen)
    return items, where, hyphen


SHORT = 4096


def _cluster(text: str, i: int, j: int, line: int, items: list[str], where: list[int],
             hyphen: list[bool]) -> None:
    """One base character with its combining marks, NFKC as one, so composition happens."""
    first = True
    for ch in fold(text[i:j]).translate(_TYPESET):
        if ch in _LINE_BREAKS:
            ch = "\n"
        elif ch.isspace():
            ch = " "
        items.append(ch)
        where.append(line)
        hyphen.append(first and text[i] in _HYPHENS)
        first = False


def fold(cluster: str) -> str:
    """NFKC of one character cluster, unless it would write digits that were not digits.

    "1½" must not read "11⁄2", nor "16⁴" (a footnote mark) 164, nor "⒈" 1: a vulgar
    fraction, superscript, circled or parenthesised number stays as the copy prints it.
    """
    folded = unicodedata.normalize("NFKC", cluster)
    return cluster if makes_digit(cluster, folded) else folded


def signs(items: list[str], k: int, last: str) -> bool:
    """True when the dash at items[k] is a minus sign: right before a digit, and after a
    space, or (the minus sign itself) after a letter."""
    nxt = "".join(items[k + 1: k + 3])[:2]  # short text comes a character at a time
    after = ((k > 0 and items[k - 1] in (" ", "\n") and items[k] in ("-", _MINUS))
             or (items[k] == _MINUS and last.isalpha()))
    return after and (nxt[:1].isdecimal() or (nxt[:1] == "." and nxt[1:2].isdecimal()))


class _State:
    """The rules over pieces: spaces, dashes, soft hyphens and line-end hyphenation."""

    def __init__(self, hyphenation: bool) -> None:
        self.hyphenation = hyphenation
        self.length = 0  # characters written so far, over all chunks
        self.last = ""  # the last character written
        self.para = 0
        self.lines = Runs()
        self.paras = Runs()
        self.compounds: list[int] = []

    def feed(self, items: list[str], where: list[int], hyphen: list[bool], *,
             final: bool) -> str:
        """The normalised text of one chunk's pieces."""
        out: list[str] = []
        m = len(items)
        k = 0
        while k < m:
            piece = items[k]
            first = piece[0]
            if first in " \n" and len(piece) == 1:
                e = k
                newlines = 0
                while e < m and items[e] in (" ", "\n"):
                    newlines += items[e] == "\n"
                    e += 1
                self.para += newlines > 1
                # One space for any run, none at the ends and none next to a dash.
                if self.last and e < m and self.last not in ("-", MARK) and items[e][0] not in (
                        "-", _MINUS):
                    self._write(out, " ", where[k])
                k = e
                continue
            if first in ("-", _SHY, _MINUS) and len(piece) == 1:
                e, newline = _skip_space(items, k + 1)
                joins = (self.hyphenation and newline and first != _MINUS and self.last.isalpha()
                         and e < m and items[e][0].isalpha())
                if first == _SHY:
                    # A soft hyphen is invisible; at a line end it joins a word's halves.
                    k = e if joins else k + 1
                    continue
                if signs(items, k, self.last) and self.last:  # "fell to -30": the space stays
                    if self.last not in (" ", "-", MARK):
                        self._write(out, " ", where[k])
                    self._write(out, "-", where[k])
                    k += 1
                    continue
                if (hyphen[k] and not joins and self.last and wordy(self.last) and k + 1 < m
                        and wordy(items[k + 1][0])):
                    self.compounds.append(self.length)
                while out and out[-1] == " ":
                    self._unwrite(out)
                self._write(out, MARK if joins else "-", where[k])
                k = e
                continue
            self._write(out, piece, where[k])
            k += 1
        if final:
            while out and out[-1] == " ":
                self._unwrite(out)
        return "".join(out)

    def _write(self, out: list[str], piece: str, line: int) -> None:
        self.lines.put(self.length, line)
        self.paras.put(self.length, self.para)
        out.append(piece)
        self.length += len(piece)
        self.last = piece[-1]

    def _unwrite(self, out: list[str]) -> None:
        out.pop()  # a single space
        self.length -= 1
        self.lines.cut(self.length)
        self.paras.cut(self.length)
        self.last = out[-1][-1] if out else ""


def _skip_space(items: list[str], k: int) -> tuple[int, bool]:
    newline = False
    while k < len(items) and items[k] in (" ", "\n"):
        newline = newline or items[k] == "\n"
        k += 1
    return k, newline


@lru_cache(maxsize=1)
def _plain_re() -> tuple[str, re.Pattern[str], re.Pattern[str]]:
    """The class of plain characters, the scanner, and the places a chunk may be cut."""
    # Computed once per process from this Python's Unicode tables (about 40 ms), for the
    # Basic Multilingual Plane; other characters take the careful path.
    plain = [c for c in map(chr, range(0x21, 0x10000))
             if not c.isspace() and not unicodedata.combining(c) and c not in "-\x00"
             and not 0xD800 <= ord(c) <= 0xDFFF
             and unicodedata.normalize("NFKC", c) == c and c.translate(_TYPESET) == c]
    cls = char_class([ord(c) for c in plain])
    # Every plane: a mark outside the BMP (Kaithi, musical symbols) joins its base too.
    combining = char_class([c for c in range(0x300, 0x110000) if not 0xD800 <= c <= 0xDFFF
                             and unicodedata.combining(chr(c))])
    scanner = re.compile(rf"(?P<run>{cls}+(?: {cls}+)*(?!{combining}))|(?P<crlf>\r(?=\n))"
                         rf"|(?P<one>.{combining}*)", re.DOTALL)
    # Never right after a full stop: a sign reads two characters ahead ("-.5"), and a cut
    # between the point and its digit would hide the digit from it.
    cut = re.compile(rf"(?<={cls})(?<!\.)(?={cls})")
    return cls, scanner, cut




def wordy(ch: str) -> bool:
    return ch.isalnum() or ch == "_"
