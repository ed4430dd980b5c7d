"""The tidy codings CSV: one row per code per segment per coder, read as a stream.

Columns: ``gm_code, document, segment_id, code_id, coder`` (required) and ``segment_text, start,
end`` (optional); other columns are skipped unread. The file must be UTF-8 (a BOM is allowed).
Leading lines starting with ``#`` are comments; a comment containing ``ILLUSTRATIVE`` (or
``ILLUSTRATIEF``) marks the file as made-up example data.

The file is read line by line and only the needed cells are kept: repeated texts (municipality,
document, code, coder) are stored once with a small integer per row, so memory grows with the
distinct values, not with the rows. A file may hold at most :data:`MAX_ROWS` codings and a cell at
most :data:`~analysis.qual.csv_files.MAX_CELL_CHARS` characters; beyond either the read stops with
a message naming the file and line.
"""

from __future__ import annotations

import csv
import re
from array import array
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.qual.codebook import Codebook
from analysis.qual.coding_import import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    CodingImport,
    check_codings,
    parse_position,
    printable,
)
from analysis.qual.csv_files import cell_limit, csv_error, detect_delimiter, locate_utf8_error, refuse_utf16
from analysis.qual.errors import CodingFileError

# Twenty municipalities with a few thousand codings each make some 10^5 rows; five million leaves
# room for any real study and stops a runaway export before it exhausts memory.
MAX_ROWS = 5_000_000
_ILLUSTRATIVE_MARK = re.compile(r"ILLUSTRATI(VE|EF)", re.IGNORECASE)
_MISSING = -1  # start/end not given (positions are >= 0)


