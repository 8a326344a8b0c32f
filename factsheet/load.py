"""Stage 1, load: a sheet folder's YAML files into merged data that remembers its positions."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from factsheet.errors import Diagnostic, Severity, display_path
from factsheet.project import FACT_SUFFIXES, sheet_files
from factsheet.project import find_sheets as find_sheets  # its home is project.py
from factsheet.rules import rule
from factsheet.suggest import did_you_mean

Loc = tuple[str | int, ...]

TOP_LISTS = ("sources", "figures", "quotes", "events")
TOP_KEYS = ("sheet", *TOP_LISTS)
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Expansion through aliases beyond this many nodes is treated as an alias bomb.
MAX_ALIAS_NODES = 100_000
MAX_DEPTH = 64

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
} | {_STD + "value"}
# libyaml's parser and composer when PyYAML was built with it: same nodes and marks, ~10x faster.
_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# PyYAML's own YAML 1.1 implicit-tag table, keyed by first character.
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers


class _Loader(_BASE):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader with a leaner resolver: same table, no path resolvers."""

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        """Tag a node as PyYAML would, from its kind and, for plain scalars, its text."""
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STD + "str"
        return _STD + ("seq" if kind is SequenceNode else "map")


_LOADER: type[yaml.SafeLoader] = _Loader
_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_ALIAS_END = re.compile(r"[\s,\[\]{}]")
_UNCLOSED = {"a quoted scalar": "a quoted text", "a double-quoted scalar": "a quoted text",
             "a single-quoted scalar": "a quoted text", "a flow sequence": "a `[` list",
             "a flow mapping": "a `{` mapping"}
_DECIMAL_RE = re.compile(r"^[-+]?[0-9]+$")
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


