"""The sheet's view: every section built from facts, numbered and formatted for the locale."""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.numbers import format_decimal

from factsheet import __version__
from factsheet.labels import BRIEFING, Labels, load_labels
from factsheet.model import (
    CiteItem,
    Facts,
    Figure,
    Quote,
    Range,
    Source,
    Span,
    day,
)
from factsheet.numbers import says_number
from factsheet.reconcile import Reports, agencies, groups
from factsheet.verify import Verification
from factsheet.view import changes, header
from factsheet.view.cards import CardMaker, CardView, ConflictView, merge_marks
from factsheet.view.changes import ChangesView, CorrectionView

if TYPE_CHECKING:
    from factsheet.editions import History


@dataclass(frozen=True)
class CiteView:
    """A numbered citation marker and what it points at."""

    number: int
    href: str
    publisher: str
    says: str | None
    note: str | None
    status: str  # "verified", "unverified", "missing", "unchecked"
    via: str | None = None  # the outlet whose claim this citation relays


@dataclass(frozen=True)
class FigureView:
    """One figure, written for people."""

    id: str
    anchor: str
    label: str
    measure: str
    who: str | None
    big: str
    unit: str | None
    claimed_by: str | None
    as_of: str | None
    note: str | None
    cites: list[CiteView]
    marks: list[CiteView]
    excerpts_differ: bool
    key: bool
    contested: bool = False  # in a group whose reports conflict
    earlier: bool = False  # an earlier count of a group that was updated
    retracted: bool = False  # withdrawn (see "Corrections and retractions")


@dataclass(frozen=True)
class StatementView:
    """A summary statement."""

    text: str
    cites: list[CiteView]
    marks: list[CiteView]


@dataclass(frozen=True)
class VariantView:
    """Another source's wording of a quote."""

    number: int
    href: str
    wording: str


@dataclass(frozen=True)
class QuoteView:
    """A quote with its attribution, variants and translation note."""

    id: str
    anchor: str
    speaker: str
    role: str | None
    date: str | None
    date_iso: str | None
    setting: str | None
    text: str
    lang: str | None
    translated_from: str | None
    translation_note: str | None
    cites: list[CiteView]
    marks: list[CiteView]
    variants: list[VariantView]


@dataclass(frozen=True)
class TimeView:
    """A machine-readable moment and its display text."""

    iso: str
    text: str


@dataclass(frozen=True)
class EventView:
    """A timeline entry: one moment, or a span of two."""

    id: str
    anchor: str
    times: list[TimeView]
    text: str
    cites: list[CiteView]
    marks: list[CiteView]


@dataclass(frozen=True)
class BackRef:
    """A link from a source entry back to a fact citing it."""

    href: str
    label: str


@dataclass(frozen=True)
class BackGroup:
    """Back-links of one kind (summary, figures, timeline, quotes)."""

    kind: str
    refs: list[BackRef]


@dataclass(frozen=True)
class SourceView:
    """A numbered entry of the sources list."""

    number: int
    id: str
    anchor: str
    publisher: str
    title: str
    url: str | None
    agency: str | None
    published: str
    updated: str | None
    accessed: str | None
    dates: str
    lang: str | None
    translation: str
    archive_url: str | None
    archive: str  # a sentence on the archived copy, empty when unchecked
    cited_by: list[BackGroup]


@dataclass(frozen=True)
class SheetView:
    """Everything a template shows; the templates compute nothing."""

    slug: str
    lang: str
    title: str
    subtitle: str | None
    author: str | None
    as_of: str
    as_of_iso: str
    paper: str
    compiled: str
    checked: str  # "60 of 60 excerpts checked against saved articles"
    notices: list[str]
    key_figures: list[CardView]
    conflicts: list[ConflictView]
    summary: list[StatementView]
    figures: list[FigureView]
    events: list[EventView]
    quotes: list[QuoteView]
    sources: list[SourceView]
    has_verification: bool
    legend: frozenset[str]  # the marks the sheet uses: conflict, excerpts, single, trail, mt
    labels: Labels
    description: str
    footer: str
    generator: str = f"factsheet {__version__}"
    keywords: list[str] = field(default_factory=list)
    edition: str = ""  # "Edition 3 · issued … · as of …"
    changes: ChangesView | None = None  # "Changes since edition 2 (as of …)"
    corrections: list[CorrectionView] = field(default_factory=list)  # withdrawn facts


