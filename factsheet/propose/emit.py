"""Proposals as fact-file YAML, with a comment at every uncertain guess, or as JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from factsheet.propose.draft import Proposal


def _scalar(value: Any) -> str:
    """A YAML scalar: numbers and dates bare, text double-quoted (JSON's syntax is YAML's)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    text = str(value)
    if re.fullmatch(r"[a-z][a-z0-9_-]*", text) and text not in _YAML_WORDS:
        return text  # an id or a keyword reads the same bare
    return json.dumps(text, ensure_ascii=False)


_YAML_WORDS = frozenset("y n yes no on off true false null".split())


def _comments(proposal: Proposal) -> tuple[list[str], dict[str, list[str]]]:
    """The doubts split into remarks on the whole entry and remarks on one key."""
    general: list[str] = []
    by_key: dict[str, list[str]] = {}
    for doubt in proposal.doubts:
        key, sep, why = doubt.partition(": ")
        if sep and key in proposal.data:
            by_key.setdefault(key, []).append(why)
        else:
            general.append(doubt)
    return general, by_key


def entry(proposal: Proposal) -> str:
    """One list item, indented for its top-level list, ending in a newline."""
    general, by_key = _comments(proposal)
    lines = [f"  # uncertain: {remark}" for remark in general]
    first = True
    for key, value in proposal.data.items():
        lead = "  - " if first else "    "
        first = False
        if key == "cite":
            lines.append(f"{lead}cite:")
            for item in value:
                inner = "      - "
                for k, v in item.items():
                    lines.append(f"{inner}{k}: {_scalar(v)}")
                    inner = "        "
            continue
        note = by_key.get(key)
        tail = f"  # uncertain: {'; '.join(note)}" if note else ""
        lines.append(f"{lead}{key}: {_scalar(value)}{tail}")
    return "".join(line + "\n" for line in lines)


def as_yaml(proposals: list[Proposal]) -> str:
    """The proposals as the `figures:` and `quotes:` lists of a fact file."""
    out: list[str] = []
    for kind in ("figures", "quotes"):
        items = [p for p in proposals if p.kind == kind]
        if items:
            out.append(f"{kind}:\n" + "\n".join(entry(p) for p in items))
    return "\n".join(out) if out else "# nothing to propose: no counts or quotes found\n"


def as_json(proposals: list[Proposal]) -> str:
    """{"figures": [...], "quotes": [...]} in the fact-file schema, the YAML's keys."""
    def plain(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value
    data = {kind: [plain(p.data) for p in proposals if p.kind == kind]
            for kind in ("figures", "quotes")}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
