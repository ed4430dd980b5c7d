"""Checks on a run's inputs before any notebook runs: the selection and the codings path.

Paths are resolved from the caller's working directory here, because the kernels run in
``notebooks/`` and would read a relative path from there.
"""

from __future__ import annotations

import os
from pathlib import Path


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
