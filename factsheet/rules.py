"""The rules table: every diagnostic's code, name, severity, message, hint and example."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

from factsheet.errors import Diagnostic, Severity

# Code ranges, one per stage:
#   FS0xx  usage and the file system (paths, options, writing outputs)
#   FS1xx  loading YAML (syntax, encoding, keys, tags, aliases)
#   FS2xx  the schema (types, required fields, enumerations, values, text hygiene)
#   FS3xx  cross-references, dates and the sheet's own consistency
#   FS4xx  check: excerpts and quotes against archived copies
#   FS5xx  build, templates and rendering


@dataclass(frozen=True)
class Rule:
    """One rule: a stable code and name, its default severity, and the words it speaks."""

    code: str  # "FS104"
    name: str  # "unknown-key"
    severity: Severity
    message: str  # a str.format template over the fields the reporting site passes
    hint: str  # how to fix it; a template too ("" when the fix is in the message)
    summary: str  # one line for the docs
    example: str = ""  # a failing input (YAML), shown in the docs and run by a test

    def fields(self) -> set[str]:
        """The names the message and hint templates need."""
        names: set[str] = set()
        for text in (self.message, self.hint):
            names |= {f for _, f, _, _ in string.Formatter().parse(text) if f}
        return names

    def at(self, path: str, line: int, column: int, where: str, *,
           severity: Severity | None = None, **values: Any) -> Diagnostic:
        """Build this rule's diagnostic at a place, filling its templates from `values`."""
        return Diagnostic(path, line, column, severity or self.severity, where,
                          self.message.format(**values), self.hint.format(**values),
                          self.code)


RULES: tuple[Rule, ...] = (
    Rule("FS001", "no-such-path", "error",
         "{path}: no such file or folder", "check the path; it is read relative to the "
         "current folder", "A PATH, --archive-dir or --since that names nothing."),
    Rule("FS104", "unknown-key", "error",
         "unknown key `{name}`", "{suggestion}",
         "A key the schema does not have at this place.",
         "figures:\n  - id: a\n    lable: Killed\n"),
    # --- FS050-FS099 (build helper): the file system, locks, disk
    Rule("FS050", "disk-full", "error",
         "no space left on device while writing {file}", "free space and rerun; the previous "
         "outputs are left as they were",
         "The output folder's disk filled up; nothing half-written is left."),
    Rule("FS051", "read-only", "error",
         "the file system is read-only while writing {file}",
         "choose a writable --out folder, or remount it read-write, and rerun",
         "The output folder is on a read-only file system."),
    Rule("FS052", "permission-denied", "error",
         "permission denied while writing {file}",
         "make the folder writable for you, or choose another --out folder, and rerun",
         "The output folder may not be written by this user."),
    Rule("FS053", "write-failed", "error",
         "cannot write {file}: {reason}", "fix the cause and rerun; the previous outputs are "
         "left as they were", "Any other operating-system error while writing outputs."),
    # --- FS500-FS599 (build helper): build, templates, render, exporters
    Rule("FS500", "same-slug", "error",
         "the sheet slug `{slug}` is also the slug of {others}; their outputs would overwrite "
         "each other, so this sheet is not built",
         "rename one of the folders: the slug names the outputs ({slug}.json, .html, .pdf)",
         "Two sheet folders with one name would overwrite each other's outputs."),
    Rule("FS501", "archive-folder-missing", "warning",
         "the declared archive folder {folder} does not exist; no excerpt can be checked",
         "create it with the archived copies, or fix `sheet.archive` (relative to the sheet "
         "folder)", "`sheet.archive` names a folder that is not there (an error under --strict)."),
    Rule("FS502", "template-not-found", "error", "{message}",
         "choose one of the templates listed, or add its folder under --templates",
         "`sheet.template` or a file it includes does not exist."),
    Rule("FS503", "template-syntax", "error", "template syntax: {message}",
         "fix the template at this line", "A template file does not parse as Jinja."),
    Rule("FS504", "template-undefined", "error", "template uses an undefined name: {message}",
         "check the name against docs/templates.md", "A template reads a name the view lacks."),
    Rule("FS505", "template-unsafe", "error",
         "the template did something the sandbox forbids: {message}",
         "custom templates are code: remove the access to Python internals (see "
         "docs/templates.md)", "A template reached for `__globals__`, `__class__` or the like."),
    Rule("FS506", "template-outside", "error",
         "the template file `{file}` lies outside the template chain ({target})",
         "include and extend only files inside the template folders; no symlinks out",
         "An include or extends that resolves outside the template folders."),
    Rule("FS507", "render-failed", "error", "{message}",
         "check the template's CSS and fonts", "WeasyPrint could not render the PDF."),
    Rule("FS508", "worker-died", "error", "build aborted: {detail}",
         "run again; with --jobs 1 to see whether this sheet alone fails",
         "A build worker died (killed, out of memory)."),
    Rule("FS509", "internal-error", "error", "internal error: {detail}",
         "please report this with the sheet that triggers it",
         "A bug in factsheet; the other sheets are still built."),
    Rule("FS510", "template-failed", "error", "the template failed: {message}",
         "fix the template at this line (custom templates are code)",
         "A template expression raised an error (a wrong call, a division by zero)."),
)

BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def rule(name_or_code: str) -> Rule:
    """Return the rule with this name (`unknown-key`) or code (`FS104`)."""
    found = BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code)
    if found is None:
        raise KeyError(f"no rule {name_or_code!r}")  # a bug of ours, not of the input
    return found
