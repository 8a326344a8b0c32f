"""Visible text: an HTML page parsed as HTML5 and styled by its cascade, painted text only."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

import cssselect2
import tinycss2
import tinyhtml5

from factsheet.check import judge
from factsheet.check.computed import State
from factsheet.check.hints import data_css
from factsheet.check.media import media_holds
from factsheet.check.paint import Unknown
from factsheet.check.style import Cascade

# Displays that do not start a block of their own: text flows on through them.
_INLINE = frozenset({"inline", "contents", "inline-block", "inline-flex", "inline-grid",
                     "inline-table", "ruby", "ruby-text", "ruby-base"})
_CONTAINERS = frozenset({"flex", "inline-flex", "grid", "inline-grid"})
# Replaced elements: a browser paints the media (or nothing), never the fallback inside.
_REPLACED = frozenset({"canvas", "video", "audio", "object", "iframe", "applet", "embed",
                       "img", "picture", "svg", "math", "select", "textarea", "input",
                       "meter", "progress", "noscript"})


@dataclass(frozen=True)
class Piece:
    """A piece of painted text, or a boundary ("break", "linebreak", "heading")."""

    text: str
    kind: str  # "data", "pre", "link", "break", "linebreak", "heading"


@dataclass
class Painted:
    """A page's painted text as pieces, and the text a bidi override reorders."""

    pieces: list[Piece] = field(default_factory=list)
    reordered: list[str] = field(default_factory=list)
    kept: set[tuple[int, str]] = field(default_factory=set)  # (id(element), "text" or "tail")
    embedded: int = 0  # bidi embeddings and overrides open in this block (control characters)

    def add(self, text: str, state: State, where: tuple[int, str]) -> None:
        """Add a text node's content as the state paints it."""
        if not text or not state.paints:
            return
        # unicode-bidi: plaintext: the paragraph runs the way its first letter does.
        rtl = (_first_strong(text) or ("R" if state.rtl else "L")) == "R" if (
            state.plaintext) else state.rtl
        if state.reordered or (rtl and _rtl_numbers(text)):
            self._reorder(text)
            return
        self.kept.add(where)
        kind = "pre" if state.pre else "link" if state.link else "data"
        for part in _BIDI_RE.split(text):
            if part in _OPENERS:
                self.embedded += 1
                self.pieces.append(Piece("", "break"))
            elif part in _CLOSERS:
                self.embedded = max(0, self.embedded - 1)
            elif self.embedded:
                self._reorder(part)
            elif part:
                self.pieces.append(Piece(part.translate(_RAISED) if state.raised else part,
                                         kind))

    def _reorder(self, text: str) -> None:
        # Shown in another order than stored: kept apart, and a boundary where it stood so
        # no excerpt joins the words on either side of it.
        self.reordered.append(text)
        self.pieces.append(Piece("", "break"))

    def block(self) -> None:
        """A block boundary, which ends every embedding (as a paragraph's end does)."""
        self.embedded = 0
        self.pieces.append(Piece("", "break"))


def _rtl_numbers(text: str) -> bool:
    """Digits in right-to-left text beside left-to-right letters or no right-to-left one:
    "detained 3 700 people" shows as "people 700 3 detained", so its stored order is not
    the order a reader sees."""
    kinds = {unicodedata.bidirectional(ch) for ch in text}
    return any(ch.isdigit() for ch in text) and ("L" in kinds or not kinds & {"R", "AL"})


def _first_strong(text: str) -> str | None:
    """The first strongly directional letter's direction: "L", "R" or None."""
    for ch in text:
        found = unicodedata.bidirectional(ch)
        if found in ("L", "R", "AL"):
            return found[0]
    return None


# Bidi controls: embeddings, overrides and isolates open a run displayed in another order.
_OPENERS = frozenset("\u202a\u202b\u202d\u202e\u2066\u2067\u2068")
_CLOSERS = frozenset("\u202c\u2069")
_BIDI_RE = re.compile("([\u202a-\u202e\u2066-\u2069])")


# Digits in <sup> or <sub> are written as superscripts, which never read as part of a
# number (normalise.py): "10<sup>6</sup>" is 10⁶, not 106.
_RAISED = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def parse(source: str) -> Element:
    """The page's tree, built as an HTML5 browser builds it."""
    root: Element = tinyhtml5.parse(source, namespace_html_elements=False)
    return root


