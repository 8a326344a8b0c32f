"""Tests for pdfsplit: where a long page is cut into parts, and when it is laid out whole."""

from __future__ import annotations

import re

import pytest

from factsheet.pdfsplit import split_page

HEAD = '<!DOCTYPE html><html lang="en"><head><style>p { margin: 0 }</style></head>'


def page(body: str, head: str = HEAD) -> str:
    return f'{head}<body class="paper-a4" data-page="Page">{body}</body></html>'


def rows(n: int, words: int = 40) -> str:
    return "".join(f'<tr id="row-{i}"><td>{i}</td><td>{"word " * words}</td></tr>'
                   for i in range(n))


def sources(n: int, start: int = 0) -> str:
    return "".join(f'<li id="src-{i}"><p>{"text " * 60}</p></li>'
                   for i in range(start, start + n))


LONG = page(
    '<main><section id="summary"><h2 id="h-summary">Summary</h2><p>Short.</p></section>'
    '<section id="figures"><h2 id="h-figures">All figures</h2>'
    '<table class="figures"><colgroup><col class="c-fig"></colgroup>'
    '<thead><tr><th scope="col">Figure</th><th scope="col">Reported as</th></tr></thead>'
    f'<tbody>{rows(300)}</tbody></table></section>'
    f'<section id="sources"><h2 id="h-sources">Sources</h2><ol class="sources">{sources(300)}'
    '</ol></section></main>')


