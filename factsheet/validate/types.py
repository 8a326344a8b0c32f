"""Validate, types: each record against the model, and pydantic's errors in our words."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from typing import Any

from pydantic import BaseModel, ValidationError

from factsheet.errors import Diagnostic
from factsheet.load.hygiene import locate
from factsheet.load.hygiene import shown as printable
from factsheet.load.sheet import Loaded, Loc, where
from factsheet.model import (
    ENUMS,
    RECORDS,
    UNION_TAGS,
    CiteItem,
    Model,
    Range,
    Sheet,
    Span,
    Statement,
    describe,
)
from factsheet.rules import (
    EMPTY_TEXT,
    EXPECTED_MAPPING,
    EXPECTED_TEXT,
    INVALID_VALUE,
    KINDS,
    MISSING_CITE,
    MISSING_FIELD,
    NOT_IN_LIST,
    UNKNOWN_KEY,
    rule,
)
from factsheet.suggest import closest, did_you_mean

# pydantic kinds whose message shows the found value described by kind.
_DESCRIBED = frozenset({"bool_type", "list_type", "tuple_type", "model_type",
                        "model_attributes_type", "dict_type"})
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


def check_record(loaded: Loaded, model: type[Model], item: Any, prefix: Loc,
                 diags: list[Diagnostic]) -> Model | None:
    """Validate one record against its model, adding each of its errors to `diags`."""
    if not isinstance(item, dict):
        diags.append(loaded.report(EXPECTED_MAPPING, prefix, found=describe(item)))
        return None
    try:
        return model.model_validate(item)
    except ValidationError as exc:
        errors: list[dict[str, Any]] = [dict(e) for e in exc.errors(include_url=False)]
    # A misspelt key also makes its field "missing"; report the one mistake once.
    misspelt = {
        (tuple(e["loc"][:-1]), closest(str(e["loc"][-1]), _fields_at(
            prefix + _strip_tags(e["loc"][:-1]))))
        for e in errors if e["type"] == "extra_forbidden"
    }
    for err in errors:
        if err["type"] == "missing" and (tuple(err["loc"][:-1]), err["loc"][-1]) in misspelt:
            continue
        diags.append(translate(loaded, prefix, err))
    return None


def _strip_tags(loc: tuple[Any, ...]) -> Loc:
    out: list[str | int] = []
    for part in loc:
        if part in UNION_TAGS and out and out[-1] in ("value", "date", "agency"):
            continue
        out.append(part)
    return tuple(out)


def translate(loaded: Loaded, prefix: Loc, err: dict[str, Any]) -> Diagnostic:
    """Turn one pydantic error into its rule's diagnostic, at the right position."""
    loc = prefix + _strip_tags(err["loc"])
    kind: str = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    found = err.get("input")
    name = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    pos = loaded.pos(loc)
    report = partial(loaded.report, at=where(loc))
    if ctx.get("rule") == kind:  # the model raised a rule by name, with the rule's values
        return locate(loaded, loc, kind, ctx)
    if kind == "missing":
        if name == "cite":
            return report(MISSING_CITE, loc[:-1])
        return report(MISSING_FIELD, loc[:-1], name=name)
    if kind == "extra_forbidden":
        fields = _fields_at(loc[:-1])
        hint = did_you_mean(name, fields) or "remove it; allowed here: " + ", ".join(fields)
        return loaded.report(UNKNOWN_KEY, loc, key=True, at=printable(where(loc)),
                             name=printable(name), suggestion=hint)
    if kind == "literal_error":
        choices = ENUMS.get(name, ())
        meant = SYNONYMS.get(str(found).strip().lower().replace("_", " "))
        hint = (f"did you mean `{meant}`?" if meant in choices else
                did_you_mean(str(found), choices) or "use one of the values listed")
        return report(NOT_IN_LIST, loc, choices=", ".join(choices), found=describe(found),
                      suggestion=hint)
    if kind == "string_type":
        if found is None and not pos.raw:
            hint, shown = _empty_hint(loc), "nothing"
        elif pos.plain and pos.raw is not None and not isinstance(found, dict | list):
            hint = f'put it in quotes: `{name or "value"}: "{pos.raw}"`'
            shown = f"`{pos.raw}`, which YAML reads as {_yaml_kind(found)}"
        else:
            hint, shown = "write a single line of text", describe(found)
        return report(EXPECTED_TEXT, loc, found=shown, fix=hint)
    if kind == "string_too_short":
        return report(EMPTY_TEXT, loc, fix=_empty_hint(loc))
    if kind in ("int_type", "value_float"):
        shown = (f"`{pos.raw}`, which YAML reads as {_yaml_kind(found)}"
                 if pos.plain and pos.raw is not None else describe(found))
        ctx.update(found=shown, fix=_number_hint(pos.raw, found, quoted=not pos.plain))
    elif kind == "greater_than_equal":
        ctx["found"] = found
    elif kind in _DESCRIBED:
        ctx["found"] = describe(found)
    if kind in KINDS and (kind != "too_short" or name == "cite"):
        wanted = rule(KINDS[kind]).fields()
        return report(rule(KINDS[kind]), loc, **{f: ctx.get(f, "") for f in wanted})
    return report(INVALID_VALUE, loc, message=str(err["msg"]), hint=str(ctx.get("hint", "")))


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


