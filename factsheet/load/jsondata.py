"""Loaded data and models as JSON data: dates as ISO text, aliases as keys, None left out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from factsheet.load.sheet import Ambiguous


def jsonable(value: Any) -> Any:
    """Convert models, loaded data and dates to JSON data, by alias, leaving out None fields."""
    if isinstance(value, BaseModel):
        out: dict[str, Any] = {}
        for name, info in type(value).model_fields.items():
            item = getattr(value, name)
            if item is not None:
                out[info.alias or name] = jsonable(item)
        return out
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Ambiguous):  # a plain scalar the loader would not guess at: its text
        return value.raw
    return value
