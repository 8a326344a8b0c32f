"""Tests for the pdf stage: content, metadata, accessibility, reproducibility and confinement."""

from __future__ import annotations

import gc
import io
import json
import os
import re
import shutil
import subprocess
import sys
import weakref
from pathlib import Path

import pypdf
import pytest
from conftest import load_facts
from helpers import RENDER, TEMPLATES

from factsheet.builder import facts_json
from factsheet.errors import TemplateError
from factsheet.pdf.write import (
    END_ANCHOR,
    _fetcher_class,
    _fewer_collections,
    pages_needed,
    write_pdf,
)
from factsheet.render.sheet import Template, render_html, resolve_template

poppler = pytest.mark.skipif(shutil.which("pdftotext") is None and os.environ.get("CI") != "true",
                             reason="poppler-utils not installed")


def pdf_of(name: str, templates: Path = TEMPLATES) -> tuple[bytes, bytes]:
    """Build a render fixture's PDF and JSON in memory."""
    facts = load_facts(RENDER / name)
    template = resolve_template(templates, facts.sheet.template)
    data = facts_json(facts)
    html = render_html(facts, template)
    return write_pdf(html, template, created=facts.sheet.as_of, attachment=data,
                     attachment_name=f"{facts.slug}.json"), data


@pytest.fixture(scope="module")
def competing(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """The competing-reports sheet as a PDF file, and its JSON."""
    pdf, data = pdf_of("competing-reports")
    path = tmp_path_factory.mktemp("pdf") / "competing-reports.pdf"
    path.write_bytes(pdf)
    return path, data


def run(*args: str) -> str:
    """Run a command and return its standard output."""
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@poppler
def test_text_shows_figures_claimants_and_page_numbers(competing: tuple[Path, bytes]) -> None:
    """The extracted text carries the figures, who claims them and 'Page X of Y'."""
    text = run("pdftotext", "-layout", str(competing[0]), "-")
    for phrase in ("Competing counts", "Key figures", "at least 26", "City hospital",
                   "Where reports differ", "Reports conflict", "“some 45 officers were hurt”",
                   "Sources", "Page 1 of"):
        assert phrase in text, phrase
    pages = int(run("pdfinfo", str(competing[0])).split("Pages:")[1].split()[0])
    assert f"Page {pages} of {pages}" in text


@poppler
def test_tagged_and_fonts_embedded(competing: tuple[Path, bytes]) -> None:
    """PDF/UA tagging is on and every font is embedded."""
    info = run("pdfinfo", str(competing[0]))
    assert "Tagged:          yes" in info
    assert "Page size:       595.276 x 841.89 pts (A4)" in info
    fonts = run("pdffonts", str(competing[0])).splitlines()[2:]
    assert fonts, "no fonts listed"
    assert all(line.split()[-5] == "yes" for line in fonts), fonts
    assert all("Inter" in line for line in fonts), fonts


def test_metadata_pinned_to_the_sheet(competing: tuple[Path, bytes]) -> None:
    """Title, author, subject, keywords, language and dates come from the sheet."""
    reader = pypdf.PdfReader(competing[0])
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Competing counts"
    assert meta.author == "Test desk"
    assert meta.subject == "Competing counts (as of January 7, 2022)"
    assert meta.get("/Keywords") == "injured, killed, briefing, competing-reports"
    assert meta.get("/CreationDate") == meta.get("/ModDate")
    assert meta.get("/CreationDate") == "D:20220107"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_creation_date_keeps_the_time_and_offset() -> None:
    """A datetime as_of becomes the PDF creation date, with its UTC offset."""
    pdf, _ = pdf_of("ranges")
    meta = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta.get("/CreationDate") == "D:20220107162000+04'00"


def test_facts_json_is_attached(competing: tuple[Path, bytes]) -> None:
    """The normalised facts travel inside the PDF, byte for byte."""
    reader = pypdf.PdfReader(competing[0])
    assert reader.attachments == {"competing-reports.json": [competing[1]]}
    assert json.loads(competing[1])["slug"] == "competing-reports"


def test_bookmarks_and_internal_links(competing: tuple[Path, bytes]) -> None:
    """Sections are bookmarks; citation markers are internal links, not URLs."""
    reader = pypdf.PdfReader(competing[0])
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["Summary", "Key figures", "Where reports differ", "All figures",
                      "Sources", "How to read this sheet"]
    internal = external = 0
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            obj = annot.get_object()
            if obj.get("/Subtype") != "/Link":
                continue
            action = obj.get("/A", {})
            if "/Dest" in obj or action.get("/S") == "/GoTo":
                internal += 1
            elif action.get("/S") == "/URI":
                external += 1
    assert internal >= 10
    assert external == 2  # the two source URLs


def test_letter_paper() -> None:
    """`paper: letter` gives US Letter pages."""
    pdf, _ = pdf_of("letter-paper")
    box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


@poppler
def test_hostile_text_shows_as_text(tmp_path: Path) -> None:
    """Markup in facts is printed literally in the PDF."""
    pdf, _ = pdf_of("hostile-text")
    (tmp_path / "h.pdf").write_bytes(pdf)
    text = run("pdftotext", str(tmp_path / "h.pdf"), "-")
    assert "<script>alert('quote')</script>" in text
    assert "<img src=file:///etc/passwd>" in text


@pytest.mark.slow
def test_two_builds_in_separate_processes_are_byte_identical(tmp_path: Path) -> None:
    """The same facts, templates and version give the same bytes, whatever the clock."""
    outs = []
    for n, env_extra in enumerate([{}, {"TZ": "America/Lima", "SOURCE_DATE_EPOCH": "1"}]):
        out = tmp_path / f"out{n}"
        env = {**os.environ, **env_extra}
        subprocess.run([sys.executable, "-m", "factsheet", "build",
                        str(RENDER / "quote-variants"), "--out", str(out),
                        "--templates", str(TEMPLATES), "-j", "1"],
                       check=True, capture_output=True, env=env)
        outs.append(out)
    for name in ("quote-variants.pdf", "quote-variants.html", "quote-variants.json"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


# --- confinement: WeasyPrint reads only files inside the template folder ---

def _template_with(tmp_path: Path, css: str) -> Template:
    shutil.copytree(TEMPLATES / "briefing", tmp_path / "briefing")
    (tmp_path / "briefing" / "pdf.css").write_text(css)
    return resolve_template(tmp_path, "briefing")


@pytest.mark.parametrize("url", [
    "http://example.com/x.css",
    "https://example.com/font.otf",
    "file:///etc/passwd",
    "data:text/css,p{color:red}",
])
def test_fetcher_refuses_network_and_outside_files(tmp_path: Path, url: str) -> None:
    """Network schemes and files outside the template are refused loudly."""
    from weasyprint.urls import FatalURLFetchingError

    fetcher = _fetcher_class()((TEMPLATES / "briefing",))
    with pytest.raises(FatalURLFetchingError):
        fetcher.fetch(url)


def test_fetcher_refuses_dotdot_and_symlinks(tmp_path: Path) -> None:
    """`..` and a symlink pointing out of the folder are refused; a real asset is served."""
    from weasyprint.urls import FatalURLFetchingError

    root = tmp_path / "tpl"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (root / "ok.css").write_text("p{}")
    (root / "link.css").symlink_to(tmp_path / "secret.txt")
    fetcher = _fetcher_class()((root,))
    served = fetcher.fetch((root / "ok.css").as_uri())
    assert served.read() == b"p{}"
    assert served.headers["Content-Type"] == "text/css"
    for url in [(root / "link.css").as_uri(), f"{root.as_uri()}/../secret.txt",
                f"{root.as_uri()}/%2e%2e/secret.txt", (root / "missing.css").as_uri()]:
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(url)


def test_missing_font_fails_the_build_loudly(tmp_path: Path) -> None:
    """A template asking for a missing font is an error, not a log line."""
    template = _template_with(tmp_path, '@font-face { font-family: X; src: url("fonts/no.otf"); }'
                              "\nhtml { font-family: X; }\n")
    facts = load_facts(RENDER / "ranges")
    with pytest.raises(TemplateError, match=r"fonts/no\.otf"):
        write_pdf(render_html(facts, template), template, created=facts.sheet.as_of)


def test_outside_asset_fails_the_build(tmp_path: Path) -> None:
    """A stylesheet reaching outside the template folder fails the build."""
    (tmp_path / "evil.otf").write_bytes(b"x")
    template = _template_with(tmp_path, '@font-face { font-family: X; src: url("../evil.otf"); }')
    facts = load_facts(RENDER / "ranges")
    with pytest.raises(TemplateError, match="outside the template folder"):
        write_pdf(render_html(facts, template), template, created=facts.sheet.as_of)


def test_broken_links_fail_the_build_each_named_once(tmp_path: Path) -> None:
    """A template whose links point nowhere fails; the message names each target once and
    the first few only, not every page's repetition."""
    template = resolve_template(TEMPLATES, "briefing")
    facts = load_facts(RENDER / "ranges")
    html = render_html(facts, template)
    broken = "".join(f'<p><a href="#gone-{i % 8}">x</a></p>' for i in range(200))
    with pytest.raises(TemplateError) as caught:
        write_pdf(html.replace("</main>", broken + "</main>"), template,
                  created=facts.sheet.as_of)
    message = str(caught.value)
    assert message.count("No anchor #gone-0 ") == 1 and "#gone-5" not in message
    assert "; and 3 more" in message


def _structure_tags(reader: pypdf.PdfReader) -> set[str]:
    found: set[str] = set()
    stack: list[object] = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                found.add(str(node["/S"]))
            if "/K" in node:
                stack.append(node["/K"])
        elif isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(node)
    return found


def test_structure_tree_carries_headings_tables_lists_and_links(
        competing: tuple[Path, bytes]) -> None:
    """Tagging is real: screen readers get headings, table headers, lists, quotes and links."""
    reader = pypdf.PdfReader(competing[0])
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI", "/Link", "/Sect"} \
        <= _structure_tags(reader)
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert bool(reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"])


LONG = "Antidisestablishmentarianism" + "Pneumonoultramicroscopicsilicovolcano"[:32]  # 60


def _boxes(pdf: Path) -> list[tuple[int, str, float, float, float, float]]:
    """Every word of the PDF with its page and bounding box (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    found = []
    page = 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                      r"(.*)</word>", line)
        if m:
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            found.append((page, m.group(5), x0, y0, x1, y1))
    return found


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_long_words_break_and_never_overprint(tmp_path: Path) -> None:
    """A 60-letter word in the figures table wraps inside its cell; no two words overlap."""
    assert len(LONG) == 60
    folder = tmp_path / "long-words"
    shutil.copytree(RENDER / "ranges", folder)
    sheet = folder / "sheet.yaml"
    sheet.write_text(sheet.read_text().replace("label: Killed", f"label: {LONG}")
                     .replace("claimed_by: Officials", f"claimed_by: {LONG}"))
    facts = load_facts(folder)
    template = resolve_template(TEMPLATES, facts.sheet.template)
    html = render_html(facts, template)
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(write_pdf(html, template, created=facts.sheet.as_of))
    words = _boxes(pdf)
    # Glyph boxes of tight lines touch (line-height < font box); a third is overprint.
    def overlap(a: tuple[int, str, float, float, float, float],
                b: tuple[int, str, float, float, float, float]) -> bool:
        wide = min(a[4], b[4]) - max(a[2], b[2])
        high = min(a[5], b[5]) - max(a[3], b[3])
        return (a[0] == b[0] and wide > 0.5
                and high > min(a[5] - a[3], b[5] - b[3]) / 3)

    overlaps = [(a[1], b[1]) for i, a in enumerate(words) for b in words[i + 1:]
                if overlap(a, b)]
    assert overlaps == []
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert "18–26" in text or "18-26" in text  # the value itself, intact


class _Page:
    def __init__(self, anchors: dict[str, tuple[float, float]], height: float = 1000.0) -> None:
        self.anchors, self.height = anchors, height


class _Document:
    def __init__(self, *pages: _Page) -> None:
        self.pages = list(pages)


def test_pages_needed_reads_the_end_anchor_from_the_public_page_api() -> None:
    """Whole pages, plus the last page's share down to the end anchor (Page.anchors, height)."""
    assert pages_needed(_Document(_Page({}), _Page({END_ANCHOR: (0.0, 200.0)}))) == 1.2
    # Anchors elsewhere (a heading's id) say nothing about where the content ends.
    assert pages_needed(_Document(_Page({}), _Page({"h-key": (0.0, 100.0)}))) == 2.0
    # The end anchor on an earlier page is not this page's: a full last page, then.
    assert pages_needed(_Document(_Page({END_ANCHOR: (0.0, 10.0)}), _Page({}))) == 2.0
    assert pages_needed(_Document(_Page({END_ANCHOR: (0.0, 2000.0)}))) == 1.0


def test_the_collector_is_the_callers_again_after_a_pdf(tmp_path: Path) -> None:
    """write_pdf runs the cycle collector rarely for its own run only: the caller's
    thresholds come back after a PDF and after a failed one."""
    facts = load_facts(RENDER / "ranges")
    template = resolve_template(TEMPLATES, "briefing")
    html = render_html(facts, template)
    before = gc.get_threshold()
    gc.set_threshold(123, 4, 5)
    try:
        write_pdf(html, template, created=facts.sheet.as_of)
        assert gc.get_threshold() == (123, 4, 5)
        broken = _template_with(tmp_path, '@font-face { font-family: X; src: url("no.otf"); }')
        with pytest.raises(TemplateError):
            write_pdf(render_html(facts, broken), broken, created=facts.sheet.as_of)
        assert gc.get_threshold() == (123, 4, 5)
    finally:
        gc.set_threshold(*before)


def test_a_pdfs_cyclic_garbage_is_swept_when_it_returns() -> None:
    """Collections are rare while a PDF is made, so its cycles are swept as it returns:
    left to the oldest generation, a many-sheet worker's garbage would pile up."""

    class Box:
        inside: object = None

    made: list[weakref.ref[Box]] = []

    def lay_out() -> bytes:
        box = Box()
        box.inside = box  # a cycle: only the collector frees it
        made.append(weakref.ref(box))
        return b"%PDF"

    before = gc.get_threshold()
    gc.set_threshold(1_000_000, 1_000, 1_000)  # no collection of its own in between
    try:
        assert _fewer_collections(lay_out)() == b"%PDF"
        assert made[0]() is None
    finally:
        gc.set_threshold(*before)
