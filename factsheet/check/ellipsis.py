"""What an ellipsis may leave out: no negation or reversal, and at most MAX_LEFT_OUT words."""

from __future__ import annotations

import re
import unicodedata

# An excerpt's `...` stands for a few words, not for a passage: beyond this many words the
# reader of the excerpt no longer sees what the article says between its parts.
MAX_LEFT_OUT = 40

# Words whose absence reverses what is kept: "did not fire" cut to "did ... fire".
NEGATIONS = frozenset({
    "not", "no", "none", "never", "neither", "nor", "without", "cannot", "nobody", "nothing",
    "nowhere", "noone", "zero", "0", "nil", "false", "falsely", "untrue", "unable", "fake",
    "baseless", "unfounded", "deny", "denies", "denied", "denying", "denial",
    "refute", "refutes", "refuted", "dismiss", "dismisses", "dismissed", "dismissing",
    "reject", "rejects", "rejected", "rejecting",
    "refuse", "refuses", "refused", "refusing", "fail", "fails", "failed", "failing",
    "failure", "hardly", "barely", "scarcely", "seldom", "rarely", "lacked",
    # Reports taken back, doubted or only alleged, and acts that ended.
    "retract", "retracts", "retracted", "retraction", "dispute", "disputes", "disputed",
    "contradicted", "debunked", "doubt", "doubts", "doubted", "unlikely", "allegedly",
    "supposedly", "purportedly", "cease", "ceases", "ceased", "stop", "stops", "stopped",
    "halted",
    # Contractions written without their apostrophe.
    "dont", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "wont", "cant", "couldnt",
    "shouldnt", "wouldnt", "hasnt", "havent", "hadnt", "mustnt", "neednt", "aint",
    # Russian.
    "не", "нет", "ни", "без", "безо", "никогда", "никто", "ничто", "ничего", "никого",
    "нигде", "никуда", "никак", "нисколько", "нельзя", "ноль", "нуль", "неправда", "ложь",
    "ложно", "ложный", "ложная", "ложное", "ложные", "фейк", "отказ", "отказался",
    "отказалась", "отказались", "отказывается", "отказываются", "отрицал", "отрицала",
    "отрицали", "отрицает", "отрицают", "опроверг", "опровергла", "опровергли",
    "опровергает", "опровергают", "опровержение", "отверг", "отвергла", "отвергли",
    "отвергает", "якобы", "будто", "вряд", "отклонил", "отклонила", "отклонили",
    "прекратил", "прекратила", "прекратили", "перестал", "перестала", "перестали",
})
# Two-word reversals: "has yet to", "так и не".
NEGATING_PAIRS = frozenset({("yet", "to"), ("так", "и")})
# Apostrophes and the marks that look like one: ' ’ ′ ʼ ʹ ` ´ ˈ.
_APOSTROPHES = "'\u2019\u2032\u02bc\u02b9`\u00b4\u02c8\u2018\u201b\uff07"
_WORD_RE = re.compile(rf"\w+(?:[{_APOSTROPHES}]\w+)*")

# Letters of one script that look like letters of another; a word that mixes scripts, or
# is written in capitals, is also read with each script's look-alikes folded ("nоt" with
# a Cyrillic о reads "not"; "HET" in Latin capitals reads "НЕТ").
_TO_LATIN = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "к": "k",
    "і": "i", "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "т": "t", "м": "m", "в": "b", "н": "h", "г": "r", "ո": "n", "օ": "o",
    "ο": "o", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ı": "i", "ɑ": "a", "ɡ": "g", "0": "o",
})
_TO_CYRILLIC = str.maketrans({
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "k": "к",
    "h": "н", "t": "т", "m": "м", "b": "в", "i": "і", "r": "г", "3": "з",
    "6": "б", "0": "о", "ο": "о", "ε": "е", "α": "а", "τ": "т", "κ": "к", "ρ": "р",
})


# Small capitals (ɴᴏᴛ) are Latin letters a reader reads as lower case; NFKC keeps them.
_SMALL_CAPITALS = str.maketrans({
    chr(c): unicodedata.name(chr(c)).rsplit(" ", 1)[-1].lower()
    for c in [*range(0x0250, 0x02B0), *range(0x1D00, 0x1D30), 0xA7AE, 0xA7AF, 0xA730, 0xA731]
    if unicodedata.name(chr(c), "").startswith("LATIN LETTER SMALL CAPITAL ")
    and len(unicodedata.name(chr(c)).rsplit(" ", 1)[-1]) == 1})


def readings(word: str, script: str = "LATIN") -> set[str]:
    """The ways a reader may read a word: as written, and with look-alikes folded.

    A word mixing scripts (or letters and digits) is folded both ways; one in capitals
    only to the script of the text around it (`script`), so "HE" in English stays "he".
    """
    bare = "".join(c for c in unicodedata.normalize("NFD", word.translate(_SMALL_CAPITALS))
                   if not unicodedata.combining(c))
    for mark in _APOSTROPHES:
        bare = bare.replace(mark, "'")
    low = bare.casefold()
    out = {low}
    scripts = {_script(c) for c in bare if c.isalpha()}
    if len(scripts) > 1 or (scripts and any(c.isdigit() for c in bare)):
        out |= {low.translate(_TO_LATIN), low.translate(_TO_CYRILLIC)}
    elif bare.isupper() and scripts != {script}:
        out.add(low.translate(_TO_CYRILLIC if script == "CYRILLIC" else _TO_LATIN))
    return out


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0]


def negations(omitted: str, context: str = "") -> list[str]:
    """The negating or reversing words in text an ellipsis leaves out, as written.

    `context` (the excerpt's kept words) tells the script capitals are read in.
    """
    # Invisible format characters (joiners) would split a word the reader sees whole.
    omitted = "".join(c for c in omitted if unicodedata.category(c) != "Cf")
    words = _WORD_RE.findall(omitted)
    found: list[str] = []
    letters = [_script(c) for c in omitted + context if c.isalpha()]
    script = max(("LATIN", "CYRILLIC"), key=letters.count)
    read = [readings(w, script) for w in words]
    for k, (word, ways) in enumerate(zip(words, read, strict=True)):
        if ways & NEGATIONS or any(w.endswith(("n't", "nt'")) for w in ways):
            found.append(word)
        elif k + 1 < len(words) and any((a, b) in NEGATING_PAIRS
                                         for a in ways for b in read[k + 1]):
            found.append(f"{word} {words[k + 1]}")
    return found


def word_count(omitted: str) -> int:
    """How many words a stretch of text holds."""
    return len(_WORD_RE.findall(omitted))
