"""Cold start: each command imports only what its path needs (checked in fresh interpreters)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import ROOT

HEAVY = ("weasyprint", "jinja2", "pydantic", "yaml", "babel", "rapidfuzz", "trafilatura",
         "cssselect2", "tinyhtml5", "markdown_it")


def _imported(*argv: str) -> set[str]:
    code = ("import contextlib, io, sys\n"
            "from factsheet.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), "
            "contextlib.redirect_stderr(io.StringIO()):\n"
            "    try:\n"
            f"        main({list(argv)!r})\n"
            "    except SystemExit:\n"
            "        pass\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return set(out.split()) & set(HEAVY)


def test_version_imports_none_of_the_heavy_libraries() -> None:
    assert _imported("--version") == set()


def test_validate_imports_neither_weasyprint_nor_jinja() -> None:
    assert _imported("validate", "facts/kazakhstan-2022-01") == {"pydantic", "yaml", "babel"}


def test_an_html_build_does_not_import_weasyprint(tmp_path: Path) -> None:
    found = _imported("build", "facts/kazakhstan-2022-01", "--out", str(tmp_path), "--to", "html")
    assert "weasyprint" not in found and "jinja2" in found
    assert "rapidfuzz" not in found  # the fuzzy matcher is for explaining a missed quote
    # With no archived copy to read, the HTML parser and CSS cascade of the check stay out.
    assert not found & {"cssselect2", "tinyhtml5", "markdown_it"}
