"""Text hygiene: invisible characters refused where they stand, names folded, bare quotes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import write_files, write_sheet
from pydantic import ValidationError

from factsheet.load.hygiene import fold, shown
from factsheet.load.sheet import load_sheet
from factsheet.model import UNION_TAGS, CiteItem, Figure, Quote, Sheet, Source, describe
from factsheet.reconcile import Reports
from factsheet.validate import validate_loaded, validate_sheet

SOURCE: dict[str, Any] = {"id": "wire", "publisher": "Reuters", "title": "Story",
                          "published": "2022-01-07"}
QUOTE: dict[str, Any] = {"id": "q", "speaker": "A. Person", "text": "We will.", "cite": "wire"}


def kinds(model: type[Any], data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """Validate `data`; return each error's location and type."""
    with pytest.raises(ValidationError) as exc:
        model.model_validate(data)
    return [(e["loc"], e["type"]) for e in exc.value.errors(include_url=False)]


@pytest.mark.parametrize(("char", "rule"), [
    *((chr(c), "bidi-control") for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]),
    *((chr(c), "invisible-character") for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)),
    ("\U000e0041", "invisible-character"),  # a tag character: hidden ASCII
])
def test_invisible_characters_refused_in_text(char: str, rule: str) -> None:
    """Each bidi control and zero-width character is refused, by its rule's name."""
    assert kinds(Source, SOURCE | {"publisher": f"Reu{char}ters"}) == [(("publisher",), rule)]


@pytest.mark.parametrize(("field", "value"), [
    ("url", "https://example.com/\u202etxt.exe"), ("id", "wire\u200b"), ("lang", "en\u2066"),
    ("archive_sha256", "\u200b" + "0" * 64), ("title", "Story\ufeff"), ("agency", "\u2069AP"),
])
def test_every_kind_of_text_is_clean(field: str, value: str) -> None:
    """Ids, URLs, language tags and hashes are checked too, before their own forms."""
    [(loc, kind)] = kinds(Source, SOURCE | {field: value})
    assert tuple(p for p in loc if p not in UNION_TAGS) == (field,)  # agency is a union
    assert kind in ("bidi-control", "invisible-character")


@pytest.mark.parametrize(("model", "data"), [
    (Sheet, {"title": "T", "as_of": "2022-01-07", "author": "\u202eA"}),
    (CiteItem, {"source": "wire", "says": "164\u200b killed"}),
    (Figure, {"id": "f", "label": "Killed", "measure": "killed", "value": 1, "cite": "wire",
              "claimed_by": "Mini\u200dstry"}),
    (Quote, QUOTE | {"speaker": "\u2067Tokayev"}),
])
def test_every_model_uses_clean_text(model: type[Any], data: dict[str, Any]) -> None:
    """The shared Text type carries the check into every record."""
    assert [k for _, k in kinds(model, data)] in (["bidi-control"], ["invisible-character"])


def test_error_names_the_character_and_counts_the_rest() -> None:
    """The message names the first character by its Unicode name and counts the others."""
    with pytest.raises(ValidationError) as exc:
        Source.model_validate(SOURCE | {"publisher": "The \u202eWire\u202c\u200b"})
    assert exc.value.errors()[0]["msg"] == (
        "the text contains U+202E RIGHT-TO-LEFT OVERRIDE, an invisible character that reorders "
        "the text after it (and 2 more invisible characters)")


@pytest.mark.parametrize("text", ["Reuters", "שלום\u200f world", "co\u00adoperate", "Ahmad"])
def test_visible_and_marking_characters_pass(text: str) -> None:
    """Marks with a legitimate use in text (RLM in Hebrew, the soft hyphen) are accepted."""
    assert Source.model_validate(SOURCE | {"publisher": text}).publisher == text


@pytest.mark.parametrize(("a", "b"), [
    ("Reuters", "REUTERS"), ("Reuters", " reuters "), ("Reuters", "Ｒｅｕｔｅｒｓ"),
    ("Reuters", "Reu\u00adters"), ("Reuters", "Reu\u200bters"), ("Straße", "STRASSE"),
    ("Agence  France-Presse", "agence france-presse"), ("ﬁnance", "finance"),
    ("\u0422\u0410\u0421\u0421", "TACC"), ("\u0391\u03a1", "AP"),  # Cyrillic ТАСС, Greek ΑΡ
])
def test_fold_makes_equal_looking_names_equal(a: str, b: str) -> None:
    """NFKC, case-folding and dropping format characters: one form per name."""
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Reuters", "Reuter"), ("AP", "AFP"), ("тасс", "TASS"),
                                      ("ТАСС", "TASS")])
