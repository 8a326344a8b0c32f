"""Stage 8, render: the one sandboxed Jinja environment, and a sheet rendered to one HTML page."""

from __future__ import annotations

from factsheet.render.sheet import PDF_CSS, dangling_links, make_env, render_html, render_view

__all__ = ["PDF_CSS", "dangling_links", "make_env", "render_html", "render_view"]
