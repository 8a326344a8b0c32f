"""The JSON Schema (draft 2020-12) of one fact file, generated from the model alone."""

# Editors read it over the YAML text, where a date is text, so dates and datetimes are strings
# with a pattern. To check loaded YAML against it, convert with `model.jsonable` first (dates
# become ISO strings, and a plain scalar the loader would not guess at keeps its text).

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

from factsheet.model import RECORDS, Facts

DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _FactFileSchema(GenerateJsonSchema):
    """Pydantic's generator without per-field titles: each key has its description instead."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        """Never: a field's title only repeats its key."""
        return False

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> dict[str, Any]:
        """Show defaults, but as the value a file would write (`[]` lists stay out)."""
        out = super().default_schema(schema)
        if out.get("default") == []:
            del out["default"]
        return out


def fact_file_schema(facts: type[Facts] = Facts) -> dict[str, Any]:
    """The JSON Schema of one fact file: any of `sheet` and the four lists, nothing else."""
    whole = facts.model_json_schema(schema_generator=_FactFileSchema, mode="validation")
    props: dict[str, Any] = whole["properties"]
    keys = ["sheet", *RECORDS]
    properties: dict[str, Any] = {"sheet": props["sheet"]}
    for name in RECORDS:
        listed = dict(props[name])
        description = listed.pop("description")
        # `sources:` with nothing under it is an empty list to the loader.
        properties[name] = {"description": description, "anyOf": [listed, {"type": "null"}]}
    return {
        "$schema": DIALECT,
        "title": "factsheet fact file",
        "description": "One YAML fact file of a sheet folder. A folder's files together hold "
                       "one `sheet` mapping and any number of entries in the four lists; a "
                       f"file may hold any of {', '.join(keys)}.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": whole["$defs"],
    }
