"""The change list: two facts JSONs compared by id, and figure groups by their current figure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Each kind of record, its singular, and the fields whose change is listed.
RECORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "figures": ("figure", ("value", "approx", "claimed_by", "as_of")),
    "quotes": ("quote", ("text", "speaker", "date")),
    "events": ("event", ("date", "text")),
    "sources": ("source", ()),
}
# The order the sheet lists changes in: what a reader asks first comes first.
KINDS = ("group", "retracted", "changed", "excerpt", "added", "removed", "renamed")
_APPROX = {"exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
           "at_most": "at most ", "fewer_than": "fewer than "}


@dataclass(frozen=True)
class Change:
    """One change: its kind, the id it concerns, the field, before and after, and sources."""

    kind: str  # one of KINDS
    id: str
    field: str  # a field name; for added/removed the record kind; for a group `value`
    before: Any
    after: Any
    cites: tuple[str, ...]  # the ids of the sources for the change
    label: str = ""  # what the reader calls the thing that changed

    def as_json(self) -> dict[str, Any]:
        """The change as `{kind, id, field, before, after, cites}`."""
        return {"kind": self.kind, "id": self.id, "field": self.field, "before": self.before,
                "after": self.after, "cites": list(self.cites)}


def _sources(items: list[Any]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c["source"] for c in items if isinstance(c, dict)))


def _amount(figure: dict[str, Any]) -> dict[str, Any]:
    out = {"id": figure["id"], "value": figure["value"], "approx": figure.get("approx", "exact")}
    return out | ({"unit": figure["unit"]} if figure.get("unit") else {})


def _gist(name: str, record: dict[str, Any]) -> Any:
    """What a record says, for an added, removed or retracted entry."""
    if name == "figures":
        return _amount(record)
    if name == "sources":
        return f"{record['publisher']}: {record['title']}"
    return record["text"]


def _label(name: str, record: dict[str, Any]) -> str:
    if name == "figures":
        return str(record["label"]) + (f" ({record['who']})" if record.get("who") else "")
    if name == "quotes":
        return str(record["speaker"])
    if name == "sources":
        return str(record["publisher"])
    date = record.get("date", "")
    return " – ".join(date.values()) if isinstance(date, dict) else str(date)


def _current(group: dict[str, Any], figures: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """What the group's card shows: its current figure (or two bounds), never a withdrawn one."""
    ids = group.get("current") or group["latest"]  # a conflict has no single current figure
    return [figures[i] for i in ids if i in figures and not figures[i].get("retracted")]


def _groups(before: dict[str, Any], after: dict[str, Any],
            renamed: dict[str, str]) -> list[Change]:
    """Each group of `after` against the earlier group sharing a figure with it."""
    old_figs = {renamed.get(f["id"], f["id"]): f for f in before.get("figures", [])}
    new_figs = {f["id"]: f for f in after.get("figures", [])}
    out: list[Change] = []
    for group in after.get("groups", []):
        members = set(group["figures"])
        match = next((g for g in before.get("groups", [])
                      if members & {renamed.get(i, i) for i in g["figures"]}), None)
        if match is None:
            continue
        old = {k: [renamed.get(i, i) for i in match.get(k, [])] for k in ("latest", "current")}
        was = [_amount(f) for f in _current(old, old_figs)]
        now_figs = _current(group, new_figs)
        now = [_amount(f) for f in now_figs]
        if [(a["value"], a["approx"]) for a in was] == [(a["value"], a["approx"]) for a in now]:
            continue
        head = now_figs[-1] if now_figs else new_figs[group["figures"][-1]]
        cites = tuple(dict.fromkeys(s for f in now_figs for s in _sources(f["cite"])))
        out.append(Change("group", head["id"], "value", was, now, cites,
                          _label("figures", head)))
    return out


