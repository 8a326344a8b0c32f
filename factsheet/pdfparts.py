"""A long page's PDF laid out part by part: each part is painted and tagged, then freed."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from typing import Any

import pydyf

from factsheet.pdfwrite import Keyed, SealedPDF, seal, written

# WeasyPrint keeps every laid-out page, with its boxes and their styles, until the PDF is
# written: about 4 MB a page. Here each part (pdfsplit) is laid out alone, painted into its
# page streams, tagged and dropped, so memory is one part's. This follows WeasyPrint 70's
# own generate_pdf and add_tags step by step (the version is pinned exactly); what differs:
# - page furniture (margin boxes: running heads, "Page N of M") is laid out last, from a
#   document of M empty pages carrying the named strings each page set, and painted into
#   a second content stream of each page as the layout yields it, since M is known only
#   at the end;
# - internal links are checked against the anchors of every part.
SCALE = 0.75  # 72 PDF points per inch / 96 CSS pixels per inch


class Whole(Exception):
    """The parts cannot reproduce the page's furniture: lay the page out whole instead."""


@dataclass
class _Laid:
    """One part's pages and the named strings each of them set (string-set)."""

    document: Any
    strings: dict[str, dict[int, list[str]]]


@dataclass
class _Sheet:
    """The PDF as it grows, part by part."""

    pdf: Any
    resources: Any
    mapping: Any  # the structure tree's parent tree (MCID -> element), page by page
    struct: Any  # the structure tree's Document element
    images: dict[Any, Any] = field(default_factory=dict)
    fonts: dict[Any, Any] = field(default_factory=dict)
    pages: list[Any] = field(default_factory=list)  # each page's dictionary
    marked: list[int] = field(default_factory=list)  # each page's marked-content ids
    types: list[Any] = field(default_factory=list)  # each page's @page type, for furniture
    strings: list[dict[str, list[str]]] = field(default_factory=list)
    names: list[Any] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)  # anchors internal links lead to
    annotations: list[Any] = field(default_factory=list)
    nums: list[Any] = field(default_factory=list)  # each page's MCID -> struct element
    # make_page_bookmark_tree's state across pages: skipped levels, open lists, last level.
    levels: tuple[list[int], list[Any], int] = field(default_factory=lambda: ([], [[]], 0))


def _layout(html: Any, font_config: Any, counter_style: Any, profiles: dict[Any, Any],
            options: dict[str, Any]) -> tuple[Any, Iterator[Any]]:
    """Document._render's layout context, and its page boxes as layout_document yields them."""
    from weasyprint.document import Document
    from weasyprint.formatting_structure.build import build_formatting_structure
    from weasyprint.layout import layout_document

    context = Document._build_layout_context(html, font_config, counter_style, profiles,
                                             options)
    root = build_formatting_structure(
        html.etree_element, context.style_for, context.get_image_from_uri, html.base_url,
        context.target_collector, counter_style, context.footnotes)
    return context, layout_document(html, root, context)


def _lay_out(html: Any, font_config: Any, counter_style: Any, profiles: dict[Any, Any],
             options: dict[str, Any]) -> _Laid:
    """Document._render, keeping the named strings the pages set."""
    from weasyprint.document import Document, Page
    from weasyprint.html import get_html_metadata
    from weasyprint.pdf.metadata import DocumentMetadata

    context, boxes = _layout(html, font_config, counter_style, profiles, options)
    pages = [Page(box) for box in boxes]
    if any(context.running_elements.values()):
        raise Whole("running elements")
    strings = {name: {page - 1: list(values) for page, values in per_page.items()}
               for name, per_page in context.string_set.items()}
    document = Document(pages, DocumentMetadata(**get_html_metadata(html)), html.url_fetcher,
                        font_config, profiles, options["output_intent"])
    return _Laid(document, strings)


def _start(options: dict[str, Any]) -> _Sheet:
    """The PDF's shared resources, as generate_pdf makes them."""
    from tinycss2.color5 import D50, D65

    pdf = SealedPDF()
    space = pydyf.Dictionary({
        f"lab-d{n}": pydyf.Array(("/Lab", pydyf.Dictionary({
            "WhitePoint": pydyf.Array(point), "Range": pydyf.Array((-125, 125, -125, 125))})))
        for n, point in (("50", D50), ("65", D65))})
    if options["output_intent"]:
        raise Whole("output intent")  # its colour profile: the whole layout adds it
    pdf.add_object(space)
    resources = pydyf.Dictionary({
        "ExtGState": pydyf.Dictionary(), "XObject": pydyf.Dictionary(),
        "Pattern": pydyf.Dictionary(), "Shading": pydyf.Dictionary(),
        "ColorSpace": space.reference})
    pdf.add_object(resources)
    return _Sheet(pdf, resources, *_tag_root(pdf))


