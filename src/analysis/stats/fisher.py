"""Fisher's exact tests of a theme's presence against a grouped characteristic.

A 2 x 2 table uses ``scipy.stats.fisher_exact``; more groups use the exact Fisher-Freeman-Halton
test by full enumeration (scipy 1.17 offers r x c only by Monte Carlo or permutation).
Benjamini-Hochberg runs over all tested pairs together.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats
from scipy.special import gammaln

from analysis.stats.columns import as_binary, ordered_levels, presence_column, require_columns, theme_name
from analysis.stats.fdr import add_bh_columns
from analysis.stats.notes import Note

__all__ = ["FISHER_ASSUMPTIONS", "FISHER_COLUMNS", "fisher_tests", "freeman_halton_exact"]

FISHER_COLUMNS = (
    "theme",
    "characteristic",
    "n",
    "n_present",
    "present_by_level",
    "odds_ratio",
    "contrast",
    "p_value",
    "p_adjusted_bh",
    "reject_bh",
    "n_tests_bh",
    "test",
    "assumptions",
    "notes",
)
FISHER_ASSUMPTIONS = ("independent_cases", "conditional_margins", "two_sided", "discrete_conservative")

# Relative tolerance when comparing table probabilities, as in R's fisher.test, so that tables
# equally probable up to rounding count as "at least as extreme".
_PROB_RTOL = 1e-7


def freeman_halton_exact(table: Sequence[Sequence[int]] | np.ndarray) -> float:
    """Exact two-sided p-value of the Fisher-Freeman-Halton test for an r x 2 table.

    Every table with the observed row and column totals is enumerated (no Monte Carlo); the
    p-value sums the probabilities of all tables no more probable than the observed one. For a
    2 x 2 table this equals ``scipy.stats.fisher_exact``'s two-sided p.

    Args:
        table: r x 2 counts, one row per group, columns (present, absent).

    Returns:
        The exact p-value.
    """
    counts = np.asarray(table, dtype=np.int64)
    if counts.ndim != 2 or counts.shape[1] != 2 or (counts < 0).any():
        raise ValueError("freeman_halton_exact expects an r x 2 table of non-negative counts")
    row_totals = counts.sum(axis=1)
    k = int(counts[:, 0].sum())
    n = int(row_totals.sum())
    # Multivariate hypergeometric: prod C(r_i, x_i) / C(n, k) over the first column x.
    log_norm = _log_comb(n, k)
    observed = sum(_log_comb(int(r), int(x)) for r, x in zip(row_totals, counts[:, 0], strict=True))
    cutoff = observed - log_norm + math.log1p(_PROB_RTOL)
    # Capacity still available after row i bounds x_i from below, which prunes the recursion.
    tail_capacity = np.append(np.cumsum(row_totals[::-1])[::-1][1:], 0)
    total = 0.0

    def walk(i: int, remaining: int, acc: float) -> None:
        nonlocal total
        if i == len(row_totals):
            if acc <= cutoff:
                total += math.exp(acc)
            return
        low = max(0, remaining - int(tail_capacity[i]))
        for x in range(low, min(int(row_totals[i]), remaining) + 1):
            walk(i + 1, remaining - x, acc + _log_comb(int(row_totals[i]), x))

    walk(0, k, -log_norm)
    return float(min(total, 1.0))


def _log_comb(n: int, k: int) -> float:
    return float(gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1))


def fisher_tests(
    table: pd.DataFrame,
    themes: Sequence[str],
    characteristics: Sequence[str],
    alpha: float = 0.05,
    max_numeric_levels: int = 6,
) -> pd.DataFrame:
    """Fisher's exact test of every theme's presence against every grouped characteristic.

    Args:
        table: case table, one row per municipality.
        themes: theme names (``T``) or presence columns (``theme_T_present``), 0/1 or boolean.
        characteristics: categorical, boolean or few-valued numeric columns (e.g.
            ``size_class``, ``stedelijkheid_class``, ``province_name``).
        alpha: false discovery rate for the BH rejections.
        max_numeric_levels: a numeric characteristic with more distinct values is refused; use
            :func:`analysis.stats.calibration.dichotomise` or
            :func:`analysis.stats.rank.rank_correlations` for it.

    Returns:
        One row per theme x characteristic with the columns of :data:`FISHER_COLUMNS`:
        ``present_by_level`` maps each level to (cases with the theme, cases); ``contrast`` is
        ``(level, reference level)`` of the odds ratio (2 x 2 only, else None); ``test`` is a
        test code (``fisher_2x2``, ``freeman_halton`` or ``none``); ``notes`` a tuple of
        :class:`~analysis.stats.notes.Note` saying why a pair was not tested.
    """
    presence_cols = [presence_column(t) for t in themes]
    require_columns(table, [*presence_cols, *characteristics])
    for char in characteristics:
        col = table[char]
        if (
            pd.api.types.is_numeric_dtype(col.dtype)
            and not pd.api.types.is_bool_dtype(col.dtype)
            and col.nunique() > max_numeric_levels
        ):
            raise ValueError(
                f"{char!r} is numeric with {col.nunique()} distinct values, not a grouping; "
                "dichotomise it first or use rank_correlations"
            )
    rows = [
        _fisher_one(table, theme_col, char) for theme_col, char in itertools.product(presence_cols, characteristics)
    ]
    frame = pd.DataFrame(rows, columns=[c for c in FISHER_COLUMNS if not c.endswith("_bh")])
    return add_bh_columns(frame, alpha)[list(FISHER_COLUMNS)]


def _fisher_one(table: pd.DataFrame, theme_col: str, char: str) -> dict[str, object]:
    present = as_binary(table[theme_col])
    grouping = table[char]
    keep = present.notna() & grouping.notna()
    present, grouping = present[keep], grouping[keep]
    n = int(keep.sum())
    levels = ordered_levels(grouping)
    by_level = {lvl: (int(present[grouping == lvl].sum()), int((grouping == lvl).sum())) for lvl in levels}
    n_present = int(present.sum())
    row: dict[str, object] = {
        "theme": theme_name(theme_col),
        "characteristic": char,
        "n": n,
        "n_present": n_present,
        "present_by_level": by_level,
        "odds_ratio": np.nan,
        "contrast": None,
        "p_value": np.nan,
        "test": "none",
        "assumptions": FISHER_ASSUMPTIONS,
        "notes": (),
    }
    if n == 0:
        row["notes"] = (Note("no_complete_cases"),)
    elif n_present in (0, n):
        value = "present" if n_present == n else "absent"
        row["notes"] = (Note("theme_constant", {"column": theme_col, "value": value, "n": n}),)
    elif len(levels) < 2:
        row["notes"] = (Note("characteristic_constant", {"column": char, "value": levels[0], "n": n}),)
    else:
        counts = [[k, t - k] for k, t in by_level.values()]
        if len(levels) == 2:
            result = stats.fisher_exact(counts, alternative="two-sided")
            row.update(
                odds_ratio=float(result.statistic),
                contrast=(levels[0], levels[1]),
                p_value=float(result.pvalue),
                test="fisher_2x2",
            )
        else:
            row.update(p_value=freeman_halton_exact(counts), test="freeman_halton")
    return row
