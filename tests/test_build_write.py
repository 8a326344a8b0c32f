"""Faults: output sets stay whole through kills, full disks, read-only folders and races."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import RENDER, ROOT

from factsheet.builder import BuildOptions, build_all, recover
from factsheet.builder import write as write_module
from factsheet.builder.write import clean_stale_temps, locked
from factsheet.cli import main
from factsheet.fsutil import temp_name

FAST = ("json", "html", "csv", "csl")
SLUGS = ("alpha", "beta", "gamma", "delta")


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four sheets and the templates."""
    shutil.copytree(ROOT / "templates" / "briefing", tmp_path / "templates" / "briefing")
    for slug in SLUGS:
        shutil.copytree(RENDER / "ranges", tmp_path / "facts" / slug)
    monkeypatch.chdir(tmp_path)
    # Builds killed here never run WeasyPrint's clean-up: keep their font folders in tmp_path.
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    return tmp_path


def opts(**changes: object) -> BuildOptions:
    """Fast options: no PDF."""
    base = BuildOptions(out=Path("build"), formats=FAST, templates=Path("templates"))
    return replace(base, **changes)  # type: ignore[arg-type]


def outputs(out: Path) -> dict[str, bytes]:
    """Every visible output file by name."""
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()
            and not p.name.startswith(".")}


def edit_titles(proj: Path, text: str) -> None:
    """Change every sheet's title, so each output differs between old and new."""
    for slug in SLUGS:
        sheet = proj / "facts" / slug / "sheet.yaml"
        lines = sheet.read_text().splitlines(keepends=True)
        lines[1] = f"  title: {text}\n"
        sheet.write_text("".join(lines))


def whole(found: dict[str, bytes], old: dict[str, bytes], new: dict[str, bytes]) -> bool:
    """True when each sheet's files are all from the old set or all from the new one."""
    for slug in SLUGS:
        names = [n for n in new if n.startswith(slug + ".")]
        if not (all(found.get(n) == old[n] for n in names)
                or all(found.get(n) == new[n] for n in names)):
            return False
    return True


@pytest.mark.slow
def test_killed_at_20_random_moments_the_set_is_whole(proj: Path) -> None:
    """SIGKILL a build anywhere: after recovery every sheet's set is all old or all new."""
    command = [sys.executable, "-m", "factsheet", "build", "facts", "--out", "build",
               "--to", ",".join(FAST), "-j", "1", "--templates", "templates"]
    edit_titles(proj, "Old")
    subprocess.run(command, check=True, capture_output=True)
    old = outputs(proj / "build")
    shutil.copytree(proj / "build", proj / "old")
    edit_titles(proj, "New")
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    duration = time.monotonic() - started
    new = outputs(proj / "build")
    assert old.keys() == new.keys() and all(old[n] != new[n] for n in old if n.endswith("html"))
    moments = random.Random(20).sample(range(1000), 20)
    for moment in sorted(moments):
        shutil.rmtree(proj / "build")
        shutil.copytree(proj / "old", proj / "build")
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * moment / 1000)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        recover(proj / "build")  # what the next build does first, under the lock
        assert whole(outputs(proj / "build"), old, new), f"mixed set after kill at {moment}‰"
    assert main(command[3:]) == 0
    assert outputs(proj / "build") == new
    assert not list((proj / "build").glob(".*.tmp"))


