"""Cross-case statistics for the twenty municipalities, written to stay honest at n = 20.

The input is the case table: one row per municipality indexed by ``gm_code`` with structural
characteristics (``population_count``, ``stedelijkheid_class``, ``size_class``, ...) and, for
each interview theme ``T``, a presence column ``theme_<T>_present`` (0/1) and an intensity column
``theme_<T>_segments`` (number of coded segments). Themes may be passed by name (``"T"``) or by
column name.

Every result carries the number of cases used (missing values are dropped per test), the test
and its assumptions in one line. Degenerate input (a theme coded everywhere, a constant
covariate, separation) yields a note or a warning and NaN, never a number that merely looks
meaningful. The ``describe_*`` functions turn each result into one English sentence built from
the computed numbers.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import optimize, stats
from scipy.special import gammaln
from statsmodels.stats.multitest import multipletests
from statsmodels.tools.sm_exceptions import (
    ConvergenceWarning,
    HessianInversionWarning,
    PerfectSeparationError,
    PerfectSeparationWarning,
)

__all__ = [
    "Dichotomisation",
    "ModelResult",
    "SufficiencyResult",
    "benjamini_hochberg",
    "describe_correlation",
    "describe_fisher",
    "describe_model",
    "describe_sufficiency",
    "describe_truth_table",
    "dichotomise",
    "fisher_tests",
    "fit_theme_model",
    "freeman_halton_exact",
    "presence_column",
    "rank_correlations",
    "segments_column",
    "sufficiency",
    "theme_label",
    "truth_table",
]

# Below five pairs no two-sided rank test can reach p < 0.05 (n = 4 gives at best 2/24).
MIN_PAIRS = 5
# Relative tolerance when comparing table probabilities, as in R's fisher.test, so that tables
# equally probable up to rounding count as "at least as extreme".
_PROB_RTOL = 1e-7
# Linear programs for separation run on standardised columns bounded by 1, so anything above
# this is a real direction of separation rather than solver noise.
_LP_TOL = 1e-7

ModelKind = Literal["logit", "poisson", "negbin"]


# --------------------------------------------------------------------------------------------
# Column conventions and formatting
# --------------------------------------------------------------------------------------------


def presence_column(theme: str) -> str:
    """Presence column of a theme: ``theme_<T>_present`` (a full column name passes through)."""
    if theme.startswith("theme_") and theme.endswith(("_present", "_segments")):
        return f"theme_{_strip_theme(theme)}_present"
    return f"theme_{theme}_present"


def segments_column(theme: str) -> str:
    """Intensity column of a theme: ``theme_<T>_segments`` (a full column name passes through)."""
    if theme.startswith("theme_") and theme.endswith(("_present", "_segments")):
        return f"theme_{_strip_theme(theme)}_segments"
    return f"theme_{theme}_segments"


def _strip_theme(column: str) -> str:
    name = column.removeprefix("theme_")
    for suffix in ("_present", "_segments"):
        name = name.removesuffix(suffix)
    return name


def theme_label(name: str, labels: Mapping[str, str] | None = None) -> str:
    """Readable label for a theme or column.

    ``labels`` wins; otherwise ``regional_cooperation`` becomes ``Regional cooperation``.
    """
    if labels:
        for key in (name, _strip_theme(name)):
            if key in labels:
                return labels[key]
    text = _strip_theme(name) if name.startswith("theme_") else name
    text = text.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _lower_label(name: str, labels: Mapping[str, str] | None) -> str:
    label = theme_label(name, labels)
    # Keep acronyms (e.g. "WMO") intact when a label is used mid-sentence.
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _fmt_distinct(*values: float) -> list[str]:
    """Format an estimate and its limits with just enough decimals to tell them apart.

    Per-unit ratios of large covariates (population) sit close to 1; two decimals would print
    "1.00 (1.00 to 1.00)".
    """
    if not all(np.isfinite(v) and 0.01 <= abs(v) < 1000 for v in values):
        return [_fmt_num(v) for v in values]
    for digits in range(2, 8):
        texts = [f"{v:.{digits}f}" for v in values]
        if len(set(texts)) == len(set(values)):
            return texts
    return texts


def _p_is(p: float) -> str:
    """``"= 0.17"`` or ``"< 0.001"``, to follow a ``p``."""
    text = _fmt_p(p)
    return text if text.startswith("<") else f"= {text}"


def _fmt_p(p: float) -> str:
    if not np.isfinite(p):
        return "n/a"
    if p < 0.001:
        return "< 0.001"
    return f"{p:.3f}" if p < 0.01 else f"{p:.2f}"


def _fmt_num(x: float, digits: int = 2) -> str:
    if not np.isfinite(x):
        return "infinite" if x > 0 else ("minus infinity" if x < 0 else "n/a")
    if x != 0 and (abs(x) >= 1000 or abs(x) < 0.01):
        return f"{x:.2g}"
    return f"{x:.{digits}f}"


def _check_columns(table: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KeyError(f"columns not in the case table: {missing}")


def _as_binary(series: pd.Series) -> pd.Series:
    """0/1 float series (NaN kept) or ValueError when the column is not binary."""
    if pd.api.types.is_bool_dtype(series.dtype):
        return series.astype(float)
    if not pd.api.types.is_numeric_dtype(series.dtype):
        raise ValueError(f"column {series.name!r} must be 0/1 or boolean, found {series.dtype}")
    values = series.astype(float)
    bad = set(values.dropna().unique()) - {0.0, 1.0}
    if bad:
        raise ValueError(f"column {series.name!r} must be 0/1, found values {sorted(bad)}")
    return values


def benjamini_hochberg(p_values: Sequence[float] | np.ndarray, alpha: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Benjamini-Hochberg adjusted p-values and rejections; NaN entries stay out of the family.

    Args:
        p_values: raw p-values; NaN marks a comparison that was not tested.
        alpha: false discovery rate.

    Returns:
        ``(adjusted, reject)``; both NaN/False where the input was NaN.
    """
    p = np.asarray(p_values, dtype=float)
    adjusted = np.full(p.shape, np.nan)
    reject = np.zeros(p.shape, dtype=bool)
    tested = ~np.isnan(p)
    if tested.any():
        reject[tested], adjusted[tested], _, _ = multipletests(p[tested], alpha=alpha, method="fdr_bh")
    return adjusted, reject


