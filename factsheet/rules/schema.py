"""The rules of one stage: the schema: types, required fields, values, text hygiene (FS2xx)."""

from __future__ import annotations

from factsheet.rules.base import AS_OF, DELETE_IT, EVENT, FIGURE, SOURCE, Rule, figure, sheet

__all__ = [
    "AGENCY_EMPTY", "AGENCY_TYPE", "BAD_LANGUAGE_TAG", "BAD_SHA256", "BAD_URL", "BIDI_CONTROL",
    "DATETIME_WITHOUT_OFFSET", "DATE_FORMAT", "EMPTY_CITE", "EMPTY_TEXT", "ERROR_NOT_IGNORABLE",
    "EXPECTED_BOOLEAN", "EXPECTED_LIST", "EXPECTED_MAPPING", "EXPECTED_TEXT", "INVALID_DATE",
    "INVALID_DATETIME", "INVALID_VALUE", "INVISIBLE_CHARACTER", "ISSUED_BEFORE_AS_OF",
    "MISSING_CITE", "MISSING_FIELD", "MIXED_SCRIPT", "NEGATIVE_NUMBER", "NOT_A_DATE", "NOT_A_SLUG",
    "NOT_IN_LIST", "NOT_WHOLE_NUMBER", "NUMBER_AS_TEXT", "QUOTE_MARKS", "RANGE_REVERSED",
    "RETRACTED_ON", "SPAN_REVERSED", "UNKNOWN_RULE_CODE", "UNKNOWN_TIME_ZONE",
    "UNKNOWN_VALUE_WORD", "URL_SCHEME",
]

# --- FS200-FS259 schema types (rules)
MISSING_FIELD = Rule(
    "FS200", "missing-field", "error",
    "the required field `{name}` is missing", "add `{name}: ...` to this entry",
    "An entry without a field it needs.", "sheet:\n" + AS_OF,
    why="A fact without, say, its value or source cannot be shown or checked.")

MISSING_CITE = Rule(
    "FS201", "missing-cite", "error",
    "no `cite`: every fact needs at least one citation",
    "add `cite: <source-id>` naming the article that reports it",
    "A fact without `cite`.", sheet("  summary:\n    - text: Calm returned.\n"),
    why="Every number and quote on the sheet must say which article reports it.")

NOT_IN_LIST = Rule(
    "FS202", "not-in-list", "error",
    "expected one of {choices}; found {found}", "{suggestion}",
    "A value outside an enumeration (measure, approx, translation, paper).",
    sheet("  paper: A5\n"),
    why="Measures, qualifiers and switches are fixed words that the cards, charts and checks "
        "act on.")

EXPECTED_TEXT = Rule(
    "FS203", "expected-text", "error", "expected text, found {found}", "{fix}",
    "A number, date, boolean or list where text belongs.", sheet("  author: yes\n"),
    why="A number where a name belongs is usually a YAML slip (`1.0` for a version, `no` for "
        "Norway).")

EMPTY_TEXT = Rule(
    "FS204", "empty-text", "error", "expected text, found an empty value", "{fix}",
    "An empty or blank text.", sheet('  author: ""\n'),
    why="An empty text prints as nothing, and a reader cannot tell that something is "
        "missing.")

EXPECTED_BOOLEAN = Rule(
    "FS205", "expected-boolean", "error",
    "expected true or false, found {found}", "write `true` or `false` without quotes",
    "A yes/no field with another value.", figure('    key: "yes"\n'),
    why="YAML 1.1 reads yes/no/on/off differently from YAML 1.2; only true and false mean the"
        " same everywhere.")

NOT_WHOLE_NUMBER = Rule(
    "FS206", "not-whole-number", "error",
    "expected a whole number, found {found}", "{fix}",
    "A count that is not a whole number.", figure("", "3.700"),
    why="People are counted in whole numbers; `3.700` is a thousands separator misread as a "
        "decimal.")

NEGATIVE_NUMBER = Rule(
    "FS207", "negative-number", "error",
    "expected a whole number >= 0, found {found}",
    "counts cannot be negative; remove the minus sign",
    "A negative count.", figure("", "-3"),
    why="A count below zero is a typo, never a count.")

NUMBER_AS_TEXT = Rule(
    "FS208", "number-as-text", "error",
    'expected a whole number, found the text "{found}"',
    "write it without separators or quotes: `{digits}`",
    "A count written as text, with separators.", figure("", '"3,700"'),
    why="A count typed as text (`'1,200'`) is read differently by different tools; the schema"
        " takes digits.")

