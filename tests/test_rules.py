"""The rules table: every rule's example fails with its code, and the docs are generated from it."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from helpers import ROOT

from factsheet.cli import main
from factsheet.commands.rules import BEGIN, END, rules_markdown, run_example, splice
from factsheet.errors import Diagnostic
from factsheet.rules import BY_CODE, KINDS, RULES, rule

FORMAT = ROOT / "docs" / "format.md"
# Rules whose failing input cannot be a YAML text added to a sheet (usage errors, encodings,
# folder names, the template's labels, sizes too large to show, the catch-all, a brief that
# runs over a page: only a PDF layout finds that, see tests/test_brief.py).
NO_EXAMPLE = {"FS001", "FS002", "FS003", "FS004", "FS005", "FS006", "FS007", "FS008", "FS009",
              "FS010", "FS011", "FS049",
              "FS100", "FS101", "FS109", "FS110", "FS111", "FS119", "FS122", "FS124", "FS125",
              "FS126", "FS127", "FS225", "FS800"} | {"FS701", "FS702", "FS703", "FS704",
                                             *(f"FS7{n}" for n in range(10, 22)),
                                             *(f"FS7{n}" for n in range(30, 34))} \
    | {r.code for r in RULES if "FS020" <= r.code <= "FS039" or "FS740" <= r.code <= "FS749"}
# ^ desk tools:
# config (tests/fixtures/config/), usage, site and CI; tested in test_config.py, test_cli.py.
# A typo in a source's id also leaves its citing entries unresolved (briefly reported).
COMPANIONS = {"FS302": {"FS301"}}


@pytest.mark.parametrize("code", [r.code for r in RULES if r.example])
def test_example_fails_with_its_rule(code: str) -> None:
    """A minimal valid sheet plus the rule's example gives that rule's code first, and no other."""
    found = [d.code for d in run_example(BY_CODE[code].example)]
    assert found and found[0] == code, found
    assert set(found) <= {code} | COMPANIONS.get(code, set())


def test_minimal_sheet_is_clean() -> None:
    """The sheet examples are added to is valid on its own, without any warning."""
    assert run_example("sources: []\n") == []


# Rules of the stages after validation (disk FS05x, check FS4xx, build FS5xx, editions FS6xx)
# fire only with an archived copy, a build or an earlier edition; their fixtures live in
# tests/fixtures/trust/, the build tests and tests/test_editions.py.
LATER_STAGES = ("FS05", "FS4", "FS5", "FS6")


def test_which_rules_have_no_example() -> None:
    """A rule without an example is a conscious choice, listed here or of a later stage."""
    missing = {r.code for r in RULES if not r.example}
    assert {c for c in missing if not c.startswith(LATER_STAGES)} == NO_EXAMPLE


def test_table_is_well_formed() -> None:
    """Codes and names are unique and well formed; templates name only plain fields."""
    assert len({r.code for r in RULES}) == len({r.name for r in RULES}) == len(RULES)
    for r in RULES:
        assert re.fullmatch(r"FS\d{3}", r.code), r.code
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r.name), r.name
        assert r.summary.endswith("."), r.code
        for text in (r.message, r.hint):
            for _, field, _, _ in string.Formatter().parse(text):
                assert field is None or field.isidentifier(), (r.code, field)
    assert all(name in {r.name for r in RULES} for name in KINDS.values())


def test_rule_lookup_by_name_or_code() -> None:
    """`rule` finds a rule by its name or its code, and refuses anything else."""
    assert rule("unknown-key") is rule("FS104")
    with pytest.raises(KeyError):
        rule("FS999")


def test_docs_are_generated_from_the_table() -> None:
    """docs/format.md's Errors and Warnings sections are exactly what `factsheet rules` says.

    Run `make docs` to regenerate them after changing the table.
    """
    text = FORMAT.read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    assert splice(text, rules_markdown()) == text, "docs/format.md is stale: run `make docs`"


def test_rules_command_prints_and_updates(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """`factsheet rules` prints the Markdown; `--update FILE` rewrites only between markers."""
    from factsheet.cli import main

    assert main(["rules"]) == 0
    assert capsys.readouterr().out.startswith("## Errors\n")
    doc = tmp_path / "doc.md"
    doc.write_text(f"# Title\n\n{BEGIN}\nstale words\n{END}\n\nAfter.\n", encoding="utf-8")
    assert main(["rules", "--update", str(doc)]) == 0
    text = doc.read_text(encoding="utf-8")
    assert text.startswith(f"# Title\n\n{BEGIN}\n\n## Errors\n")
    assert text.endswith(f"{END}\n\nAfter.\n") and "stale words" not in text


# The exception classes that become diagnostics (errors.py's hierarchy).
ERRORS = {"FactsheetError", "UsageError", "TemplateError", "RenderError", "ArchiveError"}


def _constructions_without_code(path: Path) -> list[int]:
    """Lines in `path` that build a Diagnostic or a FactsheetError with no rule code."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else "")
        coded = any(k.arg == "code" for k in node.keywords)
        bare = (name == "Diagnostic" and len(node.args) < 8 and not coded) or (
            name in ERRORS and not coded)
        by_words = (name == "error" and isinstance(func, ast.Attribute)
                    and isinstance(func.value, ast.Name) and func.value.id == "loaded")
        if bare or by_words:
            lines.append(node.lineno)
    return lines


