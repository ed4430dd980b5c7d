"""The annex's model and set-theoretic chapters, as pure functions: context in, result out.

One small logit of the focus theme's presence (with Firth's penalised fit where events are few
or separation is found) and a crisp-set QCA of the same outcome: truth table, sufficiency per
condition under the guards of the settings, necessity, the minimised solutions and their
robustness. The focus theme and the conditions come from
:func:`analysis.report.annex_sections_stats.analysis_data`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.report.annex_context import AnnexContext
from analysis.report.annex_sections_stats import AnalysisData, Calibration, analysis_data, presence_counts
from analysis.stats import models, necessity, qca, qca_robustness, truth_table
from analysis.stats.columns import presence_column


def _computed_by(function: object) -> str:
    return f"{function.__module__}.{function.__qualname__}"  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ModelSection:
    """One logit of the focus theme's presence on at most two covariates.

    Attributes:
        focus_theme: the outcome theme; ``None`` when no theme's presence varies (no model).
        n_present: cases with the theme.
        n_with_codings: cases with codings (the theme's presence is known).
        covariates: the model's covariates.
        result: the fit (``analysis.stats.models.ModelResult``, with ``firth`` where used).
        data: the cases as modelled (indexed by name): outcome and covariates.
    """

    focus_theme: str | None
    n_present: int
    n_with_codings: int
    covariates: tuple[str, ...]
    result: models.ModelResult | None
    data: pd.DataFrame
    alpha: float
    is_illustrative: bool
    computed_by: str = ""


def model_section(ctx: AnnexContext, data: AnalysisData | None = None) -> ModelSection:
    """Fit the logit of the focus theme's presence (``stats.models.fit_theme_model``)."""
    data = data or analysis_data(ctx)
    covariates = tuple(ctx.settings.model_covariates)
    if data.focus_theme is None:
        return ModelSection(
            None, 0, 0, covariates, None, pd.DataFrame(), ctx.settings.alpha, bool(ctx.coded.is_illustrative)
        )
    outcome = presence_column(data.focus_theme)
    n_present, n_with = presence_counts(data.table, data.focus_theme)
    result = models.fit_theme_model(
        data.table, outcome, list(covariates), kind="logit", min_epv=ctx.settings.min_events_per_variable
    )
    return ModelSection(
        focus_theme=data.focus_theme,
        n_present=n_present,
        n_with_codings=n_with,
        covariates=covariates,
        result=result,
        data=data.table[[outcome, *covariates]].dropna(),
        alpha=ctx.settings.alpha,
        is_illustrative=bool(ctx.coded.is_illustrative),
        computed_by=_computed_by(model_section),
    )


@dataclass(frozen=True)
class QcaSection:
    """Crisp-set QCA of the focus theme's presence on the calibrated conditions.

    Attributes:
        focus_theme: the outcome theme (``None``: no theme varies, no analysis).
        calibrations: how each condition was made crisp.
        truth: the truth table (``stats.truth_table.truth_table``, remainders included, with
            each row's status under the guards).
        sufficiency: one row per condition and its negation: ``expression, n_condition, n_both,
            consistency, coverage, is_sufficient``.
        necessity: per condition and negation: consistency, coverage, relevance (RoN).
        solutions: the minimised solutions (``stats.qca.minimise_truth_table``): conservative,
            parsimonious and intermediate under the directional expectations.
        robustness: the solutions under other calibration thresholds, other consistency cut-offs
            and with each case left out (``stats.qca_robustness.qca_robustness``).
        base_rate: share of cases with the outcome.
        settings: consistency threshold, minimum cases per row, base-rate margin.
    """

    focus_theme: str | None
    calibrations: tuple[Calibration, ...]
    truth: pd.DataFrame | None
    sufficiency: pd.DataFrame
    necessity: pd.DataFrame
    solutions: qca.QCAResult | None
    robustness: qca_robustness.RobustnessResult | None
    base_rate: float
    consistency_threshold: float
    min_cases: int
    base_rate_margin: float
    directional_expectations: dict[str, int]
    is_illustrative: bool
    computed_by: str = ""


def qca_section(ctx: AnnexContext, data: AnalysisData | None = None) -> QcaSection:
    """Truth table, sufficiency per condition, necessity, minimised solutions and robustness."""
    data = data or analysis_data(ctx)
    s = ctx.settings
    conditions = [c.name for c in data.calibrations]
    empty = pd.DataFrame()
    if data.focus_theme is None or not conditions:
        return QcaSection(
            None, data.calibrations, None, empty, empty, None, None, float("nan"),
            s.qca_consistency_threshold, s.qca_min_cases, s.qca_base_rate_margin,
            dict(s.qca_directional_expectations), bool(ctx.coded.is_illustrative),
        )  # fmt: skip
    outcome = presence_column(data.focus_theme)
    guards = {
        "consistency_threshold": s.qca_consistency_threshold,
        "min_cases": s.qca_min_cases,
        "base_rate_margin": s.qca_base_rate_margin,
    }
    expectations = {k: v for k, v in s.qca_directional_expectations.items() if k in conditions}
    solutions = qca.minimise_truth_table(
        data.table, conditions, outcome, directional_expectations=expectations, **guards
    )
    tt = solutions.truth_table
    rows = []
    for name in conditions:
        for expression in (name, f"~{name}"):
            result = truth_table.sufficiency(data.table, expression, outcome, **guards)
            rows.append(
                {
                    "expression": result.expression,
                    "n": result.n,
                    "n_condition": result.n_condition,
                    "n_both": result.n_both,
                    "n_outcome": result.n_outcome,
                    "consistency": result.consistency,
                    "coverage": result.coverage,
                    "is_sufficient": result.is_sufficient,
                }
            )
    return QcaSection(
        focus_theme=data.focus_theme,
        calibrations=data.calibrations,
        truth=tt,
        sufficiency=pd.DataFrame(rows),
        necessity=necessity.necessity(data.table, conditions, outcome),
        solutions=solutions,
        robustness=qca_robustness.qca_robustness(
            data.table,
            conditions,
            outcome,
            calibrations={
                c.name: qca_robustness.Calibration(c.column, (c.threshold, *c.alternatives), rule=c.rule)
                for c in data.calibrations
            },
            consistency_thresholds=s.qca_robustness_cutoffs,
            directional_expectations=expectations,
            **guards,
        ),
        base_rate=float(tt.attrs["base_rate"]),
        consistency_threshold=s.qca_consistency_threshold,
        min_cases=s.qca_min_cases,
        base_rate_margin=s.qca_base_rate_margin,
        directional_expectations=dict(s.qca_directional_expectations),
        is_illustrative=bool(ctx.coded.is_illustrative),
        computed_by=_computed_by(qca_section),
    )
