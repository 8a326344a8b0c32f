"""The loader: positions, encodings, YAML hazards, and no exception for any input."""

from __future__ import annotations

import ctypes
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import FIXTURES, write_sheet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factsheet.load.sheet
from factsheet.errors import Diagnostic, UsageError
from factsheet.load.sheet import (
    MAX_ALIAS_NODES,
    Ambiguous,
    find_sheets,
    load_sheet,
    parse_when,
    slugify,
    where,
)
from factsheet.validate import validate_sheet

SHEET = "sheet:\n  title: Unrest\n  as_of: 2022-01-07\n"


def messages(diags: list[Diagnostic]) -> list[tuple[int, int, str]]:
    """Reduce diagnostics to (line, column, message) for comparison."""
    return [(d.line, d.column, d.message) for d in diags]


# --- property tests: nothing raises, whatever the input ---------------------------------

TOKENS = [
    "sheet", "sources", "figures", "quotes", "events", "title", "as_of", "id", "cite",
    "source", "says", "value", "min", "max", "measure", "<<", "?", ":", ": ", "-", "- ",
    "\n", "\n  ", "\n    ", "\r\n", "\t", " ", "'", '"', "&a ", "*a", "&b ", "*b", "*zz",
    "!!python/object:os.system", "!!binary", "!local", "!!str ", "!!int ", "{", "}", "[",
    "]", ",", "#", "|", ">", "---", "...", "%YAML 1.1", "2022-01-07", "2022-02-30",
    "2022-01-07T10:00:00", "+06:00", "yes", "no", "~", "null", "3.700", "3,700", "-5",
    "0x1F", "1:30", ".inf", "é", "日本", "😀", "\u2028", "\x85", "\ufeff", "\x00", "\x07",
    "\\", "%", "@", "`",
]
yamlish = st.lists(st.sampled_from(TOKENS) | st.text(max_size=5), max_size=60).map("".join)


