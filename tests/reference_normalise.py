"""The normalisation as first written, one character at a time: the oracle that the
chunked normaliser (factsheet/check/normalise.py) is compared with, character for character,
line for line and paragraph for paragraph."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from factsheet.check.normalise import (
    _HYPHENS,
    _LINE_BREAKS,
    _MINUS,
    _SHY,
    _TYPESET,
    MARK,
    fold,
    wordy,
)


def reference_normalise(text: str, lines: Sequence[int] | None = None, *,
                        hyphenation: bool = True
                        ) -> tuple[str, list[int], list[int], frozenset[int]]:
    """Text, line and paragraph of each character, and compounds, as first written."""
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
        for ch in fold(text[i:j]).translate(_TYPESET):
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
            if out and e < m and out[-1] not in ("-", MARK) and chars[e] not in ("-", _MINUS):
                out.append(" ")
                out_at.append(at[k])
                out_para.append(para)
            k = e
            continue
        if ch in ("-", _SHY, _MINUS):
            e, newline = _skip_space(chars, k + 1)
            joins = (hyphenation and newline and ch != _MINUS and bool(out) and out[-1].isalpha()
                     and e < m and chars[e].isalpha())
            if ch == _SHY:
                # A soft hyphen is invisible; at a line end it joins the halves of a word.
                k = e if joins else k + 1
                continue
            after = "".join(chars[k + 1: k + 3])
            signed = ((ch in ("-", _MINUS) and k > 0 and chars[k - 1] in " \n")
                      or (ch == _MINUS and bool(out) and out[-1].isalpha()))
            if (signed and out
                    and (after[:1].isdecimal() or (after[:1] == "." and after[1:].isdecimal()))):
                if out[-1] not in (" ", "-", MARK):  # a minus sign keeps the space before it
                    out.append(" ")
                    out_at.append(at[k])
                    out_para.append(para)
                out.append("-")
                out_at.append(at[k])
                out_para.append(para)
                k += 1
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
    return "".join(out), out_at, out_para, frozenset(compounds)


def _skip_space(chars: list[str], k: int) -> tuple[int, bool]:
    newline = False
    while k < len(chars) and chars[k] in " \n":
        newline = newline or chars[k] == "\n"
        k += 1
    return k, newline


