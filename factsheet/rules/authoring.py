"""The rules of one stage: authoring, capture and the live preview (FS7xx)."""

from __future__ import annotations

from factsheet.rules.base import Rule, sheet

__all__ = [
    "ARCHIVE_APPEND_REFUSED", "ARCHIVE_ID_TAKEN", "ARCHIVE_NO_TEXT", "FETCH_FAILED",
    "FETCH_NOT_HTML", "FETCH_REDIRECTS", "FETCH_SCHEME", "FETCH_STATUS", "FETCH_TIMEOUT",
    "FETCH_TOO_LARGE", "NEW_BAD_AS_OF", "NEW_BAD_SLUG", "NEW_CANNOT_WRITE", "NEW_EXISTS",
    "PLACEHOLDER", "SERVE_CANNOT_LISTEN", "SERVE_ONE_SHEET", "SUGGEST_APPEND_REFUSED",
    "SUGGEST_NO_COPY", "SUGGEST_UNKNOWN_SOURCE", "SUGGEST_WHICH_SHEET",
]

# --- FS700-FS729 (authoring helper): new, archive, serve
PLACEHOLDER = Rule(
    "FS700", "placeholder", "warning",
    "still a placeholder", "write {what} here",
    "A `TODO` value that `factsheet new` wrote, or one you left, not filled in yet.",
    sheet("  subtitle: \"TODO: a line under the title\"\n"),
    why="A TODO left in a fact would print on the sheet or make it look finished when it is "
        "not.")

NEW_BAD_SLUG = Rule(
    "FS701", "new-bad-slug", "error",
    "`{slug}` is not a slug (lowercase letters, digits, hyphens)",
    "choose a slug such as `{suggestion}`: it names the folder and the outputs",
    "`factsheet new` was given a name that cannot be a sheet folder.",
    why="The name becomes a folder and the outputs' names, so it must be a slug.")

NEW_EXISTS = Rule(
    "FS702", "new-exists", "error", "{folder} already exists",
    "choose another slug, or edit the sheet that is there; nothing was written",
    "`factsheet new` never writes into an existing folder.",
    why="`new` never overwrites work that is already there.")

NEW_BAD_AS_OF = Rule(
    "FS703", "new-bad-as-of", "error",
    "--as-of `{value}` is not a date (2022-01-07) or a datetime with an offset "
    "(2022-01-07T16:20:00+04:00)", "write the date or datetime as in the examples",
    "`factsheet new --as-of` with an unreadable date.",
    why="A sheet's moment must be a real date or time.")

NEW_CANNOT_WRITE = Rule(
    "FS704", "new-cannot-write", "error", "cannot create {folder}: {problem}",
    "choose a --facts folder you can write to; nothing was written",
    "`factsheet new` could not make the sheet's folder or files.",
    why="A half-made sheet is removed, not left behind.")

FETCH_SCHEME = Rule(
    "FS710", "fetch-scheme", "error",
    "{url}: only http and https addresses can be archived",
    "give the article's http(s) address", "An address that is not http(s).",
    why="Only web pages are fetched; other schemes read local files or do nothing.")

FETCH_REDIRECTS = Rule(
    "FS711", "fetch-redirects", "error",
    "{url}: more than {limit} redirects", "open the address in a browser and archive the "
    "address it ends at", "A redirect loop, or too long a chain of redirects.",
    why="A redirect loop would never end.")

FETCH_STATUS = Rule(
    "FS712", "fetch-status", "error", "{url}: the server answered {status} {reason}",
    "check the address; for a paywall or a removed page, save the page from a browser "
    "into the archive folder and run `factsheet archive-hash`",
    "The server did not return the page (404, 403, 500 ...).",
    why="An error page saved as the article would verify nothing it should.")

FETCH_NOT_HTML = Rule(
    "FS713", "fetch-not-html", "error",
    "{url}: the response is `{kind}`, not an HTML page",
    "archive the article's web page, not a file or feed it links to",
    "A PDF, image, JSON or other non-HTML response.",
    why="Only HTML articles are captured; a PDF or image has no text to check.")

FETCH_TOO_LARGE = Rule(
    "FS714", "fetch-too-large", "error",
    "{url}: the page is larger than {limit}; stopped reading",
    "save the article's text from a browser into the archive folder instead",
    "A response over the 10 MB cap (read in pieces and stopped, never loaded whole).",
    why="Enormous responses are stopped before they fill memory.")

