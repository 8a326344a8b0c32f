"""Watch the files the last build read (the record of inputs) and rebuild when one changes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from factsheet.load.record import Record
from factsheet.serve.preview import Built, Preview

# watchfiles waits this long for a burst of events to end (an editor's save is several).
DEBOUNCE_MS = 30
STEP_MS = 10
IDLE_MS = 2000


def roots(record: Record) -> list[Path]:
    """The folders to watch: each input's nearest existing folder, none inside another."""
    places = [Path(name) for name in record.files]
    places += [Path(key.split("\0", 1)[0]) / "x" for key in record.listings]
    present = {p.parent.resolve() for p in places if p.parent.is_dir()}
    wanted = set(present)
    for path in places:
        if path.parent.is_dir():
            continue
        # A missing input (an archived copy not saved yet, no editions folder yet) is watched
        # through its nearest existing folder, unless that would take in the folders already
        # watched: widening to the project (build/, .venv/) would watch thousands of files.
        folder = path.parent
        while not folder.is_dir() and folder != folder.parent:
            folder = folder.parent
        found = folder.resolve()
        if not any(p.is_relative_to(found) for p in present):
            wanted.add(found)
    ordered = sorted(wanted, key=lambda p: len(p.parts))
    kept: list[Path] = []
    for folder in ordered:
        if not any(folder.is_relative_to(k) for k in kept):
            kept.append(folder)
    return sorted(kept)


def watch(preview: Preview, stop: threading.Event,
          report: Callable[[Built], None] = lambda built: None,
          watching: threading.Event | None = None) -> None:
    """Rebuild on every change to the inputs until `stop` is set; `watching` once started."""
    from watchfiles import watch as file_events

    while not stop.is_set():
        watched = roots(preview.record)
        if not watched:
            return
        # Every IDLE_MS without events the record is compared anyway: a change the file
        # events missed (a network drive, a save while a watch was restarting) still shows.
        for _changes in file_events(*watched, stop_event=stop, debounce=DEBOUNCE_MS,
                                    step=STEP_MS, raise_interrupt=False, rust_timeout=IDLE_MS,
                                    yield_on_timeout=True, ignore_permission_denied=True):
            if watching is not None:
                watching.set()
            # An editor's swap file or a save of the same bytes changes no input.
            if preview.record.unchanged():
                continue
            report(preview.rebuild())
            if roots(preview.record) != watched:
                break  # a new input (an archive folder, a template) needs a new watch
