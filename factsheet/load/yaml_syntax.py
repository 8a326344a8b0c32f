"""Load, YAML syntax: the reader's and parser's errors in our words, and the depth pre-scan."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import yaml

from factsheet.errors import Diagnostic
from factsheet.load.yaml_values import MAX_DEPTH
from factsheet.rules import (
    CONTROL_CHARACTER,
    NEVER_CLOSED,
    RESERVED_CHARACTER,
    TOO_DEEP,
    TWO_DOCUMENTS,
    UNDEFINED_ALIAS,
    YAML_SYNTAX,
)

_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_ALIAS_END = re.compile(r"[\s,\[\]{}]")
_UNCLOSED = {"a quoted scalar": "a quoted text", "a double-quoted scalar": "a quoted text",
             "a single-quoted scalar": "a quoted text", "a flow sequence": "a `[` list",
             "a flow mapping": "a `{` mapping"}


def tab_indents(text: str) -> Iterator[tuple[int, int]]:
    for n, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            yield n, indent.index("\t") + 1


# libyaml's composer recurses in C and crashes somewhere past 100,000 levels. Nesting that
# deep needs that many brackets, or a line indented (with spaces and dashes) that far.
_CRASH_GUARD = 20_000
_LONG_INDENT_RE = re.compile(rf"^[ \-?:]{{{_CRASH_GUARD}}}", re.M)


def could_crash(text: str, *, c_loader: bool) -> bool:
    """True when the text could nest deep enough to crash libyaml (then pre-scan it)."""
    if not c_loader:
        return False
    return (text.count("[") + text.count("{") > _CRASH_GUARD
            or _LONG_INDENT_RE.search(text) is not None)


def too_deep(shown: str, text: str, loader: type[yaml.SafeLoader]) -> Diagnostic | None:
    """Return an error at the first collection nested deeper than MAX_DEPTH, else None.

    Parse errors propagate as YAMLError, exactly as composing would raise them.
    """
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:  # the root counts as level 0 in check_graph
                mark = event.start_mark
                line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                return TOO_DEEP.at(shown, line, col, "document", depth=MAX_DEPTH)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def nesting_first(shown: str, text: str,
                  loader: type[yaml.SafeLoader] | None = None) -> Diagnostic | None:
    """Our depth error if the text nests too deep before any syntax error, else None.

    By default with the pure-Python parser: it has no nesting limit of its own and does not
    recurse, so our rule answers before any parser's limit. It stops at the too-deep opener;
    libyaml instead scans up to 1,024 characters ahead and can hit its own limit first.
    """
    with contextlib.suppress(yaml.YAMLError):
        return too_deep(shown, text, loader or yaml.SafeLoader)
    return None


def parser_nesting_limit(exc: yaml.YAMLError) -> bool:
    """True when the error is a parser's own nesting limit (libyaml's), not a syntax error."""
    return "maximum nesting depth" in str(getattr(exc, "problem", "") or exc)


def _at_end(text: str, line: int, column: int) -> bool:
    """True when nothing but whitespace follows 0-based (line, column) in `text`."""
    lines = text.splitlines()
    rest = lines[line][column:] if line < len(lines) else ""
    return not rest.strip() and not any(x.strip() for x in lines[line + 1:])


def yaml_error(shown: str, text: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
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
        return NEVER_CLOSED.at(shown, line, col, "document", thing=thing, end=end)
    if exc.context and problem.startswith("but "):
        problem = f"{exc.context}, {problem}"
    elif exc.context and exc.context_mark and exc.context_mark is not mark:
        problem = f"{problem} ({exc.context} at line {exc.context_mark.line + 1})"
    elif exc.context:
        problem = f"{exc.context}: {problem}"
    # libyaml's own wording (not ours) tells these syntax errors apart.
    which = YAML_SYNTAX
    if "expected a single document" in problem:
        which = TWO_DOCUMENTS
    elif "found character" in problem and "cannot start any token" in problem:
        which = RESERVED_CHARACTER
    elif "undefined alias" in problem:
        which = UNDEFINED_ALIAS
    return which.at(shown, line, col, "document", problem=problem)


def reader_error(shown: str, text: str, exc: yaml.YAMLError) -> Diagnostic:
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
    return CONTROL_CHARACTER.at(shown, line, col, "document", char=code)
