"""Where a key of [tool.factsheet] stands in the file: tomllib gives values, not places."""

from __future__ import annotations

import re

HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
KEY = re.compile(r"""^(\s*)(["']?)([A-Za-z0-9_-]+)\2\s*=\s*""")


def _table_name(header: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in header.split("."))


def _lines(text: str) -> list[str]:
    return text.splitlines()


def place_of_table(text: str) -> tuple[int, int]:
    """The [tool.factsheet] header's line and column (1:1 when it is written another way)."""
    for number, line in enumerate(_lines(text), 1):
        found = HEADER.match(line)
        if found and _table_name(found[1]) == "tool.factsheet":
            return number, line.index("[") + 1
    for number, line in enumerate(_lines(text), 1):  # `factsheet = ...` under [tool]
        key = KEY.match(line)
        if key and key[3] == "factsheet":
            return number, len(key[1]) + 1
    return 1, 1


def _key_line(text: str, key: str) -> tuple[int, re.Match[str]] | None:
    inside = False
    for number, line in enumerate(_lines(text), 1):
        header = HEADER.match(line)
        if header:
            inside = _table_name(header[1]) == "tool.factsheet"
            continue
        found = KEY.match(line)
        if inside and found and found[3] == key:
            return number, found
    return None


def place_of_key(text: str, key: str) -> tuple[int, int]:
    """The key's line and column; the table's header when the key is written another way."""
    found = _key_line(text, key)
    if found is None:
        return place_of_table(text)
    number, match = found
    return number, len(match[1]) + 1


def place_of_value(text: str, key: str) -> tuple[int, int]:
    """The column where the key's value starts, on the key's line."""
    found = _key_line(text, key)
    if found is None:
        return place_of_table(text)
    number, match = found
    return number, match.end() + 1
