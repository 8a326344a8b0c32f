"""Stage 6, build: validate everything first, then render and write each sheet atomically."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from factsheet.errors import Diagnostic, FactsheetError, UsageError
from factsheet.fsutil import write_atomic
from factsheet.model import Facts
from factsheet.render import default_templates, render_html, resolve_template
from factsheet.validate import validate_sheet

FORMATS = ("json", "html", "pdf")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where."""

    out: Path = Path("build")
    formats: tuple[str, ...] = FORMATS
    strict: bool = False
    templates: Path = field(default_factory=default_templates)
    archive_dir: Path | None = None


@dataclass
class SheetResult:
    """The outcome of building one sheet."""

    folder: Path
    status: str  # "built", "skipped" or "failed"
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0


def parse_formats(text: str) -> tuple[str, ...]:
    """Parse `html,pdf,json` into a tuple in canonical order."""
    asked = {part.strip() for part in text.split(",") if part.strip()}
    unknown = asked - set(FORMATS)
    if unknown or not asked:
        raise UsageError(f"unknown format(s) {', '.join(sorted(unknown)) or '(none)'}; "
                         f"choose from {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in asked)


def facts_json(facts: Facts) -> bytes:
    """Serialise the normalised facts deterministically."""
    return (json.dumps(facts.to_json(), indent=2, ensure_ascii=False) + "\n").encode()


def render_outputs(facts: Facts, options: BuildOptions) -> dict[str, bytes]:
    """Produce every requested output in memory, before anything is written."""
    outputs: dict[str, bytes] = {}
    data = facts_json(facts)
    if "json" in options.formats:
        outputs["json"] = data
    if "html" in options.formats or "pdf" in options.formats:
        template = resolve_template(options.templates, facts.sheet.template)
        html = render_html(facts, template)
        if "html" in options.formats:
            outputs["html"] = html.encode()
        if "pdf" in options.formats:
            from factsheet.pdf import write_pdf

            outputs["pdf"] = write_pdf(html, template, created=facts.sheet.as_of,
                                       attachment=data, attachment_name=f"{facts.slug}.json")
    return outputs


def build_sheet(folder: Path, options: BuildOptions) -> SheetResult:
    """Validate and build one sheet; nothing is written unless every output was produced."""
    facts, diags = validate_sheet(folder, strict=options.strict)
    if facts is None:
        return SheetResult(folder, "failed", diagnostics=diags)
    try:
        outputs = render_outputs(facts, options)
    except FactsheetError as exc:
        return SheetResult(folder, "failed", diagnostics=diags + exc.diagnostics())
    written = []
    for fmt, data in outputs.items():
        target = options.out / f"{facts.slug}.{fmt}"
        write_atomic(target, data)
        written.append(target)
    return SheetResult(folder, "built", written, diags)
