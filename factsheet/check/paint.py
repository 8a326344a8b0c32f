"""Computed CSS values that decide whether text paints: lengths, opacity, colour, transforms."""

from __future__ import annotations

import math
from collections.abc import Callable

from tinycss2 import color4
from tinycss2.ast import Node

# Units as CSS pixels, judged on the desktop screen of media.VIEWPORT.
_ABSOLUTE = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54,
             "mm": 96 / 25.4, "q": 96 / 101.6, "vw": 12.8, "vh": 8.0, "vmin": 8.0,
             "vmax": 12.8, "svw": 12.8, "lvw": 12.8, "dvw": 12.8, "svh": 8.0, "lvh": 8.0,
             "dvh": 8.0}
_FONT_RELATIVE = {"em": 1.0, "rem": 1.0, "ex": 0.5, "ch": 0.5, "cap": 0.7, "ic": 1.0,
                  "lh": 1.2, "rlh": 1.2}
_KEYWORD_SIZES = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0,
                  "large": 18.0, "x-large": 24.0, "xx-large": 32.0, "xxx-large": 48.0}
_MATH = ("calc", "min", "max", "clamp", "-webkit-calc", "-moz-calc")
# Nesting deeper than this is not a style anyone writes: it is judged as unreadable.
_DEPTH = 32


class Unknown(Exception):
    """A value this reader cannot compute (callers then fail closed)."""


def significant(tokens: list[Node]) -> list[Node]:
    """The tokens that carry meaning (no whitespace or comments)."""
    return [t for t in tokens if t.type not in ("whitespace", "comment")]


def length(token: Node, em: float, percent: float | None = None, depth: int = 0) -> float:
    """A length (or number) in px; `percent` is what 100% is; Unknown when not computable."""
    if depth > _DEPTH:
        raise Unknown
    kind = token.type
    if kind == "number":
        return float(token.value)
    if kind == "percentage":
        if percent is None:
            raise Unknown
        return float(token.value) * percent / 100
    if kind == "dimension":
        unit = token.lower_unit
        if unit in _ABSOLUTE:
            return float(token.value) * _ABSOLUTE[unit]
        if unit in _FONT_RELATIVE:
            return float(token.value) * _FONT_RELATIVE[unit] * (16.0 if unit[0] == "r" else em)
        raise Unknown
    if kind == "function" and token.lower_name in _MATH:
        return _math(token, em, percent, depth + 1)
    if kind == "() block":
        return _sum(significant(token.content), em, percent, depth + 1)
    raise Unknown


def _math(token: Node, em: float, percent: float | None, depth: int) -> float:
    args = _split_commas(token.arguments)
    values = [_sum(a, em, percent, depth) for a in args]
    name = token.lower_name.removeprefix("-webkit-").removeprefix("-moz-")
    if name == "calc" and len(values) == 1:
        return values[0]
    if name == "min" and values:
        return min(values)
    if name == "max" and values:
        return max(values)
    if name == "clamp" and len(values) == 3:
        return max(values[0], min(values[1], values[2]))
    raise Unknown


def _split_commas(tokens: list[Node]) -> list[list[Node]]:
    parts: list[list[Node]] = [[]]
    for t in tokens:
        if t == ",":
            parts.append([])
        elif t.type not in ("whitespace", "comment"):
            parts[-1].append(t)
    return parts


def _sum(tokens: list[Node], em: float, percent: float | None, depth: int) -> float:
    """A calc() sum of products, left to right."""
    if not tokens:
        raise Unknown
    total, sign, i = 0.0, 1.0, 0
    while i < len(tokens):
        value, i = _product(tokens, i, em, percent, depth)
        total += sign * value
        if i < len(tokens):
            op = tokens[i]
            if op not in ("+", "-"):
                raise Unknown
            sign, i = (1.0 if op == "+" else -1.0), i + 1
    return total


def _product(tokens: list[Node], i: int, em: float, percent: float | None, depth: int
             ) -> tuple[float, int]:
    value = length(tokens[i], em, percent, depth)
    i += 1
    while i < len(tokens) and tokens[i] in ("*", "/"):
        if i + 1 >= len(tokens):
            raise Unknown
        right = length(tokens[i + 1], em, percent, depth)
        if tokens[i] == "*":
            value *= right
        elif right == 0:
            raise Unknown
        else:
            value /= right
        i += 2
    return value, i


def number(tokens: list[Node]) -> float:
    """One number or percentage (as a fraction when `%`), e.g. an opacity."""
    parts = significant(tokens)
    if len(parts) != 1:
        raise Unknown
    token = parts[0]
    if token.type == "percentage":
        return float(token.value) / 100
    return length(token, 16.0, 1.0)


def alpha(tokens: list[Node]) -> float | None:
    """A colour's alpha; None for currentcolor (the inherited colour's); Unknown if invalid."""
    parts = significant(tokens)
    if len(parts) != 1:
        raise Unknown
    if parts[0].type == "ident" and parts[0].lower_value == "currentcolor":
        return None
    color = color4.parse_color(parts[0])
    if color is None or isinstance(color, str):
        raise Unknown
    return float(color.alpha)


def rgb(tokens: list[Node]) -> tuple[float, float, float] | None:
    """A colour's sRGB channels (0-1); None for currentcolor or a space not converted."""
    parts = significant(tokens)
    if len(parts) != 1:
        raise Unknown
    color = color4.parse_color(parts[0])
    if color is None:
        raise Unknown
    if isinstance(color, str):
        return None
    try:
        red, green, blue = color.to("srgb").coordinates
    except (NotImplementedError, ValueError, TypeError):
        return None
    return (float(red), float(green), float(blue))


