"""Text hygiene: invisible characters refused, names folded for comparison, bare quote text."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from pydantic_core import PydanticCustomError

from factsheet.errors import Diagnostic, display_path
from factsheet.load.sheet import Loaded, Loc
from factsheet.rules import rule

# Characters that reorder the text around them: they can reverse a line of the sheet.
BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
# Characters with no width that make two equal-looking texts differ ("Reu\u200bters"); the
# tag block and invisible operators can carry hidden text too.
ZERO_WIDTH = frozenset(map(chr, [*range(0x200B, 0x200E), 0x2060, 0xFEFF, 0x180E,
                                 *range(0x2061, 0x2065), *range(0xE0000, 0xE0080)]))
# Cyrillic and Greek letters drawn like a Latin one, in the case where they look alike
# (Unicode's confusables, the unambiguous part): mapped before case-folding.
_LOOK_ALIKES = str.maketrans(
    "АВЕЅІЈКМНОРСТУХаеіјорсух" "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο",
    "ABESIJKMHOPCTYXaeijopcyx" "ABEZHIKMNOPTYXo",
)
# Quote marks a hand-typed quote may be wrapped in; the sheet sets its own.
QUOTE_MARKS = frozenset("\"'“”„‟«»‘’‚‛‹›「」『』〝〞＂")
APOSTROPHES = frozenset("'’‛")
# Marks that only ever open or close a quote (an apostrophe may start "'90s").
STRONG_MARKS = QUOTE_MARKS - APOSTROPHES - {"‘"}


def name(char: str) -> str:
    """Name a character as `U+202E RIGHT-TO-LEFT OVERRIDE`."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


def shown(text: str) -> str:
    """Text safe to print in a message: invisible format characters written as <U+XXXX>."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cf" else c for c in text)


def char_class(chars: Iterable[str]) -> str:
    """A regex character class body for `chars` (\\uXXXX escapes, runs as ranges)."""
    codes = sorted(map(ord, chars))
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(_escape(a) + (f"-{_escape(b)}" if b > a else "") for a, b in runs)


def _escape(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def fold(text: str) -> str:
    """The form names and ids are compared in: NFKC, look-alikes as Latin, no case or format."""
    # "ТАСС" in Cyrillic and "TACC" in Latin fold alike; lower-case т, unlike a t, stays.
    text = unicodedata.normalize("NFKC", text).translate(_LOOK_ALIKES)
    text = unicodedata.normalize("NFKC", text.casefold())
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cf").split())


def _marks_end(text: str) -> str:
    """`text` without format characters at its ends, nor closing punctuation after its words."""
    # Asked per end character: a table of every format character cost each command 8 ms.
    # Both kinds interleave at the end ("“Go!”\u00ad."), so they are stripped together.
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start]) == "Cf":
        start += 1
    while end > start and (text[end - 1] in _CLOSING
                           or unicodedata.category(text[end - 1]) == "Cf"):
        end -= 1
    return text[start:end]


_CLOSING = frozenset(".,;:!?…")


# The alphabets whose letters look alike, by their Unicode blocks.
_SCRIPTS = {
    "Cyrillic": re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]"),
    "Greek": re.compile("[\u0370-\u03ff\u1f00-\u1fff]"),
    "Latin": re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"),
}
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_INVISIBLE_RE = re.compile(f"[{char_class(BIDI_CONTROLS | ZERO_WIDTH)}]")


def _refuse(rule_name: str, **values: object) -> PydanticCustomError:
    """A model error named after its rule; the validator reports it with the rule's code."""
    return PydanticCustomError(rule_name, rule(rule_name).message, {"rule": rule_name, **values})


def clean(value: str) -> str:
    """Refuse text holding bidi controls or zero-width characters, naming the first one."""
    first = _INVISIBLE_RE.search(value)
    if first is None:
        return value
    char = first.group()
    others = len(_INVISIBLE_RE.findall(value, first.end()))
    more = f" (and {others} more invisible character{'s' * (others != 1)})" if others else ""
    kind = "bidi-control" if char in BIDI_CONTROLS else "invisible-character"
    raise _refuse(kind, char=name(char), more=more, nth=0)


