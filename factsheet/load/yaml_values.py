"""Load, values: composed YAML nodes into plain values, strictly, remembering positions."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from factsheet.errors import Diagnostic
from factsheet.rules import (
    ALIAS_BOMB,
    DUPLICATE_KEY,
    KEY_NOT_TEXT,
    MERGE_NOT_MAPPING,
    RECURSIVE_ALIAS,
    TAG_NOT_ALLOWED,
    TOO_DEEP,
    Rule,
)

Loc = tuple[str | int, ...]

# Expansion through aliases beyond this many nodes is treated as an alias bomb.
MAX_ALIAS_NODES = 100_000
MAX_DEPTH = 64

STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
} | {STD + "value"}
_DECIMAL_RE = re.compile(r"^[-+]?[0-9]+$")
_MAX_DIGITS = 4000  # below Python's int/str conversion limit (4,300 digits)
_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?"
    r"[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?)?$"
)


class Pos(NamedTuple):
    """Where a value or key stands in a file; `raw` is the scalar's source text."""

    path: str
    line: int
    column: int
    raw: str | None = None
    plain: bool = False


@dataclass(frozen=True)
class Ambiguous:
    """A plain scalar YAML 1.1 would silently coerce but we cannot take at face value."""

    raw: str
    kind: str  # "number", "date"

    def __str__(self) -> str:
        return self.raw




