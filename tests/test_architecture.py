"""The package's shape: WeasyPrint through its public API only, and the import contracts."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

PACKAGE = ROOT / "factsheet"
PRIVATE_LIBS = ("weasyprint", "pydyf")


def _private_uses(source: str) -> list[str]:
    """Private names of WeasyPrint (or pydyf) a module imports or reads off an object."""
    tree = ast.parse(source)
    found: list[str] = []
    uses_lib = False
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PRIVATE_LIBS):
            uses_lib = True
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
            if any(part.startswith("_") for part in (node.module or "").split(".")):
                found.append(node.module or "")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(PRIVATE_LIBS):
                    uses_lib = True
                    if any(part.startswith("_") for part in alias.name.split(".")):
                        found.append(alias.name)
    if uses_lib:
        # In a module that holds WeasyPrint objects, reading `x._name` off anything but our
        # own `self` is reaching into the library (Page._page_box, Document._build_...).
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
                continue
            ours = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            if not node.attr.startswith("__") and not ours:
                found.append(f"line {node.lineno}: .{node.attr}")
    return found


@pytest.mark.parametrize("source, expected", [
    ("from weasyprint.pdf.tags import _build_box_tree\n", ["weasyprint.pdf.tags._build_box_tree"]),
    ("import weasyprint\nbox = doc.pages[0]._page_box\n", ["line 2: ._page_box"]),
    ("from weasyprint import HTML\nHTML(string='')._build_layout_context()\n",
     ["line 2: ._build_layout_context"]),
    ("from weasyprint._private import x\n", ["weasyprint._private"]),
    # Controls: public names, and private names of our own objects or of other libraries.
    ("from weasyprint import HTML\nclass A:\n    def f(self):\n        return self._x\n", []),
    ("import logging\nlogging.getLogger()._cache\n", []),
])
def test_the_private_name_scan_sees_what_it_must(source: str, expected: list[str]) -> None:
    assert _private_uses(source) == expected


def test_no_module_uses_a_private_weasyprint_name() -> None:
    found = {str(p.relative_to(ROOT)): uses for p in sorted(PACKAGE.rglob("*.py"))
             if (uses := _private_uses(p.read_text(encoding="utf-8")))}
    assert found == {}


@pytest.mark.skipif(shutil.which("lint-imports", path=str(Path(sys.executable).parent)) is None,
                    reason="import-linter not installed")
def test_the_import_contracts_hold() -> None:
    """Layers in data-flow order, no cycles, WeasyPrint only in pdf/ (pyproject.toml)."""
    done = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
