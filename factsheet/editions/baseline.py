"""What a sheet is compared with: an edition, a git revision, a facts JSON, or our own PDF."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.editions.record import Edition
from factsheet.errors import UsageError
from factsheet.load.files import sheet_files_at
from factsheet.load.sheet import load_sheet
from factsheet.rules import OTHER_SHEET_BASELINE, UNREADABLE_BASELINE
from factsheet.validate import validate_loaded

if TYPE_CHECKING:
    from factsheet.model import Facts


@dataclass(frozen=True)
class Baseline:
    """An earlier state of the sheet: its facts, the groups it showed, and what it was."""

    facts: dict[str, Any]  # its facts JSON
    source: str  # what was named: an edition file, a JSON or PDF path, a git revision
    edition: int | None  # the edition it is, when known
    as_of: str | None
    model: Facts  # the same facts, as the model the diff compares
    groups: list[dict[str, Any]] | None  # the groups it showed, as it recorded them


    def as_json(self) -> dict[str, Any]:
        """The build JSON's `since`."""
        return {"source": self.source, "edition": self.edition, "as_of": self.as_of}


def from_edition(edition: Edition) -> Baseline:
    """A recorded edition as a baseline."""
    return from_json(edition.facts, str(edition.path), edition.number, edition.as_of)


def from_json(data: dict[str, Any], source: str, edition: int | None,
              as_of: str | None) -> Baseline:
    """A facts JSON read as the model; one this version cannot read is refused, by name."""
    from factsheet.editions.fields import read_facts

    try:
        model = read_facts(data)
    except ValueError as exc:
        raise _refuse(source, str(exc)) from exc
    groups = data.get("groups")
    return Baseline(data, source, edition, as_of, model,
                    groups if isinstance(groups, list) else None)


def _refuse(path: str, problem: str) -> UsageError:
    return UNREADABLE_BASELINE.error(UsageError, path, path=path, problem=problem)


def _from_facts(data: Any, source: str, slug: str) -> Baseline:
    names: list[Any] = []  # every slug the file gives: the edition's and its facts'
    if isinstance(data, dict) and isinstance(data.get("facts"), dict) and "edition" in data:
        names.append(data.get("slug"))
        data = data["facts"]  # an edition file holds the facts JSON of its build
    if not isinstance(data, dict) or not isinstance(data.get("sheet"), dict):
        raise _refuse(source, "it is neither an edition file nor a facts JSON (no `sheet`)")
    names.append(data.get("slug"))
    # Fail closed: a file that does not say which sheet it is could be any sheet's.
    given = [n for n in names if n is not None]
    if not given:
        raise _refuse(source, "it does not say which sheet it is a build of (no `slug`)")
    if other := next((n for n in given if n != slug), None):
        raise OTHER_SHEET_BASELINE.error(UsageError, source, path=source,
                                                 other=other, slug=slug)
    edition = data.get("edition")
    return from_json(data, source, edition if isinstance(edition, int) else None,
                     data["sheet"].get("as_of"))


def _pdf_facts(path: Path, slug: str) -> bytes:
    import pypdf  # reads the facts JSON our PDFs carry as an attachment

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _refuse(str(path), exc.strerror or str(exc)) from exc
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:  # factsheet never encrypts; and a password would be needed
            raise _refuse(str(path), "the PDF is encrypted, and factsheet's PDFs never are")
        attached = reader.attachments
        names = [f"{slug}.json", *sorted(n for n in attached
                                         if isinstance(n, str) and n.endswith(".json"))]
        for name in names:
            if attached.get(name):
                found = attached[name][0]
                if isinstance(found, bytes):
                    return found
    except UsageError:
        raise
    # pypdf reads untrusted bytes lazily and may fail in any way: one coded error for all.
    except Exception as exc:
        raise _refuse(str(path), f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    raise _refuse(str(path), "the PDF carries no facts JSON (was it made by factsheet?)")


def _revision(folder: Path, rev: str) -> Baseline:
    files = sheet_files_at(folder, rev)
    if not files:
        raise _refuse(rev, f"the revision has no fact files in {folder}")
    facts, diags = validate_loaded(load_sheet(folder, files))
    if facts is None:
        errors = sum(d.severity == "error" for d in diags)
        raise _refuse(rev, f"the sheet at that revision does not validate ({errors} errors)")
    data = facts.to_json()
    return Baseline(data, rev, None, data["sheet"]["as_of"], facts, None)


def load_baseline(spec: str, folder: Path, slug: str) -> Baseline:
    """The baseline `--since` names: a .pdf or .json file if one exists, else a git revision."""
    path = Path(spec)
    if spec.endswith((".pdf", ".json")) or path.is_file():
        if not path.is_file():
            raise _refuse(spec, "no such file")
        if spec.endswith(".pdf"):
            raw = _pdf_facts(path, slug)
        else:
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise _refuse(spec, str(exc)) from exc
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError) as exc:  # RecursionError: nested past any need
            raise _refuse(spec, f"not JSON ({exc})") from exc
        return _from_facts(data, spec, slug)
    return _revision(folder, spec)