def ids(text: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', text)


def test_a_short_page_is_laid_out_whole() -> None:
    assert split_page(page("<p>one</p>"), 1000) is None


def test_parts_hold_every_element_once_and_each_part_is_a_whole_page() -> None:
    split = split_page(LONG, 20_000)
    assert split is not None
    head, parts = split
    assert head == LONG[:LONG.index(">", LONG.index("<body")) + 1]
    assert len(parts) > 4
    # Every element is in one part; an element a cut opens again keeps its id (for `#id`
    # rules), and the PDF keeps the first anchor of each name.
    reopened = {"figures", "sources"}
    assert sorted(i for p in parts for i in ids(p) if i not in reopened) == \
        sorted(i for i in ids(LONG) if i not in reopened)
    for part in parts:
        assert part.startswith(head) and part.endswith("</body></html>")
        assert all(len(p) < 40_000 for p in parts)


def test_a_table_continues_with_its_columns_and_header_and_no_bookmark() -> None:
    _, parts = split_page(LONG, 20_000) or ("", [])
    continued = [p for p in parts if 'id="row-' in p and '<h2 id="h-figures"' not in p]
    assert continued
    for part in continued:
        body = part[part.index("<body"):]
        assert ('<section id="figures" style="bookmark-level: none">'
                '<table class="figures" style="bookmark-level: none">'
                '<colgroup><col class="c-fig"></colgroup><thead>') in body
        assert body.count("<thead>") == 1


def test_a_numbered_list_continues_its_numbering() -> None:
    _, parts = split_page(LONG, 20_000) or ("", [])
    found = [re.search(r'<ol class="sources" style="bookmark-level: none; '
                       r'counter-reset: list-item (\d+)"><li id="src-(\d+)"', p)
             for p in parts[1:]]
    continued = [(int(f[1]), int(f[2])) for f in found if f]
    assert len(continued) >= 2
    assert all(before == item for before, item in continued)  # src-0 is item 1


def test_a_heading_is_never_left_at_the_end_of_a_part() -> None:
    # The only place to cut the first section would be between its heading and the table.
    text = page('<section id="a"><h2>A</h2>'
                f'<table><tbody>{rows(3)}</tbody></table></section>'
                f'<section id="b"><h2>B</h2><ol>{sources(200)}</ol></section>')
    _, parts = split_page(text, 3_000) or ("", [])
    assert len(parts) > 3
    for part in parts[:-1]:
        assert not re.search(r"</h2>\s*</section>", part)


def test_it_prefers_cutting_between_sections() -> None:
    # Section a is 40% of the page, and a part may be 50%: cutting inside b would fill the
    # first part more, but would continue b's list in the second.
    text = page(f'<section id="a"><h2>A</h2><ol>{sources(40)}</ol></section>'
                f'<section id="b"><h2>B</h2><ol>{sources(60, 40)}</ol></section>')
    _, parts = split_page(text, len(text) // 2 - 100) or ("", [])
    assert len(parts) >= 2
    assert parts[1][parts[1].index("<body"):].startswith(
        '<body class="paper-a4" data-page="Page"><section id="b">')


@pytest.mark.parametrize("head, body, css", [
    (HEAD.replace("p {", "li { counter-increment: item } p {"), "", ""),
    (HEAD, "", "a::after { content: target-counter(attr(href), page) }"),
    (HEAD, "", "h1 { position: running(title) }"),
    (HEAD, "", "h2 { string-set: x counter(page) }"),
    (HEAD, "", "@import url(more.css);"),
    (HEAD.replace("</head>", '<link rel="stylesheet" href="more.css"></head>'), "", ""),
    (HEAD, "", "h2::before { content: counter(section) }"),
    (HEAD, "", ".mark { position: fixed; top: 0 }"),
    (HEAD, "", "@page { @top-center { content: string(chapter, start) } }"),
    (HEAD, "", "section { break-before: right }"),
    (HEAD, "", "tbody tr:last-child td { border: 0 }"),
    (HEAD, "", ".note { float: footnote }"),
    (HEAD, '<p style="counter-reset: x 3">styled</p>', ""),
    (HEAD, "<ol reversed><li>last</li></ol>", ""),
], ids=["counter-increment", "target-counter", "running", "page-counter-in-body", "import",
        "linked-stylesheet", "generated-content", "fixed", "string-start", "break-to-right",
        "last-child", "footnote", "inline-counter-reset", "reversed-list"])
def test_what_a_part_cannot_reproduce_keeps_the_page_whole(head: str, body: str,
                                                            css: str) -> None:
    text = LONG.replace(HEAD, head).replace("<main>", f"<main>{body}")
    assert split_page(text, 20_000, css) is None


def test_page_numbers_in_the_furniture_do_not_keep_the_page_whole() -> None:
    css = '@page { @bottom-right { content: "Page " counter(page) " of " counter(pages) } }'
    assert split_page(LONG, 20_000, css) is not None


def test_a_page_limit_keeps_the_page_whole() -> None:
    assert split_page(LONG.replace("<body ", '<body data-max-pages="1" '), 20_000) is None


def test_omitted_end_tags_keep_the_page_whole() -> None:
    # An implied </p> or </li> would put the offsets in the wrong place: do not cut at all.
    text = LONG.replace("</p></li>", "</li>")
    assert split_page(text, 20_000) is None


def test_words_in_the_text_do_not_keep_the_page_whole() -> None:
    text = LONG.replace("text text", "the footnote was reversed, counter-reset: x")
    assert split_page(text, 20_000) is not None


def test_inline_drawings_weigh_nothing() -> None:
    # Charts are most of a key-figures page's bytes but one box each: by bytes this page
    # would be 25 parts, by what WeasyPrint lays out it is short.
    chart = '<svg viewBox="0 0 10 10">' + '<rect x="1" y="1" width="2" height="2"/>' * 120 \
        + "</svg>"
    cards = "".join(f'<li id="kf-{i}"><p>Killed {i}</p>{chart}</li>' for i in range(100))
    text = page(f'<section id="key"><h2>Key figures</h2><ul>{cards}</ul></section>')
    assert len(text) > 45 * 10_000
    assert split_page(text, 10_000) is None
    assert split_page(text.replace("<svg", "<div").replace("</svg>", "</div>"),
                      10_000) is not None


def test_content_after_the_body_keeps_the_page_whole() -> None:
    # It would be printed once per part.
    assert split_page(LONG.replace("</body></html>", "</body><p>after</p></html>"),
                      20_000) is None


@pytest.mark.parametrize("old, new", [
    ("<td>7</td>", '<td rowspan="2">7</td>'),
    ("</tbody>", "</tbody><tfoot><tr><td>total</td></tr></tfoot>"),
    ("<colgroup>", "<caption>All</caption><colgroup>"),
], ids=["rowspan", "tfoot", "caption"])
def test_a_table_with_row_spans_a_footer_or_a_caption_is_not_cut(old: str, new: str) -> None:
    text = LONG.replace(old, new, 1)
    assert text != LONG
    _, parts = split_page(text, 20_000) or ("", [])
    assert parts and all(p.count("<tbody>") <= 1 for p in parts)
    assert sum(p.count("<tbody>") for p in parts) == 1  # the table stays in one part


def test_a_list_counts_only_its_shown_items() -> None:
    text = LONG.replace('<li id="src-3">', '<li id="src-3" hidden>')
    _, parts = split_page(text, 20_000) or ("", [])
    found = [re.search(r"counter-reset: list-item (\d+)\"><li id=\"src-(\d+)\"", p)
             for p in parts[1:]]
    assert all(int(f[1]) == int(f[2]) - 1 for f in found if f)  # src-3 is not counted


def test_no_cut_after_a_heading_inside_a_wrapper() -> None:
    items = "".join(f'<div class="group"><header><h3>Group {i}</h3></header></div>'
                    f'<div class="rows">{"word " * 400}</div>' for i in range(60))
    _, parts = split_page(page(f'<section id="s">{items}</section>'), 20_000) or ("", [])
    assert len(parts) > 2
    for part in parts[:-1]:
        assert not re.search(r"</h3>\s*</header>\s*</div>\s*</section>", part)


def test_a_list_whose_items_have_a_class_or_style_is_not_cut() -> None:
    # CSS might hide some of them, and a hidden item does not count.
    text = LONG.replace('<li id="src-3">', '<li id="src-3" style="display: none">')
    _, parts = split_page(text, 20_000) or ("", [])
    assert parts and sum(p.count('<ol class="sources"') for p in parts) == 1


@pytest.mark.parametrize("css", [
    '@page { @top-center { content: "{" } } h2 { string-set: x counter(page) }',
    "@page { /* margins { */ } h2 { string-set: x counter(page) }",
    "/* @page { */ h2 { string-set: x counter(page) } /* } */",
], ids=["brace-in-string", "brace-in-comment", "commented-out-page-rule"])
def test_braces_in_strings_and_comments_do_not_hide_a_page_counter(css: str) -> None:
    assert split_page(LONG, 20_000, css) is None


@pytest.mark.parametrize("old, new", [
    ("</style>", "/* no ::before, no counter(x), no :last-child here */</style>"),
    ("</body></html>", "</body><!-- built by factsheet --></html>"),
    ("</body></html>", "</body>"),
], ids=["words-in-a-comment", "comment-after-the-body", "no-end-html-tag"])
def test_harmless_forms_keep_the_parts(old: str, new: str) -> None:
    assert split_page(LONG.replace(old, new), 20_000) is not None
