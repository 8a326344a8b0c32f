"""The model's scalar checks: slugs, language tags, URLs, hashes and dates, in our words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from pydantic_core import PydanticCustomError

from factsheet.hygiene import shown
from factsheet.load import SLUG_RE, Ambiguous, parse_when, slugify

LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?"
                     r"(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")


def err(kind: str, message: str, hint: str = "") -> PydanticCustomError:
    """A validation error of our own kind, its fix carried as the `hint` context."""
    return PydanticCustomError(kind, message, {"hint": hint})


def slug(value: str) -> str:
    """Accept a slug: lowercase letters, digits and single hyphens."""
    if not SLUG_RE.match(value):
        hint = (f"write it as `{slugify(value)}`" if re.search(r"[A-Za-z0-9]", value)
                else "give it an id of lowercase letters, digits and hyphens")
        raise err("slug", "expected a slug (lowercase letters, digits, hyphens), found "
                  f"`{shown(value)}`", hint)
    return value


def lang(value: str) -> str:
    """Accept a BCP 47 language tag."""
    if not LANG_RE.match(value):
        raise err("lang", f"expected a BCP 47 language tag, found `{shown(value)}`",
                  "use a tag such as `en`, `ru`, `kk` or `en-GB`")
    return value


def url(value: str) -> str:
    """Accept an absolute http(s) URL; return it without surrounding spaces."""
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https"):
        found = f"the scheme `{shown(parts.scheme)}:`" if parts.scheme else "no scheme"
        raise err("url_scheme", f"expected an http or https URL, found {found}",
                  "link only to web pages, starting with https://")
    if not parts.netloc or " " in value.strip():
        raise err("url", f"expected a full web address, found `{shown(value)}`",
                  "write it as https://host/path")
    return value.strip()


def sha256(value: str) -> str:
    """Accept 64 lowercase hex digits."""
    if not SHA_RE.match(value):
        raise err("sha256", "expected 64 lowercase hex digits",
                  "let `factsheet archive-hash` write this field")
    return value


def when(value: Any) -> dt.date | dt.datetime:
    """Accept a date, or a datetime with a UTC offset, loaded or written as text."""
    if isinstance(value, str):
        parsed = parse_when(value)
        if parsed is None:
            raise err("date_format", "expected a date (2022-01-07) or a datetime with a UTC "
                      f"offset (2022-01-07T16:20:00+06:00), found `{shown(value)}`",
                      "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM")
        value = parsed
    if isinstance(value, Ambiguous):
        if re.search(r"\d:\d", value.raw):
            raise err("date_invalid", f"`{value.raw}` is not a valid date and time",
                      "check the month and day, the time (00:00 to 23:59) and the UTC "
                      "offset (-12:00 to +14:00)")
        raise err("date_invalid", f"`{value.raw}` is not a valid calendar date",
                  "check the month and day")
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise err("date_offset", "the datetime has no UTC offset",
                      f"add one, e.g. `{value.isoformat()}+00:00` for UTC")
        return value
    if isinstance(value, dt.date):
        return value
    raise err("date_type", f"expected a date or datetime, found {describe(value)}",
              "write it as YYYY-MM-DD")


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
