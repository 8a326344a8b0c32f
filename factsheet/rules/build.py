"""The rules of one stage: build, templates, rendering and exporters (FS5xx)."""

from __future__ import annotations

from factsheet.rules.base import Rule

__all__ = [
    "ARCHIVE_OVER_LIMIT", "DANGLING_LINK", "INTERNAL_ERROR", "RENDER_FAILED", "SAME_SLUG",
    "SHEET_LINK", "SHEET_OVER_LIMIT", "TEMPLATE_CONFIG_INVALID", "TEMPLATE_FAILED",
    "TEMPLATE_NOT_FOUND", "TEMPLATE_OUTSIDE", "TEMPLATE_SYNTAX", "TEMPLATE_UNDEFINED",
    "TEMPLATE_UNSAFE", "TOO_MANY_PAGES", "WORKER_DIED",
]

# --- FS500-FS599 (build helper): build, templates, render, exporters
SAME_SLUG = Rule(
    "FS500", "same-slug", "error",
    "the sheet slug `{slug}` is also the slug of {others}; their outputs would overwrite "
    "each other, so this sheet is not built",
    "rename one of the folders: the slug names the outputs ({slug}.json, .html, .pdf)",
    "Two sheet folders with one name would overwrite each other's outputs.",
    why="Two sheets with one slug would overwrite each other's outputs.")

# --- FS512-FS519 (fail-closed helper)
SHEET_LINK = Rule(
    "FS512", "sheet-link", "error",
    "this folder is a symlink to the sheet {target}, which is built under its own name; "
    "the link is not built",
    "remove the link, or copy the folder if it is meant to be a sheet of its own",
    "A sheet folder that is a symbolic link to another sheet folder of the same build.",
    why="A linked sheet folder would be built twice under two names, or instead of the real "
        "sheet.")

TEMPLATE_NOT_FOUND = Rule(
    "FS502", "template-not-found", "error", "{message}",
    "choose one of the templates listed, or add its folder under --templates",
    "`sheet.template` or a file it includes does not exist.",
    why="A missing template cannot build the sheet; guessing another would change its look "
        "silently.")

TEMPLATE_SYNTAX = Rule(
    "FS503", "template-syntax", "error", "template syntax: {message}",
    "fix the template at this line", "A template file does not parse as Jinja.",
    why="A template that does not parse cannot render anything.")

TEMPLATE_UNDEFINED = Rule(
    "FS504", "template-undefined", "error", "template uses an undefined name: {message}",
    "check the name against docs/templates.md", "A template reads a name the view lacks.",
    why="A name the view lacks would print as nothing; templates are strict about undefined "
        "names.")

TEMPLATE_UNSAFE = Rule(
    "FS505", "template-unsafe", "error",
    "the template did something the sandbox forbids: {message}",
    "custom templates are code: remove the access to Python internals (see "
    "docs/templates.md)", "A template reached for `__globals__`, `__class__` or the like.",
    why="Templates run sandboxed: a template must not reach Python's internals.")

TEMPLATE_OUTSIDE = Rule(
    "FS506", "template-outside", "error",
    "the template file `{file}` lies outside the template chain ({target})",
    "include and extend only files inside the template folders; no symlinks out",
    "An include or extends that resolves outside the template folders.",
    why="Templates may include only files of the template folders, never arbitrary files on "
        "disk.")

RENDER_FAILED = Rule(
    "FS507", "render-failed", "error", "{message}",
    "check the template's CSS and fonts", "WeasyPrint could not render the PDF.",
    why="A PDF that failed to render is never written; the previous one is kept.")

WORKER_DIED = Rule(
    "FS508", "worker-died", "error", "build aborted: {detail}",
    "run again; with --jobs 1 to see whether this sheet alone fails",
    "A build worker died (killed, out of memory).",
    why="A dead worker's sheet is reported failed, never left half built.")

INTERNAL_ERROR = Rule(
    "FS509", "internal-error", "error", "internal error: {detail}",
    "please report this with the sheet that triggers it",
    "A bug in factsheet; the other sheets are still built.",
    why="A bug of ours is reported as such, and the other sheets are still built.")

TEMPLATE_FAILED = Rule(
    "FS510", "template-failed", "error", "the template failed: {message}",
    "fix the template at this line (custom templates are code)",
    "A template expression raised an error (a wrong call, a division by zero).",
    why="A template expression that fails would leave a hole in the page.")

DANGLING_LINK = Rule(
    "FS511", "dangling-link", "error",
    "the page links to {links} but has no element with that id",
    "print the section these links point to, or leave the links out where it is not "
    "shown (the brief sets `one_page` for that, see docs/templates.md)",
    "A rendered page links to an anchor it does not have (a citation marker to an "
    "unlisted source, say).",
    why="A link to nowhere on a sheet looks like a citation that leads nowhere.")

# --- FS540-FS559 (layout): page limits of the packaged templates, see docs/templates.md
TOO_MANY_PAGES = Rule(
    "FS540", "too-many-pages", "error",
    "the {template} needs {pages} pages but must fit on {limit}",
    "mark fewer figures `key: true` or shorten the summary",
    "A sheet whose template (the one-page `brief`) runs over its page limit.",
    why="The brief promises one page; a second page would be missed by the readers it is "
        "for.")

# --- FS800-FS819 (charts): a template's switches, see docs/templates.md
TEMPLATE_CONFIG_INVALID = Rule(
    "FS800", "template-config-invalid", "error",
    "{path}: `config:` cannot set `{key}`",
    "write `config:` then one of: {known}",
    "A template's `config:` block in labels.yaml with an unknown switch or a non-boolean.",
    why="A template switch that is misspelt or not a yes/no would silently do nothing.")

# --- FS560-FS579 (speed helper): documented size limits, see docs/performance.md "Limits"
SHEET_OVER_LIMIT = Rule(
    "FS560", "sheet-over-limit", "warning",
    "the sheet has {n} figures, more than the documented limit of {limit}; its PDF "
    "takes {time} of CPU time and {memory} of memory to build",
    "split it into several sheets (by phase or by place), or build with --to json,html "
    "while editing and make the PDF once at the end",
    "A sheet with more figures than the documented limit: it builds, slowly.",
    why="Very large sheets still build, but slowly; the limit says how slowly before you "
        "wait.")

ARCHIVE_OVER_LIMIT = Rule(
    "FS561", "archive-over-limit", "warning",
    "the archived copy {copy} is {size}, more than the documented limit of {limit}; "
    "checking it takes {time}",
    "save only the article (the page's main text) rather than the whole site or feed",
    "An archived copy larger than the documented limit: it is checked, slowly.",
    why="Very large copies are still checked, but slowly; the limit says how slowly before "
        "you wait.")

RULES: tuple[Rule, ...] = (
    SAME_SLUG, SHEET_LINK, TEMPLATE_NOT_FOUND, TEMPLATE_SYNTAX, TEMPLATE_UNDEFINED,
    TEMPLATE_UNSAFE, TEMPLATE_OUTSIDE, RENDER_FAILED, WORKER_DIED, INTERNAL_ERROR, TEMPLATE_FAILED,
    DANGLING_LINK, TOO_MANY_PAGES, TEMPLATE_CONFIG_INVALID, SHEET_OVER_LIMIT, ARCHIVE_OVER_LIMIT,
)
