"""The `archive` command: fetch an article, save its copy, and describe it as a source."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from factsheet.commands import options
from factsheet.errors import FetchError, UsageError, display_path
from factsheet.report import Report, SheetReport, count_summary

HELP = "fetch an article into a sheet's archive and print (or --add) its source entry"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("url", metavar="URL", help="the article's http(s) address")
    parser.add_argument("--sheet", required=True, metavar="SLUG",
                        help="the sheet: its slug under --facts, or its folder")
    parser.add_argument("--id", default=None, metavar="SOURCE_ID",
                        help="the source's id (default: publisher-date); an existing "
                             "source's id re-archives it and records its archive_sha256")
    parser.add_argument("--add", action="store_true",
                        help="append the new source to the sheet's sources")
    parser.add_argument("--facts", type=Path, default=options.DEFAULT_PATH, metavar="DIR",
                        help="the folder of sheets (default: facts)")


def run(args: argparse.Namespace) -> Report:
    """Fetch, save, hash, and print or append the source entry."""
    from factsheet.check.archive import find_archive, read_archive
    from factsheet.check.extract import html_visible
    from factsheet.check.hashes import record_hash
    from factsheet.check.locate import declared_archive
    from factsheet.desk.capture import (
        append_source,
        choose_id,
        metadata,
        save_copy,
        saved_to,
        sheet_folder,
        source_entry,
    )
    from factsheet.desk.fetch import fetch_page
    from factsheet.load.sheet import load_sheet
    from factsheet.rules import ARCHIVE_NO_TEXT

    folder = sheet_folder(args.sheet, args.facts)
    shown = display_path(folder)
    loaded = load_sheet(folder)
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if errors:
        # The entry could not be placed in files that do not load; nothing is fetched.
        return Report(options.EXIT_INVALID, [SheetReport(
            shown, False, list(errors), f"invalid: {count_summary(errors)}")])
    _refuse_outside(loaded)
    page = fetch_page(args.url)
    html = page.text()
    if not html_visible(html).text.strip():  # a reader would see no article in it
        raise ARCHIVE_NO_TEXT.error(FetchError, url=page.url,
                                            folder=display_path(saved_to(loaded)))
    meta = metadata(page, html)
    source_id = choose_id(loaded, args.id, meta, page, args.add)
    saved = save_copy(loaded, source_id, page)
    preferred = find_archive(folder, source_id, None, declared_archive(loaded.data))[0]
    digest = read_archive(source_id, preferred).sha256  # what archive-hash and check read
    entry = source_entry(source_id, page, meta, digest, dt.datetime.now(dt.UTC).date())
    lines = [f"saved {display_path(p)}" for p in saved]
    known = any(isinstance(e, dict) and e.get("id") == source_id
                for e in loaded.data.get("sources", []))
    diags = []
    if args.add:
        target = append_source(loaded, entry, source_id)
        lines.append(f"added source `{source_id}` to {display_path(target)}:")
    elif known:
        diags = record_hash(folder, source_id, digest)
        lines.append(f"recorded archive_sha256 {digest} in source `{source_id}`")
    else:
        lines.append("the source entry (append it under `sources:`, or rerun with --add):")
    lines.append(entry.rstrip("\n"))
    status = options.EXIT_INVALID if any(d.severity == "error" for d in diags) else \
        options.EXIT_OK
    return Report(status, [SheetReport(shown, status == options.EXIT_OK, list(diags))],
                  closing=lines, data={"source": source_id, "sha256": digest,
                                       "saved": [display_path(p) for p in saved]})



def _refuse_outside(loaded: object) -> None:
    """A `sheet.archive` outside the repository is not written to (FS422)."""
    from factsheet.check.archive import outside
    from factsheet.desk.capture import saved_to
    from factsheet.load.sheet import Loaded
    from factsheet.rules import ARCHIVE_OUTSIDE

    assert isinstance(loaded, Loaded)
    place = saved_to(loaded)
    root = outside(loaded.folder, place)
    if root is not None:
        raise ARCHIVE_OUTSIDE.error(UsageError, folder=display_path(place),
                                            root=display_path(root))
