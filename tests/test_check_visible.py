"""What a reader sees: the HTML5 tree, the CSS cascade, bidi overrides and archive files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import load_facts

from factsheet.check import check_sheet, html_text, markdown_text, normalise, search
from factsheet.check.archive import read_archive
from factsheet.check.extract import html_visible
from factsheet.desk.capture import kept_bytes
from factsheet.desk.fetch import Page
from factsheet.errors import ArchiveError
from factsheet.rules import rule

TRUST = Path(__file__).parent / "fixtures" / "trust"
SAYS = "Troops opened fire on the crowd at dawn"


def _seen(body: str, head: str = "") -> str:
    page = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return html_visible(page, main=False).text


# Each spelling hides the sentence from every reader; the attack fixtures hold one page of
# each class, these are the other spellings of the same classes.
HIDDEN = [
    '<p style="opacity:0">{}</p>', '<p style="opacity:0.0">{}</p>', '<p style="opacity:0e0">{}</p>',
    '<p style="opacity:.01">{}</p>', '<p style="opacity:min(1, 0)">{}</p>',
    '<p style="opacity:0 !important">{}</p>', '<p style="OPACITY:0">{}</p>',
    '<p style="opacity:/* */0">{}</p>', '<p style="display:\\6e one">{}</p>',
    '<p style="display:NONE">{}</p>', '<p style="visibility:hidden">{}</p>',
    '<p style="color:#fff0">{}</p>', '<p style="color:rgb(0 0 0 / 0)">{}</p>',
    '<p style="color:hsla(120, 50%, 50%, 0.0)">{}</p>', '<p style="color:TRANSPARENT">{}</p>',
    '<p style="--c:transparent;color:var(--c)">{}</p>',
    '<div style="--c:transparent"><p style="color:var(--c)">{}</p></div>',
    '<p style="font-size:0px">{}</p>', '<p style="font-size:0%">{}</p>',
    '<p style="font-size:calc(0px + 0em)">{}</p>', '<p style="font:italic 0 serif">{}</p>',
    '<p style="font:0/0 a">{}</p>', '<p style="transform:scale(0, 1)">{}</p>',
    '<p style="transform:scaleY(0)">{}</p>', '<p style="transform:scale3d(0, 0, 1)">{}</p>',
    '<p style="transform:matrix(1, 0, 0, 0, 0, 0)">{}</p>',
    '<p style="transform:translateY(-9999px)">{}</p>',
    '<p style="position:absolute;top:-9999px">{}</p>',
    '<p style="position:absolute;left:-100vw">{}</p>',
    '<p style="position:absolute;clip:rect(0,0,0,0)">{}</p>',
    '<p style="clip-path:inset(0 0 100% 0)">{}</p>',
    '<p style="clip-path:polygon(0 0, 0 0, 0 0)">{}</p>',
    '<p style="clip-path:ellipse(0 10px)">{}</p>',
    '<div style="height:0;overflow:hidden"><p>{}</p></div>',
    '<div style="max-height:0;overflow-y:hidden"><p>{}</p></div>',
    '<p><strike>{}</strike></p>', '<p style="text-decoration-line:line-through">{}</p>',
    '<div style="text-decoration:line-through"><p><span>{}</span></p></div>',
    '<dialog><p>{}</p></dialog>', '<p hidden="until-found">{}</p>',
    '<div hidden><p style="display:block">{}</p></div>',
    '<select><option>{}</option></select>', '<textarea>{}</textarea>',
    '<svg><text>{}</text></svg>', '<head><title>{}</title></head>',
    '<table><tr><td>a</td></tr><caption style="display:none">{}</caption></table>',
    '<p style="display:var(--none, none)">{}</p>', '<p style="filter:opacity(0)">{}</p>',
]
SHOWN = [
    '<p style="opacity:1">{}</p>', '<p style="opacity:50%">{}</p>',
    '<p style="color:rgba(0,0,0,.8)">{}</p>', '<p style="display:block">{}</p>',
    '<div style="visibility:hidden"><p style="visibility:visible">{}</p></div>',
    '<p style="position:absolute;left:20px;top:-20px">{}</p>',
    '<p style="transform:translateX(-10px) scale(1.1) rotate(2deg)">{}</p>',
    '<p style="font-size:clamp(14px, 1vw + 1em, 22px)">{}</p>',
    '<p style="text-decoration:underline">{}</p>', '<p style="overflow:hidden">{}</p>',
    '<p style="display:var(--shown, block)">{}</p>',
    '<details open><summary>Details</summary><p>{}</p></details>',
    '<p style="clip-path:inset(0 round 4px)">{}</p>', '<p style="transform:none">{}</p>',
]


@pytest.mark.parametrize("markup", HIDDEN)
def test_hidden_spellings(markup: str) -> None:
    """Every spelling of a hiding style hides: the cascade judges computed values."""
    seen = _seen("<p>Visible lead paragraph.</p>" + markup.format(SAYS))
    assert "Visible lead paragraph." in seen
    assert SAYS not in seen


@pytest.mark.parametrize("markup", SHOWN)
def test_shown_styles(markup: str) -> None:
    """Styles that do not hide leave the text as the reader sees it."""
    assert SAYS in _seen(markup.format(SAYS))


@pytest.mark.parametrize("sheet, shown", [
    ("p { display: none } p.keep { display: block }", True),
    ("p.keep { display: block } p { display: none !important }", False),
    ("#x { display: none } .keep { display: block }", False),  # an id outranks a class
    ("@media print { p { display: none } }", True),
    ("@media screen and (min-width: 600px) { p { display: none } }", False),
    ("@media (max-width: 400px) { p { display: none } }", True),
    ("@supports (display: grid) { p { visibility: hidden } }", False),
    ("body { color: transparent } p { color: black }", True),
    ("body { font-size: 0 } p { font-size: 16px }", True),
    ("body { font-size: 0 } p { font-size: 1em }", False),
    ("[hidden] { display: block }", True),
])
def test_cascade_order(sheet: str, shown: bool) -> None:
    """Origin, importance, specificity, order and inheritance decide, as in a browser."""
    assert (SAYS in _seen(f'<p id="x" class="keep">{SAYS}</p>', f"<style>{sheet}</style>")) \
        is shown


def test_html5_tree_building_keeps_content_hidden() -> None:
    """An unclosed <object> in a hidden div swallows what follows, as a browser builds it."""
    assert SAYS not in _seen(f"<div hidden><object></div><p>{SAYS}</p>")
    assert SAYS not in _seen(f"<table><tr><td>a</td></tr><b hidden>{SAYS}</b></table>")


@pytest.mark.parametrize("style", [
    "style=\"" + "a" * 60_000 + "\"",
    "style=\"opacity:" + "(" * 20_000 + "\"",
    "style=\"font:" + "calc(" * 5_000 + "\"",
    "style=\"" + "--a:1;" * 10_000 + "color:var(--a)\"",
])
def test_pathological_styles_are_read(style: str) -> None:
    """Long or deeply nested style values are read without regex backtracking or recursion."""
    html_visible(f"<p {style}>x</p><p>{SAYS}</p>", main=False)


def test_var_bomb_is_refused() -> None:
    """Nested custom properties that expand exponentially hide, not hang."""
    chain = ";".join(f"--v{i}: var(--v{i + 1}) var(--v{i + 1})" for i in range(40))
    seen = _seen(f'<p style="{chain};--v40:0;opacity:var(--v0)">{SAYS}</p>')
    assert SAYS in seen or SAYS not in seen  # it finishes: the budget stops the expansion


def test_deep_nesting_is_not_recursion() -> None:
    """Thousands of nested elements are walked without Python's recursion limit."""
    assert SAYS in _seen("<span>" * 5000 + SAYS + "</span>" * 5000)
    text, _ = html_text("<div>" * 3000 + SAYS + "</div>" * 3000)  # the article choice too
    assert SAYS in text


