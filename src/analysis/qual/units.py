"""Units of agreement: what two coders did at the same place in the same source.

Coders of a QDA program select their own stretches of text, so their selections never share an
id; two coders agree when their selections *overlap* and carry the same code. :func:`unitise`
turns codings into units under a stated rule (:class:`UnitisingRule`), which the agreement
results carry as data so that a report can print it beside the figures:

- **by position** (codings with ``start``/``end``, e.g. REFI-QDA offsets): within one document,
  two selections of different coders are the same unit when the Jaccard index of their character
  ranges (overlap / union) is at least ``threshold`` (default :data:`DEFAULT_JACCARD`); linked
  selections form one unit (single linkage), spanning from the first start to the last end. A
  coder who coded anything in the document has read it, so a unit they did not code with code K
  counts as "K absent"; a coder who coded nothing in the document gives no judgement (missing).
- **by segment id** (codings without positions, e.g. a tidy CSV with ``segment_id`` only): a unit
  is a segment ``(gm_code, document, segment_id)``; a coder who did not code the segment gives no
  judgement on it.

Offsets are compared as exported: both coders' selections come from the same program, so UTF-16
code units (NVivo) or code points (the others) do not change which selections overlap.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

DEFAULT_JACCARD = 0.5
BY_POSITION = "overlap"
BY_SEGMENT = "segment_id"
#: Codes of the rule's parts (the words are the report's).
JACCARD = "jaccard"
SINGLE_LINKAGE = "single"
CODED_DOCUMENT = "coded_document"
CODED_SEGMENT = "coded_segment"
UNIT_COLUMNS = ["unit", "unit_method", "unit_start", "unit_end"]


@dataclass(frozen=True)
class UnitisingRule:
    """How codings were cut into units of agreement (printable as data).

    Attributes:
        method: ``overlap`` (by position), ``segment_id``, or ``overlap+segment_id`` when only
            some codings had positions.
        measure: the overlap measure of two character ranges: ``jaccard`` (overlap / union).
        threshold: the least overlap for two selections to be one unit.
        linkage: how selections chain into units: ``single`` (pairs of different coders link).
        absent_when: when a coder's silence counts as "code absent" rather than missing:
            ``coded_document`` (by position), ``coded_segment`` (by segment id), or both joined
            by ``+`` when both methods were used.
        n_units: units formed.
        n_positioned: codings placed by position; the rest by segment id.
    """

    method: str
    measure: str = JACCARD
    threshold: float = DEFAULT_JACCARD
    linkage: str = SINGLE_LINKAGE
    absent_when: str = CODED_DOCUMENT
    n_units: int = 0
    n_positioned: int = 0

    def as_dict(self) -> dict[str, object]:
        """The rule as a flat dict, e.g. for a method table or a CSV."""
        return asdict(self)


def jaccard(first: tuple[int, int], second: tuple[int, int]) -> float:
    """Jaccard index of two half-open character ranges ``[start, end)``; identical empty ranges give 1."""
    (a0, a1), (b0, b1) = first, second
    union = max(a1, b1) - min(a0, b0)
    if union == 0:
        return 1.0 if (a0, a1) == (b0, b1) else 0.0
    overlap = max(0, min(a1, b1) - max(a0, b0))
    return overlap / union


def unitise(codings: pd.DataFrame, threshold: float = DEFAULT_JACCARD) -> tuple[pd.DataFrame, UnitisingRule]:
    """Give every coding a unit of agreement (see the module docstring for the rule).

    Args:
        codings: accepted codings (``gm_code, document, segment_id, code_id, coder``; ``start``
            and ``end`` used where both are filled).
        threshold: least Jaccard index of two selections of different coders in one unit (0-1].

    Returns:
        ``(codings with unit, unit_method, unit_start, unit_end; the rule)``.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], got {threshold}")
    data = codings.reset_index(drop=True).copy()
    has_position = pd.Series(False, index=data.index)
    if {"start", "end"} <= set(data.columns):
        has_position = data["start"].notna() & data["end"].notna()
    segments = zip(
        data["gm_code"].astype(str), data["document"].astype(str), data["segment_id"].astype(str), strict=True
    )
    data["unit"] = ["\x1f".join(("seg", *key)) for key in segments]
    data["unit_method"] = BY_SEGMENT
    data["unit_start"] = pd.array([pd.NA] * len(data), dtype="Int64")
    data["unit_end"] = pd.array([pd.NA] * len(data), dtype="Int64")
    positioned = data[has_position]
    placed: dict[tuple[str, str, str, int, int], tuple[int, int]] = {}
    for (gm_code, document), block in positioned.groupby(["gm_code", "document"], sort=False):
        spans = block[["coder", "start", "end"]].astype({"start": "int64", "end": "int64"}).drop_duplicates()
        for (coder, start, end), unit_range in _link(list(spans.itertuples(index=False, name=None)), threshold).items():
            placed[(gm_code, document, coder, start, end)] = unit_range
    if placed:
        keys = zip(
            positioned["gm_code"], positioned["document"], positioned["coder"],
            positioned["start"].astype("int64"), positioned["end"].astype("int64"), strict=True,
        )  # fmt: skip
        ranges = [(key[0], key[1], *placed[key]) for key in keys]
        data.loc[has_position, "unit"] = [f"pos\x1f{g}\x1f{d}\x1f{s}-{e}" for g, d, s, e in ranges]
        data.loc[has_position, "unit_start"] = [r[2] for r in ranges]
        data.loc[has_position, "unit_end"] = [r[3] for r in ranges]
    data.loc[has_position, "unit_method"] = BY_POSITION
    n_positioned = int(has_position.sum())
    if n_positioned == len(data) and n_positioned:
        method, absent_when = BY_POSITION, CODED_DOCUMENT
    elif n_positioned:
        method, absent_when = f"{BY_POSITION}+{BY_SEGMENT}", f"{CODED_DOCUMENT}+{CODED_SEGMENT}"
    else:
        method, absent_when = BY_SEGMENT, CODED_SEGMENT
    rule = UnitisingRule(
        method=method, threshold=threshold, absent_when=absent_when, n_units=int(data["unit"].nunique()),
        n_positioned=n_positioned,
    )  # fmt: skip
    return data, rule