FETCH_TIMEOUT = Rule(
    "FS715", "fetch-timeout", "error", "{url}: no answer within {seconds} seconds",
    "check your connection and try again", "The server was too slow to answer.",
    why="A server that never answers must not hang the run.")

FETCH_FAILED = Rule(
    "FS716", "fetch-failed", "error", "{url}: cannot fetch: {problem}",
    "check the address and your connection", "The address could not be reached at all.",
    why="An address that cannot be reached gives nothing to save.")

ARCHIVE_NO_TEXT = Rule(
    "FS717", "archive-no-text", "error",
    "{url}: no article text found in the page",
    "the page may need JavaScript or a login: save the article from a browser into "
    "{folder} and run `factsheet archive-hash`",
    "trafilatura found no main text in the fetched page.",
    why="A page with no main text is not an article that a fact could cite.")

ARCHIVE_ID_TAKEN = Rule(
    "FS718", "archive-id-taken", "error",
    "--add: the sheet already has a source `{id}`",
    "choose another --id, or leave out --add to archive this source's copy again",
    "`archive --add` would add a second source with one id.",
    why="Two sources with one id would make every cite to it ambiguous.")

ARCHIVE_APPEND_REFUSED = Rule(
    "FS719", "archive-append-refused", "error",
    "{file}: cannot append the source automatically: {problem}",
    "paste the entry printed above under `sources:` yourself",
    "`archive --add` edits only a block-style `sources:` list it can read back.",
    why="The list is edited in place only where the edit can be read back exactly.")

SERVE_CANNOT_LISTEN = Rule(
    "FS720", "serve-cannot-listen", "error", "cannot listen on {host}:{port}: {problem}",
    "choose another --port, or stop the program using it",
    "The preview server (`serve`) could not open its port.",
    why="The preview cannot run without its port; the message says which.")

SERVE_ONE_SHEET = Rule(
    "FS721", "serve-one-sheet", "error",
    "{path} holds {count} sheets; the preview shows one",
    "name one sheet folder, e.g. {first}", "The preview was given a folder of sheets.",
    why="The preview shows one sheet; a folder of sheets would leave it unclear which.")

# --- FS730-FS739 (suggest)
SUGGEST_UNKNOWN_SOURCE = Rule(
    "FS730", "suggest-unknown-source", "error",
    "{sheet} has no source `{source}`", "{hint}",
    "`factsheet suggest` was given a source id the sheet does not list.",
    why="Proposals for a source the sheet does not list could not be cited.")

SUGGEST_NO_COPY = Rule(
    "FS731", "suggest-no-copy", "error",
    "no saved copy of `{source}` (looked for {looked}.txt, .html, .md)",
    "run `factsheet archive URL --sheet {sheet} --id {source}` first, or save the "
    "article there from a browser",
    "`factsheet suggest` reads the saved copy the check reads; there is none.",
    why="Proposals are read from the saved copy the check reads, so that every excerpt "
        "verifies; without one there is nothing to read.")

SUGGEST_APPEND_REFUSED = Rule(
    "FS732", "suggest-append-refused", "error",
    "{file}: cannot append the proposals automatically: {problem}",
    "rerun without --add and paste the printed entries yourself",
    "`suggest --add` edits only block-style `figures:` and `quotes:` lists it can read "
    "back.",
    why="The fact files are edited in place only where the edit can be read back exactly; "
        "otherwise nothing is written.")

SUGGEST_WHICH_SHEET = Rule(
    "FS733", "suggest-which-sheet", "error",
    "{count} sheets under {facts} list a source `{source}`",
    "name the sheet with --sheet", "`factsheet suggest` without --sheet found the "
    "source in no sheet, or in more than one.",
    why="Proposals appended to the wrong sheet would cite a source it does not have.")

RULES: tuple[Rule, ...] = (
    PLACEHOLDER, NEW_BAD_SLUG, NEW_EXISTS, NEW_BAD_AS_OF, NEW_CANNOT_WRITE, FETCH_SCHEME,
    FETCH_REDIRECTS, FETCH_STATUS, FETCH_NOT_HTML, FETCH_TOO_LARGE, FETCH_TIMEOUT, FETCH_FAILED,
    ARCHIVE_NO_TEXT, ARCHIVE_ID_TAKEN, ARCHIVE_APPEND_REFUSED, SERVE_CANNOT_LISTEN,
    SERVE_ONE_SHEET, SUGGEST_UNKNOWN_SOURCE, SUGGEST_NO_COPY, SUGGEST_APPEND_REFUSED,
    SUGGEST_WHICH_SHEET,
)
