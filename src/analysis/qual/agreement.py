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

For real QDA exports, where each coder's selections have their own ids, use
:func:`agreement_by_position`: units are formed by position under a stated rule
(:class:`~analysis.qual.units.UnitisingRule`, Jaccard overlap >= 0.5 by default) and the
:class:`AgreementResult` sets kappa beside percent agreement, positive codings per coder and
Krippendorff's alpha with a seeded bootstrap interval; undefined kappas are counted and named, and
a rare code with kappa 0 but 99% agreement carries the flags ``rare_code`` and
``high_agreement_low_kappa``. Results hold numbers and reason codes; the words are the report's.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import krippendorff
import numpy as np
import pandas as pd
from statsmodels.stats.inter_rater import cohens_kappa

from analysis.qual.units import DEFAULT_JACCARD, UnitisingRule, presence_by_unit, unitise

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


@dataclass(frozen=True)
class _PairwiseKappas:
    """Cohen's kappa over every pair of coders of one code, with the pairs where it is undefined."""

    kappas: list[float]
    #: ``(coder_a, coder_b, reason)``; reason is ``None`` where the pair shares no unit.
    undefined: list[tuple[str, str, str | None]]
    agree: int
    total: int


def _pairwise_kappas(block: pd.DataFrame, coders: list[str]) -> _PairwiseKappas:
    """Kappa per coder pair on the units both judged (``block``: units x coders, 1/0/NaN)."""
    kappas: list[float] = []
    undefined: list[tuple[str, str, str | None]] = []
    agree = total = 0
    for first, second in itertools.combinations(coders, 2):
        both = block[[first, second]].dropna()
        if both.empty:
            undefined.append((first, second, None))
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
            undefined.append((first, second, reason))
        else:
            kappas.append(kappa)
    return _PairwiseKappas(kappas, undefined, agree, total)


def _code_row(code_id: str, block: pd.DataFrame) -> dict[str, object]:
    coders = [c for c in block.columns if block[c].notna().any()]
    pairs = _pairwise_kappas(block, coders)
    kappas, agree, total = pairs.kappas, pairs.agree, pairs.total
    reasons = [reason for _, _, reason in pairs.undefined if reason]
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


# --- agreement on real exports: units by position, kappa beside its context -----------------------

#: Reason codes of an undefined kappa or of a result that cannot be computed.
NO_CODINGS = "no_codings"
SINGLE_CODER = "single_coder"
NO_SHARED_UNITS = "no_shared_units"
NO_VARIANCE = "no_variance"
#: Flags that a per-code row can carry (``flags`` column, joined by ``;``).
FLAG_KAPPA_UNDEFINED = "kappa_undefined"
FLAG_RARE_CODE = "rare_code"
FLAG_HIGH_AGREEMENT_LOW_KAPPA = "high_agreement_low_kappa"
#: A code is rare when fewer than this share of the judgements are "present".
RARE_SHARE = 0.05
#: Percent agreement at or above this with kappa below :data:`LOW_KAPPA` is the kappa paradox.
HIGH_AGREEMENT = 0.90
LOW_KAPPA = 0.40
DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 20170101
PER_CODE_COLUMNS = [
    "code_id", "kappa", "kappa_status", "percent_agreement", "alpha", "alpha_low", "alpha_high",
    "n_units", "n_coders", "n_pairs_defined", "n_pairs_undefined", "n_positive", "n_positive_min",
    "n_positive_max", "positive_share", "flags",
]  # fmt: skip