UNKNOWN_VALUE_WORD = Rule(
    "FS209", "unknown-value-word", "error",
    "expected a whole number, a {{min, max}} range or one of {words}; "
    'found the text "{found}"', "{suggestion}",
    "A value word that is not one of the vague counts.", figure("", "dozen"),
    why="Only the vague counts the sheet can print and reason about (dozens, hundreds ...) "
        "are accepted.")

EXPECTED_LIST = Rule(
    "FS210", "expected-list", "error",
    "expected a list, found {found}",
    "write each item on its own line starting with `- `",
    "A single value where a list belongs.", sheet("  summary: Calm returned.\n"),
    why="A single value where a list belongs is usually a missing `-`; reading it as a list "
        "would hide that.")

EXPECTED_MAPPING = Rule(
    "FS211", "expected-mapping", "error",
    "expected a mapping of fields, found {found}",
    "write `key: value` lines indented under it",
    "An entry that is a scalar or a list.", "sheet: Unrest\n",
    why="An entry is a mapping of fields; a bare value cannot say what it is.")

EMPTY_CITE = Rule(
    "FS212", "empty-cite", "error",
    "the cite list is empty; every fact needs a citation",
    "name at least one source id, e.g. `cite: [my-source]`",
    "`cite: []`.", sheet("  summary:\n    - text: Calm returned.\n      cite: []\n"),
    why="An empty cite list cites nothing, so the fact would stand without a source.")

NOT_A_SLUG = Rule(
    "FS213", "not-a-slug", "error",
    "expected a slug (lowercase letters, digits, hyphens), found `{found}`", "{fix}",
    "An id or template name that is not a slug.", sheet("  template: Brief Ing\n"),
    why="Ids and template names appear in links and file names, so they must be slugs.")

BAD_LANGUAGE_TAG = Rule(
    "FS214", "bad-language-tag", "error",
    "expected a BCP 47 language tag, found `{found}`",
    "use a tag such as `en`, `ru`, `kk` or `en-GB`",
    "A language that is not a BCP 47 tag.", sheet("  lang: english\n"),
    why="The language sets hyphenation, number formats and screen-reader voices.")

URL_SCHEME = Rule(
    "FS215", "url-scheme", "error",
    "expected an http or https URL, found {found}",
    "link only to web pages, starting with https://",
    "A link that is not http or https.",
    figure("").replace("    published:", "    url: javascript:alert(1)\n    published:"),
    why="Only web links open for every reader; `javascript:` and `file:` links are unsafe or "
        "useless.")

BAD_URL = Rule(
    "FS216", "bad-url", "error",
    "expected a full web address, found `{found}`", "write it as https://host/path",
    "A link without a host.",
    figure("").replace("    published:", "    url: https:/troops\n    published:"),
    why="A link without a host opens nothing.")

BAD_SHA256 = Rule(
    "FS217", "bad-sha256", "error",
    "expected 64 lowercase hex digits", "let `factsheet archive-hash` write this field",
    "An archive_sha256 that is not a SHA-256.",
    figure("").replace("    published:", "    archive_sha256: abc\n    published:"),
    why="A hash that is not SHA-256 can never match, so the check would fail for the wrong "
        "reason.")

DATE_FORMAT = Rule(
    "FS218", "date-format", "error",
    "expected a date (2022-01-07) or a datetime with a UTC offset "
    "(2022-01-07T16:20:00+06:00), found `{found}`",
    "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM (YYYY or YYYY-MM when the "
    "article gives only the year or the month)",
    "A date in another format.", "sheet:\n  title: Unrest\n  as_of: 7 January 2022\n",
    why="Dates order the reports; one written another way could be misread (01/02 is January "
        "or February).")

INVALID_DATE = Rule(
    "FS219", "invalid-date", "error",
    "`{found}` is not a valid calendar date", "check the month and day",
    "A day that does not exist.", "sheet:\n  title: Unrest\n  as_of: 2022-02-30\n",
    why="A day that does not exist (31 April) is a typo, and no order can be derived from "
        "it.")

