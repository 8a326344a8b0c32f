"""Templates are code: they run sandboxed, and read files only inside the template chain."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import load_facts
from helpers import RENDER, ROOT

from factsheet.builder import BuildOptions, build_sheet
from factsheet.errors import TemplateError
from factsheet.render.sheet import dangling_links, render_html, resolve_template

UNSAFE = Path(__file__).parent / "fixtures" / "templates" / "template-unsafe"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A templates folder holding the briefing base."""
    shutil.copytree(ROOT / "templates" / "briefing", tmp_path / "templates" / "briefing")
    return tmp_path / "templates"


@pytest.mark.parametrize("attack", sorted(p.name for p in UNSAFE.iterdir()))
def test_python_internals_are_refused_with_a_located_error(root: Path, attack: str) -> None:
    """`__globals__`, `__mro__`, format strings and Jinja's own globals: FS505 at the line."""
    shutil.copytree(UNSAFE / attack, root / attack)
    with pytest.raises(TemplateError) as caught:
        render_html(load_facts(RENDER / "ranges"), resolve_template(root, attack))
    diag = caught.value.diagnostics()[0]
    assert getattr(caught.value, "code", "") == "FS505"
    assert caught.value.message.startswith("the template did something the sandbox forbids")
    assert (Path(diag.path).name, diag.line) == ("sheet.html", 3)


def test_a_symlink_out_of_the_chain_is_refused(root: Path, tmp_path: Path) -> None:
    """Attack: include a file through a symlink pointing outside the template folders."""
    (tmp_path / "secret.txt").write_text("private\n")
    evil = root / "evil"
    evil.mkdir()
    (evil / "leak.html").symlink_to(tmp_path / "secret.txt")
    (evil / "sheet.html").write_text('{% extends "base.html" %}\n{% block legend %}'
                                     '{% include "leak.html" %}{% endblock %}\n')
    with pytest.raises(TemplateError) as caught:
        render_html(load_facts(RENDER / "ranges"), resolve_template(root, "evil"))
    assert getattr(caught.value, "code", "") == "FS506"
    assert "`leak.html` lies outside the template chain" in caught.value.message


def test_a_pdf_stylesheet_symlinked_out_is_refused(root: Path, tmp_path: Path) -> None:
    """Attack: pdf.css as a symlink to a file outside the chain (read without the fetcher)."""
    (tmp_path / "outside.css").write_text("body { color: red; }\n")
    evil = root / "evil"
    evil.mkdir()
    (evil / "sheet.html").write_text('{% extends "base.html" %}\n')
    (evil / "pdf.css").symlink_to(tmp_path / "outside.css")
    with pytest.raises(TemplateError) as caught:
        resolve_template(root, "evil").asset("pdf.css")
    assert getattr(caught.value, "code", "") == "FS506"


def test_dotdot_is_not_found(root: Path, tmp_path: Path) -> None:
    """Attack: include `../secret.html`; Jinja refuses the path, we say not found."""
    (root / "secret.html").write_text("private\n")
    evil = root / "evil"
    evil.mkdir()
    (evil / "sheet.html").write_text('{% include "../secret.html" %}\n')
    with pytest.raises(TemplateError) as caught:
        render_html(load_facts(RENDER / "ranges"), resolve_template(root, "evil"))
    assert getattr(caught.value, "code", "") == "FS502"


def test_a_failing_expression_is_a_located_template_error(root: Path) -> None:
    """A template's own runtime error is FS510 at its line, not an internal error."""
    memo = root / "memo"
    memo.mkdir()
    (memo / "sheet.html").write_text('{% extends "base.html" %}\n{% block legend %}\n'
                                     '{{ 1 // 0 }}\n{% endblock %}\n')
    with pytest.raises(TemplateError) as caught:
        render_html(load_facts(RENDER / "ranges"), resolve_template(root, "memo"))
    assert getattr(caught.value, "code", "") == "FS510"
    assert caught.value.line == 3
    assert caught.value.message == "the template failed: ZeroDivisionError: integer division " \
        "or modulo by zero"


def test_a_symlink_inside_the_chain_is_fine(root: Path) -> None:
    """A symlink that stays within the template folders is allowed."""
    memo = root / "memo"
    memo.mkdir()
    (memo / "part.html").write_text("<p>inside</p>\n")
    (memo / "alias.html").symlink_to(memo / "part.html")
    (memo / "sheet.html").write_text('{% extends "base.html" %}\n{% block legend %}'
                                     '{% include "alias.html" %}{% endblock %}\n')
    assert "<p>inside</p>" in render_html(load_facts(RENDER / "ranges"),
                                          resolve_template(root, "memo"))


DANGLING = Path(__file__).parent / "fixtures" / "templates" / "dangling-link"


def test_a_page_whose_links_lead_nowhere_fails_and_writes_nothing(
        root: Path, tmp_path: Path) -> None:
    """A template without the sources list: FS511 names the missing anchors, the build of
    the sheet fails, and neither the HTML nor the PDF is written."""
    shutil.copytree(DANGLING / "no-sources", root / "no-sources")
    with pytest.raises(TemplateError) as caught:
        render_html(load_facts(RENDER / "ranges"), resolve_template(root, "no-sources"))
    assert getattr(caught.value, "code", "") == "FS511"
    assert caught.value.message.startswith("the page links to #src-1, #src-2")
    out = tmp_path / "out"
    for formats in (("html",), ("html", "pdf")):
        result = build_sheet(RENDER / "ranges", BuildOptions(
            out=out, formats=formats, templates=root, template="no-sources", no_cache=True))
        assert result.status == "failed" and [d.code for d in result.diagnostics] == ["FS511"]
        assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize("page, dangling", [
    ("<a href='#src-9'>[9]</a>", ["src-9"]),  # single quotes
    ("<a href=#src-9>[9]</a>", ["src-9"]),  # no quotes
    ('<!-- <p id="src-9"> --><a href="#src-9">[9]</a>', ["src-9"]),  # an id in a comment
    ('<p title=\'id="src-9"\'></p><a href="#src-9">[9]</a>', ["src-9"]),  # in a value
    ('<p id="r%C3%A9sum%C3%A9"></p><a href="#r%C3%A9sum%C3%A9">x</a>', []),  # as written
    ('<a href="#r%C3%A9sum%C3%A9">x</a>', ["résumé"]),
    ('<p id="résumé"></p><a href="#r%C3%A9sum%C3%A9">x</a>', []),  # percent-encoded
    ('<a name="top"></a><a href="#top">up</a><svg><a href="#top"/></svg>', []),
    ('<p id="a&amp;b"></p><a href="#a&amp;b">x</a>', []),  # escaped alike
])
def test_the_link_check_reads_the_page_as_a_browser_would(page: str, dangling: list[str]
                                                          ) -> None:
    """The attacks on FS511's first, pattern-based check: quotes, comments, attribute
    values and encodings do not hide a missing target, nor invent one."""
    assert dangling_links(page) == dangling
