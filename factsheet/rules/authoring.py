"""The rules of one stage: authoring, capture and the live preview (FS7xx)."""

from __future__ import annotations

from factsheet.rules.base import Rule, sheet

RULES: tuple[Rule, ...] = (
    # --- FS700-FS729 (authoring helper): new, archive, serve
    Rule("FS700", "placeholder", "warning",
         "still a placeholder", "write {what} here",
         "A `TODO` value that `factsheet new` wrote, or one you left, not filled in yet.",
         sheet("  subtitle: \"TODO: a line under the title\"\n")),
    Rule("FS701", "new-bad-slug", "error",
         "`{slug}` is not a slug (lowercase letters, digits, hyphens)",
         "choose a slug such as `{suggestion}`: it names the folder and the outputs",
         "`factsheet new` was given a name that cannot be a sheet folder."),
    Rule("FS702", "new-exists", "error", "{folder} already exists",
         "choose another slug, or edit the sheet that is there; nothing was written",
         "`factsheet new` never writes into an existing folder."),
    Rule("FS703", "new-bad-as-of", "error",
         "--as-of `{value}` is not a date (2022-01-07) or a datetime with an offset "
         "(2022-01-07T16:20:00+04:00)", "write the date or datetime as in the examples",
         "`factsheet new --as-of` with an unreadable date."),
    Rule("FS704", "new-cannot-write", "error", "cannot create {folder}: {problem}",
         "choose a --facts folder you can write to; nothing was written",
         "`factsheet new` could not make the sheet's folder or files."),
    Rule("FS710", "fetch-scheme", "error",
         "{url}: only http and https addresses can be archived",
         "give the article's http(s) address", "An address that is not http(s)."),
    Rule("FS711", "fetch-redirects", "error",
         "{url}: more than {limit} redirects", "open the address in a browser and archive the "
         "address it ends at", "A redirect loop, or too long a chain of redirects."),
    Rule("FS712", "fetch-status", "error", "{url}: the server answered {status} {reason}",
         "check the address; for a paywall or a removed page, save the page from a browser "
         "into the archive folder and run `factsheet archive-hash`",
         "The server did not return the page (404, 403, 500 ...)."),
    Rule("FS713", "fetch-not-html", "error",
         "{url}: the response is `{kind}`, not an HTML page",
         "archive the article's web page, not a file or feed it links to",
         "A PDF, image, JSON or other non-HTML response."),
    Rule("FS714", "fetch-too-large", "error",
         "{url}: the page is larger than {limit}; stopped reading",
         "save the article's text from a browser into the archive folder instead",
         "A response over the 10 MB cap (read in pieces and stopped, never loaded whole)."),
    Rule("FS715", "fetch-timeout", "error", "{url}: no answer within {seconds} seconds",
         "check your connection and try again", "The server was too slow to answer."),
    Rule("FS716", "fetch-failed", "error", "{url}: cannot fetch: {problem}",
         "check the address and your connection", "The address could not be reached at all."),
    Rule("FS717", "archive-no-text", "error",
         "{url}: no article text found in the page",
         "the page may need JavaScript or a login: save the article from a browser into "
         "{folder} and run `factsheet archive-hash`",
         "trafilatura found no main text in the fetched page."),
    Rule("FS718", "archive-id-taken", "error",
         "--add: the sheet already has a source `{id}`",
         "choose another --id, or leave out --add to archive this source's copy again",
         "`archive --add` would add a second source with one id."),
    Rule("FS719", "archive-append-refused", "error",
         "{file}: cannot append the source automatically: {problem}",
         "paste the entry printed above under `sources:` yourself",
         "`archive --add` edits only a block-style `sources:` list it can read back."),
    Rule("FS720", "serve-cannot-listen", "error", "cannot listen on {host}:{port}: {problem}",
         "choose another --port, or stop the program using it",
         "The preview server (`serve`) could not open its port."),
    Rule("FS721", "serve-one-sheet", "error",
         "{path} holds {count} sheets; the preview shows one",
         "name one sheet folder, e.g. {first}", "The preview was given a folder of sheets."),
    # --- FS730-FS739 (suggest)
    Rule("FS730", "suggest-unknown-source", "error",
         "{sheet} has no source `{source}`", "{hint}",
         "`factsheet suggest` was given a source id the sheet does not list."),
    Rule("FS731", "suggest-no-copy", "error",
         "no saved copy of `{source}` (looked for {looked}.txt, .html, .md)",
         "run `factsheet archive URL --sheet {sheet} --id {source}` first, or save the "
         "article there from a browser",
         "`factsheet suggest` reads the saved copy the check reads; there is none."),
    Rule("FS732", "suggest-append-refused", "error",
         "{file}: cannot append the proposals automatically: {problem}",
         "rerun without --add and paste the printed entries yourself",
         "`suggest --add` edits only block-style `figures:` and `quotes:` lists it can read "
         "back."),
    Rule("FS733", "suggest-which-sheet", "error",
         "{count} sheets under {facts} list a source `{source}`",
         "name the sheet with --sheet", "`factsheet suggest` without --sheet found the "
         "source in no sheet, or in more than one."),
)
