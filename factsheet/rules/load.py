"""The rules of one stage: loading YAML (FS1xx)."""

from __future__ import annotations

from factsheet.rules.base import QUOTE_IT, SHEET, YAML_HINT, Rule, sheet

__all__ = [
    "ALIAS_BOMB", "CONTROL_CHARACTER", "DUPLICATE_KEY", "FOLDER_NOT_SLUG", "KEY_NOT_TEXT",
    "LABELS_NOT_MAPPING", "LABELS_PLACEHOLDER", "LABELS_UNREADABLE", "MERGE_NOT_MAPPING",
    "NEVER_CLOSED", "NOT_A_LIST_OF_ENTRIES", "NOT_UTF8", "NO_FACT_FILES", "NO_LABELS", "NO_SHEET",
    "RECURSIVE_ALIAS", "RESERVED_CHARACTER", "SECOND_SHEET", "TAB_INDENTATION", "TAG_NOT_ALLOWED",
    "TOO_DEEP", "TOP_LEVEL_NOT_MAPPING", "TWO_DOCUMENTS", "UNDEFINED_ALIAS", "UNKNOWN_KEY",
    "UNKNOWN_TOP_LEVEL_KEY", "UNREADABLE_FILE", "YAML_SYNTAX",
]

# --- FS100-FS199 load (rules)
FOLDER_NOT_SLUG = Rule(
    "FS100", "folder-not-slug", "error",
    "the folder name `{name}` is not a slug (lowercase letters, digits, hyphens)",
    "rename the folder, e.g. to `{slug}`", "The sheet folder's name is its slug.",
    why="The folder's name is the sheet's slug and names its outputs, so it must be one.")

NO_FACT_FILES = Rule(
    "FS101", "no-fact-files", "error",
    "the folder holds no *.yaml or *.yml fact files",
    "add a file such as sheet.yaml with a `sheet:` mapping", "An empty sheet folder.",
    why="An empty folder is most often a wrong path; building nothing would look like "
        "success.")

TOP_LEVEL_NOT_MAPPING = Rule(
    "FS102", "top-level-not-mapping", "error",
    "the top level must be a mapping of {keys}; found {found}",
    "start the file with `sheet:` or one of the list keys",
    "A fact file that is a list or a scalar.", "- killed\n",
    why="The readers expect keys such as `sheet:` and `figures:` at the top of every file.")

KEY_NOT_TEXT = Rule(
    "FS103", "key-not-text", "error",
    "a key must be plain text", "write the key as a word followed by `:`",
    "A list or mapping used as a key.", "? [a, b]\n: c\n",
    why="Keys are field names; a list or mapping as a key is a YAML slip, not a field.")

UNKNOWN_KEY = Rule(
    "FS104", "unknown-key", "error",
    "unknown key `{name}`", "{suggestion}",
    "A key the schema does not have at this place.", sheet("  titel: Other\n"),
    why="A misspelt key (`claimed_bu`) would otherwise be dropped, and the fact would lose "
        "what it says.")

DUPLICATE_KEY = Rule(
    "FS105", "duplicate-key", "error",
    "duplicate key `{name}` (first at line {first}, again at line {again})",
    "remove one of the two; YAML would silently keep only the last",
    "A key given twice in one mapping.", sheet("  title: Again\n"),
    why="YAML keeps only the last of two equal keys, so the first value would vanish without "
        "a word.")

SECOND_SHEET = Rule(
    "FS106", "second-sheet", "error",
    "a second `sheet` mapping (the first is at {first})",
    "keep exactly one `sheet:` mapping in the folder and merge the two",
    "Two files of one folder each have a `sheet` mapping.",
    "# a second file\n" + SHEET,
    why="A sheet has one title and one moment; two `sheet` mappings leave it ambiguous which "
        "is meant.")

NOT_A_LIST_OF_ENTRIES = Rule(
    "FS107", "not-a-list-of-entries", "error",
    "expected a list of {name}, found {found}",
    "write each entry on its own line starting with `- `",
    "A top-level list key holding something else.", "figures:\n  id: killed\n",
    why="`figures:`, `quotes:` and the others hold lists of entries; anything else would be "
        "half read.")

