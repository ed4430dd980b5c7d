"""Codings: which code a researcher attached to which interview segment of which municipality.

Every import path (the tidy CSV here, REFI-QDA in :mod:`analysis.qual.refi_qda`) produces the same
:class:`CodingImport`. Problems with single rows never abort an import: each row ends up in
``accepted`` or in ``rejected`` with the file, its position and the reason, and the import checks
that the two add up to the number of rows read.

Tidy CSV columns: ``gm_code, document, segment_id, code_id, coder`` (required) and
``segment_text, start, end`` (optional). The file must be UTF-8 (a BOM is allowed). Leading lines
starting with ``#`` are comments; a comment containing ``ILLUSTRATIVE`` (or ``ILLUSTRATIEF``)
marks the file as made-up example data.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core.paths import CONFIG_DIR
from analysis.qual.codebook import Codebook

CODINGS_ENV = "GEMEENTEN3D_CODINGS"
EXAMPLE_CODINGS: Path = CONFIG_DIR / "codings_example.csv"

ILLUSTRATIVE_NOTICE = (
    "Illustratieve coderingen: verzonnen voorbeeldgegevens, geen onderzoeksresultaat. "
    "Illustrative codings: made-up example data, not research findings."
)

REQUIRED_COLUMNS: tuple[str, ...] = ("gm_code", "document", "segment_id", "code_id", "coder")
OPTIONAL_COLUMNS: tuple[str, ...] = ("segment_text", "start", "end")
ACCEPTED_COLUMNS: tuple[str, ...] = (
    "gm_code", "gm_name", "document", "segment_id", "code_id", "coder",
    "segment_text", "start", "end", "location",
)  # fmt: skip
REJECTED_COLUMNS: tuple[str, ...] = (
    "file", "row", "location", "kind", "reason",
    "gm_code", "document", "segment_id", "code_id", "coder",
)  # fmt: skip
UNMATCHED_COLUMNS: tuple[str, ...] = ("name", "guid", "parent", "n_codings")
CODE_MATCH_COLUMNS: tuple[str, ...] = ("name", "guid", "parent", "code_id", "matched_by", "n_codings")

SUPPORTED_SUFFIXES: tuple[str, ...] = (".csv", ".qdpx", ".qde", ".qdc")

_ILLUSTRATIVE_MARK = re.compile(r"ILLUSTRATI(VE|EF)", re.IGNORECASE)
_DELIMITERS = (",", ";", "\t")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class CodingFileError(ValueError):
    """A codings file cannot be read at all (encoding, columns, format, unsafe archive).

    The message always starts with the file name and says what to do about it.
    """


@dataclass
class CodingImport:
    """The outcome of importing one codings file.

    Attributes:
        accepted: valid codings, columns :data:`ACCEPTED_COLUMNS` (``start``/``end`` as Int64).
        rejected: one row per rejected coding, columns :data:`REJECTED_COLUMNS`; ``row`` is the
            line in the file for CSV (header = line 1) and empty for XML, where ``location``
            names the element.
        unmatched_codes: codes in the file that are not in the codebook, with their number of
            codings (columns :data:`UNMATCHED_COLUMNS`).
        source: the file that was read.
        is_illustrative: True only for files marked as made-up example data.
        n_read: codings read from the file; always ``len(accepted) + len(rejected)``.
        codebook_version: the codebook the codes were checked against, e.g. ``codebook.yaml v1.0.0``.
        notes: remarks that do not reject anything but the reader should know.
        code_matches: for REFI-QDA files, every QDA code with the codebook id it matched (if any)
            and how (``guid`` or ``name``).
    """

    accepted: pd.DataFrame
    rejected: pd.DataFrame
    unmatched_codes: pd.DataFrame
    source: str
    is_illustrative: bool
    n_read: int
    codebook_version: str = ""
    notes: list[str] = field(default_factory=list)
    code_matches: pd.DataFrame = field(default_factory=lambda: _empty(CODE_MATCH_COLUMNS))

    def __post_init__(self) -> None:
        if len(self.accepted) + len(self.rejected) != self.n_read:
            raise AssertionError(
                f"{self.source}: {self.n_read} codings read but {len(self.accepted)} accepted + "
                f"{len(self.rejected)} rejected; rows were lost"
            )
        self.accepted.attrs["is_illustrative"] = self.is_illustrative

    @property
    def ok(self) -> bool:
        """True when nothing was rejected."""
        return self.rejected.empty

    def rejection_counts(self) -> pd.Series:
        """Number of rejected codings per kind of problem (a coding can have several)."""
        kinds = self.rejected["kind"].str.split(";").explode()
        return kinds.value_counts().rename("n_codings")

    def summary(self, max_rows: int = 10) -> str:
        """A plain-text report: counts, rejections grouped by kind, the first rejected rows, unmatched codes.

        Args:
            max_rows: how many rejected rows and unmatched codes to list.

        Returns:
            Several lines of text, Dutch-free so that it reads the same in logs and notebooks.
        """
        lines = [f"Codings file: {self.source}"]
        if self.codebook_version:
            lines.append(f"Codebook: {self.codebook_version}")
        if self.is_illustrative:
            lines.append(f"ILLUSTRATIVE: {ILLUSTRATIVE_NOTICE}")
        lines.append(f"Codings read: {self.n_read}; accepted: {len(self.accepted)}; rejected: {len(self.rejected)}")
        if not self.accepted.empty:
            lines.append(
                f"Accepted codings cover {self.accepted['gm_code'].nunique()} municipality(ies), "
                f"{self.accepted[['gm_code', 'document']].drop_duplicates().shape[0]} documents, "
                f"{self.accepted['coder'].nunique()} coder(s)."
            )
        if not self.rejected.empty:
            lines.append("Rejected, by problem (a coding can have several):")
            lines.extend(f"  {n:6d}  {kind}" for kind, n in self.rejection_counts().items())
            shown = self.rejected.head(max_rows)
            lines.append(f"First {len(shown)} rejected:")
            for row in shown.itertuples(index=False):
                lines.append(f"  {row.location}: {row.reason}")
        if not self.unmatched_codes.empty:
            lines.append(f"Codes not in the codebook ({len(self.unmatched_codes)}):")
            ranked = self.unmatched_codes.sort_values("n_codings", ascending=False, kind="stable")
            for row in ranked.head(max_rows).itertuples(index=False):
                guid = f" guid={row.guid}" if row.guid else ""
                lines.append(f"  {row.name!r}{guid}: {row.n_codings} coding(s)")
            if len(self.unmatched_codes) > max_rows:
                lines.append(f"  ... and {len(self.unmatched_codes) - max_rows} more")
        lines.extend(f"Note: {note}" for note in self.notes)
        return "\n".join(lines)


def default_codings_path() -> Path:
    """The codings file notebooks read: ``$GEMEENTEN3D_CODINGS`` or the illustrative example."""
    configured = os.environ.get(CODINGS_ENV)
    return Path(configured).expanduser() if configured else EXAMPLE_CODINGS


def municipality_mapping(frame: pd.DataFrame) -> dict[str, str]:
    """Turn a frame with ``gm_code`` and ``gm_name`` columns into the mapping the importers take."""
    return dict(zip(frame["gm_code"].astype(str), frame["gm_name"].astype(str), strict=True))


def normalize_gm_code(value: str) -> str:
    """Canonical municipality code: ``gm0193``, ``193`` and ``0193`` all become ``GM0193``.

    Spreadsheets drop the leading zeros of bare numbers, so bare digits are padded back.
    """
    text = value.strip().upper()
    if text.isdigit() and len(text) <= 4:
        return f"GM{text.zfill(4)}"
    return text


def load_codings(
    path: str | Path,
    codebook: Codebook,
    municipalities: Mapping[str, str],
    case_mapping: str | Path | Mapping[str, str] | None = None,
) -> CodingImport:
    """Import a codings file, choosing the reader by its suffix.

    Args:
        path: a tidy ``.csv``, a REFI-QDA project (``.qdpx`` or bare ``.qde``) or codebook (``.qdc``).
        codebook: the codebook to check code ids against.
        municipalities: ``gm_code -> name`` of every valid municipality (the 388 of 2017).
        case_mapping: REFI-QDA only: a CSV (``source_name_or_guid,gm_code``) or a mapping from
            source/case name or GUID to municipality code.

    Returns:
        The import with accepted and rejected codings.

    Raises:
        CodingFileError: the file cannot be read at all (missing, wrong format, not UTF-8,
            missing columns, unsafe archive).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise CodingFileError(f"{path}: file not found")
    if suffix == ".csv":
        result = read_tidy_csv(path, codebook, municipalities)
        if case_mapping is not None:
            result.notes.append("a case mapping only applies to REFI-QDA files; it was not used for this CSV")
        return result
    if suffix in (".qdpx", ".qde", ".qdc"):
        from analysis.qual.refi_qda import read_refi_qda

        return read_refi_qda(path, codebook, municipalities, case_mapping=case_mapping)
    hint = ""
    if suffix in (".xls", ".xlsx"):
        hint = (
            " Spreadsheet exports (e.g. MAXQDA coded segments) have localized headers;"
            " export REFI-QDA (.qdpx) or convert to the tidy CSV."
        )
    raise CodingFileError(
        f"{path}: unsupported file type {suffix or '(none)'}; expected one of {', '.join(SUPPORTED_SUFFIXES)}.{hint}"
    )


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
    if raw.startswith(_UTF16_BOMS):
        raise CodingFileError(f"{path}: the file is UTF-16, not UTF-8; re-save it as UTF-8 (in Excel: 'CSV UTF-8').")
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex().upper()
        guess = _guess_legacy_encoding(raw, exc.start)
        raise CodingFileError(
            f"{path}: not valid UTF-8 at line {line}, column {column} (byte offset {exc.start}, "
            f"byte 0x{bad}: {exc.reason}). {guess}Re-save the file as UTF-8 (in Excel: 'CSV UTF-8'); "
            "it was not decoded with a guessed encoding."
        ) from None