def test_every_diagnostic_is_built_with_a_code() -> None:
    """No module builds a Diagnostic without a rule's code."""
    offenders = {}
    for path in sorted((ROOT / "factsheet").rglob("*.py")):
        shown = path.relative_to(ROOT).as_posix()
        found = _constructions_without_code(path)
        if found:
            offenders[shown] = found
    assert offenders == {}


def test_strict_keeps_the_code() -> None:
    """A warning raised to an error under --strict keeps its rule's code."""
    warning = rule("uncited-source").at("a.yaml", 1, 1, "sources[0].id", id="x")
    assert warning.as_error().code == "FS306"
    assert warning.as_error().render().startswith("a.yaml:1:1: error[FS306]: ")
    assert Diagnostic("a", 1, 1, "error", "w", "m").code == ""  # only for pending sites


# Where each key of the "no silent coercion" table in docs/format.md goes in a sheet.
_PLACES = {
    "lang": ("sheet:\n  title: Unrest\n  as_of: 2022-01-07\n  {line}\n", ""),
    "title": ("sheet:\n  {line}\n  as_of: 2022-01-07\n", ""),
    "author": ("sheet:\n  title: Unrest\n  as_of: 2022-01-07\n  {line}\n", ""),
    "publisher": (None, "sources:\n  - id: wire\n    {line}\n    title: T\n"
                        "    published: 2022-01-07\n    ignore: [FS306]\n"),
    "value": (None, "sources:\n  - id: wire\n    publisher: W\n    title: T\n"
                    "    published: 2022-01-07\nfigures:\n  - id: a\n    label: A\n"
                    "    measure: killed\n    claimed_by: M\n    cite: wire\n    {line}\n"),
}


def test_documented_coercion_table_matches_the_tool() -> None:
    """Each row of the coercion table gives that code, and each part of its words is said."""
    rows = re.findall(r"^\| `((\w+): [^`]*)` \| [^|]+ \| (error\[(FS\d+)\]: .*) \|$",
                      FORMAT.read_text(encoding="utf-8"), re.M)
    assert len(rows) == 8
    for line, key, said, code in rows:
        sheet, extra = _PLACES[key]
        example = sheet.format(line=line) if sheet else extra.format(line=line)
        [diag] = run_example(example)
        assert diag.code == code, line
        for part in said.split(": ", 1)[1].split("; "):
            assert part in diag.render(), (line, part)


def test_every_rule_says_why_it_exists() -> None:
    """Each rule carries its reason, as ruff's rules do, in one sentence or two."""
    assert [r.code for r in RULES if not r.why.strip().endswith(".")] == []


def test_rules_explains_one_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """`factsheet rules FS104` prints code, name, why, message, fix and the example's output."""
    assert main(["rules", "FS104"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:5] == [
        "FS104 unknown-key (error)", "", "A key the schema does not have at this place.", "",
        "Why: A misspelt key (`claimed_bu`) would otherwise be dropped, and the fact would "
        "lose what it says."]
    assert "Message: unknown key `{name}`\nFix: {suggestion}\n" in out
    assert out.rstrip().endswith(
        "example/sheet.yaml:4:3: error[FS104]: sheet.titel: unknown key `titel`; "
        "did you mean `title`?")
    assert main(["rules", "unknown-key"]) == 0
    assert capsys.readouterr().out == out


def test_rules_names_the_closest_rule_for_a_typo(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown code is a usage error (FS049) with the nearest code."""
    assert main(["rules", "FS1044"]) == 2
    assert capsys.readouterr().err == (
        "factsheet: error[FS049]: no rule `FS1044`; did you mean `FS104`?\n")


def test_every_rule_is_a_symbol_of_the_package() -> None:
    """Each rule is a constant named after it, so a misspelt rule is an import error."""
    import factsheet.rules as package

    missing = [r.name for r in RULES
               if getattr(package, re.sub(r"\W", "_", r.name).upper(), None) is not r]
    assert missing == []


def test_no_module_looks_a_rule_up_by_a_literal_name() -> None:
    """`rule("missing-field")` fails only at run time; the symbol MISSING_FIELD fails in mypy."""
    names = {r.name for r in RULES} | set(BY_CODE)
    offenders = []
    for path in sorted((ROOT / "factsheet").rglob("*.py")):
        if path.parent.name == "rules":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute)
                    and getattr(node.func, "id", getattr(node.func, "attr", "")) in
                    ("rule", "report", "node_at", "template_error", "Finding")
                    and any(isinstance(a, ast.Constant) and a.value in names
                            for a in node.args)):
                offenders.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    assert offenders == []
