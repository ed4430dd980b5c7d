"""Reading the small text formats of the codings import safely: UTF-8 only, bounded cells, one delimiter.

Shared by the tidy codings CSV (:mod:`analysis.qual.tidy_csv`) and the case mapping CSV
(:mod:`analysis.qual.case_mapping`).
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterator
from pathlib import Path

from analysis.qual.errors import CodingFileError

# One cell of a codings file is at most a quoted segment; a million characters is some 300 pages,
# far beyond any segment, and bounds what one hostile cell can cost.
MAX_CELL_CHARS = 1_000_000
DELIMITERS = (",", ";", "\t")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def refuse_utf16(path: Path, head: bytes) -> None:
    """Refuse a file whose first bytes are a UTF-16 byte order mark."""
    if head.startswith(_UTF16_BOMS):
        raise CodingFileError(f"{path}: the file is UTF-16, not UTF-8; re-save it as UTF-8 (in Excel: 'CSV UTF-8').")


def read_utf8(path: Path, data: bytes | None = None) -> str:
    """Decode a file as UTF-8 (BOM allowed), refusing anything else with a precise message.

    Args:
        path: the file, used in messages (and read when ``data`` is not given).
        data: the bytes, when already read.

    Returns:
        The text without BOM.

    Raises:
        CodingFileError: naming the line and byte offset of the first undecodable byte, and
            whether the file looks like Windows-1252/Latin-1.
    """
    raw = path.read_bytes() if data is None else data
    refuse_utf16(path, raw[:2])
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise utf8_error(path, raw, exc) from None


def utf8_error(path: Path, raw: bytes, exc: UnicodeDecodeError) -> CodingFileError:
    """The error for undecodable bytes in ``raw`` (a file's bytes without BOM): line, column, byte."""
    line = raw.count(b"\n", 0, exc.start) + 1
    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    bad = raw[exc.start : exc.start + 1].hex().upper()
    guess = _guess_legacy_encoding(raw, exc.start)
    return CodingFileError(
        f"{path}: not valid UTF-8 at line {line}, column {column} (byte offset {exc.start}, "
        f"byte 0x{bad}: {exc.reason}). {guess}Re-save the file as UTF-8 (in Excel: 'CSV UTF-8'); "
        "it was not decoded with a guessed encoding."
    )


def _guess_legacy_encoding(raw: bytes, position: int) -> str:
    try:
        snippet = raw[max(0, position - 20) : position + 20].decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f"It looks like Windows-1252/Latin-1 text (there it would read {snippet.strip()!r}). "


def locate_utf8_error(path: Path) -> CodingFileError:
    """Re-read a file that failed to decode while streaming, to say exactly where (error path only)."""
    raw = path.read_bytes().removeprefix(_UTF8_BOM)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return utf8_error(path, raw, exc)
    return CodingFileError(f"{path}: not valid UTF-8; re-save the file as UTF-8")


@contextlib.contextmanager
def cell_limit(limit: int = MAX_CELL_CHARS) -> Iterator[None]:
    """Let the ``csv`` module read cells up to ``limit`` characters (its default is 131,072).

    The limit is process-wide in the ``csv`` module, so it is set for the read and restored after.
    """
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def csv_error(path: Path, line: int, exc: csv.Error) -> CodingFileError:
    """Our error for a ``csv.Error`` met on ``line`` (a too long cell, a NUL byte ...)."""
    if "field larger than field limit" in str(exc):
        return CodingFileError(
            f"{path}: line {line}: a cell is longer than {MAX_CELL_CHARS:,} characters, the most this reader "
            "accepts (a segment, not a whole document); shorten it or check for an unclosed quote before it"
        )
    return CodingFileError(f"{path}: line {line}: not readable as CSV: {exc}")


def split_header(header_line: str, delimiter: str) -> list[str]:
    """The names in a header line, stripped and lower-cased."""
    return [name.strip().lower() for name in next(csv.reader([header_line], delimiter=delimiter), [])]


def detect_delimiter(header_line: str, expected: tuple[str, ...]) -> tuple[str, list[str]]:
    """The delimiter whose split of the header holds the most ``expected`` names, and that split.

    Dutch Excel saves "CSV" with semicolons, so the usual delimiters are tried.
    """
    best: tuple[int, str, list[str]] | None = None
    for delimiter in DELIMITERS:
        names = split_header(header_line, delimiter)
        found = sum(name in names for name in expected)
        if best is None or found > best[0]:
            best = (found, delimiter, names)
    assert best is not None
    return best[1], best[2]
