"""The fact-file JSON Schema: valid files pass, broken ones fail, every key is described."""

# Each fact file is checked on its own, as an editor would: the loader reads it (alone in a
# folder), and `model.jsonable` turns what it read into JSON data (dates become ISO text; a
# plain scalar the loader would not guess at, such as `3,700`, keeps its text).

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CLI
from helpers import FIXTURES, ROOT
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import Field
from syrupy.assertion import SnapshotAssertion

from factsheet.load.scalars import when
from factsheet.load.sheet import load_sheet
from factsheet.model import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    MEASURES,
    VAGUE,
    Facts,
    Slug,
    Source,
    Text,
    jsonable,
)
from factsheet.validate.schema import fact_file_schema

VALID_FILES = sorted([*FIXTURES.glob("valid/*/*.y*ml"), *FIXTURES.glob("render/*/*.y*ml"),
                      *ROOT.glob("facts/kazakhstan-2022-01/*.yaml")])
# Broken in a way the schema can see: unknown keys, wrong types, missing fields, bad forms.
REJECTED = [
    "unknown-key", "unknown-field", "unknown-field-misspelt", "misspelt-measure",
    "misspelt-measure-killled", "misspelt-approx", "misspelt-translation", "value-true",
    "value-decimal", "value-text-number", "value-misspelt-word", "negative-value",
    "missing-title", "missing-as-of", "missing-publisher", "missing-published",
    "missing-speaker", "missing-quote-text", "missing-measure", "missing-cite", "empty-cite",
    "empty-title", "empty-value", "lang-no", "lang-not-bcp47", "publisher-yes", "key-not-boolean",
    "entry-not-mapping", "sheet-not-mapping",
    "date-format", "datetime-without-offset",
    "id-not-slug", "url-javascript", "url-file", "url-no-host", "error-in-second-file",
    "bidi-control", "invisible-character",
]
# Not here: `title: 2022-01-07` is text to an editor (YAML 1.2) and an ISO string once
# converted; a list key holding a mapping, or a file that is a list or a scalar, is refused
# by the loader before there is data (test_file_level_keys covers them).
SHEET = {"title": "Unrest", "as_of": "2022-01-07"}
FIGURE = {"id": "killed", "label": "Killed", "measure": "killed", "value": 164, "cite": "wire"}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    """A validator for the generated schema (itself checked against the draft's meta-schema)."""
    schema = fact_file_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def file_data(path: Path, tmp_path: Path) -> Any:
    """What the loader reads from one fact file alone, as JSON data."""
    folder = tmp_path / "one"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shutil.copy(path, folder / path.name)
    return jsonable(load_sheet(folder).data)


def problems(validator: Draft202012Validator, data: Any) -> list[str]:
    """Each schema error as `path: message`."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(data)]


def test_schema_is_draft_2020_12() -> None:
    """The schema names its dialect and is valid under that dialect's meta-schema."""
    schema = fact_file_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_files_pass(path: Path, validator: Draft202012Validator, tmp_path: Path) -> None:
    """Every valid fixture file and every file of the example passes, each on its own."""
    assert problems(validator, file_data(path, tmp_path)) == []


@pytest.mark.parametrize("name", REJECTED)
def test_broken_fixtures_are_rejected(name: str, validator: Draft202012Validator,
                                      tmp_path: Path) -> None:
    """Each broken fixture has a file the schema rejects."""
    files = sorted((FIXTURES / "invalid" / name).glob("*.y*ml"))
    assert files
    assert any(problems(validator, file_data(f, tmp_path)) for f in files)


def test_file_level_keys(validator: Draft202012Validator) -> None:
    """A file holds any subset of the five keys, none required; other keys are refused."""
    assert problems(validator, {}) == []
    assert problems(validator, {"figures": [FIGURE]}) == []
    assert problems(validator, {"sources": None, "sheet": SHEET}) == []
    assert problems(validator, {"figure": [FIGURE]}) == [
        ": Additional properties are not allowed ('figure' was unexpected)"]
    assert problems(validator, {"sheet": None})
    assert problems(validator, {"events": {"id": "e"}})
    assert problems(validator, [{"sheet": SHEET}])
    assert problems(validator, "Unrest in Almaty")


