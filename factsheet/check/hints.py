"""Styles a page gives outside its style sheets: presentational attributes and animations."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree.ElementTree import Element

import tinycss2
from tinycss2.ast import Node

# Attributes HTML still maps to CSS (the rendering section's presentational hints), by
# element: `<font color=white>` paints white text as `color: white` does.
_HINTS = {
    "color": ({"font"}, "color"),
    "text": ({"body"}, "color"),
    "bgcolor": ({"body", "table", "tr", "td", "th", "thead", "tbody", "tfoot", "marquee"},
                "background-color"),
}
# Animation keywords that keep the last keyframe's values once the animation has run.
_KEPT = frozenset({"forwards", "both"})


def presentational(element: Element) -> Iterator[tuple[str, list[Node]]]:
    """The declarations an element's presentational attributes stand for."""
    name = element.tag
    for attribute, (elements, prop) in _HINTS.items():
        found = element.get(attribute)
        if found is not None and name in elements:
            yield prop, tinycss2.parse_component_value_list(found.strip())


def ending(animation: list[Node] | None, name: list[Node] | None, fill: list[Node] | None
           ) -> str | None:
    """The keyframes an element's animation ends on and keeps, or None.

    From the `animation` shorthand or the `animation-name` and `animation-fill-mode`
    longhands; of several animations, the last that keeps its end (it is painted on top).
    """
    kept: str | None = None
    for one in _split(animation or []):
        words = [t.value for t in one if t.type == "ident"]
        if _KEPT & {w.lower() for w in words}:
            names = [w for w in words if w.lower() not in _ANIMATION_WORDS]
            kept = names[-1] if names else kept
    names = [[t.value for t in one if t.type == "ident"] for one in _split(name or [])]
    fills = [{t.lower_value for t in one if t.type == "ident"} for one in _split(fill or [])]
    for k, words in enumerate(names):
        modes = fills[k % len(fills)] if fills else set()
        if words and _KEPT & modes:
            kept = words[0]
    return kept


def _split(tokens: list[Node]) -> list[list[Node]]:
    parts: list[list[Node]] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        elif token.type not in ("whitespace", "comment"):
            parts[-1].append(token)
    return [p for p in parts if p]


# Keywords of the `animation` shorthand that are not a keyframes name.
_ANIMATION_WORDS = frozenset({
    "none", "forwards", "backwards", "both", "infinite", "normal", "reverse", "alternate",
    "alternate-reverse", "running", "paused", "ease", "ease-in", "ease-out", "ease-in-out",
    "linear", "step-start", "step-end", "initial", "inherit", "unset", "auto"})
