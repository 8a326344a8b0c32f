"""The pre-commit hook: one hook refuses what `build --strict` refuses, before any PDF."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from conftest import CLI
from helpers import FIXTURES, ROOT

if TYPE_CHECKING:
    from conftest import Run

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def hook(cli: CLI) -> Run:
    """Run the hook's entry as pre-commit would (no file names: pass_filenames is false)."""
    (only,) = HOOKS
    words = shlex.split(only["entry"])
    assert words[0] == "factsheet" and only["pass_filenames"] is False
    return cli(*words[1:])


def test_one_hook_in_the_strict_builds_mode() -> None:
    """One hook, `validate --as-build --strict`, run on fact files, editions and templates."""
    assert [h["id"] for h in HOOKS] == ["factsheet-validate"]
    assert HOOKS[0]["entry"] == "factsheet validate --as-build --strict"
    files = re.compile(HOOKS[0]["files"])
    for name in ("facts/a/figures.yaml", "editions/a/001.json", "templates/m/sheet.html",
                 "pyproject.toml", "facts/a/archive/wire.txt"):
        assert files.search(name), name


def test_deleted_published_fact_is_refused_as_the_build_refuses_it(
        tmp_path: Path, cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """FS600: plain validate lets it through; the hook stops it like build --strict."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "editions" / "deleted-fact" / "before", "facts")
    assert cli("publish", "facts").status == 0
    shutil.rmtree("facts")
    shutil.copytree(FIXTURES / "editions" / "deleted-fact" / "after", "facts")
    assert cli("validate", "--strict").status == 0  # FS600 needs the editions
    run = hook(cli)
    assert run.status == 1
    assert run.lines == [
        "facts/toll/figures.yaml:1:1: error[FS600]: figures: `arrests` was in edition 1; "
        "mark it `retracted:` instead of deleting it, so readers see why it went; put the "
        "entry back with `retracted: {date: …, reason: …, cite: …}`, or give the entry that "
        "renames it `replaces: arrests`",
        "facts/toll: would not build (1 error)"]
    assert cli("build", "--strict", "--to", "json", "--out", "b").status == 1  # agrees
    assert not (tmp_path / "b" / "toll.json").exists()


@pytest.mark.parametrize(("edit", "code"), [
    (("  as_of: 2022-01-07\n", '  as_of: 2022-01-07\n  subtitle: "TODO: a line"\n'), "FS700"),
    (("  as_of: 2022-01-07\n", "  as_of: 2022-01-07\n  template: memo\n"), "FS502"),
])
def test_hook_refuses_what_strict_build_refuses(tmp_path: Path, cli: CLI,
                                                monkeypatch: pytest.MonkeyPatch,
                                                edit: tuple[str, str], code: str) -> None:
    """A TODO (a warning made an error) and a template that does not exist."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "valid" / "full", "facts/full")
    sheet = tmp_path / "facts" / "full" / "sheet.yaml"
    assert edit[0] in sheet.read_text()
    sheet.write_text(sheet.read_text().replace(*edit, 1))
    run = hook(cli)
    assert run.status == 1 and f"error[{code}]" in run.out, run.out
    built = cli("build", "--strict", "--to", "json,html")
    assert built.status == 1 and f"error[{code}]" in built.out


def test_clean_example_passes_the_hook(cli: CLI, monkeypatch: pytest.MonkeyPatch) -> None:
    """The repository's own example, as `make sheet` builds it."""
    monkeypatch.chdir(ROOT)
    run = hook(cli)
    assert (run.status, run.lines) == (0, ["facts/kazakhstan-2022-01: builds"])


def test_docs_pin_a_commit_not_a_missing_tag() -> None:
    """Until factsheet has release tags, `rev` is a full commit SHA."""
    text = (ROOT / "docs" / "authoring.md").read_text()
    revs = re.findall(r"rev: (\S+)", text)
    assert revs and all(re.fullmatch(r"[0-9a-f]{40}", rev) for rev in revs), revs
