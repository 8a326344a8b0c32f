"""The `config` command: the effective settings and where each came from."""

from __future__ import annotations

import argparse
import json

from factsheet.commands import options
from factsheet.errors import display_path
from factsheet.report import Report

HELP = "print the effective settings ([tool.factsheet] in pyproject.toml) and their sources"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("--format", default="text", choices=("text", "json"),
                        help="text (TOML with each source as a comment) or json; default: text")


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string is a JSON string


def run(args: argparse.Namespace) -> Report:
    """Read the config (its problems are diagnostics) and print every setting."""
    from factsheet.config.load import load_config

    config = load_config()
    found = config.effective()
    source = display_path(config.path) if config.path else None
    if args.format == "json":
        # The JSON renderer prints data only; `format` is reset so it is not taken for ours.
        data = {"config": source, "settings": [
            {"key": s.key, "value": s.value, "source": s.source} for s in found]}
        return Report(options.EXIT_OK, data=data)
    head = f"# from {source} [tool.factsheet]" if source else \
        "# no pyproject.toml with [tool.factsheet] here or above: every setting is its default"
    texts = [f"# {s.key} is not set" if s.value is None else f"{s.key} = {_toml(s.value)}"
             for s in found]
    width = max(map(len, texts))
    lines = [head, "[tool.factsheet]"]
    lines += [f"{text:<{width}}  # {s.source}" for text, s in zip(texts, found, strict=True)]
    return Report(options.EXIT_OK, closing=lines)
