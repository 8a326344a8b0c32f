"""Tests for the charts: which cards get one, what their words say, links, PDF tags, bytes."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from xml.etree import ElementTree

import pypdf
import pytest
from conftest import load_facts
from helpers import EXAMPLE, RENDER, TEMPLATES, TOOLS
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.charts import Band, Mark, nice_ceiling, sparkline
from factsheet.charts.svg import num
from factsheet.errors import TemplateError
from factsheet.model import Figure
from factsheet.reconcile import group_figures
from factsheet.render.sheet import render_html, resolve_template
from factsheet.view import build_view
from factsheet.view.charts import ChartMaker
from factsheet.view.labels import BRIEFING, load_labels

SVG = "{http://www.w3.org/2000/svg}"


def html_of(path: Path, templates: Path = TEMPLATES) -> str:
    """Render a sheet folder with its template."""
    facts = load_facts(path)
    return render_html(facts, resolve_template(templates, facts.sheet.template))


def charts_in(html: str) -> list[ElementTree.Element]:
    """Every inline SVG of a page, parsed."""
    return [ElementTree.fromstring(m) for m in re.findall(r"<svg .*?</svg>", html, re.S)
            if 'role="img"' in m]


def layers_in(html: str) -> list[ElementTree.Element]:
    """Every layer of links laid over a chart, parsed."""
    return [ElementTree.fromstring(m) for m in re.findall(r"<svg .*?</svg>", html, re.S)
            if 'class="chart-links"' in m]


def card_of(html: str, ident: str) -> str:
    """The markup of one key-figure card."""
    start = html.index(f'id="key-{ident}"')
    return html[start:html.index("</li>\n", start)]


def test_rising_toll_has_one_chart_on_the_killed_card() -> None:
    """Three days of a rising toll: one chart, on the Killed card; its words list every count."""
    html = html_of(RENDER / "rising-toll")
    spark = [c for c in charts_in(html) if "spark" in c.get("class", "")]
    assert len(spark) == 1
    assert "<svg" in card_of(html, "killed-latest") and "<svg" not in card_of(html, "displaced")
    chart = spark[0]
    assert chart.get("role") == "img"
    desc = chart.findtext(f"{SVG}desc") or ""
    title = chart.findtext(f"{SVG}title") or ""
    for said in ("381 on August 3", "at least 398 on August 4", "about 600 on August 6"):
        assert said in desc and said in title
    assert title == ("Killed (people in the quake zone): 381 on August 3, at least 398 on "
                     "August 4, about 600 on August 6")
    assert "381 on August 3, according to Health ministry" in desc


def test_each_mark_links_to_its_figure_and_names_it() -> None:
    """Every mark is a link to the figure's row, whose excerpts carry the citations."""
    html = html_of(RENDER / "rising-toll")
    chart = next(c for c in charts_in(html) if "spark" in c.get("class", ""))
    assert chart.find(f".//{SVG}a") is None  # an image holds no links (role="img")
    layer = layers_in(html)[0]
    assert layer.get("aria-hidden") == "true"
    links = layer.findall(f"{SVG}a")
    assert [a.get("href") for a in links] == [
        "#fig-killed-first", "#fig-killed-second", "#fig-killed-latest"]
    assert all(f'id="{a.get("href", "")[1:]}"' in html for a in links)
    assert [a.findtext(f"{SVG}title") for a in links][1] == \
        "at least 398 on August 4, according to Health ministry"
    # An open-ended count is an arrow, an approximate count a bar: neither is a point.
    assert [len(chart.findall(f"{SVG}{s}")) for s in ("circle", "path", "rect")] == [1, 1, 1]


def test_reports_that_differ_at_one_moment_are_a_shaded_band() -> None:
    """Four days of detentions; on one, two reports allow different counts: a shaded band."""
    html = html_of(RENDER / "rising-detentions")
    chart = charts_in(html)[0]
    assert (chart.findtext(f"{SVG}title") == "Detained: more than 3,700 on January 7, about "
            "5,800 on January 8, 9,900 on January 9, at least 9,000 on January 9, more than "
            "12,000 on January 10")
    bands = [r for r in chart.findall(f"{SVG}rect") if r.get("fill") == "#c9d6e6"]
    assert len(bands) == 1
    assert ("on January 9 reports differ: 9,900, at least 9,000"
            in (chart.findtext(f"{SVG}desc") or ""))
    # One line per claimant: the ministry's three counts; state TV and the monitor stand alone.
    lines = chart.findall(f"{SVG}polyline")
    assert [len((p.get("points") or "").split()) for p in lines] == [3]


