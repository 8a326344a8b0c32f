"""The sheet's view: every section built from facts, numbered and formatted for the locale."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from babel.numbers import format_decimal

from factsheet import __version__
from factsheet.analysis import Analysis, analyse
from factsheet.check.verify import CitationStatus, Verification
from factsheet.model import (
    CiteItem,
    Event,
    Facts,
    Figure,
    Quote,
    Range,
    Span,
    day,
)
from factsheet.reconcile import Group, Reports
from factsheet.validate.numbers import says_number
from factsheet.view import changes, charts, header
from factsheet.view.cards import CardMaker, CardView, ConflictView, merge_marks
from factsheet.view.changes import ChangesView, CorrectionView
from factsheet.view.dates import DateWriter
from factsheet.view.labels import BRIEFING, Labels, load_labels
from factsheet.view.sources import SourceView, language_name, source_view
from factsheet.view.types import (
    BackRef,
    CiteView,
    EventView,
    FigureView,
    QuoteView,
    StatementView,
    TimeView,
    VariantView,
    opening,
)

if TYPE_CHECKING:
    from factsheet.editions import History


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
    issued: str | None
    issued_iso: str | None
    created_iso: str  # the PDF's creation date: when issued, else as of
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
    legend: frozenset[str]  # the marks the sheet uses: conflict, excerpts, single, trail, chart, mt
    labels: Labels
    description: str
    footer: str
    generator: str = f"factsheet {__version__}"
    keywords: list[str] = field(default_factory=list)
    axis: charts.ChartView | None = None  # the timeline's time axis, above its list
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
        self.dates = DateWriter(labels.locale, facts.sheet.timezone)
        self.sources = {s.id: s for s in facts.sources}
        self.figure_names = _figure_names(facts.figures, self)
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
            status: CitationStatus = "unchecked"
            if self.verification is not None:
                status = self.verification.status(item.source, item.says or quoted)
            out.append(CiteView(n, f"#src-{n}", self.sources[item.source].publisher,
                                item.says, item.note, status, item.via or via))
        return out

    def date(self, value: dt.date | dt.datetime) -> str:
        return self.dates.long(value)

    def num(self, n: int) -> str:
        return format_decimal(n, locale=self.locale)

    def big(self, figure: Figure) -> str:
        return self.amount(figure.value, figure.approx)

    def amount(self, value: int | Range | str, approx: str) -> str:
        if isinstance(value, Range):
            text = f"{self.num(value.min)}–{self.num(value.max)}"
        elif isinstance(value, int):
            text = self.num(value)
        else:
            return self.labels["vague_" + value.replace(" ", "_")]
        return self.labels.text(f"qualifier_{approx}", value=text)

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
        cites = self.cites(figure.cite, anchor, self.figure_names[figure.id], via=figure.via)
        who, unit = _unrepeated(figure)
        return FigureView(
            figure.id, anchor, figure.label, figure.measure, who, self.big(figure),
            unit, figure.claimed_by, as_of, figure.note, cites, merge_marks(cites),
            differ, figure.key,
        )

    def quote(self, quote: Quote) -> QuoteView:
        anchor = f"quote-{quote.id}"
        opened = self.labels["open_quote"] + opening(quote.text) + self.labels["close_quote"]
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
        translated = note = short = None
        if quote.original_lang and quote.original_lang != (quote.lang or self.facts.sheet.lang):
            translated = language_name(quote.original_lang, self.locale)
            note = self.labels.text("translated_from", language=translated)
            short = self.labels.text("translated_short", language=translated)
        elif quote.translated:
            note = short = self.labels["translated"]
        return QuoteView(
            quote.id, anchor, quote.speaker, quote.role,
            self.date(quote.date) if quote.date else None,
            quote.date.isoformat() if quote.date else None,
            quote.setting, quote.text, quote.lang, translated, note, short, cites,
            merge_marks(cites),
            variants, quote.brief,
        )


def _unrepeated(figure: Figure) -> tuple[str | None, str | None]:
    """`who` and `unit` as printed: dropped when they only repeat the label (or each other)."""
    label = figure.label.casefold()
    who = figure.who if figure.who and figure.who.casefold() not in label else None
    said = {label, (figure.who or "").casefold()}
    unit = figure.unit if figure.unit and figure.unit.casefold() not in said else None
    return who, unit


def _figure_names(figures: list[Figure], b: _Builder) -> dict[str, str]:
    """How back-links name a figure: its label, with its value when figures share a label."""
    labels = [f.label for f in figures]
    return {f.id: f.label if labels.count(f.label) == 1 else f"{f.label} ({b.big(f)})"
            for f in figures}


def _normal(text: str) -> str:
    # An ellipsis marks left-out words, so a wording with one is not the same wording.
    return re.sub(r"\W+", " ", re.sub(r"\.\s*\.\s*\.|…", " _ ", text)).strip().casefold()


def build_view(facts: Facts, verification: Verification | None = None,
               labels: Labels | None = None, history: History | None = None) -> SheetView:
    """Build the typed template context for valid facts (reconciled here), in `labels`' words."""
    return view_of(analyse(facts, verification, history), labels)


