"""The editions on the sheet: the edition line, "Changes since edition N", corrections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from factsheet.load.scalars import when
from factsheet.model import Facts, Figure, Range, Span, day
from factsheet.reconcile.groups import group_key
from factsheet.view.labels import Labels
from factsheet.view.types import CiteView, Formats

if TYPE_CHECKING:
    from factsheet.editions import Change, History


@dataclass(frozen=True)
class ChangeView:
    """One line of "Changes since": what changed, before → after, and its sources."""

    kind: str
    what: str  # "Killed (people in the unrest)"
    before: str | None  # shown struck through (<del>)
    after: str | None  # shown inserted (<ins>)
    note: str | None  # a retraction's reason
    marks: list[CiteView]
    group: str | None = None  # a moved count's current figure: its key card, if it has one


@dataclass(frozen=True)
class ChangesView:
    """The "Changes since edition 2 (as of …)" section."""

    heading: str
    items: list[ChangeView]
    headline: list[ChangeView]  # what a one-page brief shows: the counts that moved
    more: str  # "5 more changes are listed in the full briefing."
    on_cards: str = ""  # "2 counts that moved are marked on their cards under Key figures."


@dataclass(frozen=True)
class CorrectionView:
    """A withdrawn fact, for "Corrections and retractions"."""

    anchor: str
    what: str  # the fact as it was shown: "Killed: at least 164 (Health Ministry)"
    on: str  # "Withdrawn on 10 January 2022:"
    reason: str
    marks: list[CiteView]


class Words:
    """Formats the changes' values with the sheet's own formatters and words."""

    def __init__(self, b: Formats, facts: Facts) -> None:
        self.labels, self.date, self.b = b.labels, b.date, b
        self.events = {e.id for e in facts.events}  # changes of events are named by dates
        self.figures = {f.id: f for f in facts.figures}

    def marks(self, ids: tuple[str, ...]) -> list[CiteView]:
        """Citation markers for sources by id (a change's sources are not checked again)."""
        return [CiteView(n, f"#src-{n}", self.b.sources[i].publisher, None, None, "unchecked")
                for i in ids if i in self.b.sources for n in [self.b.number(i)]]

    def word(self, key: str, default: str) -> str:
        """The label for `key`, else `default` (a field the template has no word for)."""
        found = self.labels.words.get(key)
        return found if isinstance(found, str) else default

    def amount(self, amount: dict[str, Any]) -> str:
        """A figure's count as the sheet states it, with its unit."""
        text = self.b.amount(amount["value"], amount.get("approx", "exact"))
        return text + (f" {amount['unit']}" if amount.get("unit") else "")

    def field(self, path: str) -> str:
        """A field path in the reader's words: `cite.wire.note` is "note, Wire A"."""
        whole = self.word("field_" + path.replace(".", "_").replace("-", "_"), "")
        if whole:
            return whole
        parts = path.split(".")
        if parts[0] == "cite" and len(parts) > 1:
            source = self.b.sources.get(parts[1])
            named = source.publisher if source is not None else parts[1]
            return ", ".join([self.word("field_" + parts[-1], parts[-1])] * (len(parts) > 2)
                             + [named])
        return self.word("field_" + parts[-1], parts[-1])

    def value(self, field: str, value: Any, approx: str = "exact") -> str | None:
        """A before or after value in the sheet's words."""
        if value is None:
            return None
        if isinstance(value, list) and value and isinstance(value[0], list):  # via, then now
            return " → ".join([self.amount(a) for a in value[0]] + [self.value(field, value[1])
                                                                     or ""])
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            return self.labels["change_none"] if not value else self.labels.text(
                "bounds_and", low=self.amount(value[0]), high=self.amount(value[-1])
            ) if len(value) > 1 else self.amount(value[0])
        if isinstance(value, dict) and "value" in value:
            return self.amount(value)
        if field == "value" or isinstance(value, Range):
            return self.b.amount(value, approx)
        if isinstance(value, str) and field in ("as_of", "date"):
            return self.date(_moment(value))
        if isinstance(value, dt.date):
            return self.date(value)
        if isinstance(value, Span):
            return " – ".join(self.date(d) for d in (value.start, value.end))
        if isinstance(value, bool):
            return self.word("yes" if value else "no", "yes" if value else "no")
        if isinstance(value, list):
            return ", ".join(str(v) for v in value) or self.labels["change_none"]
        return str(value)

    def what(self, c: Change) -> str:
        """What the change is about, as the reader names it."""
        what = c.label or c.id
        if c.record == "statement":
            what = self.labels.text("change_statement", n=c.id.removeprefix("summary-"))
        elif c.record == "sheet":
            what = self.labels["change_sheet"]
        elif c.record == "event" or c.id in self.events:  # an event is named by its date
            what = " – ".join(self.date(_moment(d)) for d in what.split(" – "))
        return what

    def change(self, c: Change) -> ChangeView:
        words, what, marks = self.labels, self.what(c), self.marks(c.cites)
        if c.kind == "changed":
            what = words.text("change_field", what=what, field=self.field(c.field))
        elif c.kind in ("added", "removed") and c.record == "statement":
            what = words.text(f"change_statement_{c.kind}", n=c.id.removeprefix("summary-"))
        elif c.kind in ("added", "removed"):
            key = "change_added_withdrawn" if c.note else f"change_{c.kind}"
            what = words.text(key, kind=self.word("kind_" + c.field, c.field), what=what)
        elif c.kind == "excerpt":
            what = words.text("change_excerpt", what=what)
        field = "value" if c.kind == "group" else c.field
        figure = self.figures.get(c.id)
        if field == "approx" and figure is not None:  # a qualifier is shown with its count
            was, now = (self.b.amount(figure.value, q) for q in (c.before, c.after))
            return ChangeView(c.kind, what, was, now, None, marks)
        if c.kind == "retracted":
            return ChangeView(c.kind, words.text("change_retracted", what=what),
                              self.value("value", c.before), None, str(c.after), marks)
        approx = figure.approx if figure is not None else "exact"
        return ChangeView(c.kind, what, self.value(field, c.before, approx),
                          self.value(field, c.after, approx), c.note or None, marks,
                          c.id if c.kind == "group" else None)


def _moment(text: str) -> dt.date | dt.datetime:
    # The model's own reading of a date: also `2019` and `2019-12` (partial dates).
    return when(text)


def edition_line(history: History | None, labels: Labels) -> str:
    """`Edition 3`: the header prints it before the as-of and issued dates."""
    return labels.text("edition", n=history.edition) if history is not None else ""


def changes(history: History | None, words: Words) -> ChangesView | None:
    """The changes section, or None when the sheet has no baseline to compare with."""
    if history is None or history.baseline is None:
        return None
    base = history.baseline
    when = words.value("as_of", base.as_of) or ""
    heading = (words.labels.text("changes_since_edition", n=base.edition, as_of=when)
               if base.edition else words.labels.text("changes_since", since=base.source,
                                                      as_of=when))
    items = [words.change(c) for c in _for_readers(history.changes, words.figures)]
    items += _statements(history.changes, words)
    added = [c for c in history.changes if c.kind == "added" and c.field == "source"]
    if added:  # new sources in one line: their facts' own lines say what they brought
        items.append(ChangeView("added", words.labels["change_added_sources"], None,
                                ", ".join(c.label for c in added), None,
                                words.marks(tuple(c.id for c in added))))
    headline = [c for c in items if c.kind == "group"]
    rest = len(items) - len(headline)
    more = words.labels.plural("changes_more", rest) if rest else ""
    return ChangesView(heading, items, headline, more)


def _statements(found: list[Change], words: Words) -> list[ChangeView]:
    """New summary statements in one line (the summary above shows them), dropped ones
    counted in another; `diff` keeps each with its words."""
    out: list[ChangeView] = []
    for kind in ("added", "removed"):
        mine = [c for c in found if c.kind == kind and c.field == "statement"]
        if mine:
            which = ", ".join(c.id.removeprefix("summary-") for c in mine)
            out.append(ChangeView(kind, words.labels.plural(
                f"change_statements_{kind}", len(mine), which=which), None, None, None, []))
    return out


def _for_readers(found: list[Change], figures: dict[str, Figure]) -> list[Change]:
    """The changes a reader of the last edition needs, each said once.

    A figure added to a group whose value changed is folded into the group's line (the new
    current figure is that line's "after"; one in between is shown on the way to it), and a
    figure withdrawn in this edition is said once, by its retraction. `diff` lists them all.
    """
    def key(ident: str) -> tuple[str, str, str] | None:
        return group_key(figures[ident]) if ident in figures else None

    moved = {key(c.id): c for c in found if c.kind == "group"}
    # A statement rewritten is said by its new wording; its sources and excerpts went with it.
    reworded = {c.id for c in found if c.record == "statement" and c.field == "text"}
    found = [c for c in found if c.id not in reworded or c.field in ("text", "statement")]
    # Which figures are key figures is page 1's own layout, which the reader has in hand;
    # new and dropped statements are said together (`_statements`).
    found = [c for c in found if c.field != "key" and not (
        c.kind in ("added", "removed") and c.field == "statement")]
    withdrawn = {c.id for c in found if c.kind == "retracted"}
    between: dict[str, list[Change]] = {}
    out: list[Change] = []
    for c in found:
        if (c.kind == "added" and c.field == "source") or (
                c.kind == "changed" and c.id in withdrawn):
            continue
        group = (moved.get(key(c.id)) if c.kind == "added" and c.field == "figure"
                 and not c.note else None)  # one added already withdrawn is no step
        if group is not None and any(a.get("id") == c.id for a in group.after):
            continue
        if group is not None and _earlier(figures.get(c.id), figures.get(group.id)):
            between.setdefault(group.id, []).append(c)
            continue
        out.append(c)
    return [_via(c, between.get(c.id, []), figures) if c.kind == "group" else c for c in out]


def _earlier(figure: Figure | None, current: Figure | None) -> bool:
    """Whether a figure stands before the current one in time (not beside it, as a report)."""
    if figure is None or current is None or figure.as_of is None or current.as_of is None:
        return False
    return day(figure.as_of) < day(current.as_of)


def _via(group: Change, added: list[Change], figures: dict[str, Figure]) -> Change:
    """A group's change with the figures added on the way to its current value."""
    if not added:
        return group
    added = sorted(added, key=lambda c: day(figures[c.id].as_of or dt.date.min))
    cites = tuple(dict.fromkeys(s for c in (*added, group) for s in c.cites))
    return replace(group, after=[[c.after for c in added], group.after], cites=cites)


def corrections(facts: Facts, words: Words) -> list[CorrectionView]:
    """Every withdrawn figure, quote and event, with its reason and the withdrawing source."""
    out: list[CorrectionView] = []
    for kind, anchor in (("figures", "fig"), ("quotes", "quote"), ("events", "event")):
        for record in getattr(facts, kind):
            gone = record.retracted
            if gone is None:
                continue
            if isinstance(record, Figure):
                what = f"{record.label}: {words.b.big(record)}" + (
                    f" ({record.claimed_by})" if record.claimed_by else "")
            else:
                what = record.text
            out.append(CorrectionView(
                f"{anchor}-{record.id}", what,
                words.labels.text("withdrawn_on", date=words.date(gone.date)), gone.reason,
                words.marks(tuple(dict.fromkeys(c.source for c in gone.cite)))))
    return out


def editions(facts: Facts, history: History | None, b: Formats,
             ) -> tuple[str, ChangesView | None, list[CorrectionView]]:
    """The sheet's edition line, its changes since the baseline and its corrections."""
    words = Words(b, facts)
    return edition_line(history, b.labels), changes(history, words), corrections(facts, words)
