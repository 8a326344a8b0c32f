"""Every shell example in README.md and docs/ runs, and the output a page shows is the output.

Blocks fenced as `sh` run line by line and must succeed. Blocks fenced as `console` hold
`$ command` lines, each followed by the output it must print (stdout and stderr as one
stream); `...` in an expected line matches any text. Each page's examples run in order in
one scratch copy of the repository's sheets, so a page can build on its earlier steps.
Three things cannot run inside a test and are stood in for: `make TARGET` runs as `make -n`
(the target and its recipe must exist); `https://example.com/...` is served from loopback;
`factsheet serve` must start and print its address, then is stopped.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(sh|console)[^\n]*\n(.*?)^```", re.S | re.M)
ARTICLE = ("<!doctype html><html lang=en><head><title>Unrest</title></head><body><article>"
           "<h1>Unrest in the capital</h1><p>Officials said 18 people were detained on "
           "Wednesday.</p></article></body></html>")
COPIED = ("facts", "templates", "editions", "bench", "schema", "Makefile", "pyproject.toml",
          "requirements.lock")


def examples(page: Path) -> list[tuple[str, str, list[str]]]:
    """The page's shell examples: (command, kind, expected output lines), in order."""
    found: list[tuple[str, str, list[str]]] = []
    for kind, body in FENCE.findall(page.read_text(encoding="utf-8")):
        if kind == "sh":
            found += [(line.split("  #")[0].strip(), "sh", []) for line in body.splitlines()
                      if line.strip() and not line.lstrip().startswith("#")]
            continue
        for line in body.splitlines():
            if line.startswith("$ "):
                found.append((line[2:].strip(), "console", []))
            elif found:
                found[-1][2].append(line.rstrip())
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, with `...` matching any text within a line."""
    if len(expected) != len(actual):
        return False
    return all(re.fullmatch(".*".join(map(re.escape, want.split("..."))), got)
               for want, got in zip(expected, actual, strict=True))


@pytest.fixture(scope="module")
def loopback() -> Iterator[str]:
    """A loopback web server standing in for https://example.com/ (tests have no network)."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = ARTICLE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _scratch(tmp: Path) -> Path:
    """A copy of the repository's sheets and tools, with an empty archive beside it."""
    work = tmp / "repo"
    work.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, work / name)
    (work / ".venv").symlink_to(Path(sys.prefix))
    (work / "tests" / "tools").mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(ROOT / "tests" / "tools" / name, work / "tests" / "tools" / name)
    (tmp / "shared" / "archive" / "kazakhstan-2022-01").mkdir(parents=True)
    return work


def _serve(command: str, work: Path, env: dict[str, str]) -> str:
    """Start `factsheet serve` on a free port, wait for its address, stop it."""
    process = subprocess.Popen(["bash", "-c", f"exec {command} --port 0"], cwd=work, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        return line
    finally:
        process.terminate()
        process.wait(timeout=10)


def run(command: str, work: Path, env: dict[str, str], url: str) -> tuple[int, str]:
    """Run one documented command the way a reader would type it, standing in where needed."""
    command = command.replace("https://example.com/", url)
    if command.startswith("make "):
        command = "make -n " + command[len("make "):]
    if command.startswith("factsheet serve"):
        return 0, _serve(command, work, env)
    done = subprocess.run(["bash", "-c", command], cwd=work, env=env, capture_output=True,
                          text=True, timeout=300)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_shell_example_runs_and_prints_what_the_page_shows(
        page: Path, tmp_path: Path, loopback: str) -> None:
    """Each command exits 0 (sh) or prints exactly the shown output (console)."""
    found = examples(page)
    if not found:
        pytest.skip("no shell examples on this page")
    work = _scratch(tmp_path)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "EDITOR": "true", "COLUMNS": "100", "NO_COLOR": "1"}
    for command, kind, expected in found:
        status, output = run(command, work, env, loopback)
        if kind == "sh":
            assert status == 0, f"{page.name}: `{command}` exited {status}:\n{output}"
        else:
            actual = [line.rstrip() for line in output.rstrip("\n").splitlines()]
            assert matches(expected, actual), (
                f"{page.name}: `{command}` printed\n" + "\n".join(actual)
                + "\nbut the page shows\n" + "\n".join(expected))


def test_the_example_reader_finds_both_kinds() -> None:
    """The reader can fail: sh lines, console commands and their output are all found."""
    page = ("```sh\nmake sheet   # note\n# a comment\n```\n"
            "```console\n$ factsheet validate\nfacts/x: valid: ...\n```\n")
    path = Path(os.devnull)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "read_text", lambda self, encoding=None: page)
        assert examples(path) == [("make sheet", "sh", []),
                                  ("factsheet validate", "console", ["facts/x: valid: ..."])]
    assert matches(["a ... z"], ["a anything z"]) and not matches(["a ... z"], ["a y"])


def test_the_command_reference_is_generated_from_the_parser() -> None:
    """docs/commands.md is exactly what the parser says (run `make docs` after a change)."""
    from factsheet.cli import command_reference

    assert (ROOT / "docs" / "commands.md").read_text(encoding="utf-8") == command_reference()


@functools.cache
def _documented_commands() -> set[str]:
    text = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    return set(re.findall(r"^## `factsheet ([a-z-]+)`", text, re.M))


def test_the_reference_lists_every_command() -> None:
    """Every command the CLI offers has its section."""
    from factsheet.cli import COMMANDS

    assert _documented_commands() == set(COMMANDS)
