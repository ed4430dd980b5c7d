"""Temporary shim: the old English interface of the statistics, built on the new modules.

The statistics now live in :mod:`analysis.stats.fisher`, :mod:`~analysis.stats.rank`,
:mod:`~analysis.stats.models`, :mod:`~analysis.stats.truth_table`, :mod:`~analysis.stats.qca` and
their neighbours, and carry numbers and :class:`~analysis.stats.notes.Note` codes only. Until
the annex is rebuilt on :mod:`analysis.narrative.stats`, this module gives the old annex what it
read before: results with English ``test``, ``assumptions`` and ``note`` text, the English
``describe_*`` sentences and ``theme_label``. It holds nothing else and is deleted with the old
annex.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Literal

import numpy as np
import pandas as pd

from analysis.stats import calibration, fisher, models, rank
from analysis.stats import truth_table as tt_module
from analysis.stats.columns import presence_column, segments_column, theme_name
from analysis.stats.fdr import benjamini_hochberg
from analysis.stats.fisher import freeman_halton_exact
from analysis.stats.notes import Note
from analysis.stats.truth_table import SufficiencyResult, sufficiency

__all__ = [
    "FISHER_ASSUMPTIONS",
    "QCA_ASSUMPTIONS",
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

FISHER_ASSUMPTIONS = (
    "independent cases; conditional on both margins; two-sided; discrete, hence conservative at small n"
)
QCA_ASSUMPTIONS = (
    "crisp sets; case-oriented and set-theoretic, not a significance test; depends on the stated calibration thresholds"
)
_RANK_ASSUMPTIONS = (
    "independent cases; monotonic relation; ties handled by mid-ranks; percentile bootstrap intervals are rough at "
    "small n"
)
_FIRTH_HINT = "(consider Firth's penalised likelihood or exact logistic regression)"


def _terms(values: Mapping) -> str:
    names = list(values["terms"])
    return names[0] if len(names) == 1 else "a combination of " + " and ".join(names)


_ENGLISH = {
    "no_complete_cases": lambda v: "no case with both values: no test",
    "theme_constant": lambda v: f"theme {v['value']} in all {v['n']} cases: no test",
    "characteristic_constant": lambda v: (
        f"{v['column']} takes a single value ({v['value']}) in these {v['n']} cases: no test"
    ),
    "too_few_pairs": lambda v: f"only {v['n']} complete pairs: no test",
    "variable_constant": lambda v: f"{', '.join(v['columns'])} constant in these {v['n']} cases: no coefficient",
    "bootstrap_none_usable": lambda v: "every bootstrap resample had a constant variable: no interval",
    "bootstrap_few_usable": lambda v: (
        f"interval from {v['n_used']} of {v['n_boot']} resamples; the rest had a "
        "constant variable, so the interval is conditional on variation"
    ),
    "bootstrap_degenerate": lambda v: (
        f"the bootstrap interval is degenerate (width {v['width']:.3g}, {v['n_distinct']} distinct values)"
    ),
    "covariate_constant": lambda v: (
        f"covariate {v['covariate']} is constant in these {v['n']} cases: its effect cannot be estimated"
    ),
    "outcome_constant": lambda v: f"outcome is {v['value']} in all {v['n']} cases: no variation, not estimable",
    "outcome_all_zero": lambda v: f"outcome is zero in all {v['n']} cases: not estimable",
    "collinear": lambda v: "covariates are collinear (design matrix not of full rank): not estimable",
    "complete_separation": lambda v: (
        f"complete separation: {_terms(v)} perfectly predicts the outcome in all "
        f"{v['n']} cases; maximum-likelihood estimates do not exist {_FIRTH_HINT}"
    ),
    "quasi_complete_separation": lambda v: (
        f"quasi-complete separation: {v['n_predicted']} of {v['n']} cases are "
        f"perfectly predicted by {_terms(v)}; maximum-likelihood estimates do not exist {_FIRTH_HINT}"
    ),
    "zero_counts_predicted": lambda v: (
        f"zero counts perfectly predicted: {v['n_predicted']} zero-count case(s) are "
        f"separated by {_terms(v)}; maximum-likelihood estimates do not exist (a rate ratio of zero or infinity)"
    ),
    "low_epv": lambda v: (
        f"{v['events']} events for {v['n_parameters']} parameter(s): {v['epv']:.1f} events per "
        f"variable, below {v['min_epv']:g}"
    ),
    "not_converged": lambda v: "the optimiser did not converge: estimates are not trustworthy",
    "separation_reported": lambda v: (
        "statsmodels reports perfect separation or prediction: maximum-likelihood estimates do not exist"
    ),
    "hessian_not_invertible": lambda v: "Hessian not invertible: standard errors unreliable",
    "fit_warning": lambda v: f"{v['category']} while fitting: {v['message']}",
    "fit_failed": lambda v: f"fitting failed ({v['error']}: {v['message']}): not estimable",
    "standard_errors_missing": lambda v: "standard errors could not be computed (singular information)",
    "overdispersion": lambda v: (
        f"overdispersion: Pearson chi-square / df = {v['dispersion']:.2f} > "
        f"{v['threshold']:g}, so Poisson standard errors are too small (consider kind='negbin')"
    ),
    "firth_used": lambda v: (
        "a Firth-penalised logit is reported "
        + (
            "instead of the maximum-likelihood fit"
            if v["reason"] == "separation"
            else "beside the maximum-likelihood fit"
        )
    ),
    "firth_interval_open": lambda v: f"the profile interval of {v['term']} is open on the {v['side']} side",
}


def _english(notes: Sequence[Note]) -> list[str]:
    return [_ENGLISH.get(n.code, lambda v, n=n: str(n))(n.values) for n in notes]


# --------------------------------------------------------------------------------------------
# The old result shapes, in English
# --------------------------------------------------------------------------------------------


def fisher_tests(
    table: pd.DataFrame,
    themes: Sequence[str],
    characteristics: Sequence[str],
    alpha: float = 0.05,
    max_numeric_levels: int = 6,
) -> pd.DataFrame:
    """:func:`analysis.stats.fisher.fisher_tests` with the old English columns."""
    frame = fisher.fisher_tests(table, themes, characteristics, alpha, max_numeric_levels)
    frame["counts"] = ["; ".join(f"{lvl}: {k}/{t}" for lvl, (k, t) in d.items()) for d in frame["present_by_level"]]
    frame["contrast"] = [f"odds of presence, {c[0]} vs {c[1]}" if c else "" for c in frame["contrast"]]
    names = {"fisher_2x2": "Fisher's exact test (2x2, two-sided)", "none": "none"}
    frame["test"] = [
        names.get(t, f"Fisher-Freeman-Halton exact test ({len(d)}x2, full enumeration)")
        for t, d in zip(frame["test"], frame["present_by_level"], strict=True)
    ]
    frame["assumptions"] = FISHER_ASSUMPTIONS
    frame["note"] = ["; ".join(_english(n)) for n in frame["notes"]]
    return frame


def rank_correlations(
    table: pd.DataFrame, intensities: Sequence[str], numeric: Sequence[str], **kwargs
) -> pd.DataFrame:
    """:func:`analysis.stats.rank.rank_correlations` with the old English columns."""
    frame = rank.rank_correlations(table, intensities, numeric, **kwargs)
    confidence = kwargs.get("confidence", 0.95)
    frame["test"] = [
        f"{'Spearman' + chr(39) + 's rho' if m == 'spearman' else 'Kendall' + chr(39) + 's tau-b'}, "
        f"{'exact' if pm == 'exact' else 'Monte Carlo'} permutation p ({k} orderings), percentile bootstrap "
        f"{confidence:.0%} CI ({b} resamples)"
        for m, pm, k, b in zip(
            frame["method"], frame["p_method"], frame["n_permutations"], frame["n_boot"], strict=True
        )
    ]
    frame["assumptions"] = _RANK_ASSUMPTIONS
    frame["note"] = ["; ".join(_english(n)) for n in frame["notes"]]
    return frame


@dataclass
class ModelResult(models.ModelResult):
    """:class:`analysis.stats.models.ModelResult` with English warnings and ratio name."""

    warnings: list[str] = field(default_factory=list)
    ratio_name: str = ""


def fit_theme_model(table: pd.DataFrame, outcome: str, covariates: str | Sequence[str], **kwargs) -> ModelResult:
    """:func:`analysis.stats.models.fit_theme_model` with the old English fields."""
    result = models.fit_theme_model(table, outcome, covariates, **kwargs)
    values = {f.name: getattr(result, f.name) for f in fields(models.ModelResult)}
    name = _MODEL_NAMES[result.kind][0]
    values["test"] = f"{name} (maximum likelihood, Wald 95% CI)"
    values["assumptions"] = (
        f"independent cases; {'log-odds' if result.kind == 'logit' else 'log expected count'} linear in the "
        f"covariates; Wald intervals assume large-sample normality, doubtful at n = {result.n}"
        + ("; variance equals mean" if result.kind == "poisson" else "")
    )
    return ModelResult(**values, warnings=_english(result.notes), ratio_name=result.ratio.replace("_", " "))


@dataclass(frozen=True)
class Dichotomisation(calibration.Dichotomisation):
    """:class:`analysis.stats.calibration.Dichotomisation` with the old one-line description."""

    def describe(self) -> str:
        """One line, e.g. ``population_count > 75000 (median): 1 in 10 of 20 cases``."""
        basis = "stated threshold" if self.basis == "stated" else self.basis
        return f"{self.column} {self.rule} {self.threshold:g} ({basis}): 1 in {self.n_ones} of {self.n} cases"


def dichotomise(
    series: pd.Series,
    threshold: float | Literal["median", "mean"] = "median",
    rule: Literal[">", ">="] = ">",
) -> tuple[pd.Series, Dichotomisation]:
    """:func:`analysis.stats.calibration.dichotomise` with a describable record."""
    crisp, record = calibration.dichotomise(series, threshold, rule)
    return crisp, Dichotomisation(**{f.name: getattr(record, f.name) for f in fields(record)})


def truth_table(table: pd.DataFrame, conditions: Sequence[str], outcome: str, **kwargs) -> pd.DataFrame:
    """:func:`analysis.stats.truth_table.truth_table` with the old English ``test`` column."""
    frame = tt_module.truth_table(table, conditions, outcome, **kwargs)
    threshold = frame.attrs["consistency_threshold"]
    frame["test"] = f"crisp-set truth table (consistency threshold {threshold:g})"
    frame["assumptions"] = QCA_ASSUMPTIONS
    return frame


# --------------------------------------------------------------------------------------------
# Labels and English formatters
# --------------------------------------------------------------------------------------------


def theme_label(name: str, labels: Mapping[str, str] | None = None) -> str:
    """Readable label for a theme or column.

    ``labels`` wins; otherwise ``regional_cooperation`` becomes ``Regional cooperation``.
    """
    if labels:
        for key in (name, theme_name(name)):
            if key in labels:
                return labels[key]
    text = theme_name(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _lower_label(name: str, labels: Mapping[str, str] | None) -> str:
    label = theme_label(name, labels)
    # Keep acronyms (e.g. "WMO") intact when a label is used mid-sentence.
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _fmt_distinct(*values: float) -> list[str]:
    """An estimate and its limits with just enough decimals to tell them apart."""
    if not all(np.isfinite(v) and 0.01 <= abs(v) < 1000 for v in values):
        return [_fmt_num(v) for v in values]
    for digits in range(2, 8):
        texts = [f"{v:.{digits}f}" for v in values]
        if len(set(texts)) == len(set(values)):
            return texts
    return texts


def _p_is(p: float) -> str:
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


_MODEL_NAMES = {
    "logit": ("logistic regression", "odds ratio"),
    "poisson": ("Poisson regression", "rate ratio"),
    "negbin": ("negative binomial regression", "rate ratio"),
}


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
    """One English sentence for one row of :func:`fisher_tests`."""
    theme = theme_label(str(row["theme"]), labels)
    char = _lower_label(str(row["characteristic"]), labels)
    n = int(row["n"])
    if not np.isfinite(row["p_value"]):
        reason = "; ".join(_english(row["notes"])).removesuffix(": no test")
        subject = _lower_label(str(row["theme"]), labels)
        return f"No association between {subject} and {char} can be tested: {reason}."
    groups = _group_parts(row["present_by_level"], str(row["characteristic"]), labels)
    name = "Fisher's exact" if len(row["present_by_level"]) == 2 else "Fisher-Freeman-Halton exact"
    odds = "" if np.isnan(row["odds_ratio"]) else f", odds ratio {_fmt_num(float(row['odds_ratio']))}"
    verdict = _verdict(float(row["p_value"]), row["reject_bh"], alpha, int(row["n_tests_bh"]), n, "an association")
    return (
        f"{theme} was coded in {groups} ({name} p {_p_is(float(row['p_value']))}, "
        f"BH-adjusted {_fmt_p(float(row['p_adjusted_bh']))}{odds}): {verdict}."
    )


def describe_correlation(row: pd.Series, alpha: float = 0.05, labels: Mapping[str, str] | None = None) -> str:
    """One English sentence for one row of :func:`rank_correlations`."""
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
        return text + f"{'; '.join(_english(row['notes']))}."
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
    """One English sentence for a model result, hedged whenever the fit is unreliable."""
    name, ratio_name = _MODEL_NAMES[result.kind]
    outcome = _lower_label(result.outcome, labels)
    covs = " and ".join(_lower_label(c, labels) for c in result.covariates)
    head = f"A {name} of {outcome} on {covs} (n = {result.n}, {result.events} events"
    if np.isfinite(result.events_per_variable):
        head += f", {result.events_per_variable:.1f} per variable"
    head += ")"
    warnings = _english(result.notes)
    if not result.estimable:
        return f"{head} could not be estimated: {'; '.join(warnings)}."
    coef = result.coefficients.drop(index="Intercept").dropna(subset=["estimate"])
    associations = []
    for term, row in coef.iterrows():
        ratio, low, high = _fmt_distinct(row.ratio, row.ratio_ci_low, row.ratio_ci_high)
        associations.append(
            f"{ratio_name} for {_lower_label(str(term), labels)} {ratio} "
            f"(95% CI {low} to {high}, p {_p_is(row.p_value)})"
        )
    if not result.is_reliable:
        verdict = f"not reliable ({'; '.join(warnings)}), so descriptive at most"
    elif (coef["p_value"] < alpha).any():
        verdict = f"an association in these {result.n} cases, with wide intervals at this n"
    else:
        verdict = f"no evidence of an association at n = {result.n}"
    return f"{head} gives {'; '.join(associations) or 'no covariate estimate'}: {verdict}."


def describe_sufficiency(
    result: SufficiencyResult,
    consistency_threshold: float = 0.8,
    labels: Mapping[str, str] | None = None,
) -> str:
    """One English sentence for a :class:`SufficiencyResult`, with the base-rate guard."""
    outcome = _lower_label(result.outcome, labels)
    if result.n_condition == 0:
        return (
            f"No case among {result.n} shows {result.expression}, so its sufficiency for {outcome} cannot be assessed."
        )
    coverage = (
        f"covering {result.n_both} of the {result.n_outcome} cases with {outcome} (coverage {result.coverage:.2f})"
        if result.n_outcome
        else f"while no case shows {outcome}"
    )
    if result.consistency < consistency_threshold:
        verdict = f"this falls short of the {consistency_threshold:g} threshold for sufficiency"
    elif not result.is_sufficient:
        verdict = (
            f"this reaches the {consistency_threshold:g} threshold but not clearly above the base rate "
            f"{result.base_rate:.2f} with at least {result.min_cases} cases, so it is not read as sufficient"
        )
    else:
        verdict = f"this meets the {consistency_threshold:g} threshold for sufficiency"
    return (
        f"{result.n_both} of the {result.n_condition} cases with {result.expression} show "
        f"{outcome} (consistency {result.consistency:.2f}), {coverage}; {verdict} among these {result.n} cases."
    )


def describe_truth_table(tt: pd.DataFrame) -> str:
    """One English sentence summarising a truth table."""
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