UNKNOWN_TOP_LEVEL_KEY = Rule(
    "FS108", "unknown-top-level-key", "error",
    "unknown top-level key `{name}`; expected one of {keys}", "{suggestion}",
    "A top-level key other than sheet, sources, figures, quotes and events.",
    "figure: []\n",
    why="A misspelt top-level key (`figure:`) would drop every entry under it.")

NO_SHEET = Rule(
    "FS109", "no-sheet", "error",
    "no `sheet` mapping in any fact file of the folder",
    "add `sheet:` with at least `title` and `as_of` to one file",
    "No file of the folder has the `sheet` mapping.",
    why="Without `sheet:` there is no title or moment, so nothing on page 1 could be dated.")

UNREADABLE_FILE = Rule(
    "FS110", "unreadable-file", "error",
    "cannot read the file: {reason}", "check the file's permissions",
    "A fact file that cannot be opened.",
    why="A fact file that cannot be read would leave its facts out of a sheet that still "
        "looks whole.")

NOT_UTF8 = Rule(
    "FS111", "not-utf8", "error",
    "the file is not UTF-8 (byte 0x{byte:02x})", "save the file as UTF-8",
    "A fact file in another encoding (the example would not be UTF-8 text).",
    why="Guessing an encoding can turn names and numbers into other characters.")

TAB_INDENTATION = Rule(
    "FS112", "tab-indentation", "error",
    "a tab is used for indentation", "indent with spaces; YAML does not allow tabs there",
    "A tab in a line's indentation.", "figures:\n\t- id: killed\n",
    why="YAML forbids tabs in indentation, and editors show them at different widths.")

TOO_DEEP = Rule(
    "FS113", "too-deep", "error",
    "nesting deeper than {depth} levels",
    "nest lists and mappings at most {depth} levels deep: flatten the nesting, e.g. give"
    " an inner list its own top-level entries",
    "Lists or mappings nested beyond any fact's need.",
    "figures: " + "[" * 70 + "]" * 70 + "\n",
    why="No fact needs deep nesting, and deep input is how parsers are made to crash or "
        "hang.")

YAML_SYNTAX = Rule(
    "FS114", "yaml-syntax", "error", "YAML syntax: {problem}", YAML_HINT,
    "Text the YAML reader cannot parse.",
    "figures:\n  - id: killed\n   label: Killed\n",
    why="Text the YAML reader cannot parse has no meaning to build from.")

NEVER_CLOSED = Rule(
    "FS115", "never-closed", "error",
    "YAML syntax: {thing} starts here but is never closed (the file ends at line {end})",
    "close it with the matching quote or bracket",
    "A quote or bracket still open at the end of the file.", 'figures: ["killed\n',
    why="An unclosed quote or bracket swallows the rest of the file into one value.")

TWO_DOCUMENTS = Rule(
    "FS116", "two-documents", "error", "YAML syntax: {problem}",
    "keep one document per file: remove the extra `---` line or split the file",
    "A `---` line starting a second document.", "figures: []\n---\nquotes: []\n",
    why="A second document would be ignored or merged by other YAML tools; a fact file is one"
        " document.")

RESERVED_CHARACTER = Rule(
    "FS117", "reserved-character", "error", "YAML syntax: {problem}", QUOTE_IT,
    "A plain value starting with a character YAML reserves (`@`, `` ` ``).",
    "figures: `killed`\n",
    why="YAML reserves these characters; a plain value starting with one does not parse the "
        "same everywhere.")

UNDEFINED_ALIAS = Rule(
    "FS118", "undefined-alias", "error", "YAML syntax: {problem}",
    "define the anchor (`&name`) on an earlier value, or correct the alias name",
    "An alias (`*name`) with no anchor.", "figures: *wire\n",
    why="An alias with no anchor names nothing; its value would be empty.")

