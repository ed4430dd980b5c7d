"""Safe opening of REFI-QDA files: :func:`open_project` is the one way in.

``open_project(path) -> Project`` opens a ``.qdpx`` (zip), a bare ``.qde`` (project XML) or a
``.qdc`` (codebook XML) and returns a :class:`Project`: the parsed XML root (``Project.root``), the
archive member it came from, and :meth:`Project.source_text` / :meth:`Project.read_member` to read
a source document's text from the archive. Every module that reads REFI-QDA data goes through it,
so that the limits below hold everywhere. Files come from outside the project and are read
defensively:

- the XML goes through ``defusedxml`` with DTDs forbidden (no entity expansion, no external
  entities); its nesting depth is checked while parsing (:data:`MAX_XML_DEPTH`), and the line of
  every element is kept for messages (:meth:`Project.at`);
- zip members are read in memory only; a member with an absolute or ``..`` path, an encrypted
  member, or one packed with a method Python cannot unpack (deflate64, ...) refuses the whole file
  with a message instead of a ``RuntimeError``/``NotImplementedError``;
- every member is read with a byte cap (:data:`MAX_XML_BYTES`, :data:`MAX_SOURCE_BYTES`, together
  :data:`MAX_TOTAL_BYTES`), compared with its declared size, and refused when it expands more than
  :data:`MAX_COMPRESSION_RATIO` times its packed size while being larger than
  :data:`RATIO_CHECK_FROM_BYTES` (a zip bomb; genuine exports compress text about 3-10 times).

Every problem is a :class:`~analysis.qual.errors.CodingFileError` whose message starts with the
file (and member) name.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from analysis.qual.errors import CodingFileError

MAX_XML_BYTES = 256 * 1024 * 1024
MAX_SOURCE_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_FROM_BYTES = 50 * 1024 * 1024
# A real project nests codes a few levels deep (ATLAS.ti groups, NVivo hierarchies); 200 leaves
# ample room and keeps every walk over the tree far from Python's recursion limit.
MAX_XML_DEPTH = 200

REFI_SUFFIXES: tuple[str, ...] = (".qdpx", ".qde", ".qdc")
# Methods the standard library unpacks; anything else (deflate64 = 9, PPMd = 98, ...) would raise
# NotImplementedError deep inside zipfile.
_READABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_ENCRYPTED_FLAG = 0x1


@dataclass
class Project:
    """An opened REFI-QDA file: its parsed XML and, for a ``.qdpx``, access to its members.

    Use it as a context manager (or call :meth:`close`) so that the archive is closed.

    Attributes:
        path: the file that was opened.
        root: the parsed root element (``<Project>`` for ``.qdpx``/``.qde``, ``<CodeBook>`` for ``.qdc``).
        member: the archive member the XML came from (``None`` for a bare XML file).
        undecodable: source members that were not UTF-8 (their text reads as ``None``).
    """

    path: Path
    root: Element
    member: str | None = None
    lines: dict[int, int] = field(default_factory=dict, repr=False)
    undecodable: list[str] = field(default_factory=list)
    _archive: zipfile.ZipFile | None = field(default=None, repr=False)
    _members: dict[str, str] = field(default_factory=dict, repr=False)
    _texts: dict[str, str | None] = field(default_factory=dict, repr=False)
    _bytes_read: int = field(default=0, repr=False)

    @property
    def where(self) -> str:
        """The file (and member) for messages: ``x.qdpx (member project.qde)``."""
        return f"{self.path} (member {self.member})" if self.member else str(self.path)

    def line_of(self, element: Element) -> int | None:
        """The line of the XML on which ``element`` starts (``None`` for an element not from this file)."""
        return self.lines.get(id(element))

    def at(self, element: Element) -> str:
        """``<Tag> on line N`` for messages that name an element."""
        line = self.line_of(element)
        return f"<{local_name(element)}> on line {line}" if line else f"<{local_name(element)}>"

    @property
    def has_archive(self) -> bool:
        """True for a ``.qdpx``, whose source documents can be read."""
        return self._archive is not None

    def read_member(self, name: str, cap: int = MAX_SOURCE_BYTES) -> bytes | None:
        """The bytes of an archive member, found case-insensitively (``sources/`` vs ``Sources/``).

        Args:
            name: the member path inside the archive.
            cap: the largest size accepted for this member.

        Returns:
            The bytes, or ``None`` when there is no archive or no such member.

        Raises:
            CodingFileError: the member is too large, a zip bomb, encrypted, or damaged, or all
                members read so far add up to more than :data:`MAX_TOTAL_BYTES`.
        """
        if self._archive is None:
            return None
        member = self._members.get(name.lower())
        if member is None:
            return None
        data = read_member(self.path, self._archive, member, cap)
        self._bytes_read += len(data)
        if self._bytes_read > MAX_TOTAL_BYTES:
            raise CodingFileError(f"{self.path}: the members read add up to more than {MAX_TOTAL_BYTES} bytes; refused")
        return data

    def source_text(self, plain_text_path: str | None) -> str | None:
        """The plain text of a source, from its ``plainTextPath`` attribute (cached).

        ``internal://X.txt`` is the norm; qc writes a bare relative ``X.txt``. Both are looked up
        under ``sources/`` in the archive.

        Args:
            plain_text_path: the source's ``plainTextPath``.

        Returns:
            The text (UTF-8, BOM removed), or ``None`` when there is no archive, the path is
            external or missing, or the bytes are not UTF-8 (then it is listed in ``undecodable``).
        """
        if not plain_text_path:
            return None
        if plain_text_path not in self._texts:
            self._texts[plain_text_path] = self._load_text(plain_text_path)
        return self._texts[plain_text_path]

    def _load_text(self, plain_text_path: str) -> str | None:
        name = plain_text_path.removeprefix("internal://")
        if "://" in name:
            return None
        member = f"sources/{name}"
        data = self.read_member(member)
        if data is None:
            return None
        try:
            return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError:
            self.undecodable.append(self._members[member.lower()])
            return None

    def close(self) -> None:
        """Close the archive (if any)."""
        if self._archive is not None:
            self._archive.close()
            self._archive = None

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def open_project(path: str | Path) -> Project:
    """Open a REFI-QDA file safely and parse its XML.

    Args:
        path: a ``.qdpx`` project archive, a bare ``.qde`` project XML or a ``.qdc`` codebook.

    Returns:
        The opened project; close it (or use ``with``) when done.

    Raises:
        CodingFileError: not a REFI-QDA file, unreadable, unsafe, too large or too deeply nested;
            the message starts with the file (and member) name.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REFI_SUFFIXES:
        raise CodingFileError(f"{path}: not a REFI-QDA file (.qdpx, .qde or .qdc)")
    expected_root = "CodeBook" if suffix == ".qdc" else "Project"
    if suffix != ".qdpx":
        root, lines = parse_xml(path, read_capped_file(path, MAX_XML_BYTES))
        check_root(path, root, expected_root)
        return Project(path=path, root=root, lines=lines)
    archive = open_zip(path)
    try:
        member = find_project_member(path, archive)
        root, lines = parse_xml(path, read_member(path, archive, member, MAX_XML_BYTES), member)
        check_root(path, root, expected_root)
    except BaseException:
        archive.close()
        raise
    members = {info.filename.lower(): info.filename for info in archive.infolist()}
    return Project(path=path, root=root, member=member, lines=lines, _archive=archive, _members=members)


