"""The facts JSON: the normalised facts with each citation's verification and the counts."""

from __future__ import annotations

import json as _json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from factsheet.model import FACT_KINDS
from factsheet.reconcile import groups_json

if TYPE_CHECKING:
    from factsheet.check.verify import Verification
    from factsheet.editions import History
    from factsheet.errors import Diagnostic
    from factsheet.model import Facts


def facts_json(facts: Facts, verification: Verification | None = None,
               silenced: Sequence[Diagnostic] = (), history: History | None = None,
               groups: list[dict[str, Any]] | None = None) -> bytes:
    """Serialise the normalised facts, with each citation's verification, groups and counts.

    `groups` are the build's own (its analysis); without them the facts are reconciled here.
    """
    data: dict[str, Any] = facts.to_json()
    data["silenced"] = [d.as_json() for d in silenced]  # warnings the sheet chose to ignore
    data["groups"] = groups_json(facts) if groups is None else groups
    if verification is not None:
        pairs: list[tuple[Sequence[Any], list[Any], str]] = [
            (facts.sheet.summary, data["sheet"].get("summary", []), "summary")]
        pairs += [(getattr(facts, kind), data.get(kind, []), kind) for kind in FACT_KINDS]
        for records, raws, kind in pairs:
            for record, raw in zip(records, raws, strict=True):
                for item, cite in zip(record.cite, raw["cite"], strict=True):
                    if kind == "quotes":
                        # A quote cite is never better than what came of the quote's own text.
                        cite["verification"] = verification.quote_status(
                            record.id, verification.status(item.source, item.says or record.text))
                    else:
                        cite["verification"] = verification.status(item.source, item.says)
        # The check's own counts, the ones the sheet's "N of M excerpts checked" line shows.
        data["verification"] = dict(verification.counts)
    if history is not None:
        data.update(history.as_json())  # edition, since, changes
    return (_json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
