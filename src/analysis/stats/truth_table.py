"""Crisp-set truth table and sufficiency (Ragin), with guards for n = 20.

A configuration is coded sufficient for the outcome only when (1) it holds at least
``min_cases`` cases (rows below that are treated as logical remainders), (2) its consistency
reaches ``consistency_threshold`` and (3) its consistency exceeds the outcome's base rate (the
share of all cases with the outcome) by at least ``base_rate_margin``: a configuration that is
no more often followed by the outcome than any case is not a sufficient condition for it.

An outcome written ``~Y`` is the negation of column ``Y``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.stats.columns import as_binary, presence_column, require_columns
from analysis.stats.notes import Note

__all__ = [
    "QCA_ASSUMPTIONS",
    "ROW_STATUSES",
    "SufficiencyResult",
    "crisp_cases",
    "parse_conjunction",
    "sufficiency",
    "truth_table",
]

QCA_ASSUMPTIONS = ("crisp_sets", "set_theoretic_not_inferential", "depends_on_calibration")
#: ``status`` of a truth-table row; only ``sufficient`` rows enter a solution as positive.
ROW_STATUSES = ("sufficient", "not_sufficient", "not_above_base_rate", "too_few_cases", "remainder")


def resolve_outcome(table: pd.DataFrame, outcome: str) -> tuple[str, bool]:
    """Column and negation of an outcome given as ``Y``, ``~Y`` or a theme name."""
    negated = outcome.startswith("~")
    name = outcome.lstrip("~").strip()
    if name not in table.columns:
        name = presence_column(name)
    return name, negated


def crisp_cases(table: pd.DataFrame, conditions: Sequence[str], outcome: str) -> tuple[pd.DataFrame, str, list[str]]:
    """0/1 frame of the conditions and the outcome over the complete cases.

    Returns:
        ``(data, outcome_label, dropped)``: ``data`` has the conditions and a column named
        ``outcome_label`` (``Y`` or ``~Y``); ``dropped`` lists the cases missing any value.
    """
    column, negated = resolve_outcome(table, outcome)
    require_columns(table, [*conditions, column])
    if not conditions:
        raise ValueError("a truth table needs at least one condition")
    label = f"~{column}" if negated else column
    crisp = pd.DataFrame({c: as_binary(table[c]) for c in conditions})
    y = as_binary(table[column])
    crisp[label] = 1 - y if negated else y
    complete = crisp.notna().all(axis=1)
    return crisp[complete].astype(int), label, [str(c) for c in table.index[~complete]]


def truth_table(
    table: pd.DataFrame,
    conditions: Sequence[str],
    outcome: str,
    consistency_threshold: float = 0.8,
    min_cases: int = 1,
    include_remainders: bool = False,
    base_rate_margin: float = 0.1,
) -> pd.DataFrame:
    """Crisp-set truth table: one row per configuration of the binary conditions.

    Cases missing any condition or the outcome are left out (``attrs["dropped"]``), because a
    case must sit in exactly one row.

    Args:
        table: case table; conditions and outcome must be 0/1 (see
            :func:`analysis.stats.calibration.dichotomise`).
        conditions: condition columns.
        outcome: outcome column, ``~`` for its negation (a theme name resolves to its presence
            column).
        consistency_threshold: consistency a row must reach to be coded sufficient.
        min_cases: rows with fewer cases are treated as remainders (status ``too_few_cases``).
        include_remainders: also list the logically possible configurations without cases.
        base_rate_margin: a row is sufficient only if its consistency is at least the outcome's
            base rate plus this margin (status ``not_above_base_rate`` otherwise).

    Returns:
        Columns: the conditions, ``n_cases, cases, n_outcome, consistency, pri, raw_coverage,
        contradictory, status, outcome_assigned, n, test``; sorted by consistency and size.
        Consistency is |X ∩ Y| / |X| and raw coverage |X ∩ Y| / |Y| for the configuration X;
        ``outcome_assigned`` is 1, 0 or <NA> (remainder). ``attrs`` hold the settings, ``n``,
        ``n_outcome``, ``base_rate``, ``dropped`` and ``notes``.
    """
    data, label, dropped = crisp_cases(table, conditions, outcome)
    n = len(data)
    n_outcome_total = int(data[label].sum())
    base_rate = n_outcome_total / n if n else np.nan

    rows = []
    observed = {key if isinstance(key, tuple) else (key,): grp for key, grp in data.groupby(list(conditions))}
    configs = itertools.product((1, 0), repeat=len(conditions)) if include_remainders else sorted(observed)
    for key in configs:
        grp = observed.get(tuple(key))
        n_cases = 0 if grp is None else len(grp)
        n_pos = 0 if grp is None else int(grp[label].sum())
        consistency = n_pos / n_cases if n_cases else np.nan
        status = _row_status(n_cases, consistency, base_rate, consistency_threshold, min_cases, base_rate_margin)
        rows.append(
            {
                **dict(zip(conditions, key, strict=True)),
                "n_cases": n_cases,
                "cases": [] if grp is None else [str(c) for c in grp.index],
                "n_outcome": n_pos,
                "consistency": consistency,
                # PRI for crisp sets equals consistency (no case is in both Y and ~Y); kept so
                # that tables read like the QCA package's.
                "pri": consistency,
                "raw_coverage": n_pos / n_outcome_total if n_outcome_total else np.nan,
                "contradictory": bool(0 < n_pos < n_cases),
                "status": status,
                "outcome_assigned": {"sufficient": 1, "not_sufficient": 0, "not_above_base_rate": 0}.get(status, pd.NA),
            }
        )
    frame = pd.DataFrame(rows)
    frame["outcome_assigned"] = frame["outcome_assigned"].astype("Int64")
    frame = frame.sort_values(["consistency", "n_cases"], ascending=False, na_position="last", kind="stable")
    frame = frame.reset_index(drop=True)
    frame["n"] = n
    frame["test"] = "qca_truth_table"
    notes = []
    if dropped:
        notes.append(Note("qca_dropped_cases", {"cases": dropped}))
    n_contradictory = int(frame["contradictory"].sum())
    if n_contradictory:
        notes.append(Note("qca_contradictions", {"n_rows": n_contradictory}))
    frame.attrs.update(
        outcome=label,
        conditions=list(conditions),
        consistency_threshold=consistency_threshold,
        min_cases=min_cases,
        base_rate_margin=base_rate_margin,
        base_rate=base_rate,
        n=n,
        n_outcome=n_outcome_total,
        dropped=dropped,
        assumptions=QCA_ASSUMPTIONS,
        notes=notes,
    )
    return frame


def _row_status(
    n_cases: int, consistency: float, base_rate: float, threshold: float, min_cases: int, margin: float
) -> str:
    if n_cases == 0:
        return "remainder"
    if n_cases < min_cases:
        return "too_few_cases"
    if consistency < threshold:
        return "not_sufficient"
    # A small tolerance keeps 0.9 = 0.8 + 0.1 on the sufficient side despite float rounding.
    if consistency < base_rate + margin - 1e-12:
        return "not_above_base_rate"
    return "sufficient"


@dataclass(frozen=True)
class SufficiencyResult:
    """Consistency and coverage of a conjunction X as sufficient for outcome Y (crisp sets).

    ``is_sufficient`` applies the module's guards: at least ``min_cases`` cases with X,
    consistency at least ``consistency_threshold`` and at least the base rate plus
    ``base_rate_margin``.
    """

    expression: str
    outcome: str
    n: int
    n_condition: int
    n_outcome: int
    n_both: int
    consistency: float
    coverage: float
    base_rate: float
    consistency_threshold: float
    min_cases: int
    base_rate_margin: float
    is_sufficient: bool
    cases_consistent: list[str]
    cases_inconsistent: list[str]
    test: str
    assumptions: tuple[str, ...]


def parse_conjunction(conditions: str | Sequence[str]) -> list[tuple[str, bool]]:
    """``"A*~B"`` or ``["A", "~B"]`` as ``[("A", False), ("B", True)]`` (name, negated)."""
    terms = conditions.split("*") if isinstance(conditions, str) else list(conditions)
    parsed = []
    for term in terms:
        term = term.strip()
        parsed.append((term.lstrip("~").strip(), term.startswith("~")))
    if not parsed or any(not name for name, _ in parsed):
        raise ValueError(f"cannot read the conjunction {conditions!r}")
    return parsed


def sufficiency(
    table: pd.DataFrame,
    conditions: str | Sequence[str],
    outcome: str,
    consistency_threshold: float = 0.8,
    min_cases: int = 2,
    base_rate_margin: float = 0.1,
) -> SufficiencyResult:
    """Ragin's crisp-set consistency |X∩Y|/|X| and coverage |X∩Y|/|Y| of a conjunction X.

    Args:
        table: case table with 0/1 columns.
        conditions: ``"large*~urban"`` or ``["large", "~urban"]``; ``~`` negates a condition.
        outcome: outcome column (``~`` negates; a theme name resolves to its presence column).
        consistency_threshold: consistency X must reach to count as sufficient.
        min_cases: cases with X needed before X can count as sufficient (one case that "meets"
            a threshold shows nothing).
        base_rate_margin: X's consistency must exceed the outcome's base rate by this much.

    Returns:
        A :class:`SufficiencyResult`; consistency is NaN when no case shows X, coverage NaN
        when no case shows Y. Cases missing any of the columns are left out.
    """
    terms = parse_conjunction(conditions)
    data, label, _ = crisp_cases(table, list(dict.fromkeys(name for name, _ in terms)), outcome)
    membership = pd.Series(True, index=data.index)
    for name, negated in terms:
        membership &= data[name] == (0 if negated else 1)
    y = data[label] == 1
    both = membership & y
    n_x, n_y, n_xy = int(membership.sum()), int(y.sum()), int(both.sum())
    n = len(data)
    consistency = n_xy / n_x if n_x else np.nan
    base_rate = n_y / n if n else np.nan
    return SufficiencyResult(
        expression="*".join(("~" if neg else "") + name for name, neg in terms),
        outcome=label,
        n=n,
        n_condition=n_x,
        n_outcome=n_y,
        n_both=n_xy,
        consistency=consistency,
        coverage=n_xy / n_y if n_y else np.nan,
        base_rate=base_rate,
        consistency_threshold=consistency_threshold,
        min_cases=min_cases,
        base_rate_margin=base_rate_margin,
        is_sufficient=bool(
            n_x >= min_cases
            and consistency >= consistency_threshold
            and consistency >= base_rate + base_rate_margin - 1e-12
        ),
        cases_consistent=[str(c) for c in data.index[both]],
        cases_inconsistent=[str(c) for c in data.index[membership & ~y]],
        test="qca_sufficiency",
        assumptions=QCA_ASSUMPTIONS,
    )
