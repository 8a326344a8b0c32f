"""The timeline's time axis: events as dots, spans as bars; long empty stretches cut short."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factsheet.charts.svg import INK, RULE, Drawn, Target, el, links, svg, text

WIDTH = 400.0
LEFT, RIGHT = 6.0, 394.0
PAD = 8.0  # inside each stretch of the axis, so end marks are not cut
CUT = 18.0  # the room a cut in the axis takes
LANE = 8.0
MAX_CUTS = 2
FLOOR = 0.16  # the least share of the axis a stretch gets: room for its two dates


@dataclass(frozen=True)
class Item:
    """An event, or a span when `end` is set; times in days."""

    start: float
    end: float | None
    href: str
    hint: str


def stretches(items: Sequence[Item]) -> list[tuple[float, float]]:
    """The stretches of time the axis shows: cut where a gap is over a quarter of the whole."""
    ordered = sorted(items, key=lambda i: i.start)
    first = ordered[0].start
    last = max(i.end if i.end is not None else i.start for i in items)
    gaps: list[tuple[float, float, float]] = []  # (length, from, to)
    reach = first
    for item in ordered:
        if item.start - reach > max((last - first) / 4, 1.0):
            gaps.append((item.start - reach, reach, item.start))
        reach = max(reach, item.end if item.end is not None else item.start)
    cuts = sorted(sorted(gaps, reverse=True)[:MAX_CUTS], key=lambda g: g[1])
    out, start = [], first
    for _, before, after in cuts:
        out.append((start, before))
        start = after
    out.append((start, last))
    return out


def shares(items: Sequence[Item], parts: Sequence[tuple[float, float]],
           room: float) -> list[float]:
    """Each stretch's width: a small floor each, the rest by how many entries it holds, so
    the crisis (where the entries are) takes most of the axis, not a lone early event."""
    if len(parts) == 1:
        return [room]
    floor = min(FLOOR * room, room / len(parts))
    counts = [sum(1 for i in items if a <= i.start <= b) for a, b in parts]
    total = sum(counts) or 1
    return [floor + (room - floor * len(parts)) * n / total for n in counts]


def _stretches(parts: Sequence[tuple[float, float]], widths: Sequence[float],
               lefts: Sequence[float], axis: float, height: float,
               when: Callable[[float], str]) -> list[str]:
    """Each stretch's line and dates, and the `//` of a cut before every stretch but the first."""
    body: list[str] = []
    for k, (a, b) in enumerate(parts):
        width = widths[k]
        body.append(el("line", {"x1": lefts[k], "y1": axis, "x2": lefts[k] + width, "y2": axis,
                                "stroke": RULE, "stroke-width": 1.5}))
        if k:  # a cut: the time between two stretches is left out
            x = lefts[k] - CUT / 2
            body += [el("line", {"x1": x + dx - 2, "y1": axis + 4, "x2": x + dx + 2,
                                 "y2": axis - 4, "stroke": RULE, "stroke-width": 1.0})
                     for dx in (-2.0, 2.0)]
        # A stretch too narrow for both its dates (a lone early event) says where it starts.
        both = 0.55 * 9.0 * (len(when(a)) + len(when(b))) + 6 < width - 2 * PAD
        if b == a or not both:
            body.append(text(lefts[k] + width / 2, height - 3, when(a), anchor="middle"))
            continue
        body.append(text(lefts[k] + PAD, height - 3, when(a)))
        if when(b) != when(a):
            body.append(text(lefts[k] + width - PAD, height - 3, when(b), anchor="end"))
    return body


def time_axis(items: Sequence[Item], when: Callable[[float], str], title: str,
              desc: str) -> Drawn:
    """The axis: one line per stretch, cuts between them, each item linked to its entry."""
    parts = stretches(items)
    widths = shares(items, parts, RIGHT - LEFT - CUT * (len(parts) - 1))
    lefts = [LEFT + sum(widths[:k]) + k * CUT for k in range(len(parts))]

    def at(x: float) -> float:
        k = max(i for i, (a, _) in enumerate(parts) if a <= x)
        a, b = parts[k]
        if b == a:
            return lefts[k] + widths[k] / 2
        return lefts[k] + PAD + (x - a) / (b - a) * (widths[k] - 2 * PAD)

    lanes: list[float] = []  # each lane's rightmost end so far
    bars: list[tuple[int, Item]] = []
    for item in sorted((i for i in items if i.end is not None), key=lambda i: i.start):
        lane = next((n for n, end in enumerate(lanes) if end + 3 < at(item.start)), len(lanes))
        if lane == len(lanes):
            lanes.append(0.0)
        lanes[lane] = at(item.end or item.start)
        bars.append((lane, item))
    stacks: dict[int, int] = {}
    dots: list[tuple[int, Item]] = []
    for item in sorted((i for i in items if i.end is None), key=lambda i: i.start):
        column = round(at(item.start) / 5)
        stacks[column] = stacks.get(column, 0) + 1
        dots.append((stacks[column] - 1, item))
    rise = max(stacks.values(), default=1) * 7.0
    axis = 6.0 + len(lanes) * LANE + rise
    height = axis + 16.0

    body = _stretches(parts, widths, lefts, axis, height, when)
    targets: list[Target] = []
    for lane, item in bars:
        y = axis - rise - (lane + 1) * LANE + 1
        left = at(item.start)
        wide = max(at(item.end or item.start) - left, 3.0)
        body.append(el("rect", {"x": left, "y": y, "width": wide, "height": LANE - 3,
                                "fill": INK, "rx": 1.5}))
        targets.append((item.href, item.hint, left, y - 1, wide, LANE - 1))
    for level, item in dots:
        x, y = at(item.start), axis - level * 7.0
        body.append(el("circle", {"cx": x, "cy": y, "r": 3.0, "fill": INK,
                                  "stroke": "#ffffff", "stroke-width": 1.0}))
        targets.append((item.href, item.hint, x - 4, y - 3.5, 8.0, 7.0))
    return Drawn(svg(WIDTH, height, title, desc, *body, css_class="chart time-axis"),
                 links(WIDTH, height, targets))
