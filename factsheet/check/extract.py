"""Extraction: the readable text of an archived HTML, Markdown or plain-text copy."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

from factsheet.check.normalise import Runs

_SKIP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript",
                        "template", "svg", "head", "form", "iframe", "button", "select",
                        "del", "s", "strike", "marquee"})
# Class or id words that mark page furniture, never the article: the fallback when the
# article extractor finds nothing, and a second guard when it does.
_SKIP_WORDS = frozenset({"ticker", "related", "comment", "comments", "newsletter", "promo",
                         "breaking", "marquee", "sidebar", "share", "teaser", "teasers",
                         "hidden", "invisible"})
# What hides an element's text from every reader, in an inline style (comments removed).
_INVISIBLE_RE = re.compile(
    r"(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)"
    r"|opacity\s*:\s*0*\.?0*\s*(?:;|$|!)|font-size\s*:\s*0+(?:\.0*)?[a-z%]*\s*(?:;|$|!))",
    re.IGNORECASE)
_CSS_COMMENT_RE = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
# Class names that hide text on screen in the common CSS frameworks.
_HIDING_CLASSES = frozenset({"sr-only", "d-none", "screen-reader-text", "visuallyhidden",
                             "offscreen", "is-hidden", "u-hidden"})
_WORDS_RE = re.compile(r"[\s_-]+")
_BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul", "body", "html",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Digits in <sup> or <sub> are written as superscripts, which never read as part of a
# number (normalise.py): "10<sup>6</sup>" is 10⁶, not 106.
_SCRIPT_TAGS = frozenset({"sup", "sub"})
_RAISED = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                        "meta", "param", "source", "track", "wbr"})


class _HtmlText(HTMLParser):
    """Collects an HTML page's readable text with the source line of every piece."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # (text, line, kind): kind is "data", "pre", "link" (text inside <a>), "break" or
        # "heading" (an empty piece that marks the block it starts as a heading).
        self.pieces: list[tuple[str, int, str]] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, starts a skipped part)
        self.skipping = 0
        self.pre = 0
        self.link = 0
        self.raised = 0

    def _block(self) -> None:
        if not self.skipping:
            self.pieces.append(("\n\n", self.getpos()[0], "break"))

    def _void(self, tag: str) -> None:
        if tag == "br":  # a line break, not a paragraph's end; two of them are a blank line
            if not self.skipping:
                self.pieces.append(("\n", self.getpos()[0], "linebreak"))
        elif tag in _BLOCK_TAGS:
            self._block()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            self._void(tag)
            return
        names = {name for name, _ in attrs}
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id")).lower()
        hidden = ("hidden" in names
                  or any(k == "aria-hidden" and (v or "").strip().lower() == "true"
                         for k, v in attrs)
                  or any(_INVISIBLE_RE.search(_CSS_COMMENT_RE.sub("", v or ""))
                         for k, v in attrs if k == "style")
                  or not _SKIP_WORDS.isdisjoint(_WORDS_RE.split(marks))
                  or not _HIDING_CLASSES.isdisjoint(marks.split()))
        # A page's own header is boilerplate; an article's header holds its headline.
        in_article = any(t in ("article", "main") for t, _ in self.stack)
        skip = (tag in _SKIP_TAGS and not (tag == "header" and in_article)) or hidden
        self.stack.append((tag, skip))
        self.skipping += skip
        self.pre += tag == "pre"
        self.link += tag == "a"
        self.raised += tag in _SCRIPT_TAGS
        if tag in _BLOCK_TAGS:
            self._block()
        if tag in _HEADINGS and not self.skipping:
            self.pieces.append(("", self.getpos()[0], "heading"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # In HTML the slash of `<div hidden/>` means nothing: the element stays open and
        # holds what follows, as browsers read it.
        if tag in _VOID_TAGS:
            self._void(tag)
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.stack):
            return  # a stray end tag: HTML tolerates it, and so do we
        while self.stack:
            name, skip = self.stack.pop()
            self.skipping -= skip
            self.pre -= name == "pre"
            self.link -= name == "a"
            self.raised -= name in _SCRIPT_TAGS
            if name == tag:
                break
        if tag in _BLOCK_TAGS:
            self._block()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            kind = "pre" if self.pre else "link" if self.link else "data"
            self.pieces.append((data.translate(_RAISED) if self.raised else data,
                                self.getpos()[0], kind))


def html_text(source: str) -> tuple[str, list[int]]:
    """Extract an HTML page's article text, with the source line of each character."""
    parser = _HtmlText()
    parser.feed(source)
    parser.close()
    main = article_text(source)
    chars: list[str] = []
    lines: list[int] = []
    for block, line in _blocks(parser.pieces):
        # Keep the blocks the article extractor calls main text; each keeps its own lines.
        if main is not None and not in_article(block, main):
            continue
        chars.append("\n\n")
        lines.extend([line, line])
        for ch, at in block:
            chars.append(ch)
            lines.append(at)
    return "".join(chars), lines


def _blocks(pieces: list[tuple[str, int, str]]) -> list[tuple[list[tuple[str, int]], int]]:
    """Split the parser's pieces at block boundaries: each block's characters and lines."""
    blocks: list[tuple[list[tuple[str, int]], int]] = []
    current: list[tuple[str, int]] = []
    linked = heading = 0

    def close() -> None:
        # A block that is mostly link text is a list of other stories ("Read more: ..."),
        # a ticker or a menu, unless it is a heading, which may well be a link.
        words = sum(not ch.isspace() for ch, _ in current)
        if words and (heading or linked * 2 <= words):
            blocks.append((current, current[0][1]))

    for data, line, kind in pieces:
        if kind == "break":  # a block boundary: a paragraph break that is in no source line
            close()
            current, linked, heading = [], 0, 0
            continue
        heading |= kind == "heading"
        if kind == "linebreak":
            current.append(("\n", line))
            continue
        linked += sum(not ch.isspace() for ch in data) if kind == "link" else 0
        for ch in data:
            # Line breaks in HTML source are spaces on the page, except inside <pre>.
            current.append((ch if kind == "pre" or ch != "\n" else " ", line))
            if ch == "\n":
                line += 1
    close()
    return blocks


# Left out before the extractor sees the page, as the parser above leaves them out.
_PRUNE = ["//del", "//s", "//strike", "//marquee", "//*[@hidden]", "//*[@aria-hidden='true']",
          "//*[contains(translate(@style, ' ', ''), 'display:none')]",
          "//*[contains(translate(@style, ' ', ''), 'visibility:hidden')]"]


def article_text(source: str) -> str | None:
    """The page's main text as trafilatura finds it, normalised; None when it finds none."""
    # Imported here: trafilatura is large, and only HTML archives need it.
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(source, include_comments=False, include_tables=True,
                                          with_metadata=True, prune_xpath=_PRUNE)
    except Exception:  # its parser fails in many ways; our own tag rules then decide alone
        return None
    text = getattr(doc, "text", None) or ""
    if not text.strip():
        return None  # a page too short for it to judge: our own tag rules decide alone
    title = getattr(doc, "title", None) or ""
    return _flat(title) + "\n" + _flat(text)


def in_article(block: list[tuple[str, int]], main: str) -> bool:
    """True when a block's words stand in the extracted main text."""
    return _flat("".join(ch for ch, _ in block)) in main


def _flat(text: str) -> str:
    # Cheaper than normalise(), which runs once more on the kept text: spacing and
    # compatibility forms are all the two extractions may differ in.
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u00ad", "").split())


_MD_PREFIX_RE = re.compile(
    r"^(?:[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))+")
_MD_RULE_RE = re.compile(r"^[ \t]*(?:[-=*_][ \t]*){3,}$")
_MD_INLINE_RES = (
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),  # an image, alt text and all: never shown
    re.compile(r"!?\[(?=[^\]\n]*\]\([^)\n]*\))"),  # the `[` or `![` opening a link or image
    re.compile(r"\]\([^)\n]*\)"),  # a link's `](address)`
    re.compile(r"(?<![\w*_\\])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_\\])[*_]{1,3}(?![\w*_])"),
    re.compile(r"`+"),
    re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!])"),  # a backslash escape's backslash
    re.compile(r"[ \t]+#+[ \t]*$"),  # the closing hashes of a heading
    re.compile(r"<(?=https?://[^>\s]+>)|(?<=[^\s<])>"),  # an autolink's angle brackets
)


