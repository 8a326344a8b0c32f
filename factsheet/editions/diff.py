"""The change list: two states of a sheet compared as models, record by record, field by field.

Every field of every record is compared (factsheet.editions.fields walks the models), and a
figure group is compared by what each state's card showed: the groups JSON an edition
recorded, never a state derived again from its facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from factsheet.editions.fields import META, compare
from factsheet.model import RECORDS, Figure, Range, Source, Span, Statement, jsonable

if TYPE_CHECKING:
    from factsheet.model import Facts, Model, Sheet

# The order the sheet lists changes in: what a reader asks first comes first.
KINDS = ("group", "retracted", "changed", "excerpt", "added", "removed", "renamed")
# The sheet's own moments are the edition's header ("Changes since edition 2 (as of …)").
EDITION_FIELDS = frozenset({"as_of", "issued"})
_APPROX = {"exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
           "at_most": "at most ", "fewer_than": "fewer than "}


@dataclass(frozen=True)
class Change:
    """One change: its kind, the id it concerns, the field, before and after, and sources."""

    kind: str  # one of KINDS
    id: str  # a record's id; `sheet` for the sheet's fields; `summary-N` for a statement
    field: str  # a field path (`cite.a.note`); for added/removed the record kind
    before: Any  # model values: a number, a Range, a date, text, or amounts of a figure
    after: Any
    cites: tuple[str, ...]  # the ids of the sources for the change
    label: str = ""  # what the reader calls the thing that changed
    note: str = ""  # for a figure added already withdrawn: why it was withdrawn
    record: str = ""  # figure, quote, event, source, statement or sheet

    def as_json(self) -> dict[str, Any]:
        """The change as `{kind, id, field, before, after, cites}` (and `note` when set)."""
        out = {"kind": self.kind, "id": self.id, "field": self.field,
               "before": jsonable(self.before), "after": jsonable(self.after),
               "cites": list(self.cites)}
        return out | ({"note": self.note} if self.note else {})


def kind_of(model: type[Model]) -> str:
    """A record model's singular: `figure` for Figure."""
    return model.__name__.lower()


def amount(figure: Figure) -> dict[str, Any]:
    """A figure's count as the sheet states it: value, qualifier, unit."""
    out: dict[str, Any] = {"id": figure.id, "value": figure.value, "approx": figure.approx}
    return out | ({"unit": figure.unit} if figure.unit else {})


def _sources(record: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.source for c in getattr(record, "cite", None) or []))


def _gist(record: Any) -> Any:
    """What a record says, for an added, removed or withdrawn entry."""
    if isinstance(record, Figure):
        return amount(record)
    if isinstance(record, Source):
        return f"{record.publisher}: {record.title}"
    return record.text


def _label(record: Any) -> str:
    if isinstance(record, Figure):
        return record.label + (f" ({record.who})" if record.who else "")
    if isinstance(record, Source):
        return record.publisher
    if hasattr(record, "speaker"):
        return str(record.speaker)
    date = record.date
    return (f"{date.start.isoformat()} – {date.end.isoformat()}" if isinstance(date, Span)
            else date.isoformat())


def _fields(rid: str, kind: str, was: Any, now: Any, label: str,
            cites: tuple[str, ...]) -> list[Change]:
    """Each field that differs, a reworded excerpt as its own kind."""
    out: list[Change] = []
    for path, a, b in compare("", was, now):
        if path == "retracted":  # withdrawn or lifted: said by its own change
            continue
        if path.startswith("cite.") and path.endswith(".says"):
            out.append(Change("excerpt", rid, path.removesuffix(".says"), a, b,
                              (path.split(".")[1],), label, record=kind))
        else:
            out.append(Change("changed", rid, path, a, b, cites, label, record=kind))
    return out


