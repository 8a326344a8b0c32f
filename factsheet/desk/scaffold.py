"""`factsheet new`: start a sheet of commented fact files whose placeholders say what to write."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from factsheet.errors import UsageError
from factsheet.fsutil import write_atomic
from factsheet.load.sheet import SLUG_RE, slugify
from factsheet.rules import NEW_BAD_AS_OF, NEW_BAD_SLUG, NEW_CANNOT_WRITE, NEW_EXISTS

SCHEMA_PATH = Path("schema") / "factsheet.schema.json"
MODELINE = "# yaml-language-server: $schema={schema}\n"

# Each file teaches its own keys; `TODO` values are warnings (FS700) until replaced, so the
# sheet validates from the start and `build --strict` refuses it until it is filled in.
FILES: dict[str, str] = {
    "sheet.yaml": """\
# What the sheet is about and the moment it describes. Every key is in docs/format.md;
# your editor completes and checks them through the schema named on the first line.
sheet:
  title: {title}
  # subtitle: A line under the title
  # as_of is a date (2022-01-07) or a datetime with its offset (2022-01-07T16:20:00+04:00).
  as_of: {as_of}
  lang: {lang}
  # author: Who compiled the sheet
  # Cited statements shown first on page 1: what we know now.
  summary: []
  #  - text: One sentence of what is known.
  #    cite:
  #      - source: first-source
  #        says: The article's own words that support it, copied exactly.
""",
    "sources.yaml": """\
# The articles the facts rest on. `factsheet archive URL --sheet {slug} --add` saves an
# article's copy and appends its entry here; then remove the placeholder below.
sources:
  - id: first-source
    publisher: "TODO: the outlet that published the article, e.g. Reuters"
    title: "TODO: the article's headline, as printed"
    published: {date}
    # url: https://example.com/article
    # lang: en
""",
    "figures.yaml": """\
# Reported numbers, each cited with the article's own words (`says`).
figures: []
#  - id: killed
#    label: Killed
#    measure: killed        # killed, injured, arrested, detained, deployed, ... or other
#    value: 12              # a whole number, {{min: 10, max: 15}}, or dozens, hundreds ...
#    claimed_by: Interior Ministry
#    key: true              # show it among the key figures on page 1
#    cite:
#      - source: first-source
#        says: 12 people were killed
""",
    "quotes.yaml": """\
# Direct quotes: `text` without quote marks; `says` is the article's wording.
quotes: []
#  - id: president-statement
#    speaker: The speaker's name
#    role: Their office
#    date: {date}
#    text: The words, exactly as the article prints them
#    cite:
#      - source: first-source
#        says: The words, exactly as the article prints them
""",
    "events.yaml": """\
# The timeline: one dated sentence per event.
events: []
#  - id: protests-begin
#    date: {date}           # or {{from: 2022-01-02, to: 2022-01-04}} for a span
#    text: Protests began over fuel prices.
#    cite:
#      - source: first-source
#        says: Protests began over fuel prices
""",
}


def parse_as_of(value: str | None, today: dt.date | None = None) -> str:
    """The `as_of` to write: the given date or offset datetime, else today's date."""
    if value is None:
        return (today or dt.datetime.now(dt.UTC).date()).isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise NEW_BAD_AS_OF.error(UsageError, value=value)
    return moment.isoformat()


def schema_ref(folder: Path) -> str:
    """The schema's path relative to `folder`: the nearest schema/ above it, else ./schema/."""
    start = folder.resolve()
    for parent in start.parents:
        if (parent / SCHEMA_PATH).is_file():
            return Path(os.path.relpath(parent / SCHEMA_PATH, start)).as_posix()
    return Path(os.path.relpath(Path.cwd().resolve() / SCHEMA_PATH, start)).as_posix()


def new_sheet(root: Path, slug: str, *, title: str | None = None, as_of: str | None = None,
              lang: str = "en") -> list[Path]:
    """Create `root/slug/` with the commented fact files; return the files written."""
    if not SLUG_RE.match(slug):
        raise NEW_BAD_SLUG.error(UsageError, slug=slug,
                                         suggestion=slugify(slug) or "unrest-2022-01")
    folder = root / slug
    if folder.exists():
        raise NEW_EXISTS.error(UsageError, str(folder), folder=folder)
    when = parse_as_of(as_of)
    values = {"slug": slug, "as_of": when, "date": when[:10], "lang": lang,
              "title": _quoted(title) if title else '"TODO: the sheet\'s headline"'}
    texts = {name: text.format(**values) for name, text in FILES.items()}
    modeline = MODELINE.format(schema=schema_ref(folder))
    written: list[Path] = []
    try:
        folder.mkdir(parents=True)
        for name, text in texts.items():
            write_atomic(folder / name, (modeline + text).encode("utf-8"))
            written.append(folder / name)
    except OSError as exc:
        if folder.is_dir():  # ours: it did not exist a moment ago
            shutil.rmtree(folder, ignore_errors=True)
        raise NEW_CANNOT_WRITE.error(UsageError, str(folder), folder=folder,
                                             problem=exc.strerror or str(exc)) from exc
    return written


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: a title may hold `:` or `#`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
