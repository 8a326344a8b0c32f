"""The model's scalar checks: slugs, language tags, URLs, hashes and dates, in our words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from pydantic_core import PydanticCustomError

from factsheet.hygiene import shown
from factsheet.load import SLUG_RE, Ambiguous, parse_when, slugify
from factsheet.rules import KINDS, rule

LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?"
                     r"(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")


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


def when(value: Any) -> dt.date | dt.datetime:
    """Accept a date, or a datetime with a UTC offset, loaded or written as text."""
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