@dataclass
class Loaded:
    """The merged data of one sheet folder, with positions for every value and key."""

    folder: Path
    slug: str
    files: list[Path]
    data: dict[str, Any]
    # Plain (path, line, column, raw, plain) tuples: building a Pos per node costs too much.
    values: dict[Loc, tuple[str, int, int, str | None, bool]] = field(default_factory=dict)
    keys: dict[Loc, tuple[str, int, int, str | None, bool]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def pos(self, loc: Loc, *, key: bool = False) -> Pos:
        """Return the position of `loc` (its key if asked), else its nearest known parent."""
        table = self.keys if key else self.values
        if loc in table:
            return Pos._make(table[loc])
        for n in range(len(loc) - 1, -1, -1):
            if loc[:n] in self.values:
                return Pos._make(self.values[loc[:n]])
        first = self.files[0] if self.files else self.folder
        return Pos(display_path(first), 1, 1)

    def error(self, loc: Loc, where: str, message: str, hint: str = "", *,
              key: bool = False, severity: str = "error") -> Diagnostic:
        """Build a diagnostic at the position of `loc`."""
        p = self.pos(loc, key=key)
        sev: Severity = "warning" if severity == "warning" else "error"
        return Diagnostic(p.path, p.line, p.column, sev, where, message, hint)

    def report(self, rule_name: str, loc: Loc, /, *, key: bool = False, at: str | None = None,
               severity: Severity | None = None, **values: Any) -> Diagnostic:
        """Build rule `name`'s diagnostic at the position of `loc` (its key if asked)."""
        p = self.pos(loc, key=key)
        return rule(rule_name).at(p.path, p.line, p.column, at if at is not None else where(loc),
                             severity=severity, **values)


def where(loc: Loc) -> str:
    """Render a location as `figures[2].value`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out or "document"


def load_sheet(folder: Path, files_read: Mapping[str, bytes] | None = None) -> Loaded:
    """Read and merge a sheet's fact files, from its folder or as bytes by file name."""
    unread: list[Diagnostic] = []
    data = dict(files_read) if files_read is not None else _read_files(folder, unread)
    files = [folder / name for name in sorted(data) if name.endswith(FACT_SUFFIXES)]
    loaded = Loaded(folder=folder, slug=folder.name, files=files, data={})
    diags = loaded.diagnostics
    diags.extend(unread)
    if not SLUG_RE.match(folder.name):
        diags.append(Diagnostic(
            display_path(folder), 1, 1, "error", "sheet",
            f"the folder name `{folder.name}` is not a slug (lowercase letters, digits, hyphens)",
            f"rename the folder, e.g. to `{slugify(folder.name)}`",
        ))
    if not files:
        diags.append(Diagnostic(
            display_path(folder), 1, 1, "error", "sheet",
            "the folder holds no *.yaml or *.yml fact files",
            "add a file such as sheet.yaml with a `sheet:` mapping",
        ))
        return loaded
    sheet_at: Pos | None = None
    for path in files:
        shown = display_path(path)
        root, file_diags, conv = _parse_file(data[path.name], shown)
        diags.extend(file_diags)
        if root is None:
            continue
        if not isinstance(root, MappingNode):
            diags.append(_at(shown, root, "error", "document",
                             f"the top level must be a mapping of {', '.join(TOP_KEYS)}; "
                             f"found {_node_kind(root)}",
                             "start the file with `sheet:` or one of the list keys"))
            continue
        # What the file adds is undone if it turns out too deep, as if refused up front.
        before = ({k: len(v) for k, v in loaded.data.items() if isinstance(v, list)},
                  "sheet" in loaded.data, sheet_at, len(diags))
        seen: dict[str, Node] = {}
        for knode, vnode in root.value:
            name = knode.value if isinstance(knode, ScalarNode) else None
            if name is None:
                diags.append(_at(shown, knode, "error", "document", "a key must be plain text",
                                 "use one of " + ", ".join(TOP_KEYS)))
                continue
            if name in seen:
                diags.append(_duplicate(shown, name, seen[name], knode, (name,)))
                continue
            seen[name] = knode
            if name == "sheet":
                kpos = _pos(shown, knode)
                if sheet_at is not None:
                    diags.append(Diagnostic(
                        kpos.path, kpos.line, kpos.column, "error", "sheet",
                        f"a second `sheet` mapping (the first is at "
                        f"{sheet_at.path}:{sheet_at.line})",
                        "keep exactly one `sheet:` mapping in the folder and merge the two",
                    ))
                    continue
                sheet_at = kpos
                loaded.keys[("sheet",)] = tuple(kpos)  # type: ignore[assignment]
                loaded.data["sheet"] = conv.value(vnode, ("sheet",))
            elif name in TOP_LISTS:
                loaded.keys.setdefault((name,), _where(shown, knode))
                items = loaded.data.setdefault(name, [])
                if isinstance(vnode, ScalarNode) and vnode.tag == _STD + "null":
                    continue
                if not isinstance(vnode, SequenceNode):
                    diags.append(_at(shown, vnode, "error", name,
                                     f"expected a list of {name}, found {_node_kind(vnode)}",
                                     "write each entry on its own line starting with `- `"))
                    continue
                for item in vnode.value:
                    loc: Loc = (name, len(items))
                    items.append(conv.value(item, loc))
            else:
                hint = did_you_mean(name, TOP_KEYS)
                diags.append(_at(shown, knode, "error", name,
                                 f"unknown top-level key `{name}`; expected one of "
                                 + ", ".join(TOP_KEYS),
                                 hint or "remove it or move it under `sheet:`"))
        if conv.too_deep:
            lengths, had_sheet, sheet_at, n_diags = before
            for key in TOP_LISTS:
                if key in loaded.data:
                    del loaded.data[key][lengths.get(key, 0):]
            if not had_sheet:
                loaded.data.pop("sheet", None)
            del diags[n_diags:]
            diags.extend(d for d in conv.diagnostics if "nesting deeper" in d.message)
            continue
        loaded.values.update(conv.values)
        loaded.keys.update(conv.keys)
        diags.extend(conv.diagnostics)
    if sheet_at is None and not any(d.severity == "error" for d in diags):
        first = display_path(files[0])
        diags.append(Diagnostic(
            first, 1, 1, "error", "sheet",
            "no `sheet` mapping in any fact file of the folder",
            "add `sheet:` with at least `title` and `as_of` to one file",
        ))
    return loaded


def _read_files(folder: Path, diags: list[Diagnostic]) -> dict[str, bytes]:
    """The folder's fact files by name; an unreadable one is a diagnostic."""
    data: dict[str, bytes] = {}
    for path in sheet_files(folder):
        try:
            data[path.name] = path.read_bytes()
        except OSError as exc:
            diags.append(Diagnostic(display_path(path), 1, 1, "error", "document",
                                    f"cannot read the file: {exc.strerror}",
                                    "check the file's permissions"))
    return data


def slugify(text: str) -> str:
    """Turn text into a slug: lowercase letters, digits and single hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "sheet"


def _parse_file(raw: bytes, shown: str) -> tuple[Node | None, list[Diagnostic], _Converter]:
    """Decode and compose one file, refusing anything unsafe or malformed."""
    conv = _Converter(shown)
    diags: list[Diagnostic] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.append(Diagnostic(shown, line, col, "error", "document",
                                f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                                "save the file as UTF-8"))
        return None, diags, conv
    tabs = list(_tab_indents(text))
    for line, col in tabs:
        diags.append(Diagnostic(shown, line, col, "error", "document",
                                "a tab is used for indentation",
                                "indent with spaces; YAML does not allow tabs there"))
    if tabs:
        return None, diags, conv
    try:
        # libyaml's composer recurses in C and would crash on deep nesting: check it first.
        deep = _too_deep(shown, text) if _could_crash(text) else None
        if deep is not None:
            diags.append(deep)
            return None, diags, conv
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        diags.append(_yaml_error(shown, text, exc))
        return None, diags, conv
    except yaml.YAMLError as exc:
        diags.append(_reader_error(shown, text, exc))
        return None, diags, conv
    except RecursionError:  # the pure-Python composer on deep nesting
        with contextlib.suppress(yaml.YAMLError):
            deep = _too_deep(shown, text)
        diags.append(deep or Diagnostic(shown, 1, 1, "error", "document",
                                        f"nesting deeper than {MAX_DEPTH} levels",
                                        "flatten the structure"))
        return None, diags, conv
    # Aliases need an anchor (`&`) and explicit tags a `!`; without either the walk below
    # finds nothing, and depth is bounded during conversion.
    if root is not None and ("&" in text or "!" in text) and conv.check_graph(root):
        return None, diags + conv.diagnostics, _Converter(shown)
    return root, diags, conv


def _tab_indents(text: str) -> Iterator[tuple[int, int]]:
    for n, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            yield n, indent.index("\t") + 1


# libyaml's composer recurses in C and crashes somewhere past 100,000 levels. Nesting that
# deep needs that many brackets, or a line indented (with spaces and dashes) that far.
_CRASH_GUARD = 20_000
_LONG_INDENT_RE = re.compile(rf"^[ \-?:]{{{_CRASH_GUARD}}}", re.M)


def _could_crash(text: str) -> bool:
    """True when the text could nest deep enough to crash libyaml (then pre-scan it)."""
    if _BASE is yaml.SafeLoader:
        return False
    return (text.count("[") + text.count("{") > _CRASH_GUARD
            or _LONG_INDENT_RE.search(text) is not None)


def _too_deep(shown: str, text: str) -> Diagnostic | None:
    """Return an error at the first collection nested deeper than MAX_DEPTH, else None.

    Parse errors propagate as YAMLError, exactly as composing would raise them.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:  # the root counts as level 0 in check_graph
                mark = event.start_mark
                line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                return Diagnostic(shown, line, col, "error", "document",
                                  f"nesting deeper than {MAX_DEPTH} levels",
                                  "flatten the structure")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _at_end(text: str, line: int, column: int) -> bool:
    """True when nothing but whitespace follows 0-based (line, column) in `text`."""
    lines = text.splitlines()
    rest = lines[line][column:] if line < len(lines) else ""
    return not rest.strip() and not any(x.strip() for x in lines[line + 1:])


def _yaml_error(shown: str, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    # libyaml's messages leave out the offending character or alias name; take it from the text.
    lines = text.splitlines()
    found = lines[line - 1][col - 1:] if mark and line <= len(lines) else ""
    if problem == "found character that cannot start any token" and found:
        problem = f"found character {found[0]!r} that cannot start any token"
    elif problem == "found undefined alias" and found.startswith("*"):
        problem = f"found undefined alias {_ALIAS_END.split(found[1:])[0]!r}"
    context = (exc.context or "").removeprefix("while scanning ").removeprefix("while parsing ")
    thing = _UNCLOSED.get(context)
    if thing and exc.context_mark and mark is exc.problem_mark and _at_end(text, line - 1, col - 1):
        # The file ran out inside a quote or bracket: point at where it opens.
        end = line
        line, col = exc.context_mark.line + 1, exc.context_mark.column + 1
        return Diagnostic(shown, line, col, "error", "document",
                          f"YAML syntax: {thing} starts here but is never closed "
                          f"(the file ends at line {end})",
                          "close it with the matching quote or bracket")
    if exc.context and problem.startswith("but "):
        problem = f"{exc.context}, {problem}"
    elif exc.context and exc.context_mark and exc.context_mark is not mark:
        problem = f"{problem} ({exc.context} at line {exc.context_mark.line + 1})"
    elif exc.context:
        problem = f"{exc.context}: {problem}"
    hint = "check the indentation and quoting on this line and the one before"
    if "expected a single document" in problem:
        hint = "keep one document per file: remove the extra `---` line or split the file"
    elif "found character" in problem and "cannot start any token" in problem:
        hint = "put the value in double quotes"
    elif "undefined alias" in problem:
        hint = "define the anchor (`&name`) on an earlier value, or correct the alias name"
    return Diagnostic(shown, line, col, "error", "document", f"YAML syntax: {problem}", hint)


def _reader_error(shown: str, text: str, exc: yaml.YAMLError) -> Diagnostic:
    index = getattr(exc, "position", 0) or 0
    bad = _NON_PRINTABLE.search(text)
    if bad:  # libyaml reports a byte offset; find the character itself
        index = bad.start()
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    char = getattr(exc, "character", "")
    if isinstance(char, int):  # PyYAML's ReaderError carries the code point
        char = chr(char)
    code = f"U+{ord(char):04X}" if isinstance(char, str) and char else "a control character"
    return Diagnostic(shown, line, col, "error", "document",
                      f"the file contains a character YAML does not allow ({code})",
                      "delete it; it is usually invisible in editors")


def _pos(shown: str, node: Node) -> Pos:
    return Pos._make(_where(shown, node))


def _where(shown: str, node: Node) -> tuple[str, int, int, str | None, bool]:
    mark = node.start_mark
    if type(node) is ScalarNode:
        # C loader: style "" when plain, Python loader: None.
        return shown, mark.line + 1, mark.column + 1, node.value, not node.style
    return shown, mark.line + 1, mark.column + 1, None, False


def _at(shown: str, node: Node, severity: str, where_: str, message: str, hint: str) -> Diagnostic:
    p = _pos(shown, node)
    sev: Severity = "warning" if severity == "warning" else "error"
    return Diagnostic(p.path, p.line, p.column, sev, where_, message, hint)


def _duplicate(shown: str, name: str, first: Node, again: Node, loc: Loc) -> Diagnostic:
    return _at(shown, again, "error", where(loc),
               f"duplicate key `{name}` (first at line {first.start_mark.line + 1}, "
               f"again at line {again.start_mark.line + 1})",
               "remove one of the two; YAML would silently keep only the last")


def _node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the scalar `{node.value}`" if node.value else "nothing"


class _Converter:
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
                self.diagnostics.append(_at(self.shown, node, "error", "document",
                                            "an alias refers to a node that contains it",
                                            "remove the recursive alias"))
                return True
            visits += 1
            if id(node) not in distinct:
                distinct.add(id(node))
                if node.tag not in _ALLOWED_TAGS:
                    bad_tag = True
                    self.diagnostics.append(_at(
                        self.shown, node, "error", "document",
                        f"the tag `{node.tag.replace(_STD, '!!')}` is not allowed",
                        "remove the tag; fact files hold only plain text, numbers, lists "
                        "and mappings"))
            if visits - len(distinct) > MAX_ALIAS_NODES:
                self.diagnostics.append(_at(
                    self.shown, node, "error", "document",
                    f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes",
                    "use anchors and aliases only for small repeated parts such as cite lists"))
                return True
            if depth > MAX_DEPTH:
                self.diagnostics.append(_at(self.shown, node, "error", "document",
                                            f"nesting deeper than {MAX_DEPTH} levels",
                                            "flatten the structure"))
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
        self.values[loc] = _where(self.shown, node)
        if len(loc) > MAX_DEPTH:
            if not self.too_deep:
                self.too_deep = True
                self.diagnostics.append(_at(self.shown, node, "error", "document",
                                            f"nesting deeper than {MAX_DEPTH} levels",
                                            "flatten the structure"))
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
            if knode.tag == _STD + "merge":
                merged.extend(vnode.value if isinstance(vnode, SequenceNode) else [vnode])
                continue
            if not isinstance(knode, ScalarNode):
                self.diagnostics.append(_at(self.shown, knode, "error", where(loc),
                                            "a key must be plain text",
                                            "write the key as a word followed by `:`"))
                continue
            name = str(knode.value)
            if name in first:
                self.diagnostics.append(_duplicate(self.shown, name, first[name], knode,
                                                   (*loc, name)))
                continue
            first[name] = knode
            self.keys[(*loc, name)] = _where(self.shown, knode)
            out[name] = self.value(vnode, (*loc, name))
        while merged:
            source = merged.pop(0)
            if not isinstance(source, MappingNode):
                self.diagnostics.append(_at(self.shown, source, "error", where(loc),
                                            "`<<` must merge a mapping",
                                            "point `<<:` at an anchored mapping"))
                continue
            nested: list[Node] = []
            for knode, vnode in source.value:
                if knode.tag == _STD + "merge":  # a merged mapping's own merges come next
                    nested.extend(vnode.value if isinstance(vnode, SequenceNode) else [vnode])
                    continue
                name = str(knode.value)
                if name not in out:
                    self.keys[(*loc, name)] = _where(self.shown, knode)
                    out[name] = self.value(vnode, (*loc, name))
            merged[:0] = nested
        return out


def resolve_scalar(node: ScalarNode) -> Any:
    """Resolve a scalar strictly: quoted is text; plain is typed only where unambiguous."""
    text: str = node.value
    if node.style:  # quoted or block scalar ("" or None when plain)
        return text
    tag = node.tag
    if tag == _STD + "null":
        return None
    if tag == _STD + "bool":
        return text.lower() in ("true", "yes", "on")
    if tag == _STD + "int":
        return int(text) if _DECIMAL_RE.match(text) else Ambiguous(text, "number")
    if tag == _STD + "float":
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return Ambiguous(text, "number")
    if tag == _STD + "timestamp":
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
