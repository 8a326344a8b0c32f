"""Stage 4, check: verify quotes and excerpts against archived copies of the articles."""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from factsheet.errors import ArchiveError, Diagnostic, display_path
from factsheet.fsutil import write_atomic
from factsheet.load import Loaded, Loc, load_sheet, where
from factsheet.model import Facts, Source, report_key
from factsheet.verify import Verification

# Looked for in this order; the first that exists is the archived copy.
ARCHIVE_SUFFIXES = (".txt", ".html", ".md")
DEFAULT_CACHE = Path(".factsheet-cache")
# Bump when the cached record changes shape; the key also hashes this module's source, so
# any change to extraction, normalisation or matching makes old entries miss by itself.
CACHE_VERSION = 1
# Syndication: shared runs of this many words count as copied wording; a pair is flagged when
# such runs cover LOOKALIKE_SHARE of the shorter copy's narrative (and at least 2 * NGRAM
# words, so a tiny copy is not flagged for one shared phrase).
NGRAM = 8
LOOKALIKE_SHARE = 0.10
# Below this similarity the "closest passage" is noise and is not shown.
MIN_SIMILAR = 60.0
# Stands in the normalised archive for a hyphen at a line end: typesetting hyphenation
# ("inter-" + "national") or a real hyphen that fell at a line break ("well-" + "known").
# It is whitespace to Python, and all input whitespace becomes " " first, so it never
# comes from the input itself.
MARK = "\x1f"
_SHY = "\x00"  # a soft hyphen, kept until we know whether it ends a line

_TYPESET = str.maketrans({
    # Quotation marks and apostrophes, curly or straight, single or double, are one each.
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u2039": "'",
    "\u203a": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u301d": '"', "\u301e": '"',
    # Hyphens, dashes and the minus sign are one dash.
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2e3a": "-", "\u2e3b": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    # Invisible typesetting characters.
    "\u00ad": _SHY, "\x00": None, "\u200b": None, "\u2060": None, "\ufeff": None,
})
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_ELLIPSIS_RE = re.compile(r" ?[\[(]? ?\.(?: ?\.){2,} ?[\])]? ?")


# --- Normalisation --------------------------------------------------------------------------


@dataclass(frozen=True)
class Normal:
    """Normalised text, with the original line of each of its characters."""

    text: str
    lines: tuple[int, ...]

    def line_at(self, index: int) -> int:
        """Return the original line of the character at `index` (clamped)."""
        if not self.lines:
            return 1
        return self.lines[max(0, min(index, len(self.lines) - 1))]


def normalise(text: str, lines: Sequence[int] | None = None, *,
              hyphenation: bool = True) -> Normal:
    """Normalise what typesetting changes but meaning does not, keeping an offset map."""
    chars: list[str] = []
    at: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        # NFKC per base character with its combining marks, so composition still happens.
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        line = lines[i] if lines is not None else 1
        for ch in unicodedata.normalize("NFKC", text[i:j]).translate(_TYPESET):
            if ch in _LINE_BREAKS:
                ch = "\n"
            elif ch.isspace():
                ch = " "
            chars.append(ch)
            at.append(line)
        i = j
    out: list[str] = []
    out_at: list[int] = []
    m = len(chars)
    k = 0
    while k < m:
        ch = chars[k]
        if ch in " \n":
            e = k
            while e < m and chars[e] in " \n":
                e += 1
            # One space for any run, none at the ends and none next to a dash.
            if out and e < m and out[-1] not in ("-", MARK) and chars[e] != "-":
                out.append(" ")
                out_at.append(at[k])
            k = e
            continue
        if ch in ("-", _SHY):
            e, newline = _skip_space(chars, k + 1)
            joins = (hyphenation and newline and bool(out) and out[-1].isalpha()
                     and e < m and chars[e].isalpha())
            if ch == _SHY:
                # A soft hyphen is invisible; at a line end it joins the halves of a word.
                k = e if joins else k + 1
                continue
            while out and out[-1] == " ":
                out.pop()
                out_at.pop()
            out.append(MARK if joins else "-")
            out_at.append(at[k])
            k = e
            continue
        out.append(ch)
        out_at.append(at[k])
        k += 1
    while out and out[-1] == " ":
        out.pop()
        out_at.pop()
    return Normal("".join(out), tuple(out_at))


def _skip_space(chars: list[str], k: int) -> tuple[int, bool]:
    newline = False
    while k < len(chars) and chars[k] in " \n":
        newline = newline or chars[k] == "\n"
        k += 1
    return k, newline


def excerpt_segments(excerpt: str) -> list[str]:
    """Normalise an excerpt and split it at its ellipses into parts that must appear in order."""
    text = normalise(excerpt, hyphenation=False).text
    return [part.strip() for part in _ELLIPSIS_RE.split(text) if part.strip()]


