"""Intercoder agreement on segments that two or more coders coded.

A *unit* is a segment ``(gm_code, document, segment_id)``. A coder who coded a unit with any code
has, for every other code, said "absent"; a coder who did not code the unit says nothing about it
(missing, not absent). Agreement is judged per code as presence/absence:

- **Cohen's kappa** per code (``statsmodels.stats.inter_rater.cohens_kappa`` on the 2x2 table of
  a coder pair). With more than two coders, the kappa is the **mean over coder pairs** of their
  Cohen's kappa (Light's kappa), each pair over the units both coded.
- **Krippendorff's alpha** (nominal, ``krippendorff`` package) per code and overall, where
  "overall" stacks the presence/absence judgements of all codes used in the double-coded units.

Degenerate cases (fewer than two coders on any unit, a code without variance) give NaN with a
``reason``; nothing here raises on thin data.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import krippendorff
import numpy as np
import pandas as pd
from statsmodels.stats.inter_rater import cohens_kappa

UNIT_KEYS = ["gm_code", "document", "segment_id"]
KAPPA_COLUMNS = [
    "code_id", "kappa", "alpha", "observed_agreement", "n_units", "n_coders", "n_pairs", "method", "reason",
]  # fmt: skip


@dataclass(frozen=True)
class AlphaResult:
    """Krippendorff's alpha with what it rests on.

    Attributes:
        alpha: the coefficient, NaN when undefined.
        n_units: units (columns of the reliability data) with at least two judgements.
        n_coders: coders with at least one judgement on those units.
        reason: empty when ``alpha`` is defined, otherwise why not.
        n_segments: distinct segments behind the units (pooled alpha: several codes per segment).
    """

    alpha: float
    n_units: int
    n_coders: int
    reason: str = ""
    n_segments: int | None = None


def double_coded(codings: pd.DataFrame) -> pd.DataFrame:
    """The codings of segments that at least two coders coded."""
    coders = codings.groupby(UNIT_KEYS)["coder"].transform("nunique")
    return codings.loc[coders >= 2]


def presence_table(codings: pd.DataFrame) -> pd.DataFrame:
    """Presence (1) / absence (0) of each code per unit and coder, NaN where the coder did not code the unit.

    Only units with two or more coders and only codes used in those units are included.

    Returns:
        Frame indexed by ``(unit, code_id)`` (unit as a tuple of :data:`UNIT_KEYS`) with one
        float column per coder.
    """
    data = double_coded(codings)
    if data.empty:
        return pd.DataFrame(index=pd.MultiIndex.from_tuples([], names=["unit", "code_id"]))
    units = list(data[UNIT_KEYS].itertuples(index=False, name=None))
    data = data.assign(unit=units)
    coded = data.groupby(["unit", "code_id", "coder"]).size().clip(upper=1).unstack("coder", fill_value=0)
    full = pd.MultiIndex.from_product([sorted(set(units)), sorted(data["code_id"].unique())], names=["unit", "code_id"])
    table = coded.reindex(full, fill_value=0).astype("float64")
    # A coder who never touched a unit gives no judgement on it, which is not the same as "absent".
    seen = data.groupby(["unit", "coder"]).size().unstack("coder", fill_value=0) > 0
    mask = seen.reindex(index=table.index.get_level_values("unit"), columns=table.columns).to_numpy()
    return table.where(mask)


def cohen_kappa_2x2(table: np.ndarray) -> tuple[float, str]:
    """Cohen's kappa of a 2x2 table of two coders, or NaN with the reason it is undefined.

    Args:
        table: ``[[both present, only first], [only second, both absent]]``.

    Returns:
        ``(kappa, reason)``; reason is empty when kappa is defined.
    """
    table = np.asarray(table, dtype="float64")
    n = table.sum()
    if n == 0:
        return float("nan"), "no units coded by both coders"
    expected = (table.sum(axis=1) @ table.sum(axis=0)) / n**2
    if np.isclose(expected, 1.0):
        return float("nan"), "no variance: every unit got the same value from both coders (kappa undefined)"
    # statsmodels also computes a z statistic, which divides by zero when one coder never used the code.
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(cohens_kappa(table).kappa), ""


def alpha_nominal(reliability_data: np.ndarray | pd.DataFrame) -> AlphaResult:
    """Krippendorff's alpha (nominal) of coders x units data, NaN meaning "no judgement".

    Args:
        reliability_data: one row per coder, one column per unit.

    Returns:
        The alpha with its counts, NaN with a reason when it is undefined.
    """
    data = np.asarray(reliability_data, dtype="float64")
    if data.ndim != 2 or data.size == 0:
        return AlphaResult(float("nan"), 0, 0, "no data")
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    data = data[:, pairable]
    n_units = int(pairable.sum())
    n_coders = int((~np.isnan(data)).any(axis=1).sum()) if n_units else 0
    if n_units == 0 or n_coders < 2:
        return AlphaResult(float("nan"), n_units, n_coders, "no unit has judgements of two or more coders")
    values = np.unique(data[~np.isnan(data)])
    if len(values) < 2:
        return AlphaResult(float("nan"), n_units, n_coders, "no variance: all judgements have the same value")
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    return AlphaResult(float(alpha), n_units, n_coders)


def krippendorff_alpha(codings: pd.DataFrame, code_id: str | None = None) -> AlphaResult:
    """Krippendorff's alpha (nominal, presence/absence) over the double-coded segments.

    Args:
        codings: accepted codings.
        code_id: one code; ``None`` pools all codes used in the double-coded segments.

    Returns:
        The alpha; ``n_units`` counts (segment, code) judgements when pooled, segments for one code.
    """
    table = presence_table(codings)
    if code_id is not None:
        present = code_id in table.index.get_level_values("code_id")
        table = table.xs(code_id, level="code_id") if present else table.iloc[0:0]
    if table.empty:
        return AlphaResult(float("nan"), 0, 0, "no segments coded by two or more coders", n_segments=0)
    n_segments = table.index.get_level_values("unit").nunique() if code_id is None else len(table)
    return replace(alpha_nominal(table.T.to_numpy()), n_segments=n_segments)


def kappa_per_code(codings: pd.DataFrame) -> pd.DataFrame:
    """Cohen's kappa (mean over coder pairs when there are more than two) and alpha per code.

    Args:
        codings: accepted codings.

    Returns:
        One row per code used in the double-coded segments, columns :data:`KAPPA_COLUMNS`:
        ``kappa``, ``alpha``, ``observed_agreement`` (share of units on which the pairs agree),
        ``n_units`` (double-coded segments), ``n_coders``, ``n_pairs`` (pairs with a defined
        kappa), ``method`` and ``reason`` (why a value is NaN).
    """
    table = presence_table(codings)
    if table.empty:
        return pd.DataFrame(columns=KAPPA_COLUMNS)
    rows = []
    for code_id, block in table.groupby(level="code_id", sort=False):
        rows.append(_code_row(str(code_id), block.droplevel("code_id")))
    return pd.DataFrame(rows, columns=KAPPA_COLUMNS)


def _code_row(code_id: str, block: pd.DataFrame) -> dict[str, object]:
    kappas: list[float] = []
    reasons: list[str] = []
    agree = total = 0
    coders = [c for c in block.columns if block[c].notna().any()]
    for first, second in itertools.combinations(coders, 2):
        both = block[[first, second]].dropna()
        if both.empty:
            continue
        a, b = both[first].to_numpy(), both[second].to_numpy()
        cells = np.array(
            [[np.sum((a == 1) & (b == 1)), np.sum((a == 1) & (b == 0))],
             [np.sum((a == 0) & (b == 1)), np.sum((a == 0) & (b == 0))]]
        )  # fmt: skip
        agree += int(cells[0, 0] + cells[1, 1])
        total += int(cells.sum())
        kappa, reason = cohen_kappa_2x2(cells)
        if reason:
            reasons.append(reason)
        else:
            kappas.append(kappa)
    alpha = alpha_nominal(block.T.to_numpy())
    n_pairs = len(list(itertools.combinations(coders, 2)))
    method = "Cohen's kappa" if len(coders) == 2 else f"mean of Cohen's kappa over coder pairs ({n_pairs} pairs)"
    return {
        "code_id": code_id,
        "kappa": float(np.mean(kappas)) if kappas else float("nan"),
        "alpha": alpha.alpha,
        "observed_agreement": agree / total if total else float("nan"),
        "n_units": int(block.notna().sum(axis=1).ge(2).sum()),
        "n_coders": len(coders),
        "n_pairs": len(kappas),
        "method": method,
        "reason": "" if kappas else (reasons[0] if reasons else "no segments coded by two or more coders"),
    }


def agreement_summary(codings: pd.DataFrame) -> str:
    """A few lines for reports: overall alpha and the codes with the lowest kappa."""
    overall = krippendorff_alpha(codings)
    per_code = kappa_per_code(codings)
    n_segments = double_coded(codings)[UNIT_KEYS].drop_duplicates().shape[0]
    lines = [f"Double-coded segments: {n_segments}"]
    if np.isnan(overall.alpha):
        lines.append(f"Krippendorff's alpha (nominal, presence/absence per code): undefined ({overall.reason})")
    else:
        lines.append(
            f"Krippendorff's alpha (nominal, presence/absence per code): {overall.alpha:.3f} "
            f"({overall.n_units} segment-code judgements on {overall.n_segments} segments, "
            f"{overall.n_coders} coders)"
        )
    defined = per_code.dropna(subset=["kappa"]).sort_values("kappa")
    if not defined.empty:
        lines.append(
            f"Cohen's kappa per code: median {defined['kappa'].median():.3f} over {len(defined)} codes; lowest:"
        )
        lines.extend(f"  {r.code_id}: {r.kappa:.3f} ({r.n_units} segments)" for r in defined.head(5).itertuples())
    return "\n".join(lines)
