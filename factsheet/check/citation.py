"""A citation to check, and what checking it found: shared by the check and its agreement rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from factsheet.check.match import Outcome
from factsheet.check.segments import excerpt_segments
from factsheet.check.verify import CitationStatus
from factsheet.load.sheet import Loc, where
from factsheet.model import FACT_KINDS, Facts


@dataclass(frozen=True)
class Citation:
    """One checkable citation: the text to find, the source, and where it stands in the YAML."""

    loc: Loc
    where: str
    source_id: str
    text: str
    quote_text: bool  # True when a quote's own text is checked (its cite item has no `says`)
    # Set to the quote's id when its text is checked in its own right because it differs
    # from every cite's `says`: then one cited copy holding it is enough.
    text_of: str | None = None


@dataclass(frozen=True)
class CitationCheck:
    """A checked citation with its outcome and its YAML position."""

    citation: Citation
    path: str
    line: int
    column: int
    status: CitationStatus
    archive: str | None = None
    outcome: Outcome | None = None

    def render(self) -> str:
        """Format a verified citation like a diagnostic line."""
        place = f"{self.path}:{self.line}:{self.column}"
        at = f"{self.archive}:{self.outcome.line}" if self.outcome else self.archive
        return f"{place}: {self.status}: {self.citation.where}: found in {at}"

    def as_json(self) -> dict[str, Any]:
        """Return a JSON-ready mapping of this check."""
        out: dict[str, Any] = {
            "path": self.path, "line": self.line, "column": self.column,
            "where": self.citation.where, "source": self.citation.source_id,
            "text": self.citation.text, "status": self.status, "archive": self.archive,
        }
        if self.outcome is not None:
            names = {"line": "archive_line", "end_line": "archive_end_line"}
            out.update({names.get(k, k): v for k, v in asdict(self.outcome).items()
                        if k != "status" and v is not None})
        return out


def citations(facts: Facts) -> Iterator[Citation]:
    """Every citation that names words to find: each `says`, and every quote's own text."""
    for i, statement in enumerate(facts.sheet.summary):
        for j, item in enumerate(statement.cite):
            if item.says:
                loc: Loc = ("sheet", "summary", i, "cite", j, "says")
                yield Citation(loc, where(loc), item.source, item.says, False)
    for name in FACT_KINDS:
        for i, record in enumerate(getattr(facts, name)):
            for j, item in enumerate(record.cite):
                if item.says:
                    loc = (name, i, "cite", j, "says")
                    yield Citation(loc, where(loc), item.source, item.says, False)
                elif name == "quotes":
                    loc = (name, i, "text")
                    yield Citation(loc, f"{where((name, i, 'cite', j))} (the quote's text)",
                                   item.source, record.text, True)
    for i, quote in enumerate(facts.quotes):
        if quote.translated or not all(item.says for item in quote.cite):
            continue  # a bare cite checks the text itself; a translation need not be archived
        if any(same_words(item.says or "", quote.text) for item in quote.cite):
            continue
        loc = ("quotes", i, "text")
        for source in dict.fromkeys(item.source for item in quote.cite):
            yield Citation(loc, f"{where(loc)} (against {source})", source, quote.text, True,
                           quote.id)


def same_words(a: str, b: str) -> bool:
    """True when two texts are one wording once normalised, up to their end punctuation."""
    # A quote may end on "." where the article's sentence goes on with ","; words decide.
    def words(text: str) -> list[str]:
        return [part.strip(_EDGE) for part in excerpt_segments(text)]
    return words(a) == words(b)


_EDGE = ".,;:\"' "  # not ? or !: they change what the words say
