"""The settings a project config may hold: names, types, defaults and what they mean."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

# BCP 47 in the shape the fact files accept (en, ru, en-GB, zh-Hant-TW).
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _lang(value: str) -> str:
    if not LANG_RE.match(value):
        raise ValueError("is not a language tag; write a BCP 47 tag such as en, ru or en-GB")
    return value


def _name(value: str) -> str:
    if not NAME_RE.match(value):
        raise ValueError("is not a template name; write a folder name such as briefing or brief")
    return value


def _folder(value: str) -> str:
    if not value.strip() or value == "-":
        raise ValueError("is not a folder; write a folder path such as build")
    return value


Folder = Annotated[str, AfterValidator(_folder)]


class Settings(BaseModel):
    """`[tool.factsheet]`: every key optional; the defaults are what the flags default to."""

    # strict: TOML has real booleans and strings, so "yes" is never taken for true.
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=False,
                              frozen=True)

    facts: Folder = Field("facts", description="the folder of sheets commands read by default")
    out: Folder = Field("build", description="the folder `build` and `site` write")
    archive_dir: Folder | None = Field(None, alias="archive-dir",
                                       description="the folder of archived article copies "
                                                   "(default: each sheet's archive/)")
    editions: Folder = Field("editions", description="the folder of recorded editions")
    templates: Folder | None = Field(None, description="the folder of templates (default: "
                                     "./templates, else the packaged ones)")
    template: Annotated[str, AfterValidator(_name)] | None = Field(
        None, description="the template every sheet is built with (default: each sheet's "
                          "`sheet.template`, else briefing)")
    strict: bool = Field(False, description="treat warnings as errors in validate, check, "
                                            "build and diff")
    lang: Annotated[str, AfterValidator(_lang)] = Field(
        "en", description="the language `factsheet new` writes into a new sheet")


def _key(name: str) -> str:
    field = Settings.model_fields[name]
    return field.alias or name


# The TOML spelling of each setting (kebab-case, as ruff and mkdocs' users expect).
KEYS: dict[str, str] = {_key(name): name for name in Settings.model_fields}
# Settings that are folders: relative to the config file's folder, not the working folder.
FOLDERS = ("facts", "out", "archive_dir", "editions", "templates")
