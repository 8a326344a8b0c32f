"""Stage 1, load: a sheet folder's YAML files into merged data that remembers its positions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from factsheet.errors import Diagnostic, Severity, display_path
from factsheet.load.files import FACT_SUFFIXES, TOP_KEYS, TOP_LISTS, sheet_files
from factsheet.load.files import find_sheets as find_sheets  # its home is load/files.py
from factsheet.load.yaml_syntax import (
    could_crash,
    nesting_first,
    parser_nesting_limit,
    reader_error,
    tab_indents,
    too_deep,
    yaml_error,
)
from factsheet.load.yaml_values import (
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    STD,
    Ambiguous,
    Converter,
    Loc,
    Pos,
    duplicate_key,
    node_at,
    node_kind,
    node_pos,
    node_where,
    parse_when,
    resolve_scalar,
    where,
)
from factsheet.rules import (
    FOLDER_NOT_SLUG,
    KEY_NOT_TEXT,
    NO_FACT_FILES,
    NO_SHEET,
    NOT_A_LIST_OF_ENTRIES,
    NOT_UTF8,
    SECOND_SHEET,
    TAB_INDENTATION,
    TOO_DEEP,
    TOP_LEVEL_NOT_MAPPING,
    UNKNOWN_TOP_LEVEL_KEY,
    UNREADABLE_FILE,
    Rule,
)
from factsheet.suggest import did_you_mean

__all__ = ["MAX_ALIAS_NODES", "MAX_DEPTH", "SLUG_RE", "TOP_KEYS", "TOP_LISTS", "Ambiguous",
           "Loaded", "Loc", "Pos", "find_sheets", "load_sheet", "parse_when", "resolve_scalar",
           "sheet_files", "slugify", "where"]

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# libyaml's parser and composer when PyYAML was built with it: same nodes and marks, ~10x faster.
_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# PyYAML's own YAML 1.1 implicit-tag table, keyed by first character.
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers


class _Lean:
    """A leaner resolver than PyYAML's: same table, no path resolvers."""

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> str:
        """Tag a node as PyYAML would, from its kind and, for plain scalars, its text."""
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return STD + "str"
        return STD + ("seq" if kind is SequenceNode else "map")


