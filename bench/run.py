"""`make bench`: measure factsheet against its performance targets and print a markdown table."""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from big_archive import bench_big_archive  # noqa: E402
from corpus import generate, write_sheet  # noqa: E402
from measure import (  # noqa: E402
    Row,
    Runner,
    at_least,
    at_most,
    cli,
    cpus,
    environment,
    interleaved,
    log,
    machine,
    mb,
    parallel_ceiling,
    report,
)
from pandoc_route import bench_pandoc  # noqa: E402
from scaling import SIZES, bench_scaling  # noqa: E402

from factsheet.builder import BuildOptions, build_all, build_sheet, facts_json  # noqa: E402
from factsheet.render.sheet import PDF_CSS, render_html, resolve_template  # noqa: E402
from factsheet.validate import validate_sheet  # noqa: E402

TEMPLATES = ROOT / "templates"
FACTS_PER_SHEET = 30  # the example sheet has 31 facts


@dataclass
class Sizes:
    """How big each measurement is; `--quick` shrinks them for a smoke run."""

    validate_facts: int = 5000
    validate_runs: int = 5
    render_runs: int = 7
    build_sheets: int = 40
    noop_sheets: int = 200
    noop_runs: int = 5
    version_runs: int = 10
    full_build_budget: float = 180.0  # seconds we allow the 200-sheet build with PDFs
    variants: bool = True  # also time WeasyPrint without PDF/UA
    pandoc_runs: int = 5  # paired cold runs against the Pandoc route
    scaling: tuple[int, ...] = SIZES
    archive_mb: float = 200  # `check` on a sheet whose archived copies total this


QUICK = Sizes(validate_facts=300, validate_runs=2, render_runs=2, build_sheets=2,
              noop_sheets=4, noop_runs=2, version_runs=3, full_build_budget=0.0,
              variants=False, pandoc_runs=1, scaling=(10, 20), archive_mb=2)


# --- the measurements ---

def bench_validate(work: Path, size: Sizes) -> list[Row]:
    """Validation throughput on one big generated sheet."""
    folder = work / "validate" / "big-sheet"
    facts = write_sheet(folder, size.validate_facts, seed=5000)
    megabytes = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    log(f"validate: {facts:,} facts ({megabytes:.1f} MB of YAML), {size.validate_runs} runs")
    result, diags = validate_sheet(folder, strict=True)
    if result is None or diags:
        raise RuntimeError("the big sheet is not clean:\n"
                           + "\n".join(d.render() for d in diags[:10]))
    # The YAML parser alone on the same files, interleaved: the floor under our validator.
    import yaml

    from factsheet.load import sheet as load

    loader = getattr(load, "_LOADER", getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))]
    times = interleaved({"validate": lambda: validate_sheet(folder, strict=True),
                         "compose": lambda: [yaml.compose(t, Loader=loader) for t in texts]},
                        size.validate_runs)
    median = statistics.median(times["validate"])
    parse = statistics.median(times["compose"])
    rate = facts / median
    row = at_least(f"validate throughput ({facts:,}-fact sheet, {megabytes:.1f} MB, --strict)",
                   rate, 20_000, f"{rate:,.0f} facts/s ({median:.2f} s)", "facts/s")
    row.extra = {"facts": facts, "seconds": times["validate"], "megabytes": round(megabytes, 2)}
    base = next((c.__name__ for c in loader.__mro__ if c.__module__.startswith("yaml")),
                loader.__name__)
    note = Row(f"  of which: yaml.compose alone ({base})",
               f"{parse:.2f} s = {facts / parse:,.0f} facts/s ({parse / median:.0%})",
               "— (info: parser floor)", None, None, facts / parse, "facts/s",
               {"seconds": times["compose"]})
    return [row, note]


