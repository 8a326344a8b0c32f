"""The command line, thin over the commands: domain errors become exit codes here."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from types import ModuleType

from factsheet import __version__
from factsheet.commands import (
    archive,
    archive_hash,
    build,
    check,
    diff,
    new,
    publish,
    rules,
    schema,
    serve,
    suggest,
    validate,
)
from factsheet.commands.options import EXIT_INVALID, EXIT_USAGE
from factsheet.commands.reference import Parser, markdown
from factsheet.errors import FactsheetError, UsageError
from factsheet.report import Report, render

# Each command is a module with HELP, add_arguments(parser) and run(args) -> Report.
COMMANDS: dict[str, ModuleType] = {
    "new": new, "validate": validate, "build": build, "check": check, "archive": archive,
    "archive-hash": archive_hash, "serve": serve, "publish": publish, "diff": diff,
    "rules": rules, "schema": schema, "suggest": suggest,
}


def _parser() -> Parser:
    parser = Parser(
        prog="factsheet", description="Validate cited fact files and build briefing sheets.")
    parser.add_argument("--version", action="version", version=f"factsheet {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                parser_class=Parser)
    for name, command in COMMANDS.items():
        command.add_arguments(parser.add_command(sub, name, help=command.HELP,
                                                 description=command.HELP[0].upper()
                                                 + command.HELP[1:] + "."))
    return parser


def command_reference() -> str:
    """docs/commands.md: every command and option, read from the parser itself."""
    return markdown(_parser())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    # factsheet uses no pydantic plugin, and pydantic's search for them reads every
    # installed package's entry points as the models load (9 ms of a 0.4 s HTML build).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = _parser().parse_args(argv)
    try:
        report: Report = COMMANDS[args.command].run(args)
        output = render(report, getattr(args, "format", "text"))
        sys.stdout.write(output.out)
        sys.stderr.write(output.err)
        sys.stdout.flush()
        return report.status
    except UsageError as exc:
        print(exc.render(), file=sys.stderr)
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


if __name__ == "__main__":
    sys.exit(main())
