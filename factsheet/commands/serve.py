"""The `serve` command: a live local preview of one sheet, rebuilt on every save."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from factsheet.commands import options
from factsheet.errors import UsageError, display_path
from factsheet.report import Report
from factsheet.rules import SERVE_ONE_SHEET

HELP = "preview a sheet in the browser, rebuilt and reloaded on every save"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("path", nargs="?", type=Path, default=None, metavar="PATH",
                        help="the sheet folder (default: the one sheet under facts)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this computer only)")
    parser.add_argument("--templates", type=Path, default=None,
                        help="folder of templates (default: ./templates)")
    options.add_archive_dir(parser)
    options.add_no_cache(parser)
    parser.add_argument("--open", action="store_true",
                        help="open the preview in the default web browser once it is serving")


def run(args: argparse.Namespace) -> Report:
    """Serve until Ctrl-C; the build folder is never written."""
    from factsheet.builder.options import BuildOptions
    from factsheet.serve.session import Session

    chosen = options.sheets([args.path] if args.path else [])
    if len(chosen) > 1:
        shown = display_path(args.path or options.DEFAULT_PATH)
        raise SERVE_ONE_SHEET.error(UsageError, path=shown, count=len(chosen),
                                            first=display_path(chosen[0]))
    build = BuildOptions(formats=("html",), archive_dir=options.archive_dir(args.archive_dir),
                         no_cache=args.no_cache)
    if args.templates is not None:
        build = replace(build, templates=args.templates)
    try:
        session = Session(chosen[0], build, args.host, args.port)
    except KeyboardInterrupt:
        # Ctrl-C before serving began; the watcher thread is a daemon and ends with us.
        return Report(options.EXIT_OK, notes=["stopping"])
    session.serve(ready=lambda: open_browser(session.server.url) if args.open else None)
    return Report(options.EXIT_OK)


def open_browser(url: str) -> None:
    """Open the preview in the user's browser; a machine without one just says so."""
    import webbrowser

    if not webbrowser.open(url):
        print(f"factsheet: could not open a browser; open {url} yourself", file=sys.stderr)