# Never shown: HTML comments (over lines too) and link reference definitions with titles.
_MD_COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_MD_REFERENCE_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$")


def markdown_text(source: str) -> tuple[str, list[int]]:
    """Strip Markdown markup that is not part of the words, keeping each character's line."""
    chars: list[str] = []
    lines: list[int] = []
    unseen = bytearray(len(source))
    for m in _MD_COMMENT_RE.finditer(source):
        unseen[m.start(): m.end()] = b"\x01" * (m.end() - m.start())
    offset = 0
    for number, line in enumerate(source.splitlines(keepends=True), 1):
        body = line.rstrip("\r\n")
        drop = [bool(b) for b in unseen[offset: offset + len(body)]]
        offset += len(line)
        if _MD_RULE_RE.match(body) or _MD_REFERENCE_RE.match(body):
            drop = [True] * len(body)
        prefix = _MD_PREFIX_RE.match(body)
        if prefix:
            drop[: prefix.end()] = [True] * prefix.end()
            if not prefix.group().lstrip().startswith(">"):
                # A list item or heading is a paragraph of its own, as <li> is in HTML.
                chars.append("\n\n")
                lines.extend([number, number])
        for pattern in _MD_INLINE_RES:
            for m in pattern.finditer(body):
                drop[m.start(): m.end()] = [True] * (m.end() - m.start())
        for ch, gone in zip(body, drop, strict=True):
            if not gone:
                chars.append(ch)
                lines.append(number)
        chars.append("\n")
        lines.append(number)
    return "".join(chars), lines


def plain_text(source: str) -> tuple[str, Runs]:
    """Return plain text as it is, with the line of each character (as runs: one per line)."""
    starts = [0, *(m.end() for m in re.finditer("\n", source))]
    return source, Runs(starts, range(1, len(starts) + 1))
