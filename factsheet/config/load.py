"""Find, read and type-check the project config; every problem is a located, coded diagnostic."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from factsheet.config.find import CONFIG_FILE, find_config
from factsheet.config.locate import place_of_key, place_of_table, place_of_value
from factsheet.config.model import FOLDERS, KEYS, Settings
from factsheet.errors import Diagnostic, FactsheetError, display_path
from factsheet.rules import CONFIG_BAD_VALUE, CONFIG_SYNTAX, CONFIG_UNKNOWN_KEY
from factsheet.suggest import did_you_mean

WHERE = "config"
TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")
# pydantic's strict type errors, in a desk editor's words: (problem, fix).
TYPES: dict[str, tuple[str, str]] = {
    "string_type": ("must be text", "put the value in double quotes, e.g. \"build\""),
    "bool_type": ("must be true or false", "write true or false, without quotes"),
}


class ConfigError(FactsheetError):
    """The project config cannot be used; every problem found is kept."""

    def __init__(self, diags: list[Diagnostic]) -> None:
        super().__init__(diags[0].message, diags[0].path, diags[0].line, diags[0].column,
                         code=diags[0].code, hint=diags[0].hint)
        self.found = diags

    def diagnostics(self) -> list[Diagnostic]:
        """Every problem of the config file."""
        return list(self.found)


@dataclass(frozen=True)
class Setting:
    """One effective setting: its value and where it came from (`default` or file:line:col)."""

    key: str
    value: Any
    source: str


@dataclass(frozen=True)
class Config:
    """The effective settings, the file they came from, and which keys the file set."""

    path: Path | None
    settings: Settings = field(default_factory=Settings)
    places: dict[str, tuple[int, int]] = field(default_factory=dict)  # field name -> line, col

    def value(self, name: str) -> Any:
        """A setting's value; folders the file set are made relative to its own folder."""
        value = getattr(self.settings, name)
        if name in FOLDERS and value is not None and self.path is not None \
                and name in self.places:
            return _near(self.path.parent / value)
        if name in FOLDERS and value is not None:
            return Path(value)
        return value

    def given(self) -> dict[str, Any]:
        """The settings the file sets, by field name, ready to be argparse defaults."""
        return {name: self.value(name) for name in self.places}

    def effective(self) -> list[Setting]:
        """Every setting with its value and source, in the model's order."""
        out = []
        for key, name in KEYS.items():
            if name in self.places and self.path is not None:
                line, column = self.places[name]
                source = f"{display_path(self.path)}:{line}:{column}"
            else:
                source = "default"
            value = self.value(name)
            out.append(Setting(key, str(value) if isinstance(value, Path) else value, source))
        return out


def _near(path: Path) -> Path:
    """The path relative to the working folder when below it (messages stay short)."""
    try:
        return Path(os.path.relpath(path.resolve(), Path.cwd().resolve())) \
            if path.resolve().is_relative_to(Path.cwd().resolve()) else path.resolve()
    except ValueError:
        return path


__all__ = ["CONFIG_FILE", "Config", "ConfigError", "Setting", "find_config", "load_config"]


def load_config(start: Path | None = None) -> Config:
    """Read the project config, or the defaults when there is none; ConfigError when bad."""
    path = find_config(start)
    if path is None:
        return Config(None)
    text = path.read_text(encoding="utf-8")
    shown = display_path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = TOML_PLACE.search(str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        reason = TOML_PLACE.sub("", str(exc)).strip()
        raise ConfigError([CONFIG_SYNTAX.at(shown, line, column, WHERE,
                                                    reason=reason)]) from exc
    table = data.get("tool", {}).get("factsheet") if isinstance(data.get("tool"), dict) \
        else None
    if table is None:
        return Config(None)
    if not isinstance(table, dict):
        line, column = place_of_table(text)
        raise ConfigError([CONFIG_BAD_VALUE.at(
            shown, line, column, WHERE, key="tool.factsheet", problem="must be a table",
            fix="write the settings under a [tool.factsheet] header")])
    return _typed(path, shown, text, table)


def _typed(path: Path, shown: str, text: str, table: dict[str, Any]) -> Config:
    """Type-check the table; gather every problem before raising."""
    diags: list[Diagnostic] = []
    try:
        settings = Settings.model_validate(table)
    except ValidationError as exc:
        for error in exc.errors():
            key = str(error["loc"][0]) if error["loc"] else "tool.factsheet"
            diags.append(_problem(shown, text, key, error))
        raise ConfigError(sorted(diags)) from exc
    places = {KEYS[key]: place_of_key(text, key) for key in table}
    return Config(path, settings, places)


def _problem(shown: str, text: str, key: str, error: Any) -> Diagnostic:
    """One pydantic error as FS021 (unknown key) or FS022 (bad value), at its place."""
    if error["type"] == "extra_forbidden":
        line, column = place_of_key(text, key)
        hint = did_you_mean(key, KEYS) or "the settings are " + ", ".join(KEYS)
        return CONFIG_UNKNOWN_KEY.at(shown, line, column, WHERE, key=key,
                                             suggestion=hint)
    line, column = place_of_value(text, key)
    if error["type"] in TYPES:
        problem, fix = TYPES[error["type"]]
    else:
        problem, _, fix = str(error["msg"]).removeprefix("Value error, ").partition("; ")
    return CONFIG_BAD_VALUE.at(shown, line, column, WHERE, key=key, problem=problem,
                                       fix=fix)
