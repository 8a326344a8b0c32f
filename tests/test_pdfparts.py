"""Tests for pdfparts: a long page laid out part by part prints and tags what the whole would."""

from __future__ import annotations

import collections
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

import factsheet.pdf as pdf_stage
from factsheet import pdfparts, pdfwrite
from factsheet.build import BuildOptions, build_sheet
from factsheet.errors import TemplateError
from factsheet.pdfsplit import split_page
from factsheet.project import resolve_template

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "facts" / "kazakhstan-2022-01"
CREATED = dt.date(2022, 1, 15)
TITLE = "Kazakhstan unrest, January 2022"
SMALL = 12_000  # the example's 60 KB page in five or so parts


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The example's page, as the build gives it to the PDF stage."""
    out = tmp_path_factory.mktemp("html")
    result = build_sheet(EXAMPLE, BuildOptions(out=out, formats=("html",),
                                               editions=ROOT / "editions"))
    assert result.status == "built", result.diagnostics
    return (out / "kazakhstan-2022-01.html").read_text(encoding="utf-8")


def render(html: str, part_bytes: int, monkeypatch: pytest.MonkeyPatch,
           progress: list[str] | None = None) -> bytes:
    monkeypatch.setattr(pdf_stage, "PART_BYTES", part_bytes)
    template = resolve_template(ROOT / "templates", "briefing")
    return pdf_stage.write_pdf(html, template, created=CREATED, attachment=b'{"facts": 1}',
                               progress=progress.append if progress is not None else None)