@dataclass(frozen=True)
class AgreementResult:
    """Intercoder agreement with the rule it rests on; numbers and reason codes, no prose.

    Attributes:
        status: ``ok`` or why nothing can be computed (:data:`NO_CODINGS`, :data:`SINGLE_CODER`,
            :data:`NO_SHARED_UNITS`).
        rule: the unitising rule (method, measure, threshold), printable as data.
        per_code: one row per code, columns :data:`PER_CODE_COLUMNS`: Cohen's kappa (mean over
            coder pairs with a defined kappa), its status (``ok`` or a reason code), percent
            agreement over all pair judgements, Krippendorff's alpha (nominal, presence/absence)
            with its bootstrap interval, units, coders, pairs with a defined and an undefined kappa,
            positive codings in all and per coder (min and max over coders), the share of
            "present" judgements, and ``flags`` (:data:`FLAG_KAPPA_UNDEFINED`,
            :data:`FLAG_RARE_CODE`, :data:`FLAG_HIGH_AGREEMENT_LOW_KAPPA`).
        positives: positive codings per code and coder (``code_id, coder, n_positive``).
        undefined_pairs: every coder pair whose kappa is undefined (``code_id, coder_a, coder_b,
            reason``).
        alpha: Krippendorff's alpha over all codes (each unit-code judgement is one value).
        alpha_low: lower end of the bootstrap interval (NaN when undefined).
        alpha_high: upper end.
        n_units: units with judgements of two or more coders.
        coders: the coders with judgements on those units.
        n_resamples: bootstrap resamples (units drawn with replacement, percentile interval).
        confidence: level of the interval.
        seed: seed of the bootstrap, so that the interval is reproducible.
    """

    status: str
    rule: UnitisingRule
    per_code: pd.DataFrame
    positives: pd.DataFrame
    undefined_pairs: pd.DataFrame
    alpha: float = float("nan")
    alpha_low: float = float("nan")
    alpha_high: float = float("nan")
    n_units: int = 0
    coders: tuple[str, ...] = ()
    n_resamples: int = DEFAULT_RESAMPLES
    confidence: float = 0.95
    seed: int = DEFAULT_SEED

    @property
    def n_kappa_undefined(self) -> int:
        """Coder pairs x codes whose kappa is undefined."""
        return len(self.undefined_pairs)

    def flagged(self, flag: str) -> list[str]:
        """The codes carrying ``flag`` (e.g. :data:`FLAG_RARE_CODE`)."""
        return [row.code_id for row in self.per_code.itertuples() if flag in row.flags.split(";")]


def binary_alpha(ones: np.ndarray, judgements: np.ndarray) -> float:
    """Krippendorff's alpha (nominal) of 0/1 data from per-unit counts.

    For two values the coincidence matrix reduces to ``o01 = sum(n1 * n0 / (m - 1))`` over units
    with ``m >= 2`` judgements, and ``alpha = 1 - (n - 1) * o01 / (n0 * n1)``.

    Args:
        ones: number of "present" judgements per unit.
        judgements: number of judgements per unit.

    Returns:
        Alpha, NaN when there is no pairable unit or no variance.
    """
    ones = np.asarray(ones, dtype="float64")
    m = np.asarray(judgements, dtype="float64")
    pairable = m >= 2
    ones, m = ones[pairable], m[pairable]
    n1, n = ones.sum(), m.sum()
    n0 = n - n1
    if n1 == 0 or n0 == 0:
        return float("nan")
    o01 = float(np.sum(ones * (m - ones) / (m - 1)))
    return 1.0 - (n - 1) * o01 / (n0 * n1)


def bootstrap_alpha(
    ones: np.ndarray, judgements: np.ndarray, *, n_resamples: int, seed: int, confidence: float = 0.95
) -> tuple[float, float]:
    """Percentile bootstrap interval of :func:`binary_alpha`, units drawn with replacement.

    Returns:
        ``(low, high)``; NaN when fewer than half the resamples give a defined alpha.
    """
    ones = np.asarray(ones, dtype="float64")
    m = np.asarray(judgements, dtype="float64")
    keep = m >= 2
    ones, m = ones[keep], m[keep]
    if len(m) == 0 or n_resamples < 1:
        return float("nan"), float("nan")
    # Units with the same (present, judgements) counts are interchangeable, so drawing units with
    # replacement is a multinomial draw over those few kinds: the same distribution, far less work.
    kinds, counts = np.unique(np.column_stack([ones, m]), axis=0, return_counts=True)
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(len(m), counts / counts.sum(), size=n_resamples).astype("float64")
    k_ones, k_m = kinds[:, 0], kinds[:, 1]
    n1 = draws @ k_ones
    n = draws @ k_m
    n0 = n - n1
    o01 = draws @ (k_ones * (k_m - k_ones) / (k_m - 1))
    with np.errstate(divide="ignore", invalid="ignore"):
        alphas = np.where((n1 > 0) & (n0 > 0), 1.0 - (n - 1) * o01 / (n0 * n1), np.nan)
    defined = alphas[~np.isnan(alphas)]
    if len(defined) < n_resamples / 2:
        return float("nan"), float("nan")
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(defined, [tail, 100 - tail])
    return float(low), float(high)


