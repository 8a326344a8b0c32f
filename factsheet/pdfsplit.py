"""Cut a long printed page into parts WeasyPrint can lay out one at a time."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

# A long sheet's PDF is laid out part by part, so its memory is that of one part rather
# than of every page at once (docs/performance.md, "Memory: the PDF in parts"). Parts are
# cut between the children of these elements only, and a cut element is opened again in
# the next part; tables repeat their column widths and header.
SPLITTABLE = frozenset({"main", "section", "article", "div", "ol", "ul", "table", "tbody"})
REPEATED = {"table": frozenset({"colgroup", "col", "thead"})}
# A table with any of these is not cut: a row span would move cells into other columns,
# and a footer or caption belongs to the whole table.
_WHOLE_TABLE = re.compile(r"\browspan\s*=|<tfoot\b|<caption\b", re.IGNORECASE)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})
# What a part cannot reproduce on its own, so a page whose CSS uses any of it is laid out
# whole: counters and cross-references that run across the document (page counters too,
# outside @page), running and fixed elements, footnotes, `string(x, start)`, breaks to a
# left or right page, generated content on elements a cut opens twice, selectors that look
# at the last or only child, and stylesheets we cannot read here (@import, <link>).
_UNSAFE_CSS = re.compile(
    r"counter-(?:increment|reset|set)\b|target-(?:counter|counters|text)\b"
    r"|running\(|element\(|footnote|position\s*:\s*fixed|string\([^)]*\bstart\b"
    r"|break-(?:before|after)\s*:\s*(?:left|right|recto|verso)"
    r"|::?(?:before|after)\b|:(?:last-child|last-of-type|only-child|only-of-type"
    r"|nth-last-child|nth-last-of-type)\b|@import\b", re.IGNORECASE)
_COUNTER = re.compile(r"counters?\(", re.IGNORECASE)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_PAGE_RULE = re.compile(r"@page\b[^{]*\{", re.IGNORECASE)
_ENDS_WITH_HEADING = re.compile(r"</h[1-6]>\s*(?:</[a-z][a-z0-9]*>\s*)*$", re.IGNORECASE)


@dataclass(slots=True)
class _Node:
    tag: str
    attrs: list[tuple[str, str | None]]
    start: int  # offset of "<" of the start tag
    inner: int  # offset just after the start tag
    end: int = -1  # offset just after the end tag
    close: int = -1  # offset of "<" of the end tag
    children: list[_Node] = field(default_factory=list)


class _Tree(HTMLParser):
    """The elements parts may be cut between, with offsets; `broken` when tags do not pair."""

    # Only children of these are kept: a 2,000-figure page has 150,000 elements, and the
    # cuts need the few thousand rows, items and sections.
    KEPT = SPLITTABLE | {"#root", "html", "body"}

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.root = _Node("#root", [], 0, 0)
        self.stack = [self.root]
        self.broken = False
        self.unsafe = False  # a page limit or a reversed list: see _partable
        self.styles: list[str] = []  # <style> contents and style attributes
        self.drawings: list[tuple[int, int]] = []  # where each outermost <svg> lies
        self.feed(text)
        self.close()
        # `</html>` may be left out; any other open element means tags did not pair up.
        self.broken = self.broken or [n.tag for n in self.stack] not in (
            ["#root"], ["#root", "html"])

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _node(self, tag: str, attrs: list[tuple[str, str | None]]) -> _Node:
        start = self._offset()
        node = _Node(tag, attrs, start, start + len(self.get_starttag_text() or ""))
        if self.stack[-1].tag in self.KEPT:
            self.stack[-1].children.append(node)
        names = {k for k, _ in attrs}
        linked = tag == "link" and any(k == "rel" and v and "stylesheet" in v.lower()
                                       for k, v in attrs)
        self.unsafe = self.unsafe or linked or "data-max-pages" in names or (
            tag == "ol" and "reversed" in names)
        self.styles += [v for k, v in attrs if k == "style" and v]
        return node

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = self._node(tag, attrs)
        if tag in VOID:
            node.end = node.close = node.inner
        else:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = self._node(tag, attrs)
        node.end = node.close = node.inner

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if len(self.stack) < 2 or self.stack[-1].tag != tag:
            self.broken = True  # an implied end tag: offsets would lie, so do not cut
            return
        node = self.stack.pop()
        node.close = self._offset()
        node.end = self.text.index(">", node.close) + 1
        if tag == "style":
            self.styles.append(self.text[node.inner:node.close])
        if tag == "svg" and not any(n.tag == "svg" for n in self.stack):
            self.drawings.append((node.start, node.end))

    def weigh(self) -> Callable[[int, int], int]:
        """The bytes between two offsets that WeasyPrint lays out as boxes."""
        # An inline chart is many bytes but one box: its drawing does not count.
        starts = [a for a, _ in self.drawings]
        drawn = [0]
        for a, b in self.drawings:
            drawn.append(drawn[-1] + b - a)

        def before(at: int) -> int:
            i = bisect_left(starts, at)
            inside = min(at, self.drawings[i - 1][1]) - starts[i - 1] if i else 0
            return drawn[i - 1] + inside if i else 0

        return lambda a, b: (b - a) - (before(b) - before(a))


@dataclass(frozen=True)
class _Cut:
    before: _Node  # the element the next part starts with
    path: tuple[_Node, ...]  # the elements it is inside, below the body, outermost first

    @property
    def at(self) -> int:
        return self.before.start

    def close(self) -> str:
        """End tags that finish the part before the cut."""
        return "".join(f"</{n.tag}>" for n in reversed(self.path))

    def open(self, text: str) -> str:
        """Start tags that begin the part after it."""
        return "".join(_reopen(n, self.before, text) for n in self.path)


def _reopen(node: _Node, before: _Node, text: str) -> str:
    """The start tag of `node` for a later part: no bookmark; a list keeps counting."""
    # It keeps its id, so `#id` rules still apply; the PDF keeps the first anchor of a name.
    attrs = [(k, v) for k, v in node.attrs if k != "style"]
    style = next((v for k, v in node.attrs if k == "style" and v), "")
    style = f"{style}; bookmark-level: none".lstrip("; ")
    if node.tag in ("ol", "ul"):
        # WeasyPrint reads no `start` attribute (a presentational hint, off): the list's
        # counter goes on from the shown items before the cut, whatever `start` says. (A
        # list whose items carry a class or style is not cut: CSS might hide some.)
        items = sum(1 for c in node.children if c.tag == "li" and c.start < before.start
                    and not any(k == "hidden" for k, _ in c.attrs))
        style = f"{style}; counter-reset: list-item {items}"
    attrs.append(("style", style))
    shown = "".join(f' {k}="{escape(v or "", quote=True)}"' if v is not None else f" {k}"
                    for k, v in attrs)
    repeated = "".join(text[c.start:c.end] for c in node.children
                       if c.tag in REPEATED.get(node.tag, ()))
    return f"<{node.tag}{shown}>{repeated}"


def _cuts(node: _Node, path: tuple[_Node, ...], least: int,
          weight: Callable[[int, int], int], text: str) -> list[_Cut]:
    """Every place a part may end inside `node`, in page order."""
    found: list[_Cut] = []
    for i, child in enumerate(node.children):
        previous = node.children[i - 1] if i else None
        if (previous is not None and previous.tag not in HEADINGS
                and not _ENDS_WITH_HEADING.search(text, previous.start, previous.end)
                and child.tag not in REPEATED.get(node.tag, ())
                and node.tag != "table"):
            found.append(_Cut(child, path))
        if (child.tag in SPLITTABLE and weight(child.start, child.end) >= least
                and not (child.tag == "table"
                         and _WHOLE_TABLE.search(text, child.start, child.end))
                and not (child.tag in ("ol", "ul") and any(
                    k in ("class", "style") for c in child.children for k, _ in c.attrs))):
            found += _cuts(child, (*path, child), least, weight, text)
    return found


def split_page(html: str, part_bytes: int, css: str = "") -> tuple[str, list[str]] | None:
    """The page's head and its parts of about `part_bytes` each; None to lay it out whole."""
    # Bytes of HTML outside inline drawings: what WeasyPrint makes boxes of, and keeps.
    # `css` is the stylesheet given beside the page (the template's pdf.css).
    if len(html) < 2 * part_bytes:
        return None
    tree = _Tree(html)
    body = _find(tree.root, "body")
    if tree.broken or body is None or not _partable(tree, css, html[body.close:]):
        return None
    weight = tree.weigh()
    if weight(body.inner, body.close) < 2 * part_bytes:
        return None
    cuts = [c for c in _cuts(body, (), part_bytes // 4, weight, html) if body.inner < c.at]
    chosen: list[_Cut] = []
    begun, window = body.inner, list[_Cut]()
    for cut in cuts:
        if weight(begun, cut.at) > part_bytes and window:
            # Each cut leaves the rest of a page empty; one between sections costs the
            # least (nothing is continued), so take the shallowest cut of the last half.
            late = [c for c in window if weight(begun, c.at) >= part_bytes // 2] or window
            best = min(late, key=lambda c: (len(c.path), -c.at))
            chosen.append(best)
            begun = best.at
            window = [c for c in window if c.at > begun]
        window.append(cut)
    if not chosen:
        return None
    head, tail = html[:body.inner], html[body.close:]
    parts: list[str] = []
    begun, opened = 0, ""
    for cut in chosen:
        parts.append((head if parts else "") + opened + html[begun:cut.at] + cut.close()
                     + tail)
        begun, opened = cut.at, cut.open(html)
    parts.append(head + opened + html[begun:])
    return head, parts


def _partable(tree: _Tree, css: str, tail: str) -> bool:
    """Whether every part can be laid out alone and still print what the whole would."""
    after = re.sub(r"<!--.*?-->|\s+", "", tail.lower(), flags=re.DOTALL)
    if tree.unsafe or after not in ("</body></html>", "</body>"):
        return False  # anything after the body would be printed once per part
    # Page counters belong in @page rules; in the body, each part would count its own.
    texts = [_COMMENT.sub(" ", t) for t in [css, *tree.styles]]
    return not any(_UNSAFE_CSS.search(t) or _COUNTER.search(_outside_page_rules(t))
                   for t in texts)


def _outside_page_rules(css: str) -> str:
    """The stylesheet (without comments) without its @page rules, braces matched."""
    out, at = [], 0
    for found in _PAGE_RULE.finditer(css):
        if found.start() < at:
            continue
        out.append(css[at:found.start()])
        depth, i = 1, found.end()
        while i < len(css) and depth:
            if css[i] in "\"'":  # a brace inside a string does not count
                quote, i = css[i], i + 1
                while i < len(css) and css[i] != quote:
                    i += 2 if css[i] == "\\" else 1
            elif css[i] in "{}":
                depth += 1 if css[i] == "{" else -1
            i += 1
        at = i
    return "".join(out) + css[at:]


def _find(node: _Node, tag: str) -> _Node | None:
    for child in node.children:
        if child.tag == tag:
            return child
        found = _find(child, tag)
        if found is not None:
            return found
    return None
