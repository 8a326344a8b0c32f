"""Extraction: the text a reader sees in an archived HTML, Markdown or plain-text copy."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, tostring

import cssselect2

from factsheet.check.normalise import Runs
from factsheet.check.visible import Painted, Piece, parse, prune, visible_pieces

# Page furniture, never the article: what the article extractor would also leave out, and
# a guard for pages too short for it to judge.
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside", "marquee"})
_SKIP_WORDS = frozenset({"ticker", "related", "comment", "comments", "newsletter", "promo",
                         "breaking", "marquee", "sidebar", "share", "teaser", "teasers",
                         "hidden", "invisible"})
# Class names that hide text in the common CSS frameworks, whose sheets an archived copy
# links to but does not hold: without them the cascade cannot know these hide.
_HIDING_CLASSES = frozenset({"sr-only", "d-none", "screen-reader-text", "visuallyhidden",
                             "visually-hidden", "offscreen", "is-hidden", "u-hidden", "hide",
                             "hidden", "invisible", "sr-only-focusable", "screenreader"})
_WORDS_RE = re.compile(r"[\s_-]+")


@dataclass
class Visible:
    """A copy's visible text, each character's source line, and the text shown reordered."""

    text: str
    runs: Runs
    reordered: list[str] = field(default_factory=list)


def furniture(wrapper: cssselect2.ElementWrapper) -> bool:
    """Page furniture or text hidden from some readers: left out of the article."""
    element = wrapper.etree_element
    name = wrapper.local_name
    if (element.get("aria-hidden") or "").strip().lower() == "true":
        return True
    marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    if not _HIDING_CLASSES.isdisjoint(marks.split()):
        return True
    if not _SKIP_WORDS.isdisjoint(_WORDS_RE.split(marks)):
        return True
    if name not in _FURNITURE_TAGS:
        return False
    # A page's own header is boilerplate; an article's header holds its headline.
    return not (name == "header" and any(a.local_name in ("article", "main")
                                         for a in wrapper.ancestors))


def html_visible(source: str, *, main: bool = True, lines_of: str | None = None) -> Visible:
    """The painted text of an HTML page; with `main`, only the article's blocks."""
    root = parse(source)
    painted = visible_pieces(root, furniture if main else _nothing)
    article = article_text(_pruned_html(root, painted)) if main else None
    chars: list[str] = []
    raw: list[str] = []  # each piece as the source holds it (its line breaks), to find lines
    keep = _Article(article) if article is not None else None
    for block in _blocks(painted.pieces):
        # Keep the blocks the article extractor calls main text.
        if keep is not None and not keep.holds("".join(t for t, _ in block)):
            continue
        chars.append("\n\n")
        raw.append("\n\n")
        for shown, held in block:
            chars.append(shown)
            raw.append(held)
    return Visible("".join(chars), align(raw, lines_of if lines_of is not None else source),
                   painted.reordered)


def _nothing(wrapper: cssselect2.ElementWrapper) -> bool:
    return False


def _pruned_html(root: Element, painted: Painted) -> str:
    """The page with every text a reader does not see taken out, for the article extractor."""
    try:
        return tostring(prune(root, painted.kept), encoding="unicode", method="html")
    except (TypeError, ValueError, RecursionError):  # unwritable: no article choice
        return ""


def html_text(source: str) -> tuple[str, Runs]:
    """Extract an HTML page's visible article text, with the source line of each character."""
    found = html_visible(source)
    return found.text, found.runs


def _blocks(pieces: list[Piece]) -> list[list[tuple[str, str]]]:
    """Split the painted pieces at block boundaries: (shown, as in the source) per piece."""
    blocks: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    linked = words = heading = 0

    def close() -> None:
        # A block that is mostly link text is a list of other stories ("Read more: ..."),
        # a ticker or a menu, unless it is a heading, which may well be a link.
        if words and (heading or linked * 2 <= words):
            blocks.append(current)

    for piece in pieces:
        if piece.kind == "break":
            close()
            current, linked, words, heading = [], 0, 0, 0
            continue
        heading |= piece.kind == "heading"
        if piece.kind == "linebreak":
            current.append(("\n", ""))
            continue
        count = sum(not ch.isspace() for ch in piece.text)
        words += count
        linked += count if piece.kind == "link" else 0
        # Line breaks in HTML source are spaces on the page, except where space is kept.
        text = piece.text if piece.kind == "pre" else piece.text.replace("\n", " ")
        current.append((text, piece.text))
    close()
    return blocks


def align(pieces: list[str], source: str) -> Runs:
    """Each character's source line: each piece is looked for after the last one found."""
    runs = Runs()
    # Nothing in a page's head is painted: its <title> must not claim the headline's line.
    cursor = counted = max(0, source.find("<body"))
    line = 1 + source.count("\n", 0, counted)  # the line at source[counted]
    at = 0  # where the piece starts in the text
    for piece in pieces:
        key = _KEY_RE.search(piece)
        found = source.find(key.group(), cursor) if key else -1
        if key and found >= 0:
            line += source.count("\n", counted, found)
            counted = cursor = found
            start = line - piece.count("\n", 0, key.start())
            runs.put(at, start)
            for k in _newlines(piece):
                runs.put(at + k + 1, start + piece.count("\n", 0, k + 1))
        at += len(piece)
    if not runs.starts:
        runs.put(0, 1)
    return runs


def _newlines(piece: str) -> list[int]:
    return [i for i, ch in enumerate(piece) if ch == "\n"] if "\n" in piece else []


# A piece's first few words of plain letters, digits and punctuation, which no entity or
# markup rewrites: where it is found in the source is where the piece starts.
_KEY_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9,.;:'-]*(?: [A-Za-z0-9,.;:'-]+){0,5}")


def article_text(source: str) -> str | None:
    """The page's main text as trafilatura finds it, normalised; None when it finds none."""
    # Imported here: trafilatura is large, and only HTML archives need it.
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(source, include_comments=False, include_tables=True,
                                          with_metadata=True)
    except Exception:  # its parser fails in many ways; the visible text then stands alone
        return None
    text = getattr(doc, "text", None) or ""
    if not text.strip():
        return None  # a page too short for it to judge: the visible text stands alone
    title = getattr(doc, "title", None) or ""
    return _flat(title) + "\n" + _flat(text)


class _Article:
    """The main text, searched in reading order: each block is looked for after the last."""

    def __init__(self, main: str) -> None:
        self.main = main
        self.cursor = 0

    def holds(self, block: str) -> bool:
        """True when the block's words stand in the main text (linear when in order)."""
        flat = _flat(block)
        at = self.main.find(flat, self.cursor)
        if at >= 0:
            self.cursor = at + len(flat)
            return True
        # Out of order (a headline trafilatura put first): one search from the start.
        return self.main.find(flat, 0, self.cursor + len(flat)) >= 0


def _flat(text: str) -> str:
    # Cheaper than normalise(), which runs once more on the kept text: spacing and
    # compatibility forms are all the two extractions may differ in.
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u00ad", "").split())


def markdown_visible(source: str) -> Visible:
    """A Markdown copy as CommonMark renders it, read as the HTML it becomes."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(source)
    return html_visible(html, main=False, lines_of=source)


def markdown_text(source: str) -> tuple[str, Runs]:
    """The visible text of a Markdown copy, keeping each character's line."""
    found = markdown_visible(source)
    return found.text, found.runs


def plain_text(source: str) -> tuple[str, Runs]:
    """Return plain text as it is, with the line of each character (as runs: one per line)."""
    starts = [0, *(m.end() for m in re.finditer("\n", source))]
    return source, Runs(starts, range(1, len(starts) + 1))
