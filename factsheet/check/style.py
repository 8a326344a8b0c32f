"""The CSS cascade of an archived page: which declaration wins, per element and property."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import cssselect2
import tinycss2
from tinycss2.ast import Node

from factsheet.check.hints import animated, data_css, ending, presentational
from factsheet.check.media import media_holds

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
# Longhands that keep an animation running, paused or backwards: judged by every frame.
_UNSETTLED = ("animation-iteration-count", "animation-play-state", "animation-direction",
              "animation-duration", "animation-delay")
PROPERTIES = frozenset({
    "display", "visibility", "opacity", "color", "-webkit-text-fill-color", "font-size",
    "font", "transform", "scale", "position", "left", "right", "top", "bottom", "clip",
    "clip-path", "text-indent", "width", "height", "max-width", "max-height", "overflow",
    "overflow-x", "overflow-y", "text-decoration", "text-decoration-line", "unicode-bidi",
    "direction", "content-visibility", "filter", "white-space", "background-color",
    "background", "margin-left", "margin-top", "margin", "float", "vertical-align", "zoom",
    "letter-spacing", "rotate", "backface-visibility", "mask", "mask-image", "-webkit-mask",
    "-webkit-mask-image", "translate", "contain", "animation", "animation-name",
    "animation-fill-mode", *_UNSETTLED,
})
# Logical properties, read as their physical twins in a left-to-right, top-to-bottom page
# (a box moved 99999px from either side is out of sight either way).
LOGICAL = {
    "inset-inline-start": "left", "inset-inline-end": "right", "inset-block-start": "top",
    "inset-block-end": "bottom", "margin-inline-start": "margin-left",
    "margin-block-start": "margin-top", "inline-size": "width", "block-size": "height",
    "max-inline-size": "max-width", "max-block-size": "max-height",
}
# Shorthands of the offsets and margins, with the longhand each of their values sets.
SHORTHANDS = {
    "inset": ("top", "right", "bottom", "left"),
    "inset-inline": ("left", "right"), "inset-block": ("top", "bottom"),
    "margin-inline": ("margin-left", "margin-right"),
    "margin-block": ("margin-top", "margin-bottom"),
}
_ORIGIN_UA, _ORIGIN_AUTHOR = 0, 1
_INLINE = (1 << 30, 0, 0)  # a style attribute outranks every selector
_UNLAYERED = 1 << 20  # the layer position of rules in no @layer: after every layer
_STYLE_ATTRIBUTE = 1 << 21  # a style attribute outranks every layer, important or not
_ANIMATION = frozenset({"animation", "animation-name", "animation-fill-mode"})


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
        name = LOGICAL.get(node.lower_name, node.lower_name)
        if name in SHORTHANDS:
            yield from _longhands(name, list(node.value), node.important)
        elif name.startswith("--") or (name in PROPERTIES and valid(name, node.value)):
            yield name, list(node.value), node.important


def _longhands(name: str, value: list[Node], important: bool
               ) -> Iterator[tuple[str, list[Node], bool]]:
    """A box shorthand's values, each for its own side (1 to 4 values, as for margin)."""
    parts = [t for t in value if t.type not in ("whitespace", "comment")]
    sides = SHORTHANDS[name]
    picks = {1: (0, 0, 0, 0), 2: (0, 1, 0, 1), 3: (0, 1, 2, 1), 4: (0, 1, 2, 3)}.get(len(parts))
    if picks is None:
        return
    for side, k in zip(sides, picks, strict=False):
        if side in PROPERTIES:
            yield side, [parts[k]], important