def bench_render(sheet: Path, size: Sizes) -> list[Row]:
    """HTML time, and our PDF step against WeasyPrint alone on the very same HTML."""
    import weasyprint
    from weasyprint import CSS, HTML, Attachment
    from weasyprint.text.fonts import FontConfiguration

    from factsheet.pdf.write import _utc, write_pdf

    facts, _ = validate_sheet(sheet, strict=True)
    assert facts is not None
    template = resolve_template(TEMPLATES, facts.sheet.template)
    css_file = str(template.asset(PDF_CSS))
    base_url = str(template.folder) + "/"
    counts = facts.counts()
    log(f"render: {sheet.name} ({counts}), {size.render_runs} interleaved runs")

    html_times = interleaved({"html": lambda: render_html(facts, template)},
                             size.render_runs * 3)["html"]
    html = render_html(facts, template)
    data = facts_json(facts)
    pinned = _utc(facts.sheet.as_of)
    name = f"{facts.slug}.json"
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32].encode()

    def ours() -> bytes:
        return write_pdf(html, template, created=facts.sheet.as_of, attachment=data,
                         attachment_name=name)

    def floor() -> bytes:
        # WeasyPrint used the plain way, per call: fresh fonts, the stylesheet parsed from its
        # file, default URL fetcher; the same PDF/UA variant, identifier and attachment.
        fonts = FontConfiguration()
        css = CSS(filename=css_file, font_config=fonts)
        attachment = Attachment(string=data, name=name, created=pinned, modified=pinned,
                                description="The normalised facts this sheet was built "
                                            "from (JSON)")
        out = HTML(string=html, base_url=base_url).write_pdf(
            stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1",
            pdf_identifier=identifier, attachments=[attachment])
        assert isinstance(out, bytes)
        return out

    def bare() -> bytes:
        fonts = FontConfiguration()
        css = CSS(filename=css_file, font_config=fonts)
        out = HTML(string=html, base_url=base_url).write_pdf(stylesheets=[css], font_config=fonts)
        assert isinstance(out, bytes)
        return out

    same = ours() == floor()
    out_dir = Path(tempfile.mkdtemp(prefix="bench-sheet-"))
    options = BuildOptions(out=out_dir, templates=TEMPLATES)
    funcs: dict[str, Callable[[], object]] = {
        "ours": ours, "floor": floor, "sheet": lambda: build_sheet(sheet, options)}
    if size.variants:
        funcs["bare"] = bare
    times = interleaved(funcs, size.render_runs)
    shutil.rmtree(out_dir, ignore_errors=True)
    t_ours, t_floor = statistics.median(times["ours"]), statistics.median(times["floor"])
    t_sheet, sheet_times = statistics.median(times["sheet"]), times["sheet"]
    t_html = statistics.median(html_times)

    ratio = t_ours / t_floor
    rows = [
        Row(f"HTML per sheet (render_html, {counts})",
            f"{t_html * 1000:.1f} ms ({t_html / t_floor:.1%} of the PDF floor)",
            "— (no target)", None, None, t_html, "s",
            {"seconds": html_times, "share_of_floor": t_html / t_floor}),
        Row("PDF per sheet: ours (write_pdf)", f"{t_ours:.3f} s", value=t_ours, unit="s",
            extra={"seconds": times["ours"]}),
        Row("PDF per sheet: WeasyPrint alone, same HTML and PDF options (floor)",
            f"{t_floor:.3f} s", value=t_floor, unit="s",
            extra={"seconds": times["floor"], "byte_identical_to_ours": same}),
        Row("PDF step: ours / floor",
            f"{ratio:.3f}× ({'byte-identical PDFs' if same else 'PDFs differ'})",
            "≤ 1.10×", ratio / 1.10, ratio <= 1.10, ratio, "×"),
        Row("  whole build_sheet (validate, JSON, HTML, PDF, write, stamp)",
            f"{t_sheet:.3f} s = {t_sheet / t_floor:.2f}× floor", "— (info)", None, None,
            t_sheet, "s", {"seconds": sheet_times}),
    ]
    if "bare" in times:
        t_bare = statistics.median(times["bare"])
        rows.append(Row("  WeasyPrint alone, plain PDF (no PDF/UA, no attachment)",
                        f"{t_bare:.3f} s = {t_bare / t_floor:.2f}× floor", "— (info)", None,
                        None, t_bare, "s", {"seconds": times["bare"]}))
    rows[0].extra["weasyprint"] = weasyprint.__version__
    return rows


