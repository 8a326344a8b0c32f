"""A sheet's place among its editions: its number, what it is compared with, what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.editions.baseline import Baseline, from_edition, load_baseline
from factsheet.editions.diff import Change, diff, kind_of
from factsheet.editions.record import edition_numbers, latest_edition, same_facts
from factsheet.errors import Diagnostic
from factsheet.model import RECORDS
from factsheet.reconcile import groups_json
from factsheet.rules import DELETED_FACT, REPLACES_UNKNOWN

if TYPE_CHECKING:
    from factsheet.load.record import Record
    from factsheet.load.sheet import Loaded
    from factsheet.model import Facts


@dataclass(frozen=True)
class History:
    """This build's edition number and issue date, its baseline, and the changes since."""

    edition: int
    issued: str | None
    baseline: Baseline | None
    changes: list[Change] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def said(self, *, strict: bool) -> list[Diagnostic]:
        """The warnings against the baseline, raised to errors under --strict."""
        return [d.as_error() if strict else d for d in self.diagnostics]

    def as_json(self) -> dict[str, Any]:
        """The build JSON's `edition`, `since` and `changes`."""
        return {"edition": self.edition,
                "since": self.baseline.as_json() if self.baseline else None,
                "changes": [c.as_json() for c in self.changes]}


def history(loaded: Loaded, facts: Facts, root: Path, since: str | None = None,
            record: Record | None = None, *, groups: list[dict[str, Any]] | None = None,
            ) -> History:
    """Number this build among the sheet's editions and list its changes since the baseline.

    `groups` are the facts' groups as JSON, when the caller reconciled them already.

    A build whose facts are those of the latest edition is that edition (so rebuilding it
    gives the same bytes, and its changes are since the one before); otherwise it is the next.
    """
    slug = facts.slug
    if record is not None:
        record.list(root / slug, "*.json")  # an edition published or removed is a change
        for n in edition_numbers(root, slug):
            record.look(root / slug / f"{n:03d}.json")
    now = facts.to_json()
    latest = latest_edition(root, slug)
    if latest is not None and same_facts(latest.facts, now):
        number, previous = latest.number, latest_edition(root, slug, before=latest.number)
    else:
        number, previous = (latest.number + 1 if latest else 1), latest
    if since is not None:
        if record is not None and Path(since).is_file():
            record.look(Path(since))
        baseline: Baseline | None = load_baseline(since, loaded.folder, slug)
    else:
        baseline = from_edition(previous) if previous is not None else None
    issued = facts.sheet.issued.isoformat() if facts.sheet.issued else None
    if baseline is None:
        return History(number, issued, None)
    changes = diff(baseline.model, facts, baseline.groups,
                   groups_json(facts) if groups is None else groups)
    return History(number, issued, baseline, changes,
                   _warnings(loaded, facts, baseline, changes))


def _warnings(loaded: Loaded, facts: Facts, baseline: Baseline,
              changes: list[Change]) -> list[Diagnostic]:
    """A fact an edition showed that is gone; a `replaces` that names nothing of the baseline."""
    out: list[Diagnostic] = []
    kinds = {kind_of(model): name for name, model in RECORDS.items() if name != "sources"}
    if baseline.edition is not None:
        for c in changes:
            if c.kind == "removed" and c.field in kinds:
                out.append(loaded.report(DELETED_FACT, (kinds[c.field],), key=True,
                                         id=c.id, edition=baseline.edition))
    for name, model in RECORDS.items():
        old = {r.id for r in getattr(baseline.model, name)}
        for i, r in enumerate(getattr(facts, name)):
            was = getattr(r, "replaces", None)
            if was and was not in old:
                out.append(loaded.report(REPLACES_UNKNOWN, (name, i, "replaces"),
                                         old=was, kind=kind_of(model),
                                         since=_named(baseline)))
    return out


def _named(baseline: Baseline) -> str:
    return f"edition {baseline.edition}" if baseline.edition else baseline.source
