"""Stage 2, model: the typed facts of a sheet, validated strictly with pydantic."""

# The one place a key, its type, its allowed values and its description are written: the
# validator, the JSON Schema (factsheet.validate.schema) and the benchmark read them here.

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args, get_origin

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
    WithJsonSchema,
    field_validator,
    model_validator,
)

from factsheet.load.files import TOP_LISTS
from factsheet.load.hygiene import bare_quote, clean, one_script
from factsheet.load.hygiene import fold as fold  # the one comparison form of names and ids
from factsheet.load.jsondata import jsonable as jsonable  # its home is load/jsondata.py
from factsheet.load.scalars import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    LANG_RE,
    SHA_RE,
    TEXT_PATTERN,
    agency_names,
    count_value,
    err,
    lang,
    retraction_keys,
    rule_code,
    sha256,
    slug,
    url,
    when,
    zone,
)
from factsheet.load.scalars import day as day  # likewise
from factsheet.load.scalars import describe as describe
from factsheet.load.sheet import SLUG_RE

Measure = Literal["killed", "injured", "arrested", "detained", "deployed", "displaced",
                  "evacuated", "missing", "other"]
Approx = Literal["exact", "about", "at_least", "more_than", "at_most", "fewer_than"]
Translation = Literal["none", "human", "machine"]
Vague = Literal["a few", "several", "dozens", "hundreds", "thousands"]
Paper = Literal["a4", "letter"]
Basis = Literal["confirmed", "estimate", "projection"]
# What each basis means, for the schema and the docs: one place.
BASIS_MEANING: dict[str, str] = {
    "confirmed": "counted one by one: bodies recovered and identified, people registered",
    "estimate": "judged from what is known: districts destroyed, people unaccounted for",
    "projection": "expected to be reached: a model's or an official's forecast",
}
MEASURES: tuple[str, ...] = get_args(Measure)
APPROX: tuple[str, ...] = get_args(Approx)
TRANSLATIONS: tuple[str, ...] = get_args(Translation)
VAGUE: tuple[str, ...] = get_args(Vague)
PAPERS: tuple[str, ...] = get_args(Paper)
BASES: tuple[str, ...] = get_args(Basis)
BasisField = Annotated[Basis, WithJsonSchema({
    "type": "string", "enum": list(BASES),
    "oneOf": [{"const": b, "description": BASIS_MEANING[b]} for b in BASES]})]


Ignore = Annotated[
    list[Annotated[str, AfterValidator(rule_code)]] | None,
    Field(description="Warning codes (e.g. FS311) silenced for this entry; errors cannot be."),
]
def _cite(value: Any) -> Any:
    if isinstance(value, str):
        return [{"source": value}]
    if isinstance(value, list):
        return [{"source": v} if isinstance(v, str) else v for v in value]
    return value


