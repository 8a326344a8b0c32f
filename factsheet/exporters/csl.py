"""The sheet's sources as CSL-JSON items, for Zotero, Pandoc and other citation tools."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from factsheet.exporters.base import Exporter

if TYPE_CHECKING:
    from factsheet.model import Facts, Source


def _date_parts(moment: dt.date) -> dict[str, Any]:
    return {"date-parts": [[moment.year, moment.month, moment.day]]}


def csl_item(source: Source, sheet_lang: str) -> dict[str, Any]:
    """One source as a CSL item of type article-newspaper."""
    item: dict[str, Any] = {"id": source.id, "type": "article-newspaper", "title": source.title,
                            "container-title": source.publisher,
                            "issued": _date_parts(source.published)}
    if source.accessed is not None:
        item["accessed"] = _date_parts(source.accessed)
    if source.url is not None:
        item["URL"] = str(source.url)
    item["language"] = source.lang or sheet_lang
    return item


def sources_csl(facts: Facts) -> bytes:
    """A JSON list of CSL items, one per source, in the sheet's order."""
    items = [csl_item(s, facts.sheet.lang) for s in facts.sources]
    return (json.dumps(items, indent=2, ensure_ascii=False) + "\n").encode()


EXPORTER = Exporter("csl", "csl.json", lambda context: sources_csl(context.facts))