class _Builder:
    """Builds the view: numbers sources by first citation and formats for the sheet's locale."""

    def __init__(self, facts: Facts, verification: Verification | None,
                 labels: Labels) -> None:
        self.facts = facts
        self.verification = verification
        self.labels = labels
        self.locale = labels.locale
        self.sources = {s.id: s for s in facts.sources}
        self.numbers: OrderedDict[str, int] = OrderedDict()
        self.backrefs: dict[str, OrderedDict[str, list[BackRef]]] = {}

    def number(self, source_id: str) -> int:
        if source_id not in self.numbers:
            self.numbers[source_id] = len(self.numbers) + 1
        return self.numbers[source_id]

    def cites(self, items: list[CiteItem], owner: str, label: str,
              quoted: str | None = None, via: str | None = None) -> list[CiteView]:
        kind = self.labels[{"summary": "summary", "fig": "figures", "event": "timeline",
                            "quote": "quotes"}[owner.split("-", 1)[0]]]
        out: list[CiteView] = []
        for item in items:
            n = self.number(item.source)
            refs = self.backrefs.setdefault(item.source, OrderedDict()).setdefault(kind, [])
            if not any(r.href == f"#{owner}" for r in refs):
                refs.append(BackRef(f"#{owner}", label))
            status = "unchecked"
            if self.verification is not None:
                status = self.verification.status(item.source, item.says or quoted)
            out.append(CiteView(n, f"#src-{n}", self.sources[item.source].publisher,
                                item.says, item.note, status, item.via or via))
        return out

    def date(self, value: dt.date | dt.datetime) -> str:
        if isinstance(value, dt.datetime):
            offset = value.strftime("%z")
            zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
            return (f"{format_date(value.date(), 'long', locale=self.locale)}, "
                    f"{format_time(value.time(), 'short', locale=self.locale)} {zone}")
        return format_date(value, "long", locale=self.locale)

    def num(self, n: int) -> str:
        return format_decimal(n, locale=self.locale)

    def big(self, figure: Figure) -> str:
        value = figure.value
        if isinstance(value, Range):
            text = f"{self.num(value.min)}–{self.num(value.max)}"
        elif isinstance(value, int):
            text = self.num(value)
        else:
            return self.labels["vague_" + value.replace(" ", "_")]
        return self.labels.text(f"qualifier_{figure.approx}", value=text)

    def figure(self, figure: Figure) -> FigureView:
        anchor = f"fig-{figure.id}"
        as_of = None
        if figure.as_of is not None and figure.as_of != self.facts.sheet.as_of:
            as_of = self.date(figure.as_of)
        # The validator's own rule: an excerpt agrees when it states the figure's value.
        excerpts = [i.says for i in figure.cite if i.says]
        differ = len(excerpts) > 1 and not all(
            says_number(e, figure.value, figure.unit, lang=self.facts.sheet.lang)
            for e in excerpts)
        cites = self.cites(figure.cite, anchor, figure.label, via=figure.via)
        return FigureView(
            figure.id, anchor, figure.label, figure.measure, figure.who, self.big(figure),
            figure.unit, figure.claimed_by, as_of, figure.note, cites, merge_marks(cites),
            differ, figure.key,
        )

    def quote(self, quote: Quote) -> QuoteView:
        anchor = f"quote-{quote.id}"
        opened = self.labels["open_quote"] + _opening(quote.text) + self.labels["close_quote"]
        cites = self.cites(quote.cite, anchor, f"{quote.speaker}: {opened}",
                           quoted=quote.text)
        variants = [
            VariantView(c.number, c.href, item.says)
            for c, item in zip(cites, quote.cite, strict=True)
            if item.says and _normal(item.says) != _normal(quote.text)
        ]
        if self.verification is not None:
            cites = [replace(c, status=self.verification.quote_status(quote.id, c.status))
                     for c in cites]
        translated = note = None
        if quote.original_lang and quote.original_lang != (quote.lang or self.facts.sheet.lang):
            translated = language_name(quote.original_lang, self.locale)
            note = self.labels.text("translated_from", language=translated)
        elif quote.translated:
            note = self.labels["translated"]
        return QuoteView(
            quote.id, anchor, quote.speaker, quote.role,
            self.date(quote.date) if quote.date else None,
            quote.date.isoformat() if quote.date else None,
            quote.setting, quote.text, quote.lang, translated, note, cites, merge_marks(cites),
            variants,
        )


def language_name(tag: str, locale: Locale) -> str:
    """Name a language in the sheet's locale, e.g. `ru` → `Russian`."""
    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name(locale)
    except (UnknownLocaleError, ValueError):
        return tag
    return name or tag  # babel cases it as the language does: "Russian", "английский"


def _sentence(text: str) -> str:
    """End with one full stop, even after a date such as "7 января 2022 г."."""
    return text if text.endswith(".") else text + "."


def _opening(text: str, words: int = 5) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _normal(text: str) -> str:
    # An ellipsis marks left-out words, so a wording with one is not the same wording.
    return re.sub(r"\W+", " ", re.sub(r"\.\s*\.\s*\.|…", " _ ", text)).strip().casefold()


