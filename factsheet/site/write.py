"""Write index.html (every built sheet) and feed.xml (Atom: one entry per published edition)."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from factsheet import __version__
from factsheet.editions.record import edition_numbers, edition_path, read_edition
from factsheet.errors import UsageError
from factsheet.fsutil import write_atomic
from factsheet.rules import SITE_NO_SHEETS
from factsheet.site.digest import Digest, digest, read_built
from factsheet.site.page import index_html

ATOM = "http://www.w3.org/2005/Atom"
# Entry ids are UUIDs derived from the slug and edition number: stable across rebuilds,
# machines and a move of the site to another address (RFC 4287 4.2.6).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://factsheet.invalid/editions")


def atom_date(value: str) -> str:
    """An RFC 3339 date-time: a date alone is taken as that day's start in UTC."""
    return value if "T" in value else f"{value}T00:00:00Z"


def entry_id(slug: str, number: int) -> str:
    """The stable id of edition `number` of sheet `slug`."""
    return uuid.uuid5(NAMESPACE, f"{slug}/{number}").urn


def entry_html(news: Digest) -> str:
    """The entry's content: the edition's "Changes since" and "Corrections and retractions"."""
    from markupsafe import escape

    def block(title: str, lines: list[str], none: str) -> str:
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        return f"<h2>{escape(title)}</h2>" + (f"<ul>{items}</ul>" if lines else
                                               f"<p>{escape(none)}</p>")

    since = f"Changes since {news.since}" if news.since else "Changes"
    none = "No changes." if news.since else "The first edition."
    return block(since, news.changes, none) + block(
        "Corrections and retractions", news.corrections, "None.")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = text
    return element


def _editions(editions: Path) -> list[tuple[Digest, int]]:
    slugs = sorted(p.name for p in editions.iterdir() if p.is_dir()) \
        if editions.is_dir() else []
    found = []
    for slug in slugs:
        for number in edition_numbers(editions, slug):
            edition = read_edition(edition_path(editions, slug, number))
            news = digest(edition.facts, number)
            found.append((Digest(news.slug, news.title, number, edition.as_of,
                                 edition.issued, news.since, news.changes, news.corrections,
                                 news.key_figures), number))
    return found


def feed_xml(editions: Path, url: str, title: str) -> bytes:
    """The Atom feed: newest edition first; `updated` is the newest edition's, not the clock."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    entries = sorted(_editions(editions), key=lambda e: (atom_date(e[0].issued), e[0].slug),
                     reverse=True)
    _sub(feed, "id", url + "feed.xml" if url else uuid.uuid5(NAMESPACE, "feed").urn)
    _sub(feed, "title", title)
    _sub(feed, "updated", atom_date(entries[0][0].issued) if entries else
         "1970-01-01T00:00:00Z")
    _sub(feed, "link", rel="self", href=f"{url}feed.xml")
    _sub(feed, "link", rel="alternate", href=f"{url}index.html")
    _sub(_sub(feed, "author"), "name", title)
    _sub(feed, "generator", "factsheet", version=__version__)
    for news, number in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id(news.slug, number))
        _sub(entry, "title", f"{news.title}: edition {number}")
        _sub(entry, "updated", atom_date(news.issued))
        _sub(entry, "published", atom_date(news.issued))
        _sub(entry, "link", rel="alternate", type="text/html", href=f"{url}{news.slug}.html")
        _sub(entry, "summary", f"As of {news.as_of}: {len(news.changes)} change(s), "
                               f"{len(news.corrections)} correction(s) or retraction(s).")
        _sub(entry, "content", entry_html(news), type="html")
    ET.indent(feed)
    body: bytes = ET.tostring(feed, "utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


def build_site(out: Path, editions: Path, *, url: str = "", title: str = "Fact sheets",
               ) -> list[Path]:
    """Write OUT/index.html and OUT/feed.xml from the sheets built into OUT; return them."""
    built = read_built(out)
    if not built:
        raise SITE_NO_SHEETS.error(UsageError, str(out), out=out)
    if url and not url.endswith("/"):
        url += "/"
    sheets: list[tuple[Digest, dict[str, Any]]] = []
    for facts, path in built:
        links = {kind: f"{path.stem}{suffix}" for kind, suffix in
                 (("HTML", ".html"), ("PDF", ".pdf")) if (out / f"{path.stem}{suffix}").is_file()}
        for suffix in (".pdf", ".html"):  # the one-page brief, built into OUT/brief/
            if (out / "brief" / f"{path.stem}{suffix}").is_file():
                links["brief"] = f"brief/{path.stem}{suffix}"
                break
        sheets.append((digest(facts), links))
    pages = {out / "index.html": index_html(sheets, title).encode("utf-8"),
             out / "feed.xml": feed_xml(editions, url, title)}
    for target, data in pages.items():  # both made before either is written
        write_atomic(target, data)
    return list(pages)
