"""`factsheet archive`: save a fetched article into the sheet's archive, describe it as a source."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from factsheet.check.locate import archive_folders, declared_archive
from factsheet.desk.fetch import Page
from factsheet.errors import Diagnostic, UsageError, display_path
from factsheet.fsutil import write_atomic
from factsheet.load.blocks import block_list_end
from factsheet.load.files import FACT_SUFFIXES
from factsheet.load.sheet import SLUG_RE, Loaded, slugify
from factsheet.rules import ARCHIVE_APPEND_REFUSED, ARCHIVE_ID_TAKEN, NEW_BAD_SLUG, NO_SUCH_PATH

_LANG_RE = re.compile(rb"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)""",
                      re.IGNORECASE)


@dataclass
class Captured:
    """What `archive` saved and the source entry it describes."""

    source_id: str
    saved: list[Path]
    digest: str
    entry: str  # YAML text of one list item, indented for `sources:`
    added: Path | None = None  # the fact file the entry was appended to
    recorded: bool = False  # archive_sha256 was written into an existing source
    diagnostics: list[Diagnostic] = field(default_factory=list)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def metadata(page: Page, html: str) -> dict[str, str | None]:
    """Publisher, title, published date and language from the page, as trafilatura reads them."""
    import trafilatura

    try:
        doc = trafilatura.extract_metadata(html, default_url=page.url)
    except Exception:  # its parser fails in many ways; the entry then has placeholders
        doc = None
    lang = _LANG_RE.search(page.raw[:8192])
    return {"publisher": getattr(doc, "sitename", None) or None,
            "title": getattr(doc, "title", None) or None,
            "published": getattr(doc, "date", None) or None,
            "lang": lang.group(1).decode("ascii") if lang else None}


def source_entry(source_id: str, page: Page, meta: dict[str, str | None], digest: str,
                 today: dt.date) -> str:
    """The `sources:` list item: what the page says, `TODO` (FS700) for what it does not."""
    published = meta["published"]
    lines = [f"- id: {source_id}",
             f"  publisher: {quoted(meta['publisher'] or 'TODO: the outlet that published it')}",
             f"  title: {quoted(meta['title'] or 'TODO: the headline, as printed')}",
             f"  url: {quoted(page.url)}",
             # No date in the page is an error (not a date) until written: never guessed.
             f"  published: {published or quoted('TODO: the date it was published')}",
             f"  accessed: {today.isoformat()}"]
    if meta["lang"]:
        lines.append(f"  lang: {meta['lang']}")
    lines.append(f"  archive_sha256: {digest}")
    return "".join(f"  {line}\n" for line in lines)


def choose_id(loaded: Loaded, wanted: str | None, meta: dict[str, str | None],
              page: Page, add: bool) -> str:
    """--id, else publisher-date (made unique); --add refuses an id the sheet has."""
    taken = {e.get("id") for e in loaded.data.get("sources", []) if isinstance(e, dict)}
    if wanted is not None:
        if not SLUG_RE.match(wanted):
            raise NEW_BAD_SLUG.error(UsageError, slug=wanted,
                                             suggestion=slugify(wanted) or "outlet-2022-01-07")
        if add and wanted in taken:
            raise ARCHIVE_ID_TAKEN.error(UsageError, id=wanted)
        return wanted
    host = urlsplit(page.url).hostname or "source"
    base = slugify(f"{meta['publisher'] or host.removeprefix('www.')}-"
                   f"{meta['published'] or ''}") or "source"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def saved_to(loaded: Loaded) -> Path:
    """The sheet's archive folder: its `sheet.archive`, else archive/ beside its files."""
    return archive_folders(loaded.folder, None, declared_archive(loaded.data))[0]


def save_copy(loaded: Loaded, source_id: str, page: Page) -> list[Path]:
    """Write the page as fetched into the sheet's archive folder: what the check reads."""
    # Never an extractor's text beside it: the check derives what a reader sees from the
    # page itself, and a .txt would be one more copy that could say something else.
    place = saved_to(loaded)
    saved = [place / f"{source_id}.html"]
    write_atomic(saved[0], kept_bytes(page))
    return saved


def kept_bytes(page: Page) -> bytes:
    """The page's bytes as fetched, unless the check would decode them otherwise."""
    from factsheet.check.archive import decode
    from factsheet.errors import ArchiveError

    try:
        as_read = decode(Path("page.html"), page.raw)
    except ArchiveError:
        as_read = None
    if as_read == page.text():
        return page.raw
    # The charset was in the HTTP header only: saved as UTF-8, the text the browser read.
    return page.text().encode("utf-8")


def append_source(loaded: Loaded, entry: str, source_id: str) -> Path:
    """Append the entry to the sheet's `sources:` list, keeping every other byte."""
    if ("sources",) in loaded.keys:
        path = Path(loaded.keys[("sources",)][0])
        target = next(p for p in loaded.files if display_path(p) == str(path))
    else:
        target = loaded.folder / "sources.yaml"
    raw = target.read_bytes() if target.exists() else b""
    text = raw.decode("utf-8-sig")
    new = _with_entry(loaded, text, entry, target)
    try:
        data = yaml.safe_load(new)
        ok = any(isinstance(e, dict) and e.get("id") == source_id
                 for e in (data or {}).get("sources") or [])
    except (yaml.YAMLError, AttributeError, TypeError):
        ok = False
    if not ok:
        raise _refused(target, "the edited file would not read back with the new source")
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    write_atomic(target, bom + new.encode("utf-8"))
    return target


def _refused(target: Path, problem: str) -> UsageError:
    return ARCHIVE_APPEND_REFUSED.error(UsageError, file=display_path(target),
                                                problem=problem)


def _with_entry(loaded: Loaded, text: str, entry: str, target: Path) -> str:
    """The file's text with the entry after the list's last item (or a new list)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    items = loaded.data.get("sources", [])
    if ("sources",) not in loaded.keys:
        return "".join(lines) + "sources:\n" + entry
    key_line = loaded.keys[("sources",)][1]
    if not items:
        row = lines[key_line - 1]
        m = re.match(r"^sources:\s*(\[\s*\])?\s*(#.*)?$", row.rstrip("\r\n"))
        if m is None:
            raise _refused(target, "the `sources:` line is not a plain block list")
        lines[key_line - 1] = "sources:" + (f"  {m.group(2)}" if m.group(2) else "") + "\n"
        lines.insert(key_line, entry)
        return "".join(lines)
    last = loaded.pos(("sources", len(items) - 1))
    row = lines[last.line - 1]
    dash = row[: last.column - 1].rstrip()
    if not dash.endswith("-") or "[" in row[: last.column - 1]:
        raise _refused(target, "the `sources:` list is not written as a block list (`- id: ...`)")
    indent = len(dash) - 1
    end = block_list_end(lines, last.line, indent)
    shifted = "".join(" " * indent + line[2:] for line in entry.splitlines(keepends=True))
    lines.insert(end, shifted)
    return "".join(lines)


def sheet_folder(sheet: str, facts: Path) -> Path:
    """--sheet: a slug under the facts folder, or a sheet folder's path."""
    folder = Path(sheet) if ("/" in sheet or Path(sheet).is_dir()) else facts / sheet
    if not folder.is_dir() or not any(p.suffix in FACT_SUFFIXES for p in folder.iterdir()):
        raise NO_SUCH_PATH.error(UsageError, str(folder), path=folder)
    return folder

