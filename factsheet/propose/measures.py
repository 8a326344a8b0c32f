"""What a count counts: its measure (the model's, or `other` with a label), unit and who."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Word stems, English and Russian, of each measure; the first matching nearest the number wins.
# Measures the model lacks (affected, homeless, rescued) are `other` with their label.
_LEXICON: tuple[tuple[str, str, str], ...] = (
    # (measure, label, stems)
    ("killed", "Killed", r"killed|kills?|killing|dead|deaths?|died|die|death toll|toll|"
     r"lives|жизн\w*|bodies|fatalities|eliminated|погиб\w*|убит\w*|жертв\w*|смерт\w*|скончал\w*|"
     r"ликвидирован\w*|тел\b"),
    ("injured", "Injured", r"injur\w*|wounded|wounding|hurt|casualties|ранен\w*|травм\w*|"
     r"госпитализир\w*"),
    ("missing", "Missing", r"missing|unaccounted|пропал\w*|пропавш\w*|без вести"),
    ("displaced", "Displaced", r"displaced|fled|refugees|forced from their homes|"
     r"беженц\w*|переселен\w*|вынужденн\w* покинуть"),
    ("evacuated", "Evacuated", r"evacuat\w*|эвакуир\w*"),
    ("arrested", "Arrested", r"arrest\w*|арест\w*"),
    ("detained", "Detained", r"detain\w*|detentions?|in custody|задерж\w*"),
    ("deployed", "Deployed", r"deploy\w*|-strong|развернут\w*|направлен\w*|sent"),
    # Weak: a group's noun; read as deployed only when no other measure word is near.
    ("deployed", "Deployed", r"troops|soldiers|servicemen|peacekeepers|personnel|force|forces|"
     r"военнослужащ\w*|войск\w*|миротворц\w*"),
    ("other", "Affected", r"affected|пострадал\w*|пострадавш\w*"),
    ("other", "Homeless", r"homeless|без крова|лишились жиль\w*"),
    ("other", "Rescued", r"rescued|saved|alive|спасен\w*|спасл\w*|живыми|живых"),
)
_WEAK = len(_LEXICON) - 4  # the index of the group nouns' entry
_STEMS = [(measure, label, re.compile(rf"(?<!\w)(?:{stems})(?!\w)", re.IGNORECASE))
          for measure, label, stems in _LEXICON]
# The words that end the noun phrase after a number: verbs, relative words, prepositions.
_STOP = frozenset(
    "had have has were was are is been be being who which that said say says in on at since "
    "after during by from to for with as than while when where but or would will could may "
    "might and across into over under near amid among were had including alive "
    "remain remained remains left stood stand stands still now".split()
    + "были был была было были которые который в на с по из за до после во время что и".split())
_MEASUREMENTS = frozenset(
    "meters metres km kilometres kilometers miles kg tonnes tons barrels degrees litres "
    "liters hectares acres feet inches percent".split())
_TIME = frozenset("years year days weeks months hours minutes decades лет года дней недель "
                  "месяцев часов".split())
_TOLL_RE = re.compile(r"\b(?:death toll|toll|число погибших|число жертв)\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[“”\"«»]?[\w’'-]+[“”\"«»]?|[^\w\s]")


@dataclass
class Measured:
    """A count's measure, label, unit and who, with where its measure word is."""

    measure: str
    label: str
    unit: str | None = None
    who: str | None = None
    word_end: int | None = None  # the end of the measure word, when one was found
    word_start: int | None = None
    doubts: list[str] = field(default_factory=list)


def noun_phrase(sentence: str, end: int) -> tuple[str, int]:
    """The words after the number up to a verb or preposition, and where they end."""
    rest = sentence[end:]
    rest = re.sub(r"^\s*(?:of|из)\s+", lambda m: " " * len(m.group()), rest)
    words: list[str] = []
    stop_at = end
    for m in _WORD_RE.finditer(rest):
        word = m.group()
        plain = word.strip("“”\"«»").lower()
        if not plain.strip() or not (plain[0].isalnum() or plain == "-") or (plain in _STOP \
                and not (plain == "and" and words and _and_joins(rest, m.end()))):
            break
        if len(words) >= 6 or re.fullmatch(r"[а-яё]{3,}(?:ли|ла|ло|ет|ют|ут|ит|ат|ят)", plain):
            break  # six words, or a Russian verb ("получили")
        words.append(word)
        stop_at = end + m.end()
    return " ".join(words).strip(), stop_at


