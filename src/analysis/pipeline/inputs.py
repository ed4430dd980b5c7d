"""Checks on a run's inputs before any notebook runs: the selection, the codings path and file.

Paths are resolved from the caller's working directory here, because the kernels run in
``notebooks/`` and would read a relative path from there.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.pipeline.codings_slices import CodingsSlices

#: Beside the reports: the last run's codings slices, with the fingerprint of the inputs they came from.
SLICES_CACHE_NAME = ".codings-slices.json"


class RunInputError(ValueError):
    """A run's input cannot be used (codings path, selection); the CLI exits 2 before any notebook runs."""


def check_path_text(path: str, what: str) -> None:
    """Refuse a path whose name cannot be written as UTF-8 (a non-UTF-8 byte from the file system).

    Such a name reaches Python as a lone surrogate; it would fail only inside a kernel, after the
    run has started, so it is refused here with the name shown escaped.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        shown = path.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
        raise RunInputError(
            f"{what} {shown} has a name that is not valid UTF-8; rename the file and run again"
        ) from None


def check_selection(selection: str) -> None:
    """Refuse an empty selection (``--cases ""``), which would render nothing and look like success."""
    if not selection.strip(" ,"):
        raise RunInputError("--cases is empty: give 'cases', 'all' or a comma list of codes or names")


def resolve_codings_path(codings_path: str = "") -> tuple[str, Path]:
    """The codings parameter for the notebooks and the file it means, checked before any notebook runs.

    A relative path counts from the caller's working directory (the kernels run in ``notebooks/``).
    Empty means ``$GEMEENTEN3D_CODINGS`` or, without it, the illustrative example (parameter ``""``).

    Raises:
        RunInputError: the file does not exist, is not a readable file, or its name is not UTF-8.
    """
    from analysis.qual.codings import CODINGS_ENV, EXAMPLE_CODINGS

    given = codings_path or os.environ.get(CODINGS_ENV, "")
    if not given:
        return "", EXAMPLE_CODINGS
    check_path_text(given, "the codings file")
    file = Path(os.path.abspath(Path(given).expanduser()))
    if not file.exists():
        raise RunInputError(f"the codings file {file} does not exist")
    if not file.is_file():
        raise RunInputError(f"the codings file {file} is not a file")
    try:
        with open(file, "rb") as handle:
            handle.read(1)
    except OSError as error:
        raise RunInputError(f"the codings file {file} cannot be read: {error.strerror}") from None
    return str(file), file


def share_codings(codings_file: Path, work_dir: Path) -> Path | None:
    """Import and check the run's codings once, into ``<work_dir>/codings`` for every kernel of the run.

    The import runs in a short-lived child process, so that the main process, which lives as long
    as the run, never holds the parsed file. Returns the folder, or None when the file cannot be
    imported: each report then reads the file itself and fails with the reader's own message, as
    without a shared copy.
    """
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as child:
        written = child.submit(write_shared_codings_of, str(codings_file), str(work_dir / "codings")).result()
    return Path(written) if written else None


def write_shared_codings_of(codings_file: str, folder: str) -> str:
    """In the child: import ``codings_file`` and write the shared copy; the folder, or "" when unreadable."""
    from analysis.qual.codings import CodingFileError, import_report_codings, report_codings_version
    from analysis.qual.codings_cache import write_shared_codings

    try:
        result = import_report_codings(Path(codings_file))
    except (CodingFileError, OSError, ValueError):
        return ""
    return str(write_shared_codings(result, report_codings_version(Path(codings_file)), Path(folder)))


def slice_run_codings(
    codings_file: Path,
    fingerprint: str,
    case_codes: Iterable[str],
    output_dir: Path,
    work_dir: Path,
    write_copy: bool = True,
) -> tuple[CodingsSlices | None, Path | None]:
    """What each municipal report shows of the codings, and the run's shared copy when one was made.

    The slices are kept beside the reports (``SLICES_CACHE_NAME``) with the ``fingerprint`` of what
    they were computed from (codings, mapping and codebook files, package code, data and config:
    :meth:`analysis.pipeline.keys.SharedInputs.fingerprint`); a run whose fingerprint matches reads
    them without importing the codings, so a run with nothing changed stays fast. Otherwise the
    file is imported once in a short-lived child, which also writes the shared copy
    (``write_copy``).

    Returns:
        The slices (None when the file cannot be imported for another reason than its content: the
        jobs are then keyed on the whole file and each report says the reader's error), and the
        shared copy's folder (None when none was written).

    Raises:
        RunInputError: the codings file is refused by the reader (``CodingFileError``, e.g. no
            codings found): every report would fail on it, so the run stops before any notebook.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    from analysis.core.layers import write_atomically
    from analysis.pipeline.codings_slices import CodingsSlices

    cache_file = output_dir / SLICES_CACHE_NAME
    try:
        stored = json.loads(cache_file.read_text(encoding="utf-8"))
        if stored["fingerprint"] == fingerprint:
            return CodingsSlices.from_dict(stored["slices"]), None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # no cache, another run's or a damaged one: compute
    folder = str(work_dir / "codings") if write_copy else ""
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as child:
            answer = child.submit(slice_codings_of, str(codings_file), folder, list(case_codes)).result()
    except BrokenProcessPool:  # the child died (out of memory): whole-file keys, each report reads the file
        return None, None
    if "refused" in answer:
        raise RunInputError(answer["refused"])
    if "slices" not in answer:
        return None, None
    slices = CodingsSlices.from_dict(answer["slices"])
    record = json.dumps({"fingerprint": fingerprint, "slices": slices.as_dict()})
    write_atomically(cache_file, lambda tmp: tmp.write_text(record, encoding="utf-8"))
    return slices, Path(answer["folder"]) if answer.get("folder") else None


def slice_codings_of(codings_file: str, folder: str, case_codes: list[str]) -> dict:
    """In the child: import ``codings_file``, slice it and (``folder`` given) write the shared copy.

    Returns ``{"slices": ..., "folder": ...}``, ``{"refused": message}`` for a file the reader
    refuses, or ``{}`` when it cannot be imported for another reason.
    """
    from analysis.pipeline.codings_slices import slice_codings
    from analysis.qual.codings import CodingFileError, import_report_codings, report_codings_version
    from analysis.qual.codings_cache import write_shared_codings

    try:
        result = import_report_codings(Path(codings_file))
    except CodingFileError as error:
        return {"refused": str(error)}
    except (OSError, ValueError):
        return {}
    slices = slice_codings(result, case_codes)
    written = write_shared_codings(result, report_codings_version(Path(codings_file)), Path(folder)) if folder else ""
    return {"slices": slices.as_dict(), "folder": str(written)}
