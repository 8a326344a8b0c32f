"""The check of one sheet: every citation against its source's archived copy."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from factsheet.check.archive import Archive, archive_candidates, find_archive, read_archive
from factsheet.check.cache import DEFAULT_CACHE, Cache
from factsheet.check.match import Outcome, clip, search
from factsheet.check.syndication import NGRAM, Lookalike, independent_reports, lookalikes
from factsheet.errors import ArchiveError, Diagnostic, display_path
from factsheet.load import Loaded, Loc, load_sheet, where
from factsheet.model import Facts
from factsheet.verify import Verification


@dataclass(frozen=True)
class Citation:
    """One checkable citation: the text to find, the source, and where it stands in the YAML."""

    loc: Loc
    where: str
    source_id: str
    text: str
    quote_text: bool  # True when a quote's own text is checked (its cite item has no `says`)


@dataclass(frozen=True)
class CitationCheck:
    """A checked citation with its outcome and its YAML position."""

    citation: Citation
    path: str
    line: int
    column: int
    status: str  # "verified", "not-found", "no-archive"
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


@dataclass
class CheckReport:
    """Everything `check` found for one sheet."""

    checks: list[CitationCheck] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    verification: Verification = field(default_factory=Verification)
    archives: dict[str, Archive] = field(default_factory=dict)
    found_lookalikes: list[Lookalike] = field(default_factory=list)
    cache_hits: int = 0

    def count(self, status: str) -> int:
        """Count the checks that came to `status`."""
        return sum(c.status == status for c in self.checks)

    def as_json(self) -> dict[str, Any]:
        """Return a JSON-ready mapping of the report."""
        return {
            "counts": {s: self.count(s) for s in ("verified", "not-found", "no-archive")},
            "citations": [c.as_json() for c in self.checks],
            "archives": {sid: {"path": a.shown, "sha256": a.sha256}
                         for sid, a in self.archives.items()},
            "lookalikes": [asdict(p) for p in self.found_lookalikes],
            "diagnostics": [d.as_json() for d in self.diagnostics],
        }


def check_summary(report: CheckReport, facts: Facts) -> str:
    """Summarise a sheet's check in one line."""
    checked = len(report.checks)
    if not checked:
        head = "nothing to check (no `says` excerpts and no quotes)"
    else:
        head = (f"{report.count('verified')} of {checked} citation{'s' * (checked != 1)} "
                f"verified, {report.count('not-found')} not found, "
                f"{report.count('no-archive')} without an archived copy")
    copies = len(report.archives)
    reports = len(independent_reports(facts.sources))
    tail = (f"{copies} archived cop{'ies' if copies != 1 else 'y'}, "
            f"{len(facts.sources)} source{'s' * (len(facts.sources) != 1)}, "
            f"{reports} independent report{'s' * (reports != 1)}")
    if report.found_lookalikes:
        n = len(report.found_lookalikes)
        tail += f", {n} possible syndicated pair{'s' * (n != 1)}"
    return f"{head} ({tail})"


def citations(facts: Facts) -> Iterator[Citation]:
    """Every citation that names words to find: each `says`, and quote text cited bare."""
    for i, statement in enumerate(facts.sheet.summary):
        for j, item in enumerate(statement.cite):
            if item.says:
                loc: Loc = ("sheet", "summary", i, "cite", j, "says")
                yield Citation(loc, where(loc), item.source, item.says, False)
    for name in ("figures", "quotes", "events"):
        for i, record in enumerate(getattr(facts, name)):
            for j, item in enumerate(record.cite):
                if item.says:
                    loc = (name, i, "cite", j, "says")
                    yield Citation(loc, where(loc), item.source, item.says, False)
                elif name == "quotes":
                    loc = (name, i, "text")
                    yield Citation(loc, f"{where((name, i, 'cite', j))} (the quote's text)",
                                   item.source, record.text, True)


