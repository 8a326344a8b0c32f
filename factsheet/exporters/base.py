"""What an exporter is, and the context every exporter reads from."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factsheet.check.verify import Verification
    from factsheet.editions import History
    from factsheet.errors import Diagnostic
    from factsheet.load.templates import Template
    from factsheet.model import Facts


@dataclass
class Context:
    """One sheet's facts and verification; rendered forms are made once, on first use."""

    facts: Facts
    verification: Verification
    template: Template | None = None
    silenced: Sequence[Diagnostic] = ()  # warnings the sheet ignores, listed in its JSON
    history: History | None = None  # its edition and the changes since its baseline
    progress: Callable[[str], None] | None = None  # told the stages of a long PDF

    @cached_property
    def json(self) -> bytes:
        """The normalised facts as JSON (also attached to the PDF)."""
        # Imported on first use, for start-up: editions pulls in pydantic, which an
        # up-to-date build never needs.
        from factsheet.editions.facts_json import facts_json

        return facts_json(self.facts, self.verification, self.silenced, self.history)

    @cached_property
    def html(self) -> str:
        """The self-contained HTML page."""
        from factsheet.render.sheet import render_html  # start-up: Jinja only when rendering

        return render_html(self.facts, self.need_template(), self.verification, self.history)

    def refill(self, fill: int) -> str:
        """The page with `fill` of its optional items: a one-page template fills its page."""
        from factsheet.render.sheet import render_html

        return render_html(self.facts, self.need_template(), self.verification, self.history,
                           fill)

    def need_template(self) -> Template:
        """The resolved template; the build resolves (and records) it before exporting."""
        if self.template is None:
            raise AssertionError("this format needs a template; resolve it first")  # our bug
        return self.template


@dataclass(frozen=True)
class Exporter:
    """One output format: its name on the command line, its file suffix, how it is made."""

    name: str
    suffix: str  # the file is <slug>.<suffix>
    export: Callable[[Context], bytes]
    uses_template: bool = False
