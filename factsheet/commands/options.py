"""What several commands share, defined once: their options, exit statuses and sheet lookup."""

from __future__ import annotations

import argparse
from pathlib import Path

from factsheet.errors import UsageError
from factsheet.report import REPORT_FORMATS
from factsheet.rules import NO_ARCHIVE_DIR, NO_EDITIONS_DIR, NO_SHEETS, OUT_STDOUT

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
DEFAULT_PATH = Path("facts")


def add_paths(parser: argparse.ArgumentParser) -> None:
    """PATH ...: sheet folders or folders of sheets."""
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="sheet folders or folders of sheets (default: facts)")


def add_strict(parser: argparse.ArgumentParser, what: str = "treat warnings as errors") -> None:
    """--strict/--no-strict, with what it means for this command (config: `strict`)."""
    # --no-strict exists so a flag can override `strict = true` in the project config.
    parser.add_argument("--strict", action=argparse.BooleanOptionalAction, default=False,
                        help=what)


def add_verbosity(parser: argparse.ArgumentParser) -> None:
    """-q/--quiet and -v/--verbose, on every command."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true",
                       help="print only diagnostics and errors (no summaries, notes or progress)")
    group.add_argument("-v", "--verbose", action="store_true",
                       help="also say where the settings came from and what each step did")


def add_out(parser: argparse.ArgumentParser, what: str = "output folder") -> None:
    """--out DIR: the folder a command writes (config: `out`)."""
    parser.add_argument("--out", type=Path, default=Path("build"), metavar="DIR",
                        help=f"{what} (default: build)")


def out_folder(path: Path) -> Path:
    """The --out folder; `-` (standard output) is refused: a build writes many files."""
    if str(path) == "-":
        raise OUT_STDOUT.error(UsageError)
    return path


def add_report_format(parser: argparse.ArgumentParser, *, choices: bool = True) -> None:
    """--format text|json|github: how the report is printed."""
    parser.add_argument("--format", default="text", choices=REPORT_FORMATS if choices else None,
                        metavar="{" + ",".join(REPORT_FORMATS) + "}",
                        help="report format: text, json or github (annotations); "
                             "default: text")


def add_archive_dir(parser: argparse.ArgumentParser) -> None:
    """--archive-dir DIR: where archived article copies are."""
    parser.add_argument("--archive-dir", type=Path, default=None, metavar="DIR",
                        help="look for DIR/<source-id>.txt|.html|.md "
                             "(default: each sheet's archive/)")


def add_template(parser: argparse.ArgumentParser) -> None:
    """--template NAME: build every sheet with this template instead of its `sheet.template`."""
    parser.add_argument("--template", default=None, metavar="NAME",
                        help="template to build with, e.g. brief (default: each sheet's "
                             "`sheet.template`, else briefing)")


def add_no_cache(parser: argparse.ArgumentParser) -> None:
    """--no-cache: search archives again instead of trusting earlier outcomes."""
    parser.add_argument("--no-cache", action="store_true",
                        help="search again instead of using .factsheet-cache/")


def add_editions(parser: argparse.ArgumentParser) -> None:
    """--editions DIR: where editions/<slug>/NNN.json are recorded."""
    parser.add_argument("--editions", type=Path, default=None, metavar="DIR",
                        help="folder of recorded editions, DIR/<slug>/NNN.json "
                             "(default: editions)")


def add_since(parser: argparse.ArgumentParser) -> None:
    """--since REV|FILE.json|FILE.pdf: the baseline changes are listed since."""
    parser.add_argument("--since", default=None, metavar="BASELINE",
                        help="list changes since a git revision, an edition or facts JSON, "
                             "or a PDF factsheet made (default: the latest edition)")


def sheets(paths: list[Path]) -> list[Path]:
    """The sheet folders the paths name (default: facts), or a usage error."""
    from factsheet.load.sheet import find_sheets

    chosen = paths or [DEFAULT_PATH]
    found = find_sheets(chosen)
    if not found:
        raise NO_SHEETS.error(UsageError, paths=", ".join(str(p) for p in chosen))
    return found


def editions_dir(path: Path | None) -> Path:
    """The --editions folder; one given but missing is a usage error (not a first edition)."""
    from factsheet.editions.record import DEFAULT_EDITIONS

    if path is None:
        return DEFAULT_EDITIONS
    if not path.is_dir():
        raise NO_EDITIONS_DIR.error(UsageError, str(path), path=path)
    return path


def archive_dir(path: Path | None) -> Path | None:
    """The --archive-dir folder; one that is missing is a usage error in every command."""
    if path is not None and not path.is_dir():
        raise NO_ARCHIVE_DIR.error(UsageError, str(path), path=path)
    return path