def _tag_root(pdf: Any) -> tuple[Any, Any]:
    """add_tags' structure root and Document element, filled page by page."""

    mapping = pydyf.Dictionary({"Nums": pydyf.Array()})
    pdf.add_object(mapping)
    root = pydyf.Dictionary({"Type": "/StructTreeRoot", "ParentTree": mapping.reference})
    pdf.add_object(root)
    document = pydyf.Dictionary({"Type": "/StructElem", "S": "/Document", "K": pydyf.Array(),
                                 "P": root.reference})
    pdf.add_object(document)
    root["K"] = pydyf.Array([document.reference])
    pdf.catalog["StructTreeRoot"] = root.reference
    return mapping, document


def _add_part(sheet: _Sheet, laid: _Laid) -> None:
    """Paint, link and tag one part's pages; keep nothing of their boxes."""
    from weasyprint.anchors import make_page_bookmark_tree
    from weasyprint.formatting_structure import boxes
    from weasyprint.matrix import Matrix
    from weasyprint.pdf.anchors import add_annotations, add_forms, add_links
    from weasyprint.pdf.stream import Stream
    from weasyprint.pdf.tags import _build_box_tree

    mapping, struct = sheet.mapping, sheet.struct
    document, pdf = laid.document, sheet.pdf
    skipped, last, previous = sheet.levels
    annot_files: dict[Any, Any] = {}
    for index, page in enumerate(document.pages):
        number, since = len(sheet.pages), len(pdf.objects)
        box = page._page_box
        # Furniture comes last (module docstring); the part's own margin boxes count its
        # pages only.
        box.children = tuple(c for c in box.children if not isinstance(c, boxes.MarginBox))
        if any(page.bleed.values()):
            raise Whole("bleed")
        width, height = SCALE * page.width, SCALE * page.height
        tags: dict[Any, Any] = {}
        stream = Stream(sheet.fonts, (0, 0, page.width, page.height), sheet.resources,
                        sheet.images, tags, document.color_profiles, document.output_intent,
                        compress=True)
        pdf.add_object(stream)
        pdf_page = pydyf.Dictionary({
            "Type": "/Page", "Parent": pdf.pages.reference,
            "MediaBox": pydyf.Array([0, 0, width, height]), "Contents": stream.reference,
            "Resources": sheet.resources.reference, "Tabs": "/S", "StructParents": number})
        pdf.add_page(pdf_page)
        matrix = Matrix(SCALE, 0, 0, -SCALE, 0, height)
        anchors = []
        for name, (x, y, _, _) in page.anchors.items():
            if name not in sheet.anchors:
                sheet.anchors.add(name)
                anchors.append((name, x, y))
        for kind, target, _, _ in page.links:
            if kind == "internal":
                sheet.targets.add(target)
        # In its own q/Q, unlike WeasyPrint's: the furniture's stream follows this one.
        with stream.stacked():
            stream.transform(d=-1, f=height)
            add_links((page.links, anchors), matrix, pdf, pdf_page, sheet.names, tags)
            add_annotations(page.links, matrix, document, pdf, pdf_page, annot_files, True)
            add_forms(page.forms, matrix, pdf, pdf_page, sheet.resources, stream,
                      document.font_config.font_map)
            page.paint(stream, SCALE)
        pdf_page["TrimBox"] = pdf_page["BleedBox"] = pydyf.Array([0, 0, width, height])
        nums: dict[int, Any] = {}
        for element in _build_box_tree(box, struct, pdf, number, nums, sheet.annotations,
                                       tags):
            struct["K"].append(element.reference)
        assert not tags
        refs = pydyf.Array([ref for _, ref in sorted(nums.items())])
        mapping["Nums"].extend([number, refs])
        sheet.nums.append(refs)
        sheet.marked.append(len(nums))
        previous = make_page_bookmark_tree(page, skipped, last, previous, number,
                                           Matrix(a=SCALE, d=-SCALE, f=height))
        sheet.pages.append(pdf_page)
        _seal_page(sheet, since, stream)
        sheet.types.append(_kind(box))
        sheet.strings.append({name: per_page.get(index, [])
                              for name, per_page in laid.strings.items()})
        document.pages[index] = None  # its boxes go now, not with the part
    sheet.levels = (skipped, last, previous)


