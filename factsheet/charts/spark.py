"""A key-figure card's small chart: each report of a count as a mark over time."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from factsheet.charts.svg import (
    BAND,
    FAINT,
    INK,
    PAPER,
    RULE,
    Attr,
    Drawn,
    Target,
    el,
    links,
    num,
    svg,
    text,
)

Shape = Literal["dot", "bar", "up", "down"]

WIDTH, HEIGHT = 200.0, 86.0
RIGHT, TOP, BOTTOM = 192.0, 8.0, 66.0  # the plot area; its left edge fits the scale
SIZE = 11.0  # the labels' size: a card is narrow, so the chart is drawn small
STEP = 8.0  # between reports of one moment  # the plot area
ARROW = 12.0  # how far an open-ended count's arrow reaches


@dataclass(frozen=True)
class Mark:
    """One report: where it stands in time, the counts it allows, and what it links to."""

    x: float  # the moment, in days
    low: int
    high: int | None  # None: no upper bound
    stated: float  # the number the report states, where the line passes
    shape: Shape  # a point, a bar (an interval), or an arrow (an open-ended count)
    href: str
    hint: str  # "at least 398 on August 4 (Health ministry)"
    standing: bool = True  # False: revised by a later report of the group
    retracted: bool = False
    moment: int = 0  # index of the moment class it belongs to
    series: int = 0  # index of its claimant's series: one line per claimant, never across
    estimate: bool = False  # an estimate or projection: drawn dashed, apart from counts


@dataclass(frozen=True)
class Band:
    """Where reports of one moment differ: the envelope of what they allow."""

    moment: int
    low: int
    high: int | None


def nice_ceiling(value: float) -> int:
    """The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) >= value."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)  # pragma: no cover - the loop always returns