def where(loc: Loc) -> str:
    """Render a location as `figures[2].value`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "document"



def node_pos(shown: str, node: Node) -> Pos:
    return Pos._make(node_where(shown, node))


def node_where(shown: str, node: Node) -> tuple[str, int, int, str | None, bool]:
    mark = node.start_mark
    if type(node) is ScalarNode:
        # C loader: style "" when plain, Python loader: None.
        return shown, mark.line + 1, mark.column + 1, node.value, not node.style
    return shown, mark.line + 1, mark.column + 1, None, False


def node_at(shown: str, node: Node, which: Rule, where_: str, **values: Any) -> Diagnostic:
    p = node_pos(shown, node)
    return which.at(p.path, p.line, p.column, where_, **values)


def duplicate_key(shown: str, name: str, first: Node, again: Node, loc: Loc) -> Diagnostic:
    return node_at(shown, again, DUPLICATE_KEY, where(loc), name=name,
               first=first.start_mark.line + 1, again=again.start_mark.line + 1)


def node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the scalar `{node.value}`" if node.value else "nothing"



class Converter:
    """Turns composed nodes into plain values, recording positions and bounding aliases."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.values: dict[Loc, tuple[str, int, int, str | None, bool]] = {}
        self.keys: dict[Loc, tuple[str, int, int, str | None, bool]] = {}
        self.diagnostics: list[Diagnostic] = []
        self.too_deep = False

    def check_graph(self, root: Node) -> bool:
        """Refuse foreign tags, cycles and alias bombs before any conversion; True if refused."""
        distinct: set[int] = set()
        visits = 0
        # (node, depth, entering) iterative walk, with an on-path set to catch cycles.
        stack: list[tuple[Node, int, bool]] = [(root, 0, True)]
        on_path: set[int] = set()
        bad_tag = False
        while stack:
            node, depth, entering = stack.pop()
            if not entering:
                on_path.discard(id(node))
                continue
            if id(node) in on_path:
                self.diagnostics.append(node_at(self.shown, node, RECURSIVE_ALIAS, "document"))
                return True
            visits += 1
            if id(node) not in distinct:
                distinct.add(id(node))
                if node.tag not in _ALLOWED_TAGS:
                    bad_tag = True
                    self.diagnostics.append(node_at(self.shown, node, TAG_NOT_ALLOWED, "document",
                                                tag=node.tag.replace(STD, "!!")))
            if visits - len(distinct) > MAX_ALIAS_NODES:
                self.diagnostics.append(node_at(self.shown, node, ALIAS_BOMB, "document",
                                            limit=MAX_ALIAS_NODES))
                return True
            if depth > MAX_DEPTH:
                self.diagnostics.append(node_at(self.shown, node, TOO_DEEP, "document",
                                            depth=MAX_DEPTH))
                return True
            if isinstance(node, MappingNode | SequenceNode):
                on_path.add(id(node))
                stack.append((node, depth, False))
                children: list[Node] = []
                if isinstance(node, MappingNode):
                    for k, v in node.value:
                        children += [k, v]
                else:
                    children = list(node.value)
                stack.extend((c, depth + 1, True) for c in reversed(children))
        return bad_tag

    def value(self, node: Node, loc: Loc) -> Any:
        """Convert `node` found at `loc`, recording its position."""
        self.values[loc] = node_where(self.shown, node)
        if len(loc) > MAX_DEPTH:
            if not self.too_deep:
                self.too_deep = True
                self.diagnostics.append(node_at(self.shown, node, TOO_DEEP, "document",
                                            depth=MAX_DEPTH))
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, SequenceNode):
            return [self.value(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return resolve_scalar(node)

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, Node] = {}
        merged: list[Node] = []
        for knode, vnode in node.value:
            if knode.tag == STD + "merge":
                merged.extend(vnode.value if isinstance(vnode, SequenceNode) else [vnode])
                continue
            if not isinstance(knode, ScalarNode):
                self.diagnostics.append(node_at(self.shown, knode, KEY_NOT_TEXT, where(loc)))
                continue
            name = str(knode.value)
            if name in first:
                self.diagnostics.append(duplicate_key(self.shown, name, first[name], knode,
                                                   (*loc, name)))
                continue
            first[name] = knode
            self.keys[(*loc, name)] = node_where(self.shown, knode)
            out[name] = self.value(vnode, (*loc, name))
        while merged:
            source = merged.pop(0)
            if not isinstance(source, MappingNode):
                self.diagnostics.append(node_at(self.shown, source, MERGE_NOT_MAPPING,
                                                where(loc)))
                continue
            nested: list[Node] = []
            for knode, vnode in source.value:
                if knode.tag == STD + "merge":  # a merged mapping's own merges come next
                    nested.extend(vnode.value if isinstance(vnode, SequenceNode) else [vnode])
                    continue
                name = str(knode.value)
                if name not in out:
                    self.keys[(*loc, name)] = node_where(self.shown, knode)
                    out[name] = self.value(vnode, (*loc, name))
            merged[:0] = nested
        return out


def resolve_scalar(node: ScalarNode) -> Any:
    """Resolve a scalar strictly: quoted is text; plain is typed only where unambiguous."""
    text: str = node.value
    if node.style:  # quoted or block scalar ("" or None when plain)
        return text
    tag = node.tag
    if tag == STD + "null":
        return None
    if tag == STD + "bool":
        return text.lower() in ("true", "yes", "on")
    if tag == STD + "int":
        if len(text) > _MAX_DIGITS:  # Python refuses to convert it; no count is that long
            return text
        return int(text) if _DECIMAL_RE.match(text) else Ambiguous(text, "number")
    if tag == STD + "float":
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return Ambiguous(text, "number")
    if tag == STD + "timestamp":
        parsed = parse_when(text)
        return parsed if parsed is not None else Ambiguous(text, "date")
    return text


def parse_when(text: str) -> dt.date | dt.datetime | None:
    """Parse an ISO date or datetime (offset optional here; checked later), or None."""
    text = text.strip()
    m = _DATE_RE.match(text)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _DATETIME_RE.match(text)
        if not m:
            return None
        frac = (m[7] or "0")[:6].ljust(6, "0")
        tz: dt.tzinfo | None = None
        if m[8]:
            tz = dt.UTC if m[8] == "Z" else _offset(m[8])
        return dt.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6]),
                           int(frac), tzinfo=tz)
    except ValueError:
        return None


def _offset(text: str) -> dt.timezone:
    sign = -1 if text[0] == "-" else 1
    body = text[1:].replace(":", "")
    if len(body) > 2:
        hours, minutes = int(body[:-2]), int(body[-2:])
    else:
        hours, minutes = int(body), 0
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))

