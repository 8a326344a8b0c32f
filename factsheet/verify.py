"""Verification results that the check stage produces and the sheet shows as marks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Verification:
    """Per-citation outcomes keyed by (source id, text checked), and each source's archive."""

    # Outcomes: "verified", "not-found", "no-archive"; status() adds "unchecked" for a
    # citation with nothing verbatim to check.
    results: dict[tuple[str, str], str] = field(default_factory=dict)
    archives: dict[str, str] = field(default_factory=dict)  # source id -> sha256 of its copy
    lookalikes: list[tuple[str, str, float]] = field(default_factory=list)

    def status(self, source_id: str, text: str | None) -> str:
        """Return the outcome for one cited text, or "unchecked" when nothing was cited."""
        if text is None:
            return "unchecked"
        return self.results.get((source_id, text), "unchecked")

    def archive_line(self, source_id: str) -> str:
        """Describe the source's archived copy for its entry in the sources list."""
        digest = self.archives.get(source_id)
        if digest is None:
            return "no archived copy"
        return f"archived copy checked (SHA-256 {digest[:12]}…)"

    def notices(self, names: dict[str, str] | None = None) -> list[str]:
        """Sheet-level notices: undeclared syndication, naming sources by `names` (id → name)."""
        names = names or {}
        return [
            f"Possible syndication: {names.get(a, a)} and {names.get(b, b)} share "
            f"{share:.0%} of their wording but declare no common agency; they may be one "
            "report."
            for a, b, share in self.lookalikes
        ]
