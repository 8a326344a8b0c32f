"""Stage 2, model: the typed facts of a sheet, validated strictly with pydantic."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

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
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from factsheet.load import SLUG_RE, Ambiguous, parse_when, slugify
from factsheet.precision import parse_partial
from factsheet.rules import BY_CODE, KINDS, rule
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


def _err(kind: str, **values: Any) -> PydanticCustomError:
    """The error of the rule that `kind` maps to; its words live in the rules table."""
    found = rule(KINDS[kind])
    return PydanticCustomError(kind, found.message.format(**values), values)


def _slug(value: str) -> str:
    if not SLUG_RE.match(value):
        fix = (f"write it as `{slugify(value)}`" if re.search(r"[A-Za-z0-9]", value)
               else "give it an id of lowercase letters, digits and hyphens")
        raise _err("slug", found=value, fix=fix)
    return value


def _lang(value: str) -> str:
    if not _LANG_RE.match(value):
        raise _err("lang", found=value)
    return value


def _url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https"):
        found = f"the scheme `{parts.scheme}:`" if parts.scheme else "no scheme"
        raise _err("url_scheme", found=found)
    if not parts.netloc or " " in value.strip():
        raise _err("url", found=value)
    return value.strip()


def _zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        suggestion = did_you_mean(value, sorted(available_timezones())) or \
            "use an IANA name such as `Asia/Almaty` or `Europe/London`"
        raise _err("timezone", found=value, suggestion=suggestion) from None
    return value


def _sha(value: str) -> str:
    if not _SHA_RE.match(value):
        raise _err("sha256")
    return value


def _when(value: Any) -> dt.date | dt.datetime:
    try:
        partial = parse_partial(value)
    except ValueError:
        raise _err("date_invalid", found=str(value).strip()) from None
    if partial is not None:
        return partial
    if isinstance(value, str):
        parsed = parse_when(value)
        if parsed is None:
            raise _err("date_format", found=value)
        value = parsed
    if isinstance(value, Ambiguous):
        if re.search(r"\d:\d", value.raw):
            raise _err("datetime_invalid", found=value.raw)
        raise _err("date_invalid", found=value.raw)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise _err("date_offset", suggested=value.isoformat())
        return value
    if isinstance(value, dt.date):
        return value
    raise _err("date_type", found=describe(value))


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        raise _err("value_bool", found=describe(value),
                   fix="write the count as digits, e.g. `value: 3700`")
    if isinstance(value, int):
        if value < 0:
            raise _err("value_negative", found=value)
        return value
    if isinstance(value, float | Ambiguous):
        # The hint is built from the source text by the translator.
        raise _err("value_float", found="a decimal number", fix="")
    if isinstance(value, str):
        if value in VAGUE:
            return value
        if _NUMBERISH_RE.match(value) or value.strip().isdigit():
            digits = re.sub(r"\D", "", value)
            raise _err("value_text_number", found=value, digits=digits)
        hint = did_you_mean(value, VAGUE) or "use digits, `{min, max}`, or one of: " + ", ".join(
            VAGUE)
        raise _err("value_word", words=", ".join(VAGUE), found=value, suggestion=hint)
    if isinstance(value, dict):
        return value
    raise _err("value_type", found=describe(value), fix="write the count as digits")


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


def _agency(value: Any) -> Any:
    # Checked here, so a wrong shape gets one message instead of one per union member.
    items = value if isinstance(value, list) else [value]
    if isinstance(value, list) and not value:
        raise _err("agency_empty")
    for item in items:
        if not isinstance(item, str) or not item.strip():
            found = "an empty value" if isinstance(item, str) else describe(item)
            raise _err("agency_type", found=found)
    return value


def _cite(value: Any) -> Any:
    if isinstance(value, str):
        return [{"source": value}]
    if isinstance(value, list):
        return [{"source": v} if isinstance(v, str) else v for v in value]
    return value


def _rule_code(value: str) -> str:
    found = BY_CODE.get(value)
    if found is None:
        warnings = [code for code, r in BY_CODE.items() if r.severity == "warning"]
        suggestion = did_you_mean(value, warnings) or "see `factsheet rules` for every code"
        raise _err("rule_code", found=value, suggestion=suggestion)
    if found.severity == "error":
        raise _err("rule_error", found=value, name=found.name)
    return value


Ignore = Annotated[
    list[Annotated[str, AfterValidator(_rule_code)]] | None,
    Field(description="Warning codes (e.g. FS311) silenced for this entry; errors cannot be."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, AfterValidator(_slug)]
Lang = Annotated[str, AfterValidator(_lang)]
Url = Annotated[str, AfterValidator(_url)]
Sha256 = Annotated[str, AfterValidator(_sha)]
Zone = Annotated[str, AfterValidator(_zone)]
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
    via: Text | None = Field(None, description="The outlet whose claim this source relays "
                             "(\"citing Xinhua\"): the citation counts as that outlet's report.")


Cites = Annotated[list[CiteItem], BeforeValidator(_cite), Field(min_length=1)]
Agency = Annotated[Text | list[Text], BeforeValidator(_agency)]


class Range(Model):
    """A `{min, max}` value."""

    min: Annotated[int, Field(ge=0)]
    max: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise _err("range_order", min=self.min, max=self.max)
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
    ignore: Ignore = None


class Sheet(Model):
    """The `sheet` mapping: what the sheet is and how it is issued."""

    title: Text
    subtitle: Text | None = None
    as_of: When
    lang: Lang = "en"
    template: Slug = Field("briefing", description="The template to build with: `briefing` "
                           "(the full sheet), `brief` (one page) or a folder of your own.")
    author: Text | None = None
    issued: When | None = Field(None, description="When this edition was issued: printed "
                                "beside `as_of`, and the PDF's creation date (so rebuilding "
                                "gives the same bytes).")
    timezone: Zone | None = Field(None, description="An IANA time zone, e.g. `Asia/Almaty`: "
                                  "times print in it, with its name, instead of a UTC offset.")
    paper: Literal["a4", "letter"] = "a4"
    summary: list[Statement] = []
    ignore: Ignore = None

    @field_validator("issued")
    @classmethod
    def _issued_after(cls, issued: dt.date | dt.datetime | None,
                      info: ValidationInfo) -> dt.date | dt.datetime | None:
        # An edition cannot be issued before the moment it describes (by day, when either
        # is a plain date, as every date comparison of the sheet).
        as_of = info.data.get("as_of")
        if issued is not None and as_of is not None and _before(issued, as_of):
            raise _err("issued_early", issued=issued.isoformat(), as_of=as_of.isoformat())
        return issued


def _before(a: dt.date | dt.datetime, b: dt.date | dt.datetime) -> bool:
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a < b
    return day(a) < day(b)


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
    agency: Agency | None = Field(
        None, description="The wire service or services the story came from; sources sharing "
        "any agency count as one independent report.")
    archive_url: Url | None = None
    archive_sha256: Sha256 | None = None
    ignore: Ignore = None


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
    via: Text | None = Field(None, description="The outlet whose count this figure relays; "
                             "every citation of it counts as that outlet's report.")
    supersedes: Slug | None = Field(None, description="The id of an earlier figure of the same "
                                    "group that this one revises; needs a `note`.")
    note: Text | None = Field(None, description="Why the count changed or why reports conflict.")
    cite: Cites
    ignore: Ignore = None


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
    ignore: Ignore = None


class Span(Model):
    """An event date range `{from, to}`."""

    start: When = Field(alias="from")
    end: When = Field(alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if day(self.start) > day(self.end):
            raise _err("span_order")
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
    ignore: Ignore = None


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
