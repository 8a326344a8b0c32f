"""Styles a page gives outside its style sheets: presentational attributes and animations."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from urllib.parse import unquote
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
# Keywords of an animation that never settles on its last frame, or reaches it backwards.
_UNSETTLED = frozenset({"infinite", "paused", "reverse", "alternate", "alternate-reverse"})
_BRIEF = 10.0  # seconds: an animation (or its delay) longer than this has not ended


def presentational(element: Element) -> Iterator[tuple[str, list[Node]]]:
    """The declarations an element's presentational attributes stand for."""
    name = element.tag
    for attribute, (elements, prop) in _HINTS.items():
        found = element.get(attribute)
        if found is not None and name in elements:
            yield prop, tinycss2.parse_component_value_list(found.strip())


def ending(animation: list[Node] | None, name: list[Node] | None, fill: list[Node] | None
           ) -> tuple[str | None, bool]:
    """The keyframes an element's animation ends on and keeps (or None), and whether every
    animation of the shorthand settles: runs forwards, briefly, a finite number of times.

    From the `animation` shorthand or the `animation-name` and `animation-fill-mode`
    longhands; of several animations, the last that keeps its end (it is painted on top).
    """
    kept: str | None = None
    settled = True
    for one in _split(animation or []):
        words = {t.lower_value for t in one if t.type == "ident"}
        settled = settled and not words & _UNSETTLED and all(
            _seconds(t) <= _BRIEF for t in one if t.type == "dimension")
        if _KEPT & words:
            own = _names(one)
            kept = own[-1] if own else kept
    listed = [_names(one) for one in _split(name or [])]
    fills = [{t.lower_value for t in one if t.type == "ident"} for one in _split(fill or [])]
    for k, found in enumerate(listed):
        modes = fills[k % len(fills)] if fills else set()
        if found and _KEPT & modes:
            kept = found[0]
    return kept, settled


def animated(animation: list[Node], name: list[Node]) -> list[str]:
    """Every keyframes name an element's animations use."""
    return [n for one in _split(animation) + _split(name) for n in _names(one)]


def _names(tokens: list[Node]) -> list[str]:
    return [t.value for t in tokens if (t.type == "ident" and t.lower_value not in
                                        _ANIMATION_WORDS) or t.type == "string"]


def _seconds(token: Node) -> float:
    scale = {"s": 1.0, "ms": 0.001}.get(token.lower_unit)
    return float(token.value) * scale if scale is not None else float("inf")


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


_DATA_CSS_LIMIT = 1_000_000  # characters: a style sheet written into a data: URL


def data_css(url: str) -> str | None:
    """The style sheet a `data:` URL holds, as a saved page carries it; None for any other
    URL (a linked sheet is not in the copy and is not fetched)."""
    url = url.strip()
    if url[:5].lower() != "data:" or "," not in url or len(url) > _DATA_CSS_LIMIT:
        return None
    head, _, body = url[5:].partition(",")
    try:
        if head.lower().endswith(";base64"):
            return base64.b64decode(unquote(body) + "==", validate=False).decode(
                "utf-8", "replace")
        return unquote(body)
    except (ValueError, binascii.Error):
        return ""  # unreadable: no rules (the page's own sheets still stand)
