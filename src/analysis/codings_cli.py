"""``python -m analysis codings check PATH [--mapping CSV] [--codebook FILE] [--themes CSV]``.

Checks a codings file (tidy CSV or REFI-QDA) against the codebook and the municipalities of 2017
and prints what would be accepted and rejected, before a report is built on it. Exit codes:
0 = read and nothing rejected, 1 = read but codings rejected (a bad cell or position is a rejected
row, named by line or element), 2 = the file (or the codebook, the mapping or the municipality
list) could not be read: not found, a name that is not UTF-8, not UTF-8 inside, a cell or file over
the stated limits, an unsafe or damaged archive, ambiguous guids, or no codings at all. Errors are
one message naming the file (and line or element), never a traceback; text from the input is
printed with control characters escaped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from analysis.qual.codebook import CodebookError
from analysis.qual.codebook_choice import choose_codebook
from analysis.qual.coding_import import printable
from analysis.qual.codings import CodingFileError, load_codings, mapping_sidecar, municipality_mapping

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_UNREADABLE = 2


def check(
    path: str,
    mapping: str | None = None,
    *,
    codebook_path: str | None = None,
    themes_path: str | None = None,
    municipalities: Mapping[str, str] | None = None,
    max_rows: int = 10,
    out: TextIO | None = None,
) -> int:
    """Check a codings file and print a summary.

    Args:
        path: the codings file (``.csv``, ``.qdpx``, ``.qde`` or ``.qdc``).
        mapping: REFI-QDA only: CSV ``source_name_or_guid,gm_code`` mapping sources to municipalities;
            default the export's sidecar ``<export>.mapping.csv`` when it exists.
        codebook_path: a codebook file (ROB ``.yaml``, ``.qdc``, ``.qdpx``/``.qde`` or codebook CSV);
            default the export's own codebook, one beside it, else ``config/codebook.yaml``.
        themes_path: CSV ``code,theme`` crossing the project's codes onto the ROB themes; default
            ``<export>.themes.csv`` beside the file when it exists.
        municipalities: ``gm_code -> name``; default the 388 municipalities of 2017 from
            :func:`analysis.geo.cases.load_municipality_names` (needs the built geography).
        max_rows: rejected rows and unknown codes to list.
        out: where to print (default stdout); errors go to stderr.

    Returns:
        0 when the file was read and nothing rejected, 1 when codings were rejected, 2 when a
        file could not be read (a one-line message, no traceback).
    """
    out = out or sys.stdout
    try:
        choice = choose_codebook(path, codebook_path=codebook_path, theme_mapping=themes_path)
        codebook = choice.codebook
        if municipalities is None:
            municipalities = _municipalities_of_2017()
        # The same mapping the report run would use: explicit, else the export's sidecar file.
        case_mapping = mapping or mapping_sidecar(Path(path))
        result = load_codings(path, codebook, municipalities, case_mapping=case_mapping)
    except (CodingFileError, CodebookError, OSError) as error:
        # The codebook error lists one problem per line; those lines are the message. Each line
        # is shown with control characters escaped, since file names and cells come from outside.
        print("error: " + "\n".join(printable(line) for line in str(error).splitlines()), file=sys.stderr)
        return EXIT_UNREADABLE
    # Which codebook judged the codes, how many codes and themes, and codes under no theme.
    print("\n".join(printable(line) for line in choice.summary(max_rows=max_rows)), file=out)
    print(result.summary(max_rows=max_rows), file=out)
    if result.ok:
        print("OK: every coding was accepted.", file=out)
        return EXIT_OK
    print(f"NOT OK: {len(result.rejected)} of {result.n_read} codings rejected.", file=out)
    return EXIT_REJECTED


def _municipalities_of_2017() -> dict[str, str]:
    try:
        from analysis.geo.cases import load_municipality_names

        return municipality_mapping(load_municipality_names())
    except (ImportError, OSError, ValueError, LookupError) as error:
        # --force: a damaged file that exists looks up to date to a plain build, which would skip it.
        raise OSError(
            f"the municipality list of 2017 is not available or damaged ({error}); "
            "run `python -m analysis build --force` to rebuild the processed data"
        ) from None


def add_codings_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``codings check`` on the top-level subparsers of ``python -m analysis``.

    The command stores its function as ``handler`` (called with the parsed namespace, returns the
    exit code), like the other commands.

    Args:
        subparsers: the result of ``parser.add_subparsers()``.

    Returns:
        The ``codings`` parser.
    """
    codings = subparsers.add_parser("codings", help="work with codings files (tidy CSV or REFI-QDA)")
    actions = codings.add_subparsers(dest="codings_command", required=True)
    checker = actions.add_parser(
        "check",
        help="check a codings file against the codebook and the municipalities",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    checker.add_argument("path", help="codings file: .csv, .qdpx, .qde or .qdc")
    checker.add_argument(
        "--mapping",
        help="REFI-QDA: CSV with columns source_name_or_guid,gm_code (source or case -> municipality)",
    )
    checker.add_argument(
        "--codebook",
        help="codebook file: .yaml, .qdc, .qdpx/.qde or CSV (default: the export's own, else config/codebook.yaml)",
    )
    checker.add_argument("--themes", help="CSV code,theme crossing the project's codes onto the ROB themes")
    checker.add_argument("--max-rows", type=int, default=10, help="rejected rows to list (default 10)")
    checker.set_defaults(handler=_run_check)
    return codings


def _run_check(args: argparse.Namespace) -> int:
    return check(
        str(Path(args.path)), args.mapping, codebook_path=args.codebook, themes_path=args.themes,
        max_rows=args.max_rows,
    )  # fmt: skip
