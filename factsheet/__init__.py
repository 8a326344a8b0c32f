"""factsheet: validated, cited briefing sheets from hand-curated YAML facts."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """PACKAGED_TEMPLATES: the templates shipped with the package (see load/templates.py)."""
    if name == "PACKAGED_TEMPLATES":
        # Imported on first use: `import factsheet` stays instant.
        from factsheet.load.templates import packaged_templates

        return packaged_templates()
    raise AttributeError(name)
