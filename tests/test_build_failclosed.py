"""Fail closed wherever the sheet or the JSON speaks: build, publish and --since options."""

from __future__ import annotations

import io
import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pypdf
import pytest
from conftest import CLI
from helpers import write_sheet

SLUG = "toll"
STORY = " ".join(f"Word{i % 97} of the long wire story number {i}." for i in range(200))


def data(**source: Any) -> dict[str, Any]:
    """A one-source sheet that builds cleanly under --strict; `source` adds to the source."""
    return {
        "sheet": {"title": "Unrest", "as_of": "2022-01-09"},
        "sources": [{"id": "a", "publisher": "Agency A", "title": "Clashes",
                     "published": "2022-01-07", **source}],
        "figures": [{"id": "killed", "label": "Killed", "measure": "killed", "value": 10,
                     "claimed_by": "Ministry", "key": True,
                     "cite": [{"source": "a", "says": "10 people were killed"}]}],
    }


@pytest.fixture
def sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """facts/toll/ at a clean state, the current directory its work folder."""
    monkeypatch.chdir(tmp_path)
    return write_sheet(tmp_path / "facts" / SLUG, data())


def lookalike(sheet: Path, *, ignore: bool = False) -> None:
    """Two sources whose archived copies carry one story and declare no common agency."""
    content = data()
    second = {"id": "b", "publisher": "Paper B", "title": "Toll", "published": "2022-01-07"}
    if ignore:
        second["ignore"] = ["FS410"]
    content["sources"].append(second)
    content["figures"][0]["cite"].append({"source": "b", "says": "10 people were killed"})
    write_sheet(sheet, content)
    (sheet / "archive").mkdir()
    for sid in ("a", "b"):
        (sheet / "archive" / f"{sid}.txt").write_text(
            f"{sid}: 10 people were killed.\n\n{STORY}\n", encoding="utf-8")


# --- a mistyped --editions folder ---------------------------------------------------------

@pytest.mark.parametrize("command", ["build", "publish", "diff"])
def test_a_mistyped_editions_folder_is_a_usage_error(sheet: Path, cli: CLI,
                                                     command: str) -> None:
    """Not a first edition: exit 2 before anything is built or recorded."""
    Path("editions").mkdir()
    run = cli(command, "facts", "--editions", "editons")
    assert run.status == 2
    assert run.err.strip() == (
        "factsheet: error[FS011]: editons: no such folder; --editions names the folder of "
        "recorded editions (DIR/<slug>/NNN.json): check its spelling, or create the folder "
        "first to start a new one")
    assert not Path("build").exists() and not Path("editons").exists()
    assert list(Path("editions").iterdir()) == []


@pytest.mark.slow
def test_an_existing_or_default_editions_folder_still_works(sheet: Path, cli: CLI) -> None:
    """The control: the default folder may be missing (no edition yet); a named one exists."""
    assert cli("build", "facts", "--to", "json", "--strict").status == 0
    Path("elsewhere").mkdir()
    run = cli("publish", "facts", "--editions", "elsewhere")
    assert run.status == 0, run.out + run.err
    assert Path("elsewhere/toll/001.json").is_file()


# --- --no-cache ---------------------------------------------------------------------------

def test_no_cache_is_part_of_what_makes_a_build_up_to_date(sheet: Path, cli: CLI) -> None:
    """A build that trusted the cache is not what `--no-cache` asks for: it checks again."""
    (sheet / "archive").mkdir()
    (sheet / "archive" / "a.txt").write_text("Officials said 10 people were killed.\n",
                                             encoding="utf-8")
    assert cli("build", "facts", "--to", "json", "--strict").status == 0
    assert cli("build", "facts", "--to", "json", "--strict").lines[-1].startswith(
        "0 built, 1 up to date")
    run = cli("build", "facts", "--to", "json", "--strict", "--no-cache")
    assert run.status == 0
    assert run.lines[-1].startswith("1 built, 0 up to date"), run.out


# --- --strict fails on any warning --------------------------------------------------------

def test_strict_build_fails_on_possible_syndication(sheet: Path, cli: CLI) -> None:
    """FS410 is a warning; under --strict it is an error, as every warning is."""
    lookalike(sheet)
    run = cli("build", "facts", "--to", "json", "--strict")
    assert run.status == 1
    assert "error[FS410]: sources[1]: the archived copies of `a` and `b` share" in run.out + run.err
    assert not Path("build/toll.json").exists()
    loose = cli("build", "facts", "--to", "json")
    assert loose.status == 0
    assert "warning[FS410]" in loose.out + loose.err


