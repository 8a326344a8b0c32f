"""Packaging: the lock is what is installed, every import is declared, the wheel builds clean."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from helpers import RENDER, ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# `make test-latest` runs the suite on the newest versions the ranges allow, not the lock's.
LATEST = os.environ.get("FACTSHEET_LATEST") == "1"


def _lock_pins() -> dict[str, str]:
    """The lock's exact versions for this interpreter and platform (markers evaluated)."""
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if not line or line[0] in " #-":
            continue
        requirement = Requirement(line.rstrip(" \\"))
        if requirement.marker is None or requirement.marker.evaluate():
            (spec,) = requirement.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def _installed() -> dict[str, str]:
    """Every distribution in this environment but the project itself and the installer."""
    found = {canonicalize_name(d.metadata["Name"]): d.version
             for d in importlib.metadata.distributions()}
    for name in ("factsheet", "pip"):
        found.pop(name, None)
    return found


@pytest.mark.skipif(LATEST, reason="make test-latest installs the newest versions on purpose")
def test_the_environment_is_exactly_the_lock() -> None:
    """`make` installs the lock and nothing else: `pip freeze` equals the lock's pins."""
    assert _installed() == _lock_pins()


def test_the_lock_covers_every_declared_dependency() -> None:
    """A dependency added to pyproject without `make lock` fails here, not on a fresh clone."""
    declared = [*PYPROJECT["project"]["dependencies"],
                *PYPROJECT["project"]["optional-dependencies"]["dev"]]
    pins = _lock_pins()
    for text in declared:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is declared but not locked: run `make lock`"
        assert requirement.specifier.contains(pins[name]), (name, pins[name])


def _top_level_imports(folder: Path) -> dict[str, str]:
    """Each top-level package imported anywhere under `folder`, with one place that does."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_imported_package_is_declared() -> None:
    """The package imports only the stdlib, itself and what pyproject declares."""
    declared = {canonicalize_name(Requirement(text).name)
                for text in PYPROJECT["project"]["dependencies"]}
    owners = importlib.metadata.packages_distributions()
    undeclared = []
    for module, where in _top_level_imports(ROOT / "factsheet").items():
        if module in sys.stdlib_module_names or module == "factsheet":
            continue
        distributions = {canonicalize_name(d) for d in owners.get(module, [module])}
        if not distributions & declared:
            undeclared.append(f"{module} ({where})")
    assert undeclared == []


def test_the_import_scan_sees_a_stray_import(tmp_path: Path) -> None:
    """The scan above can fail: a nested `from x.y import z` is found."""
    (tmp_path / "m.py").write_text("def f():\n    from pydyf.x import y\n", encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert _top_level_imports(tmp_path) == {"pydyf": "m.py:2"}
    finally:
        ROOT = saved


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A wheel and an sdist built offline from a copy of the sources, and the build's output."""
    # Built from a copy: setuptools writes build/ and *.egg-info beside the sources.
    src = tmp_path_factory.mktemp("src")
    for name in ("factsheet", "templates"):
        shutil.copytree(ROOT / name, src / name, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    out = src.parent / "dist"
    # Byte-compiling is part of a normal build: a shell that turns it off must not warn.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir",
                           str(out), str(src)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return out, done.stdout + done.stderr


@pytest.mark.slow
def test_the_build_prints_no_warning(dist: tuple[Path, str]) -> None:
    """`python -m build` is clean: no deprecation, no package left out of the configuration."""
    warnings = [line for line in dist[1].splitlines() if re.search(r"warn|deprecat", line, re.I)]
    assert warnings == []


@pytest.mark.slow
def test_twine_accepts_the_distributions(dist: tuple[Path, str]) -> None:
    """The metadata (licence, readme, classifiers) passes PyPI's own checks."""
    files = sorted(map(str, dist[0].iterdir()))
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *files],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_the_wheel_holds_every_package_and_the_templates(dist: tuple[Path, str]) -> None:
    """Packages are found, not listed: every package and every template file is shipped."""
    import zipfile

    (wheel,) = dist[0].glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for init in (ROOT / "factsheet").rglob("__init__.py"):
        assert str(init.relative_to(ROOT)) in names
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            assert f"factsheet/templates/{path.relative_to(ROOT / 'templates')}" in names
    assert "factsheet-0.1.0.dist-info/licenses/LICENSE" in names


@pytest.mark.slow
def test_a_non_editable_install_builds_a_sheet(dist: tuple[Path, str], tmp_path: Path) -> None:
    """Install the wheel into a fresh venv and build a fixture sheet with its PDF."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    # The dependencies come from this venv's site-packages (a plain path: its .pth files,
    # among them the editable install of factsheet, are not processed).
    Path(purelib, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", *map(str, dist[0].glob("*.whl"))],
                   check=True, capture_output=True)
    work = tmp_path / "work"
    shutil.copytree(RENDER / "ranges", work / "facts" / "ranges")
    done = subprocess.run([str(venv / "bin" / "factsheet"), "build", "facts", "--out", "out",
                           "-j", "1"], cwd=work, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (work / "out").glob("ranges.*")) == [
        "ranges.html", "ranges.json", "ranges.pdf"]
    where = subprocess.run([str(python), "-c", "import factsheet; print(factsheet.__file__)"],
                           cwd=work, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(venv))
