"""One checked copy of a run's codings, shared by every kernel of the run (issue 15 item 9).

Parsing and checking a large codings export costs seconds and gigabytes; a report run used to do
it once in every kernel. The runner now imports the file once in its main process and writes the
result into the run's own working folder (``write_shared_codings``): the accepted codings as
parquet, everything else of the import (rejections, unmatched codes, counts, notes, the run's
codebook) beside it. It names the folder in ``$GEMEENTEN3D_CODINGS_CACHE`` for its workers, whose
kernels inherit it; :func:`analysis.qual.codings.load_report_codings` then reads the copy instead
of the export (``read_shared_codings``), and a municipal report reads only what it shows: every
coding without its text, and the text of its own municipality's codings (pyarrow filters).

The copy names the file version it was made from (path, size and modification time of the export,
its case-mapping sidecar and codebook files); a reader asking for another version gets None and
parses the export as before, so a stale or foreign copy is never used.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from analysis.qual.coding_import import CodingImport

CACHE_ENV = "GEMEENTEN3D_CODINGS_CACHE"
ACCEPTED_FILE = "accepted.parquet"
REST_FILE = "import.pickle"
VERSION_FILE = "version.json"
#: The only column a municipal report needs for its own municipality alone (exemplar quotes).
TEXT_COLUMN = "segment_text"


def file_version(paths: list[Path]) -> list[list]:
    """What identifies the version of the codings input: each file's resolved path, size and mtime."""
    version = []
    for path in paths:
        path = Path(path)
        stat = path.stat() if path.exists() else None
        version.append([str(path.resolve()), stat.st_size if stat else -1, stat.st_mtime_ns if stat else 0])
    return version


def write_shared_codings(result: CodingImport, version: list[list], folder: Path) -> Path:
    """Write ``result`` (the checked import of the file ``version`` names) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    result.accepted.to_parquet(folder / ACCEPTED_FILE, index=False, row_group_size=64_000)
    rest = {
        "rejected": result.rejected,
        "unmatched_codes": result.unmatched_codes,
        "source": result.source,
        "is_illustrative": result.is_illustrative,
        "n_read": result.n_read,
        "codebook_version": result.codebook_version,
        "notes": list(result.notes),
        "code_matches": result.code_matches,
        "codebook": result.codebook,
    }
    # Pickle only for this run's own private folder (mkdtemp, mode 0700), written by this process.
    with open(folder / REST_FILE, "wb") as handle:
        pickle.dump(rest, handle, protocol=pickle.HIGHEST_PROTOCOL)
    (folder / VERSION_FILE).write_text(json.dumps(version), encoding="utf-8")
    return folder


def shared_codings_folder() -> Path | None:
    """The folder the runner named for this process, or None outside a report run."""
    named = os.environ.get(CACHE_ENV, "")
    return Path(named) if named else None


def read_shared_codings(version: list[list], text_for: str | None = None) -> CodingImport | None:
    """The shared import when it was made from ``version``, else None.

    Args:
        version: :func:`file_version` of the codings file the caller means.
        text_for: a municipality code: read every coding, but the text of this municipality's
            codings only (a municipal report quotes no other). None reads the whole table.
    """
    folder = shared_codings_folder()
    if folder is None:
        return None
    try:
        if json.loads((folder / VERSION_FILE).read_text(encoding="utf-8")) != version:
            return None
        with open(folder / REST_FILE, "rb") as handle:
            rest = pickle.load(handle)
    except (OSError, ValueError):
        return None
    accepted = _read_accepted(folder / ACCEPTED_FILE, text_for)
    codebook = rest.pop("codebook")
    result = CodingImport(accepted=accepted, **rest)
    result.codebook = codebook
    return result


def _read_accepted(path: Path, text_for: str | None) -> pd.DataFrame:
    schema = pq.read_schema(path)
    if text_for is None or TEXT_COLUMN not in schema.names:
        return pd.read_parquet(path)
    others = [name for name in schema.names if name != TEXT_COLUMN]
    frame = pd.read_parquet(path, columns=others)
    own = pd.read_parquet(path, columns=[TEXT_COLUMN], filters=[("gm_code", "==", text_for)])
    text = pd.Series(pd.NA, index=frame.index, dtype=own[TEXT_COLUMN].dtype)
    text[(frame["gm_code"] == text_for).to_numpy()] = own[TEXT_COLUMN].to_numpy()
    frame.insert(schema.names.index(TEXT_COLUMN), TEXT_COLUMN, text)
    return frame
