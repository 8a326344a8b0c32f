"""A long PDF's objects kept as bytes as they are finished, and written without copies."""

from __future__ import annotations

import hashlib
import io
import zlib
from math import ceil, log
from typing import Any

import pydyf

# A 2,000-figure sheet has about 400,000 PDF objects (WeasyPrint tags every run of text).
# As pydyf dictionaries they take 1.5 KB each; sealed, about 150 bytes. pydyf.PDF.write
# then joins every object twice (the object stream, and the file identifier's hash): 140 MB
# at once. SealedPDF.write streams both.


class Sealed:
    """A finished PDF object kept as its bytes, not as Python dictionaries and lists."""

    # What a PDF writer reads of an object, in slots: a page leaves hundreds of these.
    __slots__ = ("_data", "_stream", "free", "generation", "number", "offset")

    def __init__(self, done: Any) -> None:
        self.number, self.generation, self.offset, self.free = done.number, 0, 0, "n"
        self._data: bytes = done.data
        self._stream = isinstance(done, pydyf.Stream)

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def indirect(self) -> bytes:
        return f"{self.number} 0 obj\n".encode() + self._data + b"\nendobj"

    @property
    def compressible(self) -> bool:
        return not self._stream


class Keyed(Sealed):
    """A sealed link annotation whose StructParent key is known only when the PDF ends."""

    __slots__ = ("_tail", "key")
    _MARK = b"/StructParent 999999999999"

    def __init__(self, done: Any) -> None:
        done["StructParent"] = int(self._MARK.split()[1])
        super().__init__(done)
        self._data, _, self._tail = self._data.partition(self._MARK)
        self.key = -1

    @property
    def data(self) -> bytes:
        if self.key < 0:  # a link the structure tree never took: it has no key, as whole
            return self._data + self._tail
        return self._data + b"/StructParent %d" % self.key + self._tail


_FINISHED = ("/StructElem", "/OBJR")


def seal(pdf: Any, since: int, *streams: Any) -> dict[int, Keyed]:
    """Turn the objects a page added into bytes; the link annotations sealed, by id."""
    # A page's structure elements are complete once its tree is built (they point to their
    # parents by reference). A link's StructParent comes last: it is Keyed.
    sealed = {id(s) for s in streams}
    links: dict[int, Keyed] = {}
    for i in range(since, len(pdf.objects)):
        done = pdf.objects[i]
        if done.generation or not (id(done) in sealed or isinstance(done, pydyf.Dictionary)):
            continue
        if id(done) in sealed or done.get("Type") in _FINISHED:
            pdf.objects[i] = Sealed(done)
            if pdf.objects[i].compressible:
                pdf.pack(i)
        elif done.get("Subtype") == "/Link" and "StructParent" not in done:
            pdf.objects[i] = links[id(done)] = Keyed(done)
    return links


class _Packed:
    """An object already written into an object stream: where, for the cross-references."""

    __slots__ = ("index", "number", "stream")
    free, generation, offset, compressible = "n", 0, 0, False

    def __init__(self, number: int, stream: int, index: int) -> None:
        self.number, self.stream, self.index = number, stream, index


