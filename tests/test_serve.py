"""`factsheet serve`: fixed routes only, an overlay for every problem, script-free builds."""

from __future__ import annotations

import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CLI
from helpers import EXAMPLE, TOOLS
from test_check import EVENTS, make_sheet

from factsheet.builder.options import BuildOptions
from factsheet.serve.session import Session
from factsheet.serve.watcher import roots

SLUG = EXAMPLE.name


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example sheet in a temporary working directory."""
    shutil.copytree(EXAMPLE, tmp_path / "facts" / SLUG)
    monkeypatch.chdir(tmp_path)
    return Path("facts") / SLUG


@pytest.fixture
def session(example: Path) -> Iterator[Session]:
    """A preview of the example on a free loopback port, closed after the test."""
    started = Session(example, BuildOptions(formats=("html",)), port=0,
                      stream=io.StringIO()).serve_in_background()
    yield started
    started.close()


def get(session: Session, path: str, host_header: str | None = None,
        ) -> tuple[int, str, bytes]:
    """GET a raw request target (sent exactly as written: no normalising of `..`)."""
    host, port = session.server.socket.getsockname()[:2]
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.putrequest("GET", path, skip_host=host_header is not None,
                    skip_accept_encoding=True)
    if host_header is not None:
        conn.putheader("Host", host_header)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, response.getheader("Content-Type") or "", body


def test_page_is_the_built_html_plus_the_reload_script(session: Session) -> None:
    """`/` is the sheet's page with the script; the build's own HTML stays script-free."""
    status, kind, body = get(session, "/")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    page = body.decode()
    assert '<html data-factsheet-generation="1"' in page
    assert page.count("<script") == 1 and 'new EventSource("/__factsheet/events")' in page
    assert "factsheet-overlay" not in page
    built = session.preview.built.html
    assert built is not None and "<script" not in built
    assert get(session, f"/{SLUG}.html")[2] == body


@pytest.mark.slow
def test_pdf_is_served_at_slug_pdf(session: Session) -> None:
    """The PDF is rendered in the serving process and served at /<slug>.pdf."""
    status, kind, body = get(session, f"/{SLUG}.pdf")
    assert (status, kind) == (200, "application/pdf")
    assert body.startswith(b"%PDF-")
    assert get(session, f"/{SLUG}.pdf")[2] == body  # one render per good build
    status, _, viewer = get(session, "/pdf")
    assert status == 200 and f'src="/{SLUG}.pdf?g=1"'.encode() in viewer


@pytest.mark.parametrize("target", [
    "/..", "/../facts/kazakhstan-2022-01/sheet.yaml", "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2Fetc%2Fpasswd", "//etc/passwd", "/etc/passwd", "/facts/", "/facts",
    f"/facts/{SLUG}/sheet.yaml", f"/{SLUG}.json", "/build/", "/./", "/index.html",
    "http://127.0.0.1/../etc/passwd", f"/{SLUG}.pdf/..",
])
def test_nothing_else_is_served(session: Session, target: str) -> None:
    """No listing, no source file, no path outside: every other target is a plain 404."""
    status, kind, body = get(session, target)
    assert (status, kind, body) == (404, "text/plain; charset=utf-8", b"not found\n")


def test_invalid_edit_keeps_the_last_good_page_under_an_overlay(session: Session,
                                                               example: Path) -> None:
    """Every problem is listed with file:line:col and hint; fixing the file removes it."""
    figures = example / "figures.yaml"
    good = figures.read_text()
    figures.write_text(good.replace("    value: 18\n", "    value: -18\n", 1)
                       .replace("    measure: killed\n", "    measure: kiled\n", 1))
    built = session.preview.rebuild()
    assert [d.code for d in built.problems] == ["FS202", "FS207"]
    page = get(session, "/")[2].decode()
    assert "2 problems in the sheet: showing the last good build below" in page
    places = re.findall(r'<code class="place">([^<]*)</code>', page)
    assert places == [f"{figures}:{d.line}:{d.column}" for d in built.problems]
    broken = figures.read_text().splitlines()
    assert broken[built.problems[0].line - 1] == "    measure: kiled"
    assert all(f'<span class="hint">{d.hint}' in page.replace("&#x27;", "'")
               for d in built.problems)
    assert "Security forces killed" in page  # the last good page is still there
    figures.write_text(good)
    session.preview.rebuild()
    assert "factsheet-overlay" not in get(session, "/")[2].decode()


def test_broken_yaml_before_any_good_build(example: Path) -> None:
    """A sheet that never built shows the overlay alone, and no PDF."""
    (example / "sheet.yaml").write_text("sheet: [\n")
    session = Session(example, BuildOptions(formats=("html",)), port=0,
                      stream=io.StringIO()).serve_in_background()
    try:
        page = get(session, "/")[2].decode()
        assert "no good build yet" in page and f"{example}/sheet.yaml:2:1" in page
        assert get(session, f"/{SLUG}.pdf")[0] == 503
    finally:
        session.close()


def test_failed_check_is_in_the_overlay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An excerpt missing from its archived copy stops the build and shows in the overlay."""
    monkeypatch.chdir(tmp_path)
    folder = make_sheet(tmp_path, events=EVENTS.replace("the mayor said", "The mayor said"))
    session = Session(Path("storm"), BuildOptions(formats=("html",)), port=0,
                      stream=io.StringIO()).serve_in_background()
    try:
        assert session.preview.built.problems == []
        (folder / "events.yaml").write_text(EVENTS.replace("the mayor said", "the mayor sad"))
        built = session.preview.rebuild()
        assert [d.code for d in built.problems] == ["FS401"]
        page = get(session, "/")[2].decode()
        assert "storm/events.yaml:7:15" in page and "[FS401]" in page
    finally:
        session.close()