def test_strict_build_fails_on_several_copies(sheet: Path, cli: CLI) -> None:
    """FS408 (two copies of one source) fails --strict too."""
    (sheet / "archive").mkdir()
    for ext in ("txt", "md"):
        (sheet / "archive" / f"a.{ext}").write_text("Officials said 10 people were killed.\n",
                                                    encoding="utf-8")
    run = cli("build", "facts", "--to", "json", "--strict")
    assert run.status == 1
    assert "error[FS408]: sources[0]: several archived copies:" in run.out + run.err


def test_an_ignored_warning_passes_strict_and_is_listed_as_silenced(sheet: Path,
                                                                   cli: CLI) -> None:
    """The way to overrule the judgement: `ignore: [FS410]`, recorded in the JSON."""
    lookalike(sheet, ignore=True)
    run = cli("build", "facts", "--to", "json", "--strict")
    assert run.status == 0, run.out
    assert "FS410" not in run.out + run.err
    silenced = json.loads(Path("build/toll.json").read_text(encoding="utf-8"))["silenced"]
    assert [d["code"] for d in silenced] == ["FS410"]


# --- publish refuses any warning ----------------------------------------------------------

@pytest.mark.parametrize("case", ["lookalike", "several-copies"])
def test_publish_refuses_a_sheet_with_a_check_warning(sheet: Path, cli: CLI,
                                                      case: str) -> None:
    """FS603: any warning is enough; nothing is recorded."""
    if case == "lookalike":
        lookalike(sheet)
    else:
        (sheet / "archive").mkdir()
        for ext in ("txt", "md"):
            (sheet / "archive" / f"a.{ext}").write_text("Officials said 10 people were "
                                                        "killed.\n", encoding="utf-8")
    run = cli("publish", "facts")
    assert run.status == 1
    assert run.lines[-1] == ("facts/toll: `toll` does not build cleanly under --strict "
                             "(1 error); not published; fix the problems listed and publish "
                             "again")
    assert not Path("editions").exists()


# --- a recorded archive_sha256 with no copy anywhere --------------------------------------

HASH = "0" * 64


def test_a_recorded_hash_without_any_copy_fails_strict_build_and_publish(sheet: Path,
                                                                         cli: CLI) -> None:
    """The source says a copy exists; with no archive folder at all, as in check --strict."""
    write_sheet(sheet, data(archive_sha256=HASH))
    check = cli("check", "facts", "--strict")
    assert check.status == 1
    run = cli("build", "facts", "--to", "json", "--strict")
    assert run.status == 1
    assert ("error[FS400]: sources[0]: no archived copy of `a`, though its archive_sha256 is "
            "recorded") in run.out + run.err
    published = cli("publish", "facts")
    assert published.status == 1 and "error[FS400]" in published.out + published.err
    assert not Path("editions").exists()
    assert cli("build", "facts", "--to", "json").status == 0  # a warning without --strict


def test_no_copy_anywhere_and_no_hash_still_builds_strict(sheet: Path, cli: CLI) -> None:
    """The control: a sheet with no archive at all says "0 of N checked" and builds."""
    run = cli("build", "facts", "--to", "json", "--strict")
    assert run.status == 0, run.out


# --- --since baselines --------------------------------------------------------------------

def _other_build(cli: CLI) -> dict[str, Any]:
    """The facts JSON of another sheet, `other`, built beside `toll`."""
    write_sheet(Path("facts/other"), data())
    assert cli("build", "facts/other", "--to", "json", "--out", "other-build").status == 0
    built = json.loads(Path("other-build/other.json").read_text(encoding="utf-8"))
    assert isinstance(built, dict)
    return built


def test_since_refuses_another_sheet_s_json_without_its_slug(sheet: Path, cli: CLI) -> None:
    """A facts JSON that does not say which sheet it is could be any sheet's: refused."""
    other = _other_build(cli)
    del other["slug"]
    Path("other.json").write_text(json.dumps(other), encoding="utf-8")
    for command in (("diff", "facts/toll"), ("build", "facts/toll", "--to", "json")):
        run = cli(*command, "--since", "other.json")
        assert run.status in (1, 2), run.out + run.err
        assert ("other.json: cannot compare with it: it does not say which sheet it is a "
                "build of (no `slug`)") in run.out + run.err