def _add_bh(frame: pd.DataFrame, alpha: float) -> pd.DataFrame:
    adjusted, reject = benjamini_hochberg(frame["p_value"].to_numpy(dtype=float), alpha)
    frame["p_adjusted_bh"] = adjusted
    # Untested rows get <NA>, not False: "not rejected" would suggest a test was run.
    frame["reject_bh"] = pd.array(
        [bool(r) if np.isfinite(a) else pd.NA for r, a in zip(reject, adjusted, strict=True)],
        dtype="boolean",
    )
    frame["n_tests_bh"] = int(np.isfinite(adjusted).sum())
    return frame


# --------------------------------------------------------------------------------------------
# 1. Fisher's exact tests: theme presence x grouped characteristic
# --------------------------------------------------------------------------------------------

FISHER_COLUMNS = (
    "theme",
    "characteristic",
    "n",
    "n_present",
    "counts",
    "present_by_level",
    "odds_ratio",
    "contrast",
    "p_value",
    "p_adjusted_bh",
    "reject_bh",
    "n_tests_bh",
    "test",
    "assumptions",
    "note",
)
FISHER_ASSUMPTIONS = (
    "independent cases; conditional on both margins; two-sided; discrete, hence conservative at small n"
)


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


def _levels(series: pd.Series) -> list[Hashable]:
    """Observed levels in a stable, meaningful order (category order, True before False)."""
    observed = series.dropna()
    if isinstance(series.dtype, pd.CategoricalDtype):
        present = set(observed)
        return [c for c in series.cat.categories if c in present]
    if pd.api.types.is_bool_dtype(series.dtype):
        return [v for v in (True, False) if (observed == v).any()]
    uniques = list(observed.unique())
    if pd.api.types.is_numeric_dtype(series.dtype) and set(uniques) <= {0, 1}:
        # A 0/1 indicator reads as yes/no: 1 first, like True, so odds ratios contrast 1 with 0.
        return [v for v in (1, 0) if v in set(uniques)]
    try:
        return sorted(uniques)
    except TypeError:
        return sorted(uniques, key=str)


def fisher_tests(
    table: pd.DataFrame,
    themes: Sequence[str],
    characteristics: Sequence[str],
    alpha: float = 0.05,
    max_numeric_levels: int = 6,
) -> pd.DataFrame:
    """Fisher's exact test of every theme's presence against every grouped characteristic.

    A 2 x 2 table uses ``scipy.stats.fisher_exact`` (two-sided, with the sample odds ratio);
    more groups use the exact Fisher-Freeman-Halton test by full enumeration
    (:func:`freeman_halton_exact`; scipy 1.17 offers r x c only by Monte Carlo or permutation).
    Benjamini-Hochberg runs over all tested pairs together.

    Args:
        table: case table, one row per municipality.
        themes: theme names (``T``) or presence columns (``theme_T_present``), 0/1 or boolean.
        characteristics: categorical, boolean or few-valued numeric columns (e.g.
            ``size_class``, ``stedelijkheid_class``, ``province_name``).
        alpha: false discovery rate for the BH rejections.
        max_numeric_levels: a numeric characteristic with more distinct values is refused; use
            :func:`dichotomise` or :func:`rank_correlations` for it.

    Returns:
        One row per theme x characteristic with columns ``theme, characteristic, n, n_present,
        counts, present_by_level, odds_ratio, contrast, p_value, p_adjusted_bh, reject_bh,
        n_tests_bh, test, assumptions, note``.
    """
    presence_cols = [presence_column(t) for t in themes]
    _check_columns(table, [*presence_cols, *characteristics])
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

    rows = []
    for theme_col, char in itertools.product(presence_cols, characteristics):
        rows.append(_fisher_one(table, theme_col, char))
    frame = pd.DataFrame(rows)
    return _add_bh(frame, alpha)[list(FISHER_COLUMNS)]


def _fisher_one(table: pd.DataFrame, theme_col: str, char: str) -> dict[str, object]:
    present = _as_binary(table[theme_col])
    grouping = table[char]
    keep = present.notna() & grouping.notna()
    present, grouping = present[keep], grouping[keep]
    n = int(keep.sum())
    levels = _levels(grouping)
    by_level = {lvl: (int(present[grouping == lvl].sum()), int((grouping == lvl).sum())) for lvl in levels}
    n_present = int(present.sum())
    row: dict[str, object] = {
        "theme": _strip_theme(theme_col),
        "characteristic": char,
        "n": n,
        "n_present": n_present,
        "counts": "; ".join(f"{lvl}: {k}/{t}" for lvl, (k, t) in by_level.items()),
        "present_by_level": by_level,
        "odds_ratio": np.nan,
        "contrast": "",
        "p_value": np.nan,
        "test": "none",
        "assumptions": FISHER_ASSUMPTIONS,
        "note": "",
    }
    if n == 0:
        row["note"] = "no case with both values: no test"
    elif n_present in (0, n):
        where = "present" if n_present == n else "absent"
        row["note"] = f"theme {where} in all {n} cases: no test"
    elif len(levels) < 2:
        row["note"] = f"{char} takes a single value ({levels[0]}) in these {n} cases: no test"
    elif len(levels) == 2:
        counts = [[k, t - k] for k, t in by_level.values()]
        result = stats.fisher_exact(counts, alternative="two-sided")
        row.update(
            odds_ratio=float(result.statistic),
            contrast=f"odds of presence, {levels[0]} vs {levels[1]}",
            p_value=float(result.pvalue),
            test="Fisher's exact test (2x2, two-sided)",
        )
    else:
        counts = [[k, t - k] for k, t in by_level.values()]
        row.update(
            p_value=freeman_halton_exact(counts),
            test=f"Fisher-Freeman-Halton exact test ({len(levels)}x2, full enumeration)",
        )
    return row


# --------------------------------------------------------------------------------------------
# 2. Rank correlations with bootstrap intervals
# --------------------------------------------------------------------------------------------


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
    "p_value",
    "p_adjusted_bh",
    "reject_bh",
    "n_tests_bh",
    "method",
    "test",
    "assumptions",
    "note",
)