class _Counted(dict[Any, Any]):
    """A stream's marked-content ids, continuing after the `before` ones already mapped."""

    def __init__(self, before: int) -> None:
        super().__init__()
        self.before = before

    def __len__(self) -> int:
        return self.before + super().__len__()


def furniture_page(head: str, strings: list[dict[str, list[str]]]) -> str:
    """A page of len(strings) empty pages setting the named strings each page set."""
    pages = []
    for i, named in enumerate(strings):
        sets = "".join(
            f'<div style="{escape(_string_set(name, value), quote=True)}"></div>'
            for name, values in named.items() for value in values)
        pages.append(f'<div style="{"break-before: page; " if i else ""}margin: 0; '
                     f'padding: 0; border: 0; height: 0">{sets}</div>')
    return head + "".join(pages) + "</body></html>"


def _string_set(name: str, value: str) -> str:
    quoted = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'string-set: {name} "{quoted}"; margin: 0; padding: 0; height: 0'


def _add_furniture(sheet: _Sheet, furniture: Iterator[Any], profiles: dict[Any, Any],
                   output_intent: Any) -> None:
    """Paint each furniture page's margin boxes over the matching page, as artifacts."""
    from weasyprint.draw import draw_stacking_context
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf.stream import Stream
    from weasyprint.pdf.tags import _build_box_tree
    from weasyprint.stacking import StackingContext

    pdf, number = sheet.pdf, -1
    # One page at a time: layout_document makes a page's margin boxes as it yields it.
    for number, box in enumerate(furniture):
        since = len(pdf.objects)
        width, height = box.margin_width(), box.margin_height()
        kind = _kind(box)
        if number >= len(sheet.pages) or kind != sheet.types[number]:
            raise Whole(f"page {number + 1}: its furniture is {kind}")
        # Its marks follow the page's own: keep counting from where they ended.
        tags = _Counted(sheet.marked[number])
        stream = Stream(sheet.fonts, (0, 0, width, height), sheet.resources, sheet.images,
                        tags, profiles, output_intent, compress=True)
        pdf.add_object(stream)
        pdf_page = sheet.pages[number]
        pdf_page["Contents"] = pydyf.Array([pdf_page["Contents"], stream.reference])
        margins = [c for c in box.children if isinstance(c, boxes.MarginBox)]
        with stream.stacked():
            stream.transform(d=-1, f=SCALE * height)
            stream.transform(a=SCALE, d=SCALE)
            for margin in margins:
                draw_stacking_context(stream, StackingContext.from_box(margin, box))
        nums: dict[int, Any] = {}
        for margin in margins:
            tuple(_build_box_tree(margin, sheet.struct, pdf, number, nums, sheet.annotations,
                                  tags))
        sheet.nums[number].extend(ref for _, ref in sorted(nums.items()))
        sheet.mapping["Nums"][2 * number + 1] = sheet.nums[number].data  # complete now
        sheet.nums[number] = None
        _seal_page(sheet, since, stream)
    if number + 1 != len(sheet.pages):
        raise Whole(f"furniture has {number + 1} pages for {len(sheet.pages)}")


def _kind(box: Any) -> tuple[Any, ...]:
    """What a page's furniture must share with it: @page name, blankness, size, margins."""
    # A part's first page is its document's first (`:first`) and right-hand page; where
    # the template's @page rules make that change the margins, the sheet is laid out whole.
    return (box.page_type.name, box.page_type.blank, box.margin_width(), box.margin_height(),
            box.margin_top, box.margin_right, box.margin_bottom, box.margin_left)


def _seal_page(sheet: _Sheet, since: int, stream: Any) -> None:
    """Keep what a page added as bytes (pdfwrite), its link annotations included."""
    links = seal(sheet.pdf, since, stream)
    for i in range(len(sheet.annotations) - 1, -1, -1):
        reference, annotation = sheet.annotations[i]
        if id(annotation) not in links:
            break
        sheet.annotations[i] = (reference, links[id(annotation)])


