"""Number reading: the forms reporters write, per language, and the ones that must not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from factsheet.model import Range
from factsheet.validate import validate_sheet
from factsheet.validate.numbers import numbers_in, says_number

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(("says", "lang", "value"), [
    # Digits, grouped every usual way
    ("3,700 people", "en", 3700), ("3 700 people", "en", 3700), ("3.700 people", "en", 3700),
    (f"3{NBSP}700 people", "en", 3700), (f"3{NNBSP}700 people", "en", 3700),
    ("3'700 people", "en", 3700), ("1,234,567 residents", "en", 1234567),
    ("1 234 567 residents", "en", 1234567), ("at least 0 deaths", "en", 0),
    # Scale words, exact arithmetic with any number of decimals
    ("19 million", "en", 19_000_000), ("1.08 million", "en", 1_080_000),
    ("2.25 billion", "en", 2_250_000_000), ("1.5 million", "en", 1_500_000),
    ("1,5 million", "en", 1_500_000), ("1,500 million", "en", 1_500_000_000),
    ("3.125 thousand", "en", 3125), ("a 2-million-strong crowd", "en", 2_000_000),
    ("12 thousand", "en", 12_000), ("1.08 Million", "en", 1_080_000),
    ("$1.2bn", "en", 1_200_000_000), ("3.5 mln", "en", 3_500_000),
    ("3 hundred thousand", "en", 300_000), ("five hundred thousand", "en", 500_000),
    # Words
    ("Five people died", "en", 5), ("twenty people", "en", 20), ("twenty-five", "en", 25),
    ("ninety nine", "en", 99), ("a hundred", "en", 100), ("five hundred", "en", 500),
    ("one hundred and twenty", "en", 120), ("five thousand three hundred", "en", 5300),
    ("a dozen people", "en", 12), ("two dozen people", "en", 24), ("3 dozen", "en", 36),
    ("half a million", "en", 500_000), ("half a dozen", "en", 6), ("a thousand", "en", 1000),
    ("a million people", "en", 1_000_000), ("an estimated two million", "en", 2_000_000),
    # Russian: babel's decimal comma, abbreviations, words in their cases
    ("3,7 тыс. человек", "ru", 3700), ("5,8 тыс", "ru", 5800), ("12 тыс.", "ru", 12_000),
    ("1,5 млн", "ru", 1_500_000), ("2,25 млрд", "ru", 2_250_000_000),
    (f"3{NBSP}700 человек", "ru", 3700), (f"3{NNBSP}700 человек", "ru", 3700),
    ("3 700 человек", "ru", 3700), ("около 3 тысяч", "ru", 3000), ("пять", "ru", 5),
    ("Пять человек", "ru", 5), ("более пяти человек", "ru", 5), ("двенадцать", "ru", 12),
    ("девятнадцати", "ru", 19), ("двадцать", "ru", 20), ("сорок", "ru", 40),
    ("девяносто", "ru", 90), ("двадцать пять", "ru", 25), ("двадцати пяти", "ru", 25),
    ("около трёх тысяч", "ru", 3000), ("около трех тысяч", "ru", 3000),
    ("две тысячи", "ru", 2000), ("пятьсот человек", "ru", 500), ("триста пятьдесят", "ru", 350),
    ("полторы тысячи", "ru", 1500), ("полмиллиона", "ru", 500_000),
    ("1,5 миллиона", "ru", 1_500_000), ("два миллиона", "ru", 2_000_000),
    # English forms still read on a Russian sheet; a region subtag picks the language
    ("3,700 people", "ru", 3700), ("пять", "ru-RU", 5),
])
def test_reads(says: str, lang: str, value: int) -> None:
    """Each form states its value."""
    assert value in numbers_in(says, lang=lang)
    assert says_number(says, value, lang=lang)


@pytest.mark.parametrize(("says", "lang", "value"), [
    # A number is read whole: never a part of a bigger one
    ("3,700 people", "en", 3), ("3,700 people", "en", 700), ("around 2,500", "en", 2),
    ("13,700 people", "en", 3700), ("37,000 people", "en", 3700), ("370 people", "en", 3700),
    ("3,7000 people", "en", 3700), ("3,7000 people", "en", 3), ("3.7 people", "en", 3700),
    ("0.5 people", "en", 5), ("1,234,567", "en", 234), ("3 700 people", "en", 700),
    # A scaled number is only its scaled value; a decimal needs its scale word
    ("1.08", "en", 1_080_000), ("1.08", "en", 108), ("1.08 million", "en", 1),
    ("19 million", "en", 19), ("1.0000001 million", "en", 1_000_000),
    ("5 m from the square", "en", 5_000_000), ("1.5km away", "en", 1500),
    ("3 hundred thousand", "en", 300), ("five hundred thousand", "en", 500),
    # Ordinals are not counts
    ("the 5th day", "en", 5), ("on the 21st", "en", 21), ("on the 21st", "en", 2),
    ("5-й день", "ru", 5),
    ("3,7 тыс.", "ru", 3), ("3,7 тыс.", "ru", 7), ("1,5 млн", "ru", 1),
    # Groups are not joined across a line break, nor when the first has four digits
    ("2\n500 troops", "en", 2500), ("in 2021 500 people", "en", 2021500),
    ("a 10 12-hour shift", "en", 1012),
    # "dozens" has no value; "a dozen" is not "dozens"; words inside words do not count
    ("dozens died", "en", 12), ("twenty-five", "en", 20), ("twenty-five", "en", 5),
    ("five hundred", "en", 5), ("often", "en", 10), ("five six", "en", 11),
    ("ten five", "en", 15), ("twenty twenty", "en", 40), ("one two three", "en", 6),
    ("внутри", "ru", 3), ("стали", "ru", 100),
    ("пять тысяч", "ru", 5), ("около трёх тысяч", "ru", 3),
    # Vague words alone are not numbers
    ("a few hurt", "en", 3), ("тысячи людей", "ru", 1000), ("several hundred", "en", 300),
])
def test_does_not_read(says: str, lang: str, value: int) -> None:
    """Each form does not state this value."""
    assert value not in numbers_in(says, lang=lang)


@pytest.mark.parametrize(("says", "lang", "low", "high"), [
    ("from 1.5 to 2 million", "en", 1_500_000, 2_000_000),
    ("between 10 and 12 million", "en", 10_000_000, 12_000_000),
    ("2-3 thousand", "en", 2000, 3000), ("2–3 thousand", "en", 2000, 3000),
    ("от 1,5 до 2 млн", "ru", 1_500_000, 2_000_000), ("3 или 4 тыс.", "ru", 3000, 4000),
])
def test_range_ends_share_a_scale(says: str, lang: str, low: int, high: int) -> None:
    """The first end of a range takes the scale word written once after the second."""
    assert says_number(says, Range(min=low, max=high), lang=lang)


@pytest.mark.parametrize(("says", "value"), [
    ("from 1.5 to 2 million", 1), ("between 10 and 12 million", 10),
    ("1,000 and 2 million", 1_000_000_000), ("10, 12 million", 10_000_000),
    ("5 people and 3 million", 5_000_000),
])
def test_shared_scale_only_in_range_order(says: str, value: int) -> None:
    """A shared scale drops the bare first end, and applies only low-to-high, next to it."""
    assert value not in numbers_in(says)


@pytest.mark.parametrize(("says", "lang", "word", "ok"), [
    ("dozens died", "en", "dozens", True), ("a dozen died", "en", "dozens", False),
    ("a few hurt", "en", "a few", True), ("several were hurt", "en", "several", True),
    ("погибли десятки человек", "ru", "dozens", True),
    ("сотни задержанных", "ru", "hundreds", True),
    ("несколько человек", "ru", "a few", True), ("тысячи людей", "ru", "thousands", True),
    ("десятки", "en", "dozens", False), ("hundreds", "ru", "thousands", False),
])
def test_vague_words(says: str, lang: str, word: str, ok: bool) -> None:
    """A vague value is stated by its word, or the sheet language's word for it."""
    assert says_number(says, word, lang=lang) is ok


