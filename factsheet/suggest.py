"""Closest-match suggestions for misspelt keys, values and ids."""

from __future__ import annotations

from collections.abc import Iterable

# Below this similarity a suggestion misleads more than it helps.
CUTOFF = 60.0


def closest(word: str, choices: Iterable[str]) -> str | None:
    """Return the choice most like `word`, or None when nothing is close."""
    # Imported here: only a diagnostic needs it, and it costs a cold start ~30 ms.
    from rapidfuzz import fuzz, process

    options = [c for c in choices if c != word]
    if not options or not word:
        return None
    found = process.extractOne(word, options, scorer=fuzz.ratio, score_cutoff=CUTOFF)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return 'did you mean `x`?' for the closest choice, or an empty string."""
    match = closest(word, choices)
    return f"did you mean `{match}`?" if match else ""
