"""The preview's HTTP server: a fixed set of routes, nothing else (no files, no listings)."""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from factsheet.serve.page import EVENTS, PDF_VIEW, pdf_view, served
from factsheet.serve.preview import Preview

KEEPALIVE = 10.0  # seconds between comments on an idle event stream (and stop checks)


class PreviewServer(ThreadingHTTPServer):
    """One preview per server; request threads never keep the process alive."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], preview: Preview) -> None:
        super().__init__(address, Handler)
        self.preview = preview

    @property
    def url(self) -> str:
        """The address to open, with the port actually bound (port 0 picks a free one)."""
        host, port = self.socket.getsockname()[:2]
        shown = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port}/"


class Handler(BaseHTTPRequestHandler):
    """Answers only the routes below: the page, the PDF, its viewer and the event stream."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def routes(self) -> dict[str, Callable[[], None]]:
        """Each path served, matched exactly on the raw path: `..` or `%2e%2e` match nothing."""
        slug = self.server.preview.slug
        return {"/": self.page, f"/{slug}.html": self.page, f"/{slug}.pdf": self.pdf,
                PDF_VIEW: self.pdf_page, EVENTS: self.events}

    def do_GET(self) -> None:
        """Serve a known route, or 404."""
        handler = self.routes().get(urlsplit(self.path).path)
        if not self.host_allowed():
            self.send(403, "text/plain; charset=utf-8", b"this preview answers to "
                      b"localhost and 127.0.0.1 only\n")
        elif handler is None:
            self.send(404, "text/plain; charset=utf-8", b"not found\n")
        else:
            handler()

    def host_allowed(self) -> bool:
        """On loopback, refuse other Host names: a web page cannot rebind its DNS to us."""
        bound = str(self.server.socket.getsockname()[0])
        if not ipaddress.ip_address(bound).is_loopback:
            return True  # --host chose to be reachable by other names
        host = urlsplit("//" + (self.headers.get("Host") or "")).hostname or ""
        return host in {"localhost", "127.0.0.1", "::1", bound}

    def send(self, status: int, kind: str, body: bytes) -> None:
        """One complete response, never cached (the page changes on every save)."""
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def page(self) -> None:
        """The sheet's HTML with the overlay (when it has problems) and the reload script."""
        built = self.server.preview.built
        body = served(built.html, built.generation, built.problems, built.warnings)
        self.send(200, "text/html; charset=utf-8", body.encode())

    def pdf_page(self) -> None:
        """The PDF in a page that refreshes like the HTML page."""
        built = self.server.preview.built
        body = pdf_view(self.server.preview.slug, built.generation, built.problems)
        self.send(200, "text/html; charset=utf-8", body.encode())

    def pdf(self) -> None:
        """The last good PDF; 503 while the sheet has never built."""
        data = self.server.preview.pdf()
        if data is None:
            self.send(503, "text/plain; charset=utf-8", b"the sheet has no good build yet\n")
        else:
            self.send(200, "application/pdf", data)

    def events(self) -> None:
        """Server-sent events: the build generation now, then after every rebuild."""
        preview = self.server.preview
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        seen = -1
        with contextlib.suppress(OSError):  # the page was closed or reloaded
            while not preview.stopping:
                now = preview.built.generation if seen < 0 else preview.wait(seen, KEEPALIVE)
                message = f"event: build\ndata: {now}\n\n" if now != seen else ": idle\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                seen = now

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: serve prints its own lines (each rebuild), not one per request."""
