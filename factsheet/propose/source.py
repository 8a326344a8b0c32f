"""One source's proposals: read its saved copy as the check does, draft, verify, drop repeats."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factsheet.check.archive import Archive, find_archive, read_archive
from factsheet.check.extract import html_text, markdown_text, plain_text
from factsheet.check.locate import declared_archive
from factsheet.check.match import search
from factsheet.check.normalise import Normal, normalise
from factsheet.errors import UsageError, display_path
from factsheet.load.sheet import Loaded
from factsheet.propose.draft import Article, Proposal, name_ids, propose
from factsheet.rules import SUGGEST_NO_COPY, SUGGEST_UNKNOWN_SOURCE
from factsheet.suggest import did_you_mean
from factsheet.validate.numbers import qualifier_differs, says_number


@dataclass
class Suggestion:
    """What `suggest` found for one source, and what it left out and why."""

    source: str
    proposals: list[Proposal]
    repeats: int = 0  # figures already in the sheet (same source, same number)
    unverified: list[str] = field(default_factory=list)  # drafts whose words did not verify


def visible_text(archive: Archive) -> tuple[str, Normal]:
    """The text of the copy a reader sees and its normal form, read as the check reads it."""
    source = archive.source
    if source is None:  # a streamed plain-text copy: read whole here (suggest is one source)
        source = archive.path.read_text(encoding="utf-8-sig")
    # Extracted once: the text proposals are drafted from is the text their words are
    # verified in (the check's own Archive.normal would extract the page a second time).
    if archive.suffix in (".html", ".htm"):
        text, lines = html_text(source)
        return text, normalise(text, lines)
    if archive.suffix == ".md":
        text, lines = markdown_text(source)
        return text, normalise(text, lines)
    text, runs = plain_text(source)
    return text, normalise(text, runs)


def source_entry(loaded: Loaded, source_id: str) -> dict[str, Any]:
    """The sheet's entry for the source, or FS730."""
    entries = [e for e in loaded.data.get("sources") or [] if isinstance(e, dict)]
    for entry in entries:
        if entry.get("id") == source_id:
            return entry
    ids = [str(e.get("id")) for e in entries if e.get("id")]
    guess = did_you_mean(source_id, ids)
    hint = guess or ("add it with `factsheet archive URL --add`; the sheet lists: "
                     + (", ".join(ids) or "no sources"))
    raise SUGGEST_UNKNOWN_SOURCE.error(
        UsageError, sheet=display_path(loaded.folder), source=source_id, hint=hint)


def _article(entry: dict[str, Any], sheet_lang: str) -> Article:
    published = entry.get("published")
    day = published.date() if isinstance(published, dt.datetime) else (
        published if isinstance(published, dt.date) else None)
    lang = entry.get("lang")
    lang = lang if isinstance(lang, str) else sheet_lang
    publisher = entry.get("publisher")
    agency = entry.get("agency")
    agency = agency[0] if isinstance(agency, list) and len(agency) == 1 else agency
    return Article(str(entry["id"]), publisher if isinstance(publisher, str) else None, day,
                   lang.split("-")[0].lower(), agency if isinstance(agency, str) else None)


def suggest(loaded: Loaded, source_id: str, archive_dir: Path | None) -> Suggestion:
    """Proposals for one source of a loaded sheet, each of whose `says` verifies."""
    entry = source_entry(loaded, source_id)
    sheet = loaded.data.get("sheet")
    head: dict[str, Any] = sheet if isinstance(sheet, dict) else {}
    copies = find_archive(loaded.folder, source_id, archive_dir, declared_archive(loaded.data))
    if not copies:
        raise SUGGEST_NO_COPY.error(
            UsageError, source=source_id, sheet=display_path(loaded.folder),
            looked=display_path((archive_dir or loaded.folder / "archive") / source_id))
    archive = read_archive(source_id, copies[0])
    sheet_lang = head.get("lang")
    article = _article(entry, sheet_lang if isinstance(sheet_lang, str) else "en")
    text, normal = visible_text(archive)
    drafts = propose(text, article)
    out = Suggestion(source_id, [])
    known = _known(loaded, source_id)
    for proposal in drafts:
        cite = proposal.data["cite"][0]
        if _repeat(proposal, known):
            out.repeats += 1
        elif search(normal, cite["says"]).status != "verified" or not _states(
                proposal, article.lang):
            out.unverified.append(cite["says"])  # never proposed: it would not check
        else:
            _agree(proposal, article.lang)
            out.proposals.append(proposal)
    from factsheet.model import FACT_KINDS  # start-up: pydantic only when proposing

    taken = {str(e.get("id")) for kind in FACT_KINDS
             for e in loaded.data.get(kind) or [] if isinstance(e, dict)}
    name_ids(out.proposals, taken)
    return out


def _agree(proposal: Proposal, lang: str) -> None:
    """Give a figure the qualifier its own `says` states, as the check will read it (FS431)."""
    if proposal.kind != "figures":
        return
    from factsheet.model import Range

    value = proposal.data["value"]
    read = Range(min=value["min"], max=value["max"]) if isinstance(value, dict) else value
    differs = qualifier_differs(proposal.data["cite"][0]["says"], read,
                                proposal.data.get("approx", "exact"), lang=lang)
    if differs is None:
        return
    wording, fits = differs
    rest = {k: v for k, v in proposal.data.items() if k != "approx"}
    proposal.data.clear()
    for key, item in rest.items():  # `approx` stands right after `value`, as drafted
        proposal.data[key] = item
        if key == "value" and fits != "exact":
            proposal.data["approx"] = fits
    proposal.doubts.append(f"approx: read from “{wording}”, as the check reads the excerpt")


def _states(proposal: Proposal, lang: str) -> bool:
    """True when a figure's `says` states its value, as validate requires."""
    if proposal.kind != "figures":
        return True
    from factsheet.model import Range

    value = proposal.data["value"]
    read = Range(min=value["min"], max=value["max"]) if isinstance(value, dict) else value
    return says_number(proposal.data["cite"][0]["says"], read, proposal.data.get("unit"),
                       lang=lang)


def _known(loaded: Loaded, source_id: str) -> dict[str, set[str]]:
    """What the sheet already cites this source for: figure values and quote texts."""
    known: dict[str, set[str]] = {"figures": set(), "quotes": set()}
    for kind, field_ in (("figures", "value"), ("quotes", "text")):
        for e in loaded.data.get(kind) or []:
            if not isinstance(e, dict):
                continue
            cites = e.get("cite")
            cites = cites if isinstance(cites, list) else [cites]
            if any((c.get("source") if isinstance(c, dict) else c) == source_id
                   for c in cites):
                known[kind].add(_key(e.get(field_)))
    return known


def _key(value: Any) -> str:
    if isinstance(value, dict):
        return f"{value.get('min')}-{value.get('max')}"
    return " ".join(str(value).split()).casefold()


def _repeat(proposal: Proposal, known: dict[str, set[str]]) -> bool:
    field_ = "value" if proposal.kind == "figures" else "text"
    return _key(proposal.data[field_]) in known[proposal.kind]
