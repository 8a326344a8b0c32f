"""The CSS cascade of an archived page: which declaration wins, per element and property."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import cssselect2
import tinycss2
from tinycss2.ast import Node

# What a browser's own stylesheet hides or strikes (after the HTML standard's rendering
# section). WeasyPrint's UA_STYLESHEET is a print sheet: it paints canvas, video and object
# fallback, closed dialogs and popovers, which a screen never shows, so ours is written out.
UA_CSS = """
[hidden], area, base, basefont, datalist, head, link, meta, noembed, noframes, noscript,
param, rp, script, source, style, template, title, track, dialog:not([open]), [popover],
canvas, video, audio, object, embed, iframe, applet, frameset, frame,
select, option, optgroup, textarea, input, button, svg, math annotation, img, picture,
map, slot { display: none }
address, blockquote, center, dialog, div, figure, figcaption, footer, form, header, hr,
legend, listing, main, p, plaintext, pre, xmp, article, aside, h1, h2, h3, h4, h5, h6,
hgroup, nav, section, search, dir, dd, dl, dt, menu, ol, ul, html, body, details,
summary, fieldset, caption, table, tr, td, th, thead, tbody, tfoot { display: block }
li { display: list-item }
pre, listing, xmp, plaintext, textarea { white-space: pre }
del, s, strike { text-decoration: line-through }
bdo[dir] { unicode-bidi: bidi-override }
bdi, output { unicode-bidi: isolate }
sup, sub { vertical-align: super }
marquee { display: block }
"""
# The properties that decide whether text paints; every other declaration is dropped early.
PROPERTIES = frozenset({
    "display", "visibility", "opacity", "color", "-webkit-text-fill-color", "font-size",
    "font", "transform", "scale", "position", "left", "right", "top", "bottom", "clip",
    "clip-path", "text-indent", "width", "height", "max-width", "max-height", "overflow",
    "overflow-x", "overflow-y", "text-decoration", "text-decoration-line", "unicode-bidi",
    "direction", "content-visibility", "filter", "white-space", "background-color",
    "background", "margin-left", "margin-top", "margin", "float", "vertical-align", "zoom",
})
# The desktop screen media queries are judged for.
VIEWPORT = (1280.0, 800.0)
_ORIGIN_UA, _ORIGIN_AUTHOR = 0, 1
_INLINE = (1 << 30, 0, 0)  # a style attribute outranks every selector


@dataclass(frozen=True)
class Declared:
    """One declaration: its value tokens, and its rank in the cascade (higher wins)."""

    value: list[Node]
    rank: tuple[Any, ...]


def declarations(nodes: Iterable[Node]) -> Iterator[tuple[str, list[Node], bool]]:
    """(name, value, important) of each declaration kept: ours and custom properties."""
    for node in nodes:
        if node.type != "declaration":
            continue
        name = node.lower_name
        if name in PROPERTIES or name.startswith("--"):
            yield name, list(node.value), node.important


class Cascade:
    """The page's stylesheets, matched against its elements."""

    def __init__(self, author_sheets: list[str]) -> None:
        self.matcher = cssselect2.Matcher()
        self.order = 0
        self._add(_ua_rules(), _ORIGIN_UA)
        for css in author_sheets:
            self._add(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True),
                      _ORIGIN_AUTHOR)

    def _add(self, rules: Iterable[Node], origin: int) -> None:
        for node in rules:
            if node.type == "at-rule":
                self._at_rule(node, origin)
            elif node.type == "qualified-rule":
                decls = list(declarations(tinycss2.parse_blocks_contents(
                    node.content, skip_comments=True, skip_whitespace=True)))
                if not decls:
                    continue
                try:
                    selectors = cssselect2.compile_selector_list(node.prelude)
                except cssselect2.SelectorError:
                    continue  # a browser drops the rule too
                for selector in selectors:
                    if selector.pseudo_element is None:
                        self.order += 1
                        self.matcher.add_selector(selector, (origin, self.order, decls))

    def _at_rule(self, node: Node, origin: int) -> None:
        name = node.lower_at_keyword
        if node.content is None or name not in ("media", "supports", "layer", "container",
                                                 "scope", "document"):
            return
        if name == "media" and not media_matches(node.prelude):
            return
        self._add(tinycss2.parse_blocks_contents(node.content, skip_comments=True,
                                                 skip_whitespace=True), origin)

    def declared(self, element: cssselect2.ElementWrapper) -> dict[str, Declared]:
        """The winning value of each property declared for the element."""
        best: dict[str, Declared] = {}

        def offer(name: str, value: list[Node], rank: tuple[Any, ...]) -> None:
            held = best.get(name)
            if held is None or rank > held.rank:
                best[name] = Declared(value, rank)

        for specificity, _, _, (origin, order, decls) in self.matcher.match(element):
            for name, value, important in decls:
                # Important UA beats important author beats normal author beats normal UA.
                layer = (3 - origin) if important else origin
                offer(name, value, (layer, specificity, order))
        style = element.etree_element.get("style")
        if style:
            nodes = tinycss2.parse_blocks_contents(style, skip_comments=True,
                                                   skip_whitespace=True)
            for n, (name, value, important) in enumerate(declarations(nodes)):
                offer(name, value, (2 if important else 1, _INLINE, n))
        return best


@lru_cache(maxsize=1)
def _ua_rules() -> tuple[Node, ...]:
    return tuple(tinycss2.parse_stylesheet(UA_CSS, skip_comments=True, skip_whitespace=True))


def media_matches(prelude: list[Node]) -> bool:
    """Whether a media query list holds on a desktop screen (VIEWPORT); unknowns do not."""
    queries: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            queries.append([])
        elif token.type not in ("whitespace", "comment"):
            queries[-1].append(token)
    return any(_query(q) for q in queries if q)


def _query(tokens: list[Node]) -> bool:
    negate = False
    result = True
    for token in tokens:
        if token.type == "ident":
            word = token.lower_value
            if word == "not":
                negate = True
            elif word in ("only", "and"):
                continue
            else:
                result = result and word in ("screen", "all")
        elif token.type == "() block":
            result = result and _feature(token.content)
        else:
            result = False
    return result != negate


def _feature(content: list[Node]) -> bool:
    parts = [t for t in content if t.type not in ("whitespace", "comment")]
    if len(parts) != 3 or parts[0].type != "ident" or parts[1] != ":":
        return False
    name, value = parts[0].lower_value, parts[2]
    size = _px(value)
    width, height = VIEWPORT
    limits = {"min-width": lambda: size is not None and width >= size,
              "max-width": lambda: size is not None and width <= size,
              "min-height": lambda: size is not None and height >= size,
              "max-height": lambda: size is not None and height <= size}
    if name in limits:
        return limits[name]()
    word = getattr(value, "lower_value", None)
    return (name, word) in {("orientation", "landscape"), ("prefers-color-scheme", "light"),
                            ("prefers-reduced-motion", "no-preference"), ("hover", "hover"),
                            ("pointer", "fine"), ("color", None)}


def _px(token: Node) -> float | None:
    if token.type == "dimension":
        scale = {"px": 1.0, "em": 16.0, "rem": 16.0, "pt": 4 / 3}.get(token.lower_unit)
        return None if scale is None else float(token.value) * scale
    if token.type == "number" and token.value == 0:
        return 0.0
    return None