def segment_pattern(segment: str, *, whole_words: bool = True) -> re.Pattern[str]:
    """Compile a normalised excerpt part to a regex over normalised archive text."""
    parts: list[str] = []
    if whole_words and _wordy(segment[0]):
        parts.append(r"(?<![\w\x1f])")  # start on a word boundary: "70" must not match "170"
    for k, ch in enumerate(segment):
        prev = segment[k - 1] if k else ""
        nxt = segment[k + 1] if k + 1 < len(segment) else ""
        if ch == "-" and prev.isalpha() and nxt.isalpha():
            parts.append("[-\x1f]")
            continue
        parts.append(re.escape(ch))
        if ch.isalpha() and nxt.isalpha():
            parts.append("\x1f?")  # the archive may hyphenate here at a line end
    if whole_words and _wordy(segment[-1]):
        parts.append(r"(?![\w\x1f])")
    return re.compile("".join(parts))


def _wordy(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# --- Text extraction ------------------------------------------------------------------------


_SKIP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript",
                        "template", "svg", "head", "form", "iframe", "button", "select"})
_BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "td", "th", "tr", "ul", "body", "html",
})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                        "meta", "param", "source", "track", "wbr"})


class _HtmlText(HTMLParser):
    """Collects an HTML page's readable text with the source line of every piece."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, int, str]] = []  # (text, line, "data" | "pre" | "break")
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, starts a skipped part)
        self.skipping = 0
        self.pre = 0

    def _block(self) -> None:
        if not self.skipping:
            self.pieces.append(("\n\n", self.getpos()[0], "break"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self._block()
            return
        names = {name for name, _ in attrs}
        hidden = "hidden" in names or ("aria-hidden", "true") in attrs
        # A page's own header is boilerplate; an article's header holds its headline.
        in_article = any(t in ("article", "main") for t, _ in self.stack)
        skip = (tag in _SKIP_TAGS and not (tag == "header" and in_article)) or hidden
        self.stack.append((tag, skip))
        self.skipping += skip
        self.pre += tag == "pre"
        if tag in _BLOCK_TAGS:
            self._block()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._block()

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.stack):
            return  # a stray end tag: HTML tolerates it, and so do we
        while self.stack:
            name, skip = self.stack.pop()
            self.skipping -= skip
            self.pre -= name == "pre"
            if name == tag:
                break
        if tag in _BLOCK_TAGS:
            self._block()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.pieces.append((data, self.getpos()[0], "pre" if self.pre else "data"))


def html_text(source: str) -> tuple[str, list[int]]:
    """Extract an HTML page's readable text, with the source line of each character."""
    parser = _HtmlText()
    parser.feed(source)
    parser.close()
    chars: list[str] = []
    lines: list[int] = []
    for data, line, kind in parser.pieces:
        if kind == "break":  # a block boundary: a paragraph break that is in no source line
            chars.append(data)
            lines.extend([line] * len(data))
            continue
        for ch in data:
            # Line breaks in HTML source are spaces on the page, except inside <pre>.
            chars.append(ch if kind == "pre" or ch != "\n" else " ")
            lines.append(line)
            if ch == "\n":
                line += 1
    return "".join(chars), lines


_MD_PREFIX_RE = re.compile(
    r"^(?:[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))+")
_MD_RULE_RE = re.compile(r"^[ \t]*(?:[-=*_][ \t]*){3,}$")
_MD_INLINE_RES = (
    re.compile(r"!?\[(?=[^\]\n]*\]\([^)\n]*\))"),  # the `[` or `![` opening a link or image
    re.compile(r"\]\([^)\n]*\)"),  # a link's `](address)`
    re.compile(r"(?<![\w*_\\])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_\\])[*_]{1,3}(?![\w*_])"),
    re.compile(r"`+"),
    re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!])"),  # a backslash escape's backslash
    re.compile(r"[ \t]+#+[ \t]*$"),  # the closing hashes of a heading
    re.compile(r"<(?=https?://[^>\s]+>)|(?<=[^\s<])>"),  # an autolink's angle brackets
)


def markdown_text(source: str) -> tuple[str, list[int]]:
    """Strip Markdown markup that is not part of the words, keeping each character's line."""
    chars: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(source.splitlines(keepends=True), 1):
        body = line.rstrip("\r\n")
        drop = [False] * len(body)
        if _MD_RULE_RE.match(body):
            drop = [True] * len(body)
        prefix = _MD_PREFIX_RE.match(body)
        if prefix:
            drop[: prefix.end()] = [True] * prefix.end()
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


def plain_text(source: str) -> tuple[str, list[int]]:
    """Return plain text as it is, with the line of each character."""
    lines: list[int] = []
    line = 1
    for ch in source:
        lines.append(line)
        if ch == "\n":
            line += 1
    return source, lines


# --- Archives -------------------------------------------------------------------------------