def _records(name: str, before: list[Any], after: list[Any],
             renamed: dict[str, str]) -> list[Change]:
    kind = kind_of(RECORDS[name])
    old = {renamed.get(r.id, r.id): r for r in before}
    out: list[Change] = []
    for record in after:
        rid, label, cites = record.id, _label(record), _sources(record)
        was, gone = old.get(record.id), getattr(record, "retracted", None)
        if was is None:
            # Added, perhaps already withdrawn: readers never saw it, so it is no "before".
            out.append(Change("added", rid, kind, None, _gist(record), cites, label,
                              gone.reason if gone else "", kind))
            continue
        was_gone = getattr(was, "retracted", None)
        if gone is not None and was_gone is None:
            # What readers were shown is what was withdrawn, even if it was edited too.
            out.append(Change("retracted", rid, "retracted", _gist(was), gone.reason,
                              _sources(gone), label, record=kind))
        elif was_gone is not None and gone is None:
            out.append(Change("changed", rid, "retracted", was_gone.reason, None, cites,
                              label, record=kind))
        out += _fields(rid, kind, was, record, label, cites)
    out += [Change("removed", rid, kind, _gist(r), None, _sources(r), _label(r), record=kind)
            for rid, r in old.items() if rid not in {a.id for a in after}]
    return out


def _sheet(before: Sheet, after: Sheet) -> list[Change]:
    """The sheet's own fields, then its summary statements, paired in order."""
    out = [Change("changed", "sheet", path, a, b, (), record="sheet")
           for name in type(after).model_fields
           if name not in META | EDITION_FIELDS and name != "summary"
           for path, a, b in compare(name, getattr(before, name), getattr(after, name))]
    for n, was, now in _statements(before.summary, after.summary):
        sid = f"summary-{n}"
        if was is None and now is not None:
            out.append(Change("added", sid, "statement", None, now.text, _sources(now),
                              record="statement"))
        elif now is None and was is not None:
            out.append(Change("removed", sid, "statement", was.text, None, _sources(was),
                              record="statement"))
        elif was is not None and now is not None:
            out += _fields(sid, "statement", was, now, "", _sources(now))
    return out


def _statements(before: list[Statement], after: list[Statement],
                ) -> list[tuple[int, Statement | None, Statement | None]]:
    """Statements paired by their wording: the same words first (wherever they moved),
    then a rewritten one with the old wording closest to it; new and dropped ones alone.
    Each comes with its number on its sheet (the new one, else the old)."""
    pairs: dict[int, int] = {}  # new index -> old index
    for j, now in enumerate(after):
        same = next((i for i, was in enumerate(before)
                     if was.text == now.text and i not in pairs.values()), None)
        if same is not None:
            pairs[j] = same
    pairs |= _closest(before, after, [i for i in range(len(before)) if i not in pairs.values()],
                      [j for j in range(len(after)) if j not in pairs])
    out: list[tuple[int, Statement | None, Statement | None]] = [
        (j + 1, before[pairs[j]] if j in pairs else None, now) for j, now in enumerate(after)]
    return out + [(i + 1, was, None) for i, was in enumerate(before) if i not in pairs.values()]


def _closest(before: list[Statement], after: list[Statement], old: list[int],
             new: list[int]) -> dict[int, int]:
    """New index -> old index, for rewordings: the most alike first, half alike at least."""
    scores = sorted(((SequenceMatcher(a=before[i].text, b=after[j].text).ratio(), j, i)
                     for i in old for j in new), reverse=True)
    pairs: dict[int, int] = {}
    for score, j, i in scores:
        if score >= 0.5 and j not in pairs and i not in pairs.values():
            pairs[j] = i
    return pairs


def _shown(group: dict[str, Any], figures: dict[str, Figure]) -> list[Figure]:
    """What a group's card showed: its current figure (or two bounds), else every standing
    claim of a dispute; never a withdrawn or superseded figure."""
    aside = set(group.get("superseded", [])) | set(group.get("retracted", []))
    ids = (group.get("current") or group.get("standing")  # as recorded, where it was
           or [i for i in group["figures"] if i not in aside])
    return [figures[i] for i in ids if i in figures and figures[i].retracted is None]