def view_of(analysis: Analysis, labels: Labels | None = None) -> SheetView:
    """Build the typed template context of a sheet's analysis, in the words of `labels`."""
    facts, verification = analysis.facts, analysis.verification
    labels = labels or load_labels((BRIEFING,), facts.sheet.lang)
    b = _Builder(facts, verification, labels)
    sheet = facts.sheet
    summary = []
    for i, s in enumerate(sheet.summary):
        cites = b.cites(s.cite, f"summary-{i + 1}", str(i + 1))
        summary.append(StatementView(s.text, cites, merge_marks(cites)))
    reconciled = analysis.groups
    figures, keyed = _figures(b, reconciled)
    reports = Reports(facts.sources)
    maker = CardMaker(labels, {f.id: f for f in figures}, reports, sheet.as_of, b.dates)
    cards = [maker.card(g) for g in keyed]
    drawn = (charts.ChartMaker(labels, sheet.as_of, sheet.timezone) if charts.enabled(labels)
             else None)
    if drawn is not None:
        shown = {f.id: f for f in figures}
        # The chart is titled as its card is: one name for one group on the page.
        cards = [replace(c, chart=drawn.card(g, shown, c.label + (f" ({c.who})" if c.who
                                                                  else "")))
                 for c, g in zip(cards, keyed, strict=True)]
    notices = header.notices(facts, verification, labels)
    cards, hoisted = header.hoist(cards, labels)
    conflicts = [maker.conflict(g) for g in reconciled if g.status == "conflict"]
    events = _events(b, facts.events)
    quotes = [b.quote(q) for q in facts.quotes]
    axis = drawn.axis(timeline(facts.events),
                      {e.id: e.anchor for e in events}) if drawn is not None else None
    ordered = list(b.numbers) + [s.id for s in facts.sources if s.id not in b.numbers]
    sources = [source_view(b, b.number(sid), b.sources[sid]) for sid in ordered]
    as_of = b.date(sheet.as_of)
    generator = f"factsheet {__version__}"
    measures = {labels["measure_" + f.measure].lower() for f in facts.figures
                if f.measure != "other"}
    edition, since, corrections = changes.editions(facts, analysis.history, b)
    view = SheetView(
        slug=facts.slug, lang=sheet.lang, title=sheet.title, subtitle=sheet.subtitle,
        author=sheet.author, as_of=as_of, as_of_iso=sheet.as_of.isoformat(),
        issued=b.date(sheet.issued) if sheet.issued else None,
        issued_iso=sheet.issued.isoformat() if sheet.issued else None,
        created_iso=(sheet.issued or sheet.as_of).isoformat(),
        paper=sheet.paper, compiled=header.compiled_line(facts, labels),
        checked=header.checked_line(facts, verification, labels),
        notices=notices + hoisted,
        key_figures=cards, conflicts=conflicts, summary=summary, figures=figures,
        events=events, quotes=quotes, sources=sources,
        has_verification=verification is not None,
        legend=_legend(cards, figures, facts) | _checked(
            [summary, figures, events, quotes, cards]), labels=labels,
        description=labels.text("description", subject=sheet.subtitle or sheet.title,
                                as_of=as_of),
        footer=labels.text("footer", title=sheet.title, as_of=as_of, generator=generator),
        generator=generator, keywords=sorted(measures), axis=axis,
        edition=edition, changes=since, corrections=corrections)
    return _on_cards(view, since, analysis.history, labels)


