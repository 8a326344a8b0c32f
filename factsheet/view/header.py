"""The sheet's header: the compiled-from line and the notices, marks hoisted off the cards."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from babel.numbers import format_percent

from factsheet.check.verify import Verification
from factsheet.model import Facts
from factsheet.reconcile import Reports
from factsheet.view.cards import CardView
from factsheet.view.labels import BRIEFING, Labels, load_labels


def compiled_line(facts: Facts, labels: Labels | None = None) -> str:
    """Say how many articles, independent reports and machine translations the sheet uses."""
    labels = labels or load_labels((BRIEFING,), facts.sheet.lang)
    reports = Reports(facts.sources)
    names = [reports.name(reports.source(g[0].id)) for g in reports.sources(facts.sources)]
    counted = Counter(names)  # three reports of one outlet: "RFE/RL (3)", not its name thrice
    shown = [n if counted[n] == 1 else f"{n} ({counted[n]})" for n in dict.fromkeys(names)]
    line = labels.text("compiled", articles=labels.plural("articles", len(facts.sources)),
                       reports=labels.plural("reports", len(names)), names=", ".join(shown))
    machine = sum(s.translation == "machine" for s in facts.sources)
    if machine:
        line += labels.text("compiled_machine", n=machine)
    return line


def hoist(cards: list[CardView], labels: Labels) -> tuple[list[CardView], list[str]]:
    """A mark that would sit on every card is said once, in the header, instead."""
    said: list[str] = []
    single = [c for c in cards if c.single]
    if single and len(single) == len(cards) > 1:
        names = sorted({c.single or "" for c in cards})
        said.append(labels.text("notice_single_all", names=", ".join(names)))
        cards = [replace(c, single=None) for c in cards]
    elif single:
        said.append(labels.plural(
            "notice_single", len(single), cards=labels.plural("key_figures_count", len(cards))))
    if len(cards) > 1 and all(c.conflict for c in cards):
        said.append(labels["notice_conflict_all"])
        cards = [replace(c, conflict=False) for c in cards]
    return cards, said


def notices(facts: Facts, verification: Verification | None, labels: Labels) -> list[str]:
    """Notices for the header: machine translation and possible syndication."""
    out: list[str] = []
    machine = [s for s in facts.sources if s.translation == "machine"]
    if machine:
        out.append(labels.plural(
            "notice_machine", len(machine),
            sources=labels.plural("sources_count", len(machine)),
            names=", ".join(s.publisher for s in machine)))
    if verification is not None:
        names = {s.id: s.publisher for s in facts.sources}
        for a, b, share in verification.lookalikes:
            out.append(labels.text(
                "notice_syndication", a=names.get(a, a), b=names.get(b, b),
                share=format_percent(share, locale=labels.locale)))
        if verification.uncompared:
            out.append(labels.plural(
                "notice_uncompared", len(verification.uncompared),
                names=", ".join(names.get(s, s) for s in verification.uncompared)))
    return out


def checked_line(facts: Facts, verification: Verification | None, labels: Labels) -> str:
    """How many excerpts were checked against saved articles, and which quotes were not."""
    # Imported here: the check stage is only needed to count what a sheet cites.
    from factsheet.check.citation import citations

    counts = verification.counts if verification is not None else {}
    total = counts.get("excerpts", sum(1 for c in citations(facts) if not c.quote_text))
    # A ✓ vouches for a quote's words as for an excerpt's: a header that counted only
    # excerpts read "1 of 1 checked" over a quote no saved copy was compared with.
    texts = verification.texts if verification is not None else {}
    quotes = [texts.get(q.id, "unchecked") for q in facts.quotes if not q.translated]
    unchecked = sum(status != "verified" for status in quotes)
    if total == 0 and quotes:
        return labels.plural("checked_quotes", len(quotes), verified=len(quotes) - unchecked)
    if total == 0:  # "0 of 0 checked" would read like a failure, or like a check
        return labels["checked_none"]
    line = labels.plural("checked_count", total, verified=counts.get("excerpts_verified", 0))
    return line + (labels.plural("checked_quotes_not", unchecked) if unchecked else "")
