"""What an exporter is, and the context every exporter reads from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factsheet.analysis import Analysis
    from factsheet.check.verify import Verification
    from factsheet.load.templates import Template
    from factsheet.model import Facts


@dataclass
class Context:
    """One sheet's analysis and template; rendered forms are made once, on first use."""

    analysis: Analysis
    template: Template | None = None
    progress: Callable[[str], None] | None = None  # told the stages of a long PDF

    @property
    def facts(self) -> Facts:
        """The sheet's valid facts."""
        return self.analysis.facts

    @property
    def verification(self) -> Verification | None:
        """The check's outcomes (None: not checked)."""
        return self.analysis.verification

    @cached_property
    def json(self) -> bytes:
        """The normalised facts as JSON (also attached to the PDF)."""
        # Imported on first use, for start-up: editions pulls in pydantic, which an
        # up-to-date build never needs.
        from factsheet.editions.facts_json import facts_json

        a = self.analysis
        return facts_json(a.facts, a.verification, a.silenced, a.history, a.groups_json)

    @cached_property
    def html(self) -> str:
        """The self-contained HTML page."""
        from factsheet.render.sheet import render_analysis  # start-up: Jinja only if rendering

        return render_analysis(self.analysis, self.need_template())

    def refill(self, fill: int) -> str:
        """The page with `fill` of its optional items: a one-page template fills its page."""
        from factsheet.render.sheet import render_analysis  # start-up: as above

        return render_analysis(self.analysis, self.need_template(), fill)

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
