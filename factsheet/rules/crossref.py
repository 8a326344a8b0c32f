"""The rules of one stage: cross-references, dates and figure groups (FS3xx)."""

from __future__ import annotations

from factsheet.rules.base import SOURCE, Rule, figure

__all__ = [
    "ACCESSED_BEFORE_PUBLISHED", "CONFLICT_WITHOUT_NOTE", "DATED_AFTER_SHEET", "DATE_IN_FUTURE",
    "DUPLICATE_ID", "FIGURE_AFTER_SHEET", "GROUP_NOTE_TWICE", "LATEST_RESTS_ON_ONE_REPORT",
    "MISSING_CLAIMED_BY", "PUBLISHED_AFTER_SHEET", "SAYS_WITHOUT_NUMBER", "SOURCE_ID_TYPO",
    "SUPERSEDES_LATER", "SUPERSEDES_OTHER_CLAIMANT", "SUPERSEDES_UNKNOWN",
    "SUPERSEDES_WITHOUT_NOTE", "UNCITED_SOURCE", "UNKNOWN_SOURCE", "UPDATED_BEFORE_PUBLISHED",
]

# --- FS300-FS349 cross-references and dates (rules)
DUPLICATE_ID = Rule(
    "FS300", "duplicate-id", "error",
    "duplicate id `{id}` (first used by {first} at {place})",
    "give every source and fact its own id",
    "Two entries with one id (compared after NFKC and casefolding).",
    figure("  - id: killed\n    label: Dead\n    measure: killed\n    value: 2\n"
            "    claimed_by: Ministry\n    cite: wire\n"),
    why="Ids are what cites and supersedes point at; two equal ids make every pointer "
        "ambiguous.")

UNKNOWN_SOURCE = Rule(
    "FS301", "unknown-source", "error",
    "cites `{id}`, which is not a source of this sheet", "{suggestion}",
    "A cite naming no source.", figure("").replace("cite: wire", "cite: [wire, tass]"),
    why="A cite that names no source leaves the fact without a source.")

SOURCE_ID_TYPO = Rule(
    "FS302", "source-id-typo", "error",
    "the source id `{id}` is cited as `{cited}` by {n} {entries}; did you mean that?",
    "write `id: {cited}` here, and every citing entry resolves",
    "A never-cited source whose id is close to an unknown "
    "cited id: the typo is in the source.",
    figure("").replace("- id: wire", "- id: wir"),
    why="The likely typo is in the source's id, so that is where the fix goes.")

ACCESSED_BEFORE_PUBLISHED = Rule(
    "FS303", "accessed-before-published", "error",
    "accessed ({accessed}) is earlier than published ({published})",
    "check both dates; an article cannot be read before it appears",
    "An article read before it appeared.",
    figure("").replace("    published: 2022-01-07\n",
                        "    published: 2022-01-07\n    accessed: 2022-01-06\n"),
    why="An article cannot be read before it appeared: one of the dates is wrong.")

UPDATED_BEFORE_PUBLISHED = Rule(
    "FS304", "updated-before-published", "error",
    "updated ({updated}) is earlier than published ({published})", "check both dates",
    "An article updated before it appeared.",
    figure("").replace("    published: 2022-01-07\n",
                        "    published: 2022-01-07\n    updated: 2022-01-06\n"),
    why="An article cannot be updated before it appeared: one of the dates is wrong.")

PUBLISHED_AFTER_SHEET = Rule(
    "FS305", "published-after-sheet", "error",
    "published ({published}) is later than the sheet's as_of ({as_of})",
    "check the date; a sheet cannot rest on an article from after its own moment",
    "A source published after the sheet's as_of.",
    figure("").replace("published: 2022-01-07", "published: 2022-01-08"),
    why="A sheet dated before its sources cannot have used them; its moment is probably "
        "stale.")

UNCITED_SOURCE = Rule(
    "FS306", "uncited-source", "warning",
    "the source `{id}` is never cited", "cite it from a fact or remove it",
    "A source no fact cites.", SOURCE,
    why="A source no fact cites does no work, and often marks a cite that was mistyped.")

