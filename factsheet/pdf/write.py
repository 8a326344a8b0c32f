"""Stage 9, pdf: HTML to a tagged, reproducible PDF with WeasyPrint, confined to the template."""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import hashlib
import logging
import math
import mimetypes
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, ParamSpec
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from factsheet.errors import LocatedError, RenderError
from factsheet.load.templates import Template, template_error
from factsheet.pdf.native import load_weasyprint
from factsheet.render.sheet import PDF_CSS
from factsheet.rules import RENDER_FAILED, TOO_MANY_PAGES

P = ParamSpec("P")

# WeasyPrint is imported only inside these functions, through load_weasyprint (which
# skips its library-lookup subprocesses): it costs most of a second to import, and
# validate/--version must stay fast.


def _fetcher_class() -> type[Any]:
    load_weasyprint()
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class TemplateFetcher(URLFetcher):  # type: ignore[misc]
        """Serves regular files inside the template folders; refuses everything else."""

        def __init__(self, roots: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols=("file",))
            self.roots = tuple(r.resolve() for r in roots)

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
                raise FatalURLFetchingError(f"refused to fetch {url[:100]}: only files inside "
                                            "the template folder may be read")
            try:
                path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
            except (OSError, RuntimeError) as exc:
                raise FatalURLFetchingError(f"missing template asset {url}") from exc
            if not path.is_file() or not any(path.is_relative_to(r) for r in self.roots):
                raise FatalURLFetchingError(f"refused {url}: outside the template folder")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return TemplateFetcher


@lru_cache(maxsize=8)
def _styles(chain: tuple[Path, ...], css_path: Path, css_digest: str) -> tuple[Any, Any]:
    """Parse the PDF stylesheet once per worker; fonts load with it (digest keys the cache)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    # Free the fonts while WeasyPrint's modules still exist; at interpreter teardown its
    # __del__ fails noisily.
    atexit.register(_styles.cache_clear)
    fetcher = _fetcher_class()(chain)
    with _loud_weasyprint(css_path):
        css = CSS(filename=str(css_path), url_fetcher=fetcher, font_config=fonts)
    return css, fonts


# Browser-only CSS in the shared stylesheet is expected noise; these mean a broken sheet.
_FATAL = ("cannot be loaded", "Failed to load", "No anchor", "Invalid date", "not found")
_SHOWN = 5


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _loud_weasyprint(where: Path) -> Iterator[None]:
    """Turn WeasyPrint's logged warnings (missing fonts, bad CSS) into a loud failure."""
    from weasyprint.urls import FatalURLFetchingError

    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    except FatalURLFetchingError as exc:
        # It derives from BaseException; catch it here so it becomes our error.
        raise template_error(RENDER_FAILED, str(where), message=str(exc)) from exc
    finally:
        logger.removeHandler(handler)
    problems = list(dict.fromkeys(
        r.getMessage() for r in handler.records
        if r.levelno >= logging.ERROR or any(p in r.getMessage() for p in _FATAL)))
    if problems:
        # A broken link repeats on every page that has it: each once, the first few only.
        shown = "; ".join(problems[:_SHOWN]) + (
            f"; and {len(problems) - _SHOWN:,} more" if len(problems) > _SHOWN else "")
        raise template_error(RENDER_FAILED, str(where), message="WeasyPrint reported: " + shown)


class _Stages(logging.Handler):
    """WeasyPrint's progress log as stages for people: layout page by page, then the PDF."""

    def __init__(self, tell: Callable[[str], None], every: int = 25) -> None:
        super().__init__(logging.INFO)
        self.tell = tell
        self.every = every

    def emit(self, record: logging.LogRecord) -> None:
        text = str(record.msg)
        if text.startswith("Step 5 - Creating layout - Page") and "up-to-date" not in text:
            args = record.args if isinstance(record.args, tuple) else ()
            page = args[0] if args and isinstance(args[0], int) else 0
            if page == 1 or page % self.every == 0:
                self.tell(f"layout: page {page}")
        elif text.startswith("Step 5 - Creating layout - Repagination"):
            self.tell("layout: second pass (page numbers changed)")
        elif text.startswith("Step 6"):
            self.tell("writing the PDF")