INVALID_DATETIME = Rule(
    "FS220", "invalid-datetime", "error",
    "`{found}` is not a valid date and time",
    "check the month and day, the time (00:00 to 23:59) and the UTC offset "
    "(-12:00 to +14:00)", "A time or offset that does not exist.",
    "sheet:\n  title: Unrest\n  as_of: 2022-01-07T25:00:00+00:00\n",
    why="A time or offset that does not exist cannot be placed on the timeline.")

DATETIME_WITHOUT_OFFSET = Rule(
    "FS221", "datetime-without-offset", "error",
    "the datetime has no UTC offset", "add one, e.g. `{suggested}+00:00` for UTC",
    "A time of day without its UTC offset.",
    "sheet:\n  title: Unrest\n  as_of: 2022-01-07T10:00:00\n",
    why="Without its UTC offset a time could be hours off, and reports taken as later or "
        "earlier than they were.")

NOT_A_DATE = Rule(
    "FS222", "not-a-date", "error",
    "expected a date or datetime, found {found}",
    "write it as YYYY-MM-DD (YYYY or YYYY-MM when only the year or the month is known)",
    "A number or list where a date belongs.", "sheet:\n  title: Unrest\n  as_of: [1]\n",
    why="A number or list where a date belongs cannot be ordered.")

RANGE_REVERSED = Rule(
    "FS223", "range-reversed", "error",
    "min ({min}) is greater than max ({max})", "swap the two numbers",
    "A `{min, max}` range upside down.", figure("", "{min: 9, max: 2}"),
    why="A range upside down would print as 'from 26 to 18'.")

SPAN_REVERSED = Rule(
    "FS224", "span-reversed", "error",
    "`from` is later than `to`", "swap the two dates", "An event span upside down.",
    SOURCE + "events:\n  - id: march\n    date: {from: 2022-01-06, to: 2022-01-05}\n"
    "    text: A march.\n    cite: wire\n",
    why="An event that ends before it starts cannot be drawn on the timeline.")

INVALID_VALUE = Rule(
    "FS225", "invalid-value", "error", "{message}", "{hint}",
    "Any other value the schema refuses.",
    why="The schema refuses this value; the message says why.")

UNKNOWN_RULE_CODE = Rule(
    "FS226", "unknown-rule-code", "error",
    "`{found}` is not a rule code", "{suggestion}",
    "An `ignore` entry that names no rule.", sheet("  ignore: [FS999]\n"),
    why="An ignore entry naming no rule silences nothing, and usually hides a typo.")

ERROR_NOT_IGNORABLE = Rule(
    "FS227", "error-not-ignorable", "error",
    "`{found}` ({name}) is an error, and errors cannot be ignored",
    "fix the entry instead; only warnings can be silenced",
    "An `ignore` entry naming an error rule.", sheet("  ignore: [FS104]\n"),
    why="Errors are what makes a sheet untrustworthy; only warnings may be silenced.")

AGENCY_EMPTY = Rule(
    "FS228", "agency-empty", "error",
    "the agency list is empty", "name at least one agency, or remove the key",
    "`agency: []`: a list that names no wire service.",
    SOURCE.replace("    published:", "    agency: []\n    published:") + FIGURE
    + "    value: 3\n",
    why="An agency list that names no wire service says nothing about who wrote the story.")

AGENCY_TYPE = Rule(
    "FS229", "agency-type", "error",
    "expected an agency name or a list of names, found {found}",
    "write `agency: Reuters`, or `agency: [AFP, AP]` for a story from several wires",
    "An agency that is not a name or a list of names.",
    SOURCE.replace("    published:", "    agency: [AFP, 3]\n    published:") + FIGURE
    + "    value: 3\n",
    why="An agency is a name, or a list of names; anything else cannot be compared across "
        "sources.")

# --- FS260-FS299 (schema helper: text hygiene, number forms, model-level value rules)
BIDI_CONTROL = Rule(
    "FS260", "bidi-control", "error",
    "the text contains {char}, an invisible character that reorders the text after it{more}",
    DELETE_IT,
    "A bidi control character (U+202A-U+202E, U+2066-U+2069) in any text: it can "
    "reverse a line of the sheet.",
    EVENT.format(publisher="Reu\\u202eters"),
    why="Bidirectional controls reorder what a reader sees: a line can read '700' while it "
        "stores '007'.")

