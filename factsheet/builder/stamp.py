"""Incremental builds: a stamp per sheet holds the record of the inputs its outputs came from."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from factsheet.builder.options import BuildOptions
from factsheet.builder.write import STATE
from factsheet.load.files import sheet_files
from factsheet.load.record import Record


def stamp_path(folder: Path, options: BuildOptions) -> Path:
    """Where the stamp of a sheet's last clean build is kept."""
    return options.out / STATE / f"{folder.name}.json"


def stamp_bytes(folder: Path, options: BuildOptions, record: Record,
                outputs: dict[Path, bytes]) -> bytes:
    """The stamp: the sheet's folder, the options' key, the record, the outputs' hashes."""
    stamp = {"folder": str(folder.resolve()), "key": options.key(), "record": record.as_json(),
             "outputs": {str(p): hashlib.sha256(data).hexdigest() for p, data in outputs.items()}}
    return json.dumps(stamp, indent=1, sort_keys=True).encode()


def other_owner(folder: Path, options: BuildOptions) -> Path | None:
    """Another sheet folder, still there, whose outputs of the same slug are in `out`."""
    try:
        owner = Path(json.loads(stamp_path(folder, options).read_text())["folder"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if owner == folder.resolve() or not owner.is_dir() or not sheet_files(owner):
        return None  # ours, or a sheet since moved or deleted: its outputs may be replaced
    return owner


def up_to_date(folder: Path, options: BuildOptions,
               seen: dict[str, str | None] | None = None) -> bool:
    """True when the sheet's last build read exactly the inputs it has now, with these options."""
    try:
        stamp = json.loads(stamp_path(folder, options).read_text())
        if stamp["key"] != options.key():
            return False
        # An output deleted, edited by hand or left from another build is rebuilt.
        if not Record(files=dict(stamp["outputs"])).unchanged(seen):
            return False
        return Record.from_json(stamp["record"]).unchanged(seen)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