def _string(pattern: str) -> WithJsonSchema:
    """The JSON Schema of a text field that a Python check validates: a string pattern."""
    return WithJsonSchema({"type": "string", "pattern": pattern})


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                 AfterValidator(clean), _string(TEXT_PATTERN)]
QuoteText = Annotated[Text, AfterValidator(bare_quote)]
Name = Annotated[Text, AfterValidator(one_script)]  # compared and grouped: no look-alikes
Slug = Annotated[str, AfterValidator(clean), AfterValidator(slug), _string(SLUG_RE.pattern)]
Lang = Annotated[str, AfterValidator(clean), AfterValidator(lang), _string(LANG_RE.pattern)]
Url = Annotated[str, AfterValidator(clean), AfterValidator(url),
                _string(r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^ ]+?\s*$")]
Sha256 = Annotated[str, AfterValidator(clean), AfterValidator(sha256), _string(SHA_RE.pattern)]
Zone = Annotated[str, AfterValidator(clean), AfterValidator(zone)]
When = Annotated[dt.date | dt.datetime, PlainValidator(when), WithJsonSchema({"anyOf": [
    {"type": "string", "pattern": DATE_PATTERN}, {"type": "string", "pattern": DATETIME_PATTERN},
    {"type": "integer", "minimum": 1, "maximum": 9999},  # a year alone (`date: 2019`)
]})]
# Union members are tagged so a failing member reports only its own errors; the
# translator drops these tags from locations.
UNION_TAGS = frozenset({"number", "range", "word", "span", "when", "name", "names"})


class Model(BaseModel):
    """Base for all fact records: strict types, no unknown keys, immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=False)


class CiteItem(Model):
    """One citation: a source, optionally with its verbatim excerpt and a note."""

    source: Slug = Field(description="The id of the cited source, as listed under `sources`.")
    says: Text | None = Field(None, description="The source's own words that support the fact, "
                              "copied verbatim; checked against the archived article.")
    note: Text | None = Field(None, description="A remark on this citation for the reader.")
    via: Name | None = Field(None, description="The outlet whose claim this source relays "
                             "(\"citing Xinhua\"): the citation counts as that outlet's report.")


Cites = Annotated[
    list[CiteItem],
    BeforeValidator(_cite, json_schema_input_type=Slug | Annotated[
        list[Slug | CiteItem], Field(min_length=1)]),
    Field(min_length=1),
]
Agency = Annotated[
    Annotated[Name, Tag("name")] | Annotated[list[Name], Tag("names")],
    Discriminator(lambda v: "names" if isinstance(v, list) else "name"),
    BeforeValidator(agency_names),
]


def _cite_field(what: str) -> Any:
    """The `cite` field of a record, described for that record."""
    return Field(description=f"The sources for the {what}: a source id, or a list of ids and "
                 "`{source, says, note}` mappings.")


class Range(Model):
    """A `{min, max}` value: the count lies between the two, both included."""

    min: Annotated[int, Field(ge=0)] = Field(description="The lowest count reported.")
    max: Annotated[int, Field(ge=0)] = Field(description="The highest count reported.")

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise err("range_order", min=self.min, max=self.max)
        return self


def _value_kind(value: Any) -> str:
    return "range" if isinstance(value, dict) else "word" if isinstance(value, str) else "number"


Value = Annotated[
    Annotated[
        Annotated[int, Field(ge=0), Tag("number")]
        | Annotated[Range, Tag("range")]
        | Annotated[Vague, Tag("word")],
        Discriminator(_value_kind),
    ],
    BeforeValidator(lambda v: count_value(v, VAGUE)),
]


class Retraction(Model):
    """A fact withdrawn: when, why, and the source that withdrew it; the fact stays in the data."""

    date: When = Field(description="When the fact was withdrawn: a date or a datetime with a "
                       "UTC offset (formerly `on`, which YAML 1.1 readers take for `true`).")
    reason: Text = Field(description="Why it was withdrawn, as the sheet shows it (\"the "
                         "Information Ministry called it a technical error\").")
    cite: Cites = Field(description="The source or sources that withdrew it: a source id, or a "
                        "list of ids and `{source, says, note}` mappings.")


Retracted = Annotated[Retraction | None, BeforeValidator(retraction_keys)]


def _retracted() -> Any:
    return Field(None, description="Marks the fact as withdrawn (`{date, reason, cite}`): it "
                 "stays on the sheet, marked, and leaves key figures and current values.")


def _replaces() -> Any:
    return Field(None, description="The id this entry had in an earlier edition, when it was "
                 "renamed: editions compare it as the same fact.")


class Statement(Model):
    """A summary statement with its citations."""

    text: Text = Field(description="One sentence of the sheet's summary.")
    cite: Cites = _cite_field("statement")
    ignore: Ignore = None


class Sheet(Model):
    """The `sheet` mapping: what the sheet is and how it is issued."""

    title: Text = Field(description="The sheet's headline.")
    subtitle: Text | None = Field(None, description="A line under the title.")
    as_of: When = Field(description="The moment the sheet describes: a date (2022-01-07) or a "
                        "datetime with a UTC offset (2022-01-07T16:20:00+06:00).")
    lang: Lang = Field("en", description="The sheet's language, a BCP 47 tag (en, ru, en-GB).")
    template: Slug = Field("briefing", description="The template to build with: `briefing` "
                           "(the full sheet), `brief` (one page) or a folder of your own.")
    author: Text | None = Field(None, description="Who compiled the sheet.")
    issued: When | None = Field(None, description="When this edition was issued: printed "
                                "beside `as_of`, and the PDF's creation date (so rebuilding "
                                "gives the same bytes).")
    timezone: Zone | None = Field(None, description="An IANA time zone, e.g. `Asia/Almaty`: "
                                  "times print in it, with its name, instead of a UTC offset.")
    paper: Paper = Field("a4", description="The PDF's paper size.")
    archive: Text | None = Field(None, description="The folder of archived article copies, "
                                 "relative to the sheet's folder, so a plain build checks the "
                                 "sheet; `--archive-dir` overrides it.")
    summary: list[Statement] = Field([], description="Cited statements shown at the top.")
    ignore: Ignore = None

    @field_validator("issued")
    @classmethod
    def _issued_after(cls, issued: dt.date | dt.datetime | None,
                      info: ValidationInfo) -> dt.date | dt.datetime | None:
        # An edition cannot be issued before the moment it describes (by day, when either
        # is a plain date, as every date comparison of the sheet).
        as_of = info.data.get("as_of")
        if issued is not None and as_of is not None and _before(issued, as_of):
            raise err("issued_early", issued=issued.isoformat(), as_of=as_of.isoformat())
        return issued


def _before(a: dt.date | dt.datetime, b: dt.date | dt.datetime) -> bool:
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a < b
    return day(a) < day(b)


class Source(Model):
    """An article the facts rest on."""

    id: Slug = Field(description="The source's id, cited by facts: lowercase letters, digits, "
                     "hyphens.")
    publisher: Name = Field(description="The outlet that published the article.")
    title: Text = Field(description="The article's headline.")
    url: Url | None = Field(None, description="The article's http(s) address.")
    published: When = Field(description="When the article appeared: a date or a datetime with a "
                            "UTC offset.")
    updated: When | None = Field(None, description="When the article was last updated.")
    accessed: When | None = Field(None, description="When the article was read for the sheet.")
    lang: Lang | None = Field(None, description="The article's language, a BCP 47 tag.")
    translation: Translation = Field("none", description="How excerpts were translated into the "
                                     "sheet's language: none, human or machine.")
    agency: Agency | None = Field(
        None, description="The wire service or services the story came from; sources sharing "
        "any agency count as one independent report.")
    archive_url: Url | None = Field(None, description="The address of an archived copy.")
    archive_sha256: Sha256 | None = Field(None, description="The SHA-256 of the archived copy "
                                          "checked (written by `factsheet archive-hash`).")
    ignore: Ignore = None


class Figure(Model):
    """A reported number: who counts what, how sure, who claims it."""

    id: Slug = Field(description="The figure's id: lowercase letters, digits, hyphens.")
    label: Text = Field(description="What is counted, as the sheet shows it.")
    measure: Measure = Field(description="The kind of count.")
    who: Text | None = Field(None, description="Who was counted.")
    value: Value = Field(description="The count: a whole number, a `{min, max}` range, or one "
                         "of the vague words a few, several, dozens, hundreds, thousands.")
    approx: Approx = Field("exact", description="How the count relates to the value.")
    unit: Text | None = Field(None, description="The unit when not people (troops, %).")
    as_of: When | None = Field(None, description="When the count was given.")
    claimed_by: Name | None = Field(None, description="Who gives the number (a ministry, an "
                                    "agency, an outlet).")
    key: bool = Field(False, description="Show the figure among the key figures at the top.")
    via: Name | None = Field(None, description="The outlet whose count this figure relays; "
                             "every citation of it counts as that outlet's report.")
    supersedes: Slug | None = Field(None, description="The id of an earlier figure of the same "
                                    "group that this one revises; needs a `note`.")
    note: Text | None = Field(None, description="Why the count changed or why reports conflict.")
    basis: BasisField | None = Field(
        None, description="How the count was made: `confirmed` (counted one by one, e.g. "
        "bodies identified), `estimate` (judged, e.g. from districts destroyed) or "
        "`projection` (expected). A confirmed count below an estimate is no conflict.")
    group_note: Text | None = Field(
        None, description="A note on the whole group of figures counting this thing (the "
        "same `measure`, `who` and unit), shown on its card; written on one figure only.")
    cite: Cites = _cite_field("figure")
    retracted: Retracted = _retracted()
    replaces: Slug | None = _replaces()
    ignore: Ignore = None


class Quote(Model):
    """A direct quote, with each source's own wording."""

    id: Slug = Field(description="The quote's id: lowercase letters, digits, hyphens.")
    speaker: Name = Field(description="Who said it.")
    role: Text | None = Field(None, description="The speaker's role or office.")
    date: When | None = Field(None, description="When it was said.")
    setting: Text | None = Field(None, description="Where or how it was said (a televised "
                                 "address).")
    text: QuoteText = Field(description="The words, without surrounding quote marks (the sheet "
                            "adds them).")
    lang: Lang | None = Field(None, description="The language of `text`, a BCP 47 tag.")
    original_lang: Lang | None = Field(None, description="The language the words were spoken "
                                       "in, when `text` is a translation.")
    translated: bool = Field(False, description="True when `text` is a translation: no "
                             "archive need hold `text` itself, the sheet says it is translated, "
                             "and the cites' `says` carry the verification.")
    brief: bool = Field(False, description="Show the quote on the one-page brief; when no "
                        "quote says so, the brief shows the first three.")
    cite: Cites = _cite_field("quote")
    retracted: Retracted = _retracted()
    replaces: Slug | None = _replaces()
    ignore: Ignore = None


class Span(Model):
    """An event date range `{from, to}`."""

    start: When = Field(alias="from", description="The first day (or moment).")
    end: When = Field(alias="to", description="The last day (or moment).")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if day(self.start) > day(self.end):
            raise err("span_order")
        return self


class Event(Model):
    """A dated event for the timeline."""

    id: Slug = Field(description="The event's id: lowercase letters, digits, hyphens.")
    date: Annotated[
        Annotated[Span, Tag("span")] | Annotated[When, Tag("when")],
        Discriminator(lambda v: "span" if isinstance(v, dict | Span) else "when"),
    ] = Field(description="When it happened: a date, a datetime, or a `{from, to}` span.")
    text: Text = Field(description="What happened, in one sentence.")
    cite: Cites = _cite_field("event")
    retracted: Retracted = _retracted()
    replaces: Slug | None = _replaces()
    ignore: Ignore = None


# Each kind of record (the fact files' lists, named where they are read) and its model.
RECORDS: dict[str, type[Model]] = dict(zip(TOP_LISTS, (Source, Figure, Quote, Event),
                                           strict=True))
# The kinds of record that state a fact, each citing sources: figures, quotes, events.
FACT_KINDS: tuple[str, ...] = tuple(name for name, model in RECORDS.items()
                                    if "cite" in model.model_fields)


class Facts(Model):
    """A whole, valid sheet: the `sheet` mapping and its four lists."""

    slug: str = Field(description="The sheet's folder name; not written in fact files.")
    sheet: Sheet = Field(description="What the sheet is and how it is issued.")
    sources: list[Source] = Field([], description="The articles the facts rest on.")
    figures: list[Figure] = Field([], description="Reported numbers, each cited.")
    quotes: list[Quote] = Field([], description="Direct quotes, each cited.")
    events: list[Event] = Field([], description="Dated events for the timeline, each cited.")

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


_MODELS: tuple[type[Model], ...] = (Sheet, *RECORDS.values())
# Every field with a fixed set of values, by field name: what the validator suggests from.
ENUMS: dict[str, tuple[str, ...]] = {
    name: get_args(info.annotation)
    for model in _MODELS for name, info in model.model_fields.items()
    if get_origin(info.annotation) is Literal
}
ENUMS["basis"] = BASES  # optional (`Basis | None`), so not found by the scan above