INVISIBLE_CHARACTER = Rule(
    "FS261", "invisible-character", "error",
    "the text contains {char}, an invisible character that makes equal-looking text "
    "differ{more}",
    DELETE_IT,
    "A zero-width character (U+200B-U+200D, U+2060, U+FEFF, tag characters) in any text: "
    "`Reu\\u200bters` would pass as a second agency.",
    EVENT.format(publisher="Reu\\u200bters"),
    why="Invisible characters make two equal-looking names differ, so one agency would count "
        "as two.")

QUOTE_MARKS = Rule(
    "FS262", "quote-marks", "error",
    "the quote text {how}",
    "write the words without the marks {ends}; the sheet adds its own quote marks",
    "A quote's `text` wrapped in quote marks (or starting with one that never closes).",
    EVENT.format(publisher="Wire") + "quotes:\n  - id: q\n    speaker: A. Person\n"
    "    text: \"\u201cWe will restore order.\u201d\"\n    cite: a\n",
    why="The sheet adds the quote marks; marks in the text would print twice or unbalanced.")

MIXED_SCRIPT = Rule(
    "FS263", "mixed-script", "error",
    "the word `{word}` mixes {scripts} letters ({char})",
    "retype it in one alphabet: a look-alike letter makes an equal-looking name differ",
    "A name (publisher, agency, speaker, claimed_by) with a word mixing Latin, Cyrillic "
    "or Greek letters, such as `Rеuters` with a Cyrillic `е`.",
    EVENT.format(publisher="R\\u0435uters"),
    why="A look-alike letter from another script makes a name look like one outlet while "
        "counting as another.")

# --- FS230-FS239 (layout): dates and time zones the sheet prints
UNKNOWN_TIME_ZONE = Rule(
    "FS230", "unknown-time-zone", "error",
    "`{found}` is not an IANA time zone name",
    "{suggestion}",
    "A `sheet.timezone` that is not an IANA time zone name.",
    "sheet:\n  title: Unrest\n  as_of: 2022-01-07\n  timezone: Asia/Almati\n",
    why="Local times are printed in the sheet's zone; an unknown zone would shift every "
        "time.")

ISSUED_BEFORE_AS_OF = Rule(
    "FS231", "issued-before-as-of", "error",
    "the sheet is issued ({issued}) before the moment it describes ({as_of})",
    "`issued` is when this edition went out: make it the same as `as_of` or later",
    "A `sheet.issued` earlier than the sheet's `as_of`.",
    "sheet:\n  title: Unrest\n  as_of: 2022-01-07\n  issued: 2022-01-06\n",
    why="A sheet cannot be issued before the moment it describes.")

# --- FS240-FS249 (editions helper): keys renamed in the format
RETRACTED_ON = Rule(
    "FS240", "retracted-on", "warning",
    "`retracted: {{on: …}}` is the old name of `date`; YAML 1.1 readers (PyYAML's "
    "safe_load, JSON Schema checks run through it) read `on` as the key `true`",
    "rename `on:` to `date:` in this retraction; `on` will stop being read",
    "A retraction dated with the old key `on` instead of `date` (read for now).",
    figure("    retracted:\n      on: 2022-01-07\n      reason: A typo.\n"
           "      cite: wire\n"),
    why="YAML 1.1 readers, PyYAML among them, read the key `on` as true, so a desk's own "
        "scripts would see no date.")

RULES: tuple[Rule, ...] = (
    MISSING_FIELD, MISSING_CITE, NOT_IN_LIST, EXPECTED_TEXT, EMPTY_TEXT, EXPECTED_BOOLEAN,
    NOT_WHOLE_NUMBER, NEGATIVE_NUMBER, NUMBER_AS_TEXT, UNKNOWN_VALUE_WORD, EXPECTED_LIST,
    EXPECTED_MAPPING, EMPTY_CITE, NOT_A_SLUG, BAD_LANGUAGE_TAG, URL_SCHEME, BAD_URL, BAD_SHA256,
    DATE_FORMAT, INVALID_DATE, INVALID_DATETIME, DATETIME_WITHOUT_OFFSET, NOT_A_DATE,
    RANGE_REVERSED, SPAN_REVERSED, INVALID_VALUE, UNKNOWN_RULE_CODE, ERROR_NOT_IGNORABLE,
    AGENCY_EMPTY, AGENCY_TYPE, BIDI_CONTROL, INVISIBLE_CHARACTER, QUOTE_MARKS, MIXED_SCRIPT,
    UNKNOWN_TIME_ZONE, ISSUED_BEFORE_AS_OF, RETRACTED_ON,
)