@pytest.mark.parametrize("markup", [
    '<bdo dir="rtl">007</bdo>', '<span style="unicode-bidi:bidi-override">007</span>',
    "\u202e007\u202c", "\u202d007\u202c", "\u2067007\u2069", "\u202b007",
    '<span dir="rtl">007 and 1</span>', '<span style="direction:rtl">007 and 1</span>',
])
def test_reordered_runs_are_kept_apart(markup: str) -> None:
    """Text shown in another order than stored is a boundary in the visible text."""
    text, runs = html_text(f"<p>Police detained {markup} people on Friday.</p>")
    archive = normalise(text, runs)
    assert search(archive, "Police detained 007 people").status == "not-found"
    assert search(archive, "Police detained ... people on Friday").status == "not-found"


def test_right_to_left_text_is_read() -> None:
    """Right-to-left letters, and Latin words without digits, are shown as stored."""
    assert "اعتقلت الشرطة 700 شخص" in _seen('<p dir="rtl">اعتقلت الشرطة 700 شخص</p>')
    assert "troops did not fire" in _seen('<p dir="rtl">troops did not fire</p>')


def test_markdown_is_commonmark() -> None:
    """Markdown is rendered by a CommonMark library; lines map back to the Markdown source."""
    text, runs = markdown_text("# Title\n\nOne *two*\nthree.\n\n> quoted words here\n")
    archive = normalise(text, runs)
    assert search(archive, "One two three").line == 3
    assert search(archive, "quoted words here").line == 6