class Archive:
    """One source's archived copy: its bytes, hash, and (lazily) its text."""

    def __init__(self, source_id: str, path: Path, raw: bytes) -> None:
        self.source_id = source_id
        self.path = path
        self.raw = raw
        self.sha256 = hashlib.sha256(raw).hexdigest()
        self.suffix = path.suffix.lower()
        self.source = decode(path, raw)

    @property
    def shown(self) -> str:
        """The archive's path as messages show it."""
        return display_path(self.path)

    @cached_property
    def extracted(self) -> tuple[str, list[int]]:
        """The readable text with the original line of each character."""
        if self.suffix in (".html", ".htm"):
            return html_text(self.source)
        if self.suffix == ".md":
            return markdown_text(self.source)
        return plain_text(self.source)

    @cached_property
    def normal(self) -> Normal:
        """The normalised text that excerpts are matched against."""
        text, lines = self.extracted
        return normalise(text, lines)


def decode(path: Path, raw: bytes) -> str:
    """Decode an archived copy: UTF-8, or for HTML the charset the page declares."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = None
        if path.suffix.lower() in (".html", ".htm"):
            m = re.search(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", raw[:4096])
            declared = m.group(1).decode("ascii") if m else None
        if declared:
            try:
                return raw.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ArchiveError(f"the archived copy is not UTF-8 (byte 0x{raw[exc.start]:02x} "
                           f"on line {line})", display_path(path), line, 1) from exc


def archive_candidates(folder: Path, source_id: str, archive_dir: Path | None) -> list[Path]:
    """The paths where a source's archived copy may be, in order of preference."""
    if archive_dir is None:
        return [folder / "archive" / f"{source_id}{s}" for s in ARCHIVE_SUFFIXES]
    # DIR/<id>.ext, or DIR/<slug>/<id>.ext so one DIR can hold several sheets' archives.
    return ([archive_dir / f"{source_id}{s}" for s in ARCHIVE_SUFFIXES]
            + [archive_dir / folder.name / f"{source_id}{s}" for s in ARCHIVE_SUFFIXES])


def find_archive(folder: Path, source_id: str, archive_dir: Path | None) -> list[Path]:
    """Return the archived copies that exist for a source, preferred first."""
    return [p for p in archive_candidates(folder, source_id, archive_dir) if p.is_file()]


def read_archive(source_id: str, path: Path) -> Archive:
    """Read one archived copy, or raise ArchiveError."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArchiveError(f"cannot read the archived copy: {exc.strerror}",
                           display_path(path)) from exc
    return Archive(source_id, path, raw)


# --- Matching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What searching one excerpt in one archive came to; cached as JSON."""

    status: str  # "verified" or "not-found"
    line: int | None = None  # where the excerpt starts in the archive (verified)
    end_line: int | None = None
    closest: str | None = None  # the closest passage (not found)
    closest_line: int | None = None
    similarity: float | None = None  # 0-100
    difference: str | None = None  # the first difference, in words
    reason: str | None = None  # why not found, when it is not simply absent


def search(archive: Normal, excerpt: str) -> Outcome:
    """Find an excerpt (its parts in order) in normalised archive text."""
    segments = excerpt_segments(excerpt)
    if not segments:
        return Outcome("not-found", reason="the excerpt has no words besides its `...`")
    start: int | None = None
    pos = 0
    for n, segment in enumerate(segments):
        pattern = segment_pattern(segment)
        m = pattern.search(archive.text, pos)
        if m is None:
            earlier = pattern.search(archive.text) if n else None
            if earlier is not None:
                return Outcome(
                    "not-found", closest=_show(archive.text[earlier.start(): earlier.end()]),
                    closest_line=archive.line_at(earlier.start()), similarity=100.0,
                    reason=f"part {n + 1} of the excerpt comes before part {n} in the archive; "
                           "the parts around `...` must appear in the archive's order")
            return _closest(archive, segment, n, len(segments))
        if start is None:
            start = m.start()
        pos = m.end()
    assert start is not None
    return Outcome("verified", line=archive.line_at(start), end_line=archive.line_at(pos - 1))


def _closest(archive: Normal, segment: str, part: int, parts: int) -> Outcome:
    """Explain a miss: the closest passage, its similarity and the first difference."""
    part_of = (f"the part “{_clip(segment, 60)}” ({part + 1} of {parts}, split at `...`) "
               "is missing" if parts > 1 else None)

    def miss(why: str | None = None, **found: Any) -> Outcome:
        reason = "; ".join(r for r in (part_of, why) if r) or None
        return Outcome("not-found", reason=reason, **found)

    hay = archive.text.replace(MARK, "-")
    if not hay:
        return miss("the archived copy has no text")
    inside = segment_pattern(segment, whole_words=False).search(archive.text)
    if inside is not None:
        start, end = inside.span()
        while start > 0 and _wordy(hay[start - 1]):
            start -= 1
        while end < len(hay) and _wordy(hay[end]):
            end += 1
        return miss("the archive has these words only inside longer words; an excerpt must "
                    "start and end at word boundaries", closest=hay[start:end],
                    closest_line=archive.line_at(start),
                    similarity=round(float(fuzz.ratio(segment, hay[start:end])), 1))
    found = fuzz.partial_ratio_alignment(segment, hay)
    if found is None:  # only when a score cutoff is given; kept for the type checker
        return miss()
    start, end, score = _refine(segment, hay, found.dest_start, found.dest_end)
    if score < MIN_SIMILAR:
        return miss(f"nothing in the archived copy is even {MIN_SIMILAR:.0f}% similar",
                    similarity=round(score, 1))
    passage = hay[start:end]
    return miss(closest=passage, closest_line=archive.line_at(start), similarity=round(score, 1),
                difference=difference(segment, passage))


