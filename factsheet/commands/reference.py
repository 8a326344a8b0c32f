"""The command reference (docs/commands.md), generated from the parser so it cannot drift."""

from __future__ import annotations

import argparse
from typing import Any

HEADER = ("# Command reference\n\n"
          "Generated from the command line's own parser by `make docs`; a test fails when\n"
          "this page and `factsheet COMMAND --help` disagree. Every command also takes `-h`.\n")


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that keeps its arguments and subcommands, for the reference."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Set before argparse's own __init__, which already adds -h through add_argument.
        self.arguments: list[argparse.Action] = []
        self.commands: dict[str, Parser] = {}
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """Add an argument as argparse does, and keep it (argparse has no public list)."""
        action = super().add_argument(*args, **kwargs)
        self.arguments.append(action)
        return action

    def add_command(self, subparsers: Any, name: str, **kwargs: Any) -> Parser:
        """Add a subcommand through `subparsers` and keep it under its name."""
        command: Parser = subparsers.add_parser(name, **kwargs)
        self.commands[name] = command
        return command


def _item(action: argparse.Action) -> str:
    """One option or argument as a Markdown list item."""
    if action.option_strings:
        name = ", ".join(f"`{o}`" for o in action.option_strings)
        if action.nargs != 0:
            name += f" `{action.metavar or action.dest.upper()}`"
    else:
        name = f"`{action.metavar or action.dest}`"
    text = (action.help or "").replace("%(default)s", str(action.default))
    if action.choices is not None and "choices" not in text:
        text += f" (choices: {', '.join(f'`{c}`' for c in action.choices)})"
    return f"- {name}: {text}" if text else f"- {name}"


def markdown(parser: Parser) -> str:
    """Every command: its usage line, its description and every argument."""
    parts = [HEADER]
    for name, command in parser.commands.items():
        usage = " ".join(command.format_usage().split()).removeprefix("usage: ")
        parts.append(f"\n## `factsheet {name}`\n\n")
        if command.description:
            parts.append(f"{command.description}\n\n")
        parts.append(f"```text\n{usage}\n```\n\n")
        parts.extend(_item(a) + "\n" for a in command.arguments
                     if "-h" not in a.option_strings)
    return "".join(parts)

