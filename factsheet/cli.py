"""Stage 7, cli: a thin command line over the library; domain errors become exit codes here."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from factsheet import __version__
from factsheet.errors import Diagnostic, FactsheetError, UsageError, display_path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factsheet", description="Validate cited fact files and build briefing sheets.")
    parser.add_argument("--version", action="version", version=f"factsheet {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    v = sub.add_parser("validate", help="check sheets and report every problem at once")
    v.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="sheet folders or folders of sheets (default: facts)")
    v.add_argument("--strict", action="store_true", help="treat warnings as errors")
    v.add_argument("--format", choices=("text", "json"), default="text",
                   help="output format (default: text)")

    b = sub.add_parser("build", help="validate, then write JSON, HTML and PDF for each sheet")
    b.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    b.add_argument("--out", type=Path, default=Path("build"), help="output folder (build)")
    b.add_argument("--to", "--format", default="json,html,pdf", dest="formats",
                   help="comma-separated outputs: json,html,pdf (default: all)")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--templates", type=Path, default=None,
                   help="folder of templates (default: ./templates)")
    b.add_argument("--archive-dir", type=Path, default=None,
                   help="folder of archived article copies (default: each sheet's archive/)")
    b.add_argument("-j", "--jobs", type=int, default=0,
                   help="parallel worker processes (default: number of CPUs)")
    b.add_argument("--force", action="store_true", help="rebuild even up-to-date sheets")
    b.add_argument("--no-cache", action="store_true",
                   help="search every excerpt again instead of using .factsheet-cache/")
    _add_check_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args)
        if args.command == "build":
            return _build(args)
        if args.command in ("check", "archive-hash"):
            return int(args.handler(args))
    except UsageError as exc:
        print(f"factsheet: error: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except FactsheetError as exc:
        for diag in exc.diagnostics():
            print(diag.render(), file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_INVALID
    return EXIT_USAGE


def _sheets(paths: list[Path]) -> list[Path]:
    from factsheet.load import find_sheets

    chosen = paths or [Path("facts")]
    sheets = find_sheets(chosen)
    if not sheets:
        raise UsageError("no sheet folders (folders with *.yaml files) under "
                         + ", ".join(str(p) for p in chosen))
    return sheets


def _summary(diags: list[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in diags)
    warnings = len(diags) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' * (errors != 1)}")
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    return ", ".join(parts)


def _validate(args: argparse.Namespace) -> int:
    from factsheet.validate import validate_sheet

    status = EXIT_OK
    report = []
    for folder in _sheets(args.paths):
        facts, diags = validate_sheet(folder, strict=args.strict)
        shown = display_path(folder)
        if facts is None:
            status = EXIT_INVALID
        if args.format == "json":
            report.append({
                "sheet": shown, "valid": facts is not None,
                "counts": None if facts is None else {
                    k: len(getattr(facts, k)) for k in ("sources", "figures", "quotes", "events")},
                "diagnostics": [d.as_json() for d in diags],
            })
            continue
        for diag in diags:
            print(diag.render())
        extra = _summary(diags)
        if facts is None:
            print(f"{shown}: invalid: {extra}")
        else:
            print(f"{shown}: valid: {facts.counts()}" + (f" ({extra})" if extra else ""))
    if args.format == "json":
        print(json.dumps({"sheets": report}, indent=2, ensure_ascii=False))
    return status


def _build(args: argparse.Namespace) -> int:
    from factsheet.build import BuildOptions, build_all, parse_formats
    from factsheet.progress import BarProgress, LineProgress, summary

    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all CPUs) or more")
    options = BuildOptions(out=args.out, formats=parse_formats(args.formats),
                           strict=args.strict, archive_dir=args.archive_dir,
                           no_cache=args.no_cache)
    if args.templates is not None:
        options = replace(options, templates=args.templates)
    sheets = _sheets(args.paths)
    progress = BarProgress(len(sheets)) if sys.stdout.isatty() else LineProgress()
    with progress:
        report = build_all(sheets, options, jobs=args.jobs, force=args.force,
                           on_result=progress)
    for result in report.results:
        for diag in result.diagnostics:
            print(diag.render(), file=sys.stderr)
    print(summary(report))
    if report.failed:
        print("failed: " + ", ".join(display_path(r.folder) for r in report.failed),
              file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def _add_check_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `check` and `archive-hash`, which verify citations against archived copies."""
    c = sub.add_parser("check", help="verify every quote and excerpt against archived copies")
    c.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="sheet folders or folders of sheets (default: facts)")
    c.add_argument("--archive-dir", type=Path, default=None, metavar="DIR",
                   help="look for DIR/<source-id>.txt|.html|.md (default: each sheet's archive/)")
    c.add_argument("--strict", action="store_true",
                   help="also fail on sources without an archived copy and on changed copies")
    c.add_argument("--format", choices=("text", "json"), default="text",
                   help="output format (default: text)")
    c.add_argument("--no-cache", action="store_true",
                   help="search again instead of using .factsheet-cache/")
    c.set_defaults(handler=_check)
    h = sub.add_parser("archive-hash",
                       help="record each archived copy's SHA-256 in its source (archive_sha256)")
    h.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help="sheet folders or folders of sheets (default: facts)")
    h.add_argument("--archive-dir", type=Path, default=None, metavar="DIR",
                   help="look for DIR/<source-id>.txt|.html|.md (default: each sheet's archive/)")
    h.set_defaults(handler=_archive_hash)


