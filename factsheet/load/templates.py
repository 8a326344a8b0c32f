"""Template lookup: the packaged and local template folders, and a template's asset chain."""

from __future__ import annotations

import importlib.resources
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsheet.errors import TemplateError, display_path
from factsheet.rules import TEMPLATE_MANIFEST, TEMPLATE_NOT_FOUND, TEMPLATE_OUTSIDE, Rule

BASE_TEMPLATE = "briefing"
ENTRY = "sheet.html"
PACKAGE = Path(__file__).resolve().parents[1]


def packaged_templates() -> Path:
    """The templates shipped inside the package (see pyproject's package-data)."""
    shipped = Path(str(importlib.resources.files("factsheet") / "templates"))
    if (shipped / BASE_TEMPLATE / ENTRY).is_file():
        return shipped
    return PACKAGE.parent / "templates"  # a source checkout run in place


def default_templates() -> Path:
    """The templates folder: ./templates when present, else the one shipped with the package."""
    here = Path("templates")
    return here if here.is_dir() else packaged_templates()


def template_error(which: Rule, path: str, line: int = 0, **values: Any) -> TemplateError:
    """A TemplateError worded and coded by the rule."""
    found = which
    # Lines and columns count from 1: a template folder or file as a whole is at 1:1.
    return TemplateError(found.message.format(**values), display_path(path), line or 1, 1,
                         code=found.code, hint=found.hint.format(**values))


@dataclass(frozen=True)
class Template:
    """A resolved template: its folder and the folders it may fall back to for assets."""

    name: str
    folder: Path
    chain: tuple[Path, ...]

    def asset(self, name: str) -> Path:
        """Return the first file called `name` along the chain."""
        for folder in self.chain:
            candidate = folder / name
            if candidate.is_file():
                target = candidate.resolve()
                if not any(target.is_relative_to(root.resolve()) for root in self.chain):
                    raise template_error(TEMPLATE_OUTSIDE, str(candidate), file=name,
                                         target=target)
                return candidate
        raise template_error(TEMPLATE_NOT_FOUND, str(self.folder),
                             message=f"template `{self.name}` has no `{name}` (looked in "
                             + ", ".join(str(f) for f in self.chain) + ")")


def resolve_template(root: Path, name: str) -> Template:
    """Find template `name` under `root`, else among the packaged ones; see template_chain."""
    chain = template_chain(root, name)
    return Template(name, chain[0], chain)


# --- a template's chain: its own folder, then what it extends, down to the packaged base.
# A custom template may hold a single file: every other file comes from its parent, named
# by `extends` in its `template.toml` (default: `briefing`). Names are looked up in the
# --templates folder first, then among the templates shipped in the package, so a
# pip-installed project's `templates/memo/sheet.html` alone is a whole template.

MANIFEST = "template.toml"


def template_roots(root: Path) -> list[Path]:
    """Where template names are looked up: the given folder, then the packaged templates."""
    shipped = packaged_templates()
    roots = [root]
    if not root.is_dir() or root.resolve() != shipped.resolve():
        roots.append(shipped)
    return roots


def available(roots: list[Path]) -> list[str]:
    """Every template name that can be built with under these roots."""
    names = {p.name for root in roots if root.is_dir() for p in root.iterdir()
             if p.is_dir() and not p.name.startswith((".", "_"))}
    return sorted(n for n in names if ENTRY in _files(_chain(roots, n, strict=False)))


def _files(chain: tuple[Path, ...]) -> set[str]:
    return {p.name for folder in chain if folder.is_dir() for p in folder.iterdir()}


def _parent(folder: Path, name: str, shown: Path) -> str | None:
    """The template this one extends: its template.toml's `extends`, else briefing."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return None if name == BASE_TEMPLATE else BASE_TEMPLATE
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise template_error(TEMPLATE_MANIFEST, str(shown / MANIFEST),
                             problem=f"is not valid TOML ({exc})") from exc
    unknown = sorted(set(data) - {"extends"})
    parent = data.get("extends", BASE_TEMPLATE)
    if unknown or not isinstance(parent, str):
        raise template_error(TEMPLATE_MANIFEST, str(shown / MANIFEST), problem=(
            f"has unknown key `{unknown[0]}`" if unknown else "`extends` must be a name"))
    return None if parent == name else parent


def _chain(roots: list[Path], name: str, *, strict: bool = True) -> tuple[Path, ...]:
    chain: list[Path] = []
    current: str | None = name
    start = 0  # a template named like its parent (briefing over briefing) looks further on
    while current is not None:
        folders = [r / current for r in roots[start:] if (r / current).is_dir()]
        if not folders:
            if not strict:
                return tuple(chain)
            raise _missing(roots, name, current)
        folder = folders[0].resolve()
        if folder in chain:
            if not strict:
                return tuple(chain)
            raise template_error(TEMPLATE_MANIFEST, str(folders[0] / MANIFEST),
                                 problem=f"extends `{current}`, which extends it again")
        chain.append(folder)
        parent = _parent(folder, current, folders[0])
        if parent is None and current == BASE_TEMPLATE and ENTRY not in _files(tuple(chain)):
            # An own briefing/ with only style.css: the packaged briefing does the rest.
            start = roots.index(next(r for r in roots if (r / current).resolve() == folder)) + 1
            parent = current if start < len(roots) else None
        current = parent
    return tuple(chain)


def _missing(roots: list[Path], name: str, looked: str) -> Exception:
    names = available(roots)
    what = f"template `{name}` not found" if looked == name else \
        f"template `{name}` extends `{looked}`, which is not found"
    where = " or ".join([f"{display_path(roots[0])}/", "the packaged templates"][:len(roots)])
    return template_error(TEMPLATE_NOT_FOUND, str(roots[0] / looked),
                          message=f"{what} in {where} (available: {', '.join(names) or 'none'})")


def template_chain(root: Path, name: str) -> tuple[Path, ...]:
    """The folders template `name` reads files from, its own first; FS502 when unknown."""
    roots = template_roots(root)
    chain = _chain(roots, name)
    if ENTRY not in _files(chain):
        raise _missing(roots, name, name)
    return chain