def test_the_example_s_edition_3_charts_detentions_and_the_toll_with_164_hollow() -> None:
    """Edition 3: detentions rise over four days; the withdrawn 164 stays on the toll, hollow."""
    view = build_view(load_facts(EXAMPLE))
    cards = {c.id: c for c in view.key_figures}
    assert cards["csto-troops"].chart is None  # counted at one moment only
    killed, detained = (cards[i].chart for i in ("killed-225", "detained-12000"))
    assert killed is not None and detained is not None
    toll = ElementTree.fromstring(str(killed.svg))
    assert toll.findtext(f"{SVG}title") == ("Killed (people in the unrest): dozens on January "
                                            "7, at least 164 on January 9 (retracted), 225 on "
                                            "January 15")
    hollow = [p for p in toll.findall(f"{SVG}path") if p.get("fill") == "#ffffff"]
    assert len(hollow) == 1  # the arrow of "at least 164", not filled
    assert [c.get("fill") for c in toll.findall(f"{SVG}circle")] == ["#1f4e79"]  # 225
    assert killed.notes == ["Hollow mark: at least 164 (January 9), withdrawn on January 10; "
                            "see Corrections and retractions."]
    rising = ElementTree.fromstring(str(detained.svg)).findtext(f"{SVG}title") or ""
    assert rising.startswith("Arrested or detained (people): ")  # as its card says
    said = [rising.index(s) for s in ("more than 3,700 on January 7", "about 5,800 on January 9",
                                      "9,900 on January 11", "more than 12,000 on January 12")]
    assert said == sorted(said)


def test_timeline_axis_marks_events_and_spans_and_cuts_long_gaps() -> None:
    """The example's timeline gets an axis: spans as bars, events as dots, 2019 cut short."""
    html = html_of(EXAMPLE)
    axis = next(c for c in charts_in(html) if "time-axis" in c.get("class", ""))
    assert html.index('class="chart time-axis"') < html.index('<ol class="timeline">')
    links = next(layer for layer in layers_in(html)  # the cards' layers come first
                 if all(a.get("href", "").startswith("#event-")
                        for a in layer.findall(f"{SVG}a"))).findall(f"{SVG}a")
    view = build_view(load_facts(EXAMPLE))
    assert sorted(a.get("href", "") for a in links) == sorted("#" + e.anchor
                                                              for e in view.events)
    assert len(axis.findall(f"{SVG}rect")) == 2  # the two spans
    assert len(axis.findall(f"{SVG}circle")) == 8  # the eight events
    labels = [t.text for t in axis.findall(f"{SVG}text")]
    # The 2019 stretch is narrow (one entry), so it gives its start only; the crisis week
    # takes most of the width, and the caption says what the cut leaves out.
    assert labels == ["Jan 1, 2019", "Jan 5, 2022", "Jan 13, 2022"]
    lines = [(float(ln.get("x1", 0)), float(ln.get("x2", 0)))
             for ln in axis.findall(f"{SVG}line") if ln.get("stroke-width") == "1.5"]
    assert len(lines) == 2 and lines[1][1] - lines[1][0] > 3 * (lines[0][1] - lines[0][0])
    assert ('<p class="axis-cut">The axis leaves out 2 years between December 31, 2019 and '
            'January 5, 2022.</p>') in html
    assert (axis.findtext(f"{SVG}title")
            == "Timeline at a glance: 10 entries from 2019 to January 13, 2022")


class Retractable(Figure):
    """A figure as the editions issue will have it, until its `retracted` field lands."""

    retracted: Any = None


def test_retracted_figure_is_hollow_with_a_note() -> None:
    """A retracted report stays on the chart, hollow, off the line, and a note says why."""
    facts = load_facts(RENDER / "rising-toll")
    figures = [Retractable(**f.model_dump(by_alias=True)) for f in facts.figures]
    figures[1] = figures[1].model_copy(update={"retracted": SimpleNamespace(
        date=dt.date(2023, 8, 5), reason="the ministry withdrew it")})
    group = group_figures(figures, facts.sources)[0]
    labels = load_labels((BRIEFING,), "en")
    shown = {f.id: SimpleNamespace(anchor=f"fig-{f.id}", big=str(f.value),
                                   claimed_by=f.claimed_by) for f in figures}
    chart = ChartMaker(labels, facts.sheet.as_of).card(group, shown)
    assert chart is not None
    assert chart.notes == ["Hollow mark: 381 (August 3), withdrawn on August 5; see "
                           "Corrections and retractions."]
    svg = ElementTree.fromstring(str(chart.svg))
    assert "381 on August 3 (retracted)" in (svg.findtext(f"{SVG}title") or "")
    dot = svg.find(f"{SVG}circle")
    assert dot is not None and dot.get("fill") == "#ffffff"
    # The health ministry's other count is 398 alone once 381 is withdrawn, and civil
    # defence's 600 is another claimant's: no line joins them.
    assert svg.find(f"{SVG}polyline") is None


