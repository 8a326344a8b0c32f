"""Stage 6, analysis: everything derived from a sheet's facts, made once per build.

The facts, their reconciled groups, the check's verification and the edition history: the
view, the exporters and `serve` read them from here instead of deriving them again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from factsheet.check.verify import Verification
from factsheet.editions import History
from factsheet.errors import Diagnostic
from factsheet.model import Facts
from factsheet.reconcile import Group, as_json, groups

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True)
class Analysis:
    """One sheet's facts with what the build derived from them, each made once."""

    facts: Facts
    groups: tuple[Group, ...]  # every figure in exactly one group (reconcile)
    verification: Verification | None = None  # the check's outcomes (None: not checked)
    history: History | None = None  # its edition and the changes since its baseline
    silenced: tuple[Diagnostic, ...] = ()  # warnings the sheet ignores, listed in its JSON

    @cached_property
    def groups_json(self) -> list[dict[str, Any]]:
        """The groups as JSON data (the build JSON's `groups`)."""
        return as_json(self.groups)


def analyse(facts: Facts, verification: Verification | None = None,
            history: History | None = None, silenced: Sequence[Diagnostic] = (),
            reconciled: Sequence[Group] | None = None) -> Analysis:
    """The analysis of valid facts; groups are reconciled here unless they are given."""
    made = groups(facts) if reconciled is None else reconciled
    return Analysis(facts, tuple(made), verification, history, tuple(silenced))
