"""The `schema` command: the JSON Schema of one fact file, for editors and CI."""

from __future__ import annotations

import argparse
import json

from factsheet.commands import options
from factsheet.report import Report

HELP = "print the JSON Schema of a fact file (for editors' completion and checking)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command takes no options."""


def run(args: argparse.Namespace) -> Report:
    """Print the schema generated from model.py."""
    from factsheet.validate.schema import fact_file_schema

    return Report(options.EXIT_OK, closing=[json.dumps(fact_file_schema(), indent=2)])
