"""The project config: `[tool.factsheet]` in the nearest pyproject.toml above the working folder.

Settings are typed by one pydantic model (model.py); a value's source (a file place or
`default`) is kept, so `factsheet config` can say where each came from. Flags override
every setting. This module imports nothing: `factsheet --version` must stay light.
"""
