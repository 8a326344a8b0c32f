"""Stage 7, cli: a thin command line over the library; domain errors become exit codes here."""

from __future__ import annotations

import argparse
import json
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
    b.add_argument("--format", default="json,html,pdf", dest="formats",
                   help="comma-separated outputs: json,html,pdf (default: all)")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--templates", type=Path, default=None,
                   help="folder of templates (default: ./templates)")
    b.add_argument("--archive-dir", type=Path, default=None,
                   help="folder of archived article copies (default: each sheet's archive/)")
    b.add_argument("-j", "--jobs", type=int, default=0,
                   help="parallel worker processes (default: number of CPUs)")
    b.add_argument("--force", action="store_true", help="rebuild even up-to-date sheets")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args)
        if args.command == "build":
            return _build(args)
    except UsageError as exc:
        print(f"factsheet: error: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except FactsheetError as exc:
        for diag in exc.diagnostics():
            print(diag.render(), file=sys.stderr)
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
                           strict=args.strict, archive_dir=args.archive_dir)
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


if __name__ == "__main__":
    sys.exit(main())
