"""Draft proposals from an article's visible text: figures and quotes in the fact-file schema."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from factsheet.load.sheet import slugify
from factsheet.propose.claimants import claimant
from factsheet.propose.measures import measure_of
from factsheet.propose.moments import moment
from factsheet.propose.quantities import Mention, mentions
from factsheet.propose.quotes import quotes
from factsheet.propose.sentences import Span, paragraphs, sentences

# Every entry carries this placeholder (FS700): `build --strict` refuses the sheet until a
# person has read the proposal against the article and deleted the note.
REVIEW = "TODO: check this proposal against the article, then delete this note"


@dataclass
class Proposal:
    """One proposed entry: its fields in the fact-file schema and the doubts about them."""

    kind: str  # "figures" or "quotes"
    data: dict[str, Any]
    doubts: list[str] = field(default_factory=list)  # "key: why" or a free remark


@dataclass(frozen=True)
class Article:
    """What is known of the source: its id, outlet, date and language."""

    source: str
    publisher: str | None
    published: dt.date | None
    lang: str = "en"
    agency: str | None = None  # the one wire service the story came from, if the sheet says

    @property
    def reporter(self) -> str | None:
        """Whose count an unattributed number is: the wire's, else the outlet's."""
        return self.agency or self.publisher


def propose(text: str, article: Article) -> list[Proposal]:
    """Every figure and quote the text states, in reading order: figures first."""
    paras = paragraphs(text)
    figures: list[Proposal] = []
    seen: dict[tuple[str, str], int] = {}  # (value, measure) -> its index in figures
    for para in paras:
        previous = ""
        for sentence in sentences(para):
            for mention in mentions(sentence.text, article.lang):
                proposal = _figure(sentence, mention, article, previous)
                if proposal is None:
                    continue
                key = (repr(proposal.data["value"]), proposal.data["measure"])
                if key not in seen:
                    seen[key] = len(figures)
                    figures.append(proposal)
                elif _named(proposal) and not _named(figures[seen[key]]):
                    figures[seen[key]] = proposal  # the headline's count, now attributed
            previous = sentence.text
    return figures + [_quote(q, article) for q in quotes(paras)]


def _figure(sentence: Span, mention: Mention, article: Article,
            previous: str) -> Proposal | None:
    """A figure for one number of a sentence, or None when it counts nothing."""
    text = sentence.text
    measured = measure_of(text, mention.start, mention.end)
    if measured is None or (mention.vague and measured.word_start is None):
        return None
    if mention.vague and measured.measure == "other" and measured.label[:1].isupper() and \
            measured.doubts:
        return None  # "several other cities": a vague word with nothing counted
    who = claimant(text, mention.first, previous)
    when = moment(text, article.published)
    doubts = [*mention.doubts, *measured.doubts]
    parts = [(mention.first, mention.end)]
    if measured.word_start is not None and measured.word_end is not None:
        parts.append((measured.word_start, measured.word_end))
    if who is not None:
        parts.append((who.start, who.end))
        doubts += who.doubts
    data: dict[str, Any] = {"id": "", "label": measured.label, "measure": measured.measure}
    if measured.who:
        data["who"] = measured.who
    data["value"] = mention.value
    if mention.approx != "exact":
        data["approx"] = mention.approx
    if measured.unit:
        data["unit"] = measured.unit
    if when is not None:
        doubts += when.doubts
        if when.date is not None:
            data["as_of"] = when.date
    if who is not None:
        data["claimed_by"] = who.name
    elif article.reporter:
        data["claimed_by"] = article.reporter
        doubts.append("claimed_by: no one named; the outlet's own reporting")
    data["cite"] = [{"source": article.source, "says": says(text, parts), "note": REVIEW}]
    return Proposal("figures", data, doubts)


def _named(proposal: Proposal) -> bool:
    """True when the figure's claimant is named in its sentence (not the outlet by default)."""
    return not any(d.startswith("claimed_by: no one named") for d in proposal.doubts)


def says(text: str, parts: list[tuple[int, int]]) -> str:
    """The shortest run of whole words of the sentence that holds every part."""
    start = min(a for a, _ in parts)
    end = max(b for _, b in parts)
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-’'"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "-’'"):
        end += 1
    piece = text[start:end]
    # A quotation mark opened in the span is closed in it, so the words read as printed.
    for open_, close in (("“", "”"), ("«", "»")):
        if piece.count(open_) > piece.count(close) and text.find(close, end) >= 0:
            end = text.find(close, end) + 1
            piece = text[start:end]
        if piece.count(close) > piece.count(open_) and text.rfind(open_, 0, start) >= 0:
            start = text.rfind(open_, 0, start)
            piece = text[start:end]
    if piece.count('"') % 2 and text.find('"', end) >= 0:
        piece = text[start:text.find('"', end) + 1]
    return piece.strip(" ,;:.")


def _quote(found: Any, article: Article) -> Proposal:
    """A quote entry for one quotation."""
    doubts = list(found.doubts)
    speaker = found.speaker or "TODO: who said it"
    data: dict[str, Any] = {"id": "", "speaker": speaker}
    if found.role:
        data["role"] = found.role
    if found.setting:
        data["setting"] = found.setting
    data["text"] = found.text
    data["cite"] = [{"source": article.source, "says": found.text, "note": REVIEW}]
    return Proposal("quotes", data, doubts)


def name_ids(proposals: list[Proposal], taken: set[str]) -> None:
    """Give each proposal an id unique in the sheet: `killed-26`, `tokayev-the-militants`."""
    for proposal in proposals:
        data = proposal.data
        if proposal.kind == "figures":
            value = data["value"]
            shown = f"{value['min']}-{value['max']}" if isinstance(value, dict) else str(value)
            label = slugify(data["label"])[:40]
            label = data["measure"] if label == "sheet" else label  # Cyrillic has no slug
            base = f"{label}-{slugify(shown)}".strip("-")
        else:
            words = " ".join(re.findall(r"\w+", data["text"])[:4])
            speaker = data["speaker"].split()[-1] if not data["speaker"].startswith("TODO") \
                else "quote"
            base = "-".join(p for p in (slugify(speaker), slugify(words)) if p != "sheet")
            base = base[:48].strip("-") or "quote"
        base = base or proposal.kind.rstrip("s")
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        data["id"] = candidate
