"""The check of one sheet: every citation against its source's archived copy."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from factsheet.check.agreement import (
    QUALIFIER_DIFFERS,
    TRANSLATION_DIFFERS,
    qualifier_findings,
    translation_findings,
)
from factsheet.check.archive import (
    NOT_REGULAR,
    Archive,
    archive_candidates,
    find_archive,
    outside,
    read_archive,
)
from factsheet.check.cache import DEFAULT_CACHE, Cache
from factsheet.check.citation import Citation, CitationCheck, citations, same_words
from factsheet.check.limits import archive_over_limit
from factsheet.check.locate import DEFAULT_ARCHIVE, archive_folders, archive_root
from factsheet.check.match import Outcome, clip
from factsheet.check.syndication import (
    COMPARE_LIMIT,
    NGRAM,
    Lookalike,
    independent_reports,
    lookalikes,
    too_long,
)
from factsheet.check.verify import CitationStatus, TextStatus, Verification
from factsheet.errors import ArchiveError, Diagnostic, Severity, display_path
from factsheet.load.sheet import Loaded, Loc, load_sheet, where
from factsheet.model import Facts
from factsheet.rules import (
    ARCHIVE_CHANGED,
    ARCHIVE_FOLDER_MISSING,
    ARCHIVE_NOT_REGULAR,
    ARCHIVE_OUTSIDE,
    ARCHIVE_OVER_LIMIT,
    LOOKALIKE,
    NO_ARCHIVE,
    NOT_COMPARED,
    NOT_FOUND,
    QUOTE_TEXT_UNVERIFIED,
    SEVERAL_COPIES,
    UNREADABLE_COPY,
    rule,
)


@dataclass
class CheckReport:
    """Everything `check` found for one sheet."""

    checks: list[CitationCheck] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    verification: Verification = field(default_factory=Verification)
    archives: dict[str, Archive] = field(default_factory=dict)
    found_lookalikes: list[Lookalike] = field(default_factory=list)
    uncompared: list[str] = field(default_factory=list)  # copies too long to compare
    cache_hits: int = 0

    def count(self, status: str | None = None) -> int:
        """Count the cite checks (that came to `status`); quote texts are counted apart."""
        return sum(c.citation.text_of is None and status in (None, c.status)
                   for c in self.checks)

    def as_json(self) -> dict[str, Any]:
        """Return a JSON-ready mapping of the report."""
        return {
            "counts": {s: self.count(s) for s in ("verified", "not-found", "no-archive")},
            "checked": self.verification.counts,
            "citations": [c.as_json() for c in self.checks],
            "archives": {sid: {"path": a.shown, "sha256": a.sha256}
                         for sid, a in self.archives.items()},
            "lookalikes": [asdict(p) for p in self.found_lookalikes],
            "diagnostics": [d.as_json() for d in self.diagnostics],
        }


def check_summary(report: CheckReport, facts: Facts) -> str:
    """Summarise a sheet's check in one line."""
    checked = report.count()
    if not checked:
        head = "nothing to check (no `says` excerpts and no quotes)"
    else:
        head = (f"{report.count('verified')} of {checked} citation{'s' * (checked != 1)} "
                f"verified, {report.count('not-found')} not found, "
                f"{report.count('no-archive')} without an archived copy")
        if report.count(QUALIFIER_DIFFERS):
            head += (f", {report.count(QUALIFIER_DIFFERS)} found but qualified otherwise than "
                     "their figure")
    counts = report.verification.counts
    if counts:
        head += (f"; {counts['excerpts_verified']} of {counts['excerpts']} excerpts and "
                 f"{counts['quote_texts_verified']} of {counts['quote_texts']} quote texts "
                 "verified against saved articles")
    copies = len(report.archives)
    reports = len(independent_reports(facts.sources))
    tail = (f"{copies} archived cop{'ies' if copies != 1 else 'y'}, "
            f"{len(facts.sources)} source{'s' * (len(facts.sources) != 1)}, "
            f"{reports} independent report{'s' * (reports != 1)}")
    if report.found_lookalikes:
        n = len(report.found_lookalikes)
        tail += f", {n} possible syndicated pair{'s' * (n != 1)}"
    return f"{head} ({tail})"


Unarchived = Literal["each", "recorded"]


