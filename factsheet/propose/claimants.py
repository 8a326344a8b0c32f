"""Who gives a number: "the Interior Ministry said", "according to X", "X told Reuters"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_VERBS = (r"said|says|reported|reports|told|announced|stated|confirmed|estimated|added|"
          r"quoted|put the (?:death )?toll|сообщил[аио]?|заявил[аио]?|сообщает|сообщают|"
          r"передает|передаёт|подтвердил[аио]?")
# A name: capitalised words (with "of", "for", "and" inside), possessives and a few lowercase
# nouns of institutions ("Russia's defence ministry", "State television", "police").
_CAP = r"(?:[A-ZА-ЯЁ][\w’'.-]*|[A-ZА-ЯЁ]{2,})"
_ORG = (r"(?:ministry|president|prime minister|minister|governor|mayor|office|police|"
        r"television|media|officials?|authorities|government|"
        r"spokes(?:man|woman|person)|agency|service|committee|department|prosecutors?|"
        r"rescuers|doctors|hospitals?|medics|witnesses|organi[sz]ers|activists|army|military|"
        r"council|news agency|broadcaster|channel|МВД|минздрав\w*|министерств\w*|ведомств\w*|"
        r"полици\w*|власт\w*|прокуратур\w*)")
_NAME = (rf"(?:(?:the|The)\s+)?(?:{_CAP}(?:’s|'s)?(?:\s+(?:of|for|and|de)\s+{_CAP}|\s+{_CAP}"
         rf"(?:’s|'s)?)*(?:(?:\s+[a-zа-яё]+){{0,2}}?\s+{_ORG})?|{_ORG})")
_BEFORE_RE = re.compile(rf"(?P<name>{_NAME})(?:,\s+(?:cited|quoted)\s+by\s+[^,]{{1,40}},)?"
                        rf"\s+(?:(?:also|later|earlier|had|has|have)\s+)?(?P<verb>{_VERBS})\b")
_AFTER_RE = re.compile(rf"(?:,|”|\")\s*(?:{_VERBS})\s+(?P<name>{_NAME})")
_ACCORDING_RE = re.compile(
    rf"(?i:according to|citing|по данным|по словам|по информации|как сообщил[аио]?(?:\s+в)?|"
    rf"сообщил[аио]?\s+в|заявил[аио]?\s+в)\s+(?P<name>{_NAME}|[а-яё]+(?:\s+[а-яёА-ЯЁ]+){{0,3}})",
    re.UNICODE)
# Russian puts the claimant after its verb: "сообщил глава МЧС Иван Петров".
_RU_AFTER_RE = re.compile(rf"(?:сообщил[аио]?|заявил[аио]?|сообщает|сообщают|передает|"
                          rf"передаёт)\s+(?P<name>(?:[а-яё-]+\s+){{0,2}}{_CAP}(?:\s+{_CAP})*)")
_PRONOUNS = frozenset({"it", "they", "he", "she", "the", "this", "that", "он", "она", "они"})
_GENERIC = frozenset({"spokesman", "spokeswoman", "spokesperson",
                      "officials", "authorities", "police", "witnesses", "doctors", "medics",
                      "rescuers", "activists", "organisers", "organizers"})
_NOT_NAMES = frozenset({"on", "but", "and", "in", "after", "while", "as", "when", "a", "an",
                        "however", "earlier", "later"})


@dataclass
class Claimant:
    """A claimant as named in the sentence, where its words are, and doubts about it."""

    name: str
    start: int
    end: int
    doubts: list[str] = field(default_factory=list)


def claimant(sentence: str, at: int, previous: str = "") -> Claimant | None:
    """The claimant of the number at `at`: the nearest attribution in the sentence."""
    found: list[tuple[int, Claimant]] = []
    for rx in (_ACCORDING_RE, _BEFORE_RE, _AFTER_RE, _RU_AFTER_RE):
        for m in rx.finditer(sentence):
            name = _trim(m.group("name"))
            if not name:
                continue
            start = m.start("name") + m.group("name").find(name.split()[0])
            end = m.end() if rx is _BEFORE_RE else m.end("name")
            begin = m.start() if rx is not _BEFORE_RE else start
            found.append((abs(begin - at), Claimant(name, begin, end)))
    if not found:
        return None
    found.sort(key=lambda f: (f[0], f[1].start))
    out = found[0][1]
    return _resolve(out, previous)


def _trim(name: str) -> str:
    """The name without a leading article or a trailing possessive's noise."""
    words = name.split()
    while words and words[0].lower() in _NOT_NAMES:
        words = words[1:]
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words).strip(" ,.")


def _resolve(found: Claimant, previous: str) -> Claimant:
    """A pronoun ("It said") read as the last long proper name of the sentences before."""
    first = found.name.split()[0].lower()
    if first in _PRONOUNS and len(found.name.split()) == 1:
        names = re.findall(rf"{_CAP}(?:\s+{_CAP}){{1,5}}", previous)
        if names:
            found.doubts.append(f"claimed_by: “{found.name}” read as {names[-1]}")
            found.name = names[-1]
        else:
            found.doubts.append(f"claimed_by: “{found.name}” names no one; who is it?")
    elif found.name.lower() in _GENERIC:
        found.doubts.append(f"claimed_by: “{found.name}” is unnamed; which ones?")
    return found
