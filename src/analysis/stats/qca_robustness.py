"""How far a QCA solution holds, reported as how often each solution is unchanged.

Variants: other calibration thresholds, other consistency cut-offs, each case left out in turn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.stats.calibration import Rule, dichotomise
from analysis.stats.columns import require_columns
from analysis.stats.qca import minimise_truth_table
from analysis.stats.truth_table import crisp_cases

__all__ = ["Calibration", "RobustnessResult", "qca_robustness"]

SOLUTION_KINDS = ("conservative", "parsimonious", "intermediate")


@dataclass(frozen=True)
class Calibration:
    """A condition made crisp from a raw column: 1 when ``value <rule> threshold``.

    ``thresholds[0]`` is the one the analysis uses; the others are the alternatives tried.
    """

    column: str
    thresholds: Sequence[float]
    rule: Rule = ">="


@dataclass
class RobustnessResult:
    """Solutions under every variant, against the baseline.

    Attributes:
        baseline: solution kind -> expression of the baseline analysis.
        variants: one row per variant: ``variant`` (``calibration``, ``consistency_threshold``,
            ``leave_one_out``), ``condition``, ``threshold``, ``consistency_threshold``,
            ``left_out``, then per solution kind its expression and ``<kind>_unchanged``.
        summary: per variant (index) ``n_variants`` and per kind ``<kind>_unchanged`` (count)
            and ``<kind>_share_unchanged``.
    """

    baseline: dict[str, str]
    variants: pd.DataFrame
    summary: pd.DataFrame


def qca_robustness(
    table: pd.DataFrame,
    conditions: Sequence[str],
    outcome: str,
    calibrations: Mapping[str, Calibration] | None = None,
    consistency_thresholds: Sequence[float] = (0.75, 0.9, 1.0),
    leave_one_out: bool = True,
    consistency_threshold: float = 0.8,
    min_cases: int = 1,
    base_rate_margin: float = 0.1,
    directional_expectations: Mapping[str, int] | None = None,
) -> RobustnessResult:
    """Re-run :func:`analysis.stats.qca.minimise_truth_table` under variants of the analysis.

    Args:
        table: case table.
        conditions: condition names; a condition in ``calibrations`` is computed from its raw
            column, the others must be 0/1 columns of ``table``.
        outcome: outcome column (``~`` negates).
        calibrations: condition -> :class:`Calibration`; each alternative threshold is tried
            with the other conditions at their first threshold.
        consistency_thresholds: alternative consistency cut-offs (the baseline one is skipped).
        leave_one_out: also drop each complete case in turn.
        consistency_threshold: the baseline consistency cut-off.
        min_cases: the baseline minimum of cases per configuration.
        base_rate_margin: the baseline margin over the outcome's base rate.
        directional_expectations: for the intermediate solution (None: none is compared).

    Returns:
        A :class:`RobustnessResult`.
    """
    calibrations = dict(calibrations or {})
    require_columns(table, [cal.column for cal in calibrations.values()])
    settings = {
        "min_cases": min_cases,
        "base_rate_margin": base_rate_margin,
        "directional_expectations": directional_expectations,
    }
    kinds = SOLUTION_KINDS if directional_expectations is not None else SOLUTION_KINDS[:2]

    def solve(frame: pd.DataFrame, cutoff: float) -> dict[str, str]:
        result = minimise_truth_table(frame, conditions, outcome, consistency_threshold=cutoff, **settings)
        return {kind: result.solution(kind).expression for kind in kinds}

    base_table = _calibrated(table, calibrations, {})
    baseline = solve(base_table, consistency_threshold)
    rows: list[dict[str, object]] = []

    def record(variant: str, solutions: dict[str, str], **where: object) -> None:
        row: dict[str, object] = {
            "variant": variant,
            "condition": None,
            "threshold": np.nan,
            "consistency_threshold": consistency_threshold,
            "left_out": None,
            **where,
        }
        for kind in kinds:
            row[kind] = solutions[kind]
            row[f"{kind}_unchanged"] = solutions[kind] == baseline[kind]
        rows.append(row)

    for condition, cal in calibrations.items():
        for threshold in cal.thresholds[1:]:
            frame = _calibrated(table, calibrations, {condition: threshold})
            record("calibration", solve(frame, consistency_threshold), condition=condition, threshold=threshold)
    for cutoff in consistency_thresholds:
        if cutoff != consistency_threshold:
            record("consistency_threshold", solve(base_table, cutoff), consistency_threshold=cutoff)
    if leave_one_out:
        complete, _, _ = crisp_cases(base_table, conditions, outcome)
        for case in complete.index:
            record("leave_one_out", solve(base_table.drop(index=case), consistency_threshold), left_out=str(case))

    variants = pd.DataFrame(rows)
    return RobustnessResult(baseline=baseline, variants=variants, summary=_summary(variants, kinds))


def _calibrated(
    table: pd.DataFrame, calibrations: Mapping[str, Calibration], override: Mapping[str, float]
) -> pd.DataFrame:
    frame = table.copy()
    for condition, cal in calibrations.items():
        threshold = override.get(condition, cal.thresholds[0])
        frame[condition], _ = dichotomise(table[cal.column], threshold, rule=cal.rule)
    return frame


def _summary(variants: pd.DataFrame, kinds: Sequence[str]) -> pd.DataFrame:
    columns = ["n_variants", *(f"{k}_unchanged" for k in kinds), *(f"{k}_share_unchanged" for k in kinds)]
    if variants.empty:
        return pd.DataFrame(columns=columns)
    grouped = variants.groupby("variant", sort=False)
    summary = pd.DataFrame({"n_variants": grouped.size()})
    for kind in kinds:
        summary[f"{kind}_unchanged"] = grouped[f"{kind}_unchanged"].sum().astype(int)
        summary[f"{kind}_share_unchanged"] = summary[f"{kind}_unchanged"] / summary["n_variants"]
    return summary[columns]
