"""Quoted speech: the words, the speaker and role, also for quotes split by "he said"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factsheet.propose.sentences import Span, sentences

_QUOTE_RE = re.compile(r"[“\"«„]([^“”\"«»„]{2,}?)[”\"»“]")
_SPEECH = (r"said|says|told|added|warned|stated|asked|urged|wrote|declared|insisted|"
           r"explained|noted|continued|tweeted|posted|сказал[аи]?|заявил[аи]?|сообщил[аи]?|"
           r"отметил[аи]?|подчеркнул[аи]?|добавил[аи]?|написал[аи]?|заявляет|говорит")
_SPEECH_RE = re.compile(rf"(?<!\w)(?:{_SPEECH})(?!\w)", re.IGNORECASE)
# Between the halves of one quotation: `," she said, "` or `», — сказал он, — «`.
_SPLIT_RE = re.compile(rf"\s*[,—-]?\s*(?:[\w’'-]+\s+){{0,4}}?(?:{_SPEECH})(?:\s+[\w’'-]+){{0,4}}"
                       r"\s*[,:—-]?\s*(?:[,—-]\s*)?", re.IGNORECASE)
_ROLE_WORDS = frozenset(
    "president prime minister deputy foreign defence defense interior spokesman spokeswoman "
    "spokesperson secretary general governor mayor chief head director ambassador commander "
    "colonel senator chairman chairwoman leader premier official officer minister's "
    "президент министр глава пресс-секретарь представитель премьер-министр замминистра "
    "заместитель губернатор мэр председатель официальный директор посол командующий".split())
# `," said rescue worker Ali Demir` and `», — сказала адвокат Ирина Волкова`: a role in
# lower case before a capitalised name, after the speech verb.
_ROLE_THEN_NAME_RE = re.compile(
    rf"\s*[,.!?]?\s*(?:[—-]\s*)?(?:{_SPEECH})\s+(?P<role>(?:[a-zа-яё][\w’'-]*\s+){{1,3}})"
    r"(?P<name>[A-ZА-ЯЁ][\w’'-]+(?:\s+[A-ZА-ЯЁ][\w’'-]+){1,2})", re.IGNORECASE)
# `said Selin Aydin, a rescue team leader.` and `Ирина Волкова, адвокат,`: an apposition.
_APPOSITION_RE = re.compile(r",\s*(?:\d{1,3},\s*)?(?:(?:a|an|the)\s+)?"
                            r"(?P<role>[a-zа-яё][^,.;:!?\"“”«»]{2,40}?)\s*(?:[,.;:!?]|$)")
_NOT_ROLES = frozenset({"the", "a", "an", "his", "her", "their", "its", "whose", "who", "which",
                        "according", "adding", "said", "told", "который", "которая"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "sir"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "он", "она", "они"})
_CONNECT = frozenset({"of", "for", "the", "in", "and"})
_SETTING_RE = re.compile(r"\b(?:in|during|at) (?:an? |the |his |her )?((?:[\w-]+ ){0,2}"
                         r"(?:address|interview|statement|speech|briefing|conference|post|"
                         r"video|broadcast))\b", re.IGNORECASE)


@dataclass
class Found:
    """One quotation: its words, where they are, who said it, and doubts."""

    text: str
    start: int  # in the whole text
    speaker: str | None
    role: str | None
    setting: str | None = None
    doubts: list[str] = field(default_factory=list)


def _speaker_before(text: str) -> str | None:
    """The name right before the last speech verb of `text` ("Tokayev said Moscow ...")."""
    for verb in reversed(list(_SPEECH_RE.finditer(text))):
        words = re.findall(r"[\w’'.-]+", text[:verb.start()])
        name = _name_back(words)
        if name:
            return name
    return None


def _speaker_after(text: str) -> str | None:
    """The name after the quote: `," President X said` or `," said Deputy Minister X`."""
    m = re.match(rf"\s*[,.!?]?\s*(?:—\s*|-\s*)?(?:(?P<verb>{_SPEECH})\s+)?(?P<rest>.*)",
                 text, re.IGNORECASE | re.DOTALL)
    if m is None:
        return None
    rest = m.group("rest")
    words = re.findall(r"[\w’'.-]+", rest)
    if m.group("verb"):
        return _name_forward(words)
    verb = _SPEECH_RE.search(rest[:120])
    if verb is None:
        return None
    return _name_back(re.findall(r"[\w’'.-]+", rest[:verb.start()])) if verb else None


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or word.lower() in _ROLE_WORDS or word.lower() in _PRONOUNS


def _name_back(words: list[str]) -> str | None:
    """The run of name and role words that ends the list."""
    picked: list[str] = []
    for word in reversed(words):
        low = word.lower()
        if _is_name_word(word) or (picked and low in _CONNECT) or low in (
                "administration", "embassy", "ministry", "office", "government"):
            picked.insert(0, word)
            if low in _PRONOUNS:
                break
            continue
        break
    while picked and picked[0].lower() in _CONNECT:
        picked.pop(0)
    return " ".join(picked) or None


def _name_forward(words: list[str]) -> str | None:
    picked: list[str] = []
    for word in words[:8]:
        if _is_name_word(word) or (picked and word.lower() in _CONNECT):
            picked.append(word)
            continue
        break
    while picked and picked[-1].lower() in _CONNECT:
        picked.pop()
    return " ".join(picked) or None


def split_role(phrase: str) -> tuple[str, str | None]:
    """("Kassym-Jomart Tokayev", "President") from "President Kassym-Jomart Tokayev"."""
    words = [w.strip(".,") for w in phrase.split()]
    words = [w for w in words if w.lower() not in _HONORIFICS]
    if words and words[0].lower() == "the":
        words = words[1:]
    if any(w.lower() in _ORG_WORDS for w in words) or any(
            w[:1].islower() and w.lower() not in _ROLE_WORDS for w in words):
        return " ".join(words), None  # an institution: "Kuwaiti embassy in Kazakhstan"
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper() and words[k - 1].lower() not in _ROLE_WORDS:
        k -= 1
    name, role = " ".join(words[k:]), " ".join(words[:k])
    if not name:
        return " ".join(words), None
    return name, role or None


def quotes(paras: list[Span]) -> list[Found]:
    """Every quotation of two words or more in the paragraphs, with its speaker."""
    out: list[Found] = []
    state = _State()
    for para in paras:
        sents = sentences(para)
        for m in _QUOTE_RE.finditer(para.text):
            words = m.group(1).strip().rstrip(",.").strip()
            if len(words.split()) < 2:
                continue
            s_open = _containing(sents, para.start + m.start())
            s_close = _containing(sents, para.start + m.end() - 1)
            state.named = _named_before(sents, s_open.start)
            before = para.text[s_open.start - para.start:m.start()]
            after = para.text[m.end():s_close.end - para.start]
            last = state.last
            gap = para.text[state.end - para.start:m.start()] if last else ""
            if last is not None and state.end >= para.start and _SPLIT_RE.fullmatch(gap):
                last.text = f"{last.text} ... {words}"  # one quote split by "he said"
                last.doubts.append("text: joined across the attribution with `...`")
                state.end = para.start + m.end()
                continue
            found = _attribute(before, after, m, state)
            if found is None:
                continue
            found.text = words
            found.start = para.start + m.start(1)
            out.append(found)
            state.last = found
            state.end = para.start + m.end()
    return out


def _named_before(sents: list[Span], at: int) -> str | None:
    """The speaker named last in the paragraph's sentences before `at` ("Psaki said ...")."""
    named = None
    for sentence in sents:
        if sentence.end > at:
            break
        found = _speaker_before(_QUOTE_RE.sub(" ", sentence.text))
        if found and found.lower() not in _PRONOUNS:
            named = found
    return named


