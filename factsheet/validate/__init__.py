"""Stage 3, validate: types, cross-references, dates and citations, all errors in one run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsheet.errors import Diagnostic
from factsheet.load.sheet import Loaded, Loc, load_sheet
from factsheet.model import FACT_KINDS, RECORDS, Facts, Model, Sheet
from factsheet.reconcile import Group
from factsheet.rules import RETRACTED_ON, SOURCE_ID_TYPO, UNCITED_SOURCE, UNKNOWN_SOURCE
from factsheet.validate.crossref import cross_check, later
from factsheet.validate.groups import group_checks, reconciled
from factsheet.validate.placeholders import placeholders
from factsheet.validate.types import check_record, translate

__all__ = ["Validation", "ignored_codes", "later", "translate", "validate", "validate_loaded",
           "validate_sheet"]

# Shown before everything else: fixing it resolves the errors of every entry that cites it.
_FIRST = SOURCE_ID_TYPO.code


def validate_sheet(folder: Path, *, strict: bool = False, now: dt.datetime | None = None,
                   silenced: list[Diagnostic] | None = None,
                   ) -> tuple[Facts | None, list[Diagnostic]]:
    """Load and validate one sheet folder; return the facts (None if invalid) and diagnostics."""
    return validate_loaded(load_sheet(folder), strict=strict, now=now, silenced=silenced)


@dataclass(frozen=True)
class Validation:
    """A sheet validated: its facts (None if invalid), its findings and its figure groups."""

    facts: Facts | None
    diagnostics: list[Diagnostic]
    groups: tuple[Group, ...] = ()  # reconciled once here, for the analysis; () if invalid


def validate_loaded(loaded: Loaded, *, strict: bool = False, now: dt.datetime | None = None,
                    silenced: list[Diagnostic] | None = None,
                    ) -> tuple[Facts | None, list[Diagnostic]]:
    """Validate a loaded sheet; return the facts (None if invalid) and diagnostics."""
    done = validate(loaded, strict=strict, now=now, silenced=silenced)
    return done.facts, done.diagnostics


def validate(loaded: Loaded, *, strict: bool = False, now: dt.datetime | None = None,
             silenced: list[Diagnostic] | None = None) -> Validation:
    """Validate a loaded sheet: the facts (None if invalid), diagnostics and groups.

    `now` is the moment dates are checked against (default: the clock). Warnings an entry
    or the sheet ignores are left out, and appended to `silenced` when it is given.
    """
    diags = list(loaded.diagnostics)
    data = loaded.data
    parsed: dict[str, list[tuple[int, Model]]] = {name: [] for name in RECORDS}
    sheet: Sheet | None = None
    if "sheet" in data:
        checked = check_record(loaded, Sheet, data["sheet"], ("sheet",), diags)
        sheet = checked if isinstance(checked, Sheet) else None
    for name, model in RECORDS.items():
        for i, item in enumerate(data.get(name, [])):
            record = check_record(loaded, model, item, (name, i), diags)
            if record is not None:
                parsed[name].append((i, record))
    moment = now or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    # With a file left out, a citation of a source it defines, or of one it cites, is no
    # finding: one unclosed quote in sources.yaml once gave 75 "not a source" errors.
    unsure = ({UNKNOWN_SOURCE.code, UNCITED_SOURCE.code} if loaded.dropped
              else set())
    groups = reconciled(parsed)
    for loc, diag in (cross_check(loaded, sheet, parsed, moment)
                      + group_checks(loaded, parsed, groups)
                      + placeholders(loaded) + old_keys(loaded)):
        if diag.code in unsure:
            continue
        if diag.severity == "warning" and diag.code in ignored_codes(data, loc):
            if silenced is not None:
                silenced.append(diag)
        else:
            diags.append(diag)
    if strict:
        diags = [d.as_error() for d in diags]
    diags.sort(key=lambda d: (d.code != _FIRST, d))
    if silenced is not None:
        silenced.sort()
    if any(d.severity == "error" for d in diags) or sheet is None or groups is None:
        return Validation(None, diags)
    lists: dict[str, Any] = {name: [r for _, r in parsed[name]] for name in RECORDS}
    facts = Facts.model_construct(slug=loaded.slug, sheet=sheet, **lists)
    return Validation(facts, diags, tuple(groups))


def old_keys(loaded: Loaded) -> list[tuple[Loc, Diagnostic]]:
    """A retraction dated with the old key `on` (FS240), at the key."""
    out: list[tuple[Loc, Diagnostic]] = []
    for name in FACT_KINDS:
        for i, record in enumerate(loaded.data.get(name, [])):
            gone = record.get("retracted") if isinstance(record, dict) else None
            if isinstance(gone, dict) and "on" in gone and "date" not in gone:
                loc: Loc = (name, i, "retracted", "on")
                out.append((loc, loaded.report(RETRACTED_ON, loc, key=True)))
    return out


def ignored_codes(data: dict[str, Any], loc: Loc) -> set[str]:
    """The warning codes silenced at `loc`: its entry's `ignore` and the sheet's."""
    entries: list[Any] = [data.get("sheet")]
    if len(loc) >= 3 and loc[:2] == ("sheet", "summary"):
        summary = entries[0].get("summary") if isinstance(entries[0], dict) else None
        if isinstance(summary, list) and isinstance(loc[2], int) and loc[2] < len(summary):
            entries.append(summary[loc[2]])
    elif len(loc) >= 2 and loc[0] in RECORDS and isinstance(loc[1], int):
        items = data.get(str(loc[0]), [])
        if loc[1] < len(items):
            entries.append(items[loc[1]])
    codes: set[str] = set()
    for entry in entries:
        listed = entry.get("ignore") if isinstance(entry, dict) else None
        if isinstance(listed, list):
            codes |= {c for c in listed if isinstance(c, str)}
    return codes
