"""Measuring for the bench: result rows, timed subprocesses with CPU time and peak memory."""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    """One line of the results table."""

    measure: str
    measured: str
    target: str = "—"
    ratio: float | None = None  # measured / target: >= 1 passes a floor, <= 1 a ceiling
    ok: bool | None = None  # None: informational, no target
    value: float | None = None
    unit: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def result(self) -> str:
        """pass, MISS or info."""
        return "info" if self.ok is None else "pass" if self.ok else "**MISS**"


def log(message: str) -> None:
    """Progress on stderr, so stdout carries only the table."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def at_least(measure: str, value: float, target: float, shown: str, unit: str) -> Row:
    """A row whose target is a floor."""
    return Row(measure, shown, f"≥ {target:,g} {unit}".strip(), value / target,
               value >= target, value, unit)


def at_most(measure: str, value: float, target: float, shown: str, unit: str) -> Row:
    """A row whose target is a ceiling."""
    return Row(measure, shown, f"≤ {target:,g} {unit}".strip(), value / target,
               value <= target, value, unit)


def interleaved(funcs: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    """Time each function `runs` times, interleaved and rotated, after one warm-up call each."""
    for func in funcs.values():
        func()
    names = list(funcs)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(runs):
        for name in names[i % len(names):] + names[:i % len(names)]:
            start = time.perf_counter()
            funcs[name]()
            times[name].append(time.perf_counter() - start)
    return times


# --- subprocesses: timed, with their peak RSS ---

# Runs a command and writes its wall time and rusage (from wait4) to the file in $BENCH_RUSAGE.
# Measuring through this small launcher matters: a child forked from the bench process, which
# holds WeasyPrint and rendered PDFs, inherits its RSS high-water mark across exec.
_LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:])
_, status, ru = os.wait4(proc.pid, 0)
seconds = time.perf_counter() - start
with open(os.environ["BENCH_RUSAGE"], "w") as fh:
    json.dump({"seconds": seconds, "status": status, "maxrss": ru.ru_maxrss,
               "cpu": ru.ru_utime + ru.ru_stime}, fh)
"""


def cli() -> list[str]:
    """The command that runs this venv's factsheet."""
    script = Path(sys.executable).with_name("factsheet")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "factsheet"]


def environment(pycache: Path | None) -> dict[str, str]:
    """The subprocess environment: bytecode cached under `pycache`, or as inherited if None."""
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)  # keeps __pycache__ out of the source tree
    return env


def _tree_rss(pid: int) -> int:
    """Memory (PSS) of the descendants of `pid`, from /proc (0 where unavailable)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = entry.read_text()
        except OSError:
            continue
        fields = text[text.rfind(")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(entry.parent.name))
    total, todo = 0, list(children.get(pid, []))
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += _pss(p)
    return total


def _pss(pid: int) -> int:
    """Proportional set size in bytes: pages shared after fork are counted once in a sum."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    raise ValueError("no Pss line")


@dataclass
class Run:
    """A finished subprocess: wall time, exit status, output, CPU time and memory."""

    seconds: float
    returncode: int
    output: str
    cpu: float = 0.0  # user + system seconds of the process and its workers (measured runs)
    maxrss: int = 0  # bytes: the largest single process of the tree (measured runs)
    tree_rss: int = 0  # bytes: the largest PSS sum over the tree seen by sampling


class Runner:
    """Runs commands in the repo root with one environment."""

    def __init__(self, env: dict[str, str], work: Path) -> None:
        self.env = env
        self.work = work

    def run(self, args: Sequence[str], *, measure: bool = False, check: bool = True) -> Run:
        """Run a command, timed; with `measure`, through the launcher for CPU time and RSS."""
        env = dict(self.env)
        stats = self.work / "rusage.json"
        if measure:
            env["BENCH_RUSAGE"] = str(stats)
            args = [sys.executable, "-I", "-S", "-c", _LAUNCHER, *args]
        peak = 0
        with tempfile.TemporaryFile() as out:
            start = time.perf_counter()
            proc = subprocess.Popen(list(args), cwd=ROOT, env=env, stdout=out,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            done = threading.Event()

            def sampler() -> None:
                nonlocal peak
                while not done.wait(0.05):
                    peak = max(peak, _tree_rss(proc.pid))

            thread = threading.Thread(target=sampler, daemon=True)
            if measure and Path("/proc/self/smaps_rollup").exists():
                thread.start()
            returncode = proc.wait()
            seconds = time.perf_counter() - start
            done.set()
            if thread.is_alive():
                thread.join()
            out.seek(0)
            output = out.read().decode(errors="replace")
        result = Run(seconds, returncode, output, tree_rss=peak)
        if measure and returncode == 0:
            data = json.loads(stats.read_text())
            scale = 1 if sys.platform == "darwin" else 1024  # Linux reports KiB
            result.seconds = data["seconds"]
            result.returncode = os.waitstatus_to_exitcode(data["status"])
            result.cpu = data["cpu"]
            result.maxrss = data["maxrss"] * scale
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} exited {result.returncode}:\n{output[-3000:]}")
        return result


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_ceiling(jobs: int, loops: int = 3_000_000) -> float:
    """What `jobs` processes of pure CPU work gain over one, on this machine right now."""
    from multiprocessing import get_context

    start = time.perf_counter()
    _burn(loops)
    one = time.perf_counter() - start
    with get_context("fork").Pool(jobs) as pool:
        pool.map(_burn, [1000] * jobs)  # workers started
        start = time.perf_counter()
        pool.map(_burn, [loops] * jobs, chunksize=1)
        many = time.perf_counter() - start
    return jobs * one / many


def mb(n: float) -> str:
    """Bytes as MB."""
    return f"{n / 1e6:,.0f} MB"


# --- output ---

def table(rows: list[Row]) -> str:
    """The results as a markdown table."""
    lines = ["| measure | measured | target | measured / target | result |",
             "|---|---|---|---|---|"]
    for r in rows:
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        lines.append(f"| {r.measure} | {r.measured} | {r.target} | {ratio} | {r.result} |")
    return "\n".join(lines)


def machine(jobs: int) -> dict[str, Any]:
    """What the numbers were measured on."""
    import platform

    import weasyprint

    from factsheet import __version__

    return {"cpus": jobs, "platform": platform.platform(), "python": platform.python_version(),
            "weasyprint": weasyprint.__version__, "factsheet": __version__,
            "date": datetime.date.today().isoformat()}


def report(rows: list[Row], info: dict[str, Any], *, quick: bool, elapsed: float,
           broken: Sequence[str], json_file: Path | None) -> None:
    """Print the heading, the table and the tally; write the JSON if asked."""
    print(f"factsheet {info['factsheet']} benchmark: {info['cpus']} CPUs, Python "
          f"{info['python']}, WeasyPrint {info['weasyprint']}, {info['platform']}; load "
          f"average {info['loadavg_before'][0]:.2f} before, {info['loadavg_after'][0]:.2f} after"
          + (" (--quick)" if quick else ""))
    print()
    print(table(rows))
    print()
    missed = [r.measure for r in rows if r.ok is False]
    print(f"{sum(r.ok is True for r in rows)} targets met, {len(missed)} missed; "
          f"bench took {elapsed:.0f} s" + (f"; broken: {', '.join(broken)}" if broken else ""))
    if json_file:
        json_file.write_text(json.dumps({"machine": info, "quick": quick,
                                         "seconds": round(elapsed, 1),
                                         "rows": [asdict(r) | {"result": r.result}
                                                  for r in rows]}, indent=2) + "\n")
