"""Stage 2, model: the typed facts of a sheet, validated strictly with pydantic."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    StringConstraints,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

from factsheet.load import SLUG_RE, Ambiguous, parse_when, slugify
from factsheet.suggest import did_you_mean

MEASURES = ("killed", "injured", "arrested", "detained", "deployed", "displaced",
            "evacuated", "missing", "other")
APPROX = ("exact", "about", "at_least", "more_than", "at_most", "fewer_than")
TRANSLATIONS = ("none", "human", "machine")
VAGUE = ("a few", "several", "dozens", "hundreds", "thousands")
PAPERS = ("a4", "letter")
ENUMS: dict[str, tuple[str, ...]] = {
    "measure": MEASURES, "approx": APPROX, "translation": TRANSLATIONS, "paper": PAPERS,
}

_LANG_RE = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?"
                      r"(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_NUMBERISH_RE = re.compile(r"^\s*[0-9]{1,3}(?:[ ,.\u00a0\u202f'][0-9]{3})+\s*$")


def _err(kind: str, message: str, hint: str = "") -> PydanticCustomError:
    return PydanticCustomError(kind, message, {"hint": hint})


def _slug(value: str) -> str:
    if not SLUG_RE.match(value):
        hint = (f"write it as `{slugify(value)}`" if re.search(r"[A-Za-z0-9]", value)
                else "give it an id of lowercase letters, digits and hyphens")
        raise _err("slug", f"expected a slug (lowercase letters, digits, hyphens), found `{value}`",
                   hint)
    return value


def _lang(value: str) -> str:
    if not _LANG_RE.match(value):
        raise _err("lang", f"expected a BCP 47 language tag, found `{value}`",
                   "use a tag such as `en`, `ru`, `kk` or `en-GB`")
    return value


def _url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https"):
        found = f"the scheme `{parts.scheme}:`" if parts.scheme else "no scheme"
        raise _err("url_scheme", f"expected an http or https URL, found {found}",
                   "link only to web pages, starting with https://")
    if not parts.netloc or " " in value.strip():
        raise _err("url", f"expected a full web address, found `{value}`",
                   "write it as https://host/path")
    return value.strip()


def _sha(value: str) -> str:
    if not _SHA_RE.match(value):
        raise _err("sha256", "expected 64 lowercase hex digits",
                   "let `factsheet archive-hash` write this field")
    return value


def _when(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, str):
        parsed = parse_when(value)
        if parsed is None:
            raise _err("date_format", f"expected a date (2022-01-07) or a datetime with a UTC "
                       f"offset (2022-01-07T16:20:00+06:00), found `{value}`",
                       "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM")
        value = parsed
    if isinstance(value, Ambiguous):
        if re.search(r"\d:\d", value.raw):
            raise _err("date_invalid", f"`{value.raw}` is not a valid date and time",
                       "check the month and day, the time (00:00 to 23:59) and the UTC "
                       "offset (-12:00 to +14:00)")
        raise _err("date_invalid", f"`{value.raw}` is not a valid calendar date",
                   "check the month and day")
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise _err("date_offset", "the datetime has no UTC offset",
                       f"add one, e.g. `{value.isoformat()}+00:00` for UTC")
        return value
    if isinstance(value, dt.date):
        return value
    raise _err("date_type", f"expected a date or datetime, found {describe(value)}",
               "write it as YYYY-MM-DD")


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        raise _err("value_bool",
                   f"expected a whole number, found the boolean `{str(value).lower()}`",
                   "write the count as digits, e.g. `value: 3700`")
    if isinstance(value, int):
        if value < 0:
            raise _err("value_negative", f"expected a whole number >= 0, found {value}",
                       "counts cannot be negative; remove the minus sign")
        return value
    if isinstance(value, float | Ambiguous):
        raise _err("value_float", "expected a whole number, found a decimal number",
                   "")  # the hint is built from the source text by the translator
    if isinstance(value, str):
        if value in VAGUE:
            return value
        if _NUMBERISH_RE.match(value) or value.strip().isdigit():
            digits = re.sub(r"\D", "", value)
            raise _err("value_text_number", f"expected a whole number, found the text \"{value}\"",
                       f"write it without separators or quotes: `{digits}`")
        hint = did_you_mean(value, VAGUE) or "use digits, `{min, max}`, or one of: " + ", ".join(
            VAGUE)
        raise _err("value_word", f"expected a whole number, a {{min, max}} range or one of "
                   f"{', '.join(VAGUE)}; found the text \"{value}\"", hint)
    if isinstance(value, dict):
        return value
    raise _err("value_type", f"expected a whole number, found {describe(value)}",
               "write the count as digits")


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
        return f'the text "{value}"'
    return f"`{value}`"


def _cite(value: Any) -> Any:
    if isinstance(value, str):
        return [{"source": value}]
    if isinstance(value, list):
        return [{"source": v} if isinstance(v, str) else v for v in value]
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, AfterValidator(_slug)]
Lang = Annotated[str, AfterValidator(_lang)]
Url = Annotated[str, AfterValidator(_url)]
Sha256 = Annotated[str, AfterValidator(_sha)]
When = Annotated[dt.date | dt.datetime, PlainValidator(_when)]
# Union members are tagged so a failing member reports only its own errors; the
# translator drops these tags from locations.
UNION_TAGS = frozenset({"number", "range", "word", "span", "when"})


class Model(BaseModel):
    """Base for all fact records: strict types, no unknown keys, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=False)


