"""`factsheet archive`: fetched from a local server only; every failure is a coded error."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from conftest import CLI

from factsheet.check.archive import read_archive
from factsheet.desk.fetch import fetch_page
from factsheet.desk.scaffold import new_sheet
from factsheet.errors import FetchError

ARTICLE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Floods close the bridge | The Gazette</title>
<meta property="og:site_name" content="The Gazette">
<meta property="og:title" content="Floods close the old bridge">
<meta property="article:published_time" content="2022-01-07T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> Most read: Markets fall again</nav>
<article>
<h1>Floods close the old bridge</h1>
<p>The river rose two metres overnight and the council closed the old bridge on Friday
morning, the mayor said.</p>
<p>“We will not reopen it until engineers have checked every pillar,” the mayor told
reporters outside the town hall, where sandbags were being handed out to residents.</p>
<p>About 40 homes in the lower town were evacuated, according to the fire service, which
said nobody had been hurt and that the water was expected to fall by Sunday.</p>
</article>
<footer>Copyright The Gazette. Subscribe for more news.</footer>
</body></html>
"""


class Pages(BaseHTTPRequestHandler):
    """Saved pages and misbehaving responses, by path."""

    def do_GET(self) -> None:
        """Answer by path; every loop here is bounded by the client's limits."""
        path = self.path
        if path == "/article":
            self._send(200, "text/html; charset=utf-8", ARTICLE.encode())
        elif path == "/cp1252":
            page = ARTICLE.replace("utf-8", "windows-1252").replace("town hall", "café")
            self._send(200, "text/html; charset=windows-1252", page.encode("cp1252"))
        elif path == "/moved":
            self._redirect("/article")
        elif path.startswith("/loop"):
            self._redirect("/loop-b" if path == "/loop-a" else "/loop-a")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.7\n")
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(11 * 1024 * 1024))
            self.end_headers()
        elif path == "/huge-streamed":
            # No length: the client must count and stop; we stop after 12 MB at the latest.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            for _ in range(12 * 16):
                try:
                    self.wfile.write(chunk)
                except OSError:
                    return
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/html", b"<p>late</p>")
        elif path == "/empty":
            self._send(200, "text/html", b"<html><body></body></html>")
        else:
            self._send(404, "text/plain", b"no such page")

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class QuietServer(ThreadingHTTPServer):
    """Clients that give up (the timeout and size tests) are expected: no traceback, which
    would otherwise land in whatever test's stderr runs when the write fails."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A loopback server of saved pages; its base address."""
    server = QuietServer(("127.0.0.1", 0), Pages)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new sheet made by `factsheet new`, in a temporary working directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.delenv("http_proxy", raising=False)
    new_sheet(Path("facts"), "floods", title="Floods", as_of="2022-01-07")
    return Path("facts") / "floods"


@pytest.mark.parametrize(("path", "code", "message"), [
    ("/loop-a", "FS711", "{base}/loop-a: more than 5 redirects"),
    ("/report.pdf", "FS713", "{base}/report.pdf: the response is `application/pdf`, not an "
     "HTML page"),
    ("/huge-declared", "FS714", "{base}/huge-declared: the page is larger than 10 MB; "
     "stopped reading"),
    ("/huge-streamed", "FS714", "{base}/huge-streamed: the page is larger than 10 MB; "
     "stopped reading"),
    ("/missing", "FS712", "{base}/missing: the server answered 404 Not Found"),
    ("/to-file", "FS710", "file:///etc/passwd: only http and https addresses can be archived"),
    ("/empty", "FS717", "{base}/empty: no article text found in the page"),
])
def test_each_failure_is_a_coded_error(cli: CLI, site: str, sheet: Path, path: str,
                                       code: str, message: str) -> None:
    """The error names the address and the rule; nothing is saved or edited. Only a bad
    address is a usage error (2); what the network or the page did exits 1."""
    before = (sheet / "sources.yaml").read_bytes()
    run = cli("archive", site + path, "--sheet", "floods", "--add")
    assert run.status == (2 if code == "FS710" else 1)
    assert run.err.startswith(f"factsheet: error[{code}]: " + message.format(base=site))
    assert not (sheet / "archive").exists()
    assert (sheet / "sources.yaml").read_bytes() == before


def test_not_http_is_refused_before_any_request(cli: CLI, sheet: Path) -> None:
    """file:, ftp: and the like are refused outright."""
    run = cli("archive", "file:///etc/passwd", "--sheet", "floods")
    assert run.err == ("factsheet: error[FS710]: file:///etc/passwd: only http and https "
                       "addresses can be archived; give the article's http(s) address\n")


def test_unreachable_and_slow(site: str) -> None:
    """A closed port and a server slower than the timeout are their own errors."""
    with pytest.raises(FetchError) as refused:
        fetch_page("http://127.0.0.1:9/")
    assert refused.value.code == "FS716"
    with pytest.raises(FetchError) as slow:
        fetch_page(site + "/slow", timeout=0.3)
    assert slow.value.code == "FS715"
    assert slow.value.message.startswith(f"{site}/slow: no answer within 0.3 seconds")