def scale(top: float) -> list[int]:
    """The value ticks, from zero: three to five round steps (1, 2, 2.5 or 5 times a power of
    ten), the last at or above `top`; the fewest steps that reach it, then the lowest top."""
    top = max(top, 1.0)
    best: list[int] | None = None
    power = 10 ** max(math.floor(math.log10(top)) - 1, 0)
    for factor in (power, power * 10):
        for step_of in (1, 2, 2.5, 5):
            step = step_of * factor
            if step != int(step):
                continue
            n = max(math.ceil(top / step), 2)
            if n <= 4 and (best is None or n * step < best[-1]):
                best = [int(k * step) for k in range(n + 1)]
    return best if best is not None else [0, nice_ceiling(top) // 2, nice_ceiling(top)]


def spaced(ticks: Sequence[tuple[float, str]], width: Callable[[str], float],
           gap: float = 3.0) -> list[tuple[float, str]]:
    """The date ticks that fit side by side, the first and last always; the others while
    they clear their neighbours (centred on their places, the ends kept inside the chart)."""
    if len(ticks) < 3:
        return list(ticks)
    kept = [ticks[0]]
    for x, words in ticks[1:-1]:
        if x - width(words) / 2 > kept[-1][0] + width(kept[-1][1]) / 2 + gap and (
                x + width(words) / 2 + gap < ticks[-1][0] - width(ticks[-1][1]) / 2):
            kept.append((x, words))
    return [*kept, ticks[-1]]


def sparkline(marks: Sequence[Mark], bands: Sequence[Band], ticks: Sequence[tuple[float, str]],
              title: str, desc: str, number: Callable[[int], str]) -> Drawn:
    """The chart: time across, count up from zero; marks over bands, linked to their reports.

    `ticks` are the dates of the marks, in order; those with room are written under the axis.
    """
    xs = [m.x for m in marks]
    first, last = min(xs), max(xs)
    tops = [m.high if m.high is not None else m.low * 1.2 for m in marks]
    tops += [b.low * 1.2 for b in bands if b.high is None]
    values = scale(max([*tops, 1]))
    ceiling = values[-1]
    left = 6 + 0.62 * SIZE * len(number(ceiling))  # room for the scale's widest label
    spread: dict[int, list[Mark]] = {}
    for m in marks:
        spread.setdefault(m.moment, []).append(m)
    pad = 6 + STEP * (max(len(ms) for ms in spread.values()) - 1) / 2

    def at_x(x: float) -> float:
        span = last - first
        return (left + RIGHT) / 2 if span == 0 else left + pad + (x - first) / span * (
            RIGHT - left - 2 * pad)

    def at_y(n: float) -> float:
        return BOTTOM - min(n, ceiling) / ceiling * (BOTTOM - TOP)

    # Reports of one moment sit side by side, so none hides another.
    place = {id(m): at_x(m.x) + (i - (len(ms) - 1) / 2) * STEP
             for ms in spread.values() for i, m in enumerate(ms)}
    centre = {k: sum(place[id(m)] for m in ms) / len(ms) for k, ms in spread.items()}

    body = [*_scale(values, left, at_y, number), *_dates(ticks, left, at_x)]
    for b in bands:
        width = max(len(spread[b.moment]) * STEP + 6, 12)
        top = TOP if b.high is None else at_y(b.high)
        body.append(el("rect", {"x": centre[b.moment] - width / 2, "y": top, "width": float(width),
                                "height": at_y(b.low) - top, "fill": BAND}))
    for line, dashed in _lines(marks, place, at_y):
        dash: dict[str, Attr] = {"stroke-dasharray": "3 2"} if dashed else {}
        body.append(el("polyline", {"points": " ".join(f"{num(x)},{num(y)}" for x, y in line),
                                    "fill": "none", "stroke": INK, "stroke-width": 1.2,
                                    "stroke-linejoin": "round", **dash}))
    targets: list[Target] = []
    for m in marks:
        shapes, (top, bottom) = _mark(m, place[id(m)], at_y)
        body += shapes
        targets.append((m.href, m.hint, place[id(m)] - 5, top - 3, 10.0, bottom - top + 6))
    return Drawn(svg(WIDTH, HEIGHT, title, desc, *body, css_class="chart spark"),
                 links(WIDTH, HEIGHT, targets))


def _scale(values: Sequence[int], left: float, at_y: Callable[[float], float],
           number: Callable[[int], str]) -> list[str]:
    """The base line, and a faint rule at each step of the scale, so a mark can be read off."""
    body = [el("line", {"x1": left, "y1": BOTTOM, "x2": RIGHT, "y2": BOTTOM, "stroke": RULE,
                        "stroke-width": 1.0})]
    for value in values:
        y = at_y(value)
        if value:
            body.append(el("line", {"x1": left, "y1": y, "x2": RIGHT, "y2": y, "stroke": RULE,
                                    "stroke-width": 0.5, "stroke-dasharray": "2 2"}))
        body.append(text(left - 4, y + 4, number(value), anchor="end", size=SIZE))
    return body


def _dates(ticks: Sequence[tuple[float, str]], left: float,
           at_x: Callable[[float], float]) -> list[str]:
    """A tick for every mark's date; the words where they have room, inside the chart."""
    def wide(words: str) -> float:
        return 0.55 * SIZE * len(words)

    def inside(x: float, words: str) -> float:
        return min(max(x, left + wide(words) / 2), WIDTH - wide(words) / 2)

    body = [el("line", {"x1": at_x(x), "y1": BOTTOM, "x2": at_x(x), "y2": BOTTOM + 3,
                        "stroke": RULE, "stroke-width": 1.0}) for x, _ in ticks]
    for x, words in spaced([(inside(at_x(x), w), w) for x, w in ticks], wide):
        body.append(text(x, HEIGHT - 4, words, anchor="middle", size=SIZE))
    return body


def _lines(marks: Sequence[Mark], place: dict[int, float],
           at_y: Callable[[float], float]) -> list[tuple[list[tuple[float, float]], bool]]:
    """One line per claimant series through its reports (withdrawn ones left out), in time.

    Two claimants' counts are never joined: 5,300 by one and 20,000 by another is no rise.
    An estimate's line is dashed, so it is not read as a count.
    """
    out: list[tuple[list[tuple[float, float]], bool]] = []
    for k in sorted({m.series for m in marks}):
        for dashed in (False, True):
            mine = sorted((m for m in marks if m.series == k and m.estimate == dashed
                           and not m.retracted), key=lambda m: place[id(m)])
            if len(mine) > 1:
                out.append(([(place[id(m)], at_y(m.stated)) for m in mine], dashed))
    return out


def _mark(m: Mark, x: float,
          at_y: Callable[[float], float]) -> tuple[list[str], tuple[float, float]]:
    """A report's shapes, and how high they reach (top, bottom)."""
    colour = INK if m.standing else FAINT
    fill = PAPER if m.retracted or m.estimate else colour  # withdrawn, estimated: hollow
    stroke: dict[str, Attr] = {"stroke": colour, "stroke-width": 1.2}
    if m.estimate:
        stroke["stroke-dasharray"] = "2 1.5"
    if m.shape == "dot":
        y = at_y(m.low)
        return [el("circle", {"cx": x, "cy": y, "r": 3.0, "fill": fill, **stroke})], (y - 3, y + 3)
    if m.shape == "bar":
        top, bottom = at_y(m.high if m.high is not None else m.low), at_y(m.low)
        return [el("rect", {"x": x - 2.5, "y": top, "width": 5.0,
                            "height": max(bottom - top, 1.5), "fill": fill, **stroke})], (
            top, bottom)
    # An open-ended count: a cap at its bound and an arrow pointing the way it is open.
    bound = at_y(m.low if m.shape == "up" else (m.high or 0))
    sign = -1 if m.shape == "up" else 1
    tip = bound + sign * ARROW
    return [
        el("line", {"x1": x - 4, "y1": bound, "x2": x + 4, "y2": bound, **stroke}),
        el("line", {"x1": x, "y1": bound, "x2": x, "y2": tip, **stroke}),
        el("path", {"d": f"M{num(x - 3)},{num(tip - sign * 4)} L{num(x)},{num(tip)} "
                         f"L{num(x + 3)},{num(tip - sign * 4)} Z", "fill": fill, **stroke}),
    ], (min(bound, tip), max(bound, tip))