class _State:
    """What the quotes so far tell about later ones: the last speaker, the names known."""

    def __init__(self) -> None:
        self.last: Found | None = None
        self.named: str | None = None  # the last speaker named outside quotes
        self.end = -1  # where the last quote's closing mark ends, in the whole text
        self.known: dict[str, tuple[str, str | None]] = {}  # surname -> full name, role


def _containing(sents: list[Span], at: int) -> Span:
    for sentence in sents:
        if sentence.start <= at < sentence.end:
            return sentence
    return sents[-1]


_ORG_WORDS = frozenset({"administration", "embassy", "ministry", "office", "government",
                        "police", "agency", "service", "committee", "council", "army"})


def _attribute(before: str, after: str, m: re.Match[str], state: _State) -> Found | None:
    """Who said the quotation at `m`, from the words around it; None for scare quotes."""
    doubts: list[str] = []
    phrase = _speaker_after(after) or _speaker_before(before) or _role_near(after, "")[1]
    whole = not before.strip() and len(after.strip()) <= 2  # the quote is the sentence
    if not phrase:
        if state.named is not None:
            phrase = state.named
            doubts.append("speaker: named in the sentence before the quote")
        elif state.last is not None and (whole or len(m.group(1).split()) >= 4):
            doubts.append("speaker: no attribution here; carried over from the quote before")
            carried = state.last
            return Found("", 0, carried.speaker, carried.role, carried.setting, doubts)
        else:
            return None
    if phrase.lower() in _PRONOUNS:
        last = state.last
        if last is None or last.speaker is None:
            return Found("", 0, None, None, None, [f"speaker: “{phrase}” names no one"])
        doubts.append(f"speaker: “{phrase}” read as {last.speaker}")
        return Found("", 0, last.speaker, last.role, last.setting, doubts)
    name, role = split_role(phrase)
    if role is None:
        role, name = _role_near(after, name)
    surname = name.split()[-1] if name else ""
    if role is None and surname in state.known:
        name, role = state.known[surname]
    elif name and role:
        state.known[surname] = (name, role)
    setting = _SETTING_RE.search(after)
    return Found("", 0, name, role, setting.group(1) if setting else None, doubts)


def _role_near(after: str, name: str) -> tuple[str | None, str]:
    """A role written in lower case around the speaker's name after the quote, and the name.

    `», — сказала адвокат Ирина Волкова` gives ("адвокат", "Ирина Волкова"); `," said Selin
    Aydin, a rescue team leader.` gives ("rescue team leader", "Selin Aydin").
    """
    m = _ROLE_THEN_NAME_RE.match(after)
    if m is not None and (not name or name in m.group("name")) \
            and m.group("role").split()[0].lower() not in _NOT_ROLES:
        return " ".join(m.group("role").split()), m.group("name")
    at = after.find(name) if name else -1
    if at < 0:
        return None, name
    m = _APPOSITION_RE.match(after[at + len(name):])
    if m is None or m.group("role").split()[0].lower() in _NOT_ROLES:
        return None, name
    return " ".join(m.group("role").split()), name