def _assert_diagnostics_only(folder: Path) -> None:
    """Load and validate `folder`; every finding must be a well-formed diagnostic."""
    loaded = load_sheet(folder)
    facts, diags = validate_sheet(folder)
    assert facts is None or not any(d.severity == "error" for d in diags)
    for diag in [*loaded.diagnostics, *diags]:
        assert isinstance(diag, Diagnostic)
        assert diag.line >= 1 and diag.column >= 1
        assert diag.severity in ("error", "warning")
        assert diag.message and diag.render()


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_random_bytes_never_raise(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Arbitrary bytes in a fact file come back as diagnostics, never as an exception."""
    folder = write_sheet(tmp_path_factory.mktemp("bytes"), data)
    _assert_diagnostics_only(folder)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=yamlish)
def test_random_yamlish_never_raise(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """YAML-ish text built from keys, indicators, tags, anchors and odd characters never raises."""
    folder = write_sheet(tmp_path_factory.mktemp("yamlish"), text)
    _assert_diagnostics_only(folder)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=yamlish)
def test_yamlish_after_a_valid_sheet_never_raises(
        text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The same noise appended to a valid sheet (so it reaches the model) never raises."""
    folder = write_sheet(tmp_path_factory.mktemp("tail"), SHEET + "figures:\n  - " + text)
    _assert_diagnostics_only(folder)


# --- YAML hazards ---------------------------------------------------------------------

BOMB = "sheet: &x0 [a, a, a, a, a, a, a, a, a, a]\n" + "".join(
    f"k{n}: &x{n} [{', '.join([f'*x{n - 1}'] * 10)}]\n" for n in range(1, 10))


def test_alias_bomb_is_a_diagnostic(tmp_path: Path) -> None:
    """A billion-laughs file stops at the alias budget with one error, not a hang."""
    loaded = load_sheet(write_sheet(tmp_path / "bomb", BOMB))
    [diag] = loaded.diagnostics
    assert diag.message == f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes"
    assert diag.path.endswith("sheet.yaml") and diag.severity == "error"
    assert loaded.data == {}


def test_small_aliases_are_fine(tmp_path: Path) -> None:
    """Reusing an anchored list a few times is ordinary and expands to equal values."""
    text = (SHEET + "  summary:\n    - text: A\n      cite: &c [s, t]\n"
            "    - text: B\n      cite: *c\n")
    loaded = load_sheet(write_sheet(tmp_path / "ok", text))
    assert loaded.diagnostics == []
    summary = loaded.data["sheet"]["summary"]
    assert summary[0]["cite"] == summary[1]["cite"] == ["s", "t"]


def test_recursive_alias(tmp_path: Path) -> None:
    """An alias inside its own anchor is refused at the anchored node, with no recursion."""
    loaded = load_sheet(write_sheet(tmp_path / "loop", SHEET + "events: &e [*e]\n"))
    assert messages(loaded.diagnostics) == [
        (4, 9, "an alias refers to a node that contains it")]


def test_recursive_merge(tmp_path: Path) -> None:
    """A mapping that merges itself is a cycle too."""
    loaded = load_sheet(write_sheet(tmp_path / "loop", SHEET + "x: &m {<<: *m}\n"))
    assert [d.message for d in loaded.diagnostics] == [
        "an alias refers to a node that contains it"]


# (style, depth) -> text; the 65th level's opener is at line 1 column 72 (flow) or line 2
# column 129 (block: the root mapping is level 0, each `- ` opens a level).
def _deep(style: str, depth: int) -> str:
    if style == "flow":
        return "sheet: " + "[" * depth + "]" * depth + "\n"
    if style == "flow-map":
        return "sheet: " + "{a: " * depth + "}" * depth + "\n"
    return "sheet:\n" + "- " * depth + "x\n"


_DEEP_AT = {"flow": (1, 72), "flow-map": (1, 8 + 4 * 64), "block": (2, 129)}


@pytest.mark.parametrize("style", sorted(_DEEP_AT))
@pytest.mark.parametrize("depth", [65, 999, 1_000, 200_000])
def test_very_deep_nesting_is_a_diagnostic(tmp_path: Path, style: str, depth: int) -> None:
    """Nesting past our limit is our error at the 65th level's opener, before libyaml's limit
    (1,000 in PyYAML 6.0.4, met first by its look-ahead) or any recursion or C stack limit."""
    loaded = load_sheet(write_sheet(tmp_path / "deep", _deep(style, depth)))
    line, col = _DEEP_AT[style]
    assert messages(loaded.diagnostics) == [(line, col, "nesting deeper than 64 levels")]
    (diag,) = loaded.diagnostics
    assert diag.code == "FS113"
    assert "nest lists and mappings at most 64 levels deep" in diag.hint


@pytest.mark.parametrize(("style", "depth"), [("flow", 64), ("flow-map", 63), ("block", 63)])
def test_nesting_at_the_limit_loads(tmp_path: Path, style: str, depth: int) -> None:
    """64 levels of values under the root are allowed (a scalar is a level too): the control."""
    loaded = load_sheet(write_sheet(tmp_path / "deep", _deep(style, depth)))
    assert [d for d in loaded.diagnostics if d.code in ("FS113", "FS114")] == []


def _libyaml_nest_limit() -> Any:
    """libyaml's setter for its own nesting limit, if the bundled libyaml exports it."""
    if not hasattr(yaml, "CSafeLoader"):
        return None
    try:
        return getattr(ctypes.CDLL(yaml._yaml.__file__), "yaml_set_max_nest_level", None)
    except (OSError, AttributeError):
        return None


@pytest.mark.skipif(_libyaml_nest_limit() is None, reason="libyaml without a nesting limit")
@pytest.mark.parametrize("style", sorted(_DEEP_AT))
def test_a_parser_limit_below_ours_is_no_error(tmp_path: Path, style: str) -> None:
    """Whatever libyaml's limit is, our rule decides: 40 levels load under a limit of 10."""
    setter = _libyaml_nest_limit()
    setter(10)
    try:
        fine = load_sheet(write_sheet(tmp_path / "fine", _deep(style, 40)))
        assert fine.data["sheet"] is not None
        deep = load_sheet(write_sheet(tmp_path / "deep", _deep(style, 70)))
    finally:
        setter(1000)  # libyaml's default
    assert [d for d in fine.diagnostics if d.code in ("FS113", "FS114")] == []
    assert messages(deep.diagnostics) == [(*_DEEP_AT[style], "nesting deeper than 64 levels")]


def test_a_syntax_error_before_deep_nesting_is_reported_as_such(tmp_path: Path) -> None:
    """The depth check does not hide an earlier syntax error, nor a later one a depth error."""
    text = "sheet: [a\n  b: c\nfigures: " + "[" * 2000 + "]" * 2000 + "\n"
    loaded = load_sheet(write_sheet(tmp_path / "bad", text))
    assert [d.code for d in loaded.diagnostics] == ["FS114"]
    for depth in (70, 2000):  # behind a syntax error; behind libyaml's own limit too
        text = "sheet: " + "[" * depth + "]" * depth + "\nfigures: [a\n  b: c\n"
        loaded = load_sheet(write_sheet(tmp_path / f"deep{depth}", text))
        assert messages(loaded.diagnostics) == [(1, 72, "nesting deeper than 64 levels")]


def test_deep_nesting_with_the_pure_python_loader(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml, the composer's RecursionError becomes the same diagnostic."""
    monkeypatch.setattr(factsheet.load.sheet, "_LOADER", yaml.SafeLoader)
    depth = 5_000
    text = "sheet: " + "[" * depth + "]" * depth + "\n"
    loaded = load_sheet(write_sheet(tmp_path / "deep", text))
    assert messages(loaded.diagnostics) == [(1, 72, "nesting deeper than 64 levels")]


def _places(folder: Path) -> list[tuple[str, int, int, str, str]]:
    _, diags = validate_sheet(folder)
    return [(d.path, d.line, d.column, d.severity, d.where) for d in diags]


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_c_and_python_loaders_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml and pure-Python composing put every fixture's diagnostics at the same places."""
    folders = sorted(p for kind in ("invalid", "valid") for p in (FIXTURES / kind).iterdir()
                     if p.is_dir())
    monkeypatch.setattr(factsheet.load.sheet, "_LOADER", yaml.CSafeLoader)
    fast = [_places(f) for f in folders]
    monkeypatch.setattr(factsheet.load.sheet, "_LOADER", yaml.SafeLoader)
    slow = [_places(f) for f in folders]
    assert fast == slow


def test_python_tags_are_refused(tmp_path: Path) -> None:
    """Tags that would construct Python objects are refused, each at its own place."""
    text = SHEET + "figures:\n  - !!python/object/apply:os.system [echo]\n  - !!set {a}\n"
    loaded = load_sheet(write_sheet(tmp_path / "tags", text))
    assert messages(loaded.diagnostics) == [
        (5, 5, "the tag `!!python/object/apply:os.system` is not allowed"),
        (6, 5, "the tag `!!set` is not allowed"),
    ]


def test_explicit_safe_tags_are_allowed(tmp_path: Path) -> None:
    """`!!str` is a standard tag and simply makes the value text."""
    text = "sheet:\n  title: !!str 2022\n  as_of: 2022-01-07\n"
    loaded = load_sheet(write_sheet(tmp_path / "str", text))
    assert loaded.diagnostics == []
    assert loaded.data["sheet"]["title"] == "2022"


# --- encodings and line ends ----------------------------------------------------------

def test_bom_is_accepted_and_positions_unshifted(tmp_path: Path) -> None:
    """A UTF-8 BOM is skipped: positions on line 1 count from the first real character."""
    text = "\ufeffsheet:\n  title: Unrest\n  as_of: 2022-01-07\n  lang: no\n"
    loaded = load_sheet(write_sheet(tmp_path / "bom", text))
    assert loaded.diagnostics == []
    key = loaded.pos(("sheet",), key=True)
    assert (key.line, key.column) == (1, 1)
    _, diags = validate_sheet(tmp_path / "bom")
    assert messages(diags)[0][:2] == (4, 9)


def test_crlf_positions(tmp_path: Path) -> None:
    """CRLF line ends give the same lines and columns as LF."""
    text = "sheet:\r\n  title: Unrest\r\n  as_of: 2022-01-07\r\n  lang: no\r\n  tilte: x\r\n"
    folder = write_sheet(tmp_path / "crlf", text)
    _, diags = validate_sheet(folder)
    assert [(d.line, d.column, d.where) for d in diags] == [
        (4, 9, "sheet.lang"), (5, 3, "sheet.tilte")]
    assert load_sheet(folder).data["sheet"]["title"] == "Unrest"


def test_crlf_syntax_error_position(tmp_path: Path) -> None:
    """A syntax error in a CRLF file is reported at the right line and column."""
    text = "sheet:\r\n  title: a: b\r\n"
    loaded = load_sheet(write_sheet(tmp_path / "crlf", text))
    assert [(d.line, d.column) for d in loaded.diagnostics] == [(2, 11)]


def test_not_utf8_position(tmp_path: Path) -> None:
    """A Latin-1 byte is reported at its line and column, naming the byte."""
    data = "sheet:\n  title: Caf\xe9\n".encode("latin-1")
    loaded = load_sheet(write_sheet(tmp_path / "latin", data))
    assert [(d.line, d.column, d.message, d.hint) for d in loaded.diagnostics] == [
        (2, 13, "the file is not UTF-8 (byte 0xe9)", "save the file as UTF-8")]


def test_control_character_after_non_ascii(tmp_path: Path) -> None:
    """A forbidden character is placed by characters, not bytes, after non-ASCII text."""
    text = SHEET + "  subtitle: Алматы\x07\n"
    loaded = load_sheet(write_sheet(tmp_path / "ctl", text))
    assert messages(loaded.diagnostics) == [
        (4, 19, "the file contains a character YAML does not allow (U+0007)")]


def test_columns_count_characters(tmp_path: Path) -> None:
    """Columns count characters (not bytes) after Cyrillic and emoji."""
    text = SHEET + "  summary: [{text: Алматы 😀, cite: [Bad Id]}]\n"
    folder = write_sheet(tmp_path / "wide", text)
    _, diags = validate_sheet(folder)
    assert [(d.line, d.column, d.where) for d in diags] == [
        (4, 37, "sheet.summary[0].cite[0].source")]


def test_tab_indentation_lines(tmp_path: Path) -> None:
    """Every tab-indented line is reported, at the tab."""
    text = "sheet:\n\ttitle: x\n  as_of: 2022-01-07\n  \tlang: en\n"
    loaded = load_sheet(write_sheet(tmp_path / "tabs", text))
    assert [(d.line, d.column) for d in loaded.diagnostics] == [(2, 1), (4, 3)]
    assert all(d.message == "a tab is used for indentation" for d in loaded.diagnostics)


# --- scalars: no silent YAML 1.1 coercion ---------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("yes", True), ("no", False), ("off", False), ("~", None), ("", None),
    ("12", 12), ("-3", -3), ("017", 17), ("3.700", 3.7), ('"3.700"', "3.700"), ("'no'", "no"),
    ("2022-01-07", dt.date(2022, 1, 7)),
    ("2022-01-07T10:00:00+06:00",
     dt.datetime(2022, 1, 7, 10, tzinfo=dt.timezone(dt.timedelta(hours=6)))),
    ("3,700", "3,700"), ("hello", "hello"),
])
def test_scalar_resolution(raw: str, expected: object, tmp_path: Path) -> None:
    """Plain scalars are typed where YAML says so; quoted ones are always text."""
    loaded = load_sheet(write_sheet(tmp_path / "s", f"sheet:\n  x: {raw}\n"))
    value = loaded.data["sheet"]["x"]
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(("raw", "kind"), [
    ("0x1F", "number"), ("1:30", "number"), ("3_700", "number"),
    ("2022-02-30", "date"),
])
def test_ambiguous_scalars(raw: str, kind: str, tmp_path: Path) -> None:
    """Scalars YAML 1.1 would coerce oddly are kept as Ambiguous, with their source text."""
    loaded = load_sheet(write_sheet(tmp_path / "s", f"sheet:\n  x: {raw}\n"))
    assert loaded.data["sheet"]["x"] == Ambiguous(raw, kind)


