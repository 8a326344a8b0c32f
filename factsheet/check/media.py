"""Media queries: whether an archived page's `@media` rules hold on a desktop screen."""

from __future__ import annotations

import re

import tinycss2
from tinycss2.ast import Node

# The desktop screen media queries are judged for.
VIEWPORT = (1280.0, 800.0)


def media_matches(prelude: list[Node]) -> bool:
    """Whether a media query list surely holds on a desktop screen (VIEWPORT)."""
    return media_holds(prelude) is True


def media_holds(prelude: list[Node]) -> bool | None:
    """Whether a media query list holds on a desktop screen; None when this reader cannot
    tell (a feature it does not know)."""
    queries: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            queries.append([])
        elif token.type not in ("whitespace", "comment"):
            queries[-1].append(token)
    found = [_query(q) for q in queries if q]
    return True if True in found else None if None in found else False


def _query(tokens: list[Node]) -> bool | None:
    negate = False
    result: bool | None = True
    for token in tokens:
        if token.type == "ident":
            word = token.lower_value
            if word == "not":
                negate = True
            elif word in ("only", "and"):
                continue
            else:
                result = _and(result, word in ("screen", "all"))
        elif token.type == "() block":
            result = _and(result, _feature(token.content))
        else:
            return None
    return None if result is None else result != negate


def _and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


_RANGE_RE = re.compile(r"^\s*(?:(?P<low>[^<>=\s]+)\s*(?P<op1><=?|>=?|=)\s*)?"
                       r"(?P<name>width|height)"
                       r"(?:\s*(?P<op2><=?|>=?|=)\s*(?P<high>[^<>=\s]+))?\s*$")


def _feature(content: list[Node]) -> bool | None:
    parts = [t for t in content if t.type not in ("whitespace", "comment")]
    if any(t.type == "() block" for t in parts) or (parts and parts[0].type == "ident"
                                                     and parts[0].lower_value == "not"):
        return None  # nested conditions: not judged
    if len(parts) != 3 or parts[0].type != "ident" or parts[1] != ":":
        return _range(tinycss2.serialize(content).lower())
    name, value = parts[0].lower_value, parts[2]
    size = _px(value)
    width, height = VIEWPORT
    limits = {"min-width": lambda: size is not None and width >= size,
              "max-width": lambda: size is not None and width <= size,
              "min-height": lambda: size is not None and height >= size,
              "max-height": lambda: size is not None and height <= size}
    if name in limits:
        return limits[name]() if size is not None else None
    word = getattr(value, "lower_value", None)
    known = {"orientation": "landscape", "prefers-color-scheme": "light",
             "prefers-reduced-motion": "no-preference", "hover": "hover", "pointer": "fine",
             "any-hover": "hover", "any-pointer": "fine", "scripting": "enabled",
             "prefers-contrast": "no-preference", "forced-colors": "none"}
    if name in known and word is not None:
        return bool(known[name] == word)
    return None


def _range(text: str) -> bool | None:
    """A range feature, `(width >= 600px)` or `(400px < width < 800px)`."""
    m = _RANGE_RE.match(text)
    if not m or not (m["op1"] or m["op2"]):
        return None
    actual = VIEWPORT[0] if m["name"] == "width" else VIEWPORT[1]
    flip = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "="}
    tests = []
    if m["op1"]:
        tests.append((flip[m["op1"]], m["low"]))
    if m["op2"]:
        tests.append((m["op2"], m["high"]))
    result: bool | None = True
    for op, raw in tests:
        sizes = tinycss2.parse_component_value_list(raw)
        size = _px(sizes[0]) if len(sizes) == 1 else None
        if size is None:
            return None
        result = _and(result, {"<": actual < size, ">": actual > size, "<=": actual <= size,
                               ">=": actual >= size, "=": actual == size}[op])
    return result


def _px(token: Node) -> float | None:
    if token.type == "dimension":
        scale = {"px": 1.0, "em": 16.0, "rem": 16.0, "pt": 4 / 3}.get(token.lower_unit)
        return None if scale is None else float(token.value) * scale
    if token.type == "number" and token.value == 0:
        return 0.0
    return None