def test_since_refuses_an_edition_of_another_sheet_whose_facts_slug_was_removed(
        sheet: Path, cli: CLI) -> None:
    """The edition file's own `slug` still names the other sheet: FS605."""
    other = _other_build(cli)
    del other["slug"]
    edition = {"edition": 1, "slug": "other", "as_of": "2022-01-09", "facts": other}
    Path("001.json").write_text(json.dumps(edition), encoding="utf-8")
    run = cli("diff", "facts/toll", "--since", "001.json")
    assert run.status == 2
    assert "[FS605]" in run.err
    assert "001.json is a build of the sheet `other`, not `toll`" in run.err


def test_since_accepts_the_sheet_s_own_json(sheet: Path, cli: CLI) -> None:
    """The control: the sheet's own build, with its slug, is a baseline."""
    assert cli("build", "facts", "--to", "json").status == 0
    shutil.copy("build/toll.json", "sent.json")
    assert cli("diff", "facts", "--since", "sent.json").status == 0


def _our_pdf(cli: CLI) -> bytes:
    assert cli("build", "facts", "--to", "json,pdf").status == 0
    return Path("build/toll.pdf").read_bytes()


def test_an_encrypted_pdf_baseline_is_a_coded_error(sheet: Path, cli: CLI) -> None:
    """With a password or without (an empty user password opens it): never a traceback."""
    pdf = _our_pdf(cli)
    for password in ("secret", ""):
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
        writer.encrypt(password, "owner", algorithm="AES-128")
        out = io.BytesIO()
        writer.write(out)
        Path("sent.pdf").write_bytes(out.getvalue())
        run = cli("diff", "facts", "--since", "sent.pdf")
        assert run.status == 2
        assert ("factsheet: error[FS601]: sent.pdf: cannot compare with it: the PDF is "
                "encrypted, and factsheet's PDFs never are") in run.err


@pytest.mark.slow
def test_damaged_pdf_baselines_are_coded_errors(sheet: Path, cli: CLI) -> None:
    """Bytes changed or cut anywhere in our PDF: a baseline or an FS601, never a traceback."""
    pdf = _our_pdf(cli)
    # Near the attachment's objects, where pypdf reads lazily, and anywhere.
    spots = [m.start() for key in (rb"/EmbeddedFile", rb"/EF", rb"/Names", rb"/Root")
             for m in re.finditer(re.escape(key), pdf)]
    rng = random.Random(23)
    outcomes = set()
    for _ in range(80):
        damaged = bytearray(pdf)
        for _ in range(rng.randint(1, 6)):
            near = rng.choice(spots) + rng.randrange(-200, 200) if spots else 0
            at = near if 0 <= near < len(damaged) and rng.random() < 0.8 else \
                rng.randrange(len(damaged))
            damaged[at] = rng.randrange(256)
        if rng.random() < 0.3:
            damaged = damaged[:rng.randrange(len(damaged))]
        Path("sent.pdf").write_bytes(bytes(damaged))
        run = cli("diff", "facts", "--since", "sent.pdf")
        assert run.status == 0 or "error[FS601]" in run.err, run.err
        outcomes.add(run.status)
    assert 2 in outcomes


def test_a_deeply_nested_json_baseline_is_a_coded_error(sheet: Path, cli: CLI) -> None:
    """JSON nested past Python's recursion limit is refused, not a traceback."""
    Path("deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    run = cli("diff", "facts", "--since", "deep.json")
    assert run.status == 2
    assert "error[FS601]: deep.json: cannot compare with it: not JSON" in run.err


def test_a_library_build_with_a_missing_editions_folder_is_refused(sheet: Path) -> None:
    """build_all, as the CLI: a named folder must exist, the default need not."""
    from factsheet.builder import BuildOptions, build_all
    from factsheet.errors import UsageError

    with pytest.raises(UsageError, match="editons: no such folder"):
        build_all([sheet], BuildOptions(out=Path("build"), formats=("json",),
                                        editions=Path("editons")))
    built = build_all([sheet], BuildOptions(out=Path("build"), formats=("json",)))
    assert built.count("built") == 1