def test_a_crash_between_renames_is_repaired_by_the_next_build(
        proj: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Deterministic: die after the first rename of a committed set; recover finishes it."""
    build_all([Path("facts/alpha")], opts(), jobs=1)
    edit_titles(proj, "Renamed")
    real = os.replace
    calls = 0

    def dies(src: str, dst: str) -> None:
        nonlocal calls
        calls += 1
        real(src, dst)
        if calls == 2:  # the journal, then the first output
            raise KeyboardInterrupt

    monkeypatch.setattr(write_module.os, "replace", dies)
    with pytest.raises(KeyboardInterrupt):
        build_all([Path("facts/alpha")], opts(), jobs=1)
    monkeypatch.setattr(write_module.os, "replace", real)
    assert b"Renamed" in (proj / "build" / "alpha.json").read_bytes()
    assert b"Renamed" not in (proj / "build" / "alpha.html").read_bytes()  # mixed, for now
    report = build_all([Path("facts/alpha")], opts(), jobs=1)
    assert report.results[0].status == "skipped"  # the set was finished, stamp included
    assert b"Renamed" in (proj / "build" / "alpha.html").read_bytes()


def test_a_journal_pointing_outside_the_output_folder_is_ignored(proj: Path) -> None:
    """Attack: a hand-made journal that would move a file from elsewhere into place."""
    build_all([Path("facts/alpha")], opts(), jobs=1)
    (proj / "outside.txt").write_text("forged\n")
    journal = proj / "build" / ".factsheet" / "alpha.journal"
    journal.write_text(json.dumps({str(proj / "outside.txt"): str(proj / "build/alpha.html")}))
    recover(proj / "build")
    assert (proj / "outside.txt").exists() and not journal.exists()
    assert b"forged" not in (proj / "build" / "alpha.html").read_bytes()


def test_simulated_full_disk_is_plain_and_keeps_the_old_set(
        proj: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """ENOSPC (simulated by os.write) fails the sheet with FS050; old outputs stay."""
    assert main(["build", "facts/alpha", "--to", "json,html", "-j", "1"]) == 0
    old = outputs(proj / "build")
    edit_titles(proj, "Bigger")

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(write_module.os, "write", full)
    assert main(["build", "facts/alpha", "--to", "json,html", "-j", "1"]) == 1
    err = capsys.readouterr().out  # diagnostics go to stdout, as in every command
    assert ("build/alpha.json:1:1: error[FS050]: build: no space left on device while writing "
            "build/alpha.json; free space and rerun") in err
    assert "Traceback" not in err and "internal error" not in err
    assert outputs(proj / "build") == old
    assert not list((proj / "build").glob(".*.tmp"))


@pytest.mark.parametrize("code,rule_code,words", [
    (errno.EROFS, "FS051", "the file system is read-only"),
    (errno.EACCES, "FS052", "permission denied")])
def test_simulated_unwritable_folder_is_plain(proj: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str], code: int,
                                              rule_code: str, words: str) -> None:
    """EROFS/EACCES on opening the lock (simulated): one plain diagnostic, exit 1."""
    real = os.open

    def refuse(path: str, flags: int, mode: int = 0o777) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(code, os.strerror(code))
        return real(path, flags, mode)

    monkeypatch.setattr(write_module.os, "open", refuse)
    assert main(["build", "facts/alpha", "--to", "json", "-j", "1"]) == 1
    err = capsys.readouterr().out  # diagnostics go to stdout, as in every command
    assert err.startswith(f"build:1:1: error[{rule_code}]: build: {words} while writing build;")
    assert "Traceback" not in err


@contextlib.contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """Mount a small tmpfs at `folder` (root only); skip the test where that is impossible."""
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here; the simulated tests cover this")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0 or not sys.platform.startswith("linux"),
                    reason="mounting a tmpfs needs root on Linux")
def test_real_full_tmpfs_and_read_only_remount(proj: Path) -> None:
    """A real full disk, then a real read-only file system: plain errors, old set kept."""
    with tmpfs(proj / "build", "512k") as out:
        command = [sys.executable, "-m", "factsheet", "build", "facts/alpha", "--to",
                   "json,html", "-j", "1"]
        subprocess.run(command, check=True, capture_output=True)
        old = outputs(out)
        edit_titles(proj, "After")
        with contextlib.suppress(OSError), (out / "filler").open("wb") as fh:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode == 1
        assert "error[FS050]: build: no space left on device while writing build/alpha" \
            in done.stdout
        assert "Traceback" not in done.stdout + done.stderr
        (out / "filler").unlink()
        assert outputs(out) == old and not list(out.glob(".*.tmp"))
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        done = subprocess.run(command, capture_output=True, text=True)
        assert done.returncode == 1
        assert "error[FS051]: build: the file system is read-only while writing build" \
            in done.stdout
        assert "Traceback" not in done.stdout + done.stderr
        assert outputs(out) == old


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_only_stale_temporaries_are_deleted(tmp_path: Path) -> None:
    """A temporary names its writer's pid; a live writer's is kept, a dead one's swept."""
    assert temp_name(tmp_path / "a.pdf").name == f".a.pdf.{os.getpid()}.tmp"
    live = subprocess.Popen(["sleep", "30"])
    try:
        (tmp_path / f".a.pdf.{live.pid}.tmp").write_bytes(b"live")
        (tmp_path / f".b.pdf.{_dead_pid()}.tmp").write_bytes(b"dead")
        (tmp_path / ".c.pdf.stale.tmp").write_bytes(b"no pid: not a temporary of ours")
        clean_stale_temps(tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == [f".a.pdf.{live.pid}.tmp",
                                                             ".c.pdf.stale.tmp"]
    finally:
        live.kill()
        live.wait()


def test_only_our_own_temporaries_are_deleted(tmp_path: Path) -> None:
    """A user's `.*.tmp` files in --out are theirs: only what a build writes is swept."""
    dead = _dead_pid()
    state = tmp_path / ".factsheet"
    state.mkdir()
    ours = [tmp_path / f".alpha.pdf.{dead}.tmp", tmp_path / f".alpha.json.{dead}.tmp",
            state / f".alpha.json.{dead}.tmp", state / f".alpha.journal.{dead}.tmp"]
    theirs = [tmp_path / ".notes.tmp", tmp_path / f".report.{dead}.tmp",
              tmp_path / f".alpha.docx.{dead}.tmp", tmp_path / f".Alpha.pdf.{dead}.tmp",
              tmp_path / f".my.draft.pdf.{dead}.tmp", state / f".alpha.pdf.{dead}.tmp",
              tmp_path / "keep" / f".alpha.pdf.{dead}.tmp"]
    (tmp_path / "keep").mkdir()
    for path in ours + theirs:
        path.write_bytes(b"x")
    (tmp_path / f".beta.pdf.{dead}.tmp").symlink_to(tmp_path / ".notes.tmp")
    clean_stale_temps(tmp_path)
    assert [p for p in ours if p.exists()] == []
    assert [p for p in theirs if not p.exists()] == []
    assert (tmp_path / f".beta.pdf.{dead}.tmp").is_symlink()


def test_two_builds_serialise_on_the_lock_and_say_so(proj: Path) -> None:
    """A second build waits for the first, naming its pid, then runs."""
    with locked(Path("build"), notice=lambda text: None):
        proc = subprocess.Popen([sys.executable, "-m", "factsheet", "build", "facts/alpha",
                                 "--to", "json", "-j", "1"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert line == f"waiting for another build of build/ (pid {os.getpid()})\n"
        assert not (proj / "build" / "alpha.json").exists()
    assert proc.wait(timeout=60) == 0
    assert (proj / "build" / "alpha.json").exists()


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_their_parent(proj: Path) -> None:
    """SIGKILL the parent of a -j4 build: no worker is left running 2 s later."""
    for n in range(8):
        shutil.copytree(RENDER / "ranges", proj / "facts" / f"extra-{n}")
    proc = subprocess.Popen([sys.executable, "-m", "factsheet", "build", "facts", "-j", "4",
                             "--templates", "templates"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 4 and time.monotonic() < deadline and proc.poll() is None:
        workers = _descendants(proc.pid)
        time.sleep(0.02)
    assert len(workers) >= 4, "the build finished before its workers were seen"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 2
    while any(_running(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [p for p in workers if _running(p)]
    for pid in left:  # do not leave them running when the test fails
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    assert not left


def test_single_file_writes_carry_the_pid_too(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """fsutil.write_atomic's temporary (cache, archive-hash) names its writer's pid last."""
    from factsheet import fsutil

    seen: list[str] = []
    real = fsutil.os.replace

    def spy(src: str, dst: str) -> None:
        seen.append(Path(src).name)
        real(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", spy)
    fsutil.write_atomic(tmp_path / "x.json", b"{}")
    assert seen[0].startswith(".x.json.") and seen[0].endswith(f".{os.getpid()}.tmp")


def test_a_full_disk_met_outside_the_output_set_is_plain_too(
        proj: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC raised anywhere in a sheet's build is FS050 naming the file, not FS509."""
    import factsheet.builder.sheet as sheet_module

    def full(folder: Path, options: BuildOptions) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "somewhere/file.bin")

    monkeypatch.setattr(sheet_module, "build_sheet", full)
    report = build_all([Path("facts/alpha")], opts(), jobs=1)
    diag = report.results[0].diagnostics[0]
    assert (report.results[0].status, diag.code, diag.path) == (
        "failed", "FS050", "somewhere/file.bin")
    assert diag.message == "no space left on device while writing somewhere/file.bin"