def _template(tmp_path: Path, labels: str) -> Path:
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "sheet.html").write_text('{% extends "base.html" %}\n')
    (tmp_path / "plain" / "labels.yaml").write_text(labels)
    shutil.copytree(TEMPLATES / "briefing", tmp_path / "briefing")
    return tmp_path


def test_a_template_can_turn_charts_off(tmp_path: Path) -> None:
    """`config: {charts: false}` in a template's labels.yaml leaves every chart out."""
    root = _template(tmp_path, "config:\n  charts: false\n")
    facts = load_facts(RENDER / "rising-toll")
    html = render_html(facts, resolve_template(root, "plain"))
    assert "<svg" not in html and "Over time:" in html


def test_a_wrong_switch_is_an_error_with_its_code(tmp_path: Path) -> None:
    """`charts: "off"` is not read as on: the build stops and names the switch."""
    root = _template(tmp_path, 'config:\n  charts: "off"\n')
    facts = load_facts(RENDER / "rising-toll")
    with pytest.raises(TemplateError, match=r"cannot set `charts`") as caught:
        render_html(facts, resolve_template(root, "plain"))
    assert caught.value.code == "FS800"


def test_round_numbers_and_coordinates() -> None:
    """The scale tops out at a round number; coordinates never print as `-0`."""
    assert [nice_ceiling(v) for v in (0.5, 7, 12, 660, 2600, 12000)] == [
        1, 8, 15, 800, 3000, 15000]
    assert [num(v) for v in (-0.04, 2.0, 3.14159, 10.05)] == ["0", "2", "3.1", "10.1"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The rising toll built twice, in separate processes under different clocks."""
    outs = []
    for n, extra in enumerate([{}, {"TZ": "Asia/Almaty", "SOURCE_DATE_EPOCH": "7"}]):
        out = tmp_path_factory.mktemp(f"out{n}")
        subprocess.run([sys.executable, "-m", "factsheet", "build", str(RENDER / "rising-toll"),
                        "--out", str(out), "--templates", str(TEMPLATES), "-j", "1"],
                       check=True, capture_output=True, env={**os.environ, **extra})
        outs.append(out)
    return outs


@pytest.mark.slow
def test_charted_builds_are_byte_identical(built: list[Path]) -> None:
    """Charts add nothing that varies: two builds give the same HTML and PDF bytes."""
    for name in ("rising-toll.html", "rising-toll.pdf"):
        assert (built[0] / name).read_bytes() == (built[1] / name).read_bytes(), name


@pytest.mark.slow
def test_pdf_tags_the_chart_as_a_figure_with_its_words(built: list[Path]) -> None:
    """PDF/UA: the chart is a Figure whose alt text states the data."""
    reader = pypdf.PdfReader(built[0] / "rising-toll.pdf")
    alts: list[str] = []
    stack: list[object] = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.DictionaryObject):
            if node.get("/S") == "/Figure":
                alts.append(str(node.get("/Alt")))
            if "/K" in node:
                stack.append(node["/K"])
        elif isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(node)
    assert alts == ["Killed (people in the quake zone): 381 on August 3, at least 398 on "
                    "August 4, about 600 on August 6"]


_counts = st.integers(min_value=0, max_value=10_000_000)


@st.composite
def _marks(draw: st.DrawFn) -> list[Mark]:
    marks = []
    for k in range(draw(st.integers(min_value=2, max_value=6))):
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            low = draw(_counts)
            shape = draw(st.sampled_from(["dot", "bar", "up", "down"]))
            high = None if shape == "up" else low if shape == "dot" else low + draw(_counts)
            marks.append(Mark(float(k * draw(st.integers(1, 400))), low, high, float(low),
                              shape, "#fig-x", "a <hint> & more", draw(st.booleans()),
                              draw(st.booleans()), k))
    return marks


@settings(max_examples=60, deadline=None)
@given(_marks())
def test_any_counts_draw_inside_the_chart(marks: list[Mark]) -> None:
    """Whatever the counts, the chart is well-formed SVG and every shape stays in its box."""
    drawn = sparkline(marks, [Band(0, 0, None)], [(marks[0].x, "a"), (marks[-1].x, "b")],
                      "t <&>", "d", "{:,}".format)
    for layer in (drawn.svg, drawn.links):
        root = ElementTree.fromstring(str(layer))
        width, height = (float(v) for v in (root.get("viewBox") or "").split()[2:])
        for node in root.iter():
            for name in ("x", "x1", "x2", "cx"):
                if node.get(name) is not None and node.tag != f"{SVG}text":
                    assert -6 <= float(node.get(name) or 0) <= width + 6, (name, node.attrib)
            for name in ("y", "y1", "y2", "cy"):
                if node.get(name) is not None:
                    assert -6 <= float(node.get(name) or 0) <= height + 6, (name, node.attrib)


def test_counts_of_one_day_are_told_apart_by_the_hour(tmp_path: Path) -> None:
    """Two counts of one day: the chart's ticks give the hours, its words the times."""
    folder = tmp_path / "hours"
    shutil.copytree(RENDER / "rising-toll", folder)
    sheet = folder / "sheet.yaml"
    text = sheet.read_text().replace("published: 2023-08-06\n",
                                     "published: 2023-08-04T21:00:00+03:00\n")
    sheet.write_text(text.replace("  - id: day1\n    publisher: Wire A\n    agency: Wire A\n"
                              "    title: Quake kills hundreds\n    published: 2023-08-03\n",
                              "  - id: day1\n    publisher: Wire A\n    agency: Wire A\n"
                              "    title: Quake kills hundreds\n"
                              "    published: 2023-08-04T06:00:00+03:00\n"))
    chart = charts_in(html_of(folder))[0]
    assert [t.text for t in chart.findall(f"{SVG}text")][-2:] == ["6:00\u202fAM", "9:00\u202fPM"]
    assert "381 on August 4 6:00\u202fAM" in (chart.findtext(f"{SVG}title") or "")


def test_legend_explains_the_marks_only_when_a_card_has_a_chart() -> None:
    """"How to read this sheet" says what dots, bars, arrows and bands mean, when they appear."""
    assert '<span class="chart-key">Chart</span> a key figure' in html_of(RENDER / "rising-toll")
    assert 'class="chart-key"' not in html_of(RENDER / "ranges")  # key figures, one moment each


@pytest.mark.needs_tools
@pytest.mark.parametrize("name", ["rising-toll", "rising-detentions"])
def test_axe_finds_nothing_on_a_page_with_card_charts(tmp_path: Path, name: str) -> None:
    """axe-core (WCAG 2.1 A and AA) on a phone: the chart, its link layer and legend pass."""
    page = tmp_path / f"{name}.html"
    page.write_text(html_of(RENDER / name))
    result = subprocess.run(["node", str(TOOLS / "axe.mjs"), "--viewport", "390x844",
                             str(page)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_retraction_notes_are_said_under_the_chart() -> None:
    """The card's chart template writes each retraction note below the chart, escaped."""
    from markupsafe import Markup

    from factsheet.render.sheet import make_env
    from factsheet.view.charts import ChartView

    env = make_env(resolve_template(TEMPLATES, "briefing"))
    chart = ChartView(Markup('<svg role="img"></svg>'), Markup(""), ["Hollow mark: 164 <x>"])
    html = env.get_template("_card_chart.html").render(c=SimpleNamespace(chart=chart))
    assert '<figcaption><p class="kf-chart-note">Hollow mark: 164 &lt;x&gt;</p></figcaption>' \
        in html
    assert env.get_template("_card_chart.html").render(
        card=SimpleNamespace(chart=None)).strip() == ""


def test_the_scale_has_at_least_three_round_ticks() -> None:
    """From zero to a round top in three to five round steps, the top at or above the data."""
    from factsheet.charts.spark import scale

    for top in (0.5, 1, 3, 7, 12, 270, 660, 2600, 14400, 123456):
        ticks = scale(top)
        steps = {b - a for a, b in itertools.pairwise(ticks)}
        assert ticks[0] == 0 and ticks[-1] >= top and 3 <= len(ticks) <= 5, (top, ticks)
        assert len(steps) == 1, (top, ticks)
    assert scale(270) == [0, 100, 200, 300] and scale(14400) == [0, 5000, 10000, 15000]


def test_a_card_chart_is_readable_on_paper() -> None:
    """The example's arrests chart: value ticks, a tick per mark's date, its legend on the card."""
    html = html_of(EXAMPLE)
    card = card_of(html, "detained-12000")
    [chart] = charts_in(card)
    words = [t.text for t in chart.findall(f"{SVG}text")]
    assert words[:4] == ["0", "5,000", "10,000", "15,000"]
    assert words[4:] == ["Jan 7", "9", "11", "12"]  # the marks' days, the month once
    ticks = [ln for ln in chart.findall(f"{SVG}line") if ln.get("y2") == "69"]
    assert len(ticks) == 4  # one per day a count was reported
    legend = re.sub(r"<[^>]+>", "", re.search(r'<p class="kf-chart-key">(.*?)</p>', card,
                                                re.S)[1])
    assert re.sub(r"\s+", " ", legend).strip() == (
        "count about/range ↑ at least reports differ")
    killed = card_of(html, "killed-225")
    assert "withdrawn</span>" in killed and "at least</span>" not in killed
