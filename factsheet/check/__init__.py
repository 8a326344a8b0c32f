"""Stage 5, check: verify quotes and excerpts against archived copies of the articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factsheet.check.normalise import MARK, Normal, normalise
from factsheet.lazy import lazy_names

# Loaded on first use, for start-up: the builder and the desk tools import the light
# check.locate, check.limits and check.verify on paths that never check a quote, and a
# package that imported its matchers eagerly would load them there too. Normalising is
# light and imported now: its function `normalise` must win over the submodule's name.
_HOMES = {
    "ARCHIVE_SUFFIXES": "archive",
    "Archive": "archive",
    "Cache": "cache",
    "CheckReport": "sheet",
    "Citation": "citation",
    "CitationCheck": "citation",
    "DEFAULT_CACHE": "cache",
    "HashRecord": "hashes",
    "Lookalike": "syndication",
    "Outcome": "match",
    "archive_candidates": "archive",
    "check_sheet": "sheet",
    "check_summary": "sheet",
    "citations": "citation",
    "decode": "archive",
    "difference": "match",
    "excerpt_segments": "segments",
    "find_archive": "archive",
    "html_text": "extract",
    "independent_reports": "syndication",
    "lookalikes": "syndication",
    "segment_pattern": "segments",
    "markdown_text": "extract",
    "plain_text": "extract",
    "read_archive": "archive",
    "record_hashes": "hashes",
    "search": "match",
}

if TYPE_CHECKING:
    from factsheet.check.archive import (
        ARCHIVE_SUFFIXES,
        Archive,
        archive_candidates,
        decode,
        find_archive,
        read_archive,
    )
    from factsheet.check.cache import DEFAULT_CACHE, Cache
    from factsheet.check.citation import Citation, CitationCheck, citations
    from factsheet.check.extract import html_text, markdown_text, plain_text
    from factsheet.check.hashes import HashRecord, record_hashes
    from factsheet.check.match import Outcome, difference, search
    from factsheet.check.sheet import (
        CheckReport,
        check_sheet,
        check_summary,
    )
    from factsheet.check.syndication import Lookalike, independent_reports, lookalikes

__all__ = [
    "ARCHIVE_SUFFIXES", "DEFAULT_CACHE", "MARK", "Archive", "Cache", "CheckReport", "Citation",
    "CitationCheck", "HashRecord", "Lookalike", "Normal", "Outcome", "archive_candidates",
    "check_sheet", "check_summary", "citations", "decode", "difference", "excerpt_segments",
    "find_archive", "html_text", "independent_reports", "lookalikes", "markdown_text",
    "normalise", "plain_text", "read_archive", "record_hashes", "search", "segment_pattern",
]


__getattr__ = lazy_names(__name__, _HOMES, globals())
