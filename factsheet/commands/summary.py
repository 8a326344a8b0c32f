"""The `summary` command: each built sheet's changes and corrections for a CI job summary."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from factsheet.commands import options
from factsheet.errors import UsageError, display_path
from factsheet.report import Report
from factsheet.rules import SITE_NO_SHEETS

HELP = ("append each built sheet's changes and corrections, in Markdown, to the GitHub job "
        "summary ($GITHUB_STEP_SUMMARY, else stdout)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    options.add_out(parser, "the build's output folder to read <slug>.json from")
    parser.add_argument("--file", type=Path, default=None, metavar="FILE",
                        help="append to FILE (default: $GITHUB_STEP_SUMMARY, else print)")


def run(args: argparse.Namespace) -> Report:
    """Append the Markdown; say on GitHub, as a notice per sheet, how much changed."""
    from factsheet.site.summary import summary_markdown

    out = options.out_folder(args.out)
    text, found = summary_markdown(out)
    if not found:
        raise SITE_NO_SHEETS.error(UsageError, str(out), out=out)
    target = args.file or (Path(os.environ["GITHUB_STEP_SUMMARY"])
                           if os.environ.get("GITHUB_STEP_SUMMARY") else None)
    # Workflow commands: one notice per sheet in the run's annotations.
    notices = [f"::notice title={d.slug}::edition {d.edition}: {len(d.changes)} change(s), "
               f"{len(d.corrections)} correction(s) or retraction(s)" for d in found]
    if target is None:
        return Report(options.EXIT_OK, closing=[text.rstrip("\n")])
    with target.open("a", encoding="utf-8") as fh:  # appended: other steps write there too
        fh.write(text)
    return Report(options.EXIT_OK, closing=[*notices, f"wrote the summary to "
                                            f"{display_path(target)}"])