FIGURE_AFTER_SHEET = Rule(
    "FS307", "figure-after-sheet", "error",
    "as_of ({date}) is later than the sheet's as_of ({as_of})",
    "a sheet cannot report a figure from after its own moment; "
    "fix the date or move the sheet's as_of",
    "A figure counted after the sheet's moment.", figure("    as_of: 2022-01-08\n"),
    why="A count taken after the sheet's moment is not what the sheet says it describes.")

DATED_AFTER_SHEET = Rule(
    "FS308", "dated-after-sheet", "warning",
    "dated {date}, after the sheet's as_of ({as_of})",
    "check the date or the sheet's as_of",
    "A quote or event dated after the sheet's as_of.",
    SOURCE + "events:\n  - id: march\n    date: 2022-01-08\n"
    "    text: A march.\n    cite: wire\n",
    why="A quote or event after the sheet's moment is not what the sheet says it describes.")

DATE_IN_FUTURE = Rule(
    "FS309", "date-in-future", "warning",
    "dated {date}, which is in the future; a typo?", "check the year, month and day",
    "A date later than the moment of the run.",
    "sheet:\n  title: Unrest\n  as_of: 2041-08-06\n",
    why="A date in the future is almost always a typo in the year.")

SAYS_WITHOUT_NUMBER = Rule(
    "FS310", "says-without-number", "warning",
    "the excerpt does not contain the figure's value ({value})",
    "quote the passage that gives the number, or correct the value",
    "A figure's `says` that does not state its value.",
    figure("").replace("    cite: wire\n",
                        "    cite:\n      - source: wire\n        says: Many died.\n"),
    why="An excerpt that does not state the figure does not support it.")

MISSING_CLAIMED_BY = Rule(
    "FS311", "missing-claimed-by", "warning",
    "no `claimed_by`: readers cannot tell who makes this claim",
    "add `claimed_by: ...`, e.g. the ministry, agency or outlet that gives the number",
    "A figure without `claimed_by`.", figure("").replace("    claimed_by: Ministry\n", ""),
    why="A number without its claimant hides who says it; page 1 must say who.")

# --- FS350-FS399 (reconcile): figure groups, see docs/format.md "Figures over time"
CONFLICT_WITHOUT_NOTE = Rule(
    "FS350", "conflict-without-note", "warning",
    "the key figure `{id}` is in a conflicting group, {what}, whose standing reports range "
    "from {low} to {high}, and it has no `note`",
    "add `note: ...` saying how the reports differ or which one the sheet relies on, or "
    "`group_note: ...` on one figure of the group",
    "A key figure whose group conflicts, with no `note` explaining the conflict.",
    "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
    "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
    "figures:\n"
    "  - {id: x, label: Arrested, measure: arrested, value: 3000, claimed_by: A, key: true,"
    " cite: a}\n"
    "  - {id: y, label: Arrested, measure: arrested, value: 3800, claimed_by: B,"
    " note: The police count., cite: b}\n",
    why="Readers of page 1 must be told why reports differ and which the sheet relies on.")

LATEST_RESTS_ON_ONE_REPORT = Rule(
    "FS351", "latest-rests-on-one-report", "warning",
    "the latest figure of its group rests on a single independent report ({name}), "
    "while the older `{older}` rests on {n}",
    "cite the other reports of the latest count if there are any, or check that it is "
    "the current figure",
    "A group's current figure rests on one report while an older one has more.",
    "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
    "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
    "  - {id: c, publisher: C, title: T, published: 2022-01-07}\n"
    "figures:\n"
    "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, as_of: 2022-01-06,"
    " cite: [a, b]}\n"
    "  - {id: y, label: Killed, measure: killed, value: 12, claimed_by: C, cite: c}\n",
    why="The current figure should rest on as much reporting as the figure it replaces.")