@pytest.fixture(scope="module")
def both(page: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example's PDF laid out whole, and in parts."""
    folder = tmp_path_factory.mktemp("pdf")
    said: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        (folder / "whole.pdf").write_bytes(render(page, 10**9, mp))
        (folder / "parts.pdf").write_bytes(render(page, SMALL, mp, said))
    assert said[-1] == "writing the PDF" and "layout: part 1 of" in said[0]  # not whole
    return folder / "whole.pdf", folder / "parts.pdf"


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


def words(pdf: Path) -> collections.Counter[str]:
    """The words the pages print, without running heads, page numbers and table heads."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"Page \d+ of \d+", "", text)
    for furniture in (TITLE, r"As of January 15, 2022, 10:00 PM GMT\+6",
                      "Figure Value Claimed by Reported as"):
        text = re.sub(furniture, " ", text)
    return collections.Counter(re.findall(r"\w+", text))


def test_the_example_is_cut_into_parts(page: str) -> None:
    split = split_page(page, SMALL, "")
    assert split is not None and len(split[1]) >= 4


def test_parts_print_the_same_words_outline_and_links(both: tuple[Path, Path]) -> None:
    whole, parts = both
    assert words(parts) == words(whole)
    read = [pypdf.PdfReader(p) for p in both]
    titles = [[o.title for o in r.outline if not isinstance(o, list)] for r in read]
    assert titles[0] == titles[1] and "Key figures" in titles[0]
    links = [sum(len(p.get("/Annots") or []) for p in r.pages) for r in read]
    assert links[0] == links[1] > 50


def test_every_page_has_its_running_head_and_its_number(both: tuple[Path, Path]) -> None:
    pages = page_texts(both[1])
    assert len(pages) >= len(page_texts(both[0]))
    assert pages[0].count(TITLE) == 1  # its heading: the first page has no running head
    for number, text in enumerate(pages, start=1):
        assert re.search(rf"Page {number} of {len(pages)}\s*$", text.rstrip()), number
        if number > 1:
            assert text.lstrip().startswith(TITLE) and "As of January 15, 2022" in text


def _marked(reader: pypdf.PdfReader) -> list[tuple[int, int]]:
    """Each page's count of marked-content ids, and of structure elements mapped to them."""
    root = reader.trailer["/Root"]
    nums = root["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    counts = []
    for page in reader.pages:
        ids = sorted(int(m) for m in re.findall(rb"/MCID (\d+)", page.get_contents().get_data()))
        assert ids == list(range(len(ids)))
        mapped = tree[int(page["/StructParents"])].get_object()
        counts.append((len(ids), len(mapped)))
    return counts


def test_links_lead_to_anchors_and_marked_content_maps_to_the_tree(
        both: tuple[Path, Path]) -> None:
    reader = pypdf.PdfReader(both[1])
    root = reader.trailer["/Root"]
    names = root["/Names"]["/Dests"]["/Names"]
    anchors = {str(names[i]) for i in range(0, len(names), 2)}
    targets = [str(a.get_object()["/Dest"]) for p in reader.pages
               for a in p.get("/Annots") or [] if "/Dest" in a.get_object()]
    assert targets and set(targets) <= anchors
    assert all(ids == mapped for ids, mapped in _marked(reader))
    # Each link is in the structure tree: its StructParent leads to a /Link element.
    kinds = []
    for read in (reader, pypdf.PdfReader(both[0])):
        nums = read.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        links = [a.get_object() for p in read.pages for a in p.get("/Annots") or []]
        keys = [int(link["/StructParent"]) for link in links]
        assert len(set(keys)) == len(links) > 50
        kinds.append(collections.Counter(str(tree[k].get_object()["/S"]) for k in keys))
    assert kinds[0] == kinds[1] and kinds[0]["/Link"] > 50
    whole = pypdf.PdfReader(both[0]).trailer["/Root"]
    for key in ("/StructTreeRoot", "/MarkInfo", "/Lang", "/ViewerPreferences", "/Metadata",
                "/Names", "/Outlines"):
        assert key in root and key in whole, key
    assert "/EmbeddedFiles" in root["/Names"]
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


_AGAIN = """
import datetime as dt, sys
from pathlib import Path
import factsheet.pdf as stage
from factsheet.project import resolve_template
stage.PART_BYTES = int(sys.argv[3])
html = Path(sys.argv[1]).read_text(encoding="utf-8")
Path(sys.argv[2]).write_bytes(stage.write_pdf(
    html, resolve_template(Path("templates"), "briefing"), created=dt.date(2022, 1, 15),
    attachment=b'{"facts": 1}'))
"""


def test_parts_are_byte_reproducible_in_another_process(
        page: str, both: tuple[Path, Path], tmp_path: Path) -> None:
    # Another hash seed: no set or dict order may reach the bytes.
    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    out = tmp_path / "again.pdf"
    subprocess.run([sys.executable, "-c", _AGAIN, str(source), str(out), str(SMALL)],
                   cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert out.read_bytes() == both[1].read_bytes()


def test_objects_packed_as_they_come_read_back(page: str, both: tuple[Path, Path],
                                               monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    # Object streams of 64: many of them, filled while the parts are laid out.
    monkeypatch.setattr(pdfwrite.SealedPDF, "BATCH", 64)
    packed = tmp_path / "packed.pdf"
    packed.write_bytes(render(page, SMALL, monkeypatch))
    assert packed.read_bytes() != both[1].read_bytes()
    assert words(packed) == words(both[0])
    reader = pypdf.PdfReader(packed)
    assert all(ids == mapped for ids, mapped in _marked(reader))
    if shutil.which("qpdf"):
        shown = subprocess.run(["qpdf", "--show-xref", str(packed)], capture_output=True,
                               text=True, check=True).stdout
        assert len(set(re.findall(r"compressed; stream = (\d+)", shown))) > 10
        checked = subprocess.run(["qpdf", "--check", str(packed)], capture_output=True,
                                 text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.skipif(shutil.which("qpdf") is None and os.environ.get("CI") != "true",
                    reason="qpdf not installed")
def test_qpdf_finds_the_parts_pdf_sound(both: tuple[Path, Path]) -> None:
    checked = subprocess.run(["qpdf", "--check", str(both[1])], capture_output=True,
                             text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No syntax or stream encoding errors found" in checked.stdout


def test_the_build_says_which_part_it_lays_out(page: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    render(page, SMALL, monkeypatch, said)
    assert said[0] == "layout: part 1 of " + said[0].split(" of ")[1]
    assert said[0].endswith(", from page 1")
    assert re.fullmatch(r"layout: running heads and page numbers of \d+ pages", said[-2])
    assert said[-1] == "writing the PDF"
    assert not any(s.startswith("layout: page") for s in said)


def test_a_named_page_in_the_content_is_laid_out_whole(page: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # The furniture's empty pages cannot know that one section asks for a landscape page.
    wide = page.replace("</style>", "#quotes { page: wide } @page wide { size: A4 landscape }"
                        "</style>", 1)
    assert render(wide, SMALL, monkeypatch) == render(wide, 10**9, monkeypatch)


def test_a_link_to_no_anchor_in_any_part_fails(page: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    broken = page.replace("</main>", '<p><a href="#nowhere">lost</a></p></main>', 1)
    with pytest.raises(TemplateError, match="No anchor #nowhere"):
        render(broken, SMALL, monkeypatch)


def test_a_first_page_margin_lays_the_page_out_whole(page: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # Each part's first page would take the :first margins.
    first = page.replace("</style>", "@page :first { margin-top: 60mm }</style>", 1)
    assert render(first, SMALL, monkeypatch) == render(first, 10**9, monkeypatch)


def test_a_file_attachment_link_in_a_part(page: str, monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    # Its annotation is no link of the structure tree: it was sealed waiting for a key.
    attached = page.replace(
        "</main>", '<p><a rel="attachment" href="fonts/LICENSE-Inter.txt">licence</a></p>'
        "</main>", 1)
    out = tmp_path / "attached.pdf"
    out.write_bytes(render(attached, SMALL, monkeypatch))
    annots = [a.get_object() for p in pypdf.PdfReader(out).pages for a in p.get("/Annots") or []]
    [attachment] = [a for a in annots if a["/Subtype"] == "/FileAttachment"]
    assert "/StructParent" not in attachment  # as whole: no key to a tree that lacks it
    assert words(out) == words(both_whole(attached, monkeypatch, tmp_path))


def both_whole(html: str, monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    path = folder / "whole.pdf"
    path.write_bytes(render(html, 10**9, monkeypatch))
    return path


def test_parts_that_fail_fall_back_to_the_whole_layout(page: str, both: tuple[Path, Path],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # A page the parts cannot handle still gets its PDF, and the build says why.
    def broken(*_: object) -> None:
        raise AttributeError("'NoneType' object has no attribute 'children'")

    monkeypatch.setattr(pdfparts, "_add_furniture", broken)
    said: list[str] = []
    assert render(page, SMALL, monkeypatch, said) == both[0].read_bytes()
    assert ("laying the page out whole: the parts failed (AttributeError: 'NoneType' object "
            "has no attribute 'children')") in said