class _Column:
    """One text column, each distinct value stored once and a 32-bit index per row."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.codes = array("i")

    def add(self, value: str) -> None:
        self.codes.append(self.index.setdefault(value, len(self.index)))

    def series(self) -> pd.Series:
        values = np.array(list(self.index), dtype=object)
        return pd.Series(values[np.frombuffer(self.codes, dtype=np.int32)] if len(self.codes) else [], dtype=object)


def read_tidy_csv(path: str | Path, codebook: Codebook, municipalities: Mapping[str, str]) -> CodingImport:
    """Import a tidy codings CSV (comma-, semicolon- or tab-separated, UTF-8).

    Args:
        path: the CSV file.
        codebook: the codebook to check ``code_id`` against.
        municipalities: ``gm_code -> name`` of every valid municipality.

    Returns:
        The import; row numbers are physical lines in the file (header = line 1 when there are
        no comment lines).

    Raises:
        CodingFileError: not UTF-8, no header, required columns missing or doubled, a cell longer
            than the cell limit, more than :data:`MAX_ROWS` codings, or not readable as CSV.
    """
    path = Path(path)
    try:
        with path.open("rb") as probe:
            refuse_utf16(path, probe.read(2))
        with path.open(encoding="utf-8-sig", newline="") as handle, cell_limit():
            return _read(path, handle, codebook, municipalities)
    except UnicodeDecodeError:
        raise locate_utf8_error(path) from None
    except OSError as exc:
        raise CodingFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None


def _read(path: Path, handle, codebook: Codebook, municipalities: Mapping[str, str]) -> CodingImport:  # noqa: ANN001
    comments = 0
    is_illustrative = False
    header_line = handle.readline()
    while header_line.lstrip().startswith("#"):
        is_illustrative = is_illustrative or bool(_ILLUSTRATIVE_MARK.search(header_line))
        comments += 1
        header_line = handle.readline()
    if not header_line.strip():
        raise CodingFileError(f"{path}: no header line; expected columns {', '.join(REQUIRED_COLUMNS)}")
    delimiter, header = detect_delimiter(header_line.rstrip("\r\n"), REQUIRED_COLUMNS)
    _check_header(path, header, comments + 1)

    notes: list[str] = []
    if delimiter != ",":
        notes.append(f"the file is separated by {delimiter!r}, not by commas")
    extra = [h for h in header if h not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if extra:
        notes.append(f"column(s) not used: {', '.join(printable(repr(h)) for h in extra)}")

    wanted = {name: header.index(name) for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if name in header}
    required = [(wanted[name], _Column()) for name in REQUIRED_COLUMNS]
    text_at = wanted.get("segment_text")
    start_at, end_at = wanted.get("start"), wanted.get("end")
    segment_text: list[str] = []
    starts, ends, lines = array("q"), array("q"), array("q")
    problems: dict[int, tuple[list[str], list[str], bool]] = {}  # row number -> kinds, reasons, explains all
    n_fields = len(header)
    header_at = comments + 1
    reader = csv.reader(handle, delimiter=delimiter)
    blank = 0
    previous_end = 0
    line = header_at + 1
    try:
        for cells in reader:
            line = header_at + previous_end + 1
            previous_end = reader.line_num
            if not "".join(cells).strip():
                blank += 1
                continue
            if len(lines) >= MAX_ROWS:
                raise CodingFileError(
                    f"{path}: line {line}: more than {MAX_ROWS:,} codings, the most one file may hold; "
                    "split the file or check that it is a codings file"
                )
            kinds: list[str] = []
            reasons: list[str] = []
            if len(cells) > n_fields:
                kinds.append("bad_row")
                reasons.append(
                    f"{len(cells)} fields but the header has {n_fields} (an unquoted {delimiter!r} in a cell?)"
                )
            elif len(cells) < n_fields:
                cells += [""] * (n_fields - len(cells))
            for at, column in required:
                column.add(cells[at].strip())
            segment_text.append(cells[text_at] if text_at is not None else "")
            start = _position(cells, start_at, "start", kinds, reasons)
            end = _position(cells, end_at, "end", kinds, reasons)
            if start != _MISSING and end != _MISSING and start > end:
                kinds.append("bad_position")
                reasons.append(f"start {start} is after end {end}")
            starts.append(start)
            ends.append(end)
            if kinds:
                problems[len(lines)] = (kinds, reasons, "bad_row" in kinds)
            lines.append(line)
    except csv.Error as exc:
        raise csv_error(path, header_at + reader.line_num, exc) from None
    if blank:
        notes.append(f"{blank} empty line(s) skipped (no cells filled)")
    frame = _frame(required, segment_text, starts, ends, lines, problems)
    return check_codings(
        frame,
        codebook=codebook,
        municipalities=municipalities,
        source=str(path),
        is_illustrative=is_illustrative,
        notes=notes,
    )


def _check_header(path: Path, header: list[str], line: int) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        found = ", ".join(printable(h) for h in header if h) or "nothing"
        raise CodingFileError(
            f"{path}: missing required column(s) {', '.join(missing)} in the header on line {line} (found: {found})"
        )
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise CodingFileError(f"{path}: column(s) {', '.join(duplicates)} appear more than once in the header")


def _position(cells: list[str], at: int | None, name: str, kinds: list[str], reasons: list[str]) -> int:
    if at is None or not cells[at]:
        return _MISSING
    value, problem = parse_position(cells[at], name)
    if problem:
        kinds.append("bad_position")
        reasons.append(problem)
    return _MISSING if value is None else value


def _frame(
    required: list[tuple[int, _Column]],
    segment_text: list[str],
    starts: array,
    ends: array,
    lines: array,
    problems: Mapping[int, tuple[list[str], list[str], bool]],
) -> pd.DataFrame:
    n_rows = len(lines)
    frame = pd.DataFrame({name: column.series() for name, (_, column) in zip(REQUIRED_COLUMNS, required, strict=True)})
    frame["segment_text"] = pd.Series(segment_text, dtype=object)
    for name, values in (("start", starts), ("end", ends)):
        numbers = np.frombuffer(values, dtype=np.int64) if n_rows else np.zeros(0, dtype=np.int64)
        frame[name] = pd.arrays.IntegerArray(numbers, numbers == _MISSING)
    rows = np.frombuffer(lines, dtype=np.int64) if n_rows else np.zeros(0, dtype=np.int64)
    frame["row"] = pd.array(rows, dtype="Int64")
    frame["location"] = "line " + pd.Series(rows, dtype="int64").astype(str)
    prior_kind = np.full(n_rows, "", dtype=object)
    prior_reason = np.full(n_rows, "", dtype=object)
    explains_all = np.zeros(n_rows, dtype=bool)
    for index, (kinds, reasons, covers_all) in problems.items():
        prior_kind[index] = ";".join(dict.fromkeys(kinds))
        prior_reason[index] = "; ".join(reasons)
        explains_all[index] = covers_all
    frame["prior_kind"] = prior_kind
    frame["prior_reason"] = prior_reason
    frame["explains_all"] = explains_all
    frame["explains_gm"] = False
    frame["explains_code"] = False
    return frame