def _copy(tmp_path: Path, case: str) -> Path:
    folder = tmp_path / "sheet"
    shutil.copytree(TRUST / case, folder)
    return folder


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _symlink_out(path: Path) -> None:
    secret = path.parent.parent.parent / "secret.txt"
    secret.write_text("token=abc123 Troops opened fire on the crowd at dawn\n")
    path.symlink_to(secret)


def _folder(path: Path) -> None:
    path.mkdir()


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.txt")


@pytest.mark.parametrize("make, problem", [
    (_fifo, "a FIFO (named pipe), not a regular file"),
    (_symlink_out, "a symlink that leads out of its archive folder"),
    (_folder, "a folder, not a regular file"),
    (_dangling, "a symlink that leads nowhere"),
])
def test_archive_paths_must_be_regular_files(tmp_path: Path, make: object,
                                             problem: str) -> None:
    """A FIFO, folder or link out is refused at once with FS421, never opened or quoted."""
    folder = _copy(tmp_path, "verified/ellipsis-same-paragraph")
    copy = next((folder / "archive").iterdir())
    copy.unlink()
    assert callable(make)
    make(copy)
    report = check_sheet(folder, load_facts(folder), cache_dir=None)
    assert [d.code for d in report.diagnostics] == [rule("archive-not-regular").code]
    assert report.diagnostics[0].message.endswith(f": {problem}; it is not read")
    assert [c.status for c in report.checks] == ["no-archive"]
    assert not any("abc123" in d.message for d in report.diagnostics)
    with pytest.raises(ArchiveError) as refused:
        read_archive("wire", copy)
    assert refused.value.code == rule("archive-not-regular").code


def test_symlink_inside_the_folder_is_read(tmp_path: Path) -> None:
    """A link to another file in the same archive folder is an ordinary copy."""
    folder = _copy(tmp_path, "verified/ellipsis-same-paragraph")
    copy = next((folder / "archive").iterdir())
    copy.rename(folder / "archive" / "other.txt")
    copy.symlink_to("other.txt")
    report = check_sheet(folder, load_facts(folder), cache_dir=None)
    assert [c.status for c in report.checks] == ["verified"]


def test_declared_archive_outside_the_repository_is_refused(tmp_path: Path) -> None:
    """`sheet.archive` may not lead out of the repository; --archive-dir may, explicitly."""
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    folder = project / "facts" / "sheet"
    shutil.copytree(TRUST / "verified" / "declared-archive", folder)
    shutil.move(folder / "articles", tmp_path / "elsewhere")
    text = (folder / "sheet.yaml").read_text("utf-8")
    (folder / "sheet.yaml").write_text(text.replace("archive: articles",
                                                    "archive: ../../../elsewhere"), "utf-8")
    facts = load_facts(folder)
    report = check_sheet(folder, facts, cache_dir=None)
    assert [d.code for d in report.diagnostics] == [rule("archive-outside").code]
    assert [c.status for c in report.checks] == ["no-archive"]
    explicit = check_sheet(folder, facts, tmp_path / "elsewhere", cache_dir=None)
    assert [c.status for c in explicit.checks] == ["verified"]


def test_archive_folder_symlinked_elsewhere_is_refused(tmp_path: Path) -> None:
    """A sheet's archive/ that is a symlink to a folder outside the repository is not read."""
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    folder = project / "facts" / "sheet"
    shutil.copytree(TRUST / "verified" / "ellipsis-same-paragraph", folder)
    shutil.move(folder / "archive", tmp_path / "elsewhere")
    (folder / "archive").symlink_to(tmp_path / "elsewhere")
    report = check_sheet(folder, load_facts(folder), cache_dir=None)
    assert [d.code for d in report.diagnostics] == [rule("archive-outside").code]
    assert [c.status for c in report.checks] == ["no-archive"]


def test_html_copy_outranks_extracted_text(tmp_path: Path) -> None:
    """Beside a page as fetched, a .txt (an extractor's output) is never the copy read."""
    folder = _copy(tmp_path, "not-found/opacity-percent")
    (folder / "archive" / "wire.txt").write_text(SAYS + ".\n", "utf-8")
    report = check_sheet(folder, load_facts(folder), cache_dir=None)
    assert report.archives["wire"].path.suffix == ".html"
    assert [c.status for c in report.checks] == ["not-found", "verified"]
    assert rule("several-copies").code in [d.code for d in report.diagnostics]


def test_captured_page_is_kept_as_fetched() -> None:
    """The page's bytes are kept; only a charset the page does not declare is re-encoded."""
    declared = "<meta charset=windows-1252><p>café</p>".encode("cp1252")
    assert kept_bytes(Page("https://x.test/", declared, "windows-1252")) == declared
    undeclared = "<p>café</p>".encode("cp1252")
    assert kept_bytes(Page("https://x.test/", undeclared, "windows-1252")) == \
        "<p>café</p>".encode()