def test_fold_keeps_different_names_apart(a: str, b: str) -> None:
    """Folding does not merge names that look different (lower-case т is not a t)."""
    assert fold(a) != fold(b)


def test_report_key_compares_agencies_folded() -> None:
    """Two copies of one agency's story are one independent report, however it is spelt."""
    one = Source.model_validate(SOURCE | {"agency": "Reuters"})
    two = Source.model_validate(SOURCE | {"id": "copy", "agency": "REUTERS"})
    wide = Source.model_validate(SOURCE | {"id": "wide", "agency": "Ｒｅｕｔｅｒｓ"})
    assert len(Reports([one, two, wide]).sources([one, two, wide])) == 1


def test_shown_makes_invisible_characters_visible() -> None:
    """Messages that repeat the input show format characters as <U+XXXX>."""
    assert shown("kil\u200bled") == "kil<U+200B>led"
    assert describe("kil\u202eled") == 'the text "kil<U+202E>led"'
    with pytest.raises(ValidationError) as exc:
        Source.model_validate(SOURCE | {"id": "wi\u00adre"})  # a soft hyphen: not a slug
    assert "found `wi<U+00AD>re`" in exc.value.errors()[0]["msg"]


@pytest.mark.parametrize("text", [
    "“We will restore order.”", '"We will restore order."', "'We will restore order.'",
    "«Мы наведём порядок»", "„Wir werden Ordnung schaffen“", "“We will restore order.\"",
    "‘We won’t go.’", "'We won't go.'", "»Vi vil«", "「秩序を回復する」", '"“Nested”"',
    "“We will restore order.", "We will restore order.”", '"We will',
    "\u00ad“We will restore order.”", "“We will restore order.”.", "“Go!”\u00ad",
    # Format characters outside the BMP hide the marks too: a language tag, a music format.
    "“Go!”\U0001d173", "“Go!”\u00ad.", "“Go!”.\u200e.",
])
def test_quote_text_in_quote_marks_refused(text: str) -> None:
    """Wrapped in any quote marks, or starting or ending with a stray one."""
    assert kinds(Quote, QUOTE | {"text": text}) == [(("text",), "quote-marks")]


@pytest.mark.parametrize("text", [
    "We will restore order.", '"Go" and "stop", he said', "“Terrorists” must be destroyed",
    "They call it “order”", "We won't go", "'90s politics are over", "He said: «нет»…",
    "«Нет», — сказал он, — «нет»", "'", "“", "I said “no”.", "\u00ad", "“.",
])
def test_quote_text_with_inner_marks_accepted(text: str) -> None:
    """Marks inside the words, apostrophes, or a single character, are the speaker's own."""
    assert Quote.model_validate(QUOTE | {"text": text}).text == text


def test_quote_marks_error_says_how_to_fix() -> None:
    """The message names the marks; the hint says to drop them."""
    with pytest.raises(ValidationError) as exc:
        Quote.model_validate(QUOTE | {"text": "“I ordered.”"})
    assert exc.value.errors()[0]["msg"] == "the quote text is wrapped in quote marks (“ and ”)"


SHEET = """\
sheet:
  title: T
  as_of: 2022-01-07
sources:
  - id: wire
    publisher: The Wire
    title: Story
    published: 2022-01-07
events:
  - id: e
    date: 2022-01-07
    text: {text}
    cite: wire
"""


@pytest.mark.parametrize(("text", "line", "column"), [
    ("Protests \u202ebegan.", 12, 20),          # literal, plain
    ('"Protests \\u202Ebegan."', 12, 21),        # escaped, upper-case hex
    ("'It''s \u202e'", 12, 18),                 # single-quoted with a doubled quote
    ("|\n      Protests\n      be\u202egan.", 14, 9),  # a block scalar, two lines down
    ('"Protests\n      \\U0000202ebegan."', 13, 7),  # a folded double-quoted line
])
def test_column_points_at_the_character(tmp_path: Path, text: str, line: int,
                                        column: int) -> None:
    """The diagnostic stands at the invisible character (or its escape), not the field."""
    folder = write_sheet(tmp_path / "sheet", SHEET.format(text=text))
    _, diags = validate_sheet(folder)
    assert [(d.code, d.line, d.column) for d in diags] == [("FS260", line, column)]


