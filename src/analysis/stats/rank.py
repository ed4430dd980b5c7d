"""Spearman and Kendall rank correlations with permutation p-values and bootstrap intervals.

At n = 20 and below, the usual large-sample p-values of rank correlations can be far off (at
n = 5 with rho = -1 the t approximation gives p = 1e-24; only 2 of the 120 orderings are that
extreme, so the exact two-sided p is 2/120 = 0.017). Here the p-value is a permutation p: over
all n! orderings of one variable up to ``max_exact_n`` cases, above that from ``n_permutations``
random orderings drawn from a generator seeded with ``permutation_seed``; both are recorded in
the result. The percentile bootstrap interval is flagged when it degenerates.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import cache
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from analysis.stats.columns import require_columns, segments_column, theme_name
from analysis.stats.fdr import add_bh_columns
from analysis.stats.notes import Note

__all__ = [
    "CORRELATION_COLUMNS",
    "MIN_PAIRS",
    "RANK_ASSUMPTIONS",
    "bootstrap_rank",
    "permutation_p_value",
    "rank_correlations",
]

# Below five pairs no two-sided rank test can reach p < 0.05 (n = 4 gives at best 2/24).
MIN_PAIRS = 5
RANK_ASSUMPTIONS = ("independent_cases", "monotonic_relation", "midranks_for_ties", "bootstrap_rough_small_n")
# Two statistics closer than this are equal: permuted statistics are sums of a few exact terms.
_TIE_TOL = 1e-9
# Permutations handled per block, so that Kendall's pair signs stay within a few tens of MB.
_BLOCK = 40_000

CORRELATION_COLUMNS = (
    "theme",
    "intensity",
    "variable",
    "n",
    "coefficient",
    "ci_low",
    "ci_high",
    "n_boot",
    "n_boot_used",
    "n_boot_distinct",
    "ci_degenerate",
    "boot_seed",
    "p_value",
    "p_method",
    "n_permutations",
    "permutation_seed",
    "p_adjusted_bh",
    "reject_bh",
    "n_tests_bh",
    "method",
    "test",
    "assumptions",
    "notes",
)

Method = Literal["spearman", "kendall"]


def rank_correlations(
    table: pd.DataFrame,
    intensities: Sequence[str],
    numeric: Sequence[str],
    method: Method = "spearman",
    n_boot: int = 2000,
    seed: int = 20150101,
    alpha: float = 0.05,
    confidence: float = 0.95,
    max_exact_n: int = 9,
    n_permutations: int = 20_000,
    permutation_seed: int = 20170101,
    min_distinct_boot: int = 20,
) -> pd.DataFrame:
    """Spearman or Kendall (tau-b) correlation of theme intensities with numeric characteristics.

    Each pair uses its complete cases. The p-value is two-sided from a permutation test (see the
    module docstring). The percentile bootstrap resamples the complete cases with replacement
    from a generator seeded with ``seed`` for every pair, so a pair's interval does not depend on
    the other pairs; resamples in which either variable is constant have no coefficient and are
    skipped (``n_boot_used``). ``ci_degenerate`` is True when the interval has zero width or rests
    on fewer than ``min_distinct_boot`` distinct resample values.

    Args:
        table: case table.
        intensities: theme names or ``theme_T_segments`` columns (or any numeric column).
        numeric: numeric characteristics, e.g. ``population_count``, ``density_per_km2``.
        method: ``"spearman"`` or ``"kendall"`` (tau-b).
        n_boot: number of bootstrap resamples.
        seed: seed of the bootstrap generator.
        alpha: false discovery rate for the BH rejections.
        confidence: level of the percentile interval.
        max_exact_n: pairs with at most this many cases get the p-value over all n! orderings.
        n_permutations: random orderings for larger pairs (Monte Carlo p).
        permutation_seed: seed of the Monte Carlo orderings.
        min_distinct_boot: fewer distinct bootstrap values than this flag the interval.

    Returns:
        One row per pair with the columns of :data:`CORRELATION_COLUMNS`; ``p_method`` is
        ``"exact"`` or ``"monte_carlo"``, ``n_permutations`` the number of orderings used (n! when
        exact) and ``permutation_seed`` None when exact; ``test`` is a code such as
        ``spearman_exact``; ``notes`` a tuple of :class:`~analysis.stats.notes.Note`.
    """
    if method not in ("spearman", "kendall"):
        raise ValueError(f"method must be 'spearman' or 'kendall', not {method!r}")
    intensity_cols = [c if c in table.columns else segments_column(c) for c in intensities]
    require_columns(table, [*intensity_cols, *numeric])
    settings = {
        "method": method,
        "n_boot": n_boot,
        "seed": seed,
        "confidence": confidence,
        "max_exact_n": max_exact_n,
        "n_permutations": n_permutations,
        "permutation_seed": permutation_seed,
        "min_distinct_boot": min_distinct_boot,
    }
    rows = [_correlation_one(table, x, y, **settings) for x, y in itertools.product(intensity_cols, numeric)]
    frame = pd.DataFrame(rows, columns=[c for c in CORRELATION_COLUMNS if not c.endswith("_bh")])
    return add_bh_columns(frame, alpha)[list(CORRELATION_COLUMNS)]


def _correlation_one(
    table: pd.DataFrame,
    x_col: str,
    y_col: str,
    *,
    method: Method,
    n_boot: int,
    seed: int,
    confidence: float,
    max_exact_n: int,
    n_permutations: int,
    permutation_seed: int,
    min_distinct_boot: int,
) -> dict[str, object]:
    pair = table[[x_col, y_col]].apply(pd.to_numeric, errors="raise").astype(float).dropna()
    n = len(pair)
    x, y = pair[x_col].to_numpy(), pair[y_col].to_numpy()
    exact = n <= max_exact_n
    row: dict[str, object] = {
        "theme": theme_name(x_col),
        "intensity": x_col,
        "variable": y_col,
        "n": n,
        "coefficient": np.nan,
        "ci_low": np.nan,
        "ci_high": np.nan,
        "n_boot": n_boot,
        "n_boot_used": 0,
        "n_boot_distinct": 0,
        "ci_degenerate": False,
        "boot_seed": seed,
        "p_value": np.nan,
        "p_method": "exact" if exact else "monte_carlo",
        "n_permutations": 0,
        "permutation_seed": None if exact else permutation_seed,
        "method": method,
        "test": f"{method}_{'exact' if exact else 'monte_carlo'}",
        "assumptions": RANK_ASSUMPTIONS,
        "notes": (),
    }
    if n < MIN_PAIRS:
        row["notes"] = (Note("too_few_pairs", {"n": n, "min_pairs": MIN_PAIRS}),)
        return row
    constant = [c for c, v in ((x_col, x), (y_col, y)) if np.ptp(v) == 0]
    if constant:
        row["notes"] = (Note("variable_constant", {"columns": constant, "n": n}),)
        return row

    result = stats.spearmanr(x, y) if method == "spearman" else stats.kendalltau(x, y)
    row["coefficient"] = float(result.statistic)
    p_value, used = permutation_p_value(
        x, y, method, max_exact_n=max_exact_n, n_permutations=n_permutations, seed=permutation_seed
    )
    row["p_value"], row["n_permutations"] = p_value, used

    notes: list[Note] = []
    boot = bootstrap_rank(x, y, method, n_boot, seed)
    row["n_boot_used"] = len(boot)
    if len(boot) == 0:
        row["notes"] = (Note("bootstrap_none_usable", {"n_boot": n_boot}),)
        return row
    tail = (1 - confidence) / 2
    low, high = (float(v) for v in np.quantile(boot, [tail, 1 - tail]))
    row["ci_low"], row["ci_high"] = low, high
    if len(boot) < 0.9 * n_boot:
        notes.append(Note("bootstrap_few_usable", {"n_used": len(boot), "n_boot": n_boot}))
    n_distinct = len(np.unique(np.round(boot, 9)))
    row["n_boot_distinct"] = n_distinct
    width = high - low
    if width <= _TIE_TOL or n_distinct < min_distinct_boot:
        row["ci_degenerate"] = True
        notes.append(
            Note("bootstrap_degenerate", {"width": width, "n_distinct": n_distinct, "min_distinct": min_distinct_boot})
        )
    row["notes"] = tuple(notes)
    return row


def permutation_p_value(
    x: np.ndarray,
    y: np.ndarray,
    method: Method,
    max_exact_n: int = 9,
    n_permutations: int = 20_000,
    seed: int = 20170101,
) -> tuple[float, int]:
    """Two-sided permutation p-value of Spearman's rho or Kendall's tau-b, and the orderings used.

    Up to ``max_exact_n`` cases every ordering of ``y`` is enumerated and p is the share of
    orderings whose statistic is at least as far from zero as the observed one. Above that,
    ``n_permutations`` random orderings are drawn and p = (1 + hits) / (1 + n_permutations), so
    that a Monte Carlo p is never zero. Ties are handled by mid-ranks (Spearman) and the tau-b
    denominator (Kendall), both unchanged by reordering.
    """
    # Both statistics depend on the data only through their ranks, and reordering y reorders
    # its mid-ranks: rank once, then Spearman's rho is Pearson's r of the reordered ranks.
    x = stats.rankdata(np.asarray(x, dtype=float))
    y = stats.rankdata(np.asarray(y, dtype=float))
    n = len(x)
    statistic = _pearson_rows if method == "spearman" else _kendall_statistics
    observed = abs(float(statistic(x, y[None, :])[0]))
    if n <= max_exact_n:
        orders = _all_orders(n)
        hits = sum(
            int((np.abs(statistic(x, y[orders[start : start + _BLOCK]])) >= observed - _TIE_TOL).sum())
            for start in range(0, len(orders), _BLOCK)
        )
        return hits / len(orders), len(orders)
    rng = np.random.default_rng(seed)
    hits = 0
    for start in range(0, n_permutations, _BLOCK):
        size = min(_BLOCK, n_permutations - start)
        orders = rng.permuted(np.tile(np.arange(n), (size, 1)), axis=1)
        hits += int((np.abs(statistic(x, y[orders])) >= observed - _TIE_TOL).sum())
    return (1 + hits) / (1 + n_permutations), n_permutations


@cache
def _all_orders(n: int) -> np.ndarray:
    return np.array(list(itertools.permutations(range(n))), dtype=np.intp)


def _pearson_rows(x: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Pearson's r of ``x`` with each row of ``ys``, rows being reorderings of one vector."""
    xc = x - x.mean()
    yc = ys[0] - ys[0].mean()
    # Reordering keeps the mean and the spread of y, so one denominator serves every row.
    return ((ys - ys[0].mean()) @ xc) / np.sqrt((xc**2).sum() * (yc**2).sum())