def _guess_legacy_encoding(raw: bytes, position: int) -> str:
    try:
        snippet = raw[max(0, position - 20) : position + 20].decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f"It looks like Windows-1252/Latin-1 text (there it would read {snippet.strip()!r}). "


def read_tidy_csv(path: str | Path, codebook: Codebook, municipalities: Mapping[str, str]) -> CodingImport:
    """Import a tidy codings CSV (one row per code per segment per coder).

    Args:
        path: the CSV file (comma-, semicolon- or tab-separated, UTF-8).
        codebook: the codebook to check ``code_id`` against.
        municipalities: ``gm_code -> name`` of every valid municipality.

    Returns:
        The import; row numbers are physical lines in the file (header = line 1 when there are
        no comment lines).

    Raises:
        CodingFileError: not UTF-8, no header, or required columns missing.
    """
    path = Path(path)
    text = read_utf8(path)
    lines = text.splitlines(keepends=True)
    comments = 0
    is_illustrative = False
    while comments < len(lines) and lines[comments].lstrip().startswith("#"):
        is_illustrative = is_illustrative or bool(_ILLUSTRATIVE_MARK.search(lines[comments]))
        comments += 1
    body = "".join(lines[comments:])
    if not body.strip():
        raise CodingFileError(f"{path}: no header line; expected columns {', '.join(REQUIRED_COLUMNS)}")
    header_line = body.splitlines()[0]
    delimiter, header = _detect_header(header_line)
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CodingFileError(
            f"{path}: missing required column(s) {', '.join(missing)} in the header on line {comments + 1} "
            f"(found: {', '.join(h for h in header if h) or 'nothing'})"
        )
    duplicates = sorted(name for name, n in Counter(header).items() if n > 1 and name)
    if duplicates:
        raise CodingFileError(f"{path}: column(s) {', '.join(duplicates)} appear more than once in the header")

    notes: list[str] = []
    if delimiter != ",":
        notes.append(f"the file is separated by {delimiter!r}, not by commas")
    extra = [h for h in header if h not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if extra:
        notes.append(f"column(s) not used: {', '.join(extra)}")

    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    next(reader)
    candidates: list[dict[str, Any]] = []
    blank = 0
    previous_end = reader.line_num
    for cells in reader:
        line = comments + previous_end + 1
        previous_end = reader.line_num
        if not any(cell.strip() for cell in cells):
            blank += 1
            continue
        row: dict[str, Any] = {"row": line, "location": f"line {line}", "reasons": [], "explained": set()}
        if len(cells) > len(header):
            row["reasons"].append(
                (
                    "bad_row",
                    f"{len(cells)} fields but the header has {len(header)} (an unquoted {delimiter!r} in a cell?)",
                )
            )
            row["explained"].update(REQUIRED_COLUMNS)
        values = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
        for column in REQUIRED_COLUMNS:
            row[column] = values.get(column, "").strip()
        row["segment_text"] = values.get("segment_text", "")
        for column in ("start", "end"):
            row[column] = _parse_position(values.get(column, ""), column, row["reasons"])
        if row["start"] is not None and row["end"] is not None and row["start"] > row["end"]:
            row["reasons"].append(("bad_position", f"start {row['start']} is after end {row['end']}"))
        candidates.append(row)
    if blank:
        notes.append(f"{blank} empty line(s) skipped (no cells filled)")
    return build_import(
        candidates,
        codebook=codebook,
        municipalities=municipalities,
        source=str(path),
        is_illustrative=is_illustrative,
        notes=notes,
    )


def _detect_header(header_line: str) -> tuple[str, list[str]]:
    # Dutch Excel saves "CSV" with semicolons, so try the usual delimiters and keep the one
    # whose header holds the most required columns.
    best: tuple[int, str, list[str]] | None = None
    for delimiter in _DELIMITERS:
        names = [name.strip().lower() for name in next(csv.reader([header_line], delimiter=delimiter))]
        found = sum(name in names for name in REQUIRED_COLUMNS)
        if best is None or found > best[0]:
            best = (found, delimiter, names)
    assert best is not None
    return best[1], best[2]


def _parse_position(value: str, column: str, reasons: list[tuple[str, str]]) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d+", text):
        reasons.append(("bad_position", f"{column} {text!r} is not a whole number >= 0"))
        return None
    return int(text)


def build_import(
    candidates: Iterable[dict[str, Any]],
    *,
    codebook: Codebook,
    municipalities: Mapping[str, str],
    source: str,
    is_illustrative: bool,
    notes: list[str] | None = None,
    unmatched_codes: pd.DataFrame | None = None,
    code_matches: pd.DataFrame | None = None,
) -> CodingImport:
    """Check candidate codings and split them into accepted and rejected (shared by all readers).

    Each candidate is a dict with the :data:`REQUIRED_COLUMNS`, ``segment_text``, ``start``,
    ``end``, ``row`` (line number or ``None``), ``location`` (where in the file),
    ``reasons`` (problems the reader already found, as ``(kind, text)`` pairs) and ``explained``
    (columns whose problems those reasons already cover, so they are not reported twice).

    Args:
        candidates: the codings read from the file, in file order.
        codebook: valid code ids.
        municipalities: valid ``gm_code -> name``.
        source: the file, for the report.
        is_illustrative: whether the file is marked as example data.
        notes: remarks from the reader.
        unmatched_codes: the reader's report of unknown codes; when ``None`` it is derived from
            the ``code_id`` values not in the codebook.
        code_matches: the reader's code matching table, if it has one.

    Returns:
        The complete import.
    """
    known = {normalize_gm_code(code): name for code, name in municipalities.items()}
    accepted: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    first_seen: dict[tuple[str, str, str, str], str] = {}
    unknown_codes: Counter[str] = Counter()
    n_read = 0
    for row in candidates:
        n_read += 1
        reasons: list[tuple[str, str]] = list(row["reasons"])
        explained: set[str] = row["explained"]
        empty = [c for c in REQUIRED_COLUMNS if c not in explained and not row[c]]
        if empty:
            reasons.append(("empty_cell", f"empty required cell(s): {', '.join(empty)}"))
        gm_code = normalize_gm_code(row["gm_code"]) if row["gm_code"] else ""
        if gm_code and "gm_code" not in explained and gm_code not in known:
            reasons.append(("unknown_municipality", f"unknown municipality code {row['gm_code']!r}"))
        if row["code_id"] and "code_id" not in explained and row["code_id"] not in codebook:
            unknown_codes[row["code_id"]] += 1
            reasons.append(("unknown_code", f"unknown code id {row['code_id']!r} (not in {codebook.name})"))
        key = (row["document"], row["segment_id"], row["code_id"], row["coder"])
        if all(key):
            first = first_seen.setdefault(key, row["location"])
            if first != row["location"]:
                reasons.append(("duplicate", f"duplicate of {first} (same document, segment_id, code_id, coder)"))
        values = {c: row[c] for c in REQUIRED_COLUMNS} | {"gm_code": gm_code or row["gm_code"]}
        if reasons:
            rejected.append(
                values
                | {
                    "file": source,
                    "row": row["row"],
                    "location": row["location"],
                    "kind": ";".join(dict.fromkeys(kind for kind, _ in reasons)),
                    "reason": "; ".join(text for _, text in reasons),
                }
            )
        else:
            accepted.append(
                values
                | {
                    "gm_name": known[gm_code],
                    "segment_text": row["segment_text"],
                    "start": row["start"],
                    "end": row["end"],
                    "location": row["location"],
                }
            )
    if unmatched_codes is None:
        unmatched_codes = pd.DataFrame(
            {
                "name": list(unknown_codes),
                "guid": [""] * len(unknown_codes),
                "parent": [""] * len(unknown_codes),
                "n_codings": list(unknown_codes.values()),
            }
        )
    return CodingImport(
        accepted=_frame(accepted, ACCEPTED_COLUMNS, ints=("start", "end")),
        rejected=_frame(rejected, REJECTED_COLUMNS, ints=("row",)),
        unmatched_codes=_frame(unmatched_codes.to_dict("records"), UNMATCHED_COLUMNS, ints=("n_codings",)),
        source=source,
        is_illustrative=is_illustrative,
        n_read=n_read,
        codebook_version=codebook.name,
        notes=list(notes or []),
        code_matches=(
            _empty(CODE_MATCH_COLUMNS)
            if code_matches is None
            else _frame(code_matches.to_dict("records"), CODE_MATCH_COLUMNS, ints=("n_codings",))
        ),
    )


def _frame(records: list[dict[str, Any]], columns: tuple[str, ...], ints: tuple[str, ...] = ()) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    for column in columns:
        if column in ints:
            frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
        else:
            frame[column] = frame[column].fillna("").astype("str")
    return frame


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return _frame([], columns, ints=("n_codings",))


def mapping_sidecar(path: Path) -> Path | None:
    """The case mapping that belongs to a REFI-QDA export: ``<export>.mapping.csv`` beside it."""
    sidecar = path.with_name(path.name + ".mapping.csv")
    return sidecar if sidecar.is_file() else None


_REPORT_CODINGS: dict[tuple[str, float], CodingImport] = {}


def load_report_codings(codings_path: str | Path = "") -> CodingImport:
    """The codings the reports show, checked against the codebook and the 388 municipalities.

    ``codings_path`` (a notebook parameter) wins; empty means ``default_codings_path()``. A
    REFI-QDA export may have its case mapping beside it (``mapping_sidecar``). The import is
    kept per file and modification time, so a kernel that runs many reports reads it once.
    """
    from analysis.geo.cases import load_municipality_names
    from analysis.qual.codebook import load_codebook

    path = Path(codings_path).expanduser() if codings_path else default_codings_path()
    key = (str(path.resolve()), path.stat().st_mtime if path.exists() else 0.0)
    if key not in _REPORT_CODINGS:
        municipalities = municipality_mapping(load_municipality_names())
        mapping = mapping_sidecar(path)
        _REPORT_CODINGS[key] = load_codings(path, load_codebook(), municipalities, case_mapping=mapping)
    return _REPORT_CODINGS[key]
