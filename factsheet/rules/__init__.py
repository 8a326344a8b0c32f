"""The rules table: every diagnostic's code, name, severity, message, hint and example.

One table, kept in one module per stage (a code range each); this module joins them and
looks rules up. docs/format.md's Errors and Warnings are generated from it.
"""

from __future__ import annotations

from factsheet.rules import (
    authoring,
    build,
    check,
    crossref,
    desk,
    editions,
    load,
    schema,
    usage,
)
from factsheet.rules.base import Rule

__all__ = ["BY_CODE", "BY_NAME", "KINDS", "RULES", "Rule", "rule"]

RULES: tuple[Rule, ...] = (usage.RULES + load.RULES + schema.RULES + crossref.RULES
                           + check.RULES + build.RULES + editions.RULES + authoring.RULES
                           + desk.RULES)
BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}

# pydantic's error kinds, and the model's own (`_err(kind, ...)`), each map to one rule.
KINDS: dict[str, str] = {
    "missing": "missing-field", "extra_forbidden": "unknown-key",
    "literal_error": "not-in-list", "string_type": "expected-text",
    "string_too_short": "empty-text", "bool_type": "expected-boolean",
    "int_type": "not-whole-number", "value_float": "not-whole-number",
    "value_bool": "not-whole-number", "value_type": "not-whole-number",
    "greater_than_equal": "negative-number", "value_negative": "negative-number",
    "value_text_number": "number-as-text", "value_word": "unknown-value-word",
    "list_type": "expected-list", "tuple_type": "expected-list",
    "model_type": "expected-mapping", "model_attributes_type": "expected-mapping",
    "dict_type": "expected-mapping", "too_short": "empty-cite", "slug": "not-a-slug",
    "lang": "bad-language-tag", "url_scheme": "url-scheme", "url": "bad-url",
    "sha256": "bad-sha256", "date_format": "date-format", "date_invalid": "invalid-date",
    "datetime_invalid": "invalid-datetime", "date_offset": "datetime-without-offset",
    "date_type": "not-a-date", "range_order": "range-reversed", "span_order": "span-reversed",
    "rule_code": "unknown-rule-code", "rule_error": "error-not-ignorable",
    "agency_empty": "agency-empty", "agency_type": "agency-type",
    "timezone": "unknown-time-zone", "issued_early": "issued-before-as-of",
}


def rule(name_or_code: str) -> Rule:
    """Return the rule with this name (`unknown-key`) or code (`FS104`)."""
    found = BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code)
    if found is None:
        raise KeyError(f"no rule {name_or_code!r}")  # a bug of ours, not of the input
    return found
