"""One preview session: build, listen, watch; and stop cleanly (Ctrl-C, or a test's close)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from factsheet.builder.options import BuildOptions
from factsheet.errors import UsageError, display_path
from factsheet.report import count_summary
from factsheet.rules import SERVE_CANNOT_LISTEN
from factsheet.serve.preview import Built, Preview
from factsheet.serve.server import PreviewServer
from factsheet.serve.watcher import watch


def describe(built: Built) -> list[str]:
    """The lines a rebuild prints: its outcome, then each problem as in `validate`."""
    found = count_summary(built.problems + built.warnings)
    state = (f"{len(built.problems)} problem(s): the page shows them" if built.problems
             else "ok" + (f" ({found})" if found else ""))
    return [f"build {built.generation} in {built.seconds:.2f} s: {state}",
            *(d.render() for d in built.problems)]


class Session:
    """A preview server and its watcher, started together and stopped together."""

    def __init__(self, folder: Path, options: BuildOptions, host: str = "127.0.0.1",
                 port: int = 8000, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.preview = Preview(folder, options)
        self.say(*describe(self.preview.rebuild()))
        try:
            self.server = PreviewServer((host, port), self.preview)
        except OSError as exc:
            raise SERVE_CANNOT_LISTEN.error(UsageError, host=host, port=port,
                                                    problem=exc.strerror or exc) from exc
        self.serving: threading.Thread | None = None
        self.stop_watching = threading.Event()
        self.watching = threading.Event()  # set once the file events are being received
        self.watcher = threading.Thread(target=watch, name="factsheet-watch", daemon=True,
                                        args=(self.preview, self.stop_watching, self.rebuilt,
                                              self.watching))
        self.watcher.start()
        slug = self.preview.slug
        self.say(f"serving {display_path(folder)} at {self.server.url} (PDF: "
                 f"{self.server.url}{slug}.pdf, viewer: {self.server.url}pdf); Ctrl-C stops")

    def say(self, *lines: str) -> None:
        """Print progress lines at once (a script may be waiting for the address)."""
        for line in lines:
            print(line, file=self.stream, flush=True)

    def rebuilt(self, built: Built) -> None:
        """Report a rebuild the watcher made."""
        self.say(*describe(built))

    def serve(self, ready: Callable[[], None] = lambda: None) -> None:
        """Serve until interrupted (Ctrl-C), then stop everything."""
        ready()
        try:
            self.server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            self.say("stopping")
        finally:
            self.close()

    def serve_in_background(self) -> Session:
        """Serve from a thread (for tests and the benchmark); `close` stops it."""
        self.serving = threading.Thread(target=self.server.serve_forever, name="factsheet-serve",
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self.serving.start()
        return self

    def close(self) -> None:
        """Stop the watcher and the event streams, and free the port."""
        self.stop_watching.set()
        self.preview.stop()
        if self.serving is not None:
            self.server.shutdown()
            self.serving.join(timeout=5)
        self.server.server_close()
        self.watcher.join(timeout=5)