def _link(spans: list[tuple[str, int, int]], threshold: float) -> dict[tuple[str, int, int], tuple[int, int]]:
    """Union-find over the spans of one document; returns each span's unit range."""
    spans = sorted(spans, key=lambda s: (s[1], s[2], s[0]))
    parent = list(range(len(spans)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (coder_i, start_i, end_i) in enumerate(spans):
        for j in range(i + 1, len(spans)):
            coder_j, start_j, end_j = spans[j]
            if start_j > end_i:
                break  # sorted by start: no later span can overlap span i
            if coder_j != coder_i and jaccard((start_i, end_i), (start_j, end_j)) >= threshold:
                parent[find(j)] = find(i)
    ranges: dict[int, tuple[int, int]] = {}
    for i, (_, start, end) in enumerate(spans):
        root = find(i)
        low, high = ranges.get(root, (start, end))
        ranges[root] = (min(low, start), max(high, end))
    return {span: ranges[find(i)] for i, span in enumerate(spans)}


def presence_by_unit(units: pd.DataFrame) -> pd.DataFrame:
    """Presence (1) / absence (0) of each code per unit and coder; NaN where the coder gave no judgement.

    Args:
        units: the first result of :func:`unitise`.

    Returns:
        Frame indexed by ``(unit, code_id)`` with one float column per coder, only for units with
        judgements of two or more coders and only codes used in those units (empty otherwise).
    """
    empty = pd.DataFrame(index=pd.MultiIndex.from_tuples([], names=["unit", "code_id"]))
    if units.empty:
        return empty
    coders = sorted(units["coder"].astype(str).unique())
    readers = units.groupby(["gm_code", "document"])["coder"].agg(lambda s: set(map(str, s)))
    touched = units.groupby("unit")["coder"].agg(lambda s: set(map(str, s)))
    place = units.drop_duplicates("unit").set_index("unit")[["gm_code", "document", "unit_method"]]
    judges = {
        unit: (readers[(row.gm_code, row.document)] if row.unit_method == BY_POSITION else touched[unit])
        for unit, row in place.iterrows()
    }
    shared = sorted(unit for unit, who in judges.items() if len(who) >= 2)
    if not shared:
        return empty
    data = units[units["unit"].isin(shared)]
    coded = data.groupby(["unit", "code_id", "coder"]).size().clip(upper=1).unstack("coder", fill_value=0)
    full = pd.MultiIndex.from_product([shared, sorted(data["code_id"].unique())], names=["unit", "code_id"])
    table = coded.reindex(index=full, columns=coders, fill_value=0).astype("float64")
    mask = [[coder in judges[unit] for coder in coders] for unit in table.index.get_level_values("unit")]
    return table.where(pd.DataFrame(mask, index=table.index, columns=coders))
