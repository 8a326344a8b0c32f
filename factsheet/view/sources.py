"""The sources list: numbered entries, their dates and flags, printed URLs and back-links."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from factsheet.model import Source
from factsheet.reconcile import agencies
from factsheet.view.types import BackRef, Formats

__all__ = ["BackGroup", "BackRef", "SourceView", "language_name", "source_view"]


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
    short_url: str | None  # printed: domain and path, no scheme or query
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


def source_view(b: Formats, n: int, s: Source) -> SourceView:
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
        n, s.id, f"src-{n}", s.publisher, s.title, s.url, short_url(s.url) if s.url else None,
        ", ".join(agencies(s)) or None,
        published, updated,
        accessed, _sentence(dates),
        b.labels.text("in_language", language=language_name(s.lang, b.locale))
        if s.lang else None, translation, s.archive_url,
        archive, [BackGroup(k, v) for k, v in b.backrefs.get(s.id, {}).items()],
    )


def short_url(url: str) -> str:
    """A URL as printed on paper: domain and path, without scheme, `www.`, query or fragment."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    return host + (parts.path.rstrip("/") if parts.path != "/" else "")
