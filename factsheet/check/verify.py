"""Verification results that the check stage produces and the sheet shows as marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# One excerpt searched in one saved copy.
Found = Literal["verified", "not-found"]
# A citation's outcome: found or not, no copy to search, found but its figure's `approx`
# says otherwise (no ✓), or nothing verbatim to check.
CitationStatus = Literal[Found, "no-archive", "qualifier-differs", "unchecked"]
# A quote's own text: as a citation's, or translated (its numbers agree, or differ: no ✓).
TextStatus = Literal[CitationStatus, "translated", "translation-differs"]


@dataclass(frozen=True)
class Verification:
    """Per-citation outcomes keyed by (source id, text checked), and each source's archive."""

    results: dict[tuple[str, str], CitationStatus] = field(default_factory=dict)
    archives: dict[str, str] = field(default_factory=dict)  # source id -> sha256 of its copy
    lookalikes: list[tuple[str, str, float]] = field(default_factory=list)
    uncompared: list[str] = field(default_factory=list)  # sources too long to compare
    texts: dict[str, TextStatus] = field(default_factory=dict)  # each quote's own text
    # excerpts, excerpts_checked, excerpts_verified and the same for quote_texts: checked
    # means compared with a saved article, so 0 when no archive was given or found.
    counts: dict[str, int] = field(default_factory=dict)

    def status(self, source_id: str, text: str | None) -> CitationStatus:
        """Return the outcome for one cited text, or "unchecked" when nothing was cited."""
        if text is None:
            return "unchecked"
        return self.results.get((source_id, text), "unchecked")

    def quote_status(self, quote_id: str, cite_status: TextStatus) -> TextStatus:
        """A quote cite's mark: never better than what came of the quote's own text."""
        text = self.texts.get(quote_id, "verified")
        return cite_status if text in ("verified", "translated") else text