def bench_parallel(runner: Runner, sheets: list[Path], work: Path,
                   jobs: int) -> tuple[list[Row], float]:
    """A full build of the sheets at -j1 and at -j<cpus>, each a fresh CLI process."""
    n = len(sheets)
    ceiling_before = parallel_ceiling(jobs)
    log(f"build: {n} sheets at -j1, then at -j{jobs} (pure-CPU ceiling now "
        f"{ceiling_before:.2f}x)")
    paths = [str(p) for p in sheets]
    one = runner.run([*cli(), "build", *paths, "--out", str(work / "j1"), "--jobs", "1",
                      "--force"], measure=True)
    many = runner.run([*cli(), "build", *paths, "--out", str(work / f"j{jobs}"), "--jobs",
                       str(jobs), "--force"], measure=True)
    ceiling_after = parallel_ceiling(jobs)
    for r in (one, many):
        if f"{n} built" not in r.output:
            raise RuntimeError(f"the build did not build all {n} sheets:\n{r.output[-2000:]}")
    speedup = one.seconds / many.seconds
    rows = [
        Row(f"full build, {n} sheets, -j1",
            f"{one.seconds:.1f} s ({one.seconds / n:.2f} s/sheet; {one.cpu:.1f} CPU-s)",
            value=one.seconds, unit="s", extra={"cpu": one.cpu, "maxrss": one.maxrss}),
        Row(f"full build, {n} sheets, -j{jobs}",
            f"{many.seconds:.1f} s ({many.seconds / n:.2f} s/sheet; {many.cpu:.1f} CPU-s)",
            value=many.seconds, unit="s", extra={"cpu": many.cpu, "maxrss": many.maxrss,
                                                  "tree_rss": many.tree_rss}),
    ]
    if jobs >= 2:
        rows.append(Row(f"-j{jobs} speed-up", f"{speedup:.2f}×", "≥ 1.7× on 2 cores",
                        speedup / 1.7, speedup >= 1.7, speedup, "×"))
    else:
        rows.append(Row("-j speed-up", f"{speedup:.2f}×", "≥ 1.7× on 2 cores (1 CPU: n/a)",
                        None, None, speedup, "×"))
    rows += [
        Row(f"  CPU-s at -j{jobs} / CPU-s at -j1 (parallel overhead)",
            f"{many.cpu / one.cpu:.2f}", "— (info; 1.00 = none)", None, None,
            many.cpu / one.cpu, "×"),
        Row(f"  cores obtained during the -j{jobs} build (CPU-s / wall)",
            f"{many.cpu / many.seconds:.2f} of {jobs}", "— (info)", None, None,
            many.cpu / many.seconds, "cores"),
        Row(f"  machine: {jobs} processes of pure CPU work vs 1 (before / after)",
            f"{ceiling_before:.2f}× / {ceiling_after:.2f}×", "— (info; the ceiling)", None,
            None, min(ceiling_before, ceiling_after), "×"),
    ]
    return rows, many.seconds / n


