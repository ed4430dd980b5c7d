"""The tidy codings CSV: one row per code per segment per coder, read as a stream.

Columns: ``gm_code, document, segment_id, code_id, coder`` (required) and ``segment_text, start,
end`` (optional); other columns are skipped unread. The file must be UTF-8 (a BOM is allowed).
Leading lines starting with ``#`` are comments; a comment containing ``ILLUSTRATIVE`` (or
``ILLUSTRATIEF``) marks the file as made-up example data.

The file is read as a stream, :data:`CHUNK_ROWS` rows at a time; each chunk becomes typed columns
(pandas' compact string type, nullable integers) before the next is read, and only the needed
columns are kept. The checks then run column-wise (:func:`~analysis.qual.coding_import.check_codings`),
so memory and time grow with the file but stay far from one Python object per cell. A file may hold
at most :data:`MAX_ROWS` codings and a cell at most
:data:`~analysis.qual.csv_files.MAX_CELL_CHARS` characters; beyond either the read stops with a
message naming the file and line.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.qual.codebook import Codebook
from analysis.qual.coding_import import (
    MAX_POSITION,
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
# Rows are collected this many at a time and turned into typed columns, so that the Python lists
# of one chunk are all that exists of the file as Python objects.
CHUNK_ROWS = 100_000
_ILLUSTRATIVE_MARK = re.compile(r"ILLUSTRATI(VE|EF)", re.IGNORECASE)


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
    chunks: list[pd.DataFrame] = []
    n_rows = 0
    blank = 0
    header_at = comments + 1
    reader = csv.reader(handle, delimiter=delimiter)
    rows: list[list[str]] = []
    ends: list[int] = []
    last_end = 0  # the reader's line count after the previous chunk
    try:
        for cells in reader:
            rows.append(cells)
            ends.append(reader.line_num)
            if len(rows) == CHUNK_ROWS:
                chunk, n_blank = _chunk(rows, _first_lines(ends, last_end, header_at), wanted, len(header), delimiter)
                n_rows, blank = _add(path, chunks, chunk, n_rows, blank + n_blank)
                last_end = ends[-1]
                rows, ends = [], []
    except csv.Error as exc:
        raise csv_error(path, header_at + reader.line_num, exc) from None
    if rows:
        chunk, n_blank = _chunk(rows, _first_lines(ends, last_end, header_at), wanted, len(header), delimiter)
        n_rows, blank = _add(path, chunks, chunk, n_rows, blank + n_blank)
    if blank:
        notes.append(f"{blank} empty line(s) skipped (no cells filled)")
    frame = pd.concat(chunks, ignore_index=True) if chunks else _chunk([], np.zeros(0, np.int64), wanted, 0, ",")[0]
    return check_codings(
        frame,
        codebook=codebook,
        municipalities=municipalities,
        source=str(path),
        is_illustrative=is_illustrative,
        notes=notes,
    )


def _first_lines(ends: list[int], last_end: int, header_at: int) -> np.ndarray:
    # A row starts on the line after the previous row ended; quoted cells can span lines.
    previous = np.concatenate(([last_end], np.asarray(ends[:-1], dtype=np.int64)))
    return header_at + previous + 1


def _add(path: Path, chunks: list[pd.DataFrame], chunk: pd.DataFrame, n_rows: int, blank: int) -> tuple[int, int]:
    if n_rows + len(chunk) > MAX_ROWS:
        line = int(chunk["row"].iloc[MAX_ROWS - n_rows])
        raise CodingFileError(
            f"{path}: line {line}: more than {MAX_ROWS:,} codings, the most one file may hold; "
            "split the file or check that it is a codings file"
        )
    chunks.append(chunk)
    return n_rows + len(chunk), blank


def _chunk(
    rows: list[list[str]], lines: np.ndarray, wanted: Mapping[str, int], n_fields: int, delimiter: str
) -> tuple[pd.DataFrame, int]:
    """Up to :data:`CHUNK_ROWS` rows as a typed frame for :func:`check_codings`, without blank rows.

    Returns:
        The frame and the number of blank rows dropped.
    """
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    for index in np.flatnonzero(lengths < n_fields):
        rows[index] = rows[index] + [""] * (n_fields - int(lengths[index]))
    columns = {name: _text([row[at] for row in rows]) for name, at in wanted.items()}
    stripped = {name: columns[name].str.strip() for name in REQUIRED_COLUMNS}
    # A row is blank when no cell holds anything; only rows whose used cells are all empty need the full look.
    maybe_blank = np.logical_and.reduce([(stripped[name] == "").to_numpy(bool) for name in REQUIRED_COLUMNS])
    for name in ("segment_text", "start", "end"):
        if name in columns:
            maybe_blank &= (columns[name].str.strip() == "").to_numpy(bool)
    is_blank = np.zeros(len(rows), dtype=bool)
    for index in np.flatnonzero(maybe_blank):
        is_blank[index] = not "".join(rows[index]).strip()
    keep = ~is_blank
    frame = pd.DataFrame({name: stripped[name][keep] for name in REQUIRED_COLUMNS})
    empty_text = pd.Series("", index=range(len(rows)), dtype="str")
    frame["segment_text"] = columns.get("segment_text", empty_text)[keep]
    kinds: dict[int, list[str]] = {}
    reasons: dict[int, list[str]] = {}
    positions = {name: _positions(columns.get(name, empty_text), name, kinds, reasons) for name in ("start", "end")}
    start, end = positions["start"], positions["end"]
    for index in np.flatnonzero((start > end).fillna(False).to_numpy(bool)):
        kinds.setdefault(index, []).append("bad_position")
        reasons.setdefault(index, []).append(f"start {start.iloc[index]} is after end {end.iloc[index]}")
    too_long = lengths > n_fields
    for index in np.flatnonzero(too_long):
        kinds.setdefault(index, []).insert(0, "bad_row")
        reasons.setdefault(index, []).insert(
            0, f"{lengths[index]} fields but the header has {n_fields} (an unquoted {delimiter!r} in a cell?)"
        )
    frame["start"], frame["end"] = start[keep], end[keep]
    frame["row"] = pd.array(lines[keep], dtype="Int64")
    frame["location"] = "line " + pd.Series(lines[keep], index=frame.index).astype("str")
    prior_kind = np.full(len(rows), "", dtype=object)
    prior_reason = np.full(len(rows), "", dtype=object)
    for index in kinds:
        prior_kind[index] = ";".join(dict.fromkeys(kinds[index]))
        prior_reason[index] = "; ".join(reasons[index])
    frame["prior_kind"] = pd.Series(prior_kind[keep], index=frame.index, dtype="str")
    frame["prior_reason"] = pd.Series(prior_reason[keep], index=frame.index, dtype="str")
    frame["explains_all"] = too_long[keep]
    frame["explains_gm"] = False
    frame["explains_code"] = False
    return frame, int(is_blank.sum())


def _text(values: list[str]) -> pd.Series:
    # Through pyarrow directly: several times faster than pandas' own conversion of a list.
    return pd.Series(pa.array(values, pa.large_string()), dtype="str")


def _positions(raw: pd.Series, name: str, kinds: dict[int, list[str]], reasons: dict[int, list[str]]) -> pd.Series:
    """Positions as Int64 (missing when empty or invalid); invalid ones get their reason."""
    text = raw.str.strip()
    given = (text != "").to_numpy(bool)
    # Whole ASCII numbers of at most ten digits convert safely; everything else goes to parse_position.
    plain = text.str.fullmatch(r"[0-9]{1,10}").fillna(False).to_numpy(bool)
    values = pd.Series(pd.NA, index=raw.index, dtype="Int64")
    values[plain] = text[plain].astype("int64")
    for index in np.flatnonzero(given & (~plain | (values > MAX_POSITION).fillna(False).to_numpy(bool))):
        _, problem = parse_position(text.iloc[index], name)
        kinds.setdefault(index, []).append("bad_position")
        reasons.setdefault(index, []).append(problem or f"{name} {text.iloc[index]!r} is not a position")
        values.iloc[index] = pd.NA
    return values


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
