"""Template lookup: the packaged and local template folders, and a template's asset chain."""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsheet.errors import TemplateError, display_path
from factsheet.rules import rule

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


def template_error(rule_name: str, path: str, line: int = 0, **values: Any) -> TemplateError:
    """A TemplateError worded and coded by rule `name`."""
    found = rule(rule_name)
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
                    raise template_error("template-outside", str(candidate), file=name,
                                         target=target)
                return candidate
        raise template_error("template-not-found", str(self.folder),
                             message=f"template `{self.name}` has no `{name}` (looked in "
                             + ", ".join(str(f) for f in self.chain) + ")")


def resolve_template(root: Path, name: str) -> Template:
    """Find template `name` under `root`; a custom template falls back to the briefing base."""
    folder = root / name
    if not (folder / ENTRY).is_file():
        available = sorted(p.name for p in root.iterdir() if (p / ENTRY).is_file()) \
            if root.is_dir() else []
        raise template_error(
            "template-not-found", str(folder),
            message=f"template `{name}` not found: {folder / ENTRY} does not exist (available: "
            f"{', '.join(available) or 'none'})")
    chain = [folder.resolve()]
    base = (root / BASE_TEMPLATE).resolve()
    if base != chain[0] and base.is_dir():
        chain.append(base)
    return Template(name, chain[0], tuple(chain))