def test_positions_of_keys_and_values(tmp_path: Path) -> None:
    """Keys and values remember file, line, column and raw text; lists continue across files."""
    folder = write_sheet(tmp_path / "pos", SHEET + "events:\n  - id: a\n", "a.yaml")
    write_sheet(folder, "events:\n  - id: b\n    text: 'quoted'\n", "b.yaml")
    loaded = load_sheet(folder)
    assert loaded.diagnostics == []
    assert [e["id"] for e in loaded.data["events"]] == ["a", "b"]
    key = loaded.pos(("events", 1, "id"), key=True)
    value = loaded.pos(("events", 1, "text"))
    assert (Path(key.path).name, key.line, key.column) == ("b.yaml", 2, 5)
    assert (Path(value.path).name, value.line, value.column, value.raw, value.plain) == (
        "b.yaml", 3, 11, "quoted", False)
    # An unknown place falls back to its nearest known parent.
    deeper = loaded.pos(("events", 1, "text", "deeper"))
    assert (deeper.line, deeper.column) == (3, 11)


def test_files_merge_in_name_order(tmp_path: Path) -> None:
    """Both .yaml and .yml files are read, sorted by name; other files are ignored."""
    folder = write_sheet(tmp_path / "order", "events:\n  - id: second\n", "b.yml")
    write_sheet(folder, SHEET + "events:\n  - id: first\n", "a.yaml")
    write_sheet(folder, "not: yaml: at all\n", "notes.txt")
    loaded = load_sheet(folder)
    assert [p.name for p in loaded.files] == ["a.yaml", "b.yml"]
    assert [e["id"] for e in loaded.data["events"]] == ["first", "second"]