def check_sheet(folder: Path, facts: Facts, archive_dir: Path | None = None, *,
                strict: bool = False, loaded: Loaded | None = None,
                cache_dir: Path | None = DEFAULT_CACHE) -> CheckReport:
    """Check every citation of a valid sheet against its sources' archived copies."""
    loaded = loaded if loaded is not None else load_sheet(folder)
    cache = Cache(cache_dir)
    report = CheckReport()
    severity = "error" if strict else "warning"
    wanted = list(citations(facts))
    needs = {c.source_id for c in wanted}
    for i, source in enumerate(facts.sources):
        loc: Loc = ("sources", i, "id")
        paths = find_archive(folder, source.id, archive_dir, facts.sheet.archive)
        if len(paths) > 1:
            report.diagnostics.append(loaded.error(
                loc, where(("sources", i)), "several archived copies: "
                + ", ".join(display_path(p) for p in paths) + f"; using {paths[0].name}",
                "keep one copy per source", severity="warning"))
        if not paths:
            if source.id in needs:
                looked = archive_candidates(folder, source.id, archive_dir,
                                            facts.sheet.archive)[0]
                recorded = (", though its archive_sha256 is recorded"
                            if source.archive_sha256 else "")
                count = sum(c.source_id == source.id for c in wanted)
                report.diagnostics.append(loaded.error(
                    loc, where(("sources", i)),
                    f"no archived copy of `{source.id}`{recorded}; {count} "
                    f"citation{'s' * (count != 1)} of it cannot be checked",
                    f"save the article as {display_path(looked.with_suffix(''))}.txt "
                    "(or .html, .md)" + ("" if archive_dir else ", or pass --archive-dir DIR"),
                    severity=severity))
            continue
        try:
            archive = read_archive(source.id, paths[0])
        except ArchiveError as exc:
            report.diagnostics.append(loaded.error(
                loc, where(("sources", i)), f"{exc.path}: {exc.message}",
                "save the archived copy as UTF-8 text"))
            continue
        report.archives[source.id] = archive
        if source.archive_sha256 and source.archive_sha256 != archive.sha256:
            hloc: Loc = ("sources", i, "archive_sha256")
            report.diagnostics.append(loaded.error(
                hloc, where(hloc),
                f"the archived copy {archive.shown} has changed since its hash was recorded "
                f"(recorded {source.archive_sha256[:12]}…, now {archive.sha256[:12]}…)",
                "check that its citations still hold, then run `factsheet archive-hash` "
                "to record the new hash", severity=severity))
    results: dict[tuple[str, str], str] = {}
    for citation in wanted:
        pos = loaded.pos(citation.loc)
        copy = report.archives.get(citation.source_id)
        if copy is None:
            check = CitationCheck(citation, pos.path, pos.line, pos.column, "no-archive")
        else:
            key = Cache.key(copy, citation.text)
            outcome = cache.get(key)
            if outcome is None:
                outcome = search(copy.normal, citation.text)
                cache.put(key, outcome)
            check = CitationCheck(citation, pos.path, pos.line, pos.column, outcome.status,
                                  copy.shown, outcome)
            if outcome.status == "not-found":
                report.diagnostics.append(_not_found(loaded, check, outcome))
        report.checks.append(check)
        results[(citation.source_id, citation.text)] = check.status
    report.found_lookalikes = lookalikes(facts.sources, report.archives)
    index = {s.id: i for i, s in enumerate(facts.sources)}
    for pair in report.found_lookalikes:
        loc = ("sources", index[pair.b], "id")
        report.diagnostics.append(loaded.error(
            loc, where(("sources", index[pair.b])),
            f"the archived copies of `{pair.a}` and `{pair.b}` share {pair.share:.0%} of their "
            f"wording ({pair.passages} passage{'s' * (pair.passages != 1)} of {NGRAM}+ words, "
            f"the longest: “{clip(pair.example)}”) but declare no common agency; they look "
            "like copies of one story",
            "if both carry the same wire story, give both `agency:` the wire service's name "
            "so they count as one report", severity="warning"))
    report.diagnostics.sort()
    report.cache_hits = cache.hits
    report.verification = Verification(
        results=results,
        archives={sid: a.sha256 for sid, a in report.archives.items()},
        lookalikes=[(p.a, p.b, p.share) for p in report.found_lookalikes])
    return report




def _not_found(loaded: Loaded, check: CitationCheck, outcome: Outcome) -> Diagnostic:
    citation = check.citation
    what = "the quote's text" if citation.quote_text else "the excerpt"
    message = f"{what} is not found in {check.archive}"
    if outcome.reason:
        message += f": {outcome.reason}"
    if outcome.closest is not None:
        message += (f"; closest passage, line {outcome.closest_line}, "
                    f"{outcome.similarity:.0f}% similar: “{clip(outcome.closest, 200)}”")
    fix = ("copy the words exactly as archived (only quote marks, dashes, spacing and line "
           "breaks may differ) and mark left-out words with `...`")
    hint = f"{outcome.difference}; {fix}" if outcome.difference else fix
    if citation.quote_text:
        hint += "; or give this cite item `says:` with the source's own wording"
    p = loaded.pos(citation.loc)
    return Diagnostic(p.path, p.line, p.column, "error", citation.where, message, hint)
