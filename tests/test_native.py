"""Tests for native: WeasyPrint's library lookups answered from a cache, safely."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factsheet.pdf import native

LINUX = sys.platform.startswith("linux")


def test_cached_answers_must_be_what_find_library_could_return() -> None:
    assert native._plausible("gobject-2.0", "libgobject-2.0.so.0")
    assert native._plausible("libfontconfig-1", None)
    assert not native._plausible("gobject-2.0", "/tmp/evil.so")  # a path: refused
    assert not native._plausible("gobject-2.0", "libevil.so.1")  # another library: refused
    assert not native._plausible("pango-1.0", 3)


def test_a_cache_with_another_key_or_bad_entries_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / native.CACHE_NAME
    path.write_text(json.dumps({"key": "old", "found": {"pango-1.0": "libpango-1.0.so.0"}}))
    assert native._read(path, "new") == {}
    path.write_text(json.dumps({"key": "k", "found": {"pango-1.0": "../x.so",
                                                      "pango-1.0-0": None}}))
    assert native._read(path, "k") == {"pango-1.0-0": None}
    path.write_text("{not json")
    assert native._read(path, "k") == {}


@pytest.mark.slow
@pytest.mark.skipif(not LINUX, reason="the cache is used on Linux only")
def test_the_second_import_runs_no_lookup_subprocess(tmp_path: Path) -> None:
    # Count subprocesses WeasyPrint's import starts, in a fresh interpreter each time.
    code = ("import subprocess, sys\n"
            "n = []\n"
            "real = subprocess.Popen.__init__\n"
            "def spy(self, *a, **k):\n"
            "    n.append(a)\n"
            "    real(self, *a, **k)\n"
            "subprocess.Popen.__init__ = spy\n"
            "from pathlib import Path\n"
            "from factsheet.pdf.native import load_weasyprint\n"
            "load_weasyprint(Path(sys.argv[1]))\n"
            "print(len(n))\n")
    counts = [int(subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True,
                                 capture_output=True, text=True).stdout) for _ in range(2)]
    assert counts[0] > 0 and counts[1] == 0
    found = json.loads((tmp_path / native.CACHE_NAME).read_text())["found"]
    assert found["pango-1.0"].startswith("libpango-1.0.so")


@pytest.mark.skipif(not LINUX, reason="the cache is used on Linux only")
def test_wrong_cached_answers_still_import(tmp_path: Path) -> None:
    # Every name cached as "not found" or as a soname that does not exist: WeasyPrint goes on
    # to its explicit sonames, and on an OSError load_weasyprint retries the normal lookup.
    key = subprocess.run([sys.executable, "-c",
                          "from factsheet.pdf.native import _key; print(_key())"],
                         check=True, capture_output=True, text=True).stdout.strip()
    names = ["gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig", "pangoft2-1.0"]
    (tmp_path / native.CACHE_NAME).write_text(json.dumps(
        {"key": key, "found": {n: None for n in names} | {"gobject-2.0": "libgobject-2.0.so.99"}}))
    code = ("import sys; from pathlib import Path\n"
            "from factsheet.pdf.native import load_weasyprint\n"
            "print(load_weasyprint(Path(sys.argv[1])).__name__)\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True,
                         capture_output=True, text=True).stdout
    assert out.strip() == "weasyprint"