def _refine(segment: str, hay: str, start: int, end: int) -> tuple[int, int, float]:
    """Snap a fuzzy alignment to whole words, choosing the span most like the segment."""
    # partial_ratio aligns a window of the segment's length, which can begin mid-word or
    # drag in the previous sentence; try word-aligned spans around it and keep the best.
    size = len(segment)
    offset = max(0, start - size // 2)
    spans = [(offset + m.start(), offset + m.end())
             for m in re.finditer(r"\w+", hay[offset: end + size // 2])]
    best = (start, end, -1.0)
    for a, _ in spans:
        # Keep the punctuation the segment itself starts or ends with.
        if a > 0 and not _wordy(segment[0]) and hay[a - 1] == segment[0]:
            a -= 1
        for _, b in spans:
            if b <= a or not size // 2 <= b - a <= size * 3 // 2 + 1:
                continue
            if b < len(hay) and not _wordy(segment[-1]) and hay[b] == segment[-1]:
                b += 1
            score = float(fuzz.ratio(segment, hay[a:b]))
            if score > best[2] or (score == best[2] and b - a < best[1] - best[0]):
                best = (a, b, score)
    if best[2] < 0:  # no whole-word span of a fitting length: keep the raw alignment
        best = (start, end, float(fuzz.ratio(segment, hay[start:end])))
    return best


def _show(text: str) -> str:
    return text.replace(MARK, "-")


def difference(excerpt: str, passage: str) -> str | None:
    """Describe the first word-level difference between an excerpt and an archive passage."""
    a, b = excerpt.split(" "), passage.split(" ")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        mine, theirs = _words(a[i1:i2]), _words(b[j1:j2])
        if op == "replace":
            case = " (letter case must match too)" if mine.lower() == theirs.lower() else ""
            return f"the archive has “{theirs}” where the excerpt has “{mine}”{case}"
        if op == "delete":
            return f"the excerpt has “{mine}”, which the archive does not have there"
        return (f"the archive has “{theirs}” there, which the excerpt leaves out "
                "(mark left-out words with `...`)")
    return None


def _words(tokens: list[str], limit: int = 8) -> str:
    text = " ".join(tokens[:limit])
    return text + " …" if len(tokens) > limit else text


# --- Cache ----------------------------------------------------------------------------------


def _code_digest() -> str:
    """Hash this module's source, so any change to the method also invalidates the cache."""
    try:
        return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unknown"


_CODE = _code_digest()


class Cache:
    """Search outcomes by content hash; best effort, so a broken cache only costs time."""

    def __init__(self, root: Path | None) -> None:
        self.root = root / "check" if root is not None else None
        self.hits = 0

    @staticmethod
    def key(archive: Archive, excerpt: str) -> str:
        """Hash everything the outcome depends on: the method, the copy's bytes and kind."""
        blob = json.dumps([CACHE_VERSION, _CODE, archive.suffix, archive.sha256, excerpt])
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path | None:
        return self.root / key[:2] / f"{key}.json" if self.root is not None else None

    def get(self, key: str) -> Outcome | None:
        """Return a cached outcome, or None when absent or unreadable."""
        path = self._path(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            outcome = Outcome(**data)
        except (OSError, ValueError, TypeError):
            return None
        if outcome.status not in ("verified", "not-found") or not _well_typed(outcome):
            return None
        self.hits += 1
        return outcome

    def put(self, key: str, outcome: Outcome) -> None:
        """Store an outcome atomically; a cache that cannot be written is skipped."""
        path = self._path(key)
        if path is None:
            return
        with contextlib.suppress(OSError):
            write_atomic(path, json.dumps(asdict(outcome), ensure_ascii=False).encode("utf-8"))


def _well_typed(outcome: Outcome) -> bool:
    ints = (outcome.line, outcome.end_line, outcome.closest_line)
    texts = (outcome.closest, outcome.difference, outcome.reason)
    return (all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in ints)
            and all(v is None or isinstance(v, str) for v in texts)
            and (outcome.similarity is None or isinstance(outcome.similarity, int | float)))


# --- Syndication ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Lookalike:
    """Two archived copies that share long passages of wording."""

    a: str
    b: str
    share: float  # of the shorter copy's narrative words inside shared NGRAM-word runs
    passages: int
    example: str  # the longest shared passage


@dataclass(frozen=True)
class Run:
    """Words of narrative text (not quoted speech), with the text they were cut from."""

    text: str
    spans: tuple[tuple[int, int], ...]  # each word's (start, end) in `text`

    @property
    def words(self) -> list[str]:
        """The run's words, lowercased for comparison."""
        return [self.text[a:b].lower() for a, b in self.spans]


def narrative_runs(text: str) -> list[Run]:
    """Split text into runs of words outside double quotation marks, paragraph by paragraph."""
    runs: list[Run] = []
    # Quoted speech is left out: independent reports quote the same words, wire copies share
    # the reporter's own sentences.
    for paragraph in re.split(r"\n[ \t\r]*\n", text):
        norm = normalise(paragraph).text.replace(MARK, "")
        for k, piece in enumerate(norm.split('"')):
            if k % 2 == 0:  # an odd piece is inside quotes (or after an unclosed one)
                spans = tuple(m.span() for m in re.finditer(r"\w+", piece))
                if spans:
                    runs.append(Run(piece, spans))
    return runs


def ngrams(runs: list[Run], n: int = NGRAM) -> set[tuple[str, ...]]:
    """Every n-word sequence inside the runs (never across two runs)."""
    grams: set[tuple[str, ...]] = set()
    for run in runs:
        words = run.words
        grams.update(tuple(words[i: i + n]) for i in range(len(words) - n + 1))
    return grams


def shared_wording(a: list[Run], grams_b: set[tuple[str, ...]], n: int = NGRAM
                   ) -> tuple[float, int, str]:
    """Share of `a`'s words inside n-word runs found in `grams_b`; passages; the longest."""
    total = covered = passages = 0
    longest = ""
    for run in a:
        words = run.words
        total += len(words)
        inside = [False] * len(words)
        for i in range(len(words) - n + 1):
            if tuple(words[i: i + n]) in grams_b:
                inside[i: i + n] = [True] * n
        start = None
        for i, flag in enumerate([*inside, False]):
            if flag and start is None:
                start = i
            elif not flag and start is not None:
                passages += 1
                covered += i - start
                passage = run.text[run.spans[start][0]: run.spans[i - 1][1]]
                if len(passage) > len(longest):
                    longest = passage
                start = None
    return (covered / total if total else 0.0), passages, longest


def lookalikes(sources: Sequence[Source], archives: dict[str, Archive]) -> list[Lookalike]:
    """Pairs of archived copies that look like one story but declare no common agency."""
    runs = {sid: narrative_runs(archive.extracted[0]) for sid, archive in archives.items()}
    grams = {sid: ngrams(rs) for sid, rs in runs.items()}
    size = {sid: sum(len(r.spans) for r in rs) for sid, rs in runs.items()}
    found: list[Lookalike] = []
    ordered = [s for s in sources if s.id in archives]
    for i, first in enumerate(ordered):
        for second in ordered[i + 1:]:
            if first.agency and second.agency and report_key(first) == report_key(second):
                continue  # declared as one report already
            if grams[first.id].isdisjoint(grams[second.id]):
                continue
            short, other = ((first.id, second.id) if size[first.id] <= size[second.id]
                            else (second.id, first.id))
            share, passages, example = shared_wording(runs[short], grams[other])
            if share >= LOOKALIKE_SHARE and share * size[short] >= 2 * NGRAM:
                found.append(Lookalike(first.id, second.id, round(share, 3), passages, example))
    return found


def independent_reports(sources: Sequence[Source]) -> list[list[str]]:
    """Group source ids into independent reports: sources sharing an agency are one."""
    groups: dict[str, list[str]] = {}
    for source in sources:
        groups.setdefault(report_key(source), []).append(source.id)
    return list(groups.values())


# --- The check ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """One checkable citation: the text to find, the source, and where it stands in the YAML."""

    loc: Loc
    where: str
    source_id: str
    text: str
    quote_text: bool  # True when a quote's own text is checked (its cite item has no `says`)


@dataclass(frozen=True)
class CitationCheck:
    """A checked citation with its outcome and its YAML position."""

    citation: Citation
    path: str
    line: int
    column: int
    status: str  # "verified", "not-found", "no-archive"
    archive: str | None = None
    outcome: Outcome | None = None

    def render(self) -> str:
        """Format a verified citation like a diagnostic line."""
        place = f"{self.path}:{self.line}:{self.column}"
        at = f"{self.archive}:{self.outcome.line}" if self.outcome else self.archive
        return f"{place}: {self.status}: {self.citation.where}: found in {at}"

    def as_json(self) -> dict[str, Any]:
        """Return a JSON-ready mapping of this check."""
        out: dict[str, Any] = {
            "path": self.path, "line": self.line, "column": self.column,
            "where": self.citation.where, "source": self.citation.source_id,
            "text": self.citation.text, "status": self.status, "archive": self.archive,
        }
        if self.outcome is not None:
            names = {"line": "archive_line", "end_line": "archive_end_line"}
            out.update({names.get(k, k): v for k, v in asdict(self.outcome).items()
                        if k != "status" and v is not None})
        return out


@dataclass
class CheckReport:
    """Everything `check` found for one sheet."""

    checks: list[CitationCheck] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    verification: Verification = field(default_factory=Verification)
    archives: dict[str, Archive] = field(default_factory=dict)
    found_lookalikes: list[Lookalike] = field(default_factory=list)
    cache_hits: int = 0

    def count(self, status: str) -> int:
        """Count the checks that came to `status`."""
        return sum(c.status == status for c in self.checks)

    def as_json(self) -> dict[str, Any]:
        """Return a JSON-ready mapping of the report."""
        return {
            "counts": {s: self.count(s) for s in ("verified", "not-found", "no-archive")},
            "citations": [c.as_json() for c in self.checks],
            "archives": {sid: {"path": a.shown, "sha256": a.sha256}
                         for sid, a in self.archives.items()},
            "lookalikes": [asdict(p) for p in self.found_lookalikes],
            "diagnostics": [d.as_json() for d in self.diagnostics],
        }


def check_summary(report: CheckReport, facts: Facts) -> str:
    """Summarise a sheet's check in one line."""
    checked = len(report.checks)
    if not checked:
        head = "nothing to check (no `says` excerpts and no quotes)"
    else:
        head = (f"{report.count('verified')} of {checked} citation{'s' * (checked != 1)} "
                f"verified, {report.count('not-found')} not found, "
                f"{report.count('no-archive')} without an archived copy")
    copies = len(report.archives)
    reports = len(independent_reports(facts.sources))
    tail = (f"{copies} archived cop{'ies' if copies != 1 else 'y'}, "
            f"{len(facts.sources)} source{'s' * (len(facts.sources) != 1)}, "
            f"{reports} independent report{'s' * (reports != 1)}")
    if report.found_lookalikes:
        n = len(report.found_lookalikes)
        tail += f", {n} possible syndicated pair{'s' * (n != 1)}"
    return f"{head} ({tail})"


def citations(facts: Facts) -> Iterator[Citation]:
    """Every citation that names words to find: each `says`, and quote text cited bare."""
    for i, statement in enumerate(facts.sheet.summary):
        for j, item in enumerate(statement.cite):
            if item.says:
                loc: Loc = ("sheet", "summary", i, "cite", j, "says")
                yield Citation(loc, where(loc), item.source, item.says, False)
    for name in ("figures", "quotes", "events"):
        for i, record in enumerate(getattr(facts, name)):
            for j, item in enumerate(record.cite):
                if item.says:
                    loc = (name, i, "cite", j, "says")
                    yield Citation(loc, where(loc), item.source, item.says, False)
                elif name == "quotes":
                    loc = (name, i, "text")
                    yield Citation(loc, f"{where((name, i, 'cite', j))} (the quote's text)",
                                   item.source, record.text, True)


def check_sheet(folder: Path, facts: Facts, archive_dir: Path | None = None, *,
                strict: bool = False, loaded: Loaded | None = None,
                cache_dir: Path | None = DEFAULT_CACHE) -> CheckReport:
    """Check every citation of a valid sheet against its sources' archived copies."""
    loaded = loaded if loaded is not None else load_sheet(folder)
    cache = Cache(cache_dir)
    report = CheckReport()
    severity = "error" if strict else "warning"
    wanted = list(citations(facts))
    needs = {c.source_id for c in wanted}
    for i, source in enumerate(facts.sources):
        loc: Loc = ("sources", i, "id")
        paths = find_archive(folder, source.id, archive_dir)
        if len(paths) > 1:
            report.diagnostics.append(loaded.error(
                loc, where(("sources", i)), "several archived copies: "
                + ", ".join(display_path(p) for p in paths) + f"; using {paths[0].name}",
                "keep one copy per source", severity="warning"))
        if not paths:
            if source.id in needs:
                looked = archive_candidates(folder, source.id, archive_dir)[0]
                recorded = (", though its archive_sha256 is recorded"
                            if source.archive_sha256 else "")
                count = sum(c.source_id == source.id for c in wanted)
                report.diagnostics.append(loaded.error(
                    loc, where(("sources", i)),
                    f"no archived copy of `{source.id}`{recorded}; {count} "
                    f"citation{'s' * (count != 1)} of it cannot be checked",
                    f"save the article as {display_path(looked.with_suffix(''))}.txt "
                    "(or .html, .md)" + ("" if archive_dir else ", or pass --archive-dir DIR"),
                    severity=severity))
            continue
        try:
            archive = read_archive(source.id, paths[0])
        except ArchiveError as exc:
            report.diagnostics.append(loaded.error(
                loc, where(("sources", i)), f"{exc.path}: {exc.message}",
                "save the archived copy as UTF-8 text"))
            continue
        report.archives[source.id] = archive
        if source.archive_sha256 and source.archive_sha256 != archive.sha256:
            hloc: Loc = ("sources", i, "archive_sha256")
            report.diagnostics.append(loaded.error(
                hloc, where(hloc),
                f"the archived copy {archive.shown} has changed since its hash was recorded "
                f"(recorded {source.archive_sha256[:12]}…, now {archive.sha256[:12]}…)",
                "check that its citations still hold, then run `factsheet archive-hash` "
                "to record the new hash", severity=severity))
    results: dict[tuple[str, str], str] = {}
    for citation in wanted:
        pos = loaded.pos(citation.loc)
        copy = report.archives.get(citation.source_id)
        if copy is None:
            check = CitationCheck(citation, pos.path, pos.line, pos.column, "no-archive")
        else:
            key = Cache.key(copy, citation.text)
            outcome = cache.get(key)
            if outcome is None:
                outcome = search(copy.normal, citation.text)
                cache.put(key, outcome)
            check = CitationCheck(citation, pos.path, pos.line, pos.column, outcome.status,
                                  copy.shown, outcome)
            if outcome.status == "not-found":
                report.diagnostics.append(_not_found(loaded, check, outcome))
        report.checks.append(check)
        results[(citation.source_id, citation.text)] = check.status
    report.found_lookalikes = lookalikes(facts.sources, report.archives)
    index = {s.id: i for i, s in enumerate(facts.sources)}
    for pair in report.found_lookalikes:
        loc = ("sources", index[pair.b], "id")
        report.diagnostics.append(loaded.error(
            loc, where(("sources", index[pair.b])),
            f"the archived copies of `{pair.a}` and `{pair.b}` share {pair.share:.0%} of their "
            f"wording ({pair.passages} passage{'s' * (pair.passages != 1)} of {NGRAM}+ words, "
            f"the longest: “{_clip(pair.example)}”) but declare no common agency; they look "
            "like copies of one story",
            "if both carry the same wire story, give both `agency:` the wire service's name "
            "so they count as one report", severity="warning"))
    report.diagnostics.sort()
    report.cache_hits = cache.hits
    report.verification = Verification(
        results=results,
        archives={sid: a.sha256 for sid, a in report.archives.items()},
        lookalikes=[(p.a, p.b, p.share) for p in report.found_lookalikes])
    return report


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _not_found(loaded: Loaded, check: CitationCheck, outcome: Outcome) -> Diagnostic:
    citation = check.citation
    what = "the quote's text" if citation.quote_text else "the excerpt"
    message = f"{what} is not found in {check.archive}"
    if outcome.reason:
        message += f": {outcome.reason}"
    if outcome.closest is not None:
        message += (f"; closest passage, line {outcome.closest_line}, "
                    f"{outcome.similarity:.0f}% similar: “{_clip(outcome.closest, 200)}”")
    fix = ("copy the words exactly as archived (only quote marks, dashes, spacing and line "
           "breaks may differ) and mark left-out words with `...`")
    hint = f"{outcome.difference}; {fix}" if outcome.difference else fix
    if citation.quote_text:
        hint += "; or give this cite item `says:` with the source's own wording"
    p = loaded.pos(citation.loc)
    return Diagnostic(p.path, p.line, p.column, "error", citation.where, message, hint)


def verify_sheet(folder: Path, facts: Facts, archive_dir: Path | None = None, *,
                 cache_dir: Path | None = DEFAULT_CACHE) -> tuple[Verification, list[Diagnostic]]:
    """Check a valid sheet's citations; never raises on missing or unreadable archives."""
    report = check_sheet(folder, facts, archive_dir, cache_dir=cache_dir)
    return report.verification, report.diagnostics


# --- archive-hash ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HashRecord:
    """What `archive-hash` did for one source."""

    source_id: str
    path: str
    line: int
    column: int
    action: str  # "recorded", "updated", "unchanged", "no-archive"
    digest: str | None = None
    archive: str | None = None

    def render(self) -> str:
        """Format as `path:line:col: action: source: detail`."""
        place = f"{self.path}:{self.line}:{self.column}"
        if self.action == "no-archive":
            return f"{place}: no archived copy: {self.source_id}: nothing recorded"
        assert self.digest is not None
        return f"{place}: {self.action}: {self.source_id}: archive_sha256 {self.digest} " \
               f"({self.archive})"


def record_hashes(folder: Path, archive_dir: Path | None = None
                  ) -> tuple[list[HashRecord], list[Diagnostic]]:
    """Write each source's archive SHA-256 into its YAML mapping, editing the text in place."""
    loaded = load_sheet(folder)
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if errors:
        return [], loaded.diagnostics
    records: list[HashRecord] = []
    diags: list[Diagnostic] = []
    edits: dict[str, list[tuple[int, str, str]]] = {}  # file -> (index, id, digest)
    by_shown = {display_path(p): p for p in loaded.files}
    for i, entry in enumerate(loaded.data.get("sources", [])):
        sid = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(sid, str):
            continue
        pos = loaded.pos(("sources", i))
        paths = find_archive(folder, sid, archive_dir)
        if not paths:
            records.append(HashRecord(sid, pos.path, pos.line, pos.column, "no-archive"))
            continue
        try:
            archive = read_archive(sid, paths[0])
        except ArchiveError as exc:
            diags.append(loaded.error(("sources", i), where(("sources", i)),
                                      f"{exc.path}: {exc.message}", "save it as UTF-8 text"))
            continue
        old = entry.get("archive_sha256")
        action = ("unchanged" if old == archive.sha256 else
                  "updated" if ("sources", i, "archive_sha256") in loaded.values else "recorded")
        records.append(HashRecord(sid, pos.path, pos.line, pos.column, action, archive.sha256,
                                  archive.shown))
        if action != "unchanged":
            edits.setdefault(pos.path, []).append((i, sid, archive.sha256))
    failed: set[str] = set()
    for shown, wanted in edits.items():
        path = by_shown.get(shown)
        if path is None:
            continue
        try:
            file_diags, file_failed = _edit_file(path, loaded, wanted)
        except OSError as exc:
            file_diags = [Diagnostic(shown, 1, 1, "error", "sources",
                                     f"cannot write the file: {exc.strerror}",
                                     "check the file's permissions")]
            file_failed = {sid for _, sid, _ in wanted}
        diags.extend(file_diags)
        failed |= file_failed
    records = [replace(r, action="failed") if r.source_id in failed else r for r in records]
    return records, diags


def _edit_file(path: Path, loaded: Loaded, wanted: list[tuple[int, str, str]]
               ) -> tuple[list[Diagnostic], set[str]]:
    """Record the hashes in one file; return diagnostics and the ids not recorded."""
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3 if bom else 0:].decode("utf-8")
    lines = text.splitlines(keepends=True)
    diags: list[Diagnostic] = []
    done: list[tuple[str, str]] = []
    failed: set[str] = set()
    # Bottom-up, so an inserted line never moves a mapping still to be edited.
    for i, sid, digest in sorted(wanted, key=lambda w: -loaded.pos(("sources", w[0])).line):
        problem = _edit_lines(lines, loaded, i, digest)
        if problem:
            diags.append(loaded.error(("sources", i), where(("sources", i)), problem,
                                      f"add `archive_sha256: {digest}` to it by hand"))
            failed.add(sid)
        else:
            done.append((sid, digest))
    if not done:
        return diags, failed
    new = "".join(lines)
    # Never write a file that no longer says what we meant it to.
    try:
        data = yaml.safe_load(new)
        entries = {e.get("id"): e for e in data.get("sources", []) if isinstance(e, dict)}
        ok = all(entries.get(sid, {}).get("archive_sha256") == digest for sid, digest in done)
    except (yaml.YAMLError, AttributeError, TypeError):
        ok = False
    if not ok:
        shown = display_path(path)
        return [*diags, Diagnostic(
            shown, 1, 1, "error", "sources",
            "could not record the hashes without changing the file's meaning; "
            "the file is left as it was", "add the archive_sha256 lines by hand")], \
            failed | {sid for _, sid, _ in wanted}
    write_atomic(path, (b"\xef\xbb\xbf" if bom else b"") + new.encode("utf-8"))
    return diags, failed


_SCALAR_RE = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|[^\s#]+")


def _edit_lines(lines: list[str], loaded: Loaded, i: int, digest: str) -> str | None:
    """Replace or insert the `archive_sha256` line of source `i`; return a problem or None."""
    loc: Loc = ("sources", i, "archive_sha256")
    value = loaded.pos(loc) if loc in loaded.values else None
    if value is not None:
        row = lines[value.line - 1]
        col = value.column - 1
        m = _SCALAR_RE.match(row, col)
        if m is None:
            return "cannot find the current archive_sha256 value on its line"
        lines[value.line - 1] = row[: m.start()] + digest + row[m.end():]
        return None
    start = loaded.pos(("sources", i))
    if start.line > len(lines):
        return "cannot find this source in its file"
    first = lines[start.line - 1]
    indent = start.column - 1
    if first[indent: indent + 1] in ("{", "["):
        return "this source is written as a `{...}` mapping, which is not edited automatically"
    last = start.line - 1  # 0-based index of the mapping's last content line
    for k in range(start.line, len(lines)):
        stripped = lines[k].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if len(lines[k]) - len(lines[k].lstrip(" ")) < indent:
            break
        last = k
    newline = "\r\n" if lines[last].endswith("\r\n") else "\n"
    if not lines[last].endswith("\n"):
        lines[last] += newline
    lines.insert(last + 1, " " * indent + f"archive_sha256: {digest}{newline}")
    return None
