"""The rules of the desk tools: project config, CLI usage, site and CI (FS02x, FS74x)."""

from __future__ import annotations

from factsheet.rules.base import Rule

__all__ = [
    "CONFIG_BAD_VALUE", "CONFIG_SYNTAX", "CONFIG_UNKNOWN_KEY", "OUT_STDOUT", "SITE_NO_SHEETS",
    "TEMPLATE_MANIFEST",
]

# --- FS020-FS039 (desk helper): the project config and command-line usage
CONFIG_SYNTAX = Rule(
    "FS020", "config-syntax", "error",
    "not valid TOML: {reason}", "fix the TOML syntax here (https://toml.io)",
    "A pyproject.toml that TOML cannot read, while factsheet looks for its settings.",
    why="Settings that cannot be read would be silently replaced by defaults, and a build "
        "would run other than you configured.")

CONFIG_UNKNOWN_KEY = Rule(
    "FS021", "config-unknown-key", "error",
    "unknown setting `{key}` in [tool.factsheet]", "{suggestion}",
    "A key of [tool.factsheet] that factsheet does not know (a typo is named).",
    why="A misspelt setting would be ignored, and the build would run with the default "
        "instead.")

CONFIG_BAD_VALUE = Rule(
    "FS022", "config-bad-value", "error",
    "`{key}` {problem}", "{fix}",
    "A [tool.factsheet] value of the wrong type or form.",
    why="A setting of the wrong type has no safe reading; guessing one would build something "
        "you did not ask for.")

OUT_STDOUT = Rule(
    "FS023", "out-stdout", "error",
    "--out -: a build writes a folder of files, never standard output",
    "name a folder, e.g. --out build",
    "`--out -`, which would otherwise make a folder named `-`.",
    why="Outputs are a set of files; `-` would make a folder named `-` instead of writing to "
        "stdout.")

SITE_NO_SHEETS = Rule(
    "FS024", "site-no-sheets", "error",
    "no built sheet under {out}", "run `factsheet build` first, with the same --out",
    "`factsheet site` found no sheet's JSON in the output folder.",
    why="A site built from no sheets would be an empty front page that looks published.")

TEMPLATE_MANIFEST = Rule(
    "FS025", "template-manifest", "error",
    "the template's template.toml {problem}",
    "write `extends = \"brief\"` (or another template's name), or delete the file to "
    "extend briefing", "A custom template's template.toml that cannot say what it extends.",
    why="A template that cannot say what it extends would fall back silently and change the "
        "sheet's look.")

RULES: tuple[Rule, ...] = (
    CONFIG_SYNTAX, CONFIG_UNKNOWN_KEY, CONFIG_BAD_VALUE, OUT_STDOUT, SITE_NO_SHEETS,
    TEMPLATE_MANIFEST,
)
