"""Out of sight: a box made transparent, shrunk to nothing, clipped away or moved off screen."""

from __future__ import annotations

import math
from collections.abc import Callable

from tinycss2.ast import Node

from factsheet.check import paint
from factsheet.check.computed import Missing, State, ident, keyword, value
from factsheet.check.media import VIEWPORT
from factsheet.check.paint import Unknown, significant
from factsheet.check.style import Declared

# A box moved further than this to the left or top is out of every reader's sight (px);
# to the right, further than the screen is wide.
FAR = 500.0
WIDTH, HEIGHT = VIEWPORT
_FAINT = 0.05  # an opacity at or below this is no ink
DEEP = 20_000.0  # px below the top of the page: past the end of any article's text
_TINY = 1.0  # px: a box this narrow or low shows no text
_CLIPS = ("hidden", "clip", "scroll", "auto")


def out_of_sight(declared: dict[str, Declared], state: State, shown: str) -> bool:
    """Whether the element's whole box is out of sight (its descendants with it)."""
    checks: tuple[Callable[[dict[str, Declared], State, str], bool], ...] = (
        _transparent, _shrunk, _moved, _clipped, _squeezed)
    for check in checks:
        try:
            if check(declared, state, shown):
                return True
        except Missing:
            continue  # a var() with no value leaves the property at its initial value
        except Unknown:
            return True  # a value this reader cannot compute: fail closed
    return False


def _transparent(declared: dict[str, Declared], state: State, shown: str) -> bool:
    tokens = value(declared, state, "opacity")
    if (tokens is not None and ident(tokens) not in ("inherit", "initial", "unset")
            and paint.number(tokens) <= _FAINT):
        return True
    if any(fn.type == "function" and fn.lower_name == "opacity" and fn.arguments
           and paint.number(fn.arguments) <= _FAINT
           for fn in significant(value(declared, state, "filter") or [])):
        return True
    # A mask decides per pixel what shows; this reader does not paint it, so fails closed.
    return any(ident(value(declared, state, name)) not in (None, "none", "initial", "unset")
               or (value(declared, state, name) and not ident(value(declared, state, name)))
               for name in ("mask", "mask-image", "-webkit-mask", "-webkit-mask-image")
               if name in declared)


def _shrunk(declared: dict[str, Declared], state: State, shown: str) -> bool:
    tokens = value(declared, state, "transform")
    if tokens is not None and ident(tokens) not in ("none", "inherit", "initial", "unset"):
        area, dx, dy = paint.transform(tokens, state.font)
        if area < 0.01 or dx <= -FAR or dx >= WIDTH or dy <= -FAR:
            return True
        if keyword(declared, state, "backface-visibility") == "hidden" and paint.turned(tokens):
            return True  # turned away from the reader, and its back is not drawn
    moved = [t for t in significant(value(declared, state, "translate") or [])
             if t.type != "ident"]
    if moved:
        dx = paint.length(moved[0], state.font, WIDTH)
        dy = paint.length(moved[1], state.font, HEIGHT) if len(moved) > 1 else 0.0
        if dx <= -FAR or dx >= WIDTH or dy <= -FAR:
            return True
    turn = significant(value(declared, state, "rotate") or [])
    if turn and turn[0].type == "ident" and turn[0].lower_value in ("x", "y") and len(turn) > 1:
        return abs(paint.cosine(turn[-1])) < 0.1
    blur = [fn for fn in significant(value(declared, state, "filter") or [])
            if fn.type == "function" and fn.lower_name in ("blur", "contrast")]
    for fn in blur:
        args = significant(fn.arguments)
        if fn.lower_name == "blur" and args and paint.length(args[0], state.font) >= 4:
            return True
        if fn.lower_name == "contrast" and args and paint.number(args) <= _FAINT:
            return True
    return False


def magnification(declared: dict[str, Declared], state: State) -> float:
    """How much the element's transform, scale and zoom enlarge its text (0: unknown)."""
    factor = 1.0
    try:
        tokens = value(declared, state, "transform")
        if tokens is not None and ident(tokens) not in ("none", "inherit", "initial", "unset"):
            factor *= math.sqrt(paint.transform(tokens, state.font)[0])
        zoom = significant(value(declared, state, "zoom") or [])
        if zoom and zoom[0].type in ("number", "percentage"):
            found = paint.number(zoom)
            factor *= found if found > 0 else 1.0  # zoom: 0 means 1
        scale = significant(value(declared, state, "scale") or [])
        if scale and scale[0].type != "ident":
            factors = [abs(paint.number([t])) for t in scale]
            factor *= math.sqrt(factors[0] * (factors[1] if len(factors) > 1 else factors[0]))
    except Missing:
        return 1.0
    except Unknown:
        return 0.0
    return factor


def opacity(declared: dict[str, Declared], state: State) -> float:
    """The element's own opacity (0: unknown, fail closed); it multiplies down the tree."""
    try:
        tokens = value(declared, state, "opacity")
        if tokens is None or ident(tokens) in ("inherit", "initial", "unset"):
            return 1.0
        return min(1.0, max(0.0, paint.number(tokens)))
    except Missing:
        return 1.0
    except Unknown:
        return 0.0