class _Loader(_Lean, _BASE):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader (libyaml's when built with it) with the leaner resolver."""


class _PyLoader(_Lean, yaml.SafeLoader):
    """The pure-Python safe loader with the leaner resolver: no nesting limit of its own."""


_LOADER: type[yaml.SafeLoader] = _Loader


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
    raw: dict[str, bytes] = field(default_factory=dict)  # each fact file's bytes, by name
    # Files whose content was left out (unreadable, not YAML, too deep): what the others
    # cite or define may be in them.
    dropped: list[Path] = field(default_factory=list)

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

    def report(self, which: Rule, loc: Loc, /, *, key: bool = False, at: str | None = None,
               severity: Severity | None = None, **values: Any) -> Diagnostic:
        """Build the rule's diagnostic at the position of `loc` (its key if asked)."""
        p = self.pos(loc, key=key)
        return which.at(p.path, p.line, p.column, at if at is not None else where(loc),
                        severity=severity, **values)


def load_sheet(folder: Path, files_read: Mapping[str, bytes | OSError] | None = None) -> Loaded:
    """Read and merge a sheet's fact files, from its folder or as bytes by file name."""
    got = _read_files(folder) if files_read is None else files_read
    data = {name: raw for name, raw in got.items() if not isinstance(raw, OSError)}
    unread = {folder / name: exc for name, exc in got.items() if isinstance(exc, OSError)}
    files = [folder / name for name in sorted(data) if name.endswith(FACT_SUFFIXES)]
    loaded = Loaded(folder=folder, slug=folder.name, files=files, data={}, raw=data)
    diags = loaded.diagnostics
    diags.extend(UNREADABLE_FILE.at(display_path(path), 1, 1, "document",
                                    reason=exc.strerror or str(exc))
                 for path, exc in unread.items())
    loaded.dropped.extend(unread)
    if not SLUG_RE.match(folder.name):
        diags.append(FOLDER_NOT_SLUG.at(display_path(folder), 1, 1, "sheet",
                                        name=folder.name, slug=slugify(folder.name)))
    if not files:
        diags.append(NO_FACT_FILES.at(display_path(folder), 1, 1, "sheet"))
        return loaded
    sheet_at: Pos | None = None
    for path in files:
        sheet_at = _merge_file(loaded, path, data[path.name], sheet_at)
    if sheet_at is None and not any(d.severity == "error" for d in diags):
        diags.append(NO_SHEET.at(display_path(files[0]), 1, 1, "sheet"))
    return loaded


def _merge_file(loaded: Loaded, path: Path, raw: bytes, sheet_at: Pos | None) -> Pos | None:
    """Merge one fact file into `loaded`; return where the `sheet` mapping now stands."""
    shown = display_path(path)
    diags = loaded.diagnostics
    root, file_diags, conv = _parse_file(raw, shown)
    diags.extend(file_diags)
    if root is None:
        loaded.dropped.append(path)
        return sheet_at
    if not isinstance(root, MappingNode):
        diags.append(node_at(shown, root, TOP_LEVEL_NOT_MAPPING, "document",
                             keys=", ".join(TOP_KEYS), found=node_kind(root)))
        loaded.dropped.append(path)
        return sheet_at
    # What the file adds is undone if it turns out too deep, as if refused up front.
    lengths = {k: len(v) for k, v in loaded.data.items() if isinstance(v, list)}
    had_sheet, before_at, n_diags = "sheet" in loaded.data, sheet_at, len(diags)
    seen: dict[str, Node] = {}
    for knode, vnode in root.value:
        sheet_at = _merge_key(loaded, shown, conv, seen, knode, vnode, sheet_at)
    if conv.too_deep:
        for key in TOP_LISTS:
            if key in loaded.data:
                del loaded.data[key][lengths.get(key, 0):]
        if not had_sheet:
            loaded.data.pop("sheet", None)
        del diags[n_diags:]
        diags.extend(d for d in conv.diagnostics if d.code == TOO_DEEP.code)
        loaded.dropped.append(path)
        return before_at
    loaded.values.update(conv.values)
    loaded.keys.update(conv.keys)
    diags.extend(conv.diagnostics)
    return sheet_at


def _merge_key(loaded: Loaded, shown: str, conv: Converter, seen: dict[str, Node], knode: Node,
               vnode: Node, sheet_at: Pos | None) -> Pos | None:
    """Merge one top-level key of a file; return where the `sheet` mapping now stands."""
    diags = loaded.diagnostics
    name = knode.value if isinstance(knode, ScalarNode) else None
    if name is None:
        diags.append(node_at(shown, knode, KEY_NOT_TEXT, "document"))
        return sheet_at
    if name in seen:
        diags.append(duplicate_key(shown, name, seen[name], knode, (name,)))
        return sheet_at
    seen[name] = knode
    if name == "sheet":
        kpos = node_pos(shown, knode)
        if sheet_at is not None:
            diags.append(SECOND_SHEET.at(kpos.path, kpos.line, kpos.column, "sheet",
                                         first=f"{sheet_at.path}:{sheet_at.line}"))
            return sheet_at
        loaded.keys[("sheet",)] = tuple(kpos)  # type: ignore[assignment]
        loaded.data["sheet"] = conv.value(vnode, ("sheet",))
        return kpos
    if name in TOP_LISTS:
        loaded.keys.setdefault((name,), node_where(shown, knode))
        items = loaded.data.setdefault(name, [])
        if isinstance(vnode, ScalarNode) and vnode.tag == STD + "null":
            return sheet_at
        if not isinstance(vnode, SequenceNode):
            diags.append(node_at(shown, vnode, NOT_A_LIST_OF_ENTRIES, name, name=name,
                                 found=node_kind(vnode)))
            return sheet_at
        for item in vnode.value:
            loc: Loc = (name, len(items))
            items.append(conv.value(item, loc))
        return sheet_at
    hint = did_you_mean(name, TOP_KEYS) or "remove it or move it under `sheet:`"
    diags.append(node_at(shown, knode, UNKNOWN_TOP_LEVEL_KEY, name, name=name,
                         keys=", ".join(TOP_KEYS), suggestion=hint))
    return sheet_at


def slugify(text: str) -> str:
    """Turn text into a slug: lowercase letters, digits and single hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "sheet"


def _read_files(folder: Path) -> dict[str, bytes | OSError]:
    """The folder's fact files by name; for an unreadable one, its error."""
    data: dict[str, bytes | OSError] = {}
    for path in sheet_files(folder):
        try:
            data[path.name] = path.read_bytes()
        except OSError as exc:
            data[path.name] = exc
    return data


def _compose(shown: str, text: str) -> tuple[Node | None, Diagnostic | None]:
    """Compose the text into nodes, or return the one error that refuses it."""
    try:
        # libyaml's composer recurses in C and would crash on deep nesting: check it first.
        deep = (too_deep(shown, text, _LOADER)
                if could_crash(text, c_loader=_BASE is not yaml.SafeLoader) else None)
        if deep is not None:
            return None, deep
        return yaml.compose(text, Loader=_LOADER), None
    except yaml.YAMLError as exc:
        # Our depth rule answers first. Behind a syntax error, the parser's own events up
        # to it tell (fast); behind a parser's nesting limit (libyaml's, met first by its
        # look-ahead), the pure-Python parser decides, and a limit lower than ours is no error.
        limit = parser_nesting_limit(exc)
        deep = nesting_first(shown, text, None if limit else _LOADER)
        if deep is not None:
            return None, deep
        if limit:
            return _compose_python(shown, text)
        if isinstance(exc, yaml.MarkedYAMLError):
            return None, yaml_error(shown, text, exc)
        return None, reader_error(shown, text, exc)
    except RecursionError:  # the pure-Python composer on deep nesting
        return None, (nesting_first(shown, text)
                      or TOO_DEEP.at(shown, 1, 1, "document", depth=MAX_DEPTH))


def _compose_python(shown: str, text: str) -> tuple[Node | None, Diagnostic | None]:
    """Compose with the pure-Python loader; the text nests at most MAX_DEPTH + 1 deep."""
    try:
        return yaml.compose(text, Loader=_PyLoader), None
    except yaml.MarkedYAMLError as exc:
        return None, yaml_error(shown, text, exc)
    except yaml.YAMLError as exc:
        return None, reader_error(shown, text, exc)


def _parse_file(raw: bytes, shown: str) -> tuple[Node | None, list[Diagnostic], Converter]:
    """Decode and compose one file, refusing anything unsafe or malformed."""
    conv = Converter(shown)
    diags: list[Diagnostic] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diags.append(NOT_UTF8.at(shown, line, col, "document", byte=raw[exc.start]))
        return None, diags, conv
    tabs = list(tab_indents(text))
    for line, col in tabs:
        diags.append(TAB_INDENTATION.at(shown, line, col, "document"))
    if tabs:
        return None, diags, conv
    root, error = _compose(shown, text)
    if error is not None:
        diags.append(error)
        return None, diags, conv
    # Aliases need an anchor (`&`) and explicit tags a `!`; without either the walk below
    # finds nothing, and depth is bounded during conversion.
    if root is not None and ("&" in text or "!" in text) and conv.check_graph(root):
        return None, diags + conv.diagnostics, Converter(shown)
    return root, diags, conv