CONTROL_CHARACTER = Rule(
    "FS119", "control-character", "error",
    "the file contains a character YAML does not allow ({char})",
    "delete it; it is usually invisible in editors",
    "A control character (the example would be invisible).",
    why="Control characters are invisible in editors and on the page, so two values that look"
        " equal may differ.")

RECURSIVE_ALIAS = Rule(
    "FS120", "recursive-alias", "error",
    "an alias refers to a node that contains it", "remove the recursive alias",
    "An alias inside the node it names.", "figures: &loop [*loop]\n",
    why="A node that contains itself has no finite value.")

TAG_NOT_ALLOWED = Rule(
    "FS121", "tag-not-allowed", "error",
    "the tag `{tag}` is not allowed",
    "remove the tag; fact files hold only plain text, numbers, lists and mappings",
    "An explicit YAML tag such as `!!python/object`.", "figures: !!set {}\n",
    why="Tags can make YAML readers build objects or run code; facts are only text, numbers "
        "and dates.")

ALIAS_BOMB = Rule(
    "FS122", "alias-bomb", "error",
    "aliases expand to more than {limit:,} nodes",
    "use anchors and aliases only for small repeated parts such as cite lists",
    "Aliases of aliases that would expand without bound (too long to show).",
    why="Nested aliases can expand to billions of nodes from a few lines (a 'billion "
        "laughs').")

MERGE_NOT_MAPPING = Rule(
    "FS123", "merge-not-mapping", "error",
    "`<<` must merge a mapping", "point `<<:` at an anchored mapping",
    "A merge key (`<<:`) naming a list or scalar.", sheet("  <<: 1\n"),
    why="A merge key merges a mapping; anything else has no defined meaning.")

LABELS_UNREADABLE = Rule(
    "FS124", "labels-unreadable", "error",
    "cannot read {path}: {reason}", "fix the YAML of the template's labels",
    "A template's labels.yaml that is not valid YAML.",
    why="A template's words would otherwise fall back silently, and the sheet would print "
        "other labels.")

LABELS_NOT_MAPPING = Rule(
    "FS125", "labels-not-mapping", "error",
    "{path} must map languages to words", "write `en:` then `key: word` lines",
    "A template's labels.yaml that is not a mapping of languages.",
    why="Labels are looked up by language, then by key; another shape cannot be read.")

NO_LABELS = Rule(
    "FS126", "no-labels", "error",
    "no labels.yaml in the template folders {folders}",
    "add labels.yaml to the template", "No template of the chain has words.",
    why="A sheet with no labels would print keys instead of words.")

# --- FS127-FS129 (fail-closed helper)
LABELS_PLACEHOLDER = Rule(
    "FS127", "labels-placeholder", "error",
    "{path}: the word `{key}` has the placeholder `{{{field}}}`; a placeholder is a plain "
    "name, with no attribute, index, conversion or format",
    "write `{{name}}` with one of the names the view passes for this word "
    "(docs/templates.md)",
    "A labels.yaml word whose placeholder reaches into a value (`{n.__class__}`).",
    why="A placeholder that reaches into a value's attributes would let a label read Python's"
        " internals.")

RULES: tuple[Rule, ...] = (
    FOLDER_NOT_SLUG, NO_FACT_FILES, TOP_LEVEL_NOT_MAPPING, KEY_NOT_TEXT, UNKNOWN_KEY,
    DUPLICATE_KEY, SECOND_SHEET, NOT_A_LIST_OF_ENTRIES, UNKNOWN_TOP_LEVEL_KEY, NO_SHEET,
    UNREADABLE_FILE, NOT_UTF8, TAB_INDENTATION, TOO_DEEP, YAML_SYNTAX, NEVER_CLOSED, TWO_DOCUMENTS,
    RESERVED_CHARACTER, UNDEFINED_ALIAS, CONTROL_CHARACTER, RECURSIVE_ALIAS, TAG_NOT_ALLOWED,
    ALIAS_BOMB, MERGE_NOT_MAPPING, LABELS_UNREADABLE, LABELS_NOT_MAPPING, NO_LABELS,
    LABELS_PLACEHOLDER,
)