def _archive_dir(path: Path | None) -> Path | None:
    if path is not None and not path.is_dir():
        raise UsageError(f"{path}: no such folder; --archive-dir names a folder of archived "
                         "copies", str(path))
    return path


def _check(args: argparse.Namespace) -> int:
    from factsheet.check import DEFAULT_CACHE, check_sheet, check_summary
    from factsheet.validate import validate_sheet

    archive_dir = _archive_dir(args.archive_dir)
    status = EXIT_OK
    report = []
    for folder in _sheets(args.paths):
        facts, diags = validate_sheet(folder)
        shown = display_path(folder)
        if facts is None:
            status = EXIT_INVALID
            if args.format == "json":
                report.append({"sheet": shown, "valid": False,
                               "diagnostics": [d.as_json() for d in diags]})
            else:
                for diag in diags:
                    print(diag.render())
                print(f"{shown}: invalid: {_summary(diags)}")
            continue
        result = check_sheet(folder, facts, archive_dir, strict=args.strict,
                             cache_dir=None if args.no_cache else DEFAULT_CACHE)
        if any(d.severity == "error" for d in result.diagnostics):
            status = EXIT_INVALID
        if args.format == "json":
            report.append({"sheet": shown, "valid": True, **result.as_json()})
            continue
        lines = [((c.path, c.line, c.column), c.render()) for c in result.checks
                 if c.status == "verified"]
        lines += [((d.path, d.line, d.column), d.render()) for d in result.diagnostics]
        for _, line in sorted(lines, key=lambda item: item[0]):
            print(line)
        print(f"{shown}: {check_summary(result, facts)}")
    if args.format == "json":
        print(json.dumps({"sheets": report}, indent=2, ensure_ascii=False))
    return status


def _archive_hash(args: argparse.Namespace) -> int:
    from factsheet.check import record_hashes

    archive_dir = _archive_dir(args.archive_dir)
    status = EXIT_OK
    for folder in _sheets(args.paths):
        records, diags = record_hashes(folder, archive_dir)
        shown = display_path(folder)
        lines = [((r.path, r.line, r.column), r.render()) for r in records]
        lines += [((d.path, d.line, d.column), d.render()) for d in diags]
        for _, line in sorted(lines, key=lambda item: item[0]):
            print(line)
        if any(d.severity == "error" for d in diags):
            status = EXIT_INVALID
        counts = {a: sum(r.action == a for r in records)
                  for a in ("recorded", "updated", "unchanged", "no-archive", "failed")}
        if records or not diags:
            print(f"{shown}: {counts['recorded']} recorded, {counts['updated']} updated, "
                  f"{counts['unchanged']} unchanged, {counts['no-archive']} without an "
                  "archived copy" + (f", {counts['failed']} failed" if counts["failed"] else ""))
        else:
            print(f"{shown}: invalid: {_summary(diags)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
