"""Stage 4, check: verify quotes and excerpts against archived copies of the articles."""

from __future__ import annotations

from factsheet.check.archive import (
    ARCHIVE_SUFFIXES,
    Archive,
    archive_candidates,
    decode,
    find_archive,
    read_archive,
)
from factsheet.check.cache import DEFAULT_CACHE, Cache
from factsheet.check.extract import html_text, markdown_text, plain_text
from factsheet.check.hashes import HashRecord, record_hashes
from factsheet.check.match import Outcome, difference, search
from factsheet.check.normalise import MARK, Normal, normalise
from factsheet.check.segments import excerpt_segments, segment_pattern
from factsheet.check.sheet import (
    CheckReport,
    Citation,
    CitationCheck,
    check_sheet,
    check_summary,
    citations,
)
from factsheet.check.syndication import Lookalike, independent_reports, lookalikes

__all__ = [
    "ARCHIVE_SUFFIXES", "DEFAULT_CACHE", "MARK", "Archive", "Cache", "CheckReport", "Citation",
    "CitationCheck", "HashRecord", "Lookalike", "Normal", "Outcome", "archive_candidates",
    "check_sheet", "check_summary", "citations", "decode", "difference", "excerpt_segments",
    "find_archive", "html_text", "independent_reports", "lookalikes", "markdown_text",
    "normalise", "plain_text", "read_archive", "record_hashes", "search", "segment_pattern",
]
