"""The rules of one stage: editions, baselines, changes and retractions (FS6xx)."""

from __future__ import annotations

from factsheet.rules.base import Rule

RULES: tuple[Rule, ...] = (
    # --- FS600-FS629 (editions helper): editions, baselines, changes and retractions
    Rule("FS600", "deleted-fact", "warning",
         "`{id}` was in edition {edition}; mark it `retracted:` instead of deleting it, so "
         "readers see why it went",
         "put the entry back with `retracted: {{date: …, reason: …, cite: …}}`, or give the "
         "entry that renames it `replaces: {id}`",
         "A figure, quote or event that the last edition showed is gone from the facts "
         "(an error under --strict)."),
    Rule("FS601", "unreadable-baseline", "error",
         "{path}: cannot compare with it: {problem}",
         "--since takes an edition file (editions/<slug>/NNN.json), a facts JSON "
         "(build/<slug>.json), a PDF factsheet made, or a git revision",
         "A `--since` baseline or a recorded edition that cannot be read."),
    Rule("FS602", "unchanged-edition", "error",
         "`{slug}` is unchanged since edition {edition} ({file}); nothing to publish",
         "change the facts first: an edition records what changed",
         "`publish` refuses to record the same sheet twice."),
    Rule("FS603", "publish-not-clean", "error",
         "`{slug}` does not build cleanly under --strict ({problems}); not published",
         "fix the problems listed and publish again",
         "`publish` records only a sheet that builds with no error and no warning."),
    Rule("FS604", "replaces-unknown", "warning",
         "`replaces: {old}` names no {kind} of {since}",
         "check the old id against that edition, or remove `replaces`",
         "A `replaces` that names no entry of the baseline (an error under --strict)."),
    Rule("FS605", "other-sheet-baseline", "error",
         "{path} is a build of the sheet `{other}`, not `{slug}`",
         "compare a sheet with an edition, JSON or PDF of the same sheet",
         "A `--since` baseline that belongs to another sheet."),
    Rule("FS606", "no-editions", "warning",
         "no edition is recorded in {folder}: nothing to compare with, so no changes are "
         "listed (this build would be edition {edition})",
         "`factsheet publish` records the first edition; or compare with `--since` a facts "
         "JSON, a PDF factsheet made, or a git revision",
         "`diff` with no recorded edition and no `--since`: it says so instead of listing "
         "nothing."),
    Rule("FS607", "no-changes-to-publish", "error",
         "`{slug}` differs from edition {edition} ({file}) only in what no reader sees "
         "({what}); nothing to publish",
         "change what the sheet says first: an edition records what changed",
         "`publish` refuses an edition whose change list would be empty, so \"Changes "
         "since\" never leaves page 1."),
)
