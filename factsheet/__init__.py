"""factsheet: validated, cited briefing sheets from hand-curated YAML facts."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

# The templates shipped beside the package (the repository's templates/ folder).
PACKAGED_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
