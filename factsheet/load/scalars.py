"""The model's scalar checks: slugs, language tags, URLs, hashes and dates, in our words."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic_core import PydanticCustomError

from factsheet.load.hygiene import BIDI_CONTROLS, ZERO_WIDTH, char_class, shown
from factsheet.load.precision import parse_partial
from factsheet.load.sheet import SLUG_RE, Ambiguous, parse_when, slugify
from factsheet.rules import BY_CODE, KINDS, rule
from factsheet.suggest import did_you_mean

LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?"
                     r"(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_NUMBERISH_RE = re.compile(r"^\s*[0-9]{1,3}(?:[ ,.\u00a0\u202f'][0-9]{3})+\s*$")
# The JSON Schema forms of the loader's dates (see load.parse_when), offset required on times;
# tests check that every date the model takes passes them.
DATE_PATTERN = r"^\s*[0-9]{4}(?:-[0-9]{1,2}(?:-[0-9]{1,2})?)?\s*$"  # also 2019, 2019-12
DATETIME_PATTERN = (r"^\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}"
                    r"(?:\.[0-9]+)?[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?)\s*$")
# Text: something besides spaces, and none of the invisible characters (those outside the
# Basic Multilingual Plane are left to the model: editors' regexes cannot name them).
_INVISIBLE = char_class(c for c in BIDI_CONTROLS | ZERO_WIDTH if ord(c) <= 0xFFFF)
TEXT_PATTERN = rf"^(?=[\s\S]*\S)[^{_INVISIBLE}]*$"


def err(kind: str, **values: Any) -> PydanticCustomError:
    """The error of the rule that `kind` maps to; its words live in the rules table."""
    found = rule(KINDS[kind])
    return PydanticCustomError(kind, found.message.format(**values), values)


def slug(value: str) -> str:
    """Accept a slug: lowercase letters, digits and single hyphens."""
    if not SLUG_RE.match(value):
        fix = (f"write it as `{slugify(value)}`" if re.search(r"[A-Za-z0-9]", value)
               else "give it an id of lowercase letters, digits and hyphens")
        raise err("slug", found=shown(value), fix=fix)
    return value


def lang(value: str) -> str:
    """Accept a BCP 47 language tag."""
    if not LANG_RE.match(value):
        raise err("lang", found=shown(value))
    return value


def url(value: str) -> str:
    """Accept an absolute http(s) URL; return it without surrounding spaces."""
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https"):
        found = f"the scheme `{shown(parts.scheme)}:`" if parts.scheme else "no scheme"
        raise err("url_scheme", found=found)
    if not parts.netloc or " " in value.strip():
        raise err("url", found=shown(value))
    return value.strip()


def sha256(value: str) -> str:
    """Accept 64 lowercase hex digits."""
    if not SHA_RE.match(value):
        raise err("sha256")
    return value


def zone(value: str) -> str:
    """Accept an IANA time zone name (`Asia/Almaty`)."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        suggestion = did_you_mean(value, sorted(available_timezones())) or \
            "use an IANA name such as `Asia/Almaty` or `Europe/London`"
        raise err("timezone", found=shown(value), suggestion=suggestion) from None
    return value


def when(value: Any) -> dt.date | dt.datetime:
    """Accept a date (also a year or a month), or a datetime with a UTC offset."""
    try:
        partial = parse_partial(value)
    except ValueError:
        raise err("date_invalid", found=shown(str(value).strip())) from None
    if partial is not None:
        return partial
    if isinstance(value, str):
        parsed = parse_when(value)
        if parsed is None:
            raise err("date_format", found=shown(value))
        value = parsed
    if isinstance(value, Ambiguous):
        if re.search(r"\d:\d", value.raw):
            raise err("datetime_invalid", found=value.raw)
        raise err("date_invalid", found=value.raw)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise err("date_offset", suggested=value.isoformat())
        return value
    if isinstance(value, dt.date):
        return value
    raise err("date_type", found=describe(value))


def describe(value: Any) -> str:
    """Describe a loaded value's kind for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean `{str(value).lower()}`"
    if isinstance(value, Ambiguous):
        return f"`{value.raw}`, which YAML reads as a {value.kind}"
    if isinstance(value, int | float):
        return f"the number `{value}`"
    if isinstance(value, dt.date):
        return f"the date `{value.isoformat()}`"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f'the text "{shown(value)}"'
    return f"`{value}`"


def agency_names(value: Any) -> Any:
    """Accept an agency name or a non-empty list of names (before the union is tried)."""
    # Checked here, so a wrong shape gets one message instead of one per union member.
    items = value if isinstance(value, list) else [value]
    if isinstance(value, list) and not value:
        raise err("agency_empty")
    for item in items:
        if not isinstance(item, str) or not item.strip():
            found = "an empty value" if isinstance(item, str) else describe(item)
            raise err("agency_type", found=found)
    return value


def rule_code(value: str) -> str:
    """Accept the code of a warning rule, for `ignore`."""
    found = BY_CODE.get(value)
    if found is None:
        warnings = [code for code, r in BY_CODE.items() if r.severity == "warning"]
        suggestion = did_you_mean(value, warnings) or "see `factsheet rules` for every code"
        raise err("rule_code", found=value, suggestion=suggestion)
    if found.severity == "error":
        raise err("rule_error", found=value, name=found.name)
    return value


_SHOWN_DIGITS = 40  # a count written as text longer than this is shown cut short


def count_value(value: Any, vague: tuple[str, ...]) -> Any:
    """Accept a figure's value: a whole number, a `{min, max}` mapping or a vague word."""
    if isinstance(value, bool):
        raise err("value_bool", found=describe(value),
                  fix="write the count as digits, e.g. `value: 3700`")
    if isinstance(value, int):
        if value < 0:
            raise err("value_negative", found=value)
        return value
    if isinstance(value, float | Ambiguous):
        # The hint is built from the source text by the translator.
        raise err("value_float", found="a decimal number", fix="")
    if isinstance(value, str):
        if value in vague:
            return value
        if _NUMBERISH_RE.match(value) or value.strip().isdigit():
            # As a count reads: ASCII digits, no leading zeros ("018" is 18, "١٢" is 12).
            digits = "".join(str(unicodedata.digit(c)) for c in value if c.isdigit())
            digits = digits.lstrip("0") or "0"
            if len(value) > _SHOWN_DIGITS:  # thousands of digits: no count; shown cut short
                value, digits = value[:_SHOWN_DIGITS] + "…", digits[:_SHOWN_DIGITS] + "…"
            raise err("value_text_number", found=shown(value), digits=digits)
        hint = did_you_mean(value, vague) or "use digits, `{min, max}`, or one of: " + ", ".join(
            vague)
        raise err("value_word", words=", ".join(vague), found=shown(value), suggestion=hint)
    if isinstance(value, dict):
        return value
    raise err("value_type", found=describe(value), fix="write the count as digits")


def retraction_keys(value: Any) -> Any:
    """`retracted: {on: …}` read as `{date: …}`: `on` is the old key (validate warns, FS240)."""
    # A YAML 1.1 reader (PyYAML's safe_load, a desk's own scripts) reads `on` as `true`.
    if isinstance(value, dict) and "on" in value and "date" not in value:
        return {("date" if k == "on" else k): v for k, v in value.items()}
    return value


def day(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day of a date or datetime."""
    return value.date() if isinstance(value, dt.datetime) else value
