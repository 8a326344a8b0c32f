"""What serve adds to a page: the reload script, the error overlay, and the PDF viewer page."""

from __future__ import annotations

from html import escape

from factsheet.errors import Diagnostic

EVENTS = "/__factsheet/events"
PDF_VIEW = "/pdf"

# On each build event, fetch the page again and swap its head and body in place: the
# reader keeps the scroll position, and the EventSource lives on in this closure.
RELOAD_SCRIPT = """<script id="factsheet-reload">
(() => {
  const root = document.documentElement;
  const events = new EventSource("EVENTS");
  events.addEventListener("build", async (event) => {
    if (event.data === root.dataset.factsheetGeneration) return;
    const response = await fetch(location.pathname, {cache: "no-store"});
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    root.dataset.factsheetGeneration = fresh.documentElement.dataset.factsheetGeneration;
    document.head.replaceWith(fresh.head);
    document.body.replaceWith(fresh.body);
  });
})();
</script>
""".replace("EVENTS", EVENTS)

_OVERLAY_STYLE = (
    "position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;"
    "margin:0;padding:1em 1.5em;background:#fff4f4;color:#1a1a1a;border-bottom:4px solid "
    "#b00020;font:14px/1.45 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25)")


def overlay(problems: list[Diagnostic], *, stale: bool) -> str:
    """The overlay listing every problem at file:line:col with its hint."""
    count = len(problems)
    head = (f"{count} problem{'s' * (count != 1)} in the sheet: "
            + ("showing the last good build below" if stale else "no good build yet")
            + "; save a fix and this page updates.")
    items = "".join(
        f'<li><code class="place">{escape(f"{d.path}:{d.line}:{d.column}")}</code> '
        f'<strong>{escape(d.severity)}{escape(f"[{d.code}]" if d.code else "")}</strong> '
        f"{escape(d.where)}: {escape(d.message)}"
        + (f'<br><span class="hint">{escape(d.hint)}</span>' if d.hint else "") + "</li>"
        for d in problems)
    return (f'<section id="factsheet-overlay" role="alert" style="{_OVERLAY_STYLE}">'
            f'<h2 style="margin:0 0 .5em;font-size:1.1em;color:#b00020">{escape(head)}</h2>'
            f'<ol style="margin:0;padding-left:1.5em">{items}</ol></section>\n')


def served(html: str | None, generation: int, problems: list[Diagnostic]) -> str:
    """The page as served: the built HTML (or a blank page) plus overlay and reload script."""
    page = html if html is not None else (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>factsheet preview</title></head><body></body></html>\n")
    page = page.replace("<html", f'<html data-factsheet-generation="{generation}"', 1)
    extra = (overlay(problems, stale=html is not None) if problems else "") + RELOAD_SCRIPT
    at = page.rfind("</body>")
    return page[:at] + extra + page[at:] if at >= 0 else page + extra


def pdf_view(slug: str, generation: int, problems: list[Diagnostic]) -> str:
    """A page showing the PDF, refreshed like the HTML page (a browser's PDF tab is not)."""
    body = (f'<iframe title="{escape(slug)}.pdf" src="/{escape(slug)}.pdf?g={generation}" '
            'style="border:0;width:100%;height:100vh;display:block"></iframe>')
    page = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(slug)}.pdf (preview)</title></head>"
            f'<body style="margin:0">{body}</body></html>\n')
    return served(page, generation, problems)