# --- bytes ---------------------------------------------------------------------------------------


def read_capped_file(path: Path, cap: int) -> bytes:
    """Read a whole file, refusing it when it is larger than ``cap`` bytes."""
    try:
        size = path.stat().st_size
        if size > cap:
            raise CodingFileError(f"{path}: {size} bytes is more than the {cap} this reader accepts")
        return path.read_bytes()
    except OSError as exc:
        raise CodingFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None


def open_zip(path: Path) -> zipfile.ZipFile:
    """Open a zip and refuse it when any member is unsafe (path, encryption, packing method)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError) as exc:
        raise CodingFileError(f"{path}: not a readable zip archive (truncated or corrupt?): {exc}") from None
    except OSError as exc:
        raise CodingFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    try:
        for info in archive.infolist():
            _check_member(path, info)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_member(path: Path, info: zipfile.ZipInfo) -> None:
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in PurePosixPath(name).parts:
        raise CodingFileError(
            f"{path}: refused: zip member {info.filename!r} has an absolute or '..' path; "
            "a genuine QDA export never does"
        )
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise CodingFileError(
            f"{path}: refused: zip member {info.filename!r} is encrypted (password-protected); "
            "export the project again without a password"
        )
    if info.compress_type not in _READABLE_METHODS:
        raise CodingFileError(
            f"{path}: refused: zip member {info.filename!r} is packed with compression method "
            f"{info.compress_type}, which this reader cannot unpack (only stored, deflate, bzip2, lzma); "
            "re-zip the export with ordinary deflate compression"
        )


def find_project_member(path: Path, archive: zipfile.ZipFile) -> str:
    """The single top-level ``*.qde`` of a ``.qdpx`` (ATLAS.ti names it after the project)."""
    candidates = [
        i.filename for i in archive.infolist() if i.filename.lower().endswith(".qde") and "/" not in i.filename
    ]
    if not candidates:
        raise CodingFileError(f"{path}: no project XML (*.qde) at the top of the archive; is this a REFI-QDA .qdpx?")
    if len(candidates) > 1:
        raise CodingFileError(f"{path}: several project XML entries ({', '.join(candidates)}); expected one")
    return candidates[0]


def read_member(path: Path, archive: zipfile.ZipFile, member: str, cap: int) -> bytes:
    """Read one member with a size cap, a compression-ratio limit and a check of its declared size.

    Raises:
        CodingFileError: too large, a zip bomb, larger or smaller than declared, or damaged.
    """
    info = archive.getinfo(member)
    if info.file_size > cap:
        raise CodingFileError(f"{path}: member {member!r} declares {info.file_size} bytes, above the cap of {cap}")
    _check_ratio(path, member, info.file_size, info.compress_size)
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as handle:
            # Read past the declared size by one chunk so that a lying header is caught.
            while chunk := handle.read(1024 * 1024):
                total += len(chunk)
                if total > info.file_size:
                    raise CodingFileError(
                        f"{path}: member {member!r} holds more than its declared {info.file_size} bytes; refused"
                    )
                _check_ratio(path, member, total, info.compress_size)
                chunks.append(chunk)
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise CodingFileError(
            f"{path}: member {member!r} cannot be read (truncated or corrupt archive?): {exc}"
        ) from None
    if total != info.file_size:
        raise CodingFileError(f"{path}: member {member!r} has {total} bytes but declares {info.file_size}")
    return b"".join(chunks)


def _check_ratio(path: Path, member: str, unpacked: int, packed: int) -> None:
    if unpacked > RATIO_CHECK_FROM_BYTES and unpacked > MAX_COMPRESSION_RATIO * max(packed, 1):
        raise CodingFileError(
            f"{path}: refused: member {member!r} expands to more than {MAX_COMPRESSION_RATIO} times its packed "
            f"size of {packed} bytes (over {RATIO_CHECK_FROM_BYTES // (1024 * 1024)} MB unpacked); "
            "a genuine export does not compress that well (a zip bomb?)"
        )


# --- XML -----------------------------------------------------------------------------------------


def local_name(element: Element) -> str:
    """The tag without namespace: exporters write different ones (project ``1.0``, ``1:0``, ``0:4``)."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def children(element: Element, name: str) -> list[Element]:
    """The direct children with the local name ``name``."""
    return [child for child in element if local_name(child) == name]


