"""The typed model: what each record accepts, what it refuses and in which words."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from factsheet.load.sheet import Ambiguous
from factsheet.model import (
    CiteItem,
    Event,
    Facts,
    Figure,
    Quote,
    Range,
    Sheet,
    Source,
    Span,
    describe,
    jsonable,
)

DAY = dt.date(2022, 1, 7)
FIGURE: dict[str, Any] = {"id": "killed", "label": "Killed", "measure": "killed",
                          "value": 164, "cite": "wire"}
SOURCE: dict[str, Any] = {"id": "wire", "publisher": "Reuters", "title": "Story",
                          "published": DAY}


def errors(model: type[Any], data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str, str]]:
    """Validate `data` and return each error's location, type and message."""
    with pytest.raises(ValidationError) as exc:
        model.model_validate(data)
    return [(e["loc"], e["type"], e["msg"]) for e in exc.value.errors(include_url=False)]


def test_figure_defaults_and_cite_forms() -> None:
    """A bare source id becomes a one-item cite list; approx and key have defaults."""
    figure = Figure.model_validate(FIGURE)
    assert figure.cite == [CiteItem(source="wire")]
    assert (figure.approx, figure.key, figure.claimed_by) == ("exact", False, None)
    mixed = Figure.model_validate(FIGURE | {"cite": ["wire", {"source": "tass", "says": "164"}]})
    assert [c.source for c in mixed.cite] == ["wire", "tass"]
    assert mixed.cite[1].says == "164"


@pytest.mark.parametrize("value", [0, 164, {"min": 1, "max": 1}, {"min": 2, "max": 9},
                                   "a few", "several", "dozens", "hundreds", "thousands"])
def test_figure_values_accepted(value: Any) -> None:
    """Whole numbers >= 0, ordered ranges and the five vague words are values."""
    figure = Figure.model_validate(FIGURE | {"value": value})
    expected = Range(**value) if isinstance(value, dict) else value
    assert figure.value == expected


@pytest.mark.parametrize(("value", "kind", "message"), [
    (-1, "value_negative", "expected a whole number >= 0, found -1"),
    (True, "value_bool", "expected a whole number, found the boolean `true`"),
    (3.7, "value_float", "expected a whole number, found a decimal number"),
    (Ambiguous("0x1F", "number"), "value_float", "expected a whole number, found a decimal "
                                                 "number"),
    ("3,700", "value_text_number", 'expected a whole number, found the text "3,700"'),
    ("dozen", "value_word", "expected a whole number, a {min, max} range or one of a few, "
                            'several, dozens, hundreds, thousands; found the text "dozen"'),
    (None, "value_type", "expected a whole number, found nothing"),
])
def test_figure_values_refused(value: Any, kind: str, message: str) -> None:
    """Other values are refused with one error in our own words."""
    [(loc, found_kind, found_message)] = errors(Figure, FIGURE | {"value": value})
    assert (loc, found_kind, found_message) == (("value",), kind, message)


def test_range_order_and_sign() -> None:
    """A range must have min <= max, both whole and >= 0."""
    assert errors(Figure, FIGURE | {"value": {"min": 5, "max": 2}}) == [
        (("value", "range"), "range_order", "min (5) is greater than max (2)")]
    assert [e[:2] for e in errors(Figure, FIGURE | {"value": {"min": -1, "max": 2}})] == [
        (("value", "range", "min"), "greater_than_equal")]


@pytest.mark.parametrize(("field", "value", "kind"), [
    ("measure", "killled", "literal_error"),
    ("approx", "roughly", "literal_error"),
    ("id", "Killed", "slug"),
    ("cite", [], "too_short"),
    ("key", "yes", "bool_type"),
    ("label", "", "string_too_short"),
    ("label", 5, "string_type"),
    ("as_of", "2022-01-07T10:00:00", "date_offset"),
    ("as_of", "7 Jan", "date_format"),
    ("as_of", Ambiguous("2022-02-30", "date"), "date_invalid"),
    ("who", ["x"], "string_type"),
    ("unit_", "troops", "extra_forbidden"),
])
def test_figure_field_errors(field: str, value: Any, kind: str) -> None:
    """Each bad field value fails with its own error type at its own field."""
    [(loc, found_kind, _)] = errors(Figure, FIGURE | {field: value})
    assert (loc[0], found_kind) == (field, kind)


def test_missing_required_fields() -> None:
    """Every required field of each record is reported missing at once."""
    assert sorted(e[0][0] for e in errors(Figure, {})) == [
        "cite", "id", "label", "measure", "value"]
    assert sorted(e[0][0] for e in errors(Source, {})) == [
        "id", "published", "publisher", "title"]
    assert sorted(e[0][0] for e in errors(Quote, {})) == ["cite", "id", "speaker", "text"]
    assert sorted(e[0][0] for e in errors(Event, {})) == ["cite", "date", "id", "text"]
    assert sorted(e[0][0] for e in errors(Sheet, {})) == ["as_of", "title"]