@contextmanager
def _stages(tell: Callable[[str], None] | None) -> Iterator[None]:
    if tell is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")
    handler, level = _Stages(tell), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _utc(moment: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(moment, dt.datetime):
        return moment.astimezone(dt.UTC)
    return dt.datetime(moment.year, moment.month, moment.day, tzinfo=dt.UTC)


class PageOverflow(LocatedError):
    """The layout runs over the template's page limit; located at the sheet's summary."""

    loc = ("sheet", "summary")


_BODY_RE = re.compile(r"<body\b")
_MAX_PAGES_RE = re.compile(r"\bdata-max-pages=\"(\d+)\"")
_FILL_RE = re.compile(r"\bdata-fill-max=\"(\d+)\"")


def _body_attribute(html: str, pattern: re.Pattern[str]) -> int | None:
    # The body tag first, then the attribute inside it: one pattern reading `[^>]*` from
    # every `<body` of a page without `>` was quadratic in the page's length.
    body = _BODY_RE.search(html)
    if body is None:
        return None
    end = html.find(">", body.end())
    found = pattern.search(html, body.end(), len(html) if end < 0 else end)
    return int(found[1]) if found else None


def max_pages(html: str) -> int | None:
    """The page limit a template declares on its body (`data-max-pages`), if any."""
    return _body_attribute(html, _MAX_PAGES_RE)


def fill_max(html: str) -> int:
    """How many optional items a one-page template can add to fill its page (`data-fill-max`)."""
    return _body_attribute(html, _FILL_RE) or 0


# The brief ends its content with this anchor (templates/brief/sheet.html); where it lands
# says how much of the last page the content fills, through WeasyPrint's public Page.anchors.
END_ANCHOR = "end-of-sheet"


def pages_needed(document: Any) -> float:
    """Pages the layout fills: whole pages, plus the last one's share down to the end anchor."""
    page = document.pages[-1]
    point = page.anchors.get(END_ANCHOR)
    if point is None or not page.height:
        # No anchor on the last page (a template without one): count the page as full.
        return float(len(document.pages))
    share = min(max(float(point[1]) / float(page.height), 0.0), 1.0)
    return len(document.pages) - 1 + share


def _filled(document: Any, html: str, refill: Callable[[int], str] | None,
            layout: Callable[[str], Any]) -> tuple[Any, str]:
    """The fullest page that still fits: the most optional items the layout holds.

    The page with none already fits. Each try lays the page out and counts its pages (the
    end anchor's page); the most that fit are found by halving, a few layouts at most.
    """
    limit, most = max_pages(html), fill_max(html)
    if refill is None or limit is None or not most:
        return document, html

    def attempt(k: int) -> tuple[Any, str, bool]:
        page = refill(k)
        laid = layout(page)
        # Read at the end anchor: the content ends on the last page it may use.
        return laid, page, pages_needed(laid) <= limit

    laid, page, fits = attempt(most)
    if fits:
        return laid, page
    best, low, high = (document, html), 0, most  # `low` items fit, `high` do not
    while high - low > 1:
        middle = (low + high) // 2
        laid, page, fits = attempt(middle)
        if fits:
            best, low = (laid, page), middle
        else:
            high = middle
    return best


def _check_pages(document: Any, html: str, template: Template) -> None:
    limit = max_pages(html)
    if limit is None or len(document.pages) <= limit:
        return
    # Rounded up, so the message never claims a fit ("1.0 pages") that failed.
    needed = math.ceil(pages_needed(document) * 10) / 10
    raise TOO_MANY_PAGES.error(PageOverflow, template=template.name,
                                       pages=f"{needed:.1f}",
                                       limit="one page" if limit == 1 else f"{limit} pages")


@contextmanager
def _font_dates(pinned: dt.datetime) -> Iterator[None]:
    """Pin the date fontTools writes into every font it saves (reproducible-builds' variable)."""
    # WeasyPrint saves some fonts through fontTools (variable and colour fonts, and the
    # fallback subsetter), which stamps the wall clock into each font's `head` table
    # unless SOURCE_DATE_EPOCH is set: without this, two builds of one sheet differ.
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(pinned.timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _fewer_collections(make: Callable[P, bytes]) -> Callable[P, bytes]:
    """Run the cycle collector rarely while WeasyPrint works; sweep the young garbage after."""
    # Layout allocates boxes by the hundred thousand: at the default threshold (700) the
    # collector runs thousands of times per sheet (callgrind, the example's whole build:
    # 10.26 -> 9.92 billion instructions). Nothing is promoted to the oldest generation
    # meanwhile, and one young collection once the document is unreachable frees its
    # cycles: raised for a whole build instead, a worker's garbage reached the oldest
    # generation and stayed (6 sheets: 193 against 115 MB; now 115).
    @wraps(make)
    def run(*args: P.args, **kwargs: P.kwargs) -> bytes:
        before = gc.get_threshold()
        gc.set_threshold(100_000, 1_000, 1_000)
        try:
            return make(*args, **kwargs)
        finally:
            gc.set_threshold(*before)
            gc.collect(1)

    return run


@_fewer_collections
def write_pdf(html: str, template: Template, *, created: dt.date | dt.datetime,
              attachment: bytes | None = None, attachment_name: str = "facts.json",
              progress: Callable[[str], None] | None = None,
              refill: Callable[[int], str] | None = None) -> bytes:
    """Render HTML to PDF/UA-1 bytes: metadata from the HTML head, dates pinned to `created`."""
    # `progress`, when given, hears the stages of a long PDF: layout page by page, then writing.
    # `refill(k)`, when given, renders the page with k of its optional items: a one-page
    # template (`data-fill-max`) is filled with the most that still fit.
    load_weasyprint()
    from weasyprint import DEFAULT_OPTIONS, HTML, Attachment

    css_path = template.asset(PDF_CSS)
    digest = hashlib.sha256(css_path.read_bytes()).hexdigest()
    css, fonts = _styles(template.chain, css_path, digest)
    fetcher = _fetcher_class()(template.chain)
    pinned = _utc(created)
    attachments = []
    if attachment is not None:
        attachments.append(Attachment(
            string=attachment, name=attachment_name, created=pinned, modified=pinned,
            description="The normalised facts this sheet was built from (JSON)"))
    with _loud_weasyprint(template.folder), _stages(progress), _font_dates(pinned):
        try:
            options = {**DEFAULT_OPTIONS, "stylesheets": [css], "pdf_variant": "pdf/ua-1",
                       "attachments": attachments}

            def layout(page: str) -> Any:
                return HTML(string=page, base_url=str(template.folder) + "/",
                            url_fetcher=fetcher).render(fonts, **options)

            # Laid out first, so a template's page limit is checked before any bytes exist.
            document = layout(html)
            _check_pages(document, html, template)
            document, html = _filled(document, html, refill, layout)
            options["pdf_identifier"] = hashlib.sha256(html.encode()).hexdigest()[:32].encode()
            data = document.write_pdf(**{k: options[k] for k in DEFAULT_OPTIONS})
        except (OSError, ValueError) as exc:
            raise RENDER_FAILED.error(
                RenderError, str(template.folder), message=f"PDF rendering failed: {exc}") from exc
    assert isinstance(data, bytes)
    return data
