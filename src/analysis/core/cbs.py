"""CBS conventions: missing-value markers, padded StatLine exports and the StatLine download.

CBS writes a missing or suppressed value as ``-99999999`` (and ``-99999997``/``-99999998`` for
"secret" and "not applicable") in its geographic files and as ``"."`` (``"x"`` in printed tables)
in StatLine. All of them become ``NA`` here: a suppressed count is unknown, never zero.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: Sentinel numbers in the Wijk- en buurtkaart and Kerncijfers wijken en buurten.
MISSING_SENTINELS: frozenset[float] = frozenset({-99999999.0, -99999998.0, -99999997.0})
#: Text markers in StatLine exports; ``"-"`` (nil) is not among them on purpose: it means zero.
MISSING_TEXT: frozenset[str] = frozenset({".", "x", "?", ""})


def to_number(values: pd.Series) -> pd.Series:
    """Convert a CBS column to nullable floats, turning every missing marker into ``NA``.

    Text is stripped of the padding StatLine adds; sentinel numbers are masked after parsing.
    """
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.astype("Float64")
    else:
        text = values.astype("string").str.strip()
        text = text.mask(text.isin(MISSING_TEXT))
        numbers = pd.to_numeric(text, errors="raise").astype("Float64")
    return numbers.mask(numbers.isin(MISSING_SENTINELS))


def key_number(column: str) -> int | None:
    """The number StatLine appends to a topic key (``"Bijstandsontvangers_2"`` -> 2), or ``None``.

    Keys are matched by number rather than by name because CBS spells the same topic differently
    from one yearly table to the next.
    """
    head, _, number = column.rpartition("_")
    return int(number) if head and number.isdigit() else None


def strip_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with the padding removed from every text column (``"NL01   "`` -> ``"NL01"``)."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]) or out[column].dtype == object:
            out[column] = out[column].astype("string").str.strip()
    return out


def download_statline_table(table_id: str, target_dir: Path) -> Path:
    """Download a StatLine table with its metadata through ``cbsodata`` into ``target_dir``.

    ``cbsodata.download_data`` writes ``TypedDataSet.json`` plus one JSON file per metadata table
    (``DataProperties.json``, ``TableInfos.json``, dimension tables); those files are the raw layer.
    Needs the network (opendata.cbs.nl).
    """
    import cbsodata  # imported here: only the online path needs it

    target_dir.mkdir(parents=True, exist_ok=True)
    cbsodata.download_data(table_id, dir=str(target_dir), typed=True)
    return target_dir