def _offset(declared: dict[str, Declared], state: State, name: str, basis: float
            ) -> float | None:
    """A length property in px (percentages of `basis`); None when auto or not set."""
    tokens = significant(value(declared, state, name) or [])
    if len(tokens) != 1 or tokens[0].type == "ident":
        return None
    return paint.length(tokens[0], state.font, basis)


def _moved(declared: dict[str, Declared], state: State, shown: str) -> bool:
    position = keyword(declared, state, "position")
    if position in ("absolute", "fixed"):
        # Below the page: a fixed box never scrolls into view; an absolute one only
        # past a stretch of blank page no reader scrolls through.
        top = _offset(declared, state, "top", HEIGHT)
        bottom = _offset(declared, state, "bottom", HEIGHT)
        below = HEIGHT if position == "fixed" else DEEP
        if (top is not None and top >= below) or (bottom is not None and bottom <= -below):
            return True
    if position in ("absolute", "fixed", "relative", "sticky"):
        left = _offset(declared, state, "left", WIDTH)
        right = _offset(declared, state, "right", WIDTH)
        top = _offset(declared, state, "top", HEIGHT)
        bottom = _offset(declared, state, "bottom", HEIGHT)
        if ((left is not None and (left <= -FAR or left >= WIDTH))
                or (right is not None and (right >= WIDTH + FAR or right <= -WIDTH))
                or (top is not None and top <= -FAR)
                or (bottom is not None and bottom >= HEIGHT + FAR)):
            return True
    return _margins(declared, state) <= -FAR


def _margins(declared: dict[str, Declared], state: State) -> float:
    """The most negative left or top margin, in px."""
    found = [n for n in ("margin", "margin-left", "margin-top") if n in declared]
    least = 0.0
    for name in found:
        parts = significant(value(declared, state, name) or [])
        if name == "margin":
            picks = [parts[0], parts[3] if len(parts) > 3 else parts[1] if len(parts) > 1
                     else parts[0]] if parts else []
        else:
            picks = parts[:1]
        for token in picks:
            if token.type != "ident":
                least = min(least, paint.length(token, state.font, WIDTH))
    return least


def _clipped(declared: dict[str, Declared], state: State, shown: str) -> bool:
    for fn in significant(value(declared, state, "clip") or []):
        if fn.type == "function" and fn.lower_name == "rect":
            edges = [None if t.type == "ident" else paint.length(t, state.font, None)
                     for t in significant(fn.arguments) if t != ","]
            if len(edges) == 4:
                top, right, bottom, left = edges
                if (right is not None and left is not None and right - left <= _TINY) or (
                        top is not None and bottom is not None and bottom - top <= _TINY):
                    return True
    shape = significant(value(declared, state, "clip-path") or [])
    return any(_empty_shape(fn) for fn in shape)


def _empty_shape(fn: Node) -> bool:
    """A clip-path shape that leaves nothing; percentages of a 100 px box."""
    if fn.type == "ident":
        return False  # none, or a reference box: the whole box
    if fn.type != "function":
        return True
    name = fn.lower_name
    args = significant(fn.arguments)
    cut = next((i for i, t in enumerate(args) if t.type == "ident"
                and t.lower_value in ("round", "at")), len(args))
    sizes = [paint.length(t, 16.0, 100.0) for t in args[:cut] if t != ","
             and t.type != "ident"]
    if name == "inset":
        t, r, b, lft = _four(sizes)
        return t + b >= 100.0 - _TINY or r + lft >= 100.0 - _TINY
    if name in ("circle", "ellipse"):
        return bool(sizes) and min(sizes) <= 0.5
    if name == "polygon":
        return _polygon_area(sizes) <= 0.5
    return True  # url(), path() and shapes this reader does not measure: fail closed


def _four(sizes: list[float]) -> tuple[float, float, float, float]:
    if not sizes:
        raise Unknown
    t = sizes[0]
    r = sizes[1] if len(sizes) > 1 else t
    b = sizes[2] if len(sizes) > 2 else t
    lft = sizes[3] if len(sizes) > 3 else r
    return t, r, b, lft


def _polygon_area(coords: list[float]) -> float:
    points = list(zip(coords[0::2], coords[1::2], strict=False))
    if len(points) < 3:
        return 0.0
    twice = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in
                zip(points, points[1:] + points[:1], strict=True))
    return abs(twice) / 2


def _squeezed(declared: dict[str, Declared], state: State, shown: str) -> bool:
    """A box of (almost) no width or height that clips what overflows it."""
    if shown in ("inline", "contents"):
        return False
    overflow = {t.lower_value for n in ("overflow", "overflow-x", "overflow-y")
                for t in significant(value(declared, state, n) or []) if t.type == "ident"}
    contain = {t.lower_value for t in significant(value(declared, state, "contain") or [])
               if t.type == "ident"}
    if contain & {"strict", "size"} and "height" not in declared:
        return True  # size containment: the box is as tall as its content is ignored, 0
    if not overflow & set(_CLIPS) and not contain & {"strict", "content", "paint"}:
        return False
    for name, basis in (("width", WIDTH), ("height", HEIGHT), ("max-width", WIDTH),
                        ("max-height", HEIGHT)):
        size = _offset(declared, state, name, basis)
        if size is not None and size <= _TINY:
            return True
    return False
