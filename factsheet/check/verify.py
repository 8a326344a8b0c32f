"""Verification results that the check stage produces and the sheet shows as marks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Verification:
    """Per-citation outcomes keyed by (source id, text checked), and each source's archive."""

    # Outcomes: "verified", "not-found", "no-archive", "qualifier-differs" (found, but the
    # figure's approx says otherwise: no ✓); status() adds "unchecked" for a
    # citation with nothing verbatim to check.
    results: dict[tuple[str, str], str] = field(default_factory=dict)
    archives: dict[str, str] = field(default_factory=dict)  # source id -> sha256 of its copy
    lookalikes: list[tuple[str, str, float]] = field(default_factory=list)
    uncompared: list[str] = field(default_factory=list)  # sources too long to compare
    # Each quote's text: "verified", "not-found", "no-archive", "unchecked", "translated" or
    # "translation-differs" (its numbers differ from the source wording: no ✓).
    texts: dict[str, str] = field(default_factory=dict)
    # excerpts, excerpts_checked, excerpts_verified and the same for quote_texts: checked
    # means compared with a saved article, so 0 when no archive was given or found.
    counts: dict[str, int] = field(default_factory=dict)

    def status(self, source_id: str, text: str | None) -> str:
        """Return the outcome for one cited text, or "unchecked" when nothing was cited."""
        if text is None:
            return "unchecked"
        return self.results.get((source_id, text), "unchecked")

    def quote_status(self, quote_id: str, cite_status: str) -> str:
        """A quote cite's mark: never better than what came of the quote's own text."""
        text = self.texts.get(quote_id, "verified")
        return cite_status if text in ("verified", "translated") else text