def test_nested_merge_keys(tmp_path: Path) -> None:
    """A merged mapping's own `<<` is followed, and nearer keys win."""
    text = SHEET + "x: &a {p: 1, q: 1}\ny: &b {<<: *a, q: 2, r: 2}\nz: {<<: *b, r: 3}\n"
    loaded = load_sheet(write_sheet(tmp_path / "merge", text))
    # x, y and z are unknown top-level keys; only their conversion is checked here.
    assert [d.where for d in loaded.diagnostics] == ["x", "y", "z"]
    text = SHEET + "  summary:\n    - &a {text: T, cite: s}\n    - {<<: *a}\n"
    loaded = load_sheet(write_sheet(tmp_path / "merge2", text))
    assert loaded.data["sheet"]["summary"][1] == {"text": "T", "cite": "s"}


def test_merge_chain_values(tmp_path: Path) -> None:
    """Values through a chain of merges resolve like PyYAML: own keys, then first merge."""
    text = ("sheet:\n  title: T\n  as_of: 2022-01-07\n  summary:\n"
            "    - &a {text: A, cite: a, note: a}\n"
            "    - &b {<<: *a, cite: b}\n"
            "    - {<<: [*b, {note: c}], text: C}\n")
    loaded = load_sheet(write_sheet(tmp_path / "chain", text))
    assert loaded.data["sheet"]["summary"][2] == {"text": "C", "cite": "b", "note": "a"}


