"""The sheet's sources as CSL-JSON items, for Zotero, Pandoc and other citation tools."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from factsheet.exporters.base import Exporter

if TYPE_CHECKING:
    from factsheet.model import Facts, Source


def date_parts(moment: dt.date) -> dict[str, Any]:
    """CSL `date-parts`: as precise as the date is known (`2019` is `[[2019]]`), no more."""
    precision = getattr(moment, "precision", "day")  # a PartialDate knows its own
    parts = [moment.year] if precision == "year" else [moment.year, moment.month] if (
        precision == "month") else [moment.year, moment.month, moment.day]
    return {"date-parts": [parts]}


def reports(facts: Facts) -> set[str]:
    """Ids of sources that are an organisation's own report: it claims a figure it carries."""
    from factsheet.model import fold

    publisher = {s.id: fold(s.publisher) for s in facts.sources}
    return {c.source for f in facts.figures if f.claimed_by
            for c in f.cite if publisher.get(c.source) == fold(f.claimed_by)}


def csl_item(source: Source, sheet_lang: str, report: bool = False) -> dict[str, Any]:
    """One source as a CSL item: a `report` of the organisation, else an article-newspaper."""
    item: dict[str, Any] = {"id": source.id, "type": "report" if report else "article-newspaper",
                            "title": source.title}
    # A report's organisation is its publisher; an article's outlet is its container.
    item["publisher" if report else "container-title"] = source.publisher
    item["issued"] = date_parts(source.published)
    if source.accessed is not None:
        item["accessed"] = date_parts(source.accessed)
    if source.url is not None:
        item["URL"] = str(source.url)
    if source.archive_url is not None:
        # CSL's `archive` names the archive, `archive_location` the place in it: the copy.
        item["archive"] = urlsplit(str(source.archive_url)).hostname or ""
        item["archive_location"] = str(source.archive_url)
    item["language"] = source.lang or sheet_lang
    return item


def sources_csl(facts: Facts) -> bytes:
    """A JSON list of CSL items, one per source, in the sheet's order."""
    own = reports(facts)
    items = [csl_item(s, facts.sheet.lang, s.id in own) for s in facts.sources]
    return (json.dumps(items, indent=2, ensure_ascii=False) + "\n").encode()


EXPORTER = Exporter("csl", "csl.json", lambda context: sources_csl(context.facts))