def check_sheet(folder: Path, facts: Facts, archive_dir: Path | None = None, *,
                strict: bool = False, loaded: Loaded | None = None,
                cache_dir: Path | None = DEFAULT_CACHE,
                unarchived: Unarchived = "each") -> CheckReport:
    """Check every citation of a valid sheet against its sources' archived copies.

    A cited source without a copy is a finding ("each"); with "recorded" and no archive
    folder anywhere, only one whose `archive_sha256` says a copy exists is.
    """
    loaded = loaded if loaded is not None else load_sheet(folder)
    report = CheckReport()
    severity: Severity = "error" if strict else "warning"
    wanted = list(citations(facts))
    nowhere = unarchived == "recorded" and not any(
        place.is_dir() for place in archive_folders(folder, archive_dir, facts.sheet.archive))
    archive_dir, usable = _archive_folder(report, loaded, facts, folder, archive_dir, severity)
    if usable:
        _read_archives(report, loaded, facts, folder, archive_dir, wanted, severity, nowhere)
    cache = Cache(cache_dir)
    results, misses = _search(report, loaded, facts, wanted, cache)
    # A copy dropped as unreadable after some of its citations were found (in the cache)
    # verifies none of them: they are as unchecked as the rest.
    dropped = {c.citation.source_id for c in report.checks
               if c.archive is not None and c.citation.source_id not in report.archives}
    if dropped:
        report.checks = [replace(c, status="no-archive", archive=None, outcome=None)
                         if c.citation.source_id in dropped else c for c in report.checks]
        results = {k: "no-archive" if k[0] in dropped else v for k, v in results.items()}
        misses = {q: [c for c in cs if c.citation.source_id not in dropped]
                  for q, cs in misses.items()}
    report.checks, found = qualifier_findings(loaded, facts, report.checks, results, severity)
    report.diagnostics += found
    texts = _quote_texts(facts, report.checks, results)
    found, differ = translation_findings(loaded, facts)
    report.diagnostics += found
    texts.update({quote_id: TRANSLATION_DIFFERS for quote_id in differ})
    for quote_id, checks in misses.items():
        if texts[quote_id] != "verified":
            shown = ", ".join(dict.fromkeys(c.archive or "" for c in checks))
            report.diagnostics.append(loaded.report(
                QUOTE_TEXT_UNVERIFIED, checks[0].citation.loc, at=where(checks[0].citation.loc),
                archives=shown))
    _report_lookalikes(report, loaded, facts)
    report.diagnostics.sort()
    report.cache_hits = cache.hits
    report.verification = Verification(
        results=results, texts=texts,
        archives={sid: a.sha256 for sid, a in report.archives.items()},
        lookalikes=[(p.a, p.b, p.share) for p in report.found_lookalikes],
        uncompared=report.uncompared,
        counts=_counts(report.checks, texts))
    return report


def _search(report: CheckReport, loaded: Loaded, facts: Facts, wanted: list[Citation],
            cache: Cache) -> tuple[dict[tuple[str, str], CitationStatus],
                                   dict[str, list[CitationCheck]]]:
    """Search each citation in its copy: the outcomes, and each quote text's misses."""
    results: dict[tuple[str, str], CitationStatus] = {}
    misses: dict[str, list[CitationCheck]] = {}  # quote id -> its text's misses
    for citation in wanted:
        pos = loaded.pos(citation.loc)
        copy = report.archives.get(citation.source_id)
        if copy is None:
            check = CitationCheck(citation, pos.path, pos.line, pos.column, "no-archive")
        else:
            key = cache.key(copy, citation.text)
            outcome = cache.get(key)
            if outcome is None:
                try:
                    outcome = copy.search(citation.text)
                except ArchiveError as exc:  # a streamed copy changed since it was hashed
                    _unreadable(report, loaded, facts, citation.source_id, exc)
                    check = CitationCheck(citation, pos.path, pos.line, pos.column,
                                          "no-archive")
                    report.checks.append(check)
                    if citation.text_of is None:
                        results[(citation.source_id, citation.text)] = check.status
                    continue
                cache.put(key, outcome)
            check = CitationCheck(citation, pos.path, pos.line, pos.column, outcome.status,
                                  copy.shown, outcome)
            if outcome.status == "not-found" and citation.text_of is None:
                report.diagnostics.append(_not_found(loaded, check, outcome))
            elif outcome.status == "not-found" and citation.text_of is not None:
                misses.setdefault(citation.text_of, []).append(check)
        report.checks.append(check)
        if citation.text_of is None:
            results[(citation.source_id, citation.text)] = check.status
    return results, misses