def test_column_comes_from_the_bytes_loaded_not_the_disk(tmp_path: Path) -> None:
    """A sheet read at a git revision is placed by what was read, not by today's file."""
    folder = write_sheet(tmp_path / "sheet", SHEET.format(text="Protests began."))
    then = SHEET.format(text="Protests \u202ebegan.").encode()
    _, diags = validate_loaded(load_sheet(folder, {"sheet.yaml": then}))
    assert [(d.code, d.line, d.column) for d in diags] == [("FS260", 12, 20)]


def test_unknown_key_with_invisible_character_is_shown_escaped(tmp_path: Path) -> None:
    """A key holding a bidi control cannot reorder the terminal line that reports it."""
    text = SHEET.format(text="Protests began.").replace("    cite: wire", "    ci\u202ete: wire")
    folder = write_sheet(tmp_path / "sheet", text)
    _, diags = validate_sheet(folder)
    assert any("unknown key `ci<U+202E>te`" in d.render() for d in diags)
    assert "\u202e" not in "".join(d.render() for d in diags)


@pytest.mark.parametrize("code", ["FS260", "FS261", "FS262", "FS263"])
def test_rule_example_breaks_exactly_its_rule(tmp_path: Path, code: str) -> None:
    """A minimal valid sheet plus the rule's example gives that rule's error and nothing else."""
    from factsheet.rules import rule

    folder = write_files(tmp_path / "sheet", {
        "a-sheet.yaml": "sheet:\n  title: T\n  as_of: 2022-01-07\n",
        "b-example.yaml": rule(code).example})
    _, diags = validate_sheet(folder, strict=True)
    assert [d.code for d in diags] == [code]


@pytest.mark.parametrize("name", [
    "Interfax-Казахстан", "РИА Новости", "Радио Azattyq", "ΑΠΕ-ΜΠΕ", "Reuters", "ТАСС",
    "Ministry of Health", "МВД РК", "Т-72 crew",
])
def test_names_in_one_script_per_word_pass(name: str) -> None:
    """Words in different alphabets side by side are fine."""
    assert Source.model_validate(SOURCE | {"agency": name}).agency == name


@pytest.mark.parametrize(("field", "name", "odd"), [
    ("agency", "R\u0435uters", "U+0435 CYRILLIC SMALL LETTER IE"),
    ("publisher", "\u0422\u0410\u0421C", "U+0043 LATIN CAPITAL LETTER C"),  # ТАСC
    ("publisher", "Ass\u03bfciated Press", "U+03BF GREEK SMALL LETTER OMICRON"),
])
def test_look_alike_letters_in_names_refused(field: str, name: str, odd: str) -> None:
    """A word mixing Latin, Cyrillic or Greek letters is refused, naming the odd letter."""
    with pytest.raises(ValidationError) as exc:
        Source.model_validate(SOURCE | {field: name})
    [error] = exc.value.errors()
    loc = tuple(p for p in error["loc"] if p not in UNION_TAGS)  # agency is a union
    assert (loc, error["type"]) == ((field,), "mixed-script")
    assert odd in error["msg"]


def test_look_alikes_checked_in_speaker_and_claimed_by() -> None:
    """Every name field, not only the source's."""
    assert kinds(Quote, QUOTE | {"speaker": "Tok\u0430yev"}) == [(("speaker",), "mixed-script")]
    figure = {"id": "f", "label": "K", "measure": "killed", "value": 1, "cite": "wire",
              "claimed_by": "Minist\u0440y"}
    assert kinds(Figure, figure) == [(("claimed_by",), "mixed-script")]


def test_mixed_script_column_counts_earlier_look_alikes(tmp_path: Path) -> None:
    """The odd letter is found even when the same letter stands earlier in the value."""
    text = SHEET.format(text="Protests began.").replace(
        "publisher: The Wire", "publisher: Сеть R\u0435uters")
    folder = write_sheet(tmp_path / "sheet", text)
    _, diags = validate_sheet(folder)
    assert [(d.code, d.line, d.column) for d in diags] == [("FS263", 6, 22)]
