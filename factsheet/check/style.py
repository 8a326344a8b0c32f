"""The CSS cascade of an archived page: which declaration wins, per element and property."""

from __future__ import annotations

import re
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
[dir=rtl i] { direction: rtl; unicode-bidi: isolate }
[dir=ltr i] { direction: ltr; unicode-bidi: isolate }
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
    "letter-spacing", "rotate", "backface-visibility", "mask", "mask-image", "-webkit-mask",
    "-webkit-mask-image",
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


_WIDE = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})
# Keyword properties, with the keywords a browser accepts: any other value is dropped when
# the sheet is parsed, so `display:none; display:bogus` stays hidden, as in a browser.
_KEYWORDS = {
    "display": frozenset({"none", "block", "inline", "inline-block", "flex", "inline-flex",
                          "grid", "inline-grid", "table", "inline-table", "table-row",
                          "table-cell", "table-column", "table-caption", "table-row-group",
                          "table-header-group", "table-footer-group", "table-column-group",
                          "list-item", "contents", "flow-root", "flow", "ruby", "ruby-text",
                          "ruby-base", "ruby-text-container", "ruby-base-container",
                          "run-in", "math", "-webkit-box", "-webkit-inline-box",
                          "-ms-flexbox", "-ms-inline-flexbox", "-ms-grid", "-moz-box"}),
    "visibility": frozenset({"visible", "hidden", "collapse"}),
    "direction": frozenset({"ltr", "rtl"}),
    "content-visibility": frozenset({"visible", "hidden", "auto"}),
    "position": frozenset({"static", "relative", "absolute", "fixed", "sticky",
                           "-webkit-sticky"}),
    "float": frozenset({"left", "right", "none", "inline-start", "inline-end"}),
    "unicode-bidi": frozenset({"normal", "embed", "isolate", "bidi-override",
                               "isolate-override", "plaintext", "-webkit-isolate",
                               "-moz-isolate", "-webkit-isolate-override",
                               "-moz-isolate-override", "-webkit-plaintext"}),
    "overflow": frozenset({"visible", "hidden", "clip", "scroll", "auto", "overlay"}),
    "overflow-x": frozenset({"visible", "hidden", "clip", "scroll", "auto", "overlay"}),
    "overflow-y": frozenset({"visible", "hidden", "clip", "scroll", "auto", "overlay"}),
}


def valid(name: str, value: list[Node]) -> bool:
    """False for a keyword property's value a browser would drop at parse time."""
    allowed = _KEYWORDS.get(name)
    if allowed is None:
        return True
    parts = [t for t in value if t.type not in ("whitespace", "comment")]
    if any(t.type == "function" and t.lower_name == "var" for t in parts):
        return True  # judged when the element's custom properties are known
    limit = 2 if name in ("display", "overflow") else 1
    return 0 < len(parts) <= limit and all(
        t.type == "ident" and (t.lower_value in allowed or (len(parts) == 1
                                                            and t.lower_value in _WIDE))
        for t in parts)


def declarations(nodes: Iterable[Node]) -> Iterator[tuple[str, list[Node], bool]]:
    """(name, value, important) of each valid declaration kept: ours and custom properties."""
    for node in nodes:
        if node.type != "declaration":
            continue
        name = node.lower_name
        if name.startswith("--") or (name in PROPERTIES and valid(name, node.value)):
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

    def _add(self, rules: Iterable[Node], origin: int, outer: str | None = None,
             depth: int = 0) -> None:
        for node in rules:
            if node.type == "at-rule":
                self._at_rule(node, origin, outer, depth)
            elif node.type == "qualified-rule" and depth < _NESTING:
                prelude = _nested(outer, tinycss2.serialize(node.prelude))
                content = tinycss2.parse_blocks_contents(node.content, skip_comments=True,
                                                         skip_whitespace=True)
                decls = list(declarations(content))
                if decls:
                    self._rule(prelude, decls, origin)
                # CSS nesting: rules inside a rule match inside what it matches.
                self._add((n for n in content if n.type in ("qualified-rule", "at-rule")),
                          origin, prelude, depth + 1)

    def _rule(self, prelude: str, decls: list[tuple[str, list[Node], bool]],
              origin: int) -> None:
        try:
            selectors = cssselect2.compile_selector_list(prelude)
        except cssselect2.SelectorError:
            # A selector this reader cannot match (an unknown pseudo-class): its hiding
            # keywords are applied to every element it could match, its other values to none.
            decls = [d for d in decls if _hides(d)]
            try:
                selectors = cssselect2.compile_selector_list(_UNKNOWN_PSEUDO_RE.sub("", prelude))
            except cssselect2.SelectorError:
                return
            if not decls:
                return
        for selector in selectors:
            # ::first-line and ::first-letter style the element's own text: judged as if
            # they styled all of it (fail closed); other pseudo-elements hold no page text.
            if selector.pseudo_element in (None, "first-line", "first-letter"):
                self.order += 1
                self.matcher.add_selector(selector, (origin, self.order, decls))

    def _at_rule(self, node: Node, origin: int, outer: str | None, depth: int) -> None:
        name = node.lower_at_keyword
        if node.content is None or name not in ("media", "supports", "layer", "container",
                                                 "scope", "document") or depth >= _NESTING:
            return
        if name == "media" and not media_matches(node.prelude):
            return
        content = tinycss2.parse_blocks_contents(node.content, skip_comments=True,
                                                 skip_whitespace=True)
        if outer is not None:  # nested in a rule: its declarations apply to that rule's match
            decls = list(declarations(content))
            if decls:
                self._rule(outer, decls, origin)
        self._add(content, origin, outer, depth + 1)

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


_NESTING = 16
# A pseudo-class, with its argument: `:-moz-focusring`, `:dir(rtl)`, `:popover-open`.
_UNKNOWN_PSEUDO_RE = re.compile(r"(?<!:):[-\w]+(?:\([^()]*\))?")


def _nested(outer: str | None, inner: str) -> str:
    """A nested rule's selector, written out: `&` is the outer rule's match."""
    if outer is None:
        return inner
    parts = []
    for one in inner.split(","):
        one = one.strip()
        parts.append(one.replace("&", f":is({outer})") if "&" in one else f":is({outer}) {one}")
    return ", ".join(parts)


def _hides(declaration: tuple[str, list[Node], bool]) -> bool:
    name, value, _ = declaration
    words = {t.lower_value for t in value if t.type == "ident"}
    return (name == "display" and "none" in words) or (
        name == "visibility" and bool(words & {"hidden", "collapse"})) or (
        name == "content-visibility" and "hidden" in words)


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
