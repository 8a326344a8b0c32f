"""The project config: `[tool.factsheet]` in the nearest pyproject.toml above the working folder.

Settings are typed by one pydantic model; a value's source (a file place or `default`) is
kept, so `factsheet config` can say where each came from. Flags override every setting.
"""

from __future__ import annotations

from factsheet.config.load import CONFIG_FILE, TABLE, Config, Setting, find_config, load_config
from factsheet.config.model import KEYS, Settings

__all__ = ["CONFIG_FILE", "KEYS", "TABLE", "Config", "Setting", "Settings", "find_config",
           "load_config"]