def test_round_trip_archive_cite_check(cli: CLI, site: str, sheet: Path) -> None:
    """archive --add saves the copy and the entry; a fact citing it is verified by check."""
    run = cli("archive", site + "/moved", "--sheet", "floods", "--add")
    assert run.status == 0, run.err
    assert run.lines[:2] == ["saved facts/floods/archive/the-gazette-2022-01-07.html",
                             "added source `the-gazette-2022-01-07` to "
                             "facts/floods/sources.yaml:"]
    text = (sheet / "sources.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=")  # comments kept
    assert "    publisher: \"TODO: the outlet" in text  # the placeholder entry is untouched
    [entry] = [e for e in yaml.safe_load(text)["sources"] if e["id"] != "first-source"]
    digest = entry.pop("archive_sha256")
    assert entry == {"id": "the-gazette-2022-01-07", "publisher": "The Gazette",
                     "title": "Floods close the old bridge", "url": site + "/article",
                     "published": dt.date(2022, 1, 7),
                     "accessed": entry["accessed"], "lang": "en-GB"}
    assert len(digest) == 64
    (sheet / "events.yaml").write_text(
        "events:\n  - id: bridge-closed\n    date: 2022-01-07\n"
        "    text: The council closed the old bridge.\n    cite:\n"
        "      - source: the-gazette-2022-01-07\n"
        "        says: the council closed the old bridge on Friday morning\n")
    assert cli("validate", "facts/floods").status == 0  # the entry as written is valid
    run = cli("check", "facts/floods")
    assert run.status == 0, run.out
    assert run.lines[0].startswith("facts/floods/events.yaml:7:15: verified: "
                                   "events[0].cite[0].says: found in "
                                   "facts/floods/archive/the-gazette-2022-01-07.html")
    assert not (sheet / "archive" / "the-gazette-2022-01-07.txt").exists()
    # The recorded hash is exactly what archive-hash computes from the saved copy.
    assert f"unchanged: the-gazette-2022-01-07: archive_sha256 {digest}" in \
        cli("archive-hash", "facts/floods").out


def test_without_add_prints_the_entry_and_an_existing_id_gets_its_hash(
        cli: CLI, site: str, sheet: Path) -> None:
    """No --add: nothing edited for a new id; an existing id records its archive_sha256."""
    before = (sheet / "sources.yaml").read_text()
    run = cli("archive", site + "/article", "--sheet", "floods")
    assert run.status == 0
    assert "the source entry (append it under `sources:`, or rerun with --add):" in run.lines
    assert "  - id: the-gazette-2022-01-07" in run.lines
    assert (sheet / "sources.yaml").read_text() == before
    run = cli("archive", site + "/article", "--sheet", "floods", "--id", "first-source")
    assert run.status == 0, run.err
    after = (sheet / "sources.yaml").read_text()
    kept = [line for line in after.splitlines(keepends=True) if "archive_sha256" not in line]
    assert after.count("    archive_sha256: ") == 1 and "".join(kept) == before
    run = cli("archive", site + "/article", "--sheet", "floods", "--id", "first-source",
              "--add")
    assert (run.status, run.err.split(":")[1]) == (2, " error[FS718]")


def test_add_to_an_empty_list(cli: CLI, site: str, sheet: Path) -> None:
    """`sources: []` becomes a block list holding the new entry."""
    (sheet / "sources.yaml").write_text("# mine\nsources: []  # none yet\n")
    run = cli("archive", site + "/article", "--sheet", "floods", "--add")
    assert run.status == 0, run.err
    text = (sheet / "sources.yaml").read_text()
    assert text.startswith("# mine\nsources:  # none yet\n  - id: the-gazette-2022-01-07\n")


def test_page_in_its_declared_charset(cli: CLI, site: str, sheet: Path) -> None:
    """A page in windows-1252 is saved as sent, and the check reads it in that charset."""
    run = cli("archive", site + "/cp1252", "--sheet", "floods", "--id", "gazette")
    assert run.status == 0, run.err
    assert not (sheet / "archive" / "gazette.txt").exists()  # no extractor's text beside it
    assert b"caf\xe9" in (sheet / "archive" / "gazette.html").read_bytes()
    copy = read_archive("gazette", sheet / "archive" / "gazette.html")
    assert "outside the café" in copy.normal.text


def test_a_sheet_that_does_not_load_is_not_fetched_for(cli: CLI, site: str,
                                                       sheet: Path) -> None:
    """Broken YAML: its errors are reported and nothing is fetched or saved."""
    (sheet / "sources.yaml").write_text("sources: [\n")
    run = cli("archive", site + "/article", "--sheet", "floods", "--add")
    assert run.status == 1
    assert run.lines[0].startswith("facts/floods/sources.yaml:2:1: error[")
    assert not (sheet / "archive").exists()
    assert cli("archive", site + "/article", "--sheet", "nothing").err.startswith(
        "factsheet: error[FS001]: facts/nothing: no such folder")
