"""Independence: which citations lead back to one report (a union-find over sources and names)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from factsheet.model import CiteItem, Figure, Source
from factsheet.reconcile.bounds import fold


def agencies(source: Source) -> tuple[str, ...]:
    """A source's agencies as a tuple (the field takes one name or a list)."""
    if source.agency is None:
        return ()
    return (source.agency,) if isinstance(source.agency, str) else tuple(source.agency)


Node = tuple[str, str]


class Reports:
    """Independence: which citations lead back to one report (union-find over sources, names)."""

    def __init__(self, sources: Sequence[Source]) -> None:
        self.parent: dict[Node, Node] = {}
        self.names: dict[Node, str] = {}  # a name node's spelling as first written
        self._members: dict[Node, list[Node]] | None = None
        self.publishers: dict[str, Source] = {}
        self.publisher_of = {s.id: s.publisher for s in sources}
        own: dict[str, str] = {}  # a publisher's first source of its own (no agency)
        for s in sources:
            self._find(("source", s.id))
            self.publishers.setdefault(fold(s.publisher), s)
            # One publisher or organisation is one reporter, however many reports it issues:
            # two flash updates from one UN office are not two independent counts. A wire
            # copy is the wire's report, not its publisher's own, so it joins by agency only.
            if not s.agency:
                self._union(("source", s.id),
                            ("source", own.setdefault(fold(s.publisher), s.id)))
            for name in agencies(s):
                self._union(("source", s.id), self._name(name))

    def _name(self, name: str) -> Node:
        node = ("name", fold(name))
        if node not in self.names:
            self.names[node] = " ".join(name.split())
            self._members = None
        return node

    def _find(self, node: Node) -> Node:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def _union(self, a: Node, b: Node) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def origin(self, item: CiteItem, figure: Figure | None = None) -> Node:
        """The report a citation leads back to: a relayed outlet's (`via`), else its source's."""
        via = item.via or (figure.via if figure is not None else None)
        if not via:
            return self.source(item.source)
        node = ("name", fold(via))
        if node not in self.parent and node[1] in self.publishers:
            return self.source(self.publishers[node[1]].id)  # the outlet's own article
        return self._find(self._name(via))

    def source(self, source_id: str) -> Node:
        """The report a source's own words belong to."""
        return self._find(("source", source_id))

    def of(self, figures: Iterable[Figure]) -> set[Node]:
        """The independent reports behind some figures."""
        return {self.origin(c, f) for f in figures for c in f.cite}

    def name(self, root: Node) -> str:
        """A report's name for readers: its agencies joined by slashes, else its publisher."""
        if self._members is None:
            self._members = {}
            for node in list(self.parent):
                self._members.setdefault(self._find(node), []).append(node)
        members = self._members.get(root, [root])
        names = [self.names[n] for n in members if n in self.names]
        if names:
            return "/".join(names)
        return next((self.publisher_of[n[1]] for n in members if n[0] == "source"), root[1])

    def sources(self, sources: Sequence[Source]) -> list[list[Source]]:
        """Sources grouped into independent reports, in first-seen order."""
        out: dict[Node, list[Source]] = {}
        for s in sources:
            out.setdefault(self._find(("source", s.id)), []).append(s)
        return list(out.values())


def independent_reports(sources: Sequence[Source]) -> list[list[str]]:
    """Source ids grouped into independent reports: sharing any agency, transitively, is one."""
    return [[s.id for s in group] for group in Reports(sources).sources(sources)]