@pytest.mark.parametrize("cite", [
    "wire", ["wire"], ["wire", "tass"], [{"source": "wire", "says": "164 died"}],
    ["wire", {"source": "tass", "note": "state agency"}],
])
def test_cite_forms_accepted(cite: Any, validator: Draft202012Validator) -> None:
    """A source id, a list of ids, a list of mappings, or a mix."""
    assert problems(validator, {"figures": [FIGURE | {"cite": cite}]}) == []


@pytest.mark.parametrize("cite", [
    [], "Wire_1", 3, {"source": "wire"}, [{"source": "wire", "sayz": "x"}], [{"says": "x"}],
])
def test_cite_forms_refused(cite: Any, validator: Draft202012Validator) -> None:
    """Empty lists, non-slugs, a bare mapping, unknown or missing keys."""
    assert problems(validator, {"figures": [FIGURE | {"cite": cite}]})


@pytest.mark.parametrize(("value", "ok"), [
    (0, True), (3700, True), ({"min": 10, "max": 12}, True), *((w, True) for w in VAGUE),
    (-1, False), (3.5, False), ("3,700", False), ("dozen", False), (True, False),
    ({"min": 1}, False), ({"min": 1, "max": 2, "mid": 1}, False),
])
def test_values(value: Any, ok: bool, validator: Draft202012Validator) -> None:
    """Whole numbers, `{min, max}` ranges and the vague words; nothing else."""
    assert (problems(validator, {"figures": [FIGURE | {"value": value}]}) == []) is ok


@pytest.mark.parametrize("measure", MEASURES)
def test_every_measure_accepted(measure: str, validator: Draft202012Validator) -> None:
    """The enumeration comes from the model's Literal."""
    assert problems(validator, {"figures": [FIGURE | {"measure": measure}]}) == []


@pytest.mark.parametrize("date", [
    "2022-01-07", {"from": "2022-01-02", "to": "2022-01-07T16:20:00+04:00"},
    "2022-01-07T16:20:00Z", "2022-01-07 16:20:00.5 +0400",
])
def test_event_dates_accepted(date: Any, validator: Draft202012Validator) -> None:
    """Dates, datetimes with an offset and `{from, to}` spans."""
    event = {"id": "e", "date": date, "text": "Protests began.", "cite": "wire"}
    assert problems(validator, {"events": [event]}) == []


@pytest.mark.parametrize("date", [
    "2022-01-07T16:20:00", "07.01.2022", "2 January 2022", {"from": "2022-01-02"},
    {"start": "2022-01-02", "end": "2022-01-03"},
])
def test_event_dates_refused(date: Any, validator: Draft202012Validator) -> None:
    """No offset, other formats, half spans and the model's own field names."""
    event = {"id": "e", "date": date, "text": "Protests began.", "cite": "wire"}
    assert problems(validator, {"events": [event]})


@pytest.mark.parametrize("text", [
    "2022-01-07", " 2022-1-7 ", "2022-01-07T16:20:00+04:00", "2022-01-07t16:20:00-0400",
    "2022-01-07  16:20:00.123456 Z", "2022-01-07T16:20:00+4", "2022-01-07T16:20:00",
    "2022-01-07T16:20+04:00", "2022/01/07", "22-01-07", "2022-01-07Z", "", "2022-01-07T1:2:3Z",
])
def test_date_patterns_agree_with_the_model(text: str) -> None:
    """The schema's date patterns accept a well-formed text exactly when the model does."""
    import re

    schema_ok = bool(re.search(DATE_PATTERN, text) or re.search(DATETIME_PATTERN, text))
    try:
        when(text)
        model_ok = True
    except ValueError:
        model_ok = False
    assert schema_ok == model_ok


class _WiderSource(Source):
    """A source with the kinds of fields other branches add: unions, lists, booleans."""

    agency: Text | list[Text] | None = Field(None, description="One agency or several.")
    ignore: list[str] = Field([], description="Rule codes silenced on this entry.")
    via: Slug | None = Field(None, description="The source this copy came through.")
    translated: bool = Field(False, description="Whether the text is a translation.")


class _WiderFacts(Facts):
    sources: list[_WiderSource] = Field([], description="The articles the facts rest on.")