def agreement_by_position(
    codings: pd.DataFrame,
    *,
    threshold: float = DEFAULT_JACCARD,
    n_resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = 0.95,
) -> AgreementResult:
    """Intercoder agreement on units formed by position (see :mod:`analysis.qual.units`).

    Args:
        codings: accepted codings; ``start``/``end`` where the export has offsets.
        threshold: least Jaccard overlap of two coders' selections in one unit.
        n_resamples: bootstrap resamples for the alpha intervals.
        seed: seed of the bootstrap.
        confidence: level of the intervals.

    Returns:
        The result; on thin data (no codings, one coder, no unit two coders judged) ``status``
        says why and the tables are empty, nothing raises.
    """
    units, rule = unitise(codings, threshold)
    empty_pairs = pd.DataFrame(columns=["code_id", "coder_a", "coder_b", "reason"])
    empty_positives = pd.DataFrame(columns=["code_id", "coder", "n_positive"])
    base = {"rule": rule, "n_resamples": n_resamples, "seed": seed, "confidence": confidence}

    def thin(status: str) -> AgreementResult:
        coders = tuple(sorted(map(str, codings["coder"].unique()))) if len(codings) else ()
        return AgreementResult(
            status, per_code=pd.DataFrame(columns=PER_CODE_COLUMNS), positives=empty_positives,
            undefined_pairs=empty_pairs, coders=coders, **base,
        )  # fmt: skip

    if codings.empty:
        return thin(NO_CODINGS)
    if codings["coder"].nunique() < 2:
        return thin(SINGLE_CODER)
    table = presence_by_unit(units)
    if table.empty:
        return thin(NO_SHARED_UNITS)
    rows, positives, undefined = [], [], []
    for code_id, block in table.groupby(level="code_id", sort=True):
        row, code_positives, code_undefined = _position_row(str(code_id), block.droplevel("code_id"), base)
        rows.append(row)
        positives.extend(code_positives)
        undefined.extend(code_undefined)
    values = table.to_numpy()
    judged = (~np.isnan(values)).sum(axis=1)
    ones = np.nansum(values, axis=1)
    low, high = bootstrap_alpha(ones, judged, n_resamples=n_resamples, seed=seed, confidence=confidence)
    coders = tuple(c for c in table.columns if table[c].notna().any())
    return AgreementResult(
        "ok",
        per_code=pd.DataFrame(rows, columns=PER_CODE_COLUMNS),
        positives=pd.DataFrame(positives, columns=["code_id", "coder", "n_positive"]),
        undefined_pairs=pd.DataFrame(undefined, columns=["code_id", "coder_a", "coder_b", "reason"]),
        alpha=binary_alpha(ones, judged),
        alpha_low=low,
        alpha_high=high,
        n_units=int(table.index.get_level_values("unit").nunique()),
        coders=coders,
        **base,
    )


def _position_row(
    code_id: str, block: pd.DataFrame, base: dict[str, object]
) -> tuple[dict[str, object], list[tuple[str, str, int]], list[tuple[str, str, str, str]]]:
    coders = [c for c in block.columns if block[c].notna().any()]
    pairs = _pairwise_kappas(block, coders)
    kappas, agree, total = pairs.kappas, pairs.agree, pairs.total
    undefined = [
        (code_id, first, second, NO_VARIANCE if reason else NO_SHARED_UNITS)
        for first, second, reason in pairs.undefined
    ]
    values = block[coders].to_numpy()
    judged = (~np.isnan(values)).sum(axis=1)
    ones = np.nansum(values, axis=1)
    low, high = bootstrap_alpha(
        ones, judged, n_resamples=int(base["n_resamples"]), seed=int(base["seed"]), confidence=float(base["confidence"])
    )
    per_coder = [(code_id, coder, int(np.nansum(block[coder].to_numpy()))) for coder in coders]
    counts = [n for _, _, n in per_coder]
    n_judgements = int(judged.sum())
    positive_share = float(ones.sum()) / n_judgements if n_judgements else float("nan")
    kappa = float(np.mean(kappas)) if kappas else float("nan")
    percent = agree / total if total else float("nan")
    flags = []
    if not kappas:
        flags.append(FLAG_KAPPA_UNDEFINED)
    if positive_share < RARE_SHARE:
        flags.append(FLAG_RARE_CODE)
    if percent >= HIGH_AGREEMENT and (not kappas or kappa < LOW_KAPPA):
        flags.append(FLAG_HIGH_AGREEMENT_LOW_KAPPA)
    row = {
        "code_id": code_id,
        "kappa": kappa,
        "kappa_status": "ok" if kappas else (undefined[0][3] if undefined else NO_SHARED_UNITS),
        "percent_agreement": percent,
        "alpha": binary_alpha(ones, judged),
        "alpha_low": low,
        "alpha_high": high,
        "n_units": int((judged >= 2).sum()),
        "n_coders": len(coders),
        "n_pairs_defined": len(kappas),
        "n_pairs_undefined": len(undefined),
        "n_positive": int(ones.sum()),
        "n_positive_min": min(counts) if counts else 0,
        "n_positive_max": max(counts) if counts else 0,
        "positive_share": positive_share,
        "flags": ";".join(flags),
    }
    return row, per_coder, undefined
