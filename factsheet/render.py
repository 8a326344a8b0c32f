"""Stage 4b, render: the one Jinja environment, and facts rendered to a self-contained HTML page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from factsheet.errors import TemplateError
from factsheet.labels import load_labels
from factsheet.model import Facts
from factsheet.verify import Verification
from factsheet.view import SheetView, build_view

BASE_TEMPLATE = "briefing"
ENTRY = "sheet.html"
PDF_CSS = "pdf.css"


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
                return candidate
        raise TemplateError(f"template `{self.name}` has no `{name}` (looked in "
                            + ", ".join(str(f) for f in self.chain) + ")", str(self.folder))


def resolve_template(root: Path, name: str) -> Template:
    """Find template `name` under `root`; a custom template falls back to the briefing base."""
    folder = root / name
    if not (folder / ENTRY).is_file():
        available = sorted(p.name for p in root.iterdir() if (p / ENTRY).is_file()) \
            if root.is_dir() else []
        raise TemplateError(
            f"template `{name}` not found: {folder / ENTRY} does not exist (available: "
            f"{', '.join(available) or 'none'})", str(folder))
    chain = [folder.resolve()]
    base = (root / BASE_TEMPLATE).resolve()
    if base != chain[0] and base.is_dir():
        chain.append(base)
    return Template(name, chain[0], tuple(chain))


def make_env(template: Template) -> jinja2.Environment:
    """The one Jinja environment factory: autoescaped, strict about undefined names."""
    return _env(template.chain)


@lru_cache(maxsize=16)
def _env(chain: tuple[Path, ...]) -> jinja2.Environment:
    # One environment per template chain, so parsed templates are reused across sheets;
    # Jinja's auto_reload still notices an edited template file.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in chain]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_view(view: SheetView, template: Template) -> str:
    """Render a built view with the template's entry page."""
    env = make_env(template)
    try:
        page = env.get_template(ENTRY)
        return page.render(sheet=view)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax: {exc.message}", exc.filename or "",
                            exc.lineno) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template file `{exc.name}` not found", str(template.folder)) \
            from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template uses an undefined name: {exc.message}",
                            str(template.folder)) from exc


def render_html(facts: Facts, template: Template,
                verification: Verification | None = None) -> str:
    """Render a sheet to one self-contained HTML page."""
    labels = load_labels(template.chain, facts.sheet.lang)
    return render_view(build_view(facts, verification, labels), template)