def _archive_folder(report: CheckReport, loaded: Loaded, facts: Facts, folder: Path,
                    archive_dir: Path | None, severity: Severity) -> tuple[Path | None, bool]:
    """The folder copies are read from, and whether it may be read (FS411, FS422)."""
    if archive_dir is not None:
        return archive_dir, True  # named on the command line: used on purpose
    declared = archive_root(folder, None, facts.sheet.archive)
    if declared is None:
        # The sheet's own archive/ folder: a symlink to a folder elsewhere leads out too.
        refused = outside(folder, folder / DEFAULT_ARCHIVE)
        if refused is not None:
            report.diagnostics.append(loaded.report(
                ARCHIVE_OUTSIDE, ("sheet",), folder=display_path(folder / DEFAULT_ARCHIVE),
                root=display_path(refused)))
        return None, refused is None
    refused = outside(folder, declared)
    if refused is not None:
        # A sheet file may not point the check at any folder on the machine.
        report.diagnostics.append(loaded.report(
            ARCHIVE_OUTSIDE, ("sheet", "archive"), folder=display_path(declared),
            root=display_path(refused)))
        return declared, False
    if not declared.is_dir():
        report.diagnostics.append(loaded.report(
            ARCHIVE_FOLDER_MISSING, ("sheet", "archive"), severity=severity,
            folder=display_path(declared)))
    return declared, True


def _read_archives(report: CheckReport, loaded: Loaded, facts: Facts, folder: Path,
                   archive_dir: Path | None, wanted: list[Citation], severity: Severity,
                   nowhere: bool = False) -> None:
    """Find and read each cited source's archived copy, reporting what is wrong with it.

    `nowhere`: no archive folder exists, so a missing copy is said only where a hash is.
    """
    needs = {c.source_id for c in wanted}
    for i, source in enumerate(facts.sources):
        loc: Loc = ("sources", i, "id")
        at = where(("sources", i))
        paths = find_archive(folder, source.id, archive_dir)
        if len(paths) > 1:
            report.diagnostics.append(loaded.report(
                SEVERAL_COPIES, loc, at=at, paths=", ".join(display_path(p) for p in paths),
                used=paths[0].name))
        if not paths:
            if source.id in needs and (source.archive_sha256 or not nowhere):
                looked = archive_candidates(folder, source.id, archive_dir)[0]
                count = sum(c.source_id == source.id and c.text_of is None for c in wanted)
                report.diagnostics.append(loaded.report(
                    NO_ARCHIVE, loc, at=at, severity=severity, source=source.id,
                    recorded=(", though its archive_sha256 is recorded"
                              if source.archive_sha256 else ""),
                    count=count, plural="s" * (count != 1),
                    looked=display_path(looked.with_suffix("")),
                    elsewhere="" if archive_dir else ", or pass --archive-dir DIR"))
            continue
        try:
            archive = read_archive(source.id, paths[0])
        except ArchiveError as exc:
            kind = ARCHIVE_NOT_REGULAR if exc.code == NOT_REGULAR else UNREADABLE_COPY
            report.diagnostics.append(loaded.report(
                kind, loc, at=at, copy=exc.path, problem=exc.message))
            continue
        report.archives[source.id] = archive
        over = archive_over_limit(archive.size)
        if over is not None:
            report.diagnostics.append(loaded.report(
                ARCHIVE_OVER_LIMIT, loc, at=at, copy=archive.shown, size=over["size"],
                limit=over["limit"], time=over["time"]))
        if source.archive_sha256 and source.archive_sha256 != archive.sha256:
            hloc: Loc = ("sources", i, "archive_sha256")
            report.diagnostics.append(loaded.report(
                ARCHIVE_CHANGED, hloc, severity=severity, archive=archive.shown,
                recorded=source.archive_sha256[:12], now=archive.sha256[:12]))


