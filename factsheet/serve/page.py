"""What serve adds to a page: the reload script, the error overlay, and the PDF viewer page."""

from __future__ import annotations

import re
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

# The panels open the page, in the flow: they push the sheet down and so never cover its
# title (a fixed overlay did). A small fixed badge in the bottom corner links back up to
# them from anywhere down the page; it covers no heading.
_PANEL = ("margin:0;padding:1em 1.5em;color:#1a1a1a;font:14px/1.45 system-ui,sans-serif;"
          "max-height:60vh;overflow:auto;")
_ERRORS = _PANEL + "background:#fff4f4;border-bottom:4px solid #b00020"
_WARNINGS = _PANEL + "background:#fff8e1;border-bottom:4px solid #8a6d00"
_BADGE = ("position:fixed;right:.75rem;bottom:.75rem;z-index:2147483647;padding:.35em .8em;"
          "border-radius:1em;font:600 13px/1.4 system-ui,sans-serif;text-decoration:none;"
          "color:#fff;box-shadow:0 2px 8px rgba(0,0,0,.3)")
BODY_OPEN = re.compile(r"<body\b[^>]*>", re.I)


def _items(found: list[Diagnostic]) -> str:
    return "".join(
        f'<li><code class="place">{escape(f"{d.path}:{d.line}:{d.column}")}</code> '
        f'<strong>{escape(d.severity)}{escape(f"[{d.code}]" if d.code else "")}</strong> '
        f"{escape(d.where)}: {escape(d.message)}"
        + (f'<br><span class="hint">{escape(d.hint)}</span>' if d.hint else "") + "</li>"
        for d in found)


def overlay(problems: list[Diagnostic], *, stale: bool) -> str:
    """The panel listing every problem at file:line:col with its hint."""
    count = len(problems)
    head = (f"{count} problem{'s' * (count != 1)} in the sheet: "
            + ("showing the last good build below" if stale else "no good build yet")
            + "; save a fix and this page updates.")
    return (f'<section id="factsheet-overlay" role="alert" aria-labelledby="factsheet-errors-h"'
            f' style="{_ERRORS}"><h2 id="factsheet-errors-h" style="margin:0 0 .5em;'
            f'font-size:1.1em;color:#b00020">{escape(head)}</h2>'
            f'<ol style="margin:0;padding-left:1.5em">{_items(problems)}</ol></section>\n')


def warnings_panel(warnings: list[Diagnostic]) -> str:
    """The panel listing the warnings (TODO placeholders among them), as `validate` does."""
    count = len(warnings)
    todo = sum(d.code == "FS700" for d in warnings)
    head = (f"{count} warning{'s' * (count != 1)}"
            + (f", {todo} of them TODO placeholder{'s' * (todo != 1)}" if todo else "")
            + ": `build --strict` refuses the sheet until they are fixed.")
    return (f'<section id="factsheet-warnings" role="status" aria-labelledby="factsheet-warn-h"'
            f' style="{_WARNINGS}"><h2 id="factsheet-warn-h" style="margin:0 0 .5em;'
            f'font-size:1.1em;color:#6b5400">{escape(head)}</h2>'
            f'<ol style="margin:0;padding-left:1.5em">{_items(warnings)}</ol></section>\n')


def _badge(problems: list[Diagnostic], warnings: list[Diagnostic]) -> str:
    target, count, colour = (("factsheet-overlay", len(problems), "#b00020") if problems else
                             ("factsheet-warnings", len(warnings), "#6b5400"))
    what = "problem" if problems else "warning"
    return (f'<a id="factsheet-badge" href="#{target}" style="{_BADGE};background:{colour}">'
            f"{count} {what}{'s' * (count != 1)} ↑</a>\n")


def served(html: str | None, generation: int, problems: list[Diagnostic],
           warnings: list[Diagnostic] | None = None) -> str:
    """The page as served: the built HTML (or a blank page), the panels and reload script."""
    warnings = warnings or []
    page = html if html is not None else (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>factsheet preview</title></head><body></body></html>\n")
    page = page.replace("<html", f'<html data-factsheet-generation="{generation}"', 1)
    panels = (overlay(problems, stale=html is not None) if problems else "") + \
        (warnings_panel(warnings) if warnings else "")
    if panels:
        opened = BODY_OPEN.search(page)
        at = opened.end() if opened else 0
        page = page[:at] + "\n" + panels + page[at:]
    extra = (_badge(problems, warnings) if panels else "") + RELOAD_SCRIPT
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
