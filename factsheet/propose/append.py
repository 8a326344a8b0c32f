"""`suggest --add`: append entries to a sheet's `figures:` or `quotes:` list, keeping every byte."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from factsheet.errors import UsageError, display_path
from factsheet.load.blocks import block_list_end
from factsheet.load.sheet import Loaded
from factsheet.rules import SUGGEST_APPEND_REFUSED


def target_file(loaded: Loaded, key: str) -> Path:
    """The fact file that holds the list, or `<key>.yaml` in the sheet's folder."""
    if (key,) in loaded.keys:
        shown = loaded.keys[(key,)][0]
        return next(p for p in loaded.files if display_path(p) == str(shown))
    return loaded.folder / f"{key}.yaml"


def with_entries(loaded: Loaded, key: str, entries: str, ids: list[str]) -> tuple[Path, bytes]:
    """The list's file and its new bytes with the entries after the list's last item."""
    target = target_file(loaded, key)
    raw = target.read_bytes() if target.exists() else b""
    text = raw.decode("utf-8-sig")
    new = _inserted(loaded, key, text, entries, target)
    try:
        data = yaml.safe_load(new)
        got = {e.get("id") for e in (data or {}).get(key) or [] if isinstance(e, dict)}
    except (yaml.YAMLError, AttributeError, TypeError):
        got = set()
    if not set(ids) <= got:
        raise _refused(target, f"the edited file would not read back with the new {key}")
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    return target, bom + new.encode("utf-8")


def _refused(target: Path, problem: str) -> UsageError:
    return SUGGEST_APPEND_REFUSED.error(UsageError, file=display_path(target),
                                                problem=problem)


def _inserted(loaded: Loaded, key: str, text: str, entries: str, target: Path) -> str:
    """The file's text with the entries after the list's last item (or in a new list)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    items = loaded.data.get(key) or []
    if (key,) not in loaded.keys:
        return "".join(lines) + f"{key}:\n" + entries
    key_line = loaded.keys[(key,)][1]
    if not items:
        row = lines[key_line - 1]
        m = re.match(rf"^{key}:\s*(\[\s*\])?\s*(#.*)?$", row.rstrip("\r\n"))
        if m is None:
            raise _refused(target, f"the `{key}:` line is not a plain block list")
        lines[key_line - 1] = f"{key}:" + (f"  {m.group(2)}" if m.group(2) else "") + "\n"
        lines.insert(key_line, entries)
        return "".join(lines)
    last = loaded.pos((key, len(items) - 1))
    row = lines[last.line - 1]
    dash = row[: last.column - 1].rstrip()
    if not dash.endswith("-") or "[" in row[: last.column - 1]:
        raise _refused(target, f"the `{key}:` list is not written as a block list (`- id: ...`)")
    indent = len(dash) - 1
    end = block_list_end(lines, last.line, indent)
    shifted = "".join((" " * indent + line[2:]) if line.strip() else line
                      for line in entries.splitlines(keepends=True))
    lines.insert(end, "\n" + shifted)
    return "".join(lines)
