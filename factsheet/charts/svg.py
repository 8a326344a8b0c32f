"""A small deterministic SVG writer: fixed attribute order, fixed decimals, escaped text."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

Attr = str | float | int | None

# Presentation attributes, not CSS: WeasyPrint draws inline SVG with its own renderer,
# which the page's stylesheet does not reach.
INK = "#1f4e79"
MUTED = "#555555"
FAINT = "#8a8f98"
RULE = "#c9ced6"
BAND = "#c9d6e6"
PAPER = "#ffffff"
FONT = "Inter, 'Helvetica Neue', Arial, sans-serif"


def num(x: float) -> str:
    """A coordinate with at most one decimal, never `-0`: the same bytes on every machine."""
    text = f"{round(x, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def el(tag: str, attrs: dict[str, Attr] | None = None, *children: str) -> str:
    """One element; attributes in the order given, None ones left out; children verbatim."""
    parts = [tag]
    for name, value in (attrs or {}).items():
        if value is None:
            continue
        text = num(value) if isinstance(value, float) else str(value)
        parts.append(f'{name}="{escape(text)}"')
    head = " ".join(parts)
    if not children:
        return f"<{head}/>"
    return f"<{head}>{''.join(children)}</{tag}>"


def text(x: float, y: float, words: str, *, anchor: str = "start", size: float = 9.0,
         fill: str = MUTED) -> str:
    """A label drawn as text in the sheet's font, so the PDF keeps it searchable."""
    return el("text", {"x": float(x), "y": float(y), "font-size": float(size),
                       "font-family": FONT, "text-anchor": anchor, "fill": fill},
              str(escape(words)))


Target = tuple[str, str, float, float, float, float]  # href, hint, x, y, width, height


@dataclass(frozen=True)
class Drawn:
    """A chart: the image, and the layer of links laid over it in the HTML."""

    svg: Markup
    links: Markup


def links(width: float, height: float, targets: list[Target]) -> Markup:
    """A see-through layer laid over a chart: each mark's area links to its entry."""
    # Not inside the chart: an image (role="img") may hold no links. Hidden from assistive
    # technology and out of the tab order, because the card's text and the lists carry the
    # same links for keyboards and screen readers; left out of print by the stylesheet.
    return Markup(el("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "class": "chart-links", "aria-hidden": "true",
        "viewBox": f"0 0 {num(width)} {num(height)}",
        "width": num(width), "height": num(height),
    }, *(el("a", {"href": href, "tabindex": "-1"}, el("title", None, str(escape(hint))),
            el("rect", {**_inside(x, y, w, h, width, height), "fill": PAPER,
                        "fill-opacity": 0.0}))
         for href, hint, x, y, w, h in targets)))


def _inside(x: float, y: float, w: float, h: float, width: float, height: float
            ) -> dict[str, float]:
    """A mark's link area, cut to the chart (a mark at the edge would reach outside it)."""
    left, top = max(x, 0.0), max(y, 0.0)
    right, bottom = min(x + w, width), min(y + h, height)
    return {"x": left, "y": top, "width": max(right - left, 1.0),
            "height": max(bottom - top, 1.0)}


def svg(width: float, height: float, title: str, desc: str, *body: str,
        css_class: str = "chart") -> Markup:
    """An inline chart: an image whose name is `title` and whose description is `desc`."""
    # WeasyPrint tags an inline <svg> as a PDF Figure whose alt text is its first <title>.
    return Markup(el("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "class": css_class, "role": "img",
        "viewBox": f"0 0 {num(width)} {num(height)}",
        "width": num(width), "height": num(height),
    }, el("title", None, str(escape(title))), el("desc", None, str(escape(desc))), *body))