def _quote_texts(facts: Facts, checks: list[CitationCheck],
                 results: dict[tuple[str, str], CitationStatus]) -> dict[str, TextStatus]:
    """Each quote's text: verified (as a `says` or in its own right), translated, or not."""
    texts: dict[str, TextStatus] = {}
    own: dict[str, list[CitationStatus]] = {}
    for c in checks:
        if c.citation.text_of is not None:
            own.setdefault(c.citation.text_of, []).append(c.status)
    for quote in facts.quotes:
        if quote.translated:
            texts[quote.id] = "translated"
            continue
        statuses = own.get(quote.id) or [
            results.get((item.source, item.says or quote.text), "unchecked")
            for item in quote.cite if not item.says or same_words(item.says, quote.text)]
        texts[quote.id] = next((s for s in STATUS_ORDER if s in statuses), "unchecked")
    return texts


# Which status a quote's text takes from its checks: one verified copy is enough.
STATUS_ORDER: tuple[CitationStatus, ...] = ("verified", "not-found", "no-archive", "unchecked")


def _counts(checks: list[CitationCheck], texts: dict[str, TextStatus]) -> dict[str, int]:
    """How many excerpts and quote texts there are, were checked, and verified."""
    excerpts = [c for c in checks if not c.citation.quote_text]
    return {
        "excerpts": len(excerpts),
        "excerpts_checked": sum(c.status != "no-archive" for c in excerpts),
        "excerpts_verified": sum(c.status == "verified" for c in excerpts),
        "quote_texts": len(texts),
        "quote_texts_checked": sum(s in ("verified", "not-found") for s in texts.values()),
        "quote_texts_verified": sum(s == "verified" for s in texts.values()),
    }


def _unreadable(report: CheckReport, loaded: Loaded, facts: Facts, sid: str,
                exc: ArchiveError) -> None:
    """Drop a copy found unreadable after it was read: nothing of it is trusted."""
    index = next(i for i, s in enumerate(facts.sources) if s.id == sid)
    report.archives.pop(sid, None)
    report.diagnostics.append(loaded.report(
        UNREADABLE_COPY, ("sources", index, "id"), at=where(("sources", index)),
        copy=exc.path, problem=exc.message))


def _report_lookalikes(report: CheckReport, loaded: Loaded, facts: Facts) -> None:
    """Warn about archived copies that look like one story under two names."""
    report.found_lookalikes = lookalikes(facts.sources, report.archives)
    index = {s.id: i for i, s in enumerate(facts.sources)}
    report.uncompared = too_long(report.archives)
    for sid in report.uncompared:  # never silently unchecked: said here and on the sheet
        copy = report.archives[sid]
        report.diagnostics.append(loaded.report(
            NOT_COMPARED, ("sources", index[sid], "id"), at=where(("sources", index[sid])),
            copy=copy.shown, size=f"{copy.size / 1e6:,.1f} MB",
            limit=f"{COMPARE_LIMIT / 1e6:,.0f} MB"))
    for pair in report.found_lookalikes:
        loc: Loc = ("sources", index[pair.b], "id")
        report.diagnostics.append(loaded.report(
            LOOKALIKE, loc, at=where(("sources", index[pair.b])), a=pair.a, b=pair.b,
            share=f"{pair.share:.0%}",
            passages=f"{pair.passages} passage{'s' * (pair.passages != 1)}", ngram=NGRAM,
            example=clip(pair.example)))


def _not_found(loaded: Loaded, check: CitationCheck, outcome: Outcome) -> Diagnostic:
    citation = check.citation
    if outcome.rule is not None and outcome.values is not None:
        values: dict[str, Any] = {"archive": check.archive, **outcome.values}
        return loaded.report(rule(outcome.rule), citation.loc, at=citation.where, **values)
    what = "the quote's text" if citation.quote_text else "the excerpt"
    detail = f": {outcome.reason}" if outcome.reason else ""
    if outcome.closest is not None:
        detail += (f"; closest passage, line {outcome.closest_line}, "
                   f"{outcome.similarity:.0f}% similar: “{clip(outcome.closest, 200)}”")
    fix = ("copy the words exactly as archived (only quote marks, dashes, spacing and line "
           "breaks may differ) and mark left-out words with `...`")
    hint = f"{outcome.difference}; {fix}" if outcome.difference else fix
    if citation.quote_text:
        hint += "; or give this cite item `says:` with the source's own wording"
    return loaded.report(NOT_FOUND, citation.loc, at=citation.where, what=what,
                         archive=check.archive, detail=detail, hint=hint)