class _LineTreeBuilder(TreeBuilder):
    """A tree builder that records each element's line and refuses trees nested too deep.

    Lines let error messages point into the file; the depth is checked while parsing, so that a
    hostile file never becomes a tree that a recursive walk could choke on.
    """

    def __init__(self, where: str) -> None:
        super().__init__()
        self.where = where
        self.parser: Any = None
        self.lines: dict[int, int] = {}
        self.depth = 0

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise CodingFileError(
                f"{self.where}: refused: <{tag.rsplit('}', 1)[-1]}> on line {self.parser.CurrentLineNumber} is "
                f"nested {self.depth} elements deep, more than the {MAX_XML_DEPTH} this reader accepts "
                "(a real project nests codes a few levels deep)"
            )
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.parser.CurrentLineNumber
        return element

    def end(self, tag: str) -> Element:
        self.depth -= 1
        return super().end(tag)


def parse_xml(path: Path, data: bytes, member: str | None = None) -> tuple[Element, dict[int, int]]:
    """Parse XML without DTDs or entities, refusing trees nested deeper than :data:`MAX_XML_DEPTH`.

    Returns:
        The root and ``id(element) -> line`` for every element.
    """
    where = f"{path} (member {member})" if member else str(path)
    builder = _LineTreeBuilder(where)
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        raise CodingFileError(
            f"{where}: refused: the XML declares a DTD or entities ({type(exc).__name__}); "
            "REFI-QDA files never need one, and they can be used to attack the reader"
        ) from None
    except ParseError as exc:
        raise CodingFileError(f"{where}: not well-formed XML: {exc}") from None
    return root, builder.lines


def check_root(path: Path, root: Element, expected: str) -> None:
    """Refuse a file whose root element is not ``expected``."""
    if local_name(root) != expected:
        raise CodingFileError(f"{path}: root element is <{local_name(root)}>, expected <{expected}>")
