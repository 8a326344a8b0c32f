"""archive-hash: record each archived copy's SHA-256 in the YAML, editing text in place."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from factsheet.check.archive import find_archive, read_archive
from factsheet.check.locate import archive_root, declared_archive
from factsheet.errors import ArchiveError, Diagnostic, display_path
from factsheet.fsutil import write_atomic
from factsheet.load.sheet import Loaded, Loc, load_sheet
from factsheet.rules import HASH_EDIT_REFUSED, HASH_NOT_RECORDED, HASH_WRITE_FAILED, UNREADABLE_COPY


@dataclass(frozen=True)
class HashRecord:
    """What `archive-hash` did for one source."""

    source_id: str
    path: str
    line: int
    column: int
    action: str  # "recorded", "updated", "unchanged", "no-archive"
    digest: str | None = None
    archive: str | None = None

    def render(self) -> str:
        """Format as `path:line:col: action: source: detail`."""
        place = f"{self.path}:{self.line}:{self.column}"
        if self.action == "no-archive":
            return f"{place}: no archived copy: {self.source_id}: nothing recorded"
        assert self.digest is not None
        return f"{place}: {self.action}: {self.source_id}: archive_sha256 {self.digest} " \
               f"({self.archive})"


def record_hashes(folder: Path, archive_dir: Path | None = None
                  ) -> tuple[list[HashRecord], list[Diagnostic]]:
    """Write each source's archive SHA-256 into its YAML mapping, editing the text in place."""
    loaded = load_sheet(folder)
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if errors:
        return [], loaded.diagnostics
    records: list[HashRecord] = []
    diags: list[Diagnostic] = []
    declared = declared_archive(loaded.data)
    archive_dir = archive_root(folder, archive_dir, declared)
    edits: dict[str, list[tuple[int, str, str]]] = {}  # file -> (index, id, digest)
    by_shown = {display_path(p): p for p in loaded.files}
    for i, entry in enumerate(loaded.data.get("sources", [])):
        sid = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(sid, str):
            continue
        pos = loaded.pos(("sources", i))
        paths = find_archive(folder, sid, archive_dir, declared)
        if not paths:
            records.append(HashRecord(sid, pos.path, pos.line, pos.column, "no-archive"))
            continue
        try:
            archive = read_archive(sid, paths[0])
        except ArchiveError as exc:
            diags.append(loaded.report(UNREADABLE_COPY, ("sources", i), copy=exc.path,
                                       problem=exc.message))
            continue
        old = entry.get("archive_sha256")
        action = ("unchanged" if old == archive.sha256 else
                  "updated" if ("sources", i, "archive_sha256") in loaded.values else "recorded")
        records.append(HashRecord(sid, pos.path, pos.line, pos.column, action, archive.sha256,
                                  archive.shown))
        if action != "unchanged":
            edits.setdefault(pos.path, []).append((i, sid, archive.sha256))
    failed: set[str] = set()
    for shown, wanted in edits.items():
        path = by_shown.get(shown)
        if path is None:
            continue
        try:
            file_diags, file_failed = _edit_file(path, loaded, wanted)
        except OSError as exc:
            file_diags = [HASH_WRITE_FAILED.at(shown, 1, 1, "sources",
                                                       problem=exc.strerror or str(exc))]
            file_failed = {sid for _, sid, _ in wanted}
        diags.extend(file_diags)
        failed |= file_failed
    records = [replace(r, action="failed") if r.source_id in failed else r for r in records]
    return records, diags


def _edit_file(path: Path, loaded: Loaded, wanted: list[tuple[int, str, str]]
               ) -> tuple[list[Diagnostic], set[str]]:
    """Record the hashes in one file; return diagnostics and the ids not recorded."""
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3 if bom else 0:].decode("utf-8")
    lines = text.splitlines(keepends=True)
    diags: list[Diagnostic] = []
    done: list[tuple[str, str]] = []
    failed: set[str] = set()
    # Bottom-up, so an inserted line never moves a mapping still to be edited.
    for i, sid, digest in sorted(wanted, key=lambda w: -loaded.pos(("sources", w[0])).line):
        problem = _edit_lines(lines, loaded, i, digest)
        if problem:
            diags.append(loaded.report(HASH_NOT_RECORDED, ("sources", i), problem=problem,
                                       digest=digest))
            failed.add(sid)
        else:
            done.append((sid, digest))
    if not done:
        return diags, failed
    new = "".join(lines)
    # Never write a file that no longer says what we meant it to.
    try:
        data = yaml.safe_load(new)
        entries = {e.get("id"): e for e in data.get("sources", []) if isinstance(e, dict)}
        ok = all(entries.get(sid, {}).get("archive_sha256") == digest for sid, digest in done)
    except (yaml.YAMLError, AttributeError, TypeError):
        ok = False
    if not ok:
        shown = display_path(path)
        return [*diags, HASH_EDIT_REFUSED.at(shown, 1, 1, "sources")], \
            failed | {sid for _, sid, _ in wanted}
    write_atomic(path, (b"\xef\xbb\xbf" if bom else b"") + new.encode("utf-8"))
    return diags, failed


_SCALAR_RE = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|[^\s#]+")


def _edit_lines(lines: list[str], loaded: Loaded, i: int, digest: str) -> str | None:
    """Replace or insert the `archive_sha256` line of source `i`; return a problem or None."""
    loc: Loc = ("sources", i, "archive_sha256")
    value = loaded.pos(loc) if loc in loaded.values else None
    if value is not None:
        row = lines[value.line - 1]
        col = value.column - 1
        m = _SCALAR_RE.match(row, col)
        if m is None:
            return "cannot find the current archive_sha256 value on its line"
        lines[value.line - 1] = row[: m.start()] + digest + row[m.end():]
        return None
    start = loaded.pos(("sources", i))
    if start.line > len(lines):
        return "cannot find this source in its file"
    first = lines[start.line - 1]
    indent = start.column - 1
    if first[indent: indent + 1] in ("{", "["):
        return "this source is written as a `{...}` mapping, which is not edited automatically"
    last = start.line - 1  # 0-based index of the mapping's last content line
    for k in range(start.line, len(lines)):
        stripped = lines[k].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(lines[k]) - len(lines[k].lstrip(" ")) < indent:
            break
        last = k
    newline = "\r\n" if lines[last].endswith("\r\n") else "\n"
    if not lines[last].endswith("\n"):
        lines[last] += newline
    lines.insert(last + 1, " " * indent + f"archive_sha256: {digest}{newline}")
    return None


def record_hash(folder: Path, source_id: str, digest: str) -> list[Diagnostic]:
    """Write one source's `archive_sha256` (for `factsheet archive`); return any problems."""
    loaded = load_sheet(folder)
    for i, entry in enumerate(loaded.data.get("sources", [])):
        if isinstance(entry, dict) and entry.get("id") == source_id:
            if entry.get("archive_sha256") == digest:
                return []
            shown = loaded.pos(("sources", i)).path
            path = next(p for p in loaded.files if display_path(p) == shown)
            return _edit_file(path, loaded, [(i, source_id, digest)])[0]
    return []
