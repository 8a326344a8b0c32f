"""The rules of one stage: editions, baselines, changes and retractions (FS6xx)."""

from __future__ import annotations

from factsheet.rules.base import Rule

__all__ = [
    "DELETED_FACT", "NO_CHANGES_TO_PUBLISH", "NO_EDITIONS", "OTHER_SHEET_BASELINE",
    "PUBLISH_NOT_CLEAN", "REPLACES_UNKNOWN", "UNCHANGED_EDITION", "UNREADABLE_BASELINE",
]

# --- FS600-FS629 (editions helper): editions, baselines, changes and retractions
DELETED_FACT = Rule(
    "FS600", "deleted-fact", "warning",
    "`{id}` was in edition {edition}; mark it `retracted:` instead of deleting it, so "
    "readers see why it went",
    "put the entry back with `retracted: {{date: …, reason: …, cite: …}}`, or give the "
    "entry that renames it `replaces: {id}`",
    "A figure, quote or event that the last edition showed is gone from the facts "
    "(an error under --strict).",
    why="A fact readers were shown must not vanish without a correction or retraction.")

UNREADABLE_BASELINE = Rule(
    "FS601", "unreadable-baseline", "error",
    "{path}: cannot compare with it: {problem}",
    "--since takes an edition file (editions/<slug>/NNN.json), a facts JSON "
    "(build/<slug>.json), a PDF factsheet made, or a git revision",
    "A `--since` baseline or a recorded edition that cannot be read.",
    why="A baseline that cannot be read would make the changes list wrong.")

UNCHANGED_EDITION = Rule(
    "FS602", "unchanged-edition", "error",
    "`{slug}` is unchanged since edition {edition} ({file}); nothing to publish",
    "change the facts first: an edition records what changed",
    "`publish` refuses to record the same sheet twice.",
    why="Two editions with nothing between them would tell subscribers of a change that is "
        "not there.")

PUBLISH_NOT_CLEAN = Rule(
    "FS603", "publish-not-clean", "error",
    "`{slug}` does not build cleanly under --strict ({problems}); not published",
    "fix the problems listed and publish again",
    "`publish` records only a sheet that builds with no error and no warning.",
    why="A published edition is what readers trust; it must have built with no error and no "
        "warning.")

REPLACES_UNKNOWN = Rule(
    "FS604", "replaces-unknown", "warning",
    "`replaces: {old}` names no {kind} of {since}",
    "check the old id against that edition, or remove `replaces`",
    "A `replaces` that names no entry of the baseline (an error under --strict).",
    why="A `replaces` naming nothing would hide which earlier entry the new one corrects.")

OTHER_SHEET_BASELINE = Rule(
    "FS605", "other-sheet-baseline", "error",
    "{path} is a build of the sheet `{other}`, not `{slug}`",
    "compare a sheet with an edition, JSON or PDF of the same sheet",
    "A `--since` baseline that belongs to another sheet.",
    why="Changes listed against another sheet's edition would be nonsense.")

NO_EDITIONS = Rule(
    "FS606", "no-editions", "warning",
    "no edition is recorded in {folder}: nothing to compare with, so no changes are "
    "listed (this build would be edition {edition})",
    "`factsheet publish` records the first edition; or compare with `--since` a facts "
    "JSON, a PDF factsheet made, or a git revision",
    "`diff` with no recorded edition and no `--since`: it says so instead of listing "
    "nothing.",
    why="With no edition to compare with, an empty change list would look like 'nothing "
        "changed'.")

NO_CHANGES_TO_PUBLISH = Rule(
    "FS607", "no-changes-to-publish", "error",
    "`{slug}` differs from edition {edition} ({file}) only in what no reader sees "
    "({what}); nothing to publish",
    "change what the sheet says first: an edition records what changed",
    "`publish` refuses an edition whose change list would be empty, so \"Changes "
    "since\" never leaves page 1.",
    why="An edition readers cannot tell apart from the last would announce a change that is "
        "not there.")

RULES: tuple[Rule, ...] = (
    DELETED_FACT, UNREADABLE_BASELINE, UNCHANGED_EDITION, PUBLISH_NOT_CLEAN, REPLACES_UNKNOWN,
    OTHER_SHEET_BASELINE, NO_EDITIONS, NO_CHANGES_TO_PUBLISH,
)