@pytest.mark.parametrize(("source", "ok"), [
    ({"agency": "Reuters"}, True), ({"agency": ["Reuters", "AP"]}, True),
    ({"ignore": ["FS210"], "via": "wire", "translated": True}, True),
    ({"agency": [3]}, False), ({"agency": "Reu\u200bters"}, False), ({"ignore": "FS210"}, False),
    ({"via": "Not A Slug"}, False), ({"translated": "yes"}, False),
])
def test_new_fields_flow_in(source: dict[str, Any], ok: bool) -> None:
    """Fields added to the model appear in the schema, unions and lists included."""
    schema = fact_file_schema(_WiderFacts)
    assert schema["$defs"]["_WiderSource"]["properties"]["ignore"]["description"]
    data = {"sources": [{"id": "wire", "publisher": "P", "title": "T",
                         "published": "2022-01-07"} | source]}
    assert (problems(Draft202012Validator(schema), data) == []) is ok


# Letters, spaces of every kind, quote marks and the invisible characters (no controls: YAML
# refuses them before the model sees them, and Python's regex counts some as spaces).
_TEXTISH = st.text(st.sampled_from(list(
    "aZ я.,'\"“”«» \t\n\u00a0\u2003\u3000\u200b\u200d\u202e\u2066\u2069\u2060\ufeff\u00ad"
    "\u200e\u180e")), max_size=8)


@given(text=_TEXTISH)
def test_text_pattern_agrees_with_the_model(text: str) -> None:
    """A sheet title passes the schema exactly when the model takes it."""
    from factsheet.model import Sheet

    try:
        Sheet.model_validate({"title": text, "as_of": "2022-01-07"})
        model_ok = True
    except ValueError:
        model_ok = False
    data = {"sheet": {"title": text, "as_of": "2022-01-07"}}
    assert (problems(_VALIDATOR, data) == []) == model_ok


@given(text=st.text(st.sampled_from(list("0123456789-:T +Z.")), max_size=28)
       | st.from_regex(r"\A *[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}"
                       r":[0-9]{2}(?:\.[0-9]+)?[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?) *\Z")
       | st.from_regex(r"\A *[0-9]{4}-[0-9]{1,2}-[0-9]{1,2} *\Z"))
def test_every_date_the_model_takes_passes_the_schema(text: str) -> None:
    """The schema may pass a date that does not exist (2022-02-30), never refuse a good one."""
    try:
        when(text)
    except ValueError:
        return
    assert problems(_VALIDATOR, {"sheet": {"title": "T", "as_of": text}}) == []


@pytest.mark.parametrize("url", [
    "https://example.com/a", " https://example.com/a ", "HTTP://EXAMPLE.COM", "https://x/a\tb",
    "https://example.com/%E2%80%AE", "javascript:alert(1)", "https:/x", "https://a b",
    "file:///etc/passwd", "https://example.com/\u202e",
])
def test_url_pattern_passes_what_the_model_takes(url: str) -> None:
    """Every URL the model takes passes the schema."""
    from factsheet.model import Source

    source = {"id": "s", "publisher": "P", "title": "T", "published": "2022-01-07", "url": url}
    try:
        Source.model_validate(source)
    except ValueError:
        return
    assert problems(_VALIDATOR, {"sources": [source]}) == []


_VALIDATOR = Draft202012Validator(fact_file_schema())


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield from schema["properties"].items()
    for name, model in schema["$defs"].items():
        assert model.get("description"), name
        for key, prop in model["properties"].items():
            yield f"{name}.{key}", prop


def test_every_key_has_a_description() -> None:
    """Editors show a description for every key, at every level."""
    missing = [k for k, p in _properties(fact_file_schema()) if not p.get("description")]
    assert missing == []


def test_schema_snapshot(snapshot: SnapshotAssertion) -> None:
    """The generated schema, reviewed as a diff whenever the model changes."""
    assert fact_file_schema() == snapshot


def test_cli_prints_the_schema(cli: CLI) -> None:
    """`factsheet schema` prints the same schema as JSON on stdout."""
    run = cli("schema")
    assert run.status == 0
    assert json.loads(run.out) == fact_file_schema()
