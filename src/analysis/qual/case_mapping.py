"""The case mapping CSV: which municipality a REFI-QDA source or case belongs to.

Columns ``source_name_or_guid,gm_code``, comma-separated, UTF-8. Given with ``--mapping`` (to
``codings check`` and to ``reports``, which passes it on in ``$GEMEENTEN3D_CODINGS_MAPPING``) or placed
beside the export as ``<export>.mapping.csv`` (see :func:`report_case_mapping`).
"""

from __future__ import annotations

import csv
import errno
import io
import os
from collections.abc import Mapping
from pathlib import Path

from analysis.qual.coding_import import normalize_gm_code, printable
from analysis.qual.csv_files import DELIMITERS, cell_limit, csv_error, read_utf8, split_header
from analysis.qual.errors import CodingFileError

MAPPING_COLUMNS: tuple[str, ...] = ("source_name_or_guid", "gm_code")
# A mapping names sources or cases of one study: a few hundred rows; a megabyte is plenty.
MAX_MAPPING_BYTES = 1024 * 1024
#: A report run's mapping file, set by ``reports --mapping``: a read-only export (a mirror, an
#: archive folder) cannot get a sidecar beside it.
MAPPING_ENV = "GEMEENTEN3D_CODINGS_MAPPING"


def read_case_mapping(path: str | Path) -> dict[str, str]:
    """Read a mapping CSV with columns ``source_name_or_guid,gm_code`` (UTF-8, comma-separated).

    Args:
        path: the CSV; keys are source or case names or GUIDs, values municipality codes.

    Returns:
        ``key -> gm_code`` with codes normalised (``193`` -> ``GM0193``).

    Raises:
        CodingFileError: missing, too large, not UTF-8, separated by ``;`` or tabs, columns missing,
            a row with more cells than the header, an empty cell, or a key listed twice with
            different codes; each naming the file and line.
    """
    path = Path(path)
    if not path.is_file():
        raise CodingFileError(f"{path}: mapping file not found")
    if path.stat().st_size > MAX_MAPPING_BYTES:
        raise CodingFileError(f"{path}: more than {MAX_MAPPING_BYTES} bytes; a case mapping is a short list")
    text = read_utf8(path)
    header_line = text.splitlines()[0] if text.strip() else ""
    fields = split_header(header_line, ",")
    missing = [c for c in MAPPING_COLUMNS if c not in fields]
    if missing:
        raise CodingFileError(f"{path}: {_missing_columns_message(header_line, missing)}")
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    mapping: dict[str, str] = {}
    key_at, code_at = fields.index("source_name_or_guid"), fields.index("gm_code")
    with cell_limit():
        try:
            for cells in reader:
                line = reader.line_num
                if not "".join(cells).strip():
                    continue
                if len(cells) > len(fields):
                    raise CodingFileError(
                        f"{path}: line {line}: {len(cells)} cells but the header has {len(fields)} "
                        f"({printable(', '.join(map(repr, cells)))}); quote a name that contains a comma"
                    )
                cells += [""] * (len(fields) - len(cells))
                key = cells[key_at].strip()
                code = normalize_gm_code(cells[code_at])
                if not key or not code:
                    raise CodingFileError(f"{path}: line {line}: both source_name_or_guid and gm_code must be filled")
                if mapping.get(key, code) != code:
                    raise CodingFileError(
                        f"{path}: line {line}: {printable(repr(key))} is mapped to both {mapping[key]} and "
                        f"{printable(code)}"
                    )
                mapping[key] = code
        except csv.Error as exc:
            raise csv_error(path, reader.line_num, exc) from None
    return mapping


def _missing_columns_message(header_line: str, missing: list[str]) -> str:
    for delimiter in DELIMITERS[1:]:
        if all(c in split_header(header_line, delimiter) for c in MAPPING_COLUMNS):
            shown = "a tab" if delimiter == "\t" else repr(delimiter)
            return (
                f"the file is separated by {shown}, not by commas (as Dutch Excel saves 'CSV'); "
                "save it as comma-separated CSV UTF-8 with columns source_name_or_guid,gm_code"
            )
    found = printable(header_line.strip()) or "nothing"
    return f"missing column(s) {', '.join(missing)} (expected source_name_or_guid,gm_code; found {found!r})"


def mapping_from(case_mapping: str | Path | Mapping[str, str] | None) -> dict[str, str]:
    """A case mapping given as a file, a mapping or nothing, as ``key -> gm_code``."""
    if case_mapping is None:
        return {}
    if isinstance(case_mapping, Mapping):
        return {str(k).strip(): normalize_gm_code(str(v)) for k, v in case_mapping.items()}
    return read_case_mapping(case_mapping)


def mapping_sidecar(path: Path) -> Path | None:
    """The case mapping that belongs to a REFI-QDA export: ``<export>.mapping.csv`` beside it.

    Returns ``None`` when there is none, including when the export's own name is so long that the
    sidecar's name would exceed the file system's limit (then no such file can exist).
    """
    sidecar = path.with_name(path.name + ".mapping.csv")
    try:
        return sidecar if sidecar.is_file() else None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return None
        raise CodingFileError(f"{sidecar}: cannot be checked: {exc.strerror or exc}") from None


def report_case_mapping(path: Path) -> Path | None:
    """The case mapping of a report run: ``$GEMEENTEN3D_CODINGS_MAPPING`` when set, else the sidecar.

    Raises:
        CodingFileError: the variable names a file that does not exist.
    """
    configured = os.environ.get(MAPPING_ENV, "")
    if not configured:
        return mapping_sidecar(path)
    given = Path(configured).expanduser()
    if not given.is_file():
        raise CodingFileError(f"{given}: mapping file not found (given in ${MAPPING_ENV})")
    return given
