"""A citation to check, and what checking it found: shared by the check and its agreement rules."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from factsheet.check.match import Outcome
from factsheet.check.verify import CitationStatus
from factsheet.load.sheet import Loc


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
