"""The annex's chapter on associations (n = 20), as pure functions: context in, result out.

Fisher's exact tests of theme presence against grouped characteristics, rank correlations of
theme intensity (the share of a municipality's coded fragments with the theme) with numeric
characteristics, one small model and the crisp-set QCA. The focus theme of the model and the QCA
and the crisp conditions are computed here (:func:`analysis_data`), never while displaying; every
setting comes from :class:`~analysis.report.annex_context.AnnexSettings`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.report.annex_context import AnnexContext
from analysis.stats import calibration, fisher, rank
from analysis.stats.columns import presence_column

#: Intensity of a theme as the annex uses it: per cent of the case's coded fragments.
SHARE_SUFFIX = "_share_pct"


def share_column(theme: str) -> str:
    """The intensity column of a theme: ``theme_<T>_share_pct``."""
    return f"theme_{theme}{SHARE_SUFFIX}"


def _computed_by(function: object) -> str:
    return f"{function.__module__}.{function.__qualname__}"  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Calibration:
    """How one numeric characteristic became a crisp condition: 1 when ``column <rule> threshold``."""

    name: str
    column: str
    rule: str
    threshold: float
    basis: str  #: ``stated`` or ``national`` (the Netherlands' own figure)
    n: int
    n_ones: int
    alternatives: tuple[float, ...] = ()


@dataclass(frozen=True)
class AnalysisData:
    """The cases as the statistics see them, with the choices made before any test.

    Attributes:
        table: the twenty indexed by name: the cross-case columns, per theme its share column
            (``theme_<T>_share_pct``), and the crisp conditions (0/1, ``Int64``).
        themes: the themes (root codes) in codebook order.
        calibrations: how each condition was made crisp.
        focus_theme: the theme whose presence is most evenly split (most events; ties in
            codebook order), the outcome of the model and the QCA; ``None`` when no theme varies.
        focus_events: cases in the rarer class of the focus theme's presence.
    """

    table: pd.DataFrame
    themes: tuple[str, ...]
    calibrations: tuple[Calibration, ...]
    focus_theme: str | None
    focus_events: int


def calibrate(ctx: AnnexContext, table: pd.DataFrame) -> tuple[pd.DataFrame, tuple[Calibration, ...]]:
    """Add the crisp conditions of the settings to ``table`` (``stats.calibration.dichotomise``).

    A threshold is as stated in the settings, or ``national``: the Netherlands' own figure of the
    latest bijstand year.
    """
    latest = int(ctx.national_bijstand.index.max())
    calibrations = []
    table = table.copy()
    for condition in ctx.settings.qca_conditions:
        if condition.threshold == "national":
            threshold, basis = float(ctx.national_bijstand[latest]), "national"
        else:
            threshold, basis = float(condition.threshold), "stated"
        crisp, record = calibration.dichotomise(table[condition.column], threshold, rule=condition.rule)
        table[condition.name] = crisp.to_numpy()
        calibrations.append(
            Calibration(
                name=condition.name,
                column=condition.column,
                rule=record.rule,
                threshold=record.threshold,
                basis=basis,
                n=record.n,
                n_ones=record.n_ones,
                alternatives=condition.alternatives,
            )
        )
    return table, tuple(calibrations)


def analysis_data(ctx: AnnexContext) -> AnalysisData:
    """The analysis table, the conditions and the focus theme (no test is run here)."""
    themes = tuple(code.id for code in ctx.codebook.roots() if presence_column(code.id) in ctx.crosscase.columns)
    table = ctx.crosscase.copy()
    total = pd.to_numeric(table["coded_segments"], errors="coerce").astype(float)
    for theme in themes:
        count = pd.to_numeric(table[f"theme_{theme}_segments"], errors="coerce").astype(float)
        table[share_column(theme)] = (100 * count / total).where(total > 0)
    table, calibrations = calibrate(ctx, table)
    table = table.set_index("gm_name")
    focus, focus_events = None, 0
    for theme in themes:
        present = pd.to_numeric(table[presence_column(theme)], errors="coerce").dropna()
        events = int(min(present.sum(), len(present) - present.sum()))
        if events > focus_events:
            focus, focus_events = theme, events
    return AnalysisData(
        table=table, themes=themes, calibrations=calibrations, focus_theme=focus, focus_events=focus_events
    )


def rank_correlation_table(
    ctx: AnnexContext, table: pd.DataFrame, intensities: list[str], numeric: list[str]
) -> pd.DataFrame:
    """Spearman's rho with exact or Monte Carlo permutation p and bootstrap interval, as set."""
    return rank.rank_correlations(
        table,
        intensities,
        numeric,
        n_boot=ctx.settings.bootstrap_resamples,
        seed=ctx.settings.bootstrap_seed,
        alpha=ctx.settings.alpha,
        n_permutations=ctx.settings.permutation_resamples,
        permutation_seed=ctx.settings.permutation_seed,
    )


