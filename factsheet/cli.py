# PYTHON_ARGCOMPLETE_OK  (argcomplete completes only scripts that carry this marker)
"""Stage 7, cli: a thin command line over the commands; domain errors become exit codes here.

Streams: every diagnostic (a finding about a fact file, a template or the project config)
and every result goes to stdout; usage errors and notes about the run go to stderr.
"""

from __future__ import annotations

import argparse
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
    completion,
    config,
    diff,
    new,
    publish,
    rules,
    schema,
    serve,
    site,
    suggest,
    summary,
    validate,
)
from factsheet.commands.options import EXIT_INVALID, EXIT_USAGE, add_verbosity
from factsheet.commands.reference import Parser, markdown
from factsheet.errors import FactsheetError, FetchError, UsageError
from factsheet.report import Report, quieted, render

# Each command is a module with HELP, add_arguments(parser) and run(args) -> Report.
COMMANDS: dict[str, ModuleType] = {
    "new": new, "validate": validate, "build": build, "check": check, "archive": archive,
    "archive-hash": archive_hash, "serve": serve, "publish": publish, "diff": diff,
    "suggest": suggest, "site": site, "summary": summary, "config": config,
    "completion": completion, "rules": rules, "schema": schema,
}
# Which option each project setting is the default of (argparse dest -> setting).
SETTINGS: dict[str, str] = {
    "paths": "facts", "facts": "facts", "path": "facts", "out": "out",
    "archive_dir": "archive_dir", "editions": "editions", "templates": "templates",
    "template": "template", "strict": "strict", "lang": "lang",
}
EPILOG = ("Settings come from [tool.factsheet] in the nearest pyproject.toml; flags override "
          "them (`factsheet config` shows them). Diagnostics and results go to stdout, usage "
          "errors to stderr. Exit status: 0 ok, 1 invalid input or failed step, 2 usage.")


def _parser() -> Parser:
    """The command line's parser (the docs' tests and the reference read its options)."""
    return _parsers()[0]


def _parsers() -> tuple[Parser, dict[str, Parser]]:
    parser = Parser(
        prog="factsheet", description="Validate cited fact files and build briefing sheets.",
        epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"factsheet {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                parser_class=Parser)
    for name, command in COMMANDS.items():
        # The help line doubles as the description, so `factsheet NAME --help` says what
        # the command is for, not only its options.
        added = parser.add_command(sub, name, help=command.HELP,
                                   description=command.HELP[:1].upper() + command.HELP[1:]
                                   + ".")
        command.add_arguments(added)
        add_verbosity(added)
    return parser, parser.commands


def command_reference() -> str:
    """docs/commands.md: every command and option, read from the parser itself."""
    return markdown(_parser())


def _complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request, when there is one (argcomplete's protocol)."""
    if "_ARGCOMPLETE" in os.environ:
        import argcomplete

        argcomplete.autocomplete(parser)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the arguments; the project config's settings are the options' defaults."""
    parser, subs = _parsers()
    _complete(parser)
    args = parser.parse_args(argv)
    if args.command in ("config", "rules", "schema", "completion"):
        return args  # `config` reads the file itself, and reports its problems
    from factsheet.config.find import find_config

    if find_config() is None:  # no config: nothing to read, and no pydantic to import yet
        if getattr(args, "verbose", False):
            print("factsheet: no [tool.factsheet] found; every setting is its default",
                  file=sys.stderr)
        return args
    from factsheet.config.load import load_config

    config = load_config()
    given = config.given()
    if getattr(args, "verbose", False):
        print(f"factsheet: settings from {config.path} [tool.factsheet]: " + ", ".join(
            f"{k}={v}" for k, v in given.items()) if config.path else
            "factsheet: no [tool.factsheet] found; every setting is its default",
            file=sys.stderr)
    defaults = {dest: given[name] for dest, name in SETTINGS.items()
                if name in given and hasattr(args, dest)}
    if not defaults:
        return args
    if "paths" in defaults:
        defaults["paths"] = [defaults["paths"]]
    subs[args.command].set_defaults(**defaults)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    # factsheet uses no pydantic plugin, and pydantic's search for them reads every
    # installed package's entry points as the models load (9 ms of a 0.4 s HTML build).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        args = parse(argv)
        report: Report = COMMANDS[args.command].run(args)
        if args.quiet:
            report = quieted(report)
        output = render(report, getattr(args, "format", "text"))
        sys.stdout.write(output.out)
        sys.stderr.write(output.err)
        sys.stdout.flush()
        return report.status
    except (UsageError, FetchError) as exc:
        print(exc.render(), file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, UsageError) else EXIT_INVALID
    except FactsheetError as exc:
        from factsheet.config.load import ConfigError

        for diag in exc.diagnostics():
            print(diag.render())
        return EXIT_USAGE if isinstance(exc, ConfigError) else EXIT_INVALID
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