def bench_noop(runner: Runner, corpus: Path, n: int, work: Path, jobs: int,
               per_sheet: float, size: Sizes) -> list[Row]:
    """Build the whole corpus once (peak RSS), then time no-op rebuilds of it."""
    out = work / "noop"
    estimate = per_sheet * n
    formats = "json,html,pdf" if estimate <= size.full_build_budget else "json,html"
    log(f"no-op: first building {n} sheets (--format {formats}, -j{jobs}; "
        f"estimate {estimate:.0f} s)")
    first = runner.run([*cli(), "build", str(corpus), "--out", str(out), "--to", formats,
                        "--jobs", str(jobs)], measure=True)
    if f"{n} built" not in first.output:
        raise RuntimeError(f"the first build did not build all {n} sheets:\n"
                           f"{first.output[-2000:]}")
    log(f"no-op: built in {first.seconds:.1f} s; {size.noop_runs} no-op rebuilds")
    args = [*cli(), "build", str(corpus), "--out", str(out), "--to", formats]
    runner.run(args)  # warm-up: page cache, bytecode
    runs = [runner.run(args) for _ in range(size.noop_runs)]
    for r in runs:
        if f"0 built, {n} up to date" not in r.output:
            raise RuntimeError(f"the no-op rebuild rebuilt something:\n{r.output[-2000:]}")
    seconds = [r.seconds for r in runs]
    median = statistics.median(seconds)

    options = BuildOptions(out=out, formats=tuple(formats.split(",")), templates=TEMPLATES)
    folders = sorted(p for p in corpus.iterdir() if p.is_dir())
    inproc = interleaved({"noop": lambda: build_all(folders, options)}, size.noop_runs)["noop"]
    t_inproc = statistics.median(inproc)
    what = "" if formats == "json,html,pdf" else f", --format {formats}"
    rows = [
        at_most(f"no-op rebuild, {n} sheets (CLI{what})", median, 0.5, f"{median:.3f} s", "s"),
        Row("  of which: build_all's up-to-date checks (in-process)", f"{t_inproc:.3f} s",
            "— (info)", None, None, t_inproc, "s", {"seconds": inproc}),
        at_most(f"peak RSS, build of {n} sheets{what} (largest process)", first.maxrss / 1e6,
                300, mb(first.maxrss), "MB"),
        Row(f"  all -j{jobs} processes together (PSS, sampled every 50 ms)", mb(first.tree_rss),
            "— (info)", None, None, first.tree_rss / 1e6, "MB"),
    ]
    rows[0].extra = {"formats": formats, "seconds": seconds, "first_build": first.seconds,
                     "first_build_cpu": first.cpu}
    return rows


def bench_version(runner: Runner, bare: Runner, size: Sizes) -> list[Row]:
    """`factsheet --version` start-up, median of several runs after a warm-up."""
    log(f"start-up: factsheet --version x{size.version_runs}, with and without bytecode cache")
    args = [*cli(), "--version"]
    times = {}
    for name, r in (("cached", runner), ("bare", bare)):
        r.run(args)
        times[name] = [r.run(args).seconds for _ in range(size.version_runs)]
    median = statistics.median(times["cached"])
    plain = statistics.median(times["bare"])
    row = at_most("`factsheet --version` start-up", median, 0.25, f"{median:.3f} s", "s")
    row.extra = {"seconds": times["cached"]}
    note = Row("  same, environment as inherited (PYTHONDONTWRITEBYTECODE="
               f"{os.environ.get('PYTHONDONTWRITEBYTECODE', '')!s})", f"{plain:.3f} s",
               "— (info)", None, None, plain, "s", {"seconds": times["bare"]})
    return [row, note]


def core_rows(runner: Runner, bare: Runner, work: Path, corpus: Path, folders: list[Path],
              jobs: int, size: Sizes) -> list[Row]:
    """Validation, render, parallel build, no-op rebuild and start-up rows."""
    typical = next(p for p in folders if p.name.startswith("s"))
    rows = bench_validate(work, size)
    rows += bench_render(typical, size)
    build_rows, per_sheet = bench_parallel(runner, folders[:size.build_sheets], work, jobs)
    rows += build_rows
    rows += bench_noop(runner, corpus, len(folders), work, jobs, per_sheet, size)
    rss = int(build_rows[1].extra["maxrss"])
    rows.append(Row(f"  peak RSS, full build of {size.build_sheets} sheets at -j{jobs} "
                    "(largest process)", mb(rss), "— (info: growth)", None, None, rss / 1e6,
                    "MB"))
    rows += bench_version(runner, bare, size)
    return rows