def _and_joins(rest: str, at: int) -> bool:
    """True when "and" joins two nouns of one group ("police and National Guard soldiers")."""
    nxt = re.match(r"\s+([\w’'-]+)", rest[at:])
    return nxt is not None and nxt.group(1).lower() not in _STOP and nxt.group(1)[0].isupper()


def _nearest(sentence: str, start: int, end: int, phrase_end: int
             ) -> tuple[str, str, re.Match[str]] | None:
    """The measure word nearest the number: after it in its clause first, then before it."""
    after_end = min(_clause_end(sentence, phrase_end), phrase_end + 60)
    before_start = max(_clause_start(sentence, start), start - 50)
    if sentence[start:end].endswith("-strong"):  # "a 2,000-strong force"
        before_start = after_end = end
    best: tuple[int, str, str, re.Match[str]] | None = None
    for k, (measure, label, rx) in enumerate(_STEMS):
        weak = 1000 if k == _WEAK else 0
        for m in rx.finditer(sentence, before_start, after_end):
            if start <= m.start() < end or (weak and m.start() >= phrase_end):
                continue  # a group's noun counts only in the number's own phrase or before
            distance = m.start() - end if m.start() >= end else start - m.end() + 100
            if best is None or distance + weak < best[0]:
                best = (distance + weak, measure, label, m)
    if best is None:  # "the toll, which officials said had risen from 18 to 26"
        toll = _TOLL_RE.search(sentence, 0, start)
        return ("killed", "Killed", toll) if toll else None
    return best[1:]


def measure_of(sentence: str, start: int, end: int) -> Measured | None:
    """The measure of the count at sentence[start:end], or None when it counts nothing."""
    phrase, phrase_end = noun_phrase(sentence, end)
    found = _nearest(sentence, start, end, phrase_end)
    best = (0, *found) if found else None
    heads = [w.strip("“”\"«»,.").lower() for w in phrase.split(" of ")[0].split()]
    head = (heads[0] if heads[0] in _TIME else heads[-1]) if heads else ""
    if sentence[start:end].endswith("-strong"):
        return Measured("deployed", "Deployed", unit="troops", who=phrase or None,
                        word_start=end, word_end=phrase_end)
    if head in _MEASUREMENTS:
        return None
    who = _who(phrase, best[3] if best else None, end)
    if best is None:
        if not phrase or not phrase[0].isalpha() or not phrase[0].islower():
            return None  # a number with no counted noun: a score, a code, a name
        unit = head
        out = Measured("other", phrase[0].upper() + phrase[1:], unit=unit, who=phrase,
                       word_start=end, word_end=phrase_end)
        out.doubts.append("measure: no casualty word; label what is counted or delete")
        if head in _TIME:
            out.doubts.append("measure: a duration, not a count of people; keep it only as "
                              "background")
        return out
    _, measure, label, m = best
    # "37 more bodies", "a further 37": an increment. "Another 14 injured" after a death
    # toll is usually a total of its own, so "another" and "ещё" are not read as one.
    more = heads[:1] == ["more"] or re.search(r"\bfurther\s*$", sentence[max(0, start - 12):start],
                                             re.IGNORECASE) is not None
    if who and who.split()[0].lower() == "more":
        who = " ".join(who.split()[1:]) or None  # "37 more bodies": more is no one counted
    out = Measured(measure, label, who=who, word_start=m.start(), word_end=m.end())
    if more:
        out.doubts.append("value: an increment (“more”, “a further”), not a total; "
                          "keep it only if the sheet counts increments")
    if measure == "deployed":
        out.unit = "troops"
    if measure == "other":
        out.doubts.append(f"measure: the model has no `{label.lower()}`; `other` with a label")
    if m.group().lower() in ("eliminated", "toll", "casualties", "force", "forces", "saved"):
        out.doubts.append(f"measure: read from “{m.group()}”")
    return out


def _who(phrase: str, word: re.Match[str] | None, end: int) -> str | None:
    """The counted group named after the number, without the measure word itself."""
    if not phrase:
        return None
    parts = phrase.split()
    if word is not None:
        plain = [p.lower().strip("“”\"«»") for p in parts]
        if word.group().lower() in plain:
            parts = parts[:plain.index(word.group().lower())]
    who = " ".join(parts).strip()
    return who or None


def _clause_end(sentence: str, pos: int) -> int:
    m = re.compile(r"[;:,]|\s+while\s+|\s+but\s+|\s+whereas\s+").search(sentence, pos)
    return m.start() if m else len(sentence)


def _clause_start(sentence: str, pos: int) -> int:
    cuts = [m.end() for m in re.finditer(
        r"[;:,]|\s+while\s+|\s+but\s+|\s+whereas\s+", sentence[:pos])]
    return cuts[-1] if cuts else 0