@dataclass(frozen=True)
class FisherResult:
    """Fisher's exact tests of every theme's presence against every grouped characteristic.

    Attributes:
        results: one row per pair (``analysis.stats.fisher.fisher_tests``), BH-adjusted.
        constant_themes: themes coded in every case or in none (nothing to test).
        constant_characteristics: (characteristic, its single value).
        characteristics: the characteristics tested.
        alpha: significance level and false discovery rate.
    """

    results: pd.DataFrame
    constant_themes: tuple[str, ...]
    constant_characteristics: tuple[tuple[str, object], ...]
    characteristics: tuple[str, ...]
    alpha: float
    is_illustrative: bool
    computed_by: str = ""


def fisher_section(ctx: AnnexContext, data: AnalysisData | None = None) -> FisherResult:
    """Fisher's exact (2 groups) or Fisher-Freeman-Halton (more) tests, Benjamini-Hochberg over the family."""
    data = data or analysis_data(ctx)
    characteristics = ctx.settings.fisher_characteristics
    table = data.table
    results = fisher.fisher_tests(table, list(data.themes), list(characteristics), alpha=ctx.settings.alpha)
    constant_themes = tuple(t for t in data.themes if table[presence_column(t)].nunique(dropna=True) < 2)
    constant_chars = tuple(
        (c, table[c].dropna().iloc[0]) for c in characteristics if table[c].nunique(dropna=True) == 1
    )
    return FisherResult(
        results=results,
        constant_themes=constant_themes,
        constant_characteristics=constant_chars,
        characteristics=tuple(characteristics),
        alpha=ctx.settings.alpha,
        is_illustrative=bool(ctx.coded.is_illustrative),
        computed_by=_computed_by(fisher_section),
    )


@dataclass(frozen=True)
class CorrelationResult:
    """Spearman's rho of theme intensity (share of coded fragments) with numeric characteristics.

    Attributes:
        results: one row per theme x characteristic (``analysis.stats.rank.rank_correlations``);
            ``theme`` is the theme id.
        material_check: coded fragments against population (one row): how much material was
            coded grows with size, which is why intensity is a share.
        missing: per characteristic the cases without a value and the case table's reason
            (``characteristic, gm_name, reason``; reason empty where none is recorded).
        characteristics: the characteristics, in the settings' order.
        n_boot, seed, alpha: the settings used.
    """

    results: pd.DataFrame
    material_check: pd.Series | None
    missing: pd.DataFrame
    characteristics: tuple[str, ...]
    n_themes: int
    n_boot: int
    seed: int
    alpha: float
    is_illustrative: bool
    computed_by: str = ""


def correlation_section(ctx: AnnexContext, data: AnalysisData | None = None) -> CorrelationResult:
    """Rank correlations of theme shares with the numeric characteristics, and the material check."""
    data = data or analysis_data(ctx)
    table = data.table
    numeric = list(ctx.settings.numeric_characteristics)
    intensities = [share_column(t) for t in data.themes]
    results = rank_correlation_table(ctx, table, intensities, numeric)
    results["theme"] = [c.removeprefix("theme_").removesuffix(SHARE_SUFFIX) for c in results["intensity"]]
    with_material = table[pd.to_numeric(table["coded_segments"], errors="coerce").fillna(0) > 0]
    material = (
        rank_correlation_table(ctx, with_material, ["coded_segments"], ["population_count"]).iloc[0]
        if len(with_material) >= rank.MIN_PAIRS
        else None
    )
    missing_rows = []
    for column in numeric:
        reason_column = ctx.settings.missing_reason_columns.get(column)
        for name in table.index[table[column].isna()]:
            reason = table.at[name, reason_column] if reason_column in table.columns else None
            missing_rows.append(
                {"characteristic": column, "gm_name": name, "reason": "" if pd.isna(reason) else str(reason)}
            )
    return CorrelationResult(
        results=results,
        material_check=material,
        missing=pd.DataFrame(missing_rows, columns=["characteristic", "gm_name", "reason"]),
        characteristics=tuple(numeric),
        n_themes=len(data.themes),
        n_boot=ctx.settings.bootstrap_resamples,
        seed=ctx.settings.bootstrap_seed,
        alpha=ctx.settings.alpha,
        is_illustrative=bool(ctx.coded.is_illustrative),
        computed_by=_computed_by(correlation_section),
    )


def presence_counts(table: pd.DataFrame, theme: str) -> tuple[int, int]:
    """(cases with the theme, cases with codings) for a theme."""
    present = pd.to_numeric(table[presence_column(theme)], errors="coerce").dropna()
    return int(present.sum()), int(len(present))


def is_finite(value: object) -> bool:
    """True for a finite number (not NaN, not None, not infinite)."""
    try:
        return bool(np.isfinite(float(value)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
