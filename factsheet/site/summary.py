"""The GitHub job summary: each built sheet's "Changes since" and corrections, in Markdown."""

from __future__ import annotations

import re
from pathlib import Path

from factsheet.site.digest import Digest, digest, read_built

# Markdown's active characters, and HTML's: a fact's text is shown, never interpreted.
ACTIVE = re.compile(r"([\\`*_{}\[\]<>#|!~&])")


def md(text: str) -> str:
    """Text as literal Markdown (every active character escaped)."""
    return ACTIVE.sub(r"\\\1", text)


def sheet_markdown(news: Digest) -> str:
    """One sheet's section of the summary."""
    head = f"Edition {news.edition} · " if news.edition else ""
    lines = [f"## {md(news.title)}", "", f"{head}as of {md(news.as_of)} · `{news.slug}`", ""]
    lines += [f"### Changes since {md(news.since)}" if news.since else "### Changes", ""]
    lines += [f"- {md(c)}" for c in news.changes] or ["No changes." if news.since else
                                                       "No earlier edition to compare with."]
    lines += ["", "### Corrections and retractions", ""]
    lines += [f"- {md(c)}" for c in news.corrections] or ["None."]
    return "\n".join(lines) + "\n"


def summary_markdown(out: Path) -> tuple[str, list[Digest]]:
    """The whole summary over every sheet built into `out`, and the digests it shows."""
    found = [digest(facts) for facts, _ in read_built(out)]
    return "\n".join(sheet_markdown(d) for d in found), found