class CiteItem(Model):
    """One citation: a source, optionally with its verbatim excerpt and a note."""

    source: Slug
    says: Text | None = None
    note: Text | None = None


Cites = Annotated[list[CiteItem], BeforeValidator(_cite), Field(min_length=1)]


class Range(Model):
    """A `{min, max}` value."""

    min: Annotated[int, Field(ge=0)]
    max: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise _err("range_order", f"min ({self.min}) is greater than max ({self.max})",
                       "swap the two numbers")
        return self


def _value_kind(value: Any) -> str:
    return "range" if isinstance(value, dict) else "word" if isinstance(value, str) else "number"


Value = Annotated[
    Annotated[
        Annotated[int, Tag("number")]
        | Annotated[Range, Tag("range")]
        | Annotated[str, Tag("word")],
        Discriminator(_value_kind),
    ],
    BeforeValidator(_value),
]


class Statement(Model):
    """A summary statement with its citations."""

    text: Text
    cite: Cites


class Sheet(Model):
    """The `sheet` mapping: what the sheet is and how it is issued."""

    title: Text
    subtitle: Text | None = None
    as_of: When
    lang: Lang = "en"
    template: Slug = "briefing"
    author: Text | None = None
    paper: Literal["a4", "letter"] = "a4"
    archive: Text | None = None  # folder of archived copies, relative to the sheet folder
    summary: list[Statement] = []


class Source(Model):
    """An article the facts rest on."""

    id: Slug
    publisher: Text
    title: Text
    url: Url | None = None
    published: When
    updated: When | None = None
    accessed: When | None = None
    lang: Lang | None = None
    translation: Literal["none", "human", "machine"] = "none"
    agency: Text | None = None
    archive_url: Url | None = None
    archive_sha256: Sha256 | None = None


def report_key(source: Source) -> str:
    """Which independent report a source belongs to: sources sharing an agency are one."""
    if source.agency:
        return "agency:" + " ".join(source.agency.casefold().split())
    return f"source:{source.id}"


class Figure(Model):
    """A reported number: who counts what, how sure, who claims it."""

    id: Slug
    label: Text
    measure: Literal["killed", "injured", "arrested", "detained", "deployed", "displaced",
                     "evacuated", "missing", "other"]
    who: Text | None = None
    value: Value
    approx: Literal["exact", "about", "at_least", "more_than", "at_most", "fewer_than"] = "exact"
    unit: Text | None = None
    as_of: When | None = None
    claimed_by: Text | None = None
    key: bool = False
    cite: Cites


class Quote(Model):
    """A direct quote, with each source's own wording."""

    id: Slug
    speaker: Text
    role: Text | None = None
    date: When | None = None
    setting: Text | None = None
    text: Text
    lang: Lang | None = None
    original_lang: Lang | None = None
    cite: Cites


class Span(Model):
    """An event date range `{from, to}`."""

    start: When = Field(alias="from")
    end: When = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if day(self.start) > day(self.end):
            raise _err("span_order", "`from` is later than `to`", "swap the two dates")
        return self


class Event(Model):
    """A dated event for the timeline."""

    id: Slug
    date: Annotated[
        Annotated[Span, Tag("span")] | Annotated[When, Tag("when")],
        Discriminator(lambda v: "span" if isinstance(v, dict | Span) else "when"),
    ]
    text: Text
    cite: Cites


def day(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day of a date or datetime."""
    return value.date() if isinstance(value, dt.datetime) else value


RECORDS: dict[str, type[Model]] = {
    "sources": Source, "figures": Figure, "quotes": Quote, "events": Event,
}


class Facts(Model):
    """A whole, valid sheet: the `sheet` mapping and its four lists."""

    slug: str
    sheet: Sheet
    sources: list[Source] = []
    figures: list[Figure] = []
    quotes: list[Quote] = []
    events: list[Event] = []

    def counts(self) -> str:
        """Summarise the sheet's size in one line."""
        parts = [(len(self.sources), "source"), (len(self.figures), "figure"),
                 (len(self.quotes), "quote"), (len(self.events), "event")]
        return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in parts)

    def to_json(self) -> dict[str, Any]:
        """Return the normalised facts as JSON-ready data."""
        out = jsonable(self)
        assert isinstance(out, dict)
        return out


def jsonable(value: Any) -> Any:
    """Convert models, dates and lists to JSON data, by alias, leaving out unset (None) fields."""
    if isinstance(value, BaseModel):
        out: dict[str, Any] = {}
        for name, info in type(value).model_fields.items():
            item = getattr(value, name)
            if item is not None:
                out[info.alias or name] = jsonable(item)
        return out
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
