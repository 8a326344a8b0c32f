"""Computed values: an element's inherited state, and its declarations with var() filled in."""

from __future__ import annotations

from dataclasses import dataclass, field

from tinycss2.ast import FunctionBlock, Node, ParenthesesBlock

from factsheet.check.paint import Unknown, significant
from factsheet.check.style import Declared

_SUBSTITUTION_BUDGET = 10_000  # tokens a var() expansion may produce (a nested var bomb)
_NESTING = 32  # functions and brackets inside one another
READABLE = 5.0  # px: text drawn smaller than this is no text any reader can read


@dataclass(frozen=True)
class State:
    """What an element passes on to its content: inherited values and subtree effects."""

    visible: bool = True
    alpha: float = 1.0  # the text colour's alpha
    fill: float | None = None  # -webkit-text-fill-color's alpha, which paints over `color`
    rgb: tuple[float, float, float] | None = (0.0, 0.0, 0.0)  # the text colour (None: unknown)
    fill_rgb: tuple[float, float, float] | None = None  # -webkit-text-fill-color's, when set
    # The nearest declared background colour; the canvas is white where the page says nothing.
    ground: tuple[float, float, float] | None = (1.0, 1.0, 1.0)
    font: float = 16.0  # px
    opacity: float = 1.0  # the product of this box's and its ancestors' opacities
    magnify: float = 1.0  # what transforms, scale and zoom of this box and its ancestors do
    pre: bool = False
    indent: float = 0.0
    spacing: float = 0.0  # letter-spacing, px: letters pulled onto each other are no text
    struck: bool = False  # decorations propagate to every descendant's text
    gone: bool = False  # the subtree paints nothing: opacity, scale, clip, off-screen
    reordered: bool = False  # a bidi override: displayed in another order than stored
    rtl: bool = False  # the inline direction is right to left
    plaintext: bool = False  # unicode-bidi: plaintext: the text's first letter sets it
    link: bool = False
    raised: bool = False
    custom: dict[str, list[Node]] = field(default_factory=dict)
    display: str = "block"

    @property
    def paints(self) -> bool:
        """Whether text in this state reaches a reader's eyes as a claim."""
        colour = self.alpha if self.fill is None else self.fill
        # Opacity composes: 0.1 inside 0.1 is 0.01, as faint as one box at 0.01.
        return (self.visible and not self.gone and not self.struck
                and colour * self.opacity > 0.05
                and not self.camouflaged
                and self.font * self.magnify >= READABLE and abs(self.indent) < 500
                and self.spacing > -0.5 * self.font)


    @property
    def camouflaged(self) -> bool:
        """Text in (almost) the colour of the background the page gives it."""
        painted = self.rgb if self.fill is None else self.fill_rgb
        if painted is None or self.ground is None:
            return False
        return max(abs(a - b) for a, b in zip(painted, self.ground, strict=True)) < 0.03


class Missing(Unknown):
    """A var() with no value: the property is unset, as a browser treats it."""


def _substitute(tokens: list[Node], custom: dict[str, list[Node]], budget: list[int],
                depth: int = 0, nest: int = 0) -> list[Node]:
    if depth > 16:
        raise Missing
    if nest > _NESTING:
        raise Unknown  # no style nests this deep: judged unreadable, so hidden
    out: list[Node] = []
    for t in tokens:
        budget[0] -= 1
        if budget[0] < 0:
            raise Missing
        if t.type == "function" and t.lower_name == "var":
            out.extend(_var(t, custom, budget, depth))
        elif t.type == "function":
            out.append(FunctionBlock(t.source_line, t.source_column, t.name,
                                     _substitute(t.arguments, custom, budget, depth, nest + 1)))
        elif t.type == "() block":
            out.append(ParenthesesBlock(t.source_line, t.source_column,
                                        _substitute(t.content, custom, budget, depth, nest + 1)))
        else:
            out.append(t)
    return out


def _var(token: Node, custom: dict[str, list[Node]], budget: list[int], depth: int
         ) -> list[Node]:
    args = token.arguments
    comma = next((i for i, a in enumerate(args) if a == ","), len(args))
    name = significant(args[:comma])
    if len(name) != 1 or name[0].type != "ident":
        raise Missing
    if name[0].value in custom:
        return _substitute(custom[name[0].value], custom, budget, depth + 1)
    if comma < len(args):
        return _substitute(args[comma + 1:], custom, budget, depth + 1)
    raise Missing


def value(declared: dict[str, Declared], state: State, *names: str) -> list[Node] | None:
    """The winning value among properties that set one thing (a longhand and shorthand)."""
    found = [declared[n] for n in names if n in declared]
    if not found:
        return None
    best = max(found, key=lambda d: d.rank)
    return _substitute(best.value, state.custom, [_SUBSTITUTION_BUDGET])


def ident(tokens: list[Node] | None) -> str | None:
    parts = significant(tokens or [])
    return parts[0].lower_value if parts and parts[0].type == "ident" else None


def keyword(declared: dict[str, Declared], state: State, name: str) -> str | None:
    try:
        return ident(value(declared, state, name))
    except Unknown:
        return None  # a var() with no value: unset


def custom_of(declared: dict[str, Declared], parent: State) -> dict[str, list[Node]]:
    own = {n: d.value for n, d in declared.items() if n.startswith("--")}
    return {**parent.custom, **own} if own else parent.custom