def rank_correlations(
    table: pd.DataFrame,
    intensities: Sequence[str],
    numeric: Sequence[str],
    method: Literal["spearman", "kendall"] = "spearman",
    n_boot: int = 2000,
    seed: int = 20150101,
    alpha: float = 0.05,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Spearman or Kendall (tau-b) correlation of theme intensities with numeric characteristics.

    Each pair uses its complete cases. The percentile bootstrap resamples those cases with
    replacement from a generator seeded with ``seed`` for every pair, so a pair's interval does
    not depend on which other pairs are in the family; resamples in which either variable is
    constant have no coefficient and are skipped (``n_boot_used`` says how many were kept).

    Args:
        table: case table.
        intensities: theme names or ``theme_T_segments`` columns (or any numeric column).
        numeric: numeric characteristics, e.g. ``population_count``, ``density_per_km2``.
        method: ``"spearman"`` (p from scipy's t approximation) or ``"kendall"`` (tau-b; exact
            p without ties at small n, otherwise the tie-corrected normal approximation).
        n_boot: number of bootstrap resamples.
        seed: seed of the bootstrap generator.
        alpha: false discovery rate for the BH rejections.
        confidence: level of the percentile interval.

    Returns:
        One row per pair with ``theme, intensity, variable, n, coefficient, ci_low, ci_high,
        n_boot, n_boot_used, p_value, p_adjusted_bh, reject_bh, n_tests_bh, method, test,
        assumptions, note``.
    """
    if method not in ("spearman", "kendall"):
        raise ValueError(f"method must be 'spearman' or 'kendall', not {method!r}")
    intensity_cols = [c if c in table.columns else segments_column(c) for c in intensities]
    _check_columns(table, [*intensity_cols, *numeric])
    rows = [
        _correlation_one(table, x, y, method, n_boot, seed, confidence)
        for x, y in itertools.product(intensity_cols, numeric)
    ]
    return _add_bh(pd.DataFrame(rows), alpha)[list(CORRELATION_COLUMNS)]


def _correlation_one(
    table: pd.DataFrame,
    x_col: str,
    y_col: str,
    method: str,
    n_boot: int,
    seed: int,
    confidence: float,
) -> dict[str, object]:
    pair = table[[x_col, y_col]].apply(pd.to_numeric, errors="raise").astype(float).dropna()
    n = len(pair)
    x, y = pair[x_col].to_numpy(), pair[y_col].to_numpy()
    label = "Spearman's rho" if method == "spearman" else "Kendall's tau-b"
    row: dict[str, object] = {
        "theme": _strip_theme(x_col) if x_col.startswith("theme_") else x_col,
        "intensity": x_col,
        "variable": y_col,
        "n": n,
        "coefficient": np.nan,
        "ci_low": np.nan,
        "ci_high": np.nan,
        "n_boot": n_boot,
        "n_boot_used": 0,
        "p_value": np.nan,
        "method": method,
        "test": f"{label}, percentile bootstrap {confidence:.0%} CI ({n_boot} resamples)",
        "assumptions": (
            "independent cases; monotonic relation; ties handled by mid-ranks; percentile "
            "bootstrap intervals are rough at small n"
        ),
        "note": "",
    }
    if n < MIN_PAIRS:
        row["note"] = f"only {n} complete pairs: no test"
        return row
    constant = [c for c, v in ((x_col, x), (y_col, y)) if np.ptp(v) == 0]
    if constant:
        row["note"] = f"{', '.join(constant)} constant in these {n} cases: no coefficient"
        return row

    result = stats.spearmanr(x, y) if method == "spearman" else stats.kendalltau(x, y)
    row["coefficient"] = float(result.statistic)
    row["p_value"] = float(result.pvalue)

    boot = _bootstrap_rank(x, y, method, n_boot, seed)
    row["n_boot_used"] = len(boot)
    if len(boot) == 0:
        row["note"] = "every bootstrap resample had a constant variable: no interval"
        return row
    tail = (1 - confidence) / 2
    row["ci_low"], row["ci_high"] = (float(v) for v in np.quantile(boot, [tail, 1 - tail]))
    if len(boot) < 0.9 * n_boot:
        row["note"] = (
            f"interval from {len(boot)} of {n_boot} resamples; the rest had a constant "
            "variable, so the interval is conditional on variation"
        )
    return row


def _bootstrap_rank(x: np.ndarray, y: np.ndarray, method: str, n_boot: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(x), size=(n_boot, len(x)))
    xb, yb = x[idx], y[idx]
    usable = (np.ptp(xb, axis=1) > 0) & (np.ptp(yb, axis=1) > 0)
    xb, yb = xb[usable], yb[usable]
    if method == "kendall":
        return np.array([stats.kendalltau(a, b).statistic for a, b in zip(xb, yb, strict=True)])
    # Spearman's rho is Pearson's r of mid-ranks; computing it row-wise avoids 2000 scipy calls.
    rx = stats.rankdata(xb, axis=1)
    ry = stats.rankdata(yb, axis=1)
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    return (rx * ry).sum(axis=1) / np.sqrt((rx**2).sum(axis=1) * (ry**2).sum(axis=1))


# --------------------------------------------------------------------------------------------
# 3. Small regression models with reliability checks
# --------------------------------------------------------------------------------------------


@dataclass
class ModelResult:
    """A fitted (or attempted) model with everything needed to judge it.

    ``coefficients`` is indexed by term (``Intercept`` first) with columns ``estimate,
    std_error, ci_low, ci_high, p_value, ratio, ratio_ci_low, ratio_ci_high``; ratios are odds
    ratios (logit) or rate ratios (Poisson, negative binomial). Estimates are NaN where the model
    is not estimable; ``warnings`` says why and ``is_reliable`` is False whenever any warning
    applies.
    """

    kind: str
    outcome: str
    covariates: list[str]
    n: int
    events: int
    n_parameters: int
    events_per_variable: float
    coefficients: pd.DataFrame
    ratio_name: str
    converged: bool
    estimable: bool
    test: str
    assumptions: str
    dispersion: float = np.nan
    negbin_alpha: float = np.nan
    warnings: list[str] = field(default_factory=list)

    @property
    def is_reliable(self) -> bool:
        """True only when the fit converged, is estimable and raised no warning."""
        return self.estimable and self.converged and not self.warnings


_MODEL_NAMES = {
    "logit": ("logistic regression", "odds ratio"),
    "poisson": ("Poisson regression", "rate ratio"),
    "negbin": ("negative binomial regression", "rate ratio"),
}


def fit_theme_model(
    table: pd.DataFrame,
    outcome: str,
    covariates: str | Sequence[str],
    kind: ModelKind = "logit",
    min_epv: float = 10.0,
    dispersion_threshold: float = 1.5,
) -> ModelResult:
    """Fit a logistic, Poisson or negative binomial model with at most two covariates.

    Separation (logit) and perfectly predicted zero counts (Poisson, negative binomial) are
    detected before fitting with a linear program; the maximum-likelihood estimate then does not
    exist, so estimates are NaN. Warnings statsmodels raises while fitting are captured and
    reported, as are fewer than ``min_epv`` events per variable, non-convergence, constant
    covariates and (Poisson) overdispersion.

    Args:
        table: case table.
        outcome: outcome column; a theme name resolves to ``theme_T_present`` for ``logit`` and
            to ``theme_T_segments`` otherwise.
        covariates: one or two columns; numeric, boolean or categorical (dummy-coded against
            the first level).
        kind: ``"logit"`` (Logit), ``"poisson"`` (GLM, log link) or ``"negbin"`` (NB2).
        min_epv: events per variable below which the fit is flagged. Events are the rarer
            outcome class for logit and the cases with a non-zero count for count models.
        dispersion_threshold: Pearson chi-square / df above which a Poisson fit is flagged.

    Returns:
        A :class:`ModelResult`.

    Raises:
        ValueError: for more than two (or no) covariates, an unknown ``kind`` or an outcome of
            the wrong type.
    """
    covs = [covariates] if isinstance(covariates, str) else list(covariates)
    if not 1 <= len(covs) <= 2:
        raise ValueError(
            f"fit_theme_model takes one or two covariates with n = {len(table)} cases; got "
            f"{len(covs)}: {covs}. Fit separate models or reduce the covariates first."
        )
    if kind not in _MODEL_NAMES:
        raise ValueError(f"kind must be 'logit', 'poisson' or 'negbin', not {kind!r}")
    if outcome not in table.columns:
        outcome = presence_column(outcome) if kind == "logit" else segments_column(outcome)
    _check_columns(table, [outcome, *covs])

    data = table[[outcome, *covs]].dropna()
    y = _model_outcome(data[outcome], kind)
    n = len(data)
    design, constant_covs, terms_by_cov = _design(data, covs)
    model_name, ratio_name = _MODEL_NAMES[kind]
    n_parameters = design.shape[1] - 1
    events = int(min(y.sum(), n - y.sum())) if kind == "logit" else int((y > 0).sum())
    epv = events / n_parameters if n_parameters else np.nan

    all_terms = ["Intercept"] + [t for c in covs for t in terms_by_cov[c]]
    result = ModelResult(
        kind=kind,
        outcome=outcome,
        covariates=covs,
        n=n,
        events=events,
        n_parameters=n_parameters,
        events_per_variable=epv,
        coefficients=_empty_coefficients(all_terms),
        ratio_name=ratio_name,
        converged=False,
        estimable=False,
        test=f"{model_name} (maximum likelihood, Wald 95% CI)",
        assumptions=(
            f"independent cases; {'log-odds' if kind == 'logit' else 'log expected count'} linear in the "
            f"covariates; Wald intervals assume large-sample normality, doubtful at n = {n}"
            + ("; variance equals mean" if kind == "poisson" else "")
        ),
    )
    for cov in constant_covs:
        result.warnings.append(f"covariate {cov} is constant in these {n} cases: its effect cannot be estimated")
    if not _outcome_varies(y, kind, result):
        return result
    if np.linalg.matrix_rank(design.to_numpy()) < design.shape[1]:
        result.warnings.append("covariates are collinear (design matrix not of full rank): not estimable")
        return result
    separation = _detect_separation(design, y, kind)
    if separation:
        result.warnings.append(separation)
        return result
    if n_parameters and epv < min_epv:
        result.warnings.append(
            f"{events} events for {n_parameters} parameter(s): {epv:.1f} events per variable, below {min_epv:g}"
        )
    _fit(result, design, y, kind, dispersion_threshold)
    return result


def _model_outcome(series: pd.Series, kind: str) -> np.ndarray:
    if kind == "logit":
        return _as_binary(series).to_numpy()
    values = pd.to_numeric(series, errors="raise").astype(float).to_numpy()
    if (values < 0).any() or not np.allclose(values, np.round(values)):
        raise ValueError(f"{kind} needs non-negative integer counts in {series.name!r}")
    return values


def _design(data: pd.DataFrame, covs: Sequence[str]) -> tuple[pd.DataFrame, list[str], dict[str, list[str]]]:
    """Design matrix with intercept; constant covariates are left out and named separately."""
    parts = [pd.Series(1.0, index=data.index, name="Intercept")]
    constant: list[str] = []
    terms: dict[str, list[str]] = {}
    for cov in covs:
        col = data[cov]
        levels = _levels(col)
        if len(levels) < 2:
            constant.append(cov)
            terms[cov] = [cov]
        elif pd.api.types.is_numeric_dtype(col.dtype) and not isinstance(col.dtype, pd.CategoricalDtype):
            terms[cov] = [cov]
            parts.append(col.astype(float).rename(cov))
        else:
            # Dummy coding against the first level keeps every term a contrast with a named
            # reference group.
            terms[cov] = [f"{cov}[{lvl}]" for lvl in levels[1:]]
            parts.extend(
                (col == lvl).astype(float).rename(term) for lvl, term in zip(levels[1:], terms[cov], strict=True)
            )
    return pd.concat(parts, axis=1), constant, terms


def _empty_coefficients(terms: list[str]) -> pd.DataFrame:
    columns = [
        "estimate",
        "std_error",
        "ci_low",
        "ci_high",
        "p_value",
        "ratio",
        "ratio_ci_low",
        "ratio_ci_high",
    ]
    return pd.DataFrame(np.nan, index=pd.Index(terms, name="term"), columns=columns)


def _outcome_varies(y: np.ndarray, kind: str, result: ModelResult) -> bool:
    if len(y) == 0:
        result.warnings.append("no complete cases: not estimable")
        return False
    if kind == "logit" and y.min() == y.max():
        result.warnings.append(f"outcome is {int(y[0])} in all {len(y)} cases: no variation, not estimable")
        return False
    if kind != "logit" and y.max() == 0:
        result.warnings.append(f"outcome is zero in all {len(y)} cases: not estimable")
        return False
    return True


def _standardise(design: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Design with every non-intercept column centred and scaled, plus the centres and scales."""
    x = design.to_numpy(dtype=float).copy()
    centre = x[:, 1:].mean(axis=0)
    scale = x[:, 1:].std(axis=0)
    x[:, 1:] = (x[:, 1:] - centre) / scale
    return x, centre, scale


def _detect_separation(design: pd.DataFrame, y: np.ndarray, kind: str) -> str | None:
    """Describe why the MLE does not exist, or None when it does.

    Logit (Albert and Anderson 1984): the MLE fails to exist iff some direction b != 0 has
    s_i x_i'b >= 0 for all cases (s = +1 for events, -1 otherwise); complete separation when
    all inequalities can be strict. Count models (Santos Silva and Tenreyro 2010): iff some b has
    x_i'b = 0 where y > 0 and x_i'b <= 0 where y = 0, strictly for at least one zero.
    """
    x, _, _ = _standardise(design)
    n, k = x.shape
    bounds = [(-1.0, 1.0)] * k
    names = list(design.columns[1:])
    if kind == "logit":
        a = x * np.where(y > 0, 1.0, -1.0)[:, None]
        # Complete: maximise t subject to a b >= t.
        res = optimize.linprog(
            np.r_[np.zeros(k), -1.0],
            A_ub=np.hstack([-a, np.ones((n, 1))]),
            b_ub=np.zeros(n),
            bounds=[*bounds, (None, 1.0)],
            method="highs",
        )
        if res.status == 0 and -res.fun > _LP_TOL:
            return (
                f"complete separation: {_involved(names, res.x[1:k])} perfectly predicts the "
                f"outcome in all {n} cases; maximum-likelihood estimates do not exist (consider "
                "Firth's penalised likelihood or exact logistic regression)"
            )
        res = optimize.linprog(-a.sum(axis=0), A_ub=-a, b_ub=np.zeros(n), bounds=bounds, method="highs")
        if res.status == 0 and -res.fun > _LP_TOL:
            predicted = int((a @ res.x > _LP_TOL).sum())
            return (
                f"quasi-complete separation: {predicted} of {n} cases are perfectly predicted "
                f"by {_involved(names, res.x[1:])}; maximum-likelihood estimates do not exist "
                "(consider Firth's penalised likelihood or exact logistic regression)"
            )
        return None
    zero = y == 0
    if not zero.any():
        return None
    res = optimize.linprog(
        x[zero].sum(axis=0),
        A_ub=x[zero],
        b_ub=np.zeros(int(zero.sum())),
        A_eq=x[~zero] if (~zero).any() else None,
        b_eq=np.zeros(int((~zero).sum())) if (~zero).any() else None,
        bounds=bounds,
        method="highs",
    )
    if res.status == 0 and -res.fun > _LP_TOL:
        predicted = int((x[zero] @ res.x < -_LP_TOL).sum())
        return (
            f"zero counts perfectly predicted: {predicted} zero-count case(s) are separated by "
            f"{_involved(names, res.x[1:])}; maximum-likelihood estimates do not exist (a rate "
            "ratio of zero or infinity)"
        )
    return None


_NOT_CONVERGED = "the optimiser did not converge: estimates are not trustworthy"


def _involved(names: list[str], direction: np.ndarray) -> str:
    """Name the terms with weight in a separating direction found by the linear program."""
    involved = [nm for nm, b in zip(names, direction, strict=True) if abs(b) > _LP_TOL] or names
    return involved[0] if len(involved) == 1 else "a combination of " + " and ".join(involved)


def _fit(
    result: ModelResult,
    design: pd.DataFrame,
    y: np.ndarray,
    kind: str,
    dispersion_threshold: float,
) -> None:
    # Raw covariates such as population_count (~1e5) make Newton steps and the NB optimiser
    # unstable; fit on standardised columns and map estimates and covariance back exactly.
    x_std, centre, scale = _standardise(design)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if kind == "logit":
                fitted = sm.Logit(y, x_std).fit(disp=0, method="newton", maxiter=100)
                converged = bool(fitted.mle_retvals["converged"])
            elif kind == "poisson":
                fitted = sm.GLM(y, x_std, family=sm.families.Poisson()).fit()
                converged = bool(fitted.converged)
            else:
                fitted = sm.NegativeBinomial(y, x_std, loglike_method="nb2").fit(disp=0, method="bfgs", maxiter=500)
                converged = bool(fitted.mle_retvals["converged"])
        except (PerfectSeparationError, np.linalg.LinAlgError, ValueError) as err:
            result.warnings.append(f"fitting failed ({type(err).__name__}: {err}): not estimable")
            return
    for message in _translate_warnings(caught):
        if message not in result.warnings:
            result.warnings.append(message)
    if any("separation" in w for w in result.warnings):
        # statsmodels stops somewhere along a diverging path: those numbers are not estimates.
        return

    result.converged = converged
    result.estimable = True
    if not converged and _NOT_CONVERGED not in result.warnings:
        result.warnings.append(_NOT_CONVERGED)
    k = design.shape[1]
    # beta = T @ beta_std with T mapping standardised to original units (intercept absorbs
    # the centring).
    transform = np.diag(np.r_[1.0, 1.0 / scale])
    transform[0, 1:] = -centre / scale
    params_std = np.asarray(fitted.params, dtype=float)
    cov_std = np.asarray(fitted.cov_params(), dtype=float)[:k, :k]
    estimate = transform @ params_std[:k]
    std_error = np.sqrt(np.diag(transform @ cov_std @ transform.T))
    z = stats.norm.ppf(0.975)
    coef = result.coefficients
    terms = list(design.columns)
    coef.loc[terms, "estimate"] = estimate
    coef.loc[terms, "std_error"] = std_error
    coef.loc[terms, "ci_low"] = estimate - z * std_error
    coef.loc[terms, "ci_high"] = estimate + z * std_error
    coef.loc[terms, "p_value"] = 2 * stats.norm.sf(np.abs(estimate / std_error))
    with np.errstate(over="ignore"):
        coef[["ratio", "ratio_ci_low", "ratio_ci_high"]] = np.exp(coef[["estimate", "ci_low", "ci_high"]].to_numpy())
    if not np.isfinite(std_error).all():
        result.warnings.append("standard errors could not be computed (singular information)")

    if kind in ("poisson", "negbin"):
        mu = np.asarray(fitted.predict(x_std), dtype=float)
        if kind == "negbin":
            result.negbin_alpha = float(params_std[-1])
        variance = mu if kind == "poisson" else mu + result.negbin_alpha * mu**2
        df_resid = len(y) - k
        if df_resid > 0:
            result.dispersion = float(((y - mu) ** 2 / variance).sum() / df_resid)
        if kind == "poisson" and result.dispersion > dispersion_threshold:
            result.warnings.append(
                f"overdispersion: Pearson chi-square / df = {result.dispersion:.2f} > "
                f"{dispersion_threshold:g}, so Poisson standard errors are too small "
                "(consider kind='negbin')"
            )


def _translate_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    messages = []
    for w in caught:
        if issubclass(w.category, PerfectSeparationWarning):
            messages.append(
                "statsmodels reports perfect separation or prediction: maximum-likelihood estimates do not exist"
            )
        elif issubclass(w.category, ConvergenceWarning):
            messages.append(_NOT_CONVERGED)
        elif issubclass(w.category, HessianInversionWarning):
            messages.append("Hessian not invertible: standard errors unreliable")
        else:
            messages.append(f"{w.category.__name__} while fitting: {w.message}")
    return list(dict.fromkeys(messages))


# --------------------------------------------------------------------------------------------
# 4. Crisp-set QCA
# --------------------------------------------------------------------------------------------

QCA_ASSUMPTIONS = (
    "crisp sets; case-oriented and set-theoretic, not a significance test; depends on the stated calibration thresholds"
)


@dataclass(frozen=True)
class Dichotomisation:
    """How a numeric condition was made crisp: 1 when ``value <rule> threshold``."""

    column: str
    threshold: float
    rule: Literal[">", ">="]
    basis: str
    n: int
    n_ones: int

    def describe(self) -> str:
        """One line for the annex, e.g. ``population_count > 75000 (median): 1 in 10 of 20``."""
        return f"{self.column} {self.rule} {self.threshold:g} ({self.basis}): 1 in {self.n_ones} of {self.n} cases"


def dichotomise(
    series: pd.Series,
    threshold: float | Literal["median", "mean"] = "median",
    rule: Literal[">", ">="] = ">",
) -> tuple[pd.Series, Dichotomisation]:
    """Crisp 0/1 version of a numeric condition with the threshold recorded.

    Args:
        series: numeric column; missing values stay missing.
        threshold: a stated value, or ``"median"``/``"mean"`` of the non-missing values.
        rule: ``">"`` (values equal to the threshold become 0) or ``">="``.

    Returns:
        ``(crisp, record)``: an ``Int64`` series and its :class:`Dichotomisation`.
    """
    values = pd.to_numeric(series, errors="raise").astype(float)
    observed = values.dropna()
    if observed.empty:
        raise ValueError(f"{series.name!r} has no non-missing values to dichotomise")
    if threshold == "median":
        cut, basis = float(observed.median()), "median"
    elif threshold == "mean":
        cut, basis = float(observed.mean()), "mean"
    else:
        cut, basis = float(threshold), "stated threshold"
    if rule not in (">", ">="):
        raise ValueError(f"rule must be '>' or '>=', not {rule!r}")
    above = values > cut if rule == ">" else values >= cut
    crisp = above.astype("Int64").where(values.notna(), pd.NA)
    record = Dichotomisation(
        column=str(series.name),
        threshold=cut,
        rule=rule,
        basis=basis,
        n=len(observed),
        n_ones=int(crisp.sum()),
    )
    return crisp.rename(series.name), record


def truth_table(
    table: pd.DataFrame,
    conditions: Sequence[str],
    outcome: str,
    consistency_threshold: float = 0.8,
    min_cases: int = 1,
    include_remainders: bool = False,
) -> pd.DataFrame:
    """Crisp-set truth table (Ragin): one row per configuration of the binary conditions.

    Cases missing any condition or the outcome are left out (listed in ``attrs["dropped"]``),
    because a case must sit in exactly one row.

    Args:
        table: case table; conditions and outcome must be 0/1 (see :func:`dichotomise`).
        conditions: condition columns.
        outcome: outcome column (a theme name resolves to its presence column).
        consistency_threshold: consistency at or above which a row is coded outcome 1.
        min_cases: rows with fewer cases are treated as remainders (``outcome_assigned`` NA).
        include_remainders: also list the logically possible configurations without cases.

    Returns:
        Columns: the conditions, ``n_cases, cases, n_outcome, consistency, raw_coverage,
        contradictory, outcome_assigned, n, test, assumptions``; sorted by consistency and size.
        Consistency is |X ∩ Y| / |X| and raw coverage |X ∩ Y| / |Y| for the configuration X.
    """
    if outcome not in table.columns:
        outcome = presence_column(outcome)
    _check_columns(table, [*conditions, outcome])
    if not conditions:
        raise ValueError("truth_table needs at least one condition")
    crisp = pd.DataFrame({c: _as_binary(table[c]) for c in [*conditions, outcome]})
    complete = crisp.notna().all(axis=1)
    data = crisp[complete].astype(int)
    n = len(data)
    n_outcome_total = int(data[outcome].sum())

    rows = []
    observed = {key: grp for key, grp in data.groupby(list(conditions), sort=True)}
    configs = itertools.product((1, 0), repeat=len(conditions)) if include_remainders else observed.keys()
    for key in configs:
        key = key if isinstance(key, tuple) else (key,)
        grp = observed.get(key)
        n_cases = 0 if grp is None else len(grp)
        n_pos = 0 if grp is None else int(grp[outcome].sum())
        consistency = n_pos / n_cases if n_cases else np.nan
        assigned: object = pd.NA
        if n_cases >= max(min_cases, 1):
            assigned = int(consistency >= consistency_threshold)
        rows.append(
            {
                **dict(zip(conditions, key, strict=True)),
                "n_cases": n_cases,
                "cases": [] if grp is None else [str(c) for c in grp.index],
                "n_outcome": n_pos,
                "consistency": consistency,
                "raw_coverage": n_pos / n_outcome_total if n_outcome_total else np.nan,
                "contradictory": bool(0 < n_pos < n_cases),
                "outcome_assigned": assigned,
            }
        )
    frame = pd.DataFrame(rows)
    frame["outcome_assigned"] = frame["outcome_assigned"].astype("Int64")
    frame = frame.sort_values(
        ["consistency", "n_cases"], ascending=False, na_position="last", kind="stable"
    ).reset_index(drop=True)
    frame["n"] = n
    frame["test"] = f"crisp-set truth table (consistency threshold {consistency_threshold:g})"
    frame["assumptions"] = QCA_ASSUMPTIONS
    frame.attrs.update(
        outcome=outcome,
        conditions=list(conditions),
        consistency_threshold=consistency_threshold,
        n=n,
        n_outcome=n_outcome_total,
        dropped=[str(c) for c in table.index[~complete]],
    )
    return frame


@dataclass(frozen=True)
class SufficiencyResult:
    """Consistency and coverage of a conjunction X as sufficient for outcome Y (crisp sets)."""

    expression: str
    outcome: str
    n: int
    n_condition: int
    n_outcome: int
    n_both: int
    consistency: float
    coverage: float
    cases_consistent: list[str]
    cases_inconsistent: list[str]
    test: str
    assumptions: str


def _parse_conjunction(conditions: str | Sequence[str]) -> list[tuple[str, bool]]:
    terms = conditions.split("*") if isinstance(conditions, str) else list(conditions)
    parsed = []
    for term in terms:
        term = term.strip()
        negated = term.startswith("~")
        parsed.append((term.lstrip("~").strip(), negated))
    if not parsed or any(not name for name, _ in parsed):
        raise ValueError(f"cannot read the conjunction {conditions!r}")
    return parsed


def sufficiency(table: pd.DataFrame, conditions: str | Sequence[str], outcome: str) -> SufficiencyResult:
    """Ragin's crisp-set consistency |X∩Y|/|X| and coverage |X∩Y|/|Y| of a conjunction X.

    Args:
        table: case table with 0/1 columns.
        conditions: ``"large*~urban"`` or ``["large", "~urban"]``; ``~`` negates a condition.
        outcome: outcome column (a theme name resolves to its presence column).

    Returns:
        A :class:`SufficiencyResult`; consistency is NaN when no case shows X, coverage NaN
        when no case shows Y. Cases missing any of the columns are left out.
    """
    if outcome not in table.columns:
        outcome = presence_column(outcome)
    terms = _parse_conjunction(conditions)
    _check_columns(table, [name for name, _ in terms] + [outcome])
    crisp = pd.DataFrame({name: _as_binary(table[name]) for name, _ in terms})
    crisp["__outcome"] = _as_binary(table[outcome])
    crisp = crisp.dropna()
    membership = pd.Series(True, index=crisp.index)
    for name, negated in terms:
        membership &= crisp[name] == (0 if negated else 1)
    y = crisp["__outcome"] == 1
    both = membership & y
    n_x, n_y, n_xy = int(membership.sum()), int(y.sum()), int(both.sum())
    return SufficiencyResult(
        expression="*".join(("~" if neg else "") + name for name, neg in terms),
        outcome=outcome,
        n=len(crisp),
        n_condition=n_x,
        n_outcome=n_y,
        n_both=n_xy,
        consistency=n_xy / n_x if n_x else np.nan,
        coverage=n_xy / n_y if n_y else np.nan,
        cases_consistent=[str(c) for c in crisp.index[both]],
        cases_inconsistent=[str(c) for c in crisp.index[membership & ~y]],
        test="crisp-set sufficiency (Ragin's consistency and coverage)",
        assumptions=QCA_ASSUMPTIONS,
    )


# --------------------------------------------------------------------------------------------
# 5. One sentence per result
# --------------------------------------------------------------------------------------------


def _is_true(value: object) -> bool:
    return value is not pd.NA and bool(value)


def _verdict(p: float, reject: object, alpha: float, m: int, n: int, what: str) -> str:
    if _is_true(reject):
        return f"evidence of {what} in these {n} cases after adjusting for {m} tests"
    if np.isfinite(p) and p < alpha:
        return (
            f"nominally below {alpha:g} but not after adjusting for {m} tests, so at most weak "
            f"evidence of {what} at n = {n}"
        )
    return f"no evidence of {what} at n = {n}"


def _group_parts(
    by_level: Mapping[Hashable, tuple[int, int]], characteristic: str, labels: Mapping[str, str] | None
) -> str:
    char = _lower_label(characteristic, labels)
    parts = []
    for i, (level, (k, t)) in enumerate(by_level.items()):
        noun = "municipalities " if i == 0 else ""
        if isinstance(level, (bool, np.bool_)) or set(by_level) <= {0, 1}:
            parts.append(f"{k} of {t} {noun}{'with' if level else 'without'} {char}")
        elif isinstance(level, str):
            parts.append(f"{k} of {t} {level}")
        else:
            parts.append(f"{k} of {t} {noun}with {char} {level}")
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    if all(isinstance(lvl, str) for lvl in by_level):
        text += " municipalities"
    return text


def describe_fisher(row: pd.Series, alpha: float = 0.05, labels: Mapping[str, str] | None = None) -> str:
    """One sentence for one row of :func:`fisher_tests`.

    Args:
        row: a row of the ``fisher_tests`` result.
        alpha: level used for the wording (should match the one used for the tests).
        labels: optional readable labels for themes and characteristics.
    """
    theme = theme_label(str(row["theme"]), labels)
    char = _lower_label(str(row["characteristic"]), labels)
    n = int(row["n"])
    if not np.isfinite(row["p_value"]):
        reason = str(row["note"]).removesuffix(": no test")
        subject = _lower_label(str(row["theme"]), labels)
        return f"No association between {subject} and {char} can be tested: {reason}."
    groups = _group_parts(row["present_by_level"], str(row["characteristic"]), labels)
    name = "Fisher's exact" if len(row["present_by_level"]) == 2 else "Fisher-Freeman-Halton exact"
    odds = "" if np.isnan(row["odds_ratio"]) else f", odds ratio {_fmt_num(float(row['odds_ratio']))}"
    verdict = _verdict(
        float(row["p_value"]),
        row["reject_bh"],
        alpha,
        int(row["n_tests_bh"]),
        n,
        "an association",
    )
    return (
        f"{theme} was coded in {groups} ({name} p {_p_is(float(row['p_value']))}, "
        f"BH-adjusted {_fmt_p(float(row['p_adjusted_bh']))}{odds}): {verdict}."
    )


def describe_correlation(row: pd.Series, alpha: float = 0.05, labels: Mapping[str, str] | None = None) -> str:
    """One sentence for one row of :func:`rank_correlations`."""
    x = (
        f"the number of segments coded as {_lower_label(str(row['theme']), labels)}"
        if str(row["intensity"]).startswith("theme_")
        else _lower_label(str(row["intensity"]), labels)
    )
    y = _lower_label(str(row["variable"]), labels)
    n = int(row["n"])
    coef_name = "Spearman's rho" if row["method"] == "spearman" else "Kendall's tau-b"
    if not np.isfinite(row["coefficient"]):
        text = f"No rank correlation between {x} and {y} could be computed (n = {n}): "
        return text + f"{row['note']}."
    r = float(row["coefficient"])
    interval = (
        f"{row['ci_low']:.2f} to {row['ci_high']:.2f} from {row['n_boot_used']} of {row['n_boot']} resamples"
        if np.isfinite(row["ci_low"])
        else "not available"
    )
    # Name a direction only when the data give some support for one.
    direction = ("positive " if r > 0 else "negative ") if row["p_value"] < alpha else ""
    verdict = _verdict(
        float(row["p_value"]),
        row["reject_bh"],
        alpha,
        int(row["n_tests_bh"]),
        n,
        f"a {direction}monotonic association",
    )
    caveat = (
        "; the bootstrap interval nonetheless includes zero"
        if _is_true(row["reject_bh"]) and row["ci_low"] <= 0 <= row["ci_high"]
        else ""
    )
    head = x[:1].upper() + x[1:]
    return (
        f"{head} and {y} have {coef_name} = {r:.2f} (95% bootstrap CI {interval}; "
        f"p {_p_is(float(row['p_value']))}, BH-adjusted "
        f"{_fmt_p(float(row['p_adjusted_bh']))}, n = {n}): {verdict}{caveat}."
    )


def describe_model(result: ModelResult, alpha: float = 0.05, labels: Mapping[str, str] | None = None) -> str:
    """One sentence for a :class:`ModelResult`, hedged whenever the fit is unreliable."""
    name, _ = _MODEL_NAMES[result.kind]
    outcome = _lower_label(result.outcome, labels)
    covs = " and ".join(_lower_label(c, labels) for c in result.covariates)
    head = f"A {name} of {outcome} on {covs} (n = {result.n}, {result.events} events"
    if np.isfinite(result.events_per_variable):
        head += f", {result.events_per_variable:.1f} per variable"
    head += ")"
    if not result.estimable:
        return f"{head} could not be estimated: {'; '.join(result.warnings)}."
    coef = result.coefficients.drop(index="Intercept").dropna(subset=["estimate"])
    effects = []
    for term, row in coef.iterrows():
        ratio, low, high = _fmt_distinct(row.ratio, row.ratio_ci_low, row.ratio_ci_high)
        effects.append(
            f"{result.ratio_name} for {_lower_label(str(term), labels)} {ratio} "
            f"(95% CI {low} to {high}, p {_p_is(row.p_value)})"
        )
    if not result.is_reliable:
        verdict = f"not reliable ({'; '.join(result.warnings)}), so descriptive at most"
    elif (coef["p_value"] < alpha).any():
        verdict = f"an effect in these {result.n} cases, with wide intervals at this n"
    else:
        verdict = f"no evidence of an effect at n = {result.n}"
    return f"{head} gives {'; '.join(effects) or 'no covariate estimate'}: {verdict}."


def describe_sufficiency(
    result: SufficiencyResult,
    consistency_threshold: float = 0.8,
    labels: Mapping[str, str] | None = None,
) -> str:
    """One sentence for a :class:`SufficiencyResult` against a stated consistency threshold."""
    outcome = _lower_label(result.outcome, labels)
    if result.n_condition == 0:
        return (
            f"No case among {result.n} shows {result.expression}, so its sufficiency for {outcome} cannot be assessed."
        )
    meets = "meets" if result.consistency >= consistency_threshold else "falls short of"
    coverage = (
        f"covering {result.n_both} of the {result.n_outcome} cases with {outcome} (coverage {result.coverage:.2f})"
        if result.n_outcome
        else f"while no case shows {outcome}"
    )
    return (
        f"{result.n_both} of the {result.n_condition} cases with {result.expression} show "
        f"{outcome} (consistency {result.consistency:.2f}), {coverage}; this {meets} the "
        f"{consistency_threshold:g} threshold for sufficiency among these {result.n} cases."
    )


def describe_truth_table(tt: pd.DataFrame) -> str:
    """One sentence summarising a :func:`truth_table`."""
    observed = tt[tt["n_cases"] > 0]
    k = len(tt.attrs["conditions"])
    n = int(tt.attrs["n"])
    positive = observed[observed["outcome_assigned"].eq(1).fillna(False).astype(bool)]
    contradictory = int(observed["contradictory"].sum())
    covered = int(positive["n_outcome"].sum())
    return (
        f"The {n} cases fall into {len(observed)} of the {2**k} possible configurations of "
        f"{k} conditions; {len(positive)} configuration(s) reach consistency "
        f"{tt.attrs['consistency_threshold']:g} for {_lower_label(tt.attrs['outcome'], None)}, "
        f"covering {covered} of {tt.attrs['n_outcome']} positive cases, and {contradictory} "
        "configuration(s) are contradictory."
    )