def _figures(b: _Builder, reconciled: Sequence[Group]) -> tuple[list[FigureView], list[Group]]:
    """Every figure, marked by its group's standing; and the groups with a key figure."""
    facts = b.facts
    figures = [b.figure(f) for f in facts.figures]
    contested = {f.id for g in reconciled if g.status == "conflict" for f in g.figures}
    earlier = {f.id for g in reconciled if g.status == "update" for f in g.figures
               if f.id not in g.latest}
    # Where page 1 or "Where reports differ" already states a figure, "All figures" refers
    # to it there instead of repeating its value and claimant. A withdrawn count is no key card.
    withdrawn = {f.id for f in facts.figures if f.retracted is not None}
    keyed = [g for g in reconciled if any(f.key and f.retracted is None for f in g.figures)]
    above = {f.id: "#reports-differ" for g in reconciled if g.status == "conflict"
             for f in g.figures}
    above |= {f.id: "#key-figures" for g in keyed for f in g.figures}
    return [replace(f, contested=f.id in contested, retracted=f.id in withdrawn,
                    earlier=f.id in earlier - withdrawn,
                    above=None if f.id in withdrawn else above.get(f.id))
            for f in figures], keyed


def _events(b: _Builder, events: list[Event]) -> list[EventView]:
    """The timeline's entries, in time order."""
    out: list[EventView] = []
    for e in timeline(events):
        anchor = f"event-{e.id}"
        moments = [e.date.start, e.date.end] if isinstance(e.date, Span) else [e.date]
        times = [TimeView(m.isoformat(), b.date(m)) for m in moments]
        cites = b.cites(e.cite, anchor, opening(e.text, 6))
        out.append(EventView(e.id, anchor, times, e.text, cites, merge_marks(cites)))
    return out


def timeline(events: list[Event]) -> list[Event]:
    """Events by day; in a day, timed ones by time, date-only ones where the curator put them."""
    def start(e: Event) -> dt.date | dt.datetime:
        return e.date.start if isinstance(e.date, Span) else e.date

    out: list[Event] = []
    by_day = sorted(events, key=lambda e: day(start(e)))  # stable: the curator's order stays
    for _, same_day in itertools.groupby(by_day, key=lambda e: day(start(e))):
        events_of_day = list(same_day)
        # Timed events take the timed slots in time order; date-only ones keep their places.
        timed = iter(sorted((e for e in events_of_day if isinstance(start(e), dt.datetime)),
                            key=lambda e: start(e)))
        out.extend(next(timed) if isinstance(start(e), dt.datetime) else e
                   for e in events_of_day)
    return out


def _checked(sections: list[list[StatementView] | list[FigureView] | list[EventView]
                               | list[QuoteView] | list[CardView]]) -> frozenset[str]:
    """The verification marks printed anywhere: "verified" (✓) and "not-found" (✗)."""
    marks = {c.status for section in sections for item in section for c in item.marks}
    return frozenset(marks & {"verified", "not-found"})


def _legend(cards: list[CardView], figures: list[FigureView], facts: Facts) -> frozenset[str]:
    used = {"conflict": any(f.contested for f in figures),
            "excerpts": any(f.excerpts_differ and not f.contested for f in figures),
            "single": any(c.single for c in cards),
            "trail": any(c.trail for c in cards),
            "chart": any(c.chart for c in cards),
            "mt": any(s.translation == "machine" for s in facts.sources)}
    return frozenset(k for k, v in used.items() if v)


def _on_cards(view: SheetView, found: ChangesView | None, history: History | None,
              labels: Labels) -> SheetView:
    """A key figure's moved count said once, on its card ("Edition 2: at least 164").

    Page 1 shows each number once beside the summary: the card states the current count,
    and the changes list would say it a third time.
    """
    cards = {c.id: c for c in view.key_figures}
    if found is None or history is None or history.baseline is None:
        return replace(view, changes=found)
    moved = {c.group: c for c in found.items if c.group in cards and c.before}
    if not moved:
        return replace(view, changes=found)
    base = history.baseline
    since = labels.text("edition", n=base.edition) if base.edition else str(base.source)
    key_figures = [replace(c, was=moved[c.id].before, was_when=since) if c.id in moved else c
                   for c in view.key_figures]
    items = [c for c in found.items if c.group not in moved]
    headline = [c for c in found.headline if c.group not in moved]
    rest = len(items) - len(headline)
    return replace(view, key_figures=key_figures, changes=replace(
        found, items=items, headline=headline,
        more=labels.plural("changes_more", rest) if rest else "",
        on_cards=labels.plural("changes_on_cards", len(moved))))