def background(tokens: list[Node]) -> tuple[float, float, float] | bool | None:
    """A background's opaque colour; False when it paints an image (colour unknown)."""
    found: tuple[float, float, float] | bool | None = None
    for token in significant(tokens):
        if token.type in ("url", "function") and (token.type == "url" or token.lower_name in (
                "url", "linear-gradient", "radial-gradient", "conic-gradient", "image-set",
                "repeating-linear-gradient", "repeating-radial-gradient", "image")):
            return False
        color = color4.parse_color(token)
        if color is not None and not isinstance(color, str) and float(color.alpha) >= 0.99:
            found = rgb([token])
    return found


def font_size(tokens: list[Node], parent: float) -> float:
    """The font-size property in px."""
    parts = significant(tokens)
    if len(parts) != 1:
        raise Unknown
    token = parts[0]
    if token.type == "ident":
        word = token.lower_value
        if word in _KEYWORD_SIZES:
            return _KEYWORD_SIZES[word]
        if word in ("larger", "smaller"):
            return parent * (1.2 if word == "larger" else 1 / 1.2)
        raise Unknown
    return length(token, parent, parent)


def font_shorthand_size(tokens: list[Node], parent: float) -> float:
    """The size inside the `font` shorthand: the token before `/` or before the family."""
    parts = significant(tokens)
    if len(parts) == 1 and parts[0].type == "ident":
        return parent  # a system font keyword (caption, menu...): a readable size
    for i, token in enumerate(parts):
        if token.type == "ident" and token.lower_value in _KEYWORD_SIZES:
            return _KEYWORD_SIZES[token.lower_value]
        after = parts[i + 1] if i + 1 < len(parts) else None
        sized = token.type in ("dimension", "percentage", "function") or (
            token.type == "number" and after is not None and (after == "/" or after.type in (
                "ident", "string")))
        if sized and not (token.type == "number" and token.value >= 1 and after != "/"):
            return length(token, parent, parent)
    raise Unknown


def _angle(token: Node) -> float:
    if token.type == "number" and token.value == 0:
        return 0.0
    if token.type != "dimension":
        raise Unknown
    per = {"deg": math.pi / 180, "rad": 1.0, "grad": math.pi / 200, "turn": 2 * math.pi}
    if token.lower_unit not in per:
        raise Unknown
    return float(token.value) * per[token.lower_unit]


def cosine(token: Node) -> float:
    """The cosine of an angle token."""
    return math.cos(_angle(token))


def turned(tokens: list[Node]) -> bool:
    """Whether a transform turns the box's back to the reader (rotateX/Y past 90 degrees)."""
    facing = 1.0
    for fn in significant(tokens):
        if fn.type == "function" and fn.lower_name in ("rotatex", "rotatey"):
            args = significant(fn.arguments)
            if args:
                facing *= cosine(args[0])
    return facing < 0


def _scales(name: str, args: list[float | Node]) -> tuple[float, float]:
    nums = [a for a in args if isinstance(a, float)]
    if name in ("scale", "scale3d"):
        return (nums[0], nums[1] if len(nums) > 1 else nums[0]) if nums else (1.0, 1.0)
    if name == "scalex":
        return (nums[0] if nums else 1.0, 1.0)
    if name == "scaley":
        return (1.0, nums[0] if nums else 1.0)
    if name in ("matrix", "matrix3d") and len(nums) >= 4:
        a, b, c, d = (nums[0], nums[1], nums[2], nums[3]) if name == "matrix" else (
            nums[0], nums[1], nums[4], nums[5])
        det = a * d - b * c
        return (det, 1.0)
    return (1.0, 1.0)


_MOVES: dict[str, Callable[[list[float]], tuple[float, float]]] = {
    "translate": lambda v: (v[0], v[1] if len(v) > 1 else 0.0),
    "translatex": lambda v: (v[0], 0.0), "translatey": lambda v: (0.0, v[0]),
    "translate3d": lambda v: (v[0], v[1] if len(v) > 1 else 0.0),
}


def transform(tokens: list[Node], em: float) -> tuple[float, float, float]:
    """(area scale, x shift, y shift) of a transform list, in px; Unknown if unreadable."""
    area, dx, dy = 1.0, 0.0, 0.0
    for fn in significant(tokens):
        if fn.type == "ident" and fn.lower_value == "none":
            continue
        if fn.type != "function":
            raise Unknown
        name = fn.lower_name
        raw = [a[0] for a in _split_commas(fn.arguments) if len(a) == 1]
        if name.startswith("rotate") or name.startswith("skew"):
            turned = [_angle(a) for a in raw]
            if name in ("rotatex", "rotatey") or name.startswith("skew"):
                area *= min(abs(math.cos(a)) for a in turned) if turned else 1.0
            continue
        if name in ("perspective",):
            continue
        values = [length(a, em, None) if a.type != "percentage" else
                  float(a.value) / 100 * 1000 for a in raw]
        if name in _MOVES:
            x, y = _MOVES[name](values)
            dx, dy = dx + x, dy + y
            continue
        if name == "translatez":
            continue
        sx, sy = _scales(name, [float(v) for v in values])
        area *= sx * sy if name not in ("matrix", "matrix3d") else sx
        if name not in ("scale", "scale3d", "scalex", "scaley", "scalez", "matrix",
                        "matrix3d"):
            raise Unknown
    return abs(area), dx, dy