def one_script(value: str) -> str:
    """Refuse a word mixing Latin, Cyrillic and Greek letters: a look-alike ("Rеuters")."""
    if value.isascii():
        return value
    for word in _LETTERS_RE.finditer(value):
        if word.group().isascii():
            continue
        scripts = {script: [m.start() for m in rx.finditer(value, word.start(), word.end())]
                   for script, rx in _SCRIPTS.items()}
        scripts = {script: places for script, places in scripts.items() if places}
        if len(scripts) > 1:
            # The odd letter out is the first of the script with the fewest letters.
            offset = min(scripts.values(), key=len)[0]
            odd = value[offset]
            raise _refuse("mixed-script", word=shown(word.group()), char=name(odd),
                          scripts=" and ".join(sorted(scripts)), nth=value[:offset].count(odd))
    return value


def _marks_inside(text: str, marks: set[str]) -> bool:
    """True when `marks` occur in `text`, apostrophes between letters (won't) aside."""
    for i, c in enumerate(text):
        if c not in marks:
            continue
        flanked = 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
        if not (c in APOSTROPHES and flanked):
            return True
    return False


def bare_quote(original: str) -> str:
    """Refuse quote text wrapped in quote marks, or starting or ending with a stray one."""
    # Format characters and punctuation outside the marks hide them: "\u00ad“I ordered.”."
    value = _marks_end(original)
    if len(value) < 2:
        return original
    first, last = value[0], value[-1]
    if first in QUOTE_MARKS and last in QUOTE_MARKS:
        if not _marks_inside(value[1:-1], {first, last}):
            raise _refuse("quote-marks", how=f"is wrapped in quote marks ({first} and {last})",
                          ends="at both ends")
    elif first in STRONG_MARKS and not _marks_inside(value[1:], set(STRONG_MARKS)):
        raise _refuse("quote-marks", how=f"starts with a quote mark ({first}) that never closes",
                      ends="at the start")
    elif last in STRONG_MARKS and not _marks_inside(value[:-1], set(STRONG_MARKS)):
        raise _refuse("quote-marks", how=f"ends with a quote mark ({last}) that never opens",
                      ends="at the end")
    return original


def locate(loaded: Loaded, loc: Loc, rule_name: str, values: dict[str, Any]) -> Diagnostic:
    """Report a rule the model raised; a named character is pointed at where it stands."""
    diag = loaded.report(rule(rule_name), loc, **values)
    nth = values.get("nth")
    if isinstance(nth, int):
        place = _find_char(loaded, diag, str(values["char"]), nth)
        if place is not None:
            return replace(diag, line=place[0], column=place[1])
    return diag


def _find_char(loaded: Loaded, diag: Diagnostic, char: str, nth: int) -> tuple[int, int] | None:
    """Line and column of the value's `nth` (from 0) `char` (or its escape) in the file."""
    code = int(char.split()[0][2:], 16)  # "U+202E RIGHT-TO-LEFT OVERRIDE"
    path = next((f for f in loaded.files if display_path(f) == diag.path), None)
    if path is None:
        return None
    try:  # the bytes the loader parsed: also right for a sheet read at a git revision
        text = loaded.raw[path.name].decode("utf-8-sig")
    except (KeyError, UnicodeDecodeError):
        return None
    lines = text.split("\n")
    if diag.line > len(lines):
        return None
    start = sum(len(x) + 1 for x in lines[:diag.line - 1]) + diag.column - 1
    # The character itself, or a YAML escape that writes it.
    pattern = re.compile(rf"{re.escape(chr(code))}|(?i:\\u{code:04x}|\\U{code:08x})")
    found = next(itertools.islice(pattern.finditer(text, start), nth, None), None)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    return line, found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
