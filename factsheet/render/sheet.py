"""Stage 8, render: the one sandboxed Jinja environment, and facts rendered to one HTML page."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
from collections.abc import Callable
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from factsheet import __version__
from factsheet.analysis import Analysis, analyse
from factsheet.check.verify import Verification
from factsheet.editions import History
from factsheet.fsutil import DEFAULT_CACHE, KEY_FILE, signing_key, write_atomic
from factsheet.load.templates import (
    BASE_TEMPLATE,
    ENTRY,
    Template,
    resolve_template,
    template_error,
)
from factsheet.model import Facts
from factsheet.rules import (
    DANGLING_LINK,
    TEMPLATE_FAILED,
    TEMPLATE_NOT_FOUND,
    TEMPLATE_OUTSIDE,
    TEMPLATE_SYNTAX,
    TEMPLATE_UNDEFINED,
    TEMPLATE_UNSAFE,
)
from factsheet.view import SheetView, view_of
from factsheet.view.labels import load_labels

PDF_CSS = "pdf.css"
__all__ = ["BASE_TEMPLATE", "ENTRY", "PDF_CSS", "Template", "make_env", "render_analysis",
           "render_html", "render_view", "resolve_template"]


class ChainLoader(jinja2.FileSystemLoader):
    """Loads template files only from inside the template chain: no symlinks out."""

    def __init__(self, chain: tuple[Path, ...]) -> None:
        super().__init__([str(p) for p in chain])
        self.roots = tuple(p.resolve() for p in chain)

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        """Find the file as Jinja does, then refuse it if it resolves outside the chain."""
        source, filename, uptodate = super().get_source(environment, template)
        target = Path(filename).resolve()
        if not any(target.is_relative_to(root) for root in self.roots):
            raise template_error(TEMPLATE_OUTSIDE, filename, file=template,
                                 target=target)
        return source, filename, uptodate


class SignedBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates under the cache folder, each signed with the checkout's key."""

    def __init__(self, directory: Path, secret: bytes) -> None:
        self.directory = directory
        self.secret = secret

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.directory / f"{bucket.key}.jinja"

    def _mac(self, bucket: jinja2.bccache.Bucket, body: bytes) -> bytes:
        # The bucket key (template name and file) is signed too: no moving entries around.
        return hmac.new(self.secret, bucket.key.encode() + b"\0" + body, hashlib.sha256).digest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Load a compiled template whose signature holds; Jinja recompiles otherwise."""
        try:
            data = self._path(bucket).read_bytes()
        except OSError:
            return
        mac, body = data[:32], data[32:]
        if hmac.compare_digest(mac, self._mac(bucket, body)):
            # Jinja itself still drops it when the source's checksum or the Python differs.
            bucket.bytecode_from_string(body)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Store the compiled template; a cache that cannot be written is skipped."""
        body = bucket.bytecode_to_string()
        with contextlib.suppress(OSError):
            write_atomic(self._path(bucket), self._mac(bucket, body) + body)


# Everything the compiled code depends on besides the template source, which Jinja checks
# itself: Jinja's code generator, the sandbox, and the environment's options below.
# `do` lets a template record what it printed (the brief lists only the sources it cites).
_ENV_OPTIONS = dict(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                    keep_trailing_newline=True, extensions=["jinja2.ext.do"])


def _bytecode_cache(cache_dir: Path | None) -> jinja2.BytecodeCache | None:
    if cache_dir is None:
        return None
    secret = signing_key(cache_dir.parent / KEY_FILE)
    if secret is None:
        return None
    flavour = repr([__version__, jinja2.__version__, "sandboxed", sorted(_ENV_OPTIONS.items())])
    folder = cache_dir / "jinja" / hashlib.sha256(flavour.encode()).hexdigest()[:16]
    return SignedBytecodeCache(folder, secret)


def make_env(template: Template) -> jinja2.Environment:
    """The one Jinja environment factory: sandboxed, autoescaped, strict about undefined names."""
    return _env(template.chain)