def style_sheets(root: Element) -> list[str]:
    """The page's own `<style>` blocks that apply on screen (linked sheets are not saved)."""
    sheets: list[str] = []
    stack = [root]
    while stack:
        element = stack.pop()
        # An SVG <style> inside the page styles the whole page, as an HTML one does.
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("template", "noscript"):
            continue  # inert: a browser never applies a style sheet inside these
        linked = data_css(element.get("href") or "") if tag == "link" and (
            "stylesheet" in (element.get("rel") or "").lower().split()
            and "alternate" not in (element.get("rel") or "").lower().split()) else None
        if tag == "style" or linked is not None:
            media = element.get("media")
            css = "".join(element.itertext()) if linked is None else linked
            holds = True if media is None else media_holds(
                tinycss2.parse_component_value_list(media))
            if holds is True:
                sheets.append(css)
            elif holds is None:  # undecided: read as an @media rule, which hides only
                sheets.append(f"@media {media} {{{css}}}")
            continue
        stack.extend(reversed([c for c in element if isinstance(c.tag, str)]))
    return sheets


def painted(root: Element, skip: Callable[[cssselect2.ElementWrapper], bool]
            ) -> Painted:
    """The painted text of a parsed page in reading order; `skip` drops page furniture."""
    cascade = Cascade(style_sheets(root))
    out = Painted()
    top = cssselect2.ElementWrapper.from_html_root(root)
    stack: list[tuple[str, Any, State]] = [("enter", top, State())]
    while stack:
        event, item, state = stack.pop()
        if event == "text":
            out.add(item[0], state, item[1])
        elif event == "break":
            out.block()
        else:
            stack.extend(_enter(item, state, cascade, skip, out))
    return out


def _enter(wrapper: cssselect2.ElementWrapper, parent: State, cascade: Cascade,
           skip: Callable[[cssselect2.ElementWrapper], bool], out: Painted
           ) -> list[tuple[str, Any, State]]:
    """Style one element, emit its boundaries, and return its content's events, reversed."""
    declared = cascade.declared(wrapper)
    display = judge.display(declared, parent)
    if display is None or skip(wrapper):
        return []
    if display in _INLINE and judge.lifted(declared, parent):
        display = "block"  # a float or an absolutely positioned box is a block box
    state = judge.computed(wrapper, declared, parent, display)
    name = wrapper.local_name
    block = display not in _INLINE or parent.display in _CONTAINERS
    if name == "br":
        out.pieces.append(Piece("\n", "linebreak"))
    if block:
        out.block()
    if name in ("h1", "h2", "h3", "h4", "h5", "h6") and state.paints:
        out.pieces.append(Piece("", "heading"))
    events: list[tuple[str, Any, State]] = []
    if block:
        events.append(("break", None, state))
    if name in _REPLACED:
        return events
    for child, tail, node in reversed(list(_children(wrapper))):
        if tail:
            events.append(("text", (tail, (id(node), "tail")), state))
        if child is not None:
            events.append(("enter", child, state))
    element = wrapper.etree_element
    if element.text and not (name == "details" and "open" not in element.attrib):
        events.append(("text", (element.text, (id(element), "text")), state))
    return events


def _children(wrapper: cssselect2.ElementWrapper
              ) -> Iterator[tuple[cssselect2.ElementWrapper | None, str, Element]]:
    """Each child element (None for a comment), the text that follows it, and its node."""
    element = wrapper.etree_element
    closed = wrapper.local_name == "details" and "open" not in element.attrib
    wrappers = iter(wrapper.iter_children())
    shown_summary = False
    for child in element:
        is_element = isinstance(child.tag, str)
        node = next(wrappers) if is_element else None
        if closed:
            # A closed <details> shows its first <summary> and nothing else.
            if node is not None and node.local_name == "summary" and not shown_summary:
                shown_summary = True
                yield node, "", child
            continue
        yield node, child.tail or "", child


def visible_pieces(root: Element, skip: Callable[[cssselect2.ElementWrapper], bool]
                   ) -> Painted:
    """Paint a parsed page; a page this reader cannot style shows nothing (fail closed)."""
    try:
        return painted(root, skip)
    except (Unknown, RecursionError):  # values are judged one by one; this is the last guard
        return Painted()


def prune(root: Element, kept: set[tuple[int, str]]) -> Element:
    """The tree with every text that was not painted emptied (in place)."""
    for element in root.iter():
        # What shows is decided: the article extractor must not hide it again by its own rules.
        for name in ("hidden", "style"):
            element.attrib.pop(name, None)
        if not isinstance(element.tag, str):
            element.text = ""  # a comment or processing instruction: never shown
        elif element.text and (id(element), "text") not in kept:
            element.text = None
        if element.tail and (id(element), "tail") not in kept:
            element.tail = None
    return root
