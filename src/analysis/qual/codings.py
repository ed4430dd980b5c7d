"""Codings: which code a researcher attached to which interview segment of which municipality.

This module chooses the reader for a codings file (the tidy CSV in :mod:`analysis.qual.tidy_csv`,
REFI-QDA in :mod:`analysis.qual.refi_qda`) and loads the codings the reports show. Every reader
produces the same :class:`~analysis.qual.coding_import.CodingImport`; problems with single rows
never abort an import: each row ends up in ``accepted`` or in ``rejected`` with the file, its
position and the reason. A file that cannot be read at all raises
:class:`~analysis.qual.errors.CodingFileError`.

The readers import only the modules below them (``coding_import``, ``csv_files``, ``archive``,
``case_mapping``, ``errors``); this module sits on top and re-exports the names other layers use,
so ``from analysis.qual.codings import CodingImport`` keeps working.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from analysis.core.paths import CONFIG_DIR
from analysis.qual.case_mapping import mapping_sidecar, read_case_mapping, report_case_mapping
from analysis.qual.codebook import Codebook
from analysis.qual.coding_import import (
    ACCEPTED_COLUMNS,
    CODE_MATCH_COLUMNS,
    ILLUSTRATIVE_NOTICE,
    OPTIONAL_COLUMNS,
    REJECTED_COLUMNS,
    REQUIRED_COLUMNS,
    UNMATCHED_COLUMNS,
    CodingImport,
    check_codings,
    codings_frame,
    normalize_gm_code,
)
from analysis.qual.codings_cache import file_version, read_shared_codings, shared_codings_folder
from analysis.qual.csv_files import read_utf8
from analysis.qual.errors import CodingFileError
from analysis.qual.refi_qda import read_refi_qda
from analysis.qual.tidy_csv import MAX_ROWS, read_tidy_csv

__all__ = [
    "ACCEPTED_COLUMNS", "CODE_MATCH_COLUMNS", "CODINGS_ENV", "EXAMPLE_CODINGS", "ILLUSTRATIVE_NOTICE",
    "MAX_ROWS", "OPTIONAL_COLUMNS", "REJECTED_COLUMNS", "REQUIRED_COLUMNS", "SUPPORTED_SUFFIXES",
    "UNMATCHED_COLUMNS", "CodingFileError", "CodingImport", "check_codings", "codings_frame",
    "default_codings_path", "import_report_codings", "load_codings", "load_report_codings", "mapping_sidecar",
    "municipality_mapping", "normalize_gm_code", "read_case_mapping", "read_refi_qda", "read_tidy_csv", "read_utf8",
    "report_case_mapping", "report_codings_version",
]  # fmt: skip

CODINGS_ENV = "GEMEENTEN3D_CODINGS"
EXAMPLE_CODINGS: Path = CONFIG_DIR / "codings_example.csv"
SUPPORTED_SUFFIXES: tuple[str, ...] = (".csv", ".qdpx", ".qde", ".qdc")


def default_codings_path() -> Path:
    """The codings file notebooks read: ``$GEMEENTEN3D_CODINGS`` or the illustrative example."""
    configured = os.environ.get(CODINGS_ENV)
    return Path(configured).expanduser() if configured else EXAMPLE_CODINGS


def municipality_mapping(frame: pd.DataFrame) -> dict[str, str]:
    """Turn a frame with ``gm_code`` and ``gm_name`` columns into the mapping the importers take."""
    return dict(zip(frame["gm_code"].astype(str), frame["gm_name"].astype(str), strict=True))


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
        CodingFileError: the file cannot be read at all (missing, a name that is not UTF-8, wrong
            format, not UTF-8, missing columns, unsafe archive, too large, no codings).
    """
    path = Path(path)
    _check_name(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise CodingFileError(f"{path}: file not found")
    if suffix == ".csv":
        result = read_tidy_csv(path, codebook, municipalities)
        if result.n_read == 0:
            raise CodingFileError(f"{path}: no codings found (the header is followed by no rows)")
        if case_mapping is not None:
            result.notes.append("a case mapping only applies to REFI-QDA files; it was not used for this CSV")
        return result
    if suffix in (".qdpx", ".qde", ".qdc"):
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


def _check_name(path: Path) -> None:
    # A byte that is not UTF-8 survives in the name as a lone surrogate; the notebook parameters,
    # the HTML and the index are all UTF-8, so such a name would fail only halfway through a run.
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = str(path).encode("utf-8", "surrogateescape")
        raise CodingFileError(
            f"{shown!r}: the file name is not valid UTF-8; rename the file "
            "(e.g. with only letters, digits, '-' and '_')"
        ) from None


_REPORT_CODINGS: dict[tuple[object, ...], CodingImport] = {}


def load_report_codings(codings_path: str | Path = "", text_for: str | None = None) -> CodingImport:
    """The codings the reports show, checked against the codebook and the 388 municipalities.

    ``codings_path`` (a notebook parameter) wins; empty means ``default_codings_path()``. A
    REFI-QDA export's case mapping is ``$GEMEENTEN3D_CODINGS_MAPPING`` or the file beside it
    (``report_case_mapping``). The codebook is the
    export's own when it has one, else ``config/codebook.yaml``
    (:func:`analysis.qual.codebook_choice.run_codebook`); ``result.codebook`` holds it. The import is
    kept per file and modification time (of the file and its sidecar), so a kernel that runs many
    reports reads it once.

    Inside a report run the runner has imported the file once for all kernels
    (:mod:`analysis.qual.codings_cache`); that copy is read instead, and with ``text_for`` (a
    municipality code) only that municipality's coding texts are read.
    """
    path = Path(codings_path).expanduser() if codings_path else default_codings_path()
    _check_name(path)
    version = report_codings_version(path)
    if (folder := shared_codings_folder()) is not None:
        shared_key = ("shared", str(folder), json.dumps(version), text_for)
        if shared_key in _REPORT_CODINGS:
            return _REPORT_CODINGS[shared_key]
        shared = read_shared_codings(version, text_for)
        if shared is not None:
            if text_for is None:  # the whole table (the annex) is kept; one municipality's slice is not
                _REPORT_CODINGS[shared_key] = shared
            return shared
    key = ("file", json.dumps(version))
    if key not in _REPORT_CODINGS:
        _REPORT_CODINGS[key] = import_report_codings(path)
    return _REPORT_CODINGS[key]


def report_codings_version(path: Path) -> list[list]:
    """The version of a report run's codings input: the file, its case-mapping sidecar, its codebook files."""
    from analysis.qual.codebook_choice import codebook_inputs

    mapping = report_case_mapping(path)
    # The project's codebook or theme mapping beside the export changes the run too.
    return file_version([path, *([mapping] if mapping is not None else []), *codebook_inputs(path)])


def import_report_codings(path: Path) -> CodingImport:
    """Read and check the codings file of a report run (not kept; see :func:`load_report_codings`)."""
    from analysis.geo.cases import load_municipality_names
    from analysis.qual.codebook_choice import run_codebook

    municipalities = municipality_mapping(load_municipality_names())
    codebook = run_codebook(path).codebook
    result = load_codings(path, codebook, municipalities, case_mapping=report_case_mapping(path))
    result.codebook = codebook
    return result