def test_ranges_and_percentages() -> None:
    """A range needs both ends; a share may be a fraction word."""
    assert says_number("between 10 and 12", Range(min=10, max=12))
    assert not says_number("between 10 and 13", Range(min=10, max=12))
    assert says_number("от 1,5 млн до 2 млн", Range(min=1_500_000, max=2_000_000), lang="ru")
    assert says_number("half of the residents", 50, "%")
    assert not says_number("half of the residents", 50)


SHEET = """\
sheet:
  title: Беспорядки
  as_of: 2022-01-07
  lang: {lang}
sources:
  - id: wire
    publisher: ТАСС
    title: Статья
    published: 2022-01-07
figures:
  - id: detained
    label: Задержаны
    measure: detained
    value: 3700
    claimed_by: МВД
    cite:
      - source: wire
        says: задержаны 3,7 тыс. человек
"""


def test_russian_form_validates_on_a_russian_sheet(tmp_path: Path) -> None:
    """"3,7 тыс." is 3700 on a `lang: ru` sheet (--strict passes), not on an English one."""
    for lang, valid in (("ru", True), ("ru-KZ", True), ("en", False)):
        folder = tmp_path / lang.lower()
        folder.mkdir()
        (folder / "sheet.yaml").write_text(SHEET.format(lang=lang), encoding="utf-8")
        facts, diags = validate_sheet(folder, strict=True)
        assert (facts is not None) is valid
        assert [d.message for d in diags] == ([] if valid else [
            "the excerpt does not contain the figure's value (3700)"])
