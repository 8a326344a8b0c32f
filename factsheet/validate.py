"""Stage 3, validate: types, cross-references, dates and citations, all errors in one run."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from factsheet.errors import Diagnostic
from factsheet.hygiene import locate
from factsheet.hygiene import shown as printable
from factsheet.load import SLUG_RE, Loaded, Loc, load_sheet, where
from factsheet.model import (
    ENUMS,
    RECORDS,
    UNION_TAGS,
    CiteItem,
    Event,
    Facts,
    Figure,
    Model,
    Range,
    Sheet,
    Source,
    Span,
    Statement,
    day,
    describe,
)
from factsheet.numbers import says_number
from factsheet.suggest import did_you_mean

_THOUSANDS_RE = re.compile(r"^[-+]?[0-9]{1,3}(?:[.,_ ][0-9]{3})+$")
# Words people reach for instead of the enumeration's own values.
SYNONYMS = {
    "roughly": "about", "around": "about", "approximately": "about", "approx": "about",
    "circa": "about", "some": "about", "nearly": "about", "almost": "at_most",
    "over": "more_than", "more than": "more_than", "above": "more_than",
    "at least": "at_least", "min": "at_least", "minimum": "at_least",
    "under": "fewer_than", "less than": "fewer_than", "below": "fewer_than",
    "fewer than": "fewer_than", "up to": "at_most", "max": "at_most", "maximum": "at_most",
    "dead": "killed", "deaths": "killed", "death": "killed", "wounded": "injured",
    "arrests": "arrested", "troops": "deployed", "mt": "machine", "auto": "machine",
    "manual": "human", "original": "none", "us letter": "letter",
}


def validate_sheet(folder: Path, *, strict: bool = False) -> tuple[Facts | None, list[Diagnostic]]:
    """Load and validate one sheet folder; return the facts (None if invalid) and diagnostics."""
    return validate_loaded(load_sheet(folder), strict=strict)


def validate_loaded(loaded: Loaded, *,
                    strict: bool = False) -> tuple[Facts | None, list[Diagnostic]]:
    """Validate a loaded sheet; return the facts (None if invalid) and diagnostics."""
    diags = list(loaded.diagnostics)
    data = loaded.data
    parsed: dict[str, list[tuple[int, Model]]] = {name: [] for name in RECORDS}
    sheet: Sheet | None = None
    if "sheet" in data:
        sheet = _check(loaded, Sheet, data["sheet"], ("sheet",), diags)  # type: ignore[assignment]
    for name, model in RECORDS.items():
        for i, item in enumerate(data.get(name, [])):
            record = _check(loaded, model, item, (name, i), diags)
            if record is not None:
                parsed[name].append((i, record))
    diags.extend(_cross_check(loaded, sheet, parsed))
    if strict:
        diags = [d.as_error() for d in diags]
    diags.sort()
    if any(d.severity == "error" for d in diags) or sheet is None:
        return None, diags
    lists: dict[str, Any] = {name: [r for _, r in parsed[name]] for name in RECORDS}
    facts = Facts.model_construct(slug=loaded.slug, sheet=sheet, **lists)
    return facts, diags


def _check(loaded: Loaded, model: type[Model], item: Any, prefix: Loc,
           diags: list[Diagnostic]) -> Model | None:
    if not isinstance(item, dict):
        diags.append(loaded.error(prefix, where(prefix),
                                  f"expected a mapping of fields, found {describe(item)}",
                                  "write `key: value` lines indented under the entry"))
        return None
    try:
        return model.model_validate(item)
    except ValidationError as exc:
        errors: list[dict[str, Any]] = [dict(e) for e in exc.errors(include_url=False)]
    # A misspelt key also makes its field "missing"; report the one mistake once.
    misspelt = {
        (tuple(e["loc"][:-1]), did_you_mean(str(e["loc"][-1]), _fields_at(
            prefix + _strip_tags(e["loc"][:-1]))))
        for e in errors if e["type"] == "extra_forbidden"
    }
    for err in errors:
        if err["type"] == "missing" and (
                tuple(err["loc"][:-1]), f"did you mean `{err['loc'][-1]}`?") in misspelt:
            continue
        diags.append(translate(loaded, prefix, err))
    return None


def _strip_tags(loc: tuple[Any, ...]) -> Loc:
    out: list[str | int] = []
    for part in loc:
        if part in UNION_TAGS and out and out[-1] in ("value", "date"):
            continue
        out.append(part)
    return tuple(out)


def translate(loaded: Loaded, prefix: Loc, err: dict[str, Any]) -> Diagnostic:
    """Turn one pydantic error into a diagnostic in our words, at the right position."""
    loc = prefix + _strip_tags(err["loc"])
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    found = err.get("input")
    name = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    w = where(loc)
    pos = loaded.pos(loc)
    if ctx.get("rule") == kind:  # the model raised a rule by name, with the rule's values
        return locate(loaded, loc, kind, ctx)
    if kind == "missing":
        if name == "cite":
            return loaded.error(loc[:-1], w, "no `cite`: every fact needs at least one citation",
                                "add `cite: <source-id>` naming the article that reports it")
        return loaded.error(loc[:-1], w, f"the required field `{name}` is missing",
                            f"add `{name}: ...` to this entry")
    if kind == "extra_forbidden":
        fields = _fields_at(loc[:-1])
        hint = did_you_mean(name, fields) or "remove it; allowed here: " + ", ".join(fields)
        return loaded.report("unknown-key", loc, key=True, at=printable(w), name=printable(name),
                             suggestion=hint)
    if kind == "literal_error":
        choices = ENUMS.get(name, ())
        meant = SYNONYMS.get(str(found).strip().lower().replace("_", " "))
        hint = (f"did you mean `{meant}`?" if meant in choices else
                did_you_mean(str(found), choices) or "use one of the values listed")
        return loaded.error(loc, w, f"expected one of {', '.join(choices)}; "
                            f"found {describe(found)}", hint)
    if kind == "string_type":
        if found is None and not pos.raw:
            hint, shown = _empty_hint(loc), "nothing"
        elif pos.plain and pos.raw is not None and not isinstance(found, dict | list):
            hint = f'put it in quotes: `{name or "value"}: "{pos.raw}"`'
            shown = f"`{pos.raw}`, which YAML reads as {_yaml_kind(found)}"
        else:
            hint, shown = "write a single line of text", describe(found)
        return loaded.error(loc, w, f"expected text, found {shown}", hint)
    if kind == "string_too_short":
        return loaded.error(loc, w, "expected text, found an empty value",
                            _empty_hint(loc))
    if kind == "bool_type":
        return loaded.error(loc, w, f"expected true or false, found {describe(found)}",
                            "write `true` or `false` without quotes")
    if kind in ("int_type", "value_float"):
        shown = (f"`{pos.raw}`, which YAML reads as {_yaml_kind(found)}"
                 if pos.plain and pos.raw is not None else describe(found))
        return loaded.error(loc, w, f"expected a whole number, found {shown}",
                            _number_hint(pos.raw, found, quoted=not pos.plain))
    if kind == "greater_than_equal":
        return loaded.error(loc, w, f"expected a whole number >= 0, found {found}",
                            "counts cannot be negative; remove the minus sign")
    if kind in ("list_type", "tuple_type"):
        return loaded.error(loc, w, f"expected a list, found {describe(found)}",
                            "write each item on its own line starting with `- `")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loaded.error(loc, w, f"expected a mapping of fields, found {describe(found)}",
                            "write `key: value` lines indented under it")
    if kind == "too_short" and name == "cite":
        return loaded.error(loc, w, "the cite list is empty; every fact needs a citation",
                            "name at least one source id, e.g. `cite: [my-source]`")
    hint = str(ctx.get("hint", ""))
    return loaded.error(loc, w, str(err["msg"]), hint)


def _yaml_kind(found: Any) -> str:
    if isinstance(found, bool):
        return "a boolean"
    if isinstance(found, float):
        return f"the decimal {found:g}"
    if isinstance(found, int):
        return "a number"
    if isinstance(found, dt.date):
        return "a date"
    if found is None:
        return "nothing (null)"
    if isinstance(found, str):
        return "text"
    kind = getattr(found, "kind", None)
    return f"a {kind}" if kind else "another type"


def _number_hint(raw: str | None, found: Any, *, quoted: bool = False) -> str:
    try:
        whole = int(raw or "", 0)
    except ValueError:
        whole = None
    if whole is not None and whole >= 0 and quoted:
        return f"write it without quotes: `{whole}`"
    if whole is not None and whole >= 0:
        return f"write `{whole}` in plain decimal digits"
    if raw and _THOUSANDS_RE.match(raw.strip()):
        return f"write `{re.sub(r'[^0-9]', '', raw)}` with no separator"
    if isinstance(found, bool):
        return "write the count as digits"
    if isinstance(found, float):
        return "round it to a whole number or give a range `{min: ..., max: ...}`"
    return "write a whole number in digits, e.g. `18`"


def _fields_at(parent: Loc) -> list[str]:
    model = _model_at(parent)
    if model is None:
        return []
    return [info.alias or key for key, info in model.model_fields.items()]


def _empty_hint(loc: Loc) -> str:
    """How to fix an empty value: fill it in, or (if optional) drop the key."""
    model = _model_at(loc[:-1])
    info = model.model_fields.get(str(loc[-1])) if model is not None else None
    if info is not None and info.is_required():
        return f"fill it in: `{loc[-1]}` is required"
    return "fill it in or remove the key"


def _model_at(parent: Loc) -> type[BaseModel] | None:
    model: type[BaseModel] | None = None
    if parent == ("sheet",):
        model = Sheet
    elif len(parent) >= 2 and parent[-2] == "summary":
        model = Statement
    elif len(parent) >= 2 and parent[-2] == "cite":
        model = CiteItem
    elif parent and parent[-1] == "value":
        model = Range
    elif parent and parent[-1] == "date":
        model = Span
    elif len(parent) == 2 and isinstance(parent[0], str):
        model = RECORDS.get(parent[0])
    return model


def later(a: dt.date | dt.datetime, b: dt.date | dt.datetime) -> bool:
    """True when `a` is later than `b`, comparing by day unless both have times."""
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a > b
    return day(a) > day(b)


def _cites(data: dict[str, Any]) -> Iterator[tuple[Loc, int, str]]:
    """Yield every cited source id, from the raw data so facts invalid otherwise count too."""
    records: list[tuple[Loc, Any]] = []
    sheet = data.get("sheet")
    summary = sheet.get("summary") if isinstance(sheet, dict) else None
    if isinstance(summary, list):
        records += [(("sheet", "summary", i), s) for i, s in enumerate(summary)]
    for name in ("figures", "quotes", "events"):
        records += [((name, i), r) for i, r in enumerate(data.get(name, []))]
    for loc, record in records:
        cite = record.get("cite") if isinstance(record, dict) else None
        for j, item in enumerate(cite if isinstance(cite, list) else [cite]):
            source = item.get("source") if isinstance(item, dict) else item
            if isinstance(source, str) and SLUG_RE.match(source):  # else the model says why
                yield (*loc, "cite"), j, source


def _cross_check(loaded: Loaded, sheet: Sheet | None,
                 parsed: dict[str, list[tuple[int, Model]]]) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    first_id: dict[str, Loc] = {}
    for name in RECORDS:
        for i, item in enumerate(loaded.data.get(name, [])):
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str):
                continue
            loc: Loc = (name, i, "id")
            if ident in first_id:
                p = loaded.pos(first_id[ident])
                diags.append(loaded.error(
                    loc, where(loc), f"duplicate id `{ident}` (first used by "
                    f"{where(first_id[ident][:2])} at {p.path}:{p.line})",
                    "give every source and fact its own id"))
            else:
                first_id[ident] = loc
    sources = {s.id: (i, s) for i, s in parsed["sources"] if isinstance(s, Source)}
    raw_source_ids = [s.get("id") for s in loaded.data.get("sources", []) if isinstance(s, dict)]
    cited: set[str] = set()
    for base, j, source_id in _cites(loaded.data):
        cited.add(source_id)
        if source_id not in raw_source_ids:
            loc = (*base, j, "source")
            diags.append(loaded.error(
                loc, where((*base, j)), f"cites `{source_id}`, which is not a source of this "
                "sheet", did_you_mean(source_id, [str(s) for s in raw_source_ids if s])
                or "add it under `sources:` or correct the id"))
    for i, source in sources.values():
        if source.accessed and later(source.published, source.accessed):
            loc = ("sources", i, "accessed")
            diags.append(loaded.error(loc, where(loc),
                                      f"accessed ({source.accessed.isoformat()}) is earlier "
                                      f"than published ({source.published.isoformat()})",
                                      "check both dates; an article cannot be read before "
                                      "it appears"))
        if source.updated and later(source.published, source.updated):
            loc = ("sources", i, "updated")
            diags.append(loaded.error(loc, where(loc),
                                      f"updated ({source.updated.isoformat()}) is earlier "
                                      f"than published ({source.published.isoformat()})",
                                      "check both dates"))
        if source.id not in cited:
            loc = ("sources", i, "id")
            diags.append(loaded.error(loc, where(loc), f"the source `{source.id}` is never cited",
                                      "cite it from a fact or remove it", severity="warning"))
    if sheet is not None:
        diags.extend(_date_checks(loaded, sheet, parsed))
    for i, figure in parsed["figures"]:
        assert isinstance(figure, Figure)
        if figure.claimed_by is None:
            loc = ("figures", i)
            diags.append(loaded.error(loc, where(loc), "no `claimed_by`: readers cannot tell who "
                                      "makes this claim", "add `claimed_by: ...`, e.g. the "
                                      "ministry, agency or outlet that gives the number",
                                      severity="warning"))
        for j, item in enumerate(figure.cite):
            if item.says and not says_number(item.says, figure.value, figure.unit,
                                             lang=sheet.lang if sheet else "en"):
                loc = ("figures", i, "cite", j, "says")
                diags.append(loaded.error(
                    loc, where(loc), f"the excerpt does not contain the figure's value "
                    f"({_value_text(figure.value)})",
                    "quote the passage that gives the number, or correct the value",
                    severity="warning"))
    return diags


def _date_checks(loaded: Loaded, sheet: Sheet,
                 parsed: dict[str, list[tuple[int, Model]]]) -> Iterator[Diagnostic]:
    for i, figure in parsed["figures"]:
        assert isinstance(figure, Figure)
        if figure.as_of and later(figure.as_of, sheet.as_of):
            loc = ("figures", i, "as_of")
            yield loaded.error(loc, where(loc), f"as_of ({figure.as_of.isoformat()}) is later "
                               f"than the sheet's as_of ({sheet.as_of.isoformat()})",
                               "a sheet cannot report a figure from after its own moment; "
                               "fix the date or move the sheet's as_of")
    dated: list[tuple[Loc, dt.date | dt.datetime | None]] = []
    for i, quote in parsed["quotes"]:
        dated.append((("quotes", i, "date"), getattr(quote, "date")))  # noqa: B009
    for i, event in parsed["events"]:
        assert isinstance(event, Event)
        end = event.date.end if isinstance(event.date, Span) else event.date
        dated.append((("events", i, "date"), end))
    for place, when in dated:
        if when is not None and later(when, sheet.as_of):
            yield loaded.error(place, where(place), f"dated {when.isoformat()}, after the "
                               f"sheet's as_of ({sheet.as_of.isoformat()})",
                               "check the date or the sheet's as_of",
                               severity="warning")


def _value_text(value: int | Range | str) -> str:
    if isinstance(value, Range):
        return f"{value.min}–{value.max}"
    return str(value)