SUPERSEDES_UNKNOWN = Rule(
    "FS352", "supersedes-unknown", "error",
    "`supersedes: {target}` {problem}",
    "name the id of an earlier figure with the same `measure` and `who`",
    "A `supersedes` that names no other figure counting the same thing.",
    "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
    "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
    "figures:\n"
    "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, cite: [a, b],"
    " supersedes: nope, note: Revised.}\n",
    why="A `supersedes` naming no figure of the same count links nothing.")

SUPERSEDES_WITHOUT_NOTE = Rule(
    "FS353", "supersedes-without-note", "error",
    "`supersedes: {target}` without a `note`: a revised count must say why it changed",
    "add `note: ...`, e.g. \"the ministry corrected its count\"",
    "A `supersedes` with no `note` saying why the count changed.",
    "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
    "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
    "figures:\n"
    "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, cite: a}\n"
    "  - {id: y, label: Killed, measure: killed, value: 8, claimed_by: A, cite: b,"
    " supersedes: x}\n",
    why="A revised count needs its reason, or readers cannot tell a correction from a new "
        "claim.")

SUPERSEDES_LATER = Rule(
    "FS354", "supersedes-later", "error",
    "`supersedes: {target}` names a figure counted later ({then}) than this one ({now})",
    "a figure can only revise a count of its own moment or an earlier one; check the "
    "dates or swap the two",
    "A figure that supersedes a later figure.",
    "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
    "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
    "figures:\n"
    "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, cite: a,"
    " as_of: 2022-01-05, supersedes: y, note: Revised.}\n"
    "  - {id: y, label: Killed, measure: killed, value: 12, claimed_by: A, cite: b}\n",
    why="A figure cannot replace a later one; one of the dates or the link is wrong.")

# --- FS355-FS369 (reconcile): claimants, group notes
SUPERSEDES_OTHER_CLAIMANT = Rule(
    "FS355", "supersedes-other-claimant", "error",
    "`supersedes: {target}` names a count by {theirs}, but this one is by {mine}: a "
    "count revises its own claimant's, and the note does not say why {theirs}'s is replaced",
    "remove `supersedes` (two claimants' counts are a dispute or an update, judged by "
    "date), or say in `note` why {theirs}'s count no longer stands, naming {theirs}",
    "A `supersedes` from one claimant's figure to another's, unexplained.",
    "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
    "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
    "figures:\n"
    "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, cite: a}\n"
    "  - {id: y, label: Killed, measure: killed, value: 8, claimed_by: B, cite: b,"
    " supersedes: x, note: Revised.}\n",
    why="A claimant revises only its own count; one claimant's figure replacing another's "
        "would turn a dispute into an update.")

GROUP_NOTE_TWICE = Rule(
    "FS356", "group-note-twice", "error",
    "a second `group_note` for {what} (the first is on `{first}`)",
    "write the group's note once, on one of its figures; use `note` for this figure's own",
    "Two figures of one group, each with a `group_note`.",
    "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
    "figures:\n"
    "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, cite: a,"
    " group_note: One.}\n"
    "  - {id: y, label: Killed, measure: killed, value: 10, claimed_by: A, cite: a,"
    " group_note: Two.}\n",
    why="A group has one note; two would leave it unclear which one page 1 shows.")

RULES: tuple[Rule, ...] = (
    DUPLICATE_ID, UNKNOWN_SOURCE, SOURCE_ID_TYPO, ACCESSED_BEFORE_PUBLISHED,
    UPDATED_BEFORE_PUBLISHED, PUBLISHED_AFTER_SHEET, UNCITED_SOURCE, FIGURE_AFTER_SHEET,
    DATED_AFTER_SHEET, DATE_IN_FUTURE, SAYS_WITHOUT_NUMBER, MISSING_CLAIMED_BY,
    CONFLICT_WITHOUT_NOTE, LATEST_RESTS_ON_ONE_REPORT, SUPERSEDES_UNKNOWN, SUPERSEDES_WITHOUT_NOTE,
    SUPERSEDES_LATER, SUPERSEDES_OTHER_CLAIMANT, GROUP_NOTE_TWICE,
)