class Cascade:
    """The page's stylesheets, matched against its elements."""

    def __init__(self, author_sheets: list[str]) -> None:
        self.matcher = cssselect2.Matcher()
        self.order = 0
        self.layers: dict[str, int] = {}  # cascade layers, in the order they first appear
        self._layer: tuple[str, int] = ("", _UNLAYERED)  # the layer being read
        self._hiding_only = False  # inside a media query this reader cannot decide
        self.keyframes: dict[str, list[tuple[str, list[Node], bool]]] = {}  # last frames
        self.frames: dict[str, list[tuple[str, list[Node], bool]]] = {}  # every frame
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
        if self._hiding_only:
            decls = [d for d in decls if _hides(d)]
            if not decls:
                return
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
                self.matcher.add_selector(selector, (origin, self._layer[1], self.order, decls))

    def _at_rule(self, node: Node, origin: int, outer: str | None, depth: int) -> None:
        name = node.lower_at_keyword
        if name in ("keyframes", "-webkit-keyframes") and node.content is not None:
            self._keyframes(node)
            return
        if name == "layer":
            self._layered(node, origin, outer, depth)
            return
        if name == "import" and depth < _NESTING:
            self._import(node, origin, depth)
            return
        if node.content is None or name not in ("media", "supports", "container",
                                                 "scope", "document") or depth >= _NESTING:
            return
        holds = media_holds(node.prelude) if name == "media" else True
        if holds is False:
            return
        hiding_only = self._hiding_only
        # A query this reader cannot decide may hold: what it hides is hidden (fail closed),
        # what it would show stays as the rest of the sheet leaves it.
        self._hiding_only = hiding_only or holds is None
        try:
            self._contents(node, origin, outer, depth)
        finally:
            self._hiding_only = hiding_only

    def _contents(self, node: Node, origin: int, outer: str | None, depth: int) -> None:
        content = tinycss2.parse_blocks_contents(node.content, skip_comments=True,
                                                 skip_whitespace=True)
        if outer is not None:  # nested in a rule: its declarations apply to that rule's match
            decls = list(declarations(content))
            if decls:
                self._rule(outer, decls, origin)
        self._add(content, origin, outer, depth + 1)

    def _import(self, node: Node, origin: int, depth: int) -> None:
        """`@import` of a sheet written into a data: URL, the one kind a saved copy holds."""
        parts = [t for t in node.prelude if t.type not in ("whitespace", "comment")]
        if not parts:
            return
        first = parts[0]
        url = first.value if first.type in ("url", "string") else (
            first.arguments[0].value if first.type == "function" and first.lower_name == "url"
            and first.arguments and first.arguments[0].type == "string" else "")
        css = data_css(url)
        if css is None:
            return
        media = tinycss2.serialize(parts[1:]).strip()
        sheet = f"@media {media} {{{css}}}" if media else css
        self._add(tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True),
                  origin, None, depth + 1)

    def _keyframes(self, node: Node) -> None:
        """Keep each animation's last keyframe: where an animation that keeps its end stops."""
        names = [t.value for t in node.prelude if t.type in ("ident", "string")]
        frames = tinycss2.parse_blocks_contents(node.content, skip_comments=True,
                                                skip_whitespace=True)
        for frame in frames:
            if frame.type != "qualified-rule":
                continue
            stops = {t.lower_value if t.type == "ident" else t.value for t in frame.prelude
                     if t.type in ("ident", "percentage")}
            content = tinycss2.parse_blocks_contents(frame.content, skip_comments=True,
                                                     skip_whitespace=True)
            decls = list(declarations(content))
            for name in names:
                self.frames.setdefault(name, []).extend(d for d in decls if _hides(d))
                if stops & {"to", 100}:
                    self.keyframes.setdefault(name, []).extend(decls)

    def _layered(self, node: Node, origin: int, outer: str | None, depth: int) -> None:
        """`@layer a, b;` orders layers; `@layer a { ... }` puts rules in one."""
        parent = self._layer[0]
        names = [n.strip() for n in tinycss2.serialize(node.prelude).split(",") if n.strip()]
        full = [f"{parent}.{n}" if parent else n for n in names]
        for one in full:
            self.layers.setdefault(one, len(self.layers))
        if node.content is None or depth >= _NESTING:
            return
        if not full:  # an anonymous layer: a layer of its own, never named again
            full = [f"{parent}.\0{len(self.layers)}"]
            self.layers[full[0]] = len(self.layers)
        held = self._layer
        self._layer = (full[0], self.layers[full[0]])
        try:
            self._contents(node, origin, outer, depth)
        finally:
            self._layer = held

    def declared(self, element: cssselect2.ElementWrapper) -> dict[str, Declared]:
        """The winning value of each property declared for the element."""
        best: dict[str, Declared] = {}

        def offer(name: str, value: list[Node], rank: tuple[Any, ...]) -> None:
            held = best.get(name)
            if held is None or rank > held.rank:
                best[name] = Declared(value, rank)

        for specificity, _, _, (origin, layer, order, decls) in self.matcher.match(element):
            for name, value, important in decls:
                # Important UA beats important author beats normal author beats normal UA;
                # among author rules a later layer wins, and rules in no layer win over all
                # layers, the other way round for important ones.
                level = (3 - origin) if important else origin
                offer(name, value, (level, -layer if important else layer, specificity, order))
        for name, value in presentational(element.etree_element):
            offer(name, value, (1, -1, (0, 0, 0), 0))  # below every author rule
        style = element.etree_element.get("style")
        if style:
            nodes = tinycss2.parse_blocks_contents(style, skip_comments=True,
                                                   skip_whitespace=True)
            for n, (name, value, important) in enumerate(declarations(nodes)):
                offer(name, value, (2 if important else 1, _STYLE_ATTRIBUTE, _INLINE, n))
        self._animate(best, offer)
        return best

    def _animate(self, best: dict[str, Declared],
                 offer: Callable[[str, list[Node], tuple[Any, ...]], None]) -> None:
        """An animation that keeps its end paints its last keyframe over every normal value."""
        if not self.frames or not best.keys() & _ANIMATION:
            return
        found, settled = ending(*(best[n].value if n in best else None for n in (
            "animation", "animation-name", "animation-fill-mode")))
        rank = (1, _STYLE_ATTRIBUTE + 1, _INLINE)
        for n, (name, value, _) in enumerate(self.keyframes.get(found or "", [])):
            offer(name, value, (*rank, n))
        if not settled or best.keys() & set(_UNSETTLED):
            # Running on, paused, backwards or for long: any frame that hides may be what
            # a reader sees (fail closed).
            for name in animated(best["animation"].value if "animation" in best else [],
                                 best["animation-name"].value if "animation-name" in best
                                 else []):
                for n, (prop, value, _) in enumerate(self.frames.get(name, [])):
                    offer(prop, value, (*rank, 1 << 20, n))


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
        name == "content-visibility" and "hidden" in words) or (
        name == "opacity" and _faint(value))


def _faint(value: list[Node]) -> bool:
    parts = [t for t in value if t.type not in ("whitespace", "comment")]
    if len(parts) != 1 or parts[0].type not in ("number", "percentage"):
        return False
    return float(parts[0].value) / (100 if parts[0].type == "percentage" else 1) <= 0.05


@lru_cache(maxsize=1)
def _ua_rules() -> tuple[Node, ...]:
    return tuple(tinycss2.parse_stylesheet(UA_CSS, skip_comments=True, skip_whitespace=True))
