"""A sheet's news in words, read from its facts JSON: what changed, and what was withdrawn.

Used by the site's feed and by the GitHub job summary. The sheet itself words these
through its template and labels; these lines are plain English for a desk's readers of a
feed or a pull request, from the same `changes` list `build/<slug>.json` carries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUALIFIERS = {"about": "about {}", "at_least": "at least {}", "more_than": "more than {}",
              "at_most": "at most {}", "fewer_than": "fewer than {}"}
KINDS = ("figures", "quotes", "events")


def value_text(value: Any, approx: str | None = None) -> str:
    """A figure's value as words: 3,700; dozens; 18-26; with its qualifier."""
    if isinstance(value, bool) or value is None:
        text = "" if value is None else str(value)
    elif isinstance(value, int):
        text = f"{value:,}"
    elif isinstance(value, dict) and "min" in value:
        text = f"{value_text(value.get('min'))}–{value_text(value.get('max'))}"
    else:
        text = str(value)
    return QUALIFIERS.get(approx or "", "{}").format(text)


def _side(side: Any) -> str:
    if isinstance(side, list):
        return " / ".join(_side(s) for s in side) or "none"
    if isinstance(side, dict) and "value" in side:
        return value_text(side["value"], side.get("approx"))
    if isinstance(side, dict):
        return side.get("text") or side.get("title") or side.get("id") or "?"
    return "none" if side is None else value_text(side)


@dataclass(frozen=True)
class Digest:
    """What one build or edition of a sheet says is new."""

    slug: str
    title: str
    edition: int | None
    as_of: str
    issued: str
    since: str  # "edition 2 (as of ...)" or "" when there is no baseline
    changes: list[str] = field(default_factory=list)
    corrections: list[str] = field(default_factory=list)
    key_figures: list[tuple[str, str]] = field(default_factory=list)  # label, current value


def _labels(facts: dict[str, Any]) -> dict[str, str]:
    out = {s["id"]: f"{s.get('publisher', '')}, “{s.get('title', s['id'])}”"
           for s in facts.get("sources", []) if isinstance(s, dict) and "id" in s}
    for kind in KINDS:
        for entry in facts.get(kind, []):
            out[entry["id"]] = entry.get("label") or entry.get("speaker") or \
                entry.get("text", entry["id"])
    return out


def change_line(change: dict[str, Any], labels: dict[str, str]) -> str:
    """One change as a sentence: `Killed: dozens → at least 164`."""
    kind, ident = change.get("kind"), str(change.get("id"))
    name = labels.get(ident, ident)
    if kind == "group" or kind == "changed":
        what = name if change.get("field") in ("value", None) else \
            f"{name} ({change.get('field')})"
        return f"{what}: {_side(change.get('before'))} → {_side(change.get('after'))}"
    if kind == "added":
        return f"added {change.get('field')}: {name}" + (
            f" ({_side(change['after'])})" if isinstance(change.get("after"), dict)
            and "value" in change["after"] else "")
    if kind == "removed":
        return f"removed {change.get('field')}: {name}"
    if kind == "retracted":
        return f"withdrawn: {name}"
    if kind == "renamed":
        return f"renamed: {_side(change.get('before'))} → {name}"
    if kind == "excerpt":
        return f"{name}: an excerpt of {change.get('field', '').removeprefix('cite.')} " \
               "was corrected"
    return f"{kind}: {name}"


def corrections(facts: dict[str, Any]) -> list[str]:
    """Every withdrawn fact with when, why and who withdrew it, as the sheet lists them."""
    labels = _labels(facts)
    lines = []
    for kind in KINDS:
        for entry in facts.get(kind, []):
            gone = entry.get("retracted")
            if isinstance(gone, dict):
                cite = gone.get("cite")
                who = ", ".join(c if isinstance(c, str) else c.get("source", "")
                                for c in (cite if isinstance(cite, list) else [cite]) if c)
                what = _side(entry) if kind == "figures" else kind[:-1]
                lines.append(f"{labels[entry['id']]} ({what}) withdrawn on "
                             f"{gone.get('date', '?')}: {gone.get('reason', '')}"
                             + (f" [{who}]" if who else ""))
    return lines


def key_figures(facts: dict[str, Any]) -> list[tuple[str, str]]:
    """Each key figure group's label and current value, in the sheet's order."""
    figures = {f["id"]: f for f in facts.get("figures", [])}
    out = []
    for group in facts.get("groups", []):
        members = [figures[i] for i in group.get("figures", []) if i in figures]
        if not any(f.get("key") for f in members):
            continue
        current = [figures[i] for i in group.get("current", []) if i in figures]
        label = members[0].get("label", group.get("measure", ""))
        out.append((label, " / ".join(_side(f) for f in current) or "—"))
    return out


def digest(facts: dict[str, Any], edition: int | None = None) -> Digest:
    """The digest of a facts JSON (a build's or an edition's)."""
    sheet = facts.get("sheet", {})
    labels = _labels(facts)
    since = facts.get("since") or {}
    since_text = (f"edition {since['edition']} (as of {since.get('as_of', '?')})"
                  if since.get("edition") else str(since.get("source", ""))) if since else ""
    return Digest(str(facts.get("slug")), str(sheet.get("title", facts.get("slug"))),
                  edition if edition is not None else facts.get("edition"),
                  str(sheet.get("as_of", "")), str(sheet.get("issued") or sheet.get("as_of", "")),
                  since_text, [change_line(c, labels) for c in facts.get("changes", [])],
                  corrections(facts), key_figures(facts))


def read_built(out: Path) -> list[tuple[dict[str, Any], Path]]:
    """The facts JSON of every sheet built into `out` (`<slug>.json` naming its own slug)."""
    found = []
    for path in sorted(out.glob("*.json")) if out.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("slug") == path.stem and "sheet" in data:
            found.append((data, path))
    return found