# The default series fits in 10 minutes on 2 cores; the scaling series alone takes about as
# long again (its 2,000-figure sheet is ~700 pages), so it runs only when asked for.
PARTS = ("core", "pandoc", "archive")
HEAVY = ("scaling",)


def run_parts(parts: set[str], runner: Runner, bare: Runner, work: Path, jobs: int,
              size: Sizes) -> tuple[list[Row], list[str]]:
    """Run the chosen parts in order; a part that breaks is reported and the others still run."""
    corpus = work / "corpus"
    folders = sorted(generate(corpus, size.noop_sheets - 1, FACTS_PER_SHEET, seed=0))
    log(f"corpus: {len(folders)} sheets of ~{FACTS_PER_SHEET} facts in {corpus}")
    steps: dict[str, Callable[[], list[Row]]] = {
        "core": lambda: core_rows(runner, bare, work, corpus, folders, jobs, size),
        "pandoc": lambda: bench_pandoc(
            runner, next(p for p in folders if p.name == "kazakhstan-2022-01"),
            folders[:size.build_sheets], work, jobs, size.pandoc_runs),
        "scaling": lambda: bench_scaling(runner, work, size.scaling),
        "archive": lambda: bench_big_archive(runner, work, size.archive_mb),
    }
    rows: list[Row] = []
    broken: list[str] = []
    for name in (*PARTS, *HEAVY):
        if name not in parts:
            continue
        try:
            rows += steps[name]()
        except (RuntimeError, OSError, StopIteration) as exc:
            log(f"part {name} broke: {exc}")
            broken.append(name)
            rows.append(Row(f"part `{name}`", f"broke: {str(exc).splitlines()[0]}", "—"))
    return rows, broken


def sizes(quick: bool, pairs: int | None) -> Sizes:
    """The measurements' sizes: `--quick` shrinks them, `--pairs` sets the Pandoc route's."""
    size = QUICK if quick else Sizes()
    return dataclasses.replace(size, pandoc_runs=pairs) if pairs else size


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the corpus, run every measurement, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke run")
    parser.add_argument("--heavy", action="store_true",
                        help=f"also run the heavy series ({', '.join(HEAVY)}): as long again")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write results as JSON")
    parser.add_argument("--jobs", type=int, default=0, help="parallel jobs (default: CPUs)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--pairs", type=int, metavar="N",
                        help=f"paired cold runs against the Pandoc route (default: "
                             f"{Sizes.pandoc_runs}; more for a noisy machine)")
    parser.add_argument("--only", metavar="PARTS",
                        help=f"comma-separated parts to run, of {','.join(PARTS + HEAVY)} "
                             f"(default: {','.join(PARTS)}, plus {','.join(HEAVY)} with --heavy)")
    args = parser.parse_args(argv)
    parts = set(args.only.split(",")) if args.only else {*PARTS, *(HEAVY if args.heavy else ())}
    if unknown := parts - {*PARTS, *HEAVY}:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    size = sizes(args.quick, args.pairs)
    jobs = args.jobs or cpus()
    started = time.perf_counter()
    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="factsheet-bench-"))
    try:
        runner = Runner(environment(work / "pycache"), work)
        bare = Runner(environment(None), work)
        rows, broken = run_parts(parts, runner, bare, work, jobs, size)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    info = machine(jobs) | {"loadavg_before": load_before, "loadavg_after": os.getloadavg()}
    elapsed = time.perf_counter() - started
    report(rows, info, quick=args.quick, elapsed=elapsed, broken=broken, json_file=args.json)
    # A missed target is a result (exit 0, the table says so); a part that broke is not.
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
