"""The view's parts that its section builders share: citations, figures, quotes, events."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from babel import Locale

    from factsheet.check.verify import TextStatus, Verification
    from factsheet.model import Figure, Range, Source
    from factsheet.view.labels import Labels


@dataclass(frozen=True)
class BackRef:
    """A link from a source entry back to a fact citing it."""

    href: str
    label: str


class Formats(Protocol):
    """What the view's builder lends its parts: words, formats, and numbered sources."""

    labels: Labels
    locale: Locale
    sources: dict[str, Source]
    verification: Verification | None
    backrefs: dict[str, OrderedDict[str, list[BackRef]]]

    def number(self, source_id: str) -> int:
        """The source's citation number, given on first use."""

    def date(self, value: dt.date | dt.datetime) -> str:
        """A date in the sheet's words."""

    def big(self, figure: Figure) -> str:
        """A figure's value in the sheet's words."""

    def amount(self, value: int | Range | str, approx: str) -> str:
        """A count and its qualifier in the sheet's words."""


@dataclass(frozen=True)
class CiteView:
    """A numbered citation marker and what it points at."""

    number: int
    href: str
    publisher: str
    says: str | None
    note: str | None
    status: TextStatus  # a quote's cite is never better than its text
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
    above: str | None = None  # the anchor of the card or conflict table that states it
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
    translated_short: str | None  # "translated from Russian", for the brief
    cites: list[CiteView]
    marks: list[CiteView]
    variants: list[VariantView]
    brief: bool = False  # chosen for the one-page brief (`brief: true`)


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



def opening(text: str, words: int = 5) -> str:
    """The first `words` words of a text, with an ellipsis when it goes on."""
    parts = text.split()
    shown = " ".join(parts[:words])
    return (shown.rstrip(",;:") + "…") if len(parts) > words else shown