def _groups(before: Facts, after: Facts, old_groups: list[dict[str, Any]],
            new_groups: list[dict[str, Any]], renamed: dict[str, str]) -> list[Change]:
    """Each group of `after` against the group of `before` sharing a figure with it."""
    old_figs = {renamed.get(f.id, f.id): f for f in before.figures}
    new_figs = {f.id: f for f in after.figures}
    out: list[Change] = []
    for group in new_groups:
        members = set(group["figures"])
        match = next((g for g in old_groups
                      if members & {renamed.get(i, i) for i in g["figures"]}), None)
        if match is None:
            continue
        # Renames apply to the lists of figure ids (not to `series`, a list of mappings).
        match = {k: [renamed.get(i, i) if isinstance(i, str) else i for i in v]
                 if isinstance(v, list) else v for k, v in match.items()}
        was = [amount(f) for f in _shown(match, old_figs)]
        now_figs = _shown(group, new_figs)
        now = [amount(f) for f in now_figs]
        if [_said(a) for a in was] == [_said(a) for a in now]:
            continue
        head = now_figs[-1] if now_figs else new_figs[group["figures"][-1]]
        cites = tuple(dict.fromkeys(s for f in now_figs for s in _sources(f)))
        out.append(Change("group", head.id, "value", was, now, cites, _label(head),
                          record="figure"))
    return out


def _said(a: dict[str, Any]) -> tuple[Any, ...]:
    return (jsonable(a["value"]), a["approx"], a.get("unit"))


def renames(before: Facts, after: Facts) -> dict[str, str]:
    """Old id -> new id, for each entry of `after` whose `replaces` names an entry of `before`."""
    out: dict[str, str] = {}
    for name in RECORDS:
        old = {r.id for r in getattr(before, name)}
        new = {r.id for r in getattr(after, name)}
        for r in getattr(after, name):
            was = getattr(r, "replaces", None)
            if isinstance(was, str) and was in old and was not in new:
                out[was] = r.id
    return out


def diff(before: Facts, after: Facts, before_groups: list[dict[str, Any]] | None = None,
         after_groups: list[dict[str, Any]] | None = None) -> list[Change]:
    """Every change from `before` to `after`, in the order the sheet lists them.

    The groups are each state's groups JSON: what an edition recorded it showed (computed
    from the facts only when a baseline has none, as a git revision).
    """
    from factsheet.reconcile import groups_json

    renamed = renames(before, after)
    out = _groups(before, after, groups_json(before) if before_groups is None else before_groups,
                  groups_json(after) if after_groups is None else after_groups, renamed)
    out += _sheet(before.sheet, after.sheet)
    for name in sorted(RECORDS, key=lambda n: n == "sources"):  # the facts, then the sources
        out += _records(name, getattr(before, name), getattr(after, name), renamed)
    out += [Change("renamed", new, "id", old, new, ()) for old, new in renamed.items()]
    return sorted(out, key=lambda c: KINDS.index(c.kind))  # stable: file order within a kind


def amount_text(value: Any, approx: str = "exact", unit: str | None = None) -> str:
    """`more than 3,700`: a count in plain English, for the command line."""
    if isinstance(value, Range):
        text = f"{value.min:,}–{value.max:,}"
    else:
        text = f"{value:,}" if isinstance(value, int) else str(value)
    return _APPROX.get(approx, "") + text + (f" {unit}" if unit else "")


def value_text(value: Any) -> str:
    """A before or after value as one line of plain text."""
    if value is None or value == []:
        return "(none)"
    if isinstance(value, dict) and "value" in value:
        return amount_text(value["value"], value.get("approx", "exact"), value.get("unit"))
    if isinstance(value, list):
        joiner = " and " if all(isinstance(v, dict) for v in value) else ", "
        return joiner.join(value_text(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Range | int):
        return amount_text(value)
    if isinstance(value, Span):
        return f"{value.start.isoformat()} – {value.end.isoformat()}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(jsonable(value))


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
        text += f" (already withdrawn: {change.note})" if change.note else ""
    return text + (f" [{', '.join(change.cites)}]" if change.cites else "")
