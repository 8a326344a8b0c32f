"""The desk's front page and feed: index.html and feed.xml over every built sheet."""

from __future__ import annotations

from factsheet.site.digest import Digest, digest, read_built
from factsheet.site.write import build_site

__all__ = ["Digest", "build_site", "digest", "read_built"]
