"""The `site` command: a front page and an Atom feed of editions over the built sheets."""

from __future__ import annotations

import argparse

from factsheet.commands import options
from factsheet.errors import display_path
from factsheet.report import Report

HELP = "write index.html (every built sheet) and feed.xml (an Atom entry per edition)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    options.add_out(parser, "the build's output folder, where the site is written too")
    options.add_editions(parser)
    parser.add_argument("--url", default="", metavar="URL",
                        help="the address the site is published at, e.g. "
                             "https://desk.example.org/sheets/ (default: links are relative)")
    parser.add_argument("--title", default="Fact sheets", help="the site's title")


def run(args: argparse.Namespace) -> Report:
    """Read OUT/<slug>.json of every built sheet and the editions; write the two pages."""
    from factsheet.site import build_site

    written = build_site(options.out_folder(args.out), options.editions_dir(args.editions),
                         url=args.url, title=args.title)
    return Report(options.EXIT_OK, closing=[f"wrote {display_path(p)}" for p in written])