@pytest.mark.slow
def test_a_save_rebuilds_and_notifies(session: Session, example: Path) -> None:
    """The watcher sees a save to an input and bumps the generation the pages listen for."""
    assert Path(example).resolve() in roots(session.preview.record)
    assert session.watching.wait(timeout=20)
    figures = example / "figures.yaml"
    figures.write_text(figures.read_text().replace("    value: 18\n", "    value: 19\n", 1))
    # write_text truncates, then writes: the watcher may build the half-written file first
    # (a failed build, generation 2) and the whole one next. Wait for the page to say 19.
    deadline = time.monotonic() + 20
    generation, page = 1, ""
    while ">19<" not in page and time.monotonic() < deadline:
        generation = session.preview.wait(generation, timeout=1)
        page = get(session, "/")[2].decode()
    assert generation >= 2
    assert ">19<" in page


def test_events_stream_starts_with_the_generation(session: Session) -> None:
    """A page connecting to the event stream learns the current build at once."""
    host, port = session.server.socket.getsockname()[:2]
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(b"GET /__factsheet/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        data = b""
        while b"\n\n" not in data.split(b"\r\n\r\n", 1)[-1]:
            data += sock.recv(4096)
    head, body = data.split(b"\r\n\r\n", 1)
    assert b"Content-Type: text/event-stream" in head
    assert body == b"event: build\ndata: 1\n\n"


def test_one_sheet_only(cli: CLI, example: Path) -> None:
    """A folder of several sheets is a usage error that names one to choose."""
    shutil.copytree(example, Path("facts") / "other")
    run = cli("serve")
    assert (run.status, run.err) == (2, "factsheet: error[FS721]: facts holds 2 sheets; the "
                                        f"preview shows one; name one sheet folder, e.g. "
                                        f"facts/{SLUG}\n")


def test_port_in_use(cli: CLI, example: Path) -> None:
    """A port already taken is a coded usage error, not a traceback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = cli("serve", str(example), "--port", str(port))
    assert run.status == 2
    assert run.err.endswith(f"factsheet: error[FS720]: cannot listen on 127.0.0.1:{port}: "
                            "Address already in use; choose another --port, or stop the "
                            "program using it\n")


@pytest.mark.slow
def test_ctrl_c_exits_cleanly(example: Path) -> None:
    """SIGINT stops the server and the watcher: exit 0, no traceback."""
    # A job started in the background of a non-interactive shell inherits SIGINT ignored,
    # and Python then keeps ignoring it: give the server the default, as a terminal would.
    proc = subprocess.Popen([sys.executable, "-m", "factsheet", "serve", str(example),
                             "--port", "0"], stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if line.startswith("serving "):
            break
    proc.send_signal(signal.SIGINT)
    try:
        _, rest = proc.communicate(timeout=30)
    finally:
        proc.kill()  # never leave a server behind when the test fails
    assert proc.returncode == 0, "".join(lines) + rest
    assert "Traceback" not in rest and rest.strip() == "stopping"
    assert re.match(r"serving facts/kazakhstan-2022-01 at http://127\.0\.0\.1:\d+/ ", lines[-1])




@pytest.mark.needs_tools("browser")
def test_browser_follows_edits(session: Session, example: Path, tmp_path: Path) -> None:
    """In chromium: an edited value appears without a reload; a broken file shows the
    overlay at the right file:line; the fix removes it."""
    from factsheet.validate import validate_sheet

    figures = example / "figures.yaml"
    original = figures.read_text()
    edited = original.replace("    value: 18\n", "    value: 4321\n", 1)
    # A tab in indentation: a YAML syntax error, placed by the loader.
    broken = edited.replace("    value: 4321\n", "\tvalue: 4321\n", 1)
    texts = {}
    for name, text in (("edited", edited), ("broken", broken), ("original", original)):
        texts[name] = tmp_path / f"{name}.yaml"
        texts[name].write_text(text)
    scratch = tmp_path / "scratch" / SLUG
    shutil.copytree(example, scratch)
    (scratch / "figures.yaml").write_text(broken)
    _, diags = validate_sheet(scratch)
    expected = [f"{figures}:{d.line}:{d.column}" for d in diags if d.severity == "error"]
    assert expected and all(":" in e for e in expected)
    assert session.watching.wait(timeout=20)
    run = subprocess.run(["node", str(TOOLS / "live.mjs"), session.server.url, str(figures),
                          str(texts["edited"]), str(texts["broken"]), str(texts["original"]),
                          "--expect", "4,321"],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["overlay"] == expected
    assert result["reloads"] == 0


def test_binds_loopback_by_default() -> None:
    """Without --host the preview is reachable from this computer only."""
    from factsheet.cli import _parser

    args = _parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


@pytest.mark.parametrize(("host", "status"), [
    ("evil.example", 403), ("evil.example:8000", 403), ("127.0.0.1.evil.example", 403),
    ("localhost:8000", 200), ("127.0.0.1", 200),
])
def test_other_host_names_are_refused(session: Session, host: str, status: int) -> None:
    """A page elsewhere that rebinds its name to 127.0.0.1 cannot read the preview."""
    assert get(session, "/", host_header=host)[0] == status


def test_panels_open_the_page_and_warnings_show(session: Session, example: Path) -> None:
    """Errors and warnings are panels at the top of the body, in the flow, before the title;
    a TODO placeholder is a warning the preview shows."""
    sheet = example / "sheet.yaml"
    sheet.write_text(sheet.read_text().replace(
        "  author: factsheet example desk\n", '  author: "TODO: who compiled it"\n', 1))
    built = session.preview.rebuild()
    assert [d.code for d in built.warnings] == ["FS700"] and built.problems == []
    page = get(session, "/")[2].decode()
    assert "factsheet-overlay" not in page
    body = page[page.index("<body"):]
    assert body.index('id="factsheet-warnings"') < body.index("<h1")
    assert "1 warning, 1 of them TODO placeholder: `build --strict` refuses" in page
    assert 'id="factsheet-badge" href="#factsheet-warnings"' in page
    assert "position:fixed" not in page.split('id="factsheet-warnings"')[1].split(">")[0]


def test_open_opens_the_default_browser(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """`serve --open` hands the address to the webbrowser module; no browser is said."""
    from factsheet.commands import serve

    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    serve.open_browser("http://127.0.0.1:8000/")
    assert opened == ["http://127.0.0.1:8000/"]
    monkeypatch.setattr("webbrowser.open", lambda url: False)
    serve.open_browser("http://127.0.0.1:8000/")
    assert "could not open a browser; open http://127.0.0.1:8000/ yourself" in \
        capsys.readouterr().err


@pytest.mark.needs_tools("browser")
@pytest.mark.parametrize("viewport", ["390x844", "1280x900"])
def test_error_panel_never_covers_the_title(session: Session, example: Path,
                                            viewport: str) -> None:
    """In chromium, with errors and the last good page: the title is what is at its place."""
    figures = example / "figures.yaml"
    figures.write_text(figures.read_text().replace("    value: 18\n", "    value: -18\n", 1))
    assert session.preview.rebuild().problems
    run = subprocess.run(["node", str(TOOLS / "overlay.mjs"), "--viewport", viewport,
                          session.server.url], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert found["errors"] and found["badge"] and found["titleOnTop"], found
    assert found["scrollWidth"] <= found["clientWidth"], found
