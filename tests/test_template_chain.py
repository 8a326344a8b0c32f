"""Custom templates extend the packaged ones: one file is a whole template, wherever it runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CLI
from helpers import FIXTURES, write_files

from factsheet.errors import TemplateError
from factsheet.load.templates import packaged_templates
from factsheet.render.sheet import resolve_template

SHIPPED = packaged_templates().resolve()
MEMO = ('{% extends "base.html" %}\n{% block legend %}<p id="memo">Memo legend</p>'
        "{% endblock %}\n")


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desk with one sheet and a templates/ folder holding only custom templates."""
    shutil.copytree(FIXTURES / "render" / "ranges", tmp_path / "facts" / "ranges")
    (tmp_path / "templates").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_one_file_extends_the_packaged_briefing(desk: Path) -> None:
    """templates/memo/sheet.html alone: the rest (base, CSS, labels) comes from the package."""
    write_files(desk / "templates" / "memo", {"sheet.html": MEMO})
    chain = resolve_template(Path("templates"), "memo").chain
    assert chain == ((desk / "templates" / "memo").resolve(), SHIPPED / "briefing")


def test_extends_brief_by_its_manifest(desk: Path, cli: CLI) -> None:
    """`extends = "brief"` chains memo -> brief -> briefing; the build uses all three."""
    write_files(desk / "templates" / "memo", {"template.toml": 'extends = "brief"\n',
                                        "brief.css": "h1 { color: #123456; }\n"})
    chain = resolve_template(Path("templates"), "memo").chain
    assert chain == ((desk / "templates" / "memo").resolve(), SHIPPED / "brief",
                     SHIPPED / "briefing")
    run = cli("build", "--to", "html", "--template", "memo")
    assert run.status == 0, run.out
    html = (desk / "build" / "ranges.html").read_text()
    assert "#123456" in html and 'data-max-pages="1"' in html  # memo's CSS, brief's page


def test_a_css_only_override_of_briefing_keeps_the_rest(desk: Path, cli: CLI) -> None:
    """templates/briefing/ with only style.css overrides the CSS, not the whole template."""
    write_files(desk / "templates" / "briefing", {"style.css": "body { color: #654321; }\n"})
    chain = resolve_template(Path("templates"), "briefing").chain
    assert chain == ((desk / "templates" / "briefing").resolve(), SHIPPED / "briefing")
    assert cli("build", "--to", "html").status == 0
    assert "#654321" in (desk / "build" / "ranges.html").read_text()


def test_missing_template_lists_every_template(desk: Path, cli: CLI) -> None:
    """The error names where it looked and the templates that exist, custom ones included."""
    write_files(desk / "templates" / "memo", {"sheet.html": MEMO})
    run = cli("build", "--to", "html", "--template", "memoo")
    assert run.status == 1
    assert ("templates/memoo:1:1: error[FS502]: build: template `memoo` not found in "
            "templates/ or the packaged templates (available: brief, briefing, memo); choose "
            "one of the templates listed, or add its folder under --templates") in run.lines


@pytest.mark.parametrize(("manifest", "problem"), [
    ('extends = "nothing"\n', "template `memo` extends `nothing`, which is not found"),
    ("extends = 3\n", "the template's template.toml `extends` must be a name"),
    ('extend = "brief"\n', "the template's template.toml has unknown key `extend`"),
    ("extends =\n", "the template's template.toml is not valid TOML"),
])
def test_bad_manifest_is_a_coded_error(desk: Path, manifest: str, problem: str) -> None:
    """A template.toml that cannot say what it extends fails with its file named."""
    write_files(desk / "templates" / "memo", {"template.toml": manifest})
    with pytest.raises(TemplateError) as failed:
        resolve_template(Path("templates"), "memo")
    assert problem in failed.value.message
    assert failed.value.code in ("FS025", "FS502")


def test_extends_cycle_is_refused(desk: Path) -> None:
    """a extends b extends a: a coded error, never a loop."""
    write_files(desk / "templates" / "a", {"template.toml": 'extends = "b"\n'})
    write_files(desk / "templates" / "b", {"template.toml": 'extends = "a"\n'})
    with pytest.raises(TemplateError, match="extends `a`, which extends it again"):
        resolve_template(Path("templates"), "a")
