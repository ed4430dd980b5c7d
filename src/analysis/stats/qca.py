"""Crisp-set QCA to the end: the truth table minimised to its three solutions.

Conservative, parsimonious and intermediate solutions, with consistency, PRI and raw and unique
coverage per term.

- **Conservative** (complex): only the configurations coded sufficient are minimised; no
  assumption about configurations without (enough) cases.
- **Parsimonious**: remainders (rows without cases, or with fewer than ``min_cases``) may be
  used as don't-cares wherever that simplifies; ``simplifying_assumptions`` lists those used.
- **Intermediate** (Ragin and Sonnett 2005): for every conservative term and every parsimonious
  term that is a superset of it, drop from the conservative term the literals that run against
  the directional expectations (only "easy" counterfactuals), keeping those the parsimonious
  term needs; then the smallest set of such terms that covers the positive configurations.

Negative and contradictory rows below the thresholds are never covered. See
:mod:`analysis.stats.truth_table` for the guards on which rows count as sufficient.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.stats.minimise import Implicant, covers, expression, minimal_covers, prime_implicants, subsumes
from analysis.stats.notes import Note
from analysis.stats.truth_table import QCA_ASSUMPTIONS, crisp_cases, truth_table

__all__ = ["TERM_COLUMNS", "QCAResult", "Solution", "minimise_truth_table", "solution_fit"]

TERM_COLUMNS = ("term", "n_cases", "consistency", "pri", "raw_coverage", "unique_coverage", "cases")


@dataclass
class Solution:
    """One solution (the first of equally minimal models) and its fit.

    Attributes:
        kind: ``"conservative"``, ``"parsimonious"`` or ``"intermediate"``.
        expression: ``"A*B + ~C"`` (``""`` when no configuration is sufficient).
        implicants: the terms as implicants over the conditions (None: either value).
        models: every equally minimal model as an expression (the first is ``expression``).
        terms: one row per term with the columns of :data:`TERM_COLUMNS` (case-level values).
        consistency, pri, coverage: of the whole solution (the union of its terms).
        simplifying_assumptions: remainder configurations the solution covers.
    """

    kind: str
    expression: str
    implicants: list[Implicant]
    models: list[str]
    terms: pd.DataFrame
    consistency: float
    pri: float
    coverage: float
    simplifying_assumptions: list[tuple[int, ...]] = field(default_factory=list)


@dataclass
class QCAResult:
    """Truth table and its three solutions, with the settings that produced them."""

    outcome: str
    conditions: list[str]
    truth_table: pd.DataFrame
    conservative: Solution
    parsimonious: Solution
    intermediate: Solution | None
    directional_expectations: dict[str, int]
    n: int
    test: str = "qca_minimisation"
    assumptions: tuple[str, ...] = QCA_ASSUMPTIONS
    notes: list[Note] = field(default_factory=list)

    def solution(self, kind: str) -> Solution | None:
        """The solution of ``kind`` (``conservative``, ``parsimonious``, ``intermediate``)."""
        solutions = {
            "conservative": self.conservative,
            "parsimonious": self.parsimonious,
            "intermediate": self.intermediate,
        }
        if kind not in solutions:
            raise KeyError(f"no solution kind {kind!r}; one of {', '.join(solutions)}")
        return solutions[kind]


def minimise_truth_table(
    table: pd.DataFrame,
    conditions: Sequence[str],
    outcome: str,
    consistency_threshold: float = 0.8,
    min_cases: int = 1,
    base_rate_margin: float = 0.1,
    directional_expectations: Mapping[str, int] | None = None,
) -> QCAResult:
    """Build the truth table and minimise it to the three solutions.

    Args:
        table: case table with 0/1 conditions and outcome.
        conditions: condition columns.
        outcome: outcome column (``~`` negates; a theme name resolves to its presence column).
        consistency_threshold: consistency a row must reach to be coded sufficient.
        min_cases: rows with fewer cases are treated as remainders.
        base_rate_margin: a row is sufficient only if its consistency is at least the outcome's
            base rate plus this margin (see :func:`analysis.stats.truth_table.truth_table`).
        directional_expectations: condition -> 1 (its presence is expected to contribute to the
            outcome) or 0 (its absence is); conditions left out have no expectation. None: no
            intermediate solution.

    Returns:
        A :class:`QCAResult`.
    """
    conditions = list(conditions)
    expectations = dict(directional_expectations or {})
    unknown = set(expectations) - set(conditions)
    if unknown or any(v not in (0, 1) for v in expectations.values()):
        raise ValueError(f"directional expectations must map conditions to 0 or 1, got {expectations}")
    tt = truth_table(
        table,
        conditions,
        outcome,
        consistency_threshold=consistency_threshold,
        min_cases=min_cases,
        include_remainders=True,
        base_rate_margin=base_rate_margin,
    )
    configs = [tuple(int(v) for v in row) for row in tt[conditions].itertuples(index=False)]
    positive = [c for c, s in zip(configs, tt["status"], strict=True) if s == "sufficient"]
    remainders = [c for c, s in zip(configs, tt["status"], strict=True) if s in ("remainder", "too_few_cases")]
    data, label, _ = crisp_cases(table, conditions, outcome)
    notes = list(tt.attrs["notes"])
    if not positive:
        notes.append(Note("qca_no_positive_rows"))

    conservative_models = minimal_covers(prime_implicants(positive), positive)
    parsimonious_models = minimal_covers(prime_implicants(positive, remainders), positive)
    conservative = _solution("conservative", conservative_models, conditions, data, label, remainders)
    parsimonious = _solution("parsimonious", parsimonious_models, conditions, data, label, remainders)
    intermediate = None
    if directional_expectations is not None:
        models = _intermediate_models(conservative_models, parsimonious_models, conditions, expectations, positive)
        intermediate = _solution("intermediate", models, conditions, data, label, remainders)
    return QCAResult(
        outcome=label,
        conditions=conditions,
        truth_table=tt,
        conservative=conservative,
        parsimonious=parsimonious,
        intermediate=intermediate,
        directional_expectations=expectations,
        n=len(data),
        notes=notes,
    )


def _intermediate_models(
    conservative: list[list[Implicant]],
    parsimonious: list[list[Implicant]],
    conditions: list[str],
    expectations: Mapping[str, int],
    positive: list[tuple[int, ...]],
) -> list[list[Implicant]]:
    expected = [expectations.get(c) for c in conditions]
    candidates: set[Implicant] = set()
    for c_model, p_model in itertools.product(conservative, parsimonious):
        for c_term in c_model:
            for p_term in (p for p in p_model if subsumes(p, c_term)):
                candidates.add(
                    tuple(
                        value if value is None or p_value is not None or exp is None or value == exp else None
                        for value, p_value, exp in zip(c_term, p_term, expected, strict=True)
                    )
                )
    # A candidate contained in another candidate adds nothing to a cover.
    reduced = [t for t in candidates if not any(o != t and subsumes(o, t) for o in candidates)]
    return minimal_covers(sorted(reduced, key=lambda t: expression(t, conditions)), positive)


def _solution(
    kind: str,
    models: list[list[Implicant]],
    conditions: list[str],
    data: pd.DataFrame,
    label: str,
    remainders: list[tuple[int, ...]],
) -> Solution:
    implicants = _ordered(models[0], conditions) if models else []
    fit = solution_fit(data, conditions, label, implicants)
    return Solution(
        kind=kind,
        expression=" + ".join(expression(t, conditions) for t in implicants),
        implicants=implicants,
        models=[" + ".join(expression(t, conditions) for t in _ordered(m, conditions)) for m in models],
        terms=fit["terms"],
        consistency=fit["consistency"],
        pri=fit["pri"],
        coverage=fit["coverage"],
        simplifying_assumptions=[r for r in remainders if any(covers(t, r) for t in implicants)],
    )


def _ordered(model: list[Implicant], conditions: list[str]) -> list[Implicant]:
    # Fewer literals first, then by the positions of the conditions they use: the order in
    # which the QCA package prints terms.
    def key(term: Implicant) -> tuple:
        positions = tuple(i for i, v in enumerate(term) if v is not None)
        return (len(positions), positions, tuple(term[i] for i in positions))

    return sorted(model, key=key)


def solution_fit(data: pd.DataFrame, conditions: Sequence[str], outcome: str, implicants: Sequence[Implicant]) -> dict:
    """Case-level consistency, PRI and raw and unique coverage of each term and of the solution.

    Args:
        data: 0/1 frame with the conditions and the outcome column (complete cases).
        conditions: condition columns, in the implicants' order.
        outcome: outcome column of ``data``.
        implicants: the solution's terms.

    Returns:
        ``{"terms": DataFrame, "consistency": float, "pri": float, "coverage": float}``.
    """
    x = data[list(conditions)].to_numpy()
    y = data[outcome].to_numpy() == 1
    members = [np.array([covers(t, row) for row in x], dtype=bool) for t in implicants]
    union = np.logical_or.reduce(members) if members else np.zeros(len(y), dtype=bool)
    n_y = int(y.sum())
    rows = []
    for t, member in zip(implicants, members, strict=True):
        others = [m for m in members if m is not member]
        rest = np.logical_or.reduce(others) if others else np.zeros(len(y), dtype=bool)
        consistency, pri = _consistency_pri(member, y)
        rows.append(
            {
                "term": expression(t, conditions),
                "n_cases": int(member.sum()),
                "consistency": consistency,
                "pri": pri,
                "raw_coverage": (member & y).sum() / n_y if n_y else np.nan,
                "unique_coverage": (member & y & ~rest).sum() / n_y if n_y else np.nan,
                "cases": [str(c) for c in data.index[member]],
            }
        )
    consistency, pri = _consistency_pri(union, y)
    return {
        "terms": pd.DataFrame(rows, columns=list(TERM_COLUMNS)),
        "consistency": consistency,
        "pri": pri,
        "coverage": (union & y).sum() / n_y if n_y else np.nan,
    }


def _consistency_pri(member: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Sufficiency consistency and PRI of a crisp set for a crisp outcome.

    PRI = (sum min(X, Y) - sum min(X, Y, ~Y)) / (sum X - sum min(X, Y, ~Y)); with crisp sets
    min(X, Y, ~Y) is 0, so PRI equals consistency, as the QCA package prints.
    """
    x = member.astype(float)
    yy = y.astype(float)
    both = np.minimum(x, yy).sum()
    overlap = np.minimum(np.minimum(x, yy), 1 - yy).sum()
    if x.sum() == 0:
        return np.nan, np.nan
    consistency = float(both / x.sum())
    denominator = x.sum() - overlap
    return consistency, float((both - overlap) / denominator) if denominator else np.nan
