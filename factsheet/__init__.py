"""factsheet: validated, cited briefing sheets from hand-curated YAML facts."""

from __future__ import annotations

__version__ = "0.1.0"