@pytest.mark.parametrize(("url", "kind"), [
    ("javascript:alert(1)", "url_scheme"), ("file:///etc/passwd", "url_scheme"),
    ("ftp://example.com/a", "url_scheme"), ("example.com/a", "url_scheme"),
    ("https:/example.com", "url"), ("https://exa mple.com", "url"),
])
def test_source_urls_refused(url: str, kind: str) -> None:
    """Only full http and https addresses are links."""
    [(_, found_kind, _)] = errors(Source, SOURCE | {"url": url})
    assert found_kind == kind


def test_source_url_accepted_and_stripped() -> None:
    """An http(s) URL is kept, without surrounding spaces."""
    source = Source.model_validate(SOURCE | {"url": " HTTPS://example.com/a?b=c "})
    assert source.url == "HTTPS://example.com/a?b=c"


@pytest.mark.parametrize("lang", ["en", "kk", "ru", "en-GB", "zh-Hant-TW", "es-419"])
def test_lang_tags_accepted(lang: str) -> None:
    """Common BCP 47 tags pass."""
    assert Source.model_validate(SOURCE | {"lang": lang}).lang == lang


@pytest.mark.parametrize("lang", ["english", "e", "en_GB", "en-", ""])
def test_lang_tags_refused(lang: str) -> None:
    """Words, underscores and empty tags are refused."""
    [(_, kind, _)] = errors(Source, SOURCE | {"lang": lang})
    assert kind == "lang"


def test_event_dates() -> None:
    """An event is dated by a date, an offset datetime or an ordered {from, to} span."""
    span = Event.model_validate({"id": "e", "date": {"from": DAY, "to": DAY}, "text": "t",
                                 "cite": "wire"})
    assert span.date == Span.model_validate({"from": DAY, "to": DAY})
    assert errors(Event, {"id": "e", "date": {"from": DAY, "to": dt.date(2022, 1, 6)},
                          "text": "t", "cite": "wire"})[0][1:] == (
        "span_order", "`from` is later than `to`")
    aware = dt.datetime(2022, 1, 7, 10, tzinfo=dt.UTC)
    assert Event.model_validate({"id": "e", "date": aware, "text": "t",
                                 "cite": "w"}).date == aware


@pytest.mark.parametrize(("value", "text"), [
    (None, "nothing"), (True, "the boolean `true`"), (5, "the number `5`"),
    (DAY, "the date `2022-01-07`"), ([1], "a list"), ({}, "a mapping"),
    ("x", 'the text "x"'), (Ambiguous("0x1F", "number"), "`0x1F`, which YAML reads as a number"),
])
def test_describe(value: Any, text: str) -> None:
    """Values are described for messages by kind and source text."""
    assert describe(value) == text


def test_counts_line() -> None:
    """The one-line count pluralises each kind."""
    sheet = Sheet.model_validate({"title": "T", "as_of": DAY})
    source = Source.model_validate(SOURCE)
    figure = Figure.model_validate(FIGURE)
    facts = Facts.model_construct(slug="s", sheet=sheet, sources=[source],
                                  figures=[figure, figure], quotes=[], events=[])
    assert facts.counts() == "1 source, 2 figures, 0 quotes, 0 events"


def test_jsonable_uses_aliases_and_skips_none() -> None:
    """JSON output uses `from`/`to`, ISO dates, and leaves out unset fields."""
    event = Event.model_validate({"id": "e", "date": {"from": DAY, "to": DAY}, "text": "t",
                                  "cite": "wire"})
    assert jsonable(event) == {"id": "e", "date": {"from": "2022-01-07", "to": "2022-01-07"},
                               "text": "t", "cite": [{"source": "wire"}]}


def test_records_are_frozen() -> None:
    """Validated records cannot be changed afterwards."""
    figure = Figure.model_validate(FIGURE)
    with pytest.raises(ValidationError):
        figure.value = 5  # type: ignore[misc]



def test_every_field_of_every_model_is_described() -> None:
    """model.py is where each key's description is written; none is left out."""
    from factsheet.model import Event, Facts, Figure, Quote, Sheet, Source, Statement

    models = (Sheet, Source, Figure, Quote, Event, Span, Range, CiteItem, Statement, Facts)
    missing = [f"{m.__name__}.{name}" for m in models
               for name, info in m.model_fields.items() if not info.description]
    assert missing == []
    assert all(m.__doc__ for m in models)


def test_enumerations_are_read_from_the_literals() -> None:
    """The value tuples and the validator's table come from the fields' Literal types."""
    from typing import get_args

    from factsheet.model import APPROX, ENUMS, MEASURES, VAGUE, Approx, Measure, Vague

    assert get_args(Measure) == MEASURES and "killed" in MEASURES
    assert get_args(Approx) == APPROX and get_args(Vague) == VAGUE
    assert ENUMS == {"measure": MEASURES, "approx": APPROX, "paper": ("a4", "letter"),
                     "translation": ("none", "human", "machine"),
                     "basis": ("confirmed", "estimate", "projection")}
