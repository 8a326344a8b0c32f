"""The `new` command: start a sheet folder from commented fact files."""

from __future__ import annotations

import argparse
from pathlib import Path

from factsheet.commands import options
from factsheet.errors import display_path
from factsheet.report import Report

HELP = "start a new sheet: facts/<slug>/ with commented fact files to fill in"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("slug", help="the sheet's name: lowercase letters, digits, hyphens "
                                     "(e.g. kazakhstan-2022-01); it names the outputs too")
    parser.add_argument("--title", default=None, help="the sheet's headline")
    parser.add_argument("--as-of", default=None, metavar="WHEN",
                        help="the moment the sheet describes: 2022-01-07 or "
                             "2022-01-07T16:20:00+04:00 (default: today)")
    parser.add_argument("--facts", type=Path, default=options.DEFAULT_PATH, metavar="DIR",
                        help="the folder of sheets to create it in (default: facts)")
    parser.add_argument("--lang", default="en", metavar="TAG",
                        help="the sheet's language, a BCP 47 tag (default: en)")


def run(args: argparse.Namespace) -> Report:
    """Create the sheet folder and say what to do next."""
    from factsheet.config.starter import write_starter
    from factsheet.desk.scaffold import new_sheet, schema_ref

    written = new_sheet(args.facts, args.slug, title=args.title, as_of=args.as_of,
                        lang=args.lang)
    starter = write_starter(Path.cwd())
    folder = display_path(written[0].parent)
    notes = []
    schema = (written[0].parent / schema_ref(written[0].parent)).resolve()
    if not schema.is_file():
        # Outside a checkout there is no schema/ yet: the modelines point where it belongs.
        notes.append(f"note: {display_path(schema)} does not exist yet; write it with "
                     f"`factsheet schema > {display_path(schema)}` for editor completion")
    return Report(options.EXIT_OK, notes=notes, closing=[
        *(f"created {display_path(p)}" for p in [*written, *starter]),
        f"next: replace each TODO (`factsheet validate {folder}` lists them), archive the "
        f"articles with `factsheet archive URL --sheet {args.slug} --add`, and preview with "
        f"`factsheet serve {folder}`"])
