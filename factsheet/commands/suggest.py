"""The `suggest` command: propose a source's figures and quotes from its saved copy."""

from __future__ import annotations

import argparse
from pathlib import Path

from factsheet.commands import options
from factsheet.errors import UsageError, display_path
from factsheet.report import Report, SheetReport, count_summary

HELP = "propose the figures and quotes of a source's saved copy, for review (or --add them)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("source", metavar="SOURCE_ID", help="the id of a source of the sheet")
    parser.add_argument("--sheet", default=None, metavar="PATH",
                        help="the sheet: its slug under --facts, or its folder (default: the "
                             "one sheet under --facts that lists the source)")
    parser.add_argument("--format", dest="output", default="yaml", choices=("yaml", "json"),
                        help="print the proposals as fact-file YAML (default) or JSON")
    parser.add_argument("--add", action="store_true",
                        help="append the proposals to the sheet's figures and quotes files, "
                             "each marked for review (FS700)")
    parser.add_argument("--facts", type=Path, default=options.DEFAULT_PATH, metavar="DIR",
                        help="the folder of sheets (default: facts)")
    options.add_archive_dir(parser)


def _folder(args: argparse.Namespace) -> Path:
    """The sheet folder: --sheet, or the one sheet under --facts listing the source."""
    from factsheet.desk.capture import sheet_folder
    from factsheet.load.sheet import find_sheets, load_sheet
    from factsheet.rules import SUGGEST_WHICH_SHEET

    if args.sheet is not None:
        return sheet_folder(args.sheet, args.facts)
    found = [f for f in find_sheets([args.facts]) if any(
        isinstance(e, dict) and e.get("id") == args.source
        for e in load_sheet(f).data.get("sources") or [])]
    if len(found) != 1:
        raise SUGGEST_WHICH_SHEET.error(UsageError, count=len(found) or "no",
                                                facts=display_path(args.facts),
                                                source=args.source)
    return found[0]


def run(args: argparse.Namespace) -> Report:
    """Draft the proposals, then print them or append them to the sheet."""
    from factsheet.fsutil import write_atomic
    from factsheet.load.sheet import load_sheet
    from factsheet.propose.append import with_entries
    from factsheet.propose.emit import as_json, as_yaml, entry
    from factsheet.propose.source import suggest

    folder = _folder(args)
    shown = display_path(folder)
    loaded = load_sheet(folder)
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if errors:  # proposals are placed in files that load; nothing is read or written
        return Report(options.EXIT_INVALID, [SheetReport(
            shown, False, list(errors), f"invalid: {count_summary(errors)}")])
    found = suggest(loaded, args.source, options.archive_dir(args.archive_dir))
    lines: list[str] = []
    if args.add:
        writes = []
        for kind in ("figures", "quotes"):
            items = [p for p in found.proposals if p.kind == kind]
            if items:
                text = "\n".join(entry(p) for p in items)
                writes.append(with_entries(loaded, kind, text,
                                           [p.data["id"] for p in items]))
        for path, data in writes:  # every file's new text was read back before any write
            write_atomic(path, data)
            lines.append(f"added proposals to {display_path(path)}")
    else:
        lines.append((as_json if args.output == "json" else as_yaml)(found.proposals)
                     .rstrip("\n"))
    notes = _notes(found, args.add)
    return Report(options.EXIT_OK, [], closing=lines, notes=notes)


def _notes(found: object, added: bool) -> list[str]:
    """What was left out, and what the analyst must do next (stderr)."""
    from factsheet.propose.source import Suggestion

    assert isinstance(found, Suggestion)
    figures = sum(p.kind == "figures" for p in found.proposals)
    quotes = len(found.proposals) - figures
    notes = [f"{found.source}: {figures} figure{'s' * (figures != 1)} and {quotes} "
             f"quote{'s' * (quotes != 1)} proposed"
             + (f"; {found.repeats} already in the sheet left out" if found.repeats else "")]
    notes += [f"  left out, its words would not verify: “{s}”" for s in found.unverified]
    if added and found.proposals:
        notes.append("each entry's `note: TODO ...` (FS700) stops `build --strict` until a "
                     "person has checked it and deleted the note")
    return notes
