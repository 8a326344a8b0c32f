"""A template's own words for the sheet's language, with plurals by the language's rules."""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from factsheet import PACKAGED_TEMPLATES
from factsheet.errors import TemplateError
from factsheet.rules import (
    LABELS_NOT_MAPPING,
    LABELS_PLACEHOLDER,
    LABELS_UNREADABLE,
    NO_LABELS,
    TEMPLATE_CONFIG_INVALID,
)

LABELS = "labels.yaml"
BRIEFING = PACKAGED_TEMPLATES / "briefing"


class Labels:
    """Words by key; templates read `labels.key`, the view fills placeholders and plurals."""

    def __init__(self, words: dict[str, Any], locale: Locale,
                 config: dict[str, Any] | None = None) -> None:
        self.words = words
        self.locale = locale
        self.config = config or {}  # the template's switches: the `config:` block

    def __getitem__(self, key: str) -> str:
        value = self.words[key]
        if not isinstance(value, str):
            raise KeyError(key)
        return value

    def text(self, key: str, **values: object) -> str:
        """The word for `key` with its {placeholders} filled in."""
        return fill(self[key], key, values)

    def plural(self, key: str, n: int, **values: object) -> str:
        """The plural form of `key` that the language uses for `n`, filled in."""
        forms = self.words[key]
        if isinstance(forms, str):
            return fill(forms, key, {"n": n, **values})
        form = self.locale.plural_form(n)
        return fill(str(forms.get(form, forms["other"])), key, {"n": n, **values})


def _bad_field(text: str) -> str | None:
    """The first placeholder of `text` that is more than a plain name, else None."""
    try:
        for _, name, spec, conversion in string.Formatter().parse(text):
            if name is not None and (not name.isidentifier() or spec or conversion):
                return (name + (f"!{conversion}" if conversion else "")
                        + (f":{spec}" if spec else ""))
    except ValueError:  # a lone `{` or `}`: write `{{` or `}}` for a brace
        return "…"
    return None


def fill(text: str, key: str, values: Mapping[str, object], path: Path | None = None) -> str:
    """Fill {name} placeholders only: a custom template's words are code, and str.format
    would let `{n.__class__...}` walk from a value into Python's internals."""
    bad = _bad_field(text)
    if bad is not None:
        raise LABELS_PLACEHOLDER.error(TemplateError, str(path or LABELS),
                                               path=path or LABELS, key=key, field=bad)
    return text.format_map({name: values[name] for _, name, _, _ in
                            string.Formatter().parse(text) if name is not None})


def load_labels(chain: tuple[Path, ...], lang: str) -> Labels:
    """Merge `labels.yaml` along a template chain: English, then the language, then the tag."""
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    words: dict[str, Any] = {}
    config: dict[str, Any] = {}
    # The built-in words first, so a template needs a labels.yaml only to change some.
    folders = (BRIEFING, *(f for f in reversed(chain) if f.resolve() != BRIEFING))
    for folder in folders:
        table = _read(folder / LABELS)
        config.update(_config(folder / LABELS, table))
        for block in ("en", lang.split("-")[0].lower(), lang):
            given = table.get(block) or {}
            _check_placeholders(folder / LABELS, given)
            words.update(given)
    if not words:
        raise NO_LABELS.error(TemplateError, str(chain[0]),
                                      folders=", ".join(str(f) for f in chain))
    return Labels(words, locale, config)


def _check_placeholders(path: Path, words: Any) -> None:
    """Refuse, when the template is loaded, a word whose placeholder is not a plain name."""
    if not isinstance(words, dict):
        return
    for key, value in words.items():
        texts = value.values() if isinstance(value, dict) else [value]
        for text in texts:
            bad = _bad_field(text) if isinstance(text, str) else None
            if bad is not None:
                raise LABELS_PLACEHOLDER.error(TemplateError, str(path), path=path,
                                                       key=key, field=bad)


# The switches a template's `config:` block may set, and their defaults.
CONFIG: dict[str, bool] = {"charts": True}


def _config(path: Path, table: dict[str, Any]) -> dict[str, Any]:
    block = table.get("config") or {}
    wrong = [k for k, v in block.items() if k not in CONFIG or not isinstance(v, bool)] \
        if isinstance(block, dict) else ["config"]
    if wrong:
        raise TEMPLATE_CONFIG_INVALID.error(
            TemplateError, str(path), path=path, key=wrong[0],
            known=", ".join(f"{k}: true|false" for k in CONFIG))
    return dict(block)


@lru_cache(maxsize=32)
def _read(path: Path) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        return {}
    try:
        # libyaml when present: the pure-Python parser took 0.12 s of a cold build here.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LABELS_UNREADABLE.error(TemplateError, str(path), path=path,
                                              reason=exc) from exc
    if not isinstance(data, dict):
        raise LABELS_NOT_MAPPING.error(TemplateError, str(path), path=path)
    return data
