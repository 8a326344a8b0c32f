"""The facts JSON: the normalised facts with each citation's verification and the counts."""

from __future__ import annotations

import json as _json
from typing import TYPE_CHECKING, Any

from factsheet.exporters.base import Exporter

if TYPE_CHECKING:
    from factsheet.model import Facts
    from factsheet.verify import Verification


def facts_json(facts: Facts, verification: Verification | None = None) -> bytes:
    """Serialise the normalised facts, with each citation's verification status if checked."""
    data: dict[str, Any] = facts.to_json()
    if verification is not None:
        pairs = [(facts.sheet.summary, data["sheet"].get("summary", []), False)]
        pairs += [(getattr(facts, kind), data.get(kind, []), kind == "quotes")
                  for kind in ("figures", "quotes", "events")]
        statuses: list[str] = []
        for records, raws, quoted in pairs:
            for record, raw in zip(records, raws, strict=True):
                for item, cite in zip(record.cite, raw["cite"], strict=True):
                    text = item.says or (getattr(record, "text", None) if quoted else None)
                    cite["verification"] = verification.status(item.source, text)
                    statuses.append(cite["verification"])
        # Counted per citation, as the sheet's "N of M excerpts checked" counts them.
        checked = [s for s in statuses if s != "unchecked"]
        data["verification"] = {"excerpts": len(checked),
                                **{s.replace("-", "_"): checked.count(s)
                                   for s in ("verified", "not-found", "no-archive")}}
    return (_json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


EXPORTER = Exporter("json", "json", lambda context: context.json)