# --- folders -----------------------------------------------------------------------------

def test_folder_name_must_be_a_slug(tmp_path: Path) -> None:
    """A sheet folder whose name is not a slug is an error suggesting one."""
    loaded = load_sheet(write_sheet(tmp_path / "My Sheet", SHEET))
    [diag] = loaded.diagnostics
    assert diag.message == ("the folder name `My Sheet` is not a slug "
                            "(lowercase letters, digits, hyphens)")
    assert diag.hint == "rename the folder, e.g. to `my-sheet`"


def test_folder_without_fact_files(tmp_path: Path) -> None:
    """An empty sheet folder is one error asking for a fact file."""
    (tmp_path / "empty").mkdir()
    loaded = load_sheet(tmp_path / "empty")
    assert [d.message for d in loaded.diagnostics] == [
        "the folder holds no *.yaml or *.yml fact files"]


def test_empty_file_means_no_sheet(tmp_path: Path) -> None:
    """An empty fact file loads to nothing, so the sheet has no `sheet` mapping."""
    loaded = load_sheet(write_sheet(tmp_path / "blank", ""))
    assert messages(loaded.diagnostics) == [
        (1, 1, "no `sheet` mapping in any fact file of the folder")]


def test_find_sheets(tmp_path: Path) -> None:
    """A sheet folder is itself; a folder of sheets gives its sheet subfolders, sorted."""
    write_sheet(tmp_path / "all" / "b-sheet", SHEET)
    write_sheet(tmp_path / "all" / "a-sheet", SHEET)
    (tmp_path / "all" / "no-yaml").mkdir()
    write_sheet(tmp_path / "all" / ".hidden", SHEET)
    assert [p.name for p in find_sheets([tmp_path / "all"])] == ["a-sheet", "b-sheet"]
    assert find_sheets([tmp_path / "all" / "a-sheet"]) == [tmp_path / "all" / "a-sheet"]
    with pytest.raises(UsageError, match="no such folder"):
        find_sheets([tmp_path / "missing"])


# --- helpers -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "slug"), [
    ("My Sheet", "my-sheet"), ("Kazakhstan 2022/01", "kazakhstan-2022-01"),
    ("--x--", "x"), ("Ω", "sheet"),
])
def test_slugify(text: str, slug: str) -> None:
    """slugify lowercases and joins runs of other characters with single hyphens."""
    assert slugify(text) == slug


@pytest.mark.parametrize(("text", "expected"), [
    ("2022-01-07", dt.date(2022, 1, 7)),
    ("2022-1-7", dt.date(2022, 1, 7)),
    ("2022-01-07T16:20:00Z", dt.datetime(2022, 1, 7, 16, 20, tzinfo=dt.UTC)),
    ("2022-01-07 16:20:00 +0600",
     dt.datetime(2022, 1, 7, 16, 20, tzinfo=dt.timezone(dt.timedelta(hours=6)))),
    ("2022-01-07T16:20:00", dt.datetime(2022, 1, 7, 16, 20)),
    ("2022-02-30", None), ("2022-01-07T25:00:00Z", None), ("2022-01-07T10:00:00+99:00", None),
    ("7 January 2022", None), ("", None),
])
def test_parse_when(text: str, expected: dt.date | None) -> None:
    """ISO dates and datetimes parse; impossible or other forms give None."""
    assert parse_when(text) == expected


def test_where() -> None:
    """Locations render as dotted paths with list indexes."""
    assert where(("figures", 2, "cite", 0, "says")) == "figures[2].cite[0].says"
    assert where(()) == "document"