class SealedPDF(pydyf.PDF):  # type: ignore[misc]
    """pydyf.PDF that packs sealed objects into object streams as they come, and streams."""

    BATCH = 4096  # objects per object stream: a sealed object then costs 56 bytes

    def __init__(self) -> None:
        super().__init__()
        self._pending: list[int] = []  # indexes in `objects` of sealed, unpacked objects
        self._hash = hashlib.md5(usedforsecurity=False)  # of packed objects, as packed

    def pack(self, i: int) -> None:
        """Put the sealed object at `objects[i]` into the next object stream."""
        self._pending.append(i)
        if len(self._pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        batch = [self.objects[i] for i in self._pending]
        stream = self._object_stream(batch)
        self.add_object(stream)
        for index, (i, thing) in enumerate(zip(self._pending, batch, strict=True)):
            self._hash.update(thing.data)
            self.objects[i] = _Packed(thing.number, stream.number, index)
        self._pending = []

    def write(self, output: Any, version: Any = b"1.7", identifier: Any = False,
              compress: bool = True) -> None:
        """pydyf.PDF.write's compressed branch (PDF 1.5 and later), object by object."""
        assert compress and identifier not in (False, True, None)
        version = pydyf._to_bytes(version or b"1.7")
        identifier = pydyf._to_bytes(identifier)
        if self.info:
            self.add_object(self.info)
        self.write_line(b"%PDF-" + version, output)
        self.write_line(b"%\xf0\x9f\x96\xa4", output)
        if self._pending:
            self._flush()
        packed = []
        for thing in self.objects:
            if thing.free == "f" or isinstance(thing, _Packed):
                continue
            if thing.compressible:
                packed.append(thing)
            else:
                thing.offset = self.current_position
                self.write_line(thing.indirect, output)
        objects = self._object_stream(packed)
        objects.offset = self.current_position
        self.add_object(objects)
        self.write_line(objects.indirect, output)
        self._xref(packed, objects, identifier, output)
        self.write_line(b"startxref", output)
        self.write_line(f"{self.xref_position}".encode(), output)
        self.write_line(b"%%EOF", output)

    def _object_stream(self, packed: list[Any]) -> Any:
        """One compressed object stream of `packed`, compressed object by object."""
        # Bytes as they come, not lists of numbers or tuples: 400,000 objects make 70 MB of
        # Python integers and tuples.
        index, position = bytearray(), 0
        for thing in packed:
            index += b"%d %d " % (thing.number, position)
            position += len(thing.data) + 1
        del index[-1:]
        header = bytes(index)
        del index
        squeeze = zlib.compressobj(level=9)
        body = bytearray(squeeze.compress(header))
        for thing in packed:
            body += squeeze.compress(b"\n")
            body += squeeze.compress(thing.data)
        body += squeeze.flush()
        extra = pydyf.Dictionary({"Type": "/ObjStm", "N": len(packed),
                                  "First": len(header) + 1, "Filter": "/FlateDecode"})
        extra["Length"] = len(body)
        return _Raw(b"\n".join((extra.data, b"stream", body, b"endstream")))

    def _xref(self, packed: list[Any], objects: Any, identifier: bytes, output: Any) -> None:
        """The cross-reference stream, with pydyf's hash of every object as the file ID."""
        widths = (1, ceil(log(self.current_position + 1, 256)),
                  ceil(log(max(max(t.generation for t in self.objects), len(packed),
                               self.BATCH) + 1, 256)))
        table, order = bytearray(), 0

        def line(*values: int) -> None:
            for width, value in zip(widths, values, strict=True):
                table.extend(value.to_bytes(width, "big"))

        for thing in self.objects:
            if isinstance(thing, _Packed):
                line(2, thing.stream, thing.index)
            elif thing is not objects and thing.free != "f" and thing.compressible:
                line(2, objects.number, order)
                order += 1
            else:
                line(bool(thing.number), thing.offset, thing.generation)
        line(1, self.current_position, 0)
        digest = self._hash  # pydyf hashes every object's bytes; packed ones went in as packed
        for thing in self.objects:
            if thing.free != "f" and not isinstance(thing, _Packed):
                digest.update(thing.data)
        extra = {"Type": "/XRef", "Index": pydyf.Array((0, len(self.objects) + 1)),
                 "W": pydyf.Array(widths), "Size": len(self.objects) + 1,
                 "Root": self.catalog.reference,
                 "ID": pydyf.Array((pydyf.String(identifier).data,
                                    pydyf.String(digest.hexdigest().encode()).data))}
        if self.info:
            extra["Info"] = self.info.reference
        stream = pydyf.Stream([bytes(table)], extra, True)
        self.xref_position = stream.offset = self.current_position
        self.add_object(stream)
        self.write_line(stream.indirect, output)


class _Raw(pydyf.Object):  # type: ignore[misc]
    """An object whose bytes were made by hand (the object stream)."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = data

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def compressible(self) -> bool:
        return False  # a stream: never inside another object stream


def written(pdf: SealedPDF, version: Any, identifier: bytes) -> bytes:
    """The PDF's bytes."""
    out = io.BytesIO()
    pdf.write(out, version, identifier, True)
    return out.getvalue()
