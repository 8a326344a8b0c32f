"""Judging computed values: what an element's winning declarations do to its text."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import cssselect2

from factsheet.check import paint
from factsheet.check.computed import Missing, State, custom_of, ident, keyword, value
from factsheet.check.media import VIEWPORT
from factsheet.check.paint import Unknown, significant
from factsheet.check.sight import magnification, opacity, out_of_sight
from factsheet.check.style import Declared

# How far out of view a box must be moved to be out of every reader's sight, in px.
OFF_LEFT = -500.0
_WIDTH, _HEIGHT = VIEWPORT


def display(declared: dict[str, Declared], parent: State) -> str | None:
    """The element's display, or None when it is not displayed."""
    custom = custom_of(declared, parent)
    probe = replace(parent, custom=custom)
    shown = keyword(declared, probe, "display") or "inline"
    if shown == "inherit":
        shown = parent.display
    if shown == "none" or keyword(declared, probe, "content-visibility") == "hidden":
        return None
    return shown


def lifted(declared: dict[str, Declared], parent: State) -> bool:
    """Floated or absolutely positioned: a box of its own, out of the text's flow."""
    return (keyword(declared, parent, "float") in ("left", "right", "inline-start",
                                                    "inline-end")
            or keyword(declared, parent, "position") in ("absolute", "fixed"))


def computed(wrapper: cssselect2.ElementWrapper, declared: dict[str, Declared],
             parent: State, shown: str) -> State:
    """The state the element passes to its text and children."""
    state = replace(parent, custom=custom_of(declared, parent), display=shown)
    name = wrapper.local_name
    visibility = keyword(declared, state, "visibility")
    font = _font(declared, state)
    changes: dict[str, Any] = {
        "visible": parent.visible if visibility in (None, "inherit", "unset") else
        visibility not in ("hidden", "collapse"),
        "font": font,
        "link": parent.link or name == "a",
        "raised": parent.raised or name in ("sup", "sub"),
    }
    state = replace(state, **changes)
    return replace(
        state,
        alpha=_alpha(declared, state, "color", parent.alpha),
        rgb=_rgb(declared, state, parent),
        ground=_ground(declared, state, parent),
        fill=_fill(declared, state, parent),
        fill_rgb=_fill_rgb(declared, state, parent),
        pre=_pre(declared, state),
        indent=_length(declared, state, "text-indent", _WIDTH, parent.indent),
        spacing=_length(declared, state, "letter-spacing", _WIDTH, parent.spacing),
        struck=parent.struck or _struck(declared, state),
        reordered=parent.reordered or keyword(declared, state, "unicode-bidi") in (
            "bidi-override", "isolate-override"),
        rtl=_rtl(declared, state, parent),
        plaintext=keyword(declared, state, "unicode-bidi") in (
            "plaintext", "-webkit-plaintext") or (parent.plaintext and "direction" not in declared),
        gone=parent.gone or _gone(declared, state, shown),
        magnify=parent.magnify * magnification(declared, state),
        opacity=parent.opacity * opacity(declared, state),
    )


def _rtl(declared: dict[str, Declared], state: State, parent: State) -> bool:
    direction = keyword(declared, state, "direction")
    return parent.rtl if direction in (None, "inherit", "unset") else direction == "rtl"


def _font(declared: dict[str, Declared], state: State) -> float:
    found = [n for n in ("font-size", "font") if n in declared]
    if not found:
        return state.font
    name = max(found, key=lambda n: declared[n].rank)
    try:
        tokens = value(declared, state, name) or []
    except Missing:
        return state.font
    if ident(tokens) in ("inherit", "unset"):
        return state.font
    if ident(tokens) == "initial":
        return 16.0
    try:
        if name == "font":
            return paint.font_shorthand_size(tokens, state.font)
        return paint.font_size(tokens, state.font)
    except Unknown:
        return 0.0  # a size this reader cannot compute hides the text: fail closed


def _alpha(declared: dict[str, Declared], state: State, name: str, inherited: float) -> float:
    try:
        tokens = value(declared, state, name)
    except Missing:
        return inherited
    if tokens is None or ident(tokens) in ("inherit", "unset"):
        return inherited
    if ident(tokens) == "initial":
        return 1.0
    try:
        found = paint.alpha(tokens)
    except Unknown:
        return 0.0
    return inherited if found is None else found


def _rgb(declared: dict[str, Declared], state: State, parent: State
         ) -> tuple[float, float, float] | None:
    try:
        tokens = value(declared, state, "color")
        word = ident(tokens)
        if tokens is None or word in ("inherit", "unset", "currentcolor"):
            return parent.rgb
        return (0.0, 0.0, 0.0) if word == "initial" else paint.rgb(tokens)
    except Unknown:
        return None  # not compared; an unreadable colour already hides by its alpha


def _ground(declared: dict[str, Declared], state: State, parent: State
            ) -> tuple[float, float, float] | None:
    """The background colour behind the element's text, when the page declares one."""
    try:
        tokens = value(declared, state, "background-color", "background")
        if tokens is None or ident(tokens) in ("inherit", "unset", "transparent", "none"):
            return parent.ground
        found = paint.background(tokens)
    except Unknown:
        return None  # unknown: no comparison
    if found is False:
        return None  # an image: the text may well stand out against it
    return parent.ground if found is None else found  # type: ignore[return-value]


def _fill(declared: dict[str, Declared], state: State, parent: State) -> float | None:
    if "-webkit-text-fill-color" not in declared:
        return parent.fill
    return _alpha(declared, state, "-webkit-text-fill-color", state.alpha)


def _fill_rgb(declared: dict[str, Declared], state: State, parent: State
              ) -> tuple[float, float, float] | None:
    if "-webkit-text-fill-color" not in declared:
        return parent.fill_rgb
    try:
        tokens = value(declared, state, "-webkit-text-fill-color")
        word = ident(tokens)
        if tokens is None or word in ("inherit", "unset"):
            return parent.fill_rgb
        if word in ("currentcolor", "initial"):
            return state.rgb  # the initial value is currentcolor
        return paint.rgb(tokens)
    except Unknown:
        return None  # not compared; an unreadable colour already hides by its alpha


def _pre(declared: dict[str, Declared], state: State) -> bool:
    space = keyword(declared, state, "white-space")
    if space in (None, "inherit", "unset"):
        return state.pre
    return space in ("pre", "pre-wrap", "pre-line", "break-spaces")


def _length(declared: dict[str, Declared], state: State, name: str, percent: float,
            inherited: float, fail: float = -1e9) -> float:
    try:
        tokens = value(declared, state, name)
    except Missing:
        return inherited
    word = ident(tokens)
    if tokens is None or word in ("inherit", "unset"):
        return inherited
    if word in ("initial", "auto", "none", "normal"):
        return 0.0 if word == "initial" else inherited
    parts = significant(tokens)
    try:
        return paint.length(parts[0], state.font, percent) if parts else inherited
    except Unknown:
        return fail


def _struck(declared: dict[str, Declared], state: State) -> bool:
    try:
        tokens = value(declared, state, "text-decoration", "text-decoration-line") or []
    except Missing:
        return False
    return any(t.type == "ident" and t.lower_value == "line-through" for t in tokens)


def _gone(declared: dict[str, Declared], state: State, shown: str) -> bool:
    """Whether the element's whole box is out of sight."""
    return out_of_sight(declared, state, shown)