def _kendall_statistics(x: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Kendall's tau-b of ``x`` with each row of ``ys``."""
    i, j = np.triu_indices(len(x), k=1)
    sx = np.sign(x[i] - x[j])
    sy = np.sign(ys[:, i] - ys[:, j])
    # tau-b = S / sqrt((pairs untied in x) * (pairs untied in y)); reordering keeps both counts.
    untied_x = np.count_nonzero(sx)
    untied_y = np.count_nonzero(sy, axis=1)
    return (sy @ sx) / np.sqrt(untied_x * untied_y)


def _kendall_rows(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Kendall's tau-b of each row of ``xs`` with the same row of ``ys`` (bootstrap resamples)."""
    i, j = np.triu_indices(xs.shape[1], k=1)
    sx = np.sign(xs[:, i] - xs[:, j])
    sy = np.sign(ys[:, i] - ys[:, j])
    # A case drawn twice gives a pair tied in both variables: out of both counts, as in tau-b.
    untied = np.count_nonzero(sx, axis=1) * np.count_nonzero(sy, axis=1)
    return (sx * sy).sum(axis=1) / np.sqrt(untied)


def bootstrap_rank(x: np.ndarray, y: np.ndarray, method: Method, n_boot: int, seed: int) -> np.ndarray:
    """Coefficients of ``n_boot`` case resamples (with replacement) that vary in both variables."""
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(x), size=(n_boot, len(x)))
    xb, yb = x[idx], y[idx]
    usable = (np.ptp(xb, axis=1) > 0) & (np.ptp(yb, axis=1) > 0)
    xb, yb = xb[usable], yb[usable]
    if method == "kendall":
        return _kendall_rows(xb, yb)
    # Spearman's rho is Pearson's r of mid-ranks; computing it row-wise avoids 2000 scipy calls.
    rx = stats.rankdata(xb, axis=1)
    ry = stats.rankdata(yb, axis=1)
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    return (rx * ry).sum(axis=1) / np.sqrt((rx**2).sum(axis=1) * (ry**2).sum(axis=1))