def build_view(facts: Facts, verification: Verification | None = None,
               labels: Labels | None = None, history: History | None = None) -> SheetView:
    """Build the typed template context for a valid sheet, in the words of `labels`."""
    labels = labels or load_labels((BRIEFING,), facts.sheet.lang)
    b = _Builder(facts, verification, labels)
    sheet = facts.sheet
    summary = []
    for i, s in enumerate(sheet.summary):
        cites = b.cites(s.cite, f"summary-{i + 1}", str(i + 1))
        summary.append(StatementView(s.text, cites, merge_marks(cites)))
    figures = [b.figure(f) for f in facts.figures]
    reports = Reports(facts.sources)
    reconciled = groups(facts)
    contested = {f.id for g in reconciled if g.status == "conflict" for f in g.figures}
    earlier = {f.id for g in reconciled if g.status == "update" for f in g.figures
               if f.id not in g.latest}
    withdrawn = {f.id for f in facts.figures if f.retracted is not None}
    figures = [replace(f, contested=f.id in contested, retracted=f.id in withdrawn,
                       earlier=f.id in earlier - withdrawn) for f in figures]
    maker = CardMaker(labels, {f.id: f for f in figures}, reports, sheet.as_of)
    cards = [maker.card(g) for g in reconciled
             if any(f.key and f.retracted is None for f in g.figures)]
    notices = header.notices(facts, verification, labels)
    cards, hoisted = header.hoist(cards, labels)
    conflicts = [maker.conflict(g) for g in reconciled if g.status == "conflict"]
    events = []
    for e in sorted(facts.events, key=lambda e: _event_start(e.date)):
        anchor = f"event-{e.id}"
        moments = [e.date.start, e.date.end] if isinstance(e.date, Span) else [e.date]
        times = [TimeView(m.isoformat(), b.date(m)) for m in moments]
        label = " – ".join(t.text for t in times)
        cites = b.cites(e.cite, anchor, label)
        events.append(EventView(e.id, anchor, times, e.text, cites, merge_marks(cites)))
    quotes = [b.quote(q) for q in facts.quotes]
    ordered = list(b.numbers) + [s.id for s in facts.sources if s.id not in b.numbers]
    sources = [_source_view(b, b.number(sid), b.sources[sid]) for sid in ordered]
    as_of = b.date(sheet.as_of)
    generator = f"factsheet {__version__}"
    measures = {labels["measure_" + f.measure].lower() for f in facts.figures
                if f.measure != "other"}
    return changes.attach(SheetView(
        slug=facts.slug, lang=sheet.lang, title=sheet.title, subtitle=sheet.subtitle,
        author=sheet.author, as_of=as_of, as_of_iso=sheet.as_of.isoformat(),
        paper=sheet.paper, compiled=header.compiled_line(facts, labels),
        checked=header.checked_line(facts, verification, labels),
        notices=notices + hoisted,
        key_figures=cards, conflicts=conflicts, summary=summary, figures=figures,
        events=events, quotes=quotes, sources=sources,
        has_verification=verification is not None,
        legend=_legend(cards, figures, facts), labels=labels,
        description=labels.text("description", subject=sheet.subtitle or sheet.title,
                                as_of=as_of),
        footer=labels.text("footer", title=sheet.title, as_of=as_of, generator=generator),
        generator=generator, keywords=sorted(measures),
    ), facts, history, b)


def _event_start(value: dt.date | dt.datetime | Span) -> tuple[dt.date, str]:
    start = value.start if isinstance(value, Span) else value
    return day(start), start.isoformat()


def _source_view(b: _Builder, n: int, s: Source) -> SourceView:
    translation = {"machine": b.labels["machine_translation"],
                   "human": b.labels["human_translation"], "none": ""}[s.translation]
    archive = ""
    if b.verification is not None:
        digest = b.verification.archives.get(s.id)
        archive = (b.labels.text("archive_checked", digest=digest[:12]) if digest
                   else b.labels["no_archive"])
    published = b.date(s.published)
    updated = b.date(s.updated) if s.updated else None
    accessed = b.date(s.accessed) if s.accessed else None
    dates = "; ".join([b.labels.text("published", date=published)]
                      + ([b.labels.text("updated", date=updated)] if updated else [])
                      + ([b.labels.text("accessed", date=accessed)] if accessed else []))
    return SourceView(
        n, s.id, f"src-{n}", s.publisher, s.title, s.url, ", ".join(agencies(s)) or None,
        published, updated,
        accessed, _sentence(dates),
        b.labels.text("in_language", language=language_name(s.lang, b.locale))
        if s.lang else None, translation, s.archive_url,
        archive, [BackGroup(k, v) for k, v in b.backrefs.get(s.id, {}).items()],
    )


def _legend(cards: list[CardView], figures: list[FigureView], facts: Facts) -> frozenset[str]:
    used = {"conflict": any(f.contested for f in figures),
            "excerpts": any(f.excerpts_differ and not f.contested for f in figures),
            "single": any(c.single for c in cards),
            "trail": any(c.trail for c in cards),
            "mt": any(s.translation == "machine" for s in facts.sources)}
    return frozenset(k for k, v in used.items() if v)


