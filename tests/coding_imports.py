"""A coding import made in memory from rows, for tests of what is built from codings."""

from __future__ import annotations

import pandas as pd

from analysis.qual.codings import ACCEPTED_COLUMNS, REJECTED_COLUMNS, UNMATCHED_COLUMNS, CodingImport

#: One coding: gm_code, document, segment_id, code_id, coder.
CodingRow = tuple[str, str, str, str, str]


def coding_import(
    rows: list[CodingRow], source: str = "/somewhere/codings.csv", illustrative: bool = False, **extra: object
) -> CodingImport:
    """``rows`` accepted, nothing rejected or unmatched; ``extra`` sets further fields (``codebook_version``)."""
    accepted = pd.DataFrame(rows, columns=["gm_code", "document", "segment_id", "code_id", "coder"])
    accepted = accepted.assign(gm_name="", segment_text="", start=pd.NA, end=pd.NA, location="")
    return CodingImport(
        accepted=accepted[list(ACCEPTED_COLUMNS)],
        rejected=pd.DataFrame(columns=list(REJECTED_COLUMNS)),
        unmatched_codes=pd.DataFrame(columns=list(UNMATCHED_COLUMNS)),
        source=source,
        is_illustrative=illustrative,
        n_read=len(accepted),
        **extra,
    )
