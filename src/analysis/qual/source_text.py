"""The text behind a coding: selection offsets turned into the words of the source document.

REFI-QDA selections carry ``startPosition``/``endPosition`` as offsets into the source's plain
text, but the exporting programs do not count alike (see ``qda-samples/PROVENANCE.md``):

- **NVivo** counts UTF-16 code units (as .NET strings do), so a character outside the Basic
  Multilingual Plane (an emoji, some CJK) counts twice; Python strings count code points.
- the other programs seen (qc, QualCoder, MAXQDA, ATLAS.ti, Taguette) count Unicode code points.
- line ends are counted as stored in the source text (CRLF is two characters) unless a
  convention says otherwise (``newline="lf"``: CRLF counts as one).

:func:`offset_convention` names the convention of a program from the project's ``origin``
attribute, and :func:`selection_text` cuts a selection out of a text under a convention.
:func:`read_source_texts` reads every source's plain text from an opened project (through
:func:`analysis.qual.archive.open_project`, the one safe way into an archive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

import numpy as np

from analysis.qual.archive import Project, children, local_name

OffsetUnit = Literal["codepoint", "utf16"]
NewlineRule = Literal["as_stored", "lf"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SOURCE_TAGS = {"TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource"}


@dataclass(frozen=True)
class OffsetConvention:
    """How a program counts selection offsets.

    Attributes:
        unit: ``codepoint`` (Python ``str`` indices) or ``utf16`` (UTF-16 code units).
        newline: ``as_stored`` (CRLF is two characters) or ``lf`` (CRLF counts as one).
        program: the program the convention was chosen for (``""`` when unknown).
    """

    unit: OffsetUnit = "codepoint"
    newline: NewlineRule = "as_stored"
    program: str = ""


#: Programs whose offsets are not code points, matched case-insensitively at the start of ``origin``.
_CONVENTIONS: dict[str, OffsetConvention] = {
    "nvivo": OffsetConvention(unit="utf16", newline="as_stored", program="NVivo"),
}


def offset_convention(origin: str) -> OffsetConvention:
    """The offset convention of the program named in a REFI-QDA ``origin`` attribute.

    Args:
        origin: e.g. ``"NVivo for Mac 15.0.0"`` or ``"qc 1.3.2"`` (free text).

    Returns:
        UTF-16 code units for NVivo, code points for every other program.
    """
    folded = origin.strip().casefold()
    for prefix, convention in _CONVENTIONS.items():
        if folded.startswith(prefix):
            return convention
    return OffsetConvention(program=origin.strip())


def utf16_to_codepoint(text: str, offsets: np.ndarray | list[int]) -> np.ndarray:
    """Convert offsets counted in UTF-16 code units into code-point offsets of ``text``.

    An offset that falls between the two halves of a surrogate pair is moved to the start of
    that character (a selection never splits a character in the program that made it).

    Args:
        text: the source text as a Python string.
        offsets: UTF-16 offsets, ``0 <= offset <= utf16 length of text``.

    Returns:
        The code-point offsets, as an integer array.
    """
    positions = np.asarray(offsets, dtype="int64")
    if not _ASTRAL.search(text):
        return positions
    widths = np.fromiter((2 if ord(ch) > 0xFFFF else 1 for ch in text), dtype="int64", count=len(text))
    # ends[i] is the UTF-16 offset just after code point i; side="right" counts whole characters.
    ends = np.cumsum(widths)
    return np.searchsorted(ends, positions, side="right").astype("int64")


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units."""
    return len(text) + len(_ASTRAL.findall(text))


def selection_text(
    text: str | None,
    start: int | None,
    end: int | None,
    convention: OffsetConvention | None = None,
) -> str | None:
    """The words of a selection ``[start, end)`` in ``text`` under an offset convention.

    Args:
        text: the source's plain text, or ``None`` when it is not available.
        start: first offset (inclusive).
        end: last offset (exclusive).
        convention: how the offsets count; default: code points, line ends as stored.

    Returns:
        The selected text, or ``None`` when there is no text, no offsets, or the range does not
        fit the text under the convention (never a wrong slice).
    """
    if text is None or start is None or end is None or start < 0 or end < start:
        return None
    convention = convention or OffsetConvention()
    if convention.newline == "lf":
        text = text.replace("\r\n", "\n")
    if convention.unit == "utf16":
        if end > utf16_length(text):
            return None
        start, end = (int(x) for x in utf16_to_codepoint(text, [start, end]))
    elif end > len(text):
        return None
    return text[start:end]


def read_source_texts(project: Project) -> dict[str, str | None]:
    """The plain text of every source of an opened project, by document name.

    The document name follows the codings reader: the source's ``name``, else the file name of
    its ``plainTextPath``, else its GUID; so the result can be handed to
    :func:`analysis.qual.quotes.exemplar_quotes` as ``source_texts``.

    Args:
        project: from :func:`analysis.qual.archive.open_project` (texts need a ``.qdpx``).

    Returns:
        ``document -> text``; ``None`` for a source whose text is not in the archive or not UTF-8.
        NVivo keeps some texts only in the ``.docx`` (its ``.txt`` is one byte); those sources
        get their ``.txt`` as stored, which is too short for any selection, so
        :func:`selection_text` returns ``None`` for them instead of a wrong slice.
    """
    texts: dict[str, str | None] = {}
    for sources in children(project.root, "Sources"):
        for source in sources:
            if local_name(source) not in _SOURCE_TAGS:
                continue
            plain_path = source.get("plainTextPath")
            document = (
                source.get("name") or (PurePosixPath(plain_path).name if plain_path else "") or source.get("guid")
            )
            if document:
                texts[document] = project.source_text(plain_path)
    return texts