def _excerpts(rid: str, label: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """A `says` of one source that was reworded: the n-th excerpt of each source, paired."""
    def by_source(record: dict[str, Any]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for c in record.get("cite", []):
            if c.get("says"):
                out.setdefault(c["source"], []).append(c["says"])
        return out

    was, now = by_source(old), by_source(new)
    return [Change("excerpt", rid, f"cite.{source}", a, b, (source,), label)
            for source, texts in now.items()
            for a, b in zip(was.get(source, []), texts, strict=False) if a != b]


def _records(name: str, before: dict[str, Any], after: dict[str, Any],
             renamed: dict[str, str]) -> list[Change]:
    kind, fields = RECORDS[name]
    old = {renamed.get(r["id"], r["id"]): r for r in before.get(name, [])}
    new = {r["id"]: r for r in after.get(name, [])}
    out: list[Change] = []
    for rid, record in new.items():
        label, cites = _label(name, record), _sources(record.get("cite", []))
        was = old.get(rid)
        gone = record.get("retracted")
        if was is None and not gone:
            out.append(Change("added", rid, kind, None, _gist(name, record), cites, label))
            continue
        if was is None or (gone and not was.get("retracted")):  # new to the reader, or not
            # What readers were shown is what was withdrawn, even if it was edited too.
            out.append(Change("retracted", rid, "retracted", _gist(name, was or record),
                              gone["reason"], _sources(gone["cite"]), label))
            if was is None:
                continue
        elif was.get("retracted") and not gone:
            out.append(Change("changed", rid, "retracted", was["retracted"]["reason"], None,
                              cites, label))
        out += [Change("changed", rid, f, was.get(f), record.get(f), cites, label)
                for f in fields if was.get(f) != record.get(f)]
        out += _excerpts(rid, label, was, record)
    out += [Change("removed", rid, kind, _gist(name, r), None, _sources(r.get("cite", [])),
                   _label(name, r)) for rid, r in old.items() if rid not in new]
    return out


def renames(before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """Old id -> new id, for each entry of `after` whose `replaces` names an entry of `before`."""
    out: dict[str, str] = {}
    for name in RECORDS:
        old = {r["id"] for r in before.get(name, [])}
        new = {r["id"] for r in after.get(name, [])}
        for r in after.get(name, []):
            was = r.get("replaces")
            if was in old and was not in new:
                out[was] = r["id"]
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Every change from `before` to `after` (facts JSONs), in the order the sheet lists them."""
    renamed = renames(before, after)
    out = _groups(before, after, renamed)
    for name in RECORDS:
        out += _records(name, before, after, renamed)
    out += [Change("renamed", new, "id", old, new, ()) for old, new in renamed.items()]
    return sorted(out, key=lambda c: KINDS.index(c.kind))  # stable: file order within a kind


def amount_text(amount: dict[str, Any]) -> str:
    """`more than 3,700`: a figure's value in plain English, for the command line."""
    value = amount["value"]
    if isinstance(value, dict):
        text = f"{value['min']:,}–{value['max']:,}"
    else:
        text = f"{value:,}" if isinstance(value, int) else str(value)
    unit = f" {amount['unit']}" if amount.get("unit") else ""
    return _APPROX.get(amount.get("approx", "exact"), "") + text + unit


def value_text(value: Any) -> str:
    """A before or after value as one line of plain text."""
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return " and ".join(amount_text(a) for a in value) or "(none)"
    if isinstance(value, dict) and "value" in value:
        return amount_text(value)
    if isinstance(value, dict):
        return amount_text({"value": value})
    return f"{value:,}" if isinstance(value, int) else str(value)


def plain(change: Change) -> str:
    """One line for the command line: `group killed-225 (Killed): dozens → 225 [sources]`."""
    label = f" ({change.label})" if change.label else ""
    what = f"{change.kind} {change.id}{label}"
    if change.kind in ("changed", "excerpt"):
        what += f" {change.field}"
    text = f"{what}: {value_text(change.before)} → {value_text(change.after)}"
    if change.kind == "retracted":
        text = f"{what}: {value_text(change.before)} withdrawn: {change.after}"
    elif change.kind in ("added", "removed"):
        text = f"{what}: {value_text(change.after if change.kind == 'added' else change.before)}"
    return text + (f" [{', '.join(change.cites)}]" if change.cites else "")
