"""The rules of one stage: usage and the file system (FS0xx)."""

from __future__ import annotations

from factsheet.rules.base import Rule

__all__ = [
    "BAD_JOBS", "BAD_OUTPUT_FORMAT", "BUILD_OUTPUTS_TWICE", "DEPRECATED_BUILD_FORMAT", "DISK_FULL",
    "LOOSE_FACT_FILE", "NO_ARCHIVE_DIR", "NO_EDITIONS_DIR", "NO_SHEETS", "NO_SUCH_PATH",
    "NO_SUCH_RULE", "PERMISSION_DENIED", "READ_ONLY", "UNREADABLE_FOLDER", "UNREADABLE_REVISION",
    "WRITE_FAILED",
]

# --- FS001-FS049 usage (rules)
NO_SUCH_PATH = Rule(
    "FS001", "no-such-path", "error",
    "{path}: no such folder", "name a sheet folder or a folder of sheets",
    "A PATH that names no folder.",
    why="A mistyped path must stop the run: building nothing while saying nothing looks like "
        "success.")

NO_ARCHIVE_DIR = Rule(
    "FS002", "no-archive-dir", "error",
    "{path}: no such folder", "--archive-dir names a folder of archived copies",
    "An --archive-dir that names no folder; every command refuses it.",
    why="A check against a folder that is not there would verify nothing, and a sheet must "
        "never look more checked than it was.")

LOOSE_FACT_FILE = Rule(
    "FS003", "loose-fact-file", "error",
    "{file}: a fact file directly in {folder}, which also holds sheet folders "
    "({sub}/ ...)", "move it into its sheet's folder",
    "A fact file beside sheet folders, which either reading would ignore.",
    why="Either reading of such a folder drops facts silently; the file's place must say "
        "which sheet it belongs to.")

NO_SHEETS = Rule(
    "FS004", "no-sheets", "error",
    "no sheet folders (folders with *.yaml files) under {paths}", "",
    "The paths hold no sheet folder.",
    why="A run over no sheets would exit 0 and look like a clean build.")

BAD_JOBS = Rule(
    "FS005", "bad-jobs", "error",
    "--jobs must be 0 (all CPUs) or more", "", "A negative --jobs.",
    why="A negative number of workers has no meaning; guessing one would hide the typo.")

DEPRECATED_BUILD_FORMAT = Rule(
    "FS006", "deprecated-build-format", "warning",
    "`build --format {value}` is deprecated", "write `build --to {value}`; "
    "--format now names the report format (text, json, github)",
    "The old meaning of `build --format`, kept for one release.",
    why="`--format` now names the report format; the old meaning is kept one release so "
        "scripts can move.")

BAD_OUTPUT_FORMAT = Rule(
    "FS007", "bad-output-format", "error",
    "unknown format(s) {found}", "choose from {choices}",
    "A `build --to` value that names no exporter.",
    why="An unknown output would be skipped, and a reader would look for a file that was "
        "never written.")

UNREADABLE_REVISION = Rule(
    "FS008", "unreadable-revision", "error",
    "{folder}: cannot read revision `{rev}`: {detail}",
    "name a commit, branch or tag of the repository that holds the sheet",
    "A git revision (`--since REV`) that the sheet's repository does not have.",
    why="A baseline that cannot be read would make every fact look new, or hide what "
        "changed.")

BUILD_OUTPUTS_TWICE = Rule(
    "FS009", "build-outputs-twice", "error",
    "--to {to} and the old `--format {old}` disagree", "keep only --to",
    "`build` given its outputs both by --to and by the deprecated --format.",
    why="Two ways of naming the outputs that disagree leave no right answer to guess.")

UNREADABLE_FOLDER = Rule(
    "FS010", "unreadable-folder", "error",
    "{path}: cannot read the folder: {reason}", "check the folder's permissions",
    "A sheet folder, or a folder of sheets, that cannot be listed.",
    why="A folder that cannot be listed would be skipped, and its sheet would silently not be"
        " built.")

NO_SUCH_RULE = Rule(
    "FS049", "no-such-rule", "error",
    "no rule `{name}`", "{suggestion}",
    "`factsheet rules NAME` with a code or name that no rule has.",
    why="Explaining a rule that does not exist would send you looking for the wrong fix.")

# --- FS011-FS019 (fail-closed helper)
NO_EDITIONS_DIR = Rule(
    "FS011", "no-editions-dir", "error",
    "{path}: no such folder",
    "--editions names the folder of recorded editions (DIR/<slug>/NNN.json): check its "
    "spelling, or create the folder first to start a new one",
    "An --editions that names no folder; every command refuses it rather than build as "
    "edition 1.",
    why="A mistyped editions folder would build as 'Edition 1', skip the deleted-fact check "
        "and publish a new edition 1.")

# --- FS050-FS099 (build helper): the file system, locks, disk
DISK_FULL = Rule(
    "FS050", "disk-full", "error",
    "no space left on device while writing {file}", "free space and rerun; the previous "
    "outputs are left as they were",
    "The output folder's disk filled up; nothing half-written is left.",
    why="A half-written output set is worse than the last whole one; the previous build is "
        "kept.")

READ_ONLY = Rule(
    "FS051", "read-only", "error",
    "the file system is read-only while writing {file}",
    "choose a writable --out folder, or remount it read-write, and rerun",
    "The output folder is on a read-only file system.",
    why="Outputs cannot be written there; the previous build is kept as it was.")

PERMISSION_DENIED = Rule(
    "FS052", "permission-denied", "error",
    "permission denied while writing {file}",
    "make the folder writable for you, or choose another --out folder, and rerun",
    "The output folder may not be written by this user.",
    why="Outputs cannot be written there; the previous build is kept as it was.")

WRITE_FAILED = Rule(
    "FS053", "write-failed", "error",
    "cannot write {file}: {reason}", "fix the cause and rerun; the previous outputs are "
    "left as they were", "Any other operating-system error while writing outputs.",
    why="Any other write failure leaves the previous outputs whole rather than a mixed set.")

RULES: tuple[Rule, ...] = (
    NO_SUCH_PATH, NO_ARCHIVE_DIR, LOOSE_FACT_FILE, NO_SHEETS, BAD_JOBS, DEPRECATED_BUILD_FORMAT,
    BAD_OUTPUT_FORMAT, UNREADABLE_REVISION, BUILD_OUTPUTS_TWICE, UNREADABLE_FOLDER, NO_SUCH_RULE,
    NO_EDITIONS_DIR, DISK_FULL, READ_ONLY, PERMISSION_DENIED, WRITE_FAILED,
)
