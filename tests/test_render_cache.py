"""Tests for render's bytecode cache: compiled templates reused, signed, never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from factsheet.render.sheet import _bytecode_cache


def _env(folder: Path, cache: Path) -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                                bytecode_cache=_bytecode_cache(cache))


def test_a_compiled_template_is_stored_signed_and_reused(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ 1 + 2 }} {{ name }}")
    cache = tmp_path / "proj" / ".factsheet-cache"
    cache.parent.mkdir()
    assert _env(tmp_path, cache).get_template("t.html").render(name="<a>") == "3 &lt;a&gt;"
    [entry] = list(cache.rglob("*.jinja"))
    assert (cache.parent / ".factsheet-key").is_file()  # the key lives outside the cache
    assert _env(tmp_path, cache).get_template("t.html").render(name="x") == "3 x"
    assert entry.stat().st_size > 32


def test_a_tampered_entry_is_ignored_and_recompiled(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ 6 * 7 }}")
    cache = tmp_path / "proj" / ".factsheet-cache"
    cache.parent.mkdir()
    _env(tmp_path, cache).get_template("t.html").render()
    [entry] = list(cache.rglob("*.jinja"))
    # Another template's compiled code under this template's name: the signature fails.
    (tmp_path / "u.html").write_text("{{ 'forged' }}")
    _env(tmp_path, cache).get_template("u.html").render()
    other = next(p for p in cache.rglob("*.jinja") if p != entry)
    entry.write_bytes(other.read_bytes())
    assert _env(tmp_path, cache).get_template("t.html").render() == "42"
    entry.write_bytes(b"\0" * 40)
    assert _env(tmp_path, cache).get_template("t.html").render() == "42"


def test_an_edited_template_is_recompiled(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("old")
    cache = tmp_path / "proj" / ".factsheet-cache"
    cache.parent.mkdir()
    assert _env(tmp_path, cache).get_template("t.html").render() == "old"
    (tmp_path / "t.html").write_text("new")
    assert _env(tmp_path, cache).get_template("t.html").render() == "new"


def test_no_cache_folder_means_no_cache(tmp_path: Path) -> None:
    assert _bytecode_cache(None) is None
    unwritable = tmp_path / "file"
    unwritable.write_text("")
    (tmp_path / "t.html").write_text("ok")
    # A cache folder that cannot be created costs a compile, never a failure.
    env = _env(tmp_path, unwritable / ".factsheet-cache")
    assert env.get_template("t.html").render() == "ok"
