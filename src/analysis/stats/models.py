"""Small regression models of a theme on at most two covariates, with every reason to doubt them.

Separation (logit) and perfectly predicted zero counts (Poisson, negative binomial) are detected
before fitting (:mod:`analysis.stats.separation`); the maximum-likelihood estimate then does not
exist and its estimates are NaN. For a logit with separation or few events per variable a
Firth-penalised fit (:mod:`analysis.stats.firth`) is attached as ``result.firth``: instead of the
ML fit under separation, beside it when events are few. Warnings the libraries raise, failures
while fitting (for instance a covariance that cannot be computed), non-convergence, constant
covariates and Poisson overdispersion become notes with NaN estimates, never exceptions.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.tools.sm_exceptions import (
    ConvergenceWarning,
    HessianInversionWarning,
    PerfectSeparationError,
    PerfectSeparationWarning,
)

from analysis.stats.columns import as_binary, ordered_levels, presence_column, require_columns, segments_column
from analysis.stats.firth import firth_logit
from analysis.stats.notes import Note
from analysis.stats.separation import detect_separation, standardise

__all__ = ["COEFFICIENT_COLUMNS", "ModelKind", "ModelResult", "fit_theme_model"]

ModelKind = Literal["logit", "poisson", "negbin"]
COEFFICIENT_COLUMNS = (
    "estimate",
    "std_error",
    "ci_low",
    "ci_high",
    "p_value",
    "ratio",
    "ratio_ci_low",
    "ratio_ci_high",
)
_RATIO = {"logit": "odds_ratio", "poisson": "rate_ratio", "negbin": "rate_ratio"}
# Failures of the numerical libraries on degenerate data; each becomes a fit_failed note.
_FIT_ERRORS = (PerfectSeparationError, np.linalg.LinAlgError, ValueError, ArithmeticError)


@dataclass
class ModelResult:
    """A fitted (or attempted) model with everything needed to judge it.

    ``coefficients`` is indexed by term (``Intercept`` first) with the columns of
    :data:`COEFFICIENT_COLUMNS`; ratios are odds ratios (logit) or rate ratios (count models),
    named by ``ratio`` (``"odds_ratio"`` / ``"rate_ratio"``). Estimates are NaN where the model is
    not estimable; ``notes`` say why (codes in :mod:`analysis.stats.notes`). ``test`` is a test
    code (``logit_ml``, ``poisson_ml``, ``negbin_ml``, ``logit_firth``), ``assumptions`` a tuple of
    assumption codes. ``firth`` holds the Firth-penalised fit when one was made.
    """

    kind: str
    outcome: str
    covariates: list[str]
    n: int
    events: int
    n_parameters: int
    events_per_variable: float
    coefficients: pd.DataFrame
    ratio: str
    converged: bool
    estimable: bool
    test: str
    assumptions: tuple[str, ...]
    dispersion: float = np.nan
    negbin_alpha: float = np.nan
    notes: list[Note] = field(default_factory=list)
    firth: ModelResult | None = None

    @property
    def is_reliable(self) -> bool:
        """True only when the fit converged, is estimable and carries no note."""
        return self.estimable and self.converged and not self.notes


def fit_theme_model(
    table: pd.DataFrame,
    outcome: str,
    covariates: str | Sequence[str],
    kind: ModelKind = "logit",
    min_epv: float = 10.0,
    dispersion_threshold: float = 1.5,
    firth: bool = True,
) -> ModelResult:
    """Fit a logistic, Poisson or negative binomial model with at most two covariates.

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
        firth: for a logit with separation or fewer than ``min_epv`` events per variable, also
            fit Firth's penalised logit (``result.firth``).

    Returns:
        A :class:`ModelResult`.

    Raises:
        ValueError: for more than two (or no) covariates, an unknown ``kind`` or an outcome of
            the wrong type (bad input, not a failed fit).
    """
    covs = [covariates] if isinstance(covariates, str) else list(covariates)
    if not 1 <= len(covs) <= 2:
        raise ValueError(
            f"fit_theme_model takes one or two covariates with n = {len(table)} cases; got "
            f"{len(covs)}: {covs}. Fit separate models or reduce the covariates first."
        )
    if kind not in _RATIO:
        raise ValueError(f"kind must be 'logit', 'poisson' or 'negbin', not {kind!r}")
    if outcome not in table.columns:
        outcome = presence_column(outcome) if kind == "logit" else segments_column(outcome)
    require_columns(table, [outcome, *covs])

    data = table[[outcome, *covs]].dropna()
    y = _model_outcome(data[outcome], kind)
    n = len(data)
    design, constant_covs, terms_by_cov = _design(data, covs)
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
        ratio=_RATIO[kind],
        converged=False,
        estimable=False,
        test=f"{kind}_ml",
        assumptions=(
            "independent_cases",
            "linear_log_odds" if kind == "logit" else "linear_log_count",
            "wald_large_sample",
            *(("variance_equals_mean",) if kind == "poisson" else ()),
        ),
    )
    result.notes.extend(Note("covariate_constant", {"covariate": cov, "n": n}) for cov in constant_covs)
    if not _outcome_varies(y, kind, result):
        return result
    if np.linalg.matrix_rank(design.to_numpy()) < design.shape[1]:
        result.notes.append(Note("collinear"))
        return result
    separation = detect_separation(design, y, kind)
    low_epv = bool(n_parameters) and epv < min_epv
    if separation:
        result.notes.append(separation)
    else:
        if low_epv:
            result.notes.append(
                Note(
                    "low_epv",
                    {"events": events, "n_parameters": n_parameters, "epv": epv, "min_epv": min_epv},
                )
            )
        _fit(result, design, y, kind, dispersion_threshold)
    if firth and kind == "logit" and (separation or low_epv):
        reason = "separation" if separation else "low_epv"
        result.notes.append(Note("firth_used", {"reason": reason}))
        result.firth = _fit_firth(result, design, y)
    return result


def _model_outcome(series: pd.Series, kind: str) -> np.ndarray:
    if kind == "logit":
        return as_binary(series).to_numpy()
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
        levels = ordered_levels(col)
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
    return pd.DataFrame(np.nan, index=pd.Index(terms, name="term"), columns=list(COEFFICIENT_COLUMNS))


def _outcome_varies(y: np.ndarray, kind: str, result: ModelResult) -> bool:
    if len(y) == 0:
        result.notes.append(Note("no_complete_cases"))
        return False
    if kind == "logit" and y.min() == y.max():
        result.notes.append(Note("outcome_constant", {"value": int(y[0]), "n": len(y)}))
        return False
    if kind != "logit" and y.max() == 0:
        result.notes.append(Note("outcome_all_zero", {"n": len(y)}))
        return False
    return True


def _add_note(result: ModelResult, note: Note) -> None:
    if note not in result.notes:
        result.notes.append(note)


def _fit(result: ModelResult, design: pd.DataFrame, y: np.ndarray, kind: str, dispersion_threshold: float) -> None:
    # Raw covariates such as population_count (~1e5) make Newton steps and the NB optimiser
    # unstable; fit on standardised columns and map estimates and covariance back exactly.
    x_std, centre, scale = standardise(design)
    stage = "fit"
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
            stage = "covariance"
            params_std = np.asarray(fitted.params, dtype=float)
            cov_std = np.asarray(fitted.cov_params(), dtype=float)
            stage = "prediction"
            mu = np.asarray(fitted.predict(x_std), dtype=float) if kind != "logit" else None
        except _FIT_ERRORS as err:
            result.notes.append(Note("fit_failed", {"stage": stage, "error": type(err).__name__, "message": str(err)}))
            return
    for note in _translate_warnings(caught):
        _add_note(result, note)
    if any(note.code == "separation_reported" for note in result.notes):
        # statsmodels stops somewhere along a diverging path: those numbers are not estimates.
        return

    result.converged = converged
    result.estimable = True
    if not converged:
        _add_note(result, Note("not_converged"))
    k = design.shape[1]
    # beta = T @ beta_std with T mapping standardised to original units (the intercept absorbs
    # the centring).
    transform = np.diag(np.r_[1.0, 1.0 / scale])
    transform[0, 1:] = -centre / scale
    estimate = transform @ params_std[:k]
    with np.errstate(invalid="ignore"):
        std_error = np.sqrt(np.diag(transform @ cov_std[:k, :k] @ transform.T))
    z = stats.norm.ppf(0.975)
    _set_coefficients(
        result,
        list(design.columns),
        estimate,
        std_error,
        estimate - z * std_error,
        estimate + z * std_error,
        2 * stats.norm.sf(np.abs(estimate / std_error)),
    )
    if not np.isfinite(std_error).all():
        _add_note(result, Note("standard_errors_missing"))

    if mu is not None:
        if kind == "negbin":
            result.negbin_alpha = float(params_std[-1])
        variance = mu if kind == "poisson" else mu + result.negbin_alpha * mu**2
        df_resid = len(y) - k
        if df_resid > 0:
            result.dispersion = float(((y - mu) ** 2 / variance).sum() / df_resid)
        if kind == "poisson" and result.dispersion > dispersion_threshold:
            result.notes.append(
                Note("overdispersion", {"dispersion": result.dispersion, "threshold": dispersion_threshold})
            )


def _set_coefficients(
    result: ModelResult,
    terms: list[str],
    estimate: np.ndarray,
    std_error: np.ndarray,
    ci_low: np.ndarray,
    ci_high: np.ndarray,
    p_value: np.ndarray,
) -> None:
    coef = result.coefficients
    coef.loc[terms, "estimate"] = estimate
    coef.loc[terms, "std_error"] = std_error
    coef.loc[terms, "ci_low"] = ci_low
    coef.loc[terms, "ci_high"] = ci_high
    coef.loc[terms, "p_value"] = p_value
    with np.errstate(over="ignore", invalid="ignore"):
        coef[["ratio", "ratio_ci_low", "ratio_ci_high"]] = np.exp(coef[["estimate", "ci_low", "ci_high"]].to_numpy())


def _fit_firth(plain: ModelResult, design: pd.DataFrame, y: np.ndarray) -> ModelResult:
    """Firth's logit on the same cases and design, as a ModelResult of its own."""
    # Scale (without centring) so that the intercept keeps its meaning and every coefficient
    # and profile limit maps back by one division; the penalty is invariant to this.
    x = design.to_numpy(dtype=float)
    scale = np.r_[1.0, x[:, 1:].std(axis=0)]
    result = ModelResult(
        kind="logit",
        outcome=plain.outcome,
        covariates=plain.covariates,
        n=plain.n,
        events=plain.events,
        n_parameters=plain.n_parameters,
        events_per_variable=plain.events_per_variable,
        coefficients=_empty_coefficients(list(plain.coefficients.index)),
        ratio="odds_ratio",
        converged=False,
        estimable=False,
        test="logit_firth",
        assumptions=("independent_cases", "linear_log_odds", "penalised_bias_reduction"),
    )
    result.notes.extend(n for n in plain.notes if n.code == "covariate_constant")
    try:
        fit = firth_logit(x / scale, y)
    except _FIT_ERRORS as err:
        result.notes.append(Note("fit_failed", {"stage": "fit", "error": type(err).__name__, "message": str(err)}))
        return result
    result.converged = fit.converged
    result.estimable = True
    if not fit.converged:
        result.notes.append(Note("not_converged"))
    terms = list(design.columns)
    result.notes.extend(Note("firth_interval_open", {"term": terms[j], "side": side}) for j, side in fit.open_sides)
    _set_coefficients(
        result,
        terms,
        fit.estimate / scale,
        fit.std_error / scale,
        fit.ci_low / scale,
        fit.ci_high / scale,
        fit.p_value,
    )
    return result


def _translate_warnings(caught: list[warnings.WarningMessage]) -> list[Note]:
    notes: list[Note] = []
    for w in caught:
        if issubclass(w.category, PerfectSeparationWarning):
            note = Note("separation_reported")
        elif issubclass(w.category, ConvergenceWarning):
            note = Note("not_converged")
        elif issubclass(w.category, HessianInversionWarning):
            note = Note("hessian_not_invertible")
        else:
            note = Note("fit_warning", {"category": w.category.__name__, "message": str(w.message)})
        if note not in notes:
            notes.append(note)
    return notes