def write_parts(parts: list[str], furniture: Callable[[list[dict[str, list[str]]]], str],
                make_html: Callable[[str], Any], font_config: Any,
                options: dict[str, Any], tell: Callable[[str], None]) -> bytes:
    """Lay out, paint and tag each part in turn, then the furniture; the PDF's bytes."""
    from weasyprint.css.counters import CounterStyle
    from weasyprint.pdf import VARIANTS

    # What Document._render does to the options of a PDF variant (PDF/UA: tags, 1.7).
    _, properties = VARIANTS[options["pdf_variant"]]
    options = {k: properties[k] if v is None and k in properties else v
               for k, v in options.items()}
    if not properties.get("pdf_tags", options["pdf_tags"]):
        raise Whole("untagged")  # this writer always tags, as PDF/UA requires
    counter_style = CounterStyle()
    profiles: dict[Any, Any] = {}
    sheet = _start(options)
    metadata = None
    count = len(parts)
    for number in range(1, count + 1):
        tell(f"layout: part {number} of {count}, from page {len(sheet.pages) + 1}")
        part = parts.pop(0)  # a 2,000-figure page's parts are 13 MB of text: let each go
        laid = _lay_out(make_html(part), font_config, counter_style, profiles, options)
        del part
        metadata = metadata or laid.document
        _add_part(sheet, laid)
        del laid
        gc.collect()  # a part's boxes hold cycles: free them before the next part grows
    from weasyprint.logger import LOGGER

    for name in sorted(sheet.targets - sheet.anchors):
        # WeasyPrint's own words, so a broken link fails the build as it does whole.
        LOGGER.error("No anchor #%s for internal URI reference", name)
    tell(f"layout: running heads and page numbers of {len(sheet.pages)} pages")
    _, boxes = _layout(make_html(furniture(sheet.strings)), font_config, counter_style,
                       profiles, options)
    _add_furniture(sheet, boxes, profiles, options["output_intent"])
    if profiles:
        raise Whole("colour profiles")  # a template's @color-profile: parts do not carry it
    return _finish(sheet, metadata, options, tell)


def _finish(sheet: _Sheet, first: Any, options: dict[str, Any],
            tell: Callable[[str], None]) -> bytes:
    """Outlines, metadata, attachments, fonts, names and tags: generate_pdf's last steps."""
    from weasyprint import VERSION
    from weasyprint.pdf import VARIANTS, _use_references, _w3c_date_to_pdf
    from weasyprint.pdf.anchors import add_outlines, write_pdf_attachment
    from weasyprint.pdf.fonts import build_fonts_dictionary

    tell("writing the PDF")
    pdf = sheet.pdf
    add_outlines(pdf, sheet.levels[1][0])
    pdf.info["Producer"] = pydyf.String(f"WeasyPrint {VERSION}")
    meta = first.metadata
    for key, value in (("Title", meta.title), ("Author", ", ".join(meta.authors or [])),
                       ("Subject", meta.description),
                       ("Keywords", ", ".join(meta.keywords or [])),
                       ("Creator", meta.generator)):
        if value:
            pdf.info[key] = pydyf.String(value)
    for key, value, attr in (("CreationDate", meta.created, "created"),
                             ("ModDate", meta.modified, "modified")):
        if value:
            pdf.info[key] = pydyf.String(_w3c_date_to_pdf(value, attr))
    if meta.lang:
        pdf.catalog["Lang"] = pydyf.String(meta.lang)
    attachments = [*meta.attachments, *(options["attachments"] or [])]
    files = [f for f in (write_pdf_attachment(pdf, a, True) for a in attachments) if f]
    if files:
        content = pydyf.Dictionary({"Names": pydyf.Array()})
        for pdf_file in files:
            content["Names"].extend([pdf_file["F"], pdf_file.reference])
        pdf.add_object(content)
        pdf.catalog.setdefault("Names", pydyf.Dictionary())["EmbeddedFiles"] = \
            content.reference
    fonts = build_fonts_dictionary(pdf, sheet.fonts, True, not options["full_fonts"], options)
    pdf.add_object(fonts)
    sheet.resources["Font"] = fonts.reference
    _use_references(pdf, sheet.resources, sheet.images, {})
    if sheet.names:
        names = pydyf.Array()
        for name, destination in sorted(sheet.names, key=lambda n: n[0]):
            names.extend([pydyf.String(name), destination])
        pdf.catalog.setdefault("Names", pydyf.Dictionary())["Dests"] = \
            pydyf.Dictionary({"Names": names})
    mapping = sheet.mapping
    for i, (reference, annotation) in enumerate(sheet.annotations, start=len(sheet.pages)):
        mapping["Nums"].extend([i, reference])
        if isinstance(annotation, Keyed):
            annotation.key = i
        else:
            annotation["StructParent"] = i
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    pdf.catalog["MarkInfo"] = pydyf.Dictionary({"Marked": "true"})
    variant, _ = VARIANTS[options["pdf_variant"]]
    variant(pdf, first, [], attachments, True)  # PDF/UA's reads no page streams
    return written(pdf, options["pdf_version"], options["pdf_identifier"])
