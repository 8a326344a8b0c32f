"""The rules table: every diagnostic's code, name, severity, message, hint and example."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, TypeVar

from factsheet.errors import Diagnostic, FactsheetError, Severity

E = TypeVar("E", bound=FactsheetError)

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

    def error(self, kind: type[E], where: str = "", /, **values: Any) -> E:
        """This rule as an exception of `kind` (a usage or template error), with its code."""
        return kind(self.text(**values), where, code=self.code)

    def text(self, **values: Any) -> str:
        """The message and hint as one line, for errors that have no place in a fact file."""
        hint = self.hint.format(**values)
        message = self.message.format(**values)
        return f"{message}; {hint}" if hint else message


# Examples share these blocks; the example test adds a minimal sheet file unless an example
# starts with `sheet:` (then it is the sheet's only file).
_AS_OF = "  as_of: 2022-01-07\n"
_SHEET = "sheet:\n  title: Unrest\n" + _AS_OF
_SOURCE = ("sources:\n  - id: wire\n    publisher: Wire\n    title: Protests\n"
           "    published: 2022-01-07\n")
_FIGURE = ("figures:\n  - id: killed\n    label: Killed\n    measure: killed\n"
           "    claimed_by: Ministry\n    cite: wire\n")


def _figure(extra: str, value: str = "3") -> str:
    return _SOURCE + _FIGURE + f"    value: {value}\n" + extra


def _sheet(extra: str) -> str:
    return _SHEET + extra


_YAML = "check the indentation and quoting on this line and the one before"
_QUOTE_IT = "put the value in double quotes"

# A cited source and an event citing it: the examples' setting for a text in `publisher`.
_EVENT = ("sources:\n  - id: a\n    publisher: \"{publisher}\"\n    title: Story\n"
          "    published: 2022-01-07\nevents:\n  - id: e\n    date: 2022-01-07\n"
          "    text: Protests began.\n    cite: a\n")
_DELETE_IT = "delete it (most editors do not show it; retype the words around it to be sure)"

RULES: tuple[Rule, ...] = (
    # --- FS001-FS049 usage (rules)
    Rule("FS001", "no-such-path", "error",
         "{path}: no such folder", "name a sheet folder or a folder of sheets",
         "A PATH that names no folder."),
    Rule("FS002", "no-archive-dir", "error",
         "{path}: no such folder", "--archive-dir names a folder of archived copies",
         "An --archive-dir that names no folder; every command refuses it."),
    Rule("FS003", "loose-fact-file", "error",
         "{file}: a fact file directly in {folder}, which also holds sheet folders "
         "({sub}/ ...)", "move it into its sheet's folder",
         "A fact file beside sheet folders, which either reading would ignore."),
    Rule("FS004", "no-sheets", "error",
         "no sheet folders (folders with *.yaml files) under {paths}", "",
         "The paths hold no sheet folder."),
    Rule("FS005", "bad-jobs", "error",
         "--jobs must be 0 (all CPUs) or more", "", "A negative --jobs."),
    Rule("FS006", "deprecated-build-format", "warning",
         "`build --format {value}` is deprecated", "write `build --to {value}`; "
         "--format now names the report format (text, json, github)",
         "The old meaning of `build --format`, kept for one release."),
    Rule("FS007", "bad-output-format", "error",
         "unknown format(s) {found}", "choose from {choices}",
         "A `build --to` value that names no exporter."),
    Rule("FS008", "unreadable-revision", "error",
         "{folder}: cannot read revision `{rev}`: {detail}",
         "name a commit, branch or tag of the repository that holds the sheet",
         "A git revision (`--since REV`) that the sheet's repository does not have."),
    # --- FS100-FS199 load (rules)
    Rule("FS100", "folder-not-slug", "error",
         "the folder name `{name}` is not a slug (lowercase letters, digits, hyphens)",
         "rename the folder, e.g. to `{slug}`", "The sheet folder's name is its slug."),
    Rule("FS101", "no-fact-files", "error",
         "the folder holds no *.yaml or *.yml fact files",
         "add a file such as sheet.yaml with a `sheet:` mapping", "An empty sheet folder."),
    Rule("FS102", "top-level-not-mapping", "error",
         "the top level must be a mapping of {keys}; found {found}",
         "start the file with `sheet:` or one of the list keys",
         "A fact file that is a list or a scalar.", "- killed\n"),
    Rule("FS103", "key-not-text", "error",
         "a key must be plain text", "write the key as a word followed by `:`",
         "A list or mapping used as a key.", "? [a, b]\n: c\n"),
    Rule("FS104", "unknown-key", "error",
         "unknown key `{name}`", "{suggestion}",
         "A key the schema does not have at this place.", _sheet("  titel: Other\n")),
    Rule("FS105", "duplicate-key", "error",
         "duplicate key `{name}` (first at line {first}, again at line {again})",
         "remove one of the two; YAML would silently keep only the last",
         "A key given twice in one mapping.", _sheet("  title: Again\n")),
    Rule("FS106", "second-sheet", "error",
         "a second `sheet` mapping (the first is at {first})",
         "keep exactly one `sheet:` mapping in the folder and merge the two",
         "Two files of one folder each have a `sheet` mapping.",
         "# a second file\n" + _SHEET),
    Rule("FS107", "not-a-list-of-entries", "error",
         "expected a list of {name}, found {found}",
         "write each entry on its own line starting with `- `",
         "A top-level list key holding something else.", "figures:\n  id: killed\n"),
    Rule("FS108", "unknown-top-level-key", "error",
         "unknown top-level key `{name}`; expected one of {keys}", "{suggestion}",
         "A top-level key other than sheet, sources, figures, quotes and events.",
         "figure: []\n"),
    Rule("FS109", "no-sheet", "error",
         "no `sheet` mapping in any fact file of the folder",
         "add `sheet:` with at least `title` and `as_of` to one file",
         "No file of the folder has the `sheet` mapping."),
    Rule("FS110", "unreadable-file", "error",
         "cannot read the file: {reason}", "check the file's permissions",
         "A fact file that cannot be opened."),
    Rule("FS111", "not-utf8", "error",
         "the file is not UTF-8 (byte 0x{byte:02x})", "save the file as UTF-8",
         "A fact file in another encoding (the example would not be UTF-8 text)."),
    Rule("FS112", "tab-indentation", "error",
         "a tab is used for indentation", "indent with spaces; YAML does not allow tabs there",
         "A tab in a line's indentation.", "figures:\n\t- id: killed\n"),
    Rule("FS113", "too-deep", "error",
         "nesting deeper than {depth} levels", "flatten the structure",
         "Lists or mappings nested beyond any fact's need.",
         "figures: " + "[" * 70 + "]" * 70 + "\n"),
    Rule("FS114", "yaml-syntax", "error", "YAML syntax: {problem}", _YAML,
         "Text the YAML reader cannot parse.",
         "figures:\n  - id: killed\n   label: Killed\n"),
    Rule("FS115", "never-closed", "error",
         "YAML syntax: {thing} starts here but is never closed (the file ends at line {end})",
         "close it with the matching quote or bracket",
         "A quote or bracket still open at the end of the file.", 'figures: ["killed\n'),
    Rule("FS116", "two-documents", "error", "YAML syntax: {problem}",
         "keep one document per file: remove the extra `---` line or split the file",
         "A `---` line starting a second document.", "figures: []\n---\nquotes: []\n"),
    Rule("FS117", "reserved-character", "error", "YAML syntax: {problem}", _QUOTE_IT,
         "A plain value starting with a character YAML reserves (`@`, `` ` ``).",
         "figures: `killed`\n"),
    Rule("FS118", "undefined-alias", "error", "YAML syntax: {problem}",
         "define the anchor (`&name`) on an earlier value, or correct the alias name",
         "An alias (`*name`) with no anchor.", "figures: *wire\n"),
    Rule("FS119", "control-character", "error",
         "the file contains a character YAML does not allow ({char})",
         "delete it; it is usually invisible in editors",
         "A control character (the example would be invisible)."),
    Rule("FS120", "recursive-alias", "error",
         "an alias refers to a node that contains it", "remove the recursive alias",
         "An alias inside the node it names.", "figures: &loop [*loop]\n"),
    Rule("FS121", "tag-not-allowed", "error",
         "the tag `{tag}` is not allowed",
         "remove the tag; fact files hold only plain text, numbers, lists and mappings",
         "An explicit YAML tag such as `!!python/object`.", "figures: !!set {}\n"),
    Rule("FS122", "alias-bomb", "error",
         "aliases expand to more than {limit:,} nodes",
         "use anchors and aliases only for small repeated parts such as cite lists",
         "Aliases of aliases that would expand without bound (too long to show)."),
    Rule("FS123", "merge-not-mapping", "error",
         "`<<` must merge a mapping", "point `<<:` at an anchored mapping",
         "A merge key (`<<:`) naming a list or scalar.", _sheet("  <<: 1\n")),
    Rule("FS124", "labels-unreadable", "error",
         "cannot read {path}: {reason}", "fix the YAML of the template's labels",
         "A template's labels.yaml that is not valid YAML."),
    Rule("FS125", "labels-not-mapping", "error",
         "{path} must map languages to words", "write `en:` then `key: word` lines",
         "A template's labels.yaml that is not a mapping of languages."),
    Rule("FS126", "no-labels", "error",
         "no labels.yaml in the template folders {folders}",
         "add labels.yaml to the template", "No template of the chain has words."),
    # --- FS200-FS259 schema types (rules)
    Rule("FS200", "missing-field", "error",
         "the required field `{name}` is missing", "add `{name}: ...` to this entry",
         "An entry without a field it needs.", "sheet:\n" + _AS_OF),
    Rule("FS201", "missing-cite", "error",
         "no `cite`: every fact needs at least one citation",
         "add `cite: <source-id>` naming the article that reports it",
         "A fact without `cite`.", _sheet("  summary:\n    - text: Calm returned.\n")),
    Rule("FS202", "not-in-list", "error",
         "expected one of {choices}; found {found}", "{suggestion}",
         "A value outside an enumeration (measure, approx, translation, paper).",
         _sheet("  paper: A5\n")),
    Rule("FS203", "expected-text", "error", "expected text, found {found}", "{fix}",
         "A number, date, boolean or list where text belongs.", _sheet("  author: yes\n")),
    Rule("FS204", "empty-text", "error", "expected text, found an empty value", "{fix}",
         "An empty or blank text.", _sheet('  author: ""\n')),
    Rule("FS205", "expected-boolean", "error",
         "expected true or false, found {found}", "write `true` or `false` without quotes",
         "A yes/no field with another value.", _figure('    key: "yes"\n')),
    Rule("FS206", "not-whole-number", "error",
         "expected a whole number, found {found}", "{fix}",
         "A count that is not a whole number.", _figure("", "3.700")),
    Rule("FS207", "negative-number", "error",
         "expected a whole number >= 0, found {found}",
         "counts cannot be negative; remove the minus sign",
         "A negative count.", _figure("", "-3")),
    Rule("FS208", "number-as-text", "error",
         'expected a whole number, found the text "{found}"',
         "write it without separators or quotes: `{digits}`",
         "A count written as text, with separators.", _figure("", '"3,700"')),
    Rule("FS209", "unknown-value-word", "error",
         "expected a whole number, a {{min, max}} range or one of {words}; "
         'found the text "{found}"', "{suggestion}",
         "A value word that is not one of the vague counts.", _figure("", "dozen")),
    Rule("FS210", "expected-list", "error",
         "expected a list, found {found}",
         "write each item on its own line starting with `- `",
         "A single value where a list belongs.", _sheet("  summary: Calm returned.\n")),
    Rule("FS211", "expected-mapping", "error",
         "expected a mapping of fields, found {found}",
         "write `key: value` lines indented under it",
         "An entry that is a scalar or a list.", "sheet: Unrest\n"),
    Rule("FS212", "empty-cite", "error",
         "the cite list is empty; every fact needs a citation",
         "name at least one source id, e.g. `cite: [my-source]`",
         "`cite: []`.", _sheet("  summary:\n    - text: Calm returned.\n      cite: []\n")),
    Rule("FS213", "not-a-slug", "error",
         "expected a slug (lowercase letters, digits, hyphens), found `{found}`", "{fix}",
         "An id or template name that is not a slug.", _sheet("  template: Brief Ing\n")),
    Rule("FS214", "bad-language-tag", "error",
         "expected a BCP 47 language tag, found `{found}`",
         "use a tag such as `en`, `ru`, `kk` or `en-GB`",
         "A language that is not a BCP 47 tag.", _sheet("  lang: english\n")),
    Rule("FS215", "url-scheme", "error",
         "expected an http or https URL, found {found}",
         "link only to web pages, starting with https://",
         "A link that is not http or https.",
         _figure("").replace("    published:", "    url: javascript:alert(1)\n    published:")),
    Rule("FS216", "bad-url", "error",
         "expected a full web address, found `{found}`", "write it as https://host/path",
         "A link without a host.",
         _figure("").replace("    published:", "    url: https:/troops\n    published:")),
    Rule("FS217", "bad-sha256", "error",
         "expected 64 lowercase hex digits", "let `factsheet archive-hash` write this field",
         "An archive_sha256 that is not a SHA-256.",
         _figure("").replace("    published:", "    archive_sha256: abc\n    published:")),
    Rule("FS218", "date-format", "error",
         "expected a date (2022-01-07) or a datetime with a UTC offset "
         "(2022-01-07T16:20:00+06:00), found `{found}`",
         "write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM",
         "A date in another format.", "sheet:\n  title: Unrest\n  as_of: 7 January 2022\n"),
    Rule("FS219", "invalid-date", "error",
         "`{found}` is not a valid calendar date", "check the month and day",
         "A day that does not exist.", "sheet:\n  title: Unrest\n  as_of: 2022-02-30\n"),
    Rule("FS220", "invalid-datetime", "error",
         "`{found}` is not a valid date and time",
         "check the month and day, the time (00:00 to 23:59) and the UTC offset "
         "(-12:00 to +14:00)", "A time or offset that does not exist.",
         "sheet:\n  title: Unrest\n  as_of: 2022-01-07T25:00:00+00:00\n"),
    Rule("FS221", "datetime-without-offset", "error",
         "the datetime has no UTC offset", "add one, e.g. `{suggested}+00:00` for UTC",
         "A time of day without its UTC offset.",
         "sheet:\n  title: Unrest\n  as_of: 2022-01-07T10:00:00\n"),
    Rule("FS222", "not-a-date", "error",
         "expected a date or datetime, found {found}", "write it as YYYY-MM-DD",
         "A number or list where a date belongs.", "sheet:\n  title: Unrest\n  as_of: [1]\n"),
    Rule("FS223", "range-reversed", "error",
         "min ({min}) is greater than max ({max})", "swap the two numbers",
         "A `{min, max}` range upside down.", _figure("", "{min: 9, max: 2}")),
    Rule("FS224", "span-reversed", "error",
         "`from` is later than `to`", "swap the two dates", "An event span upside down.",
         _SOURCE + "events:\n  - id: march\n    date: {from: 2022-01-06, to: 2022-01-05}\n"
         "    text: A march.\n    cite: wire\n"),
    Rule("FS225", "invalid-value", "error", "{message}", "{hint}",
         "Any other value the schema refuses."),
    Rule("FS226", "unknown-rule-code", "error",
         "`{found}` is not a rule code", "{suggestion}",
         "An `ignore` entry that names no rule.", _sheet("  ignore: [FS999]\n")),
    Rule("FS227", "error-not-ignorable", "error",
         "`{found}` ({name}) is an error, and errors cannot be ignored",
         "fix the entry instead; only warnings can be silenced",
         "An `ignore` entry naming an error rule.", _sheet("  ignore: [FS104]\n")),
    Rule("FS228", "agency-empty", "error",
         "the agency list is empty", "name at least one agency, or remove the key",
         "`agency: []`: a list that names no wire service.",
         _SOURCE.replace("    published:", "    agency: []\n    published:") + _FIGURE
         + "    value: 3\n"),
    Rule("FS229", "agency-type", "error",
         "expected an agency name or a list of names, found {found}",
         "write `agency: Reuters`, or `agency: [AFP, AP]` for a story from several wires",
         "An agency that is not a name or a list of names.",
         _SOURCE.replace("    published:", "    agency: [AFP, 3]\n    published:") + _FIGURE
         + "    value: 3\n"),
    # --- FS300-FS349 cross-references and dates (rules)
    Rule("FS300", "duplicate-id", "error",
         "duplicate id `{id}` (first used by {first} at {place})",
         "give every source and fact its own id",
         "Two entries with one id (compared after NFKC and casefolding).",
         _figure("  - id: killed\n    label: Dead\n    measure: killed\n    value: 2\n"
                 "    claimed_by: Ministry\n    cite: wire\n")),
    Rule("FS301", "unknown-source", "error",
         "cites `{id}`, which is not a source of this sheet", "{suggestion}",
         "A cite naming no source.", _figure("").replace("cite: wire", "cite: [wire, tass]")),
    Rule("FS302", "source-id-typo", "error",
         "the source id `{id}` is cited as `{cited}` by {n} {entries}; did you mean that?",
         "write `id: {cited}` here, and every citing entry resolves",
         "A never-cited source whose id is close to an unknown "
         "cited id: the typo is in the source.",
         _figure("").replace("- id: wire", "- id: wir")),
    Rule("FS303", "accessed-before-published", "error",
         "accessed ({accessed}) is earlier than published ({published})",
         "check both dates; an article cannot be read before it appears",
         "An article read before it appeared.",
         _figure("").replace("    published: 2022-01-07\n",
                             "    published: 2022-01-07\n    accessed: 2022-01-06\n")),
    Rule("FS304", "updated-before-published", "error",
         "updated ({updated}) is earlier than published ({published})", "check both dates",
         "An article updated before it appeared.",
         _figure("").replace("    published: 2022-01-07\n",
                             "    published: 2022-01-07\n    updated: 2022-01-06\n")),
    Rule("FS305", "published-after-sheet", "error",
         "published ({published}) is later than the sheet's as_of ({as_of})",
         "check the date; a sheet cannot rest on an article from after its own moment",
         "A source published after the sheet's as_of.",
         _figure("").replace("published: 2022-01-07", "published: 2022-01-08")),
    Rule("FS306", "uncited-source", "warning",
         "the source `{id}` is never cited", "cite it from a fact or remove it",
         "A source no fact cites.", _SOURCE),
    Rule("FS307", "figure-after-sheet", "error",
         "as_of ({date}) is later than the sheet's as_of ({as_of})",
         "a sheet cannot report a figure from after its own moment; "
         "fix the date or move the sheet's as_of",
         "A figure counted after the sheet's moment.", _figure("    as_of: 2022-01-08\n")),
    Rule("FS308", "dated-after-sheet", "warning",
         "dated {date}, after the sheet's as_of ({as_of})",
         "check the date or the sheet's as_of",
         "A quote or event dated after the sheet's as_of.",
         _SOURCE + "events:\n  - id: march\n    date: 2022-01-08\n"
         "    text: A march.\n    cite: wire\n"),
    Rule("FS309", "date-in-future", "warning",
         "dated {date}, which is in the future; a typo?", "check the year, month and day",
         "A date later than the moment of the run.",
         "sheet:\n  title: Unrest\n  as_of: 2041-08-06\n"),
    Rule("FS310", "says-without-number", "warning",
         "the excerpt does not contain the figure's value ({value})",
         "quote the passage that gives the number, or correct the value",
         "A figure's `says` that does not state its value.",
         _figure("").replace("    cite: wire\n",
                             "    cite:\n      - source: wire\n        says: Many died.\n")),
    Rule("FS311", "missing-claimed-by", "warning",
         "no `claimed_by`: readers cannot tell who makes this claim",
         "add `claimed_by: ...`, e.g. the ministry, agency or outlet that gives the number",
         "A figure without `claimed_by`.", _figure("").replace("    claimed_by: Ministry\n", "")),
    # --- FS350-FS399 (reconcile): figure groups, see docs/format.md "Figures over time"
    Rule("FS350", "conflict-without-note", "warning",
         "the key figure `{id}` is in a conflicting group, {what}, whose reports range from "
         "{low} to {high}, and it has no `note`",
         "add `note: ...` saying how the reports differ or which one the sheet relies on",
         "A key figure whose group conflicts, with no `note` explaining the conflict.",
         "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
         "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
         "figures:\n"
         "  - {id: x, label: Arrested, measure: arrested, value: 3000, claimed_by: A, key: true,"
         " cite: a}\n"
         "  - {id: y, label: Arrested, measure: arrested, value: 3800, claimed_by: B,"
         " note: The police count., cite: b}\n"),
    Rule("FS351", "latest-rests-on-one-report", "warning",
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
         "  - {id: y, label: Killed, measure: killed, value: 12, claimed_by: C, cite: c}\n"),
    Rule("FS352", "supersedes-unknown", "error",
         "`supersedes: {target}` {problem}",
         "name the id of an earlier figure with the same `measure` and `who`",
         "A `supersedes` that names no other figure counting the same thing.",
         "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
         "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
         "figures:\n"
         "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, cite: [a, b],"
         " supersedes: nope, note: Revised.}\n"),
    Rule("FS353", "supersedes-without-note", "error",
         "`supersedes: {target}` without a `note`: a revised count must say why it changed",
         "add `note: ...`, e.g. \"the ministry corrected its count\"",
         "A `supersedes` with no `note` saying why the count changed.",
         "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
         "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
         "figures:\n"
         "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, cite: a}\n"
         "  - {id: y, label: Killed, measure: killed, value: 8, claimed_by: A, cite: b,"
         " supersedes: x}\n"),
    Rule("FS354", "supersedes-later", "error",
         "`supersedes: {target}` names a figure counted later ({then}) than this one ({now})",
         "a figure can only revise a count of its own moment or an earlier one; check the "
         "dates or swap the two",
         "A figure that supersedes a later figure.",
         "sources:\n  - {id: a, publisher: A, title: T, published: 2022-01-07}\n"
         "  - {id: b, publisher: B, title: T, published: 2022-01-07}\n"
         "figures:\n"
         "  - {id: x, label: Killed, measure: killed, value: 10, claimed_by: A, cite: a,"
         " as_of: 2022-01-05, supersedes: y, note: Revised.}\n"
         "  - {id: y, label: Killed, measure: killed, value: 12, claimed_by: B, cite: b}\n"),
    # --- FS260-FS299 (schema helper: text hygiene, number forms, model-level value rules)
    Rule("FS260", "bidi-control", "error",
         "the text contains {char}, an invisible character that reorders the text after it{more}",
         _DELETE_IT,
         "A bidi control character (U+202A-U+202E, U+2066-U+2069) in any text: it can "
         "reverse a line of the sheet.",
         _EVENT.format(publisher="Reu\\u202eters")),
    Rule("FS261", "invisible-character", "error",
         "the text contains {char}, an invisible character that makes equal-looking text "
         "differ{more}",
         _DELETE_IT,
         "A zero-width character (U+200B-U+200D, U+2060, U+FEFF, tag characters) in any text: "
         "`Reu\\u200bters` would pass as a second agency.",
         _EVENT.format(publisher="Reu\\u200bters")),
    Rule("FS262", "quote-marks", "error",
         "the quote text {how}",
         "write the words without the marks {ends}; the sheet adds its own quote marks",
         "A quote's `text` wrapped in quote marks (or starting with one that never closes).",
         _EVENT.format(publisher="Wire") + "quotes:\n  - id: q\n    speaker: A. Person\n"
         "    text: \"\u201cWe will restore order.\u201d\"\n    cite: a\n"),
    Rule("FS263", "mixed-script", "error",
         "the word `{word}` mixes {scripts} letters ({char})",
         "retype it in one alphabet: a look-alike letter makes an equal-looking name differ",
         "A name (publisher, agency, speaker, claimed_by) with a word mixing Latin, Cyrillic "
         "or Greek letters, such as `Rеuters` with a Cyrillic `е`.",
         _EVENT.format(publisher="R\\u0435uters")),
    # --- FS400-FS499 (check helper)
    Rule("FS400", "no-archive", "warning",
         "no archived copy of `{source}`{recorded}; {count} citation{plural} of it cannot be "
         "checked", "save the article as {looked}.txt (or .html, .md){elsewhere}",
         "A cited source has no saved copy, so its excerpts cannot be checked "
         "(an error under --strict)."),
    Rule("FS401", "not-found", "error",
         "{what} is not found in {archive}{detail}", "{hint}",
         "An excerpt (or a quote's text) is not in the archived copy it cites."),
    Rule("FS402", "ellipsis-drops-negation", "error",
         "the words left out at `...` include {negations}: the archive ({archive}, line "
         "{at_line}) says “{passage}”",
         "an ellipsis may not leave out a negation; quote the words in full",
         "The words an excerpt leaves out at `...` include not, no, never, n't, without, nor, "
         "neither, не, нет, ни, без and the like."),
    Rule("FS403", "ellipsis-too-far", "error",
         "the parts of the excerpt around `...` are {why} in {archive} (line {at_line})",
         "the parts around `...` must stand in one paragraph, at most {limit} characters "
         "apart; quote a closer passage or cite the parts separately",
         "The parts around `...` lie in different paragraphs or too far apart."),
    Rule("FS404", "ellipsis-order", "error",
         "part {part} of the excerpt comes before part {before} in {archive} (line {at_line})",
         "the parts around `...` must appear in the archive's order",
         "The parts around `...` appear in the archive, but in another order."),
    Rule("FS405", "number-cut", "error",
         "the excerpt's number “{number}” is only part of “{whole}” in {archive} "
         "(line {at_line})",
         "quote the number whole, as the archive prints it, and give the figure that value",
         "A number in an excerpt matches only by cutting a longer number (3 of 3,700)."),
    Rule("FS406", "quote-text-unverified", "error",
         "the quote's text is not in any archived copy its cites name ({archives}); only "
         "their `says` excerpts are",
         "show the speaker's words exactly as archived, or, if the text is your translation, "
         "add `translated: true` so the sheet says so",
         "A quote whose `text` differs from every cite's `says` and is in no cited copy."),
    Rule("FS407", "archive-changed", "warning",
         "the archived copy {archive} has changed since its hash was recorded "
         "(recorded {recorded}…, now {now}…)",
         "check that its citations still hold, then run `factsheet archive-hash` to record "
         "the new hash", "An archived copy's SHA-256 differs from `archive_sha256` "
         "(an error under --strict)."),
    Rule("FS408", "several-copies", "warning",
         "several archived copies: {paths}; using {used}", "keep one copy per source",
         "A source has more than one archived copy (.txt, .html, .md)."),
    Rule("FS409", "unreadable-copy", "error",
         "{copy}: {problem}", "save the archived copy as UTF-8 text",
         "An archived copy cannot be read or is not UTF-8."),
    Rule("FS410", "lookalike", "warning",
         "the archived copies of `{a}` and `{b}` share {share} of their wording ({passages} "
         "of {ngram}+ words, the longest: “{example}”) but declare no common agency; they "
         "look like copies of one story",
         "if both carry the same wire story, give both `agency:` the wire service's name so "
         "they count as one report",
         "Two archived copies share long passages but declare no common agency."),
    Rule("FS411", "archive-folder-missing", "warning",
         "the archive folder {folder} that this sheet declares does not exist; none of its "
         "excerpts can be checked",
         "create it and save the articles there, or correct `sheet.archive` (a path "
         "relative to the sheet's folder)",
         "`sheet.archive` names a folder that does not exist (an error under --strict)."),
    Rule("FS412", "hash-not-recorded", "error",
         "{problem}", "add `archive_sha256: {digest}` to it by hand",
         "`archive-hash` cannot edit this source's mapping in place."),
    Rule("FS413", "hash-edit-refused", "error",
         "could not record the hashes without changing the file's meaning; the file is left "
         "as it was", "add the archive_sha256 lines by hand",
         "`archive-hash` refused an edit that would change what the file says."),
    Rule("FS414", "hash-write-failed", "error",
         "cannot write the file: {problem}", "check the file's permissions",
         "`archive-hash` could not write a fact file."),
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
    # --- FS560-FS579 (speed helper): documented size limits, see docs/performance.md "Limits"
    Rule("FS560", "sheet-over-limit", "warning",
         "the sheet has {n} figures, more than the documented limit of {limit}; its PDF "
         "takes {time} of CPU time and {memory} of memory to build",
         "split it into several sheets (by phase or by place), or build with --to json,html "
         "while editing and make the PDF once at the end",
         "A sheet with more figures than the documented limit: it builds, slowly."),
    Rule("FS561", "archive-over-limit", "warning",
         "the archived copy {copy} is {size}, more than the documented limit of {limit}; "
         "checking it takes {time}",
         "save only the article (the page's main text) rather than the whole site or feed",
         "An archived copy larger than the documented limit: it is checked, slowly."),
)


BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}

# pydantic's error kinds, and the model's own (`_err(kind, ...)`), each map to one rule.
KINDS: dict[str, str] = {
    "missing": "missing-field", "extra_forbidden": "unknown-key",
    "literal_error": "not-in-list", "string_type": "expected-text",
    "string_too_short": "empty-text", "bool_type": "expected-boolean",
    "int_type": "not-whole-number", "value_float": "not-whole-number",
    "value_bool": "not-whole-number", "value_type": "not-whole-number",
    "greater_than_equal": "negative-number", "value_negative": "negative-number",
    "value_text_number": "number-as-text", "value_word": "unknown-value-word",
    "list_type": "expected-list", "tuple_type": "expected-list",
    "model_type": "expected-mapping", "model_attributes_type": "expected-mapping",
    "dict_type": "expected-mapping", "too_short": "empty-cite", "slug": "not-a-slug",
    "lang": "bad-language-tag", "url_scheme": "url-scheme", "url": "bad-url",
    "sha256": "bad-sha256", "date_format": "date-format", "date_invalid": "invalid-date",
    "datetime_invalid": "invalid-datetime", "date_offset": "datetime-without-offset",
    "date_type": "not-a-date", "range_order": "range-reversed", "span_order": "span-reversed",
    "rule_code": "unknown-rule-code", "rule_error": "error-not-ignorable",
    "agency_empty": "agency-empty", "agency_type": "agency-type",
}


def rule(name_or_code: str) -> Rule:
    """Return the rule with this name (`unknown-key`) or code (`FS104`)."""
    found = BY_NAME.get(name_or_code) or BY_CODE.get(name_or_code)
    if found is None:
        raise KeyError(f"no rule {name_or_code!r}")  # a bug of ours, not of the input
    return found
