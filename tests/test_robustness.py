"""Robustness: linear work on large inputs, our own temporaries only, reported symlinks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import Run
from helpers import write_sheet

import factsheet.reconcile.checks
from factsheet.validate import validate_sheet


def _same_day_group(folder: Path, n: int) -> Path:
    """One sheet whose n figures all count one thing on one day (one group, n latest)."""
    lines = ["sheet:", "  title: Big", "  as_of: 2022-01-09", "sources:",
             "  - id: a", "    publisher: A", "    title: T", "    published: 2022-01-07",
             "figures:"]
    for i in range(n):
        lines += [f"  - id: f{i}", "    label: Killed", "    measure: killed",
                  f"    value: {i + 1}", "    as_of: 2022-01-08", "    claimed_by: Ministry",
                  "    cite: a"]
    return write_sheet(folder, "\n".join(lines) + "\n")


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    """Count the calls of a function the group checks use (work, not time)."""
    calls = [0]
    real: Callable[..., Any] = getattr(factsheet.reconcile.checks, name)

    def counted(*args: Any) -> Any:
        calls[0] += 1
        return real(*args)

    monkeypatch.setattr(factsheet.reconcile.checks, name, counted)
    return calls


def test_a_same_day_group_is_checked_in_linear_work(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Twice the figures, about twice the comparisons (it was n²: 30 s at 10,000 figures)."""
    calls = _counting(monkeypatch, "later")
    work = {}
    for n in (500, 1000):
        facts, diags = validate_sheet(_same_day_group(tmp_path / f"g{n}", n))
        assert facts is not None and diags == []
        work[n], calls[0] = calls[0], 0
    assert work[1000] <= 2.2 * work[500], work


SHEET = "sheet:\n  title: Unrest\n  as_of: 2022-01-09\n"


def test_a_sheet_folder_linked_to_another_sheet_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]) -> None:
    """Not silently dropped: each link is an error naming its target, which is built once
    under its own name, even when the link sorts first."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "facts" / "alpha").mkdir(parents=True)
    (tmp_path / "facts" / "alpha" / "sheet.yaml").write_text(SHEET, encoding="utf-8")
    (tmp_path / "facts" / "aaa").symlink_to("alpha")
    (tmp_path / "facts" / "copy").symlink_to(tmp_path / "facts" / "alpha")
    run = cli("build", "facts", "--to", "json", "-j", "1")
    assert run.status == 1
    for link in ("aaa", "copy"):
        assert (f"facts/{link}:1:1: error[FS512]: build: this folder is a symlink to the sheet "
                "facts/alpha, which is built under its own name; the link is not built; remove "
                "the link, or copy the folder if it is meant to be a sheet of its own"
                ) in run.out, run.out
    assert sorted(p.name for p in (tmp_path / "build").glob("*.json")) == ["alpha.json"]
    assert run.lines[-1].startswith("1 built, 0 up to date, 2 failed")


def test_a_link_to_a_sheet_outside_the_build_is_built_under_its_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]) -> None:
    """The control: a link to a folder that is no other sheet of this build is a sheet."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "elsewhere" / "beta").mkdir(parents=True)
    (tmp_path / "elsewhere" / "beta" / "sheet.yaml").write_text(SHEET, encoding="utf-8")
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "gamma").symlink_to(tmp_path / "elsewhere" / "beta")
    run = cli("build", "facts", "--to", "json", "-j", "1")
    assert run.status == 0, run.err
    assert (tmp_path / "build" / "gamma.json").is_file()


@pytest.mark.parametrize("placeholder", [
    "{n.__class__.__init__.__globals__}", "{n.real}", "{n[0]}", "{n!r}", "{n:>10}", "{0}",
    "{}", "{n", "n}"])
def test_a_labels_placeholder_is_a_plain_name(tmp_path: Path, placeholder: str) -> None:
    """No attribute, index, conversion or format: refused when the template is loaded."""
    from factsheet.errors import TemplateError
    from factsheet.view.labels import load_labels

    (tmp_path / "labels.yaml").write_text(
        yaml.safe_dump({"en": {"edition": f"Edition {placeholder}"}}), encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_labels((tmp_path,), "en")
    (diag,) = caught.value.diagnostics()
    assert diag.code == "FS127"
    assert diag.message.startswith(f"{tmp_path / 'labels.yaml'}: the word `edition` has the "
                                   "placeholder `{")


def test_filling_refuses_attribute_access_whatever_the_words_came_from() -> None:
    """The fill itself refuses, not only the loader: a value's internals never reach a page."""
    from factsheet.errors import TemplateError
    from factsheet.view.labels import fill

    assert fill("Edition {n} of {{many}}", "edition", {"n": 3}) == "Edition 3 of {many}"
    with pytest.raises(TemplateError):
        fill("{n.__class__.__mro__}", "edition", {"n": 3})


def test_plural_forms_are_checked_too(tmp_path: Path) -> None:
    """A plural table's forms are words like any other."""
    from factsheet.errors import TemplateError
    from factsheet.view.labels import load_labels

    (tmp_path / "labels.yaml").write_text(yaml.safe_dump(
        {"en": {"changes_more": {"one": "{n} more", "other": "{n.__doc__} more"}}}),
        encoding="utf-8")
    with pytest.raises(TemplateError):
        load_labels((tmp_path,), "en")


# (module, function, adversarial input as Python): each finishes in milliseconds when its
# patterns are linear; a quadratic one needs many minutes on these sizes.
ADVERSARIAL = [
    ("factsheet.pdf.write", "max_pages", "'<body ' * 200_000"),
]


@pytest.mark.parametrize(("module", "func", "text"), ADVERSARIAL)
def test_patterns_reading_user_input_are_linear(module: str, func: str, text: str) -> None:
    """A hang guard, not a timing: the quadratic `<body[^>]*` took 25 s at 120 KB."""
    import subprocess
    import sys

    code = f"import {module} as m; m.{func}({text})"
    done = subprocess.run([sys.executable, "-c", code], timeout=120, capture_output=True)
    assert done.returncode == 0, done.stderr
