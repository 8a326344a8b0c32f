"""The `completion` command: the shell code that completes factsheet's commands and options."""

from __future__ import annotations

import argparse

from factsheet.commands import options
from factsheet.report import Report

HELP = "print shell completion code for bash, zsh or fish (source it from your shell's rc)"
SHELLS = ("bash", "zsh", "fish")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("shell", choices=SHELLS, help="the shell: " + ", ".join(SHELLS))


def run(args: argparse.Namespace) -> Report:
    """argcomplete's code for the shell, hooked to the `factsheet` command."""
    from argcomplete.shell_integration import shellcode

    code = shellcode(["factsheet"], shell=args.shell)
    return Report(options.EXIT_OK, closing=code.rstrip("\n").split("\n"))
