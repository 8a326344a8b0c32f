"""Fetching an article for `factsheet archive`: bounded in time, size and redirects."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from factsheet import __version__
from factsheet.errors import FetchError, UsageError
from factsheet.rules import (
    FETCH_FAILED,
    FETCH_NOT_HTML,
    FETCH_REDIRECTS,
    FETCH_SCHEME,
    FETCH_STATUS,
    FETCH_TIMEOUT,
    FETCH_TOO_LARGE,
    Rule,
)

MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 20.0
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = f"factsheet/{__version__} (archiving a cited article)"


@dataclass(frozen=True)
class Page:
    """A fetched HTML page: the address it ended at, its bytes, and its declared charset."""

    url: str
    raw: bytes
    charset: str | None

    def text(self) -> str:
        """The page decoded: the charset the server sent, else as `check` decodes a copy."""
        from factsheet.check.archive import decode
        from factsheet.errors import ArchiveError

        for attempt in (self.charset, None):
            try:
                return self.raw.decode(attempt) if attempt else decode(Path("page.html"),
                                                                       self.raw)
            except (LookupError, UnicodeDecodeError, ArchiveError):
                continue
        return self.raw.decode("utf-8", errors="replace")  # a few bad bytes: still readable


def _refuse(which: Rule, **values: object) -> UsageError | FetchError:
    # Only a bad address is the caller's mistake (exit 2); the network's failures exit 1.
    if which is FETCH_SCHEME:
        return which.error(UsageError, **values)
    return which.error(FetchError, **values)


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise _refuse(FETCH_SCHEME, url=url)


def fetch_page(url: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS,
               ) -> Page:
    """GET an HTML page, following at most 5 http(s) redirects; stop reading at the cap."""
    import httpx

    _check_scheme(url)
    current = url
    try:
        with httpx.Client(follow_redirects=False, timeout=timeout,
                          headers={"User-Agent": USER_AGENT}) as client:
            for _ in range(MAX_REDIRECTS + 1):
                with client.stream("GET", current) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        _check_scheme(current)  # never follow to file:, ftp: ...
                        continue
                    return _read(url, current, response, max_bytes)
    except httpx.TimeoutException as exc:
        raise _refuse(FETCH_TIMEOUT, url=url, seconds=f"{timeout:g}") from exc
    except httpx.HTTPError as exc:
        raise _refuse(FETCH_FAILED, url=url, problem=str(exc) or type(exc).__name__) from exc
    raise _refuse(FETCH_REDIRECTS, url=url, limit=MAX_REDIRECTS)


def _read(asked: str, url: str, response: object, max_bytes: int) -> Page:
    """Check the status and type, then read the body in pieces up to the cap."""
    import httpx

    assert isinstance(response, httpx.Response)
    if response.status_code != 200:
        raise _refuse(FETCH_STATUS, url=url, status=response.status_code,
                      reason=response.reason_phrase)
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in HTML_TYPES:
        raise _refuse(FETCH_NOT_HTML, url=url, kind=kind or "no content type")
    limit = f"{max_bytes // (1024 * 1024)} MB" if max_bytes >= 1024 * 1024 else \
        f"{max_bytes} bytes"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _refuse(FETCH_TOO_LARGE, url=url, limit=limit)
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise _refuse(FETCH_TOO_LARGE, url=url, limit=limit)
    return Page(url, bytes(body), response.charset_encoding)