@lru_cache(maxsize=16)
def _env(chain: tuple[Path, ...]) -> jinja2.Environment:
    # One environment per template chain, so parsed templates are reused across sheets;
    # Jinja's auto_reload still notices an edited template file. Templates are code, so
    # they run sandboxed: no attribute access to Python internals. The bytecode cache saves
    # the first compile (about 0.15 s) in every new process.
    return SandboxedEnvironment(
        loader=ChainLoader(chain),
        undefined=jinja2.StrictUndefined,
        bytecode_cache=_bytecode_cache(DEFAULT_CACHE),
        **_ENV_OPTIONS,
    )


def _template_line(tb: TracebackType | None, chain: tuple[Path, ...]) -> tuple[str, int]:
    """The innermost template file and line in a traceback Jinja has rewritten."""
    found = ("", 0)
    roots = tuple(str(p) for p in chain)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.startswith(roots):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_view(view: SheetView, template: Template, fill: int | None = None) -> str:
    """Render a built view with the template's entry page; its links all land on the page.

    `fill`: how many of its optional items (`data-fill-max`) a one-page template adds; the
    PDF stage picks the most that fit. None: the page as the HTML output shows it.
    """
    html = _render(view, template, fill)
    # Checked here, before any PDF layout and for HTML-only builds too: a citation marker
    # that leads nowhere must fail the sheet, not ship.
    dangling = dangling_links(html)
    if dangling:
        shown = ", ".join(f"#{h}" for h in dangling[:5]) + (
            f" and {len(dangling) - 5:,} more" if len(dangling) > 5 else "")
        raise template_error(DANGLING_LINK, str(template.folder / ENTRY), links=shown)
    return html


def dangling_links(html: str) -> list[str]:
    """The targets of `#…` links that no element of the page carries, in order."""
    links = _Links()
    links.feed(html)
    links.close()
    # As a browser finds a fragment: as written, then percent-decoded.
    return list(dict.fromkeys(unquote(h) for h in links.hrefs
                              if h not in links.ids and unquote(h) not in links.ids))


class _Links(HTMLParser):
    """Every element's id (and an anchor's name), and every in-page link, as parsed: quoted
    or not, escaped or percent-encoded; never text in a comment or another attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in ("href", "xlink:href") and value.startswith("#") and len(value) > 1:
                self.hrefs.append(value[1:])

    handle_startendtag = handle_starttag


def _render(view: SheetView, template: Template, fill: int | None = None) -> str:
    env = make_env(template)
    try:
        page = env.get_template(ENTRY)
        return page.render(sheet=view, fill=fill)
    except jinja2.TemplateSyntaxError as exc:
        raise template_error(TEMPLATE_SYNTAX, exc.filename or "", exc.lineno or 0,
                             message=exc.message) from exc
    except jinja2.TemplateNotFound as exc:
        raise template_error(TEMPLATE_NOT_FOUND, str(template.folder),
                             message=f"template file `{exc.name}` not found") from exc
    except jinja2.UndefinedError as exc:
        path, line = _template_line(exc.__traceback__, template.chain)
        raise template_error(TEMPLATE_UNDEFINED, path or str(template.folder), line,
                             message=exc.message) from exc
    except jinja2.exceptions.SecurityError as exc:
        path, line = _template_line(exc.__traceback__, template.chain)
        raise template_error(TEMPLATE_UNSAFE, path or str(template.folder), line,
                             message=str(exc)) from exc
    except (TypeError, ValueError, LookupError, ArithmeticError, AttributeError) as exc:
        path, line = _template_line(exc.__traceback__, template.chain)
        if not path:
            raise  # not the template's doing: a bug of ours, reported as such
        raise template_error(TEMPLATE_FAILED, path, line,
                             message=f"{type(exc).__name__}: {exc}") from exc


def render_html(facts: Facts, template: Template, verification: Verification | None = None,
                history: History | None = None, fill: int | None = None) -> str:
    """Render valid facts (reconciled here) to one self-contained HTML page (`fill`: see
    render_view)."""
    return render_analysis(analyse(facts, verification, history), template, fill)


def render_analysis(analysis: Analysis, template: Template, fill: int | None = None) -> str:
    """Render a sheet's analysis to one self-contained HTML page (`fill`: see render_view)."""
    labels = load_labels(template.chain, analysis.facts.sheet.lang)
    return render_view(view_of(analysis, labels), template, fill)
