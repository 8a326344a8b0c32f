"""The site's index page: one entry per sheet, self-contained, with a link to the feed."""

from __future__ import annotations

from typing import Any

import jinja2

from factsheet.site.digest import Digest

INDEX = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<link rel="alternate" type="application/atom+xml"
      title="{{ title }}: editions and corrections" href="feed.xml">
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 48rem;
       padding: 1rem; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.sheets { list-style: none; padding: 0; margin: 0; }
.sheet { border-top: 1px solid #ccc; padding: 1rem 0; }
.sheet h2 { font-size: 1.25rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
.meta { color: #444; margin: 0 0 .5rem; }
.figures { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: .1rem 1rem;
           margin: 0 0 .5rem; }
.figures dt, .figures dd { margin: 0; }
.figures dd { font-weight: 600; text-align: right; }
.links { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: 0;
         list-style: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
                   clip-path: inset(50%); white-space: nowrap; }
a { color: #0645ad; }
a:visited { color: #5a2d91; }
</style>
</head>
<body>
<header>
<h1>{{ title }}</h1>
<p>{{ sheets|length }} sheet{{ "s" if sheets|length != 1 }}.
<a href="feed.xml">Subscribe to editions and corrections (Atom feed)</a>.</p>
</header>
<main>
<ul class="sheets">
{%- for news, links in sheets %}
<li class="sheet" id="{{ news.slug }}">
<h2>{% if links.HTML %}<a href="{{ links.HTML }}">{{ news.title }}</a>
{%- else %}{{ news.title }}{% endif %}</h2>
<p class="meta">{% if news.edition %}Edition {{ news.edition }} · {% endif -%}
As of <time datetime="{{ news.as_of }}">{{ news.as_of|moment }}</time></p>
{%- if news.key_figures %}
<dl class="figures" aria-label="Key figures of {{ news.title }}">
{%- for label, value in news.key_figures %}
<dt>{{ label }}</dt><dd>{{ value }}</dd>
{%- endfor %}
</dl>
{%- endif %}
<ul class="links" aria-label="Downloads of {{ news.title }}">
{%- for kind, href in links.items() %}
<li><a href="{{ href }}">{{ kind }}<span class="visually-hidden"> of {{ news.title }}</span>
</a></li>
{%- endfor %}
</ul>
</li>
{%- endfor %}
</ul>
</main>
</body>
</html>
"""


def moment(value: str) -> str:
    """ISO `2022-01-15T22:00:00+06:00` as `15 January 2022, 22:00 UTC+06:00`."""
    import datetime as dt

    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    day = f"{when.day} {when:%B %Y}"
    if "T" not in value:
        return day
    offset = when.strftime("%z")
    zone = f" UTC{offset[:3]}:{offset[3:]}" if offset else ""
    return f"{day}, {when:%H:%M}{zone}"


def index_html(sheets: list[tuple[Digest, dict[str, Any]]], title: str) -> str:
    """Render the index (autoescaped; every sheet text is data, never markup)."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["moment"] = moment
    return env.from_string(INDEX).render(sheets=sheets, title=title)
