"""The annex's chapter on the coded themes, as pure functions: context in, result out.

What was read and rejected, theme intensity as a share of each municipality's coded fragments
(with the counts beside it), which
themes occur together, intercoder agreement and the quote matrix. No words and no display here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.qual import agreement, quotes, themes
from analysis.qual.codebook import Codebook
from analysis.report.annex_context import AnnexContext
from analysis.report.common import CodingsOrigin, codings_origin

_SEGMENT = ["gm_code", "document", "segment_id"]


def _computed_by(function: object) -> str:
    return f"{function.__module__}.{function.__qualname__}"  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ThemesResult:
    """The codings of the twenty, as themes.

    Attributes:
        origin: file, codebook and counts read / accepted / rejected.
        rejections: rejected codings per kind of problem (``kind``, ``codings_count``).
        n_codings_in_cases: accepted codings that belong to one of the twenty.
        n_cases_with_codings: cases with at least one accepted coding.
        n_cases: cases in the study.
        n_documents: coded documents in the twenty.
        n_coders: coders in the twenty.
        n_fragments: distinct coded fragments in the twenty.
        intensity: long table per case and theme: ``gm_code, gm_name, theme, theme_segments_count,
            coded_segments_count, theme_share_pct`` (share of the case's coded fragments); the material check
            (coded fragments against population) is in :func:`analysis.report.annex_sections_stats.correlation_section`.
        theme_labels: per theme its Dutch and English label.
        cooccurrence: per pair of themes the fragments with both (diagonal: with the theme),
            ``qual.themes.cooccurrence`` over the twenty's fragments.
        codings_in_cases: the accepted codings of the twenty (for the heatmap and co-occurrence).
        codebook: the codebook in use.
        names: ``gm_code`` -> municipality name.
        is_illustrative: the codings are made-up example data.
    """

    origin: CodingsOrigin
    rejections: pd.DataFrame
    n_codings_in_cases: int
    n_cases_with_codings: int
    n_cases: int
    n_documents: int
    n_coders: int
    n_fragments: int
    intensity: pd.DataFrame
    theme_labels: dict[str, dict[str, str]]
    cooccurrence: pd.DataFrame
    codings_in_cases: pd.DataFrame
    codebook: Codebook
    names: dict[str, str]
    is_illustrative: bool
    alpha: float
    computed_by: str = ""


def theme_labels(codebook: Codebook) -> dict[str, dict[str, str]]:
    """Per theme (root code) its label in each language."""
    return {code.id: {"nl": code.label_nl, "en": code.label_en} for code in codebook.roots()}


def themes_section(ctx: AnnexContext) -> ThemesResult:
    """Counts of the import, and theme shares per case with their counts."""
    coded = ctx.coded
    accepted = coded.accepted
    in_cases = accepted[accepted["gm_code"].isin(ctx.case_codes)]
    rejections = (
        coded.rejection_counts().rename_axis("kind").reset_index(name="codings_count")
        if not coded.rejected.empty
        else pd.DataFrame(columns=["kind", "codings_count"])
    )
    table = ctx.crosscase
    rows = []
    for code in ctx.codebook.roots():
        column = f"theme_{code.id}_segments"
        if column not in table.columns:
            continue
        for _, case in table.iterrows():
            total = case["coded_segments"]
            count = case[column]
            rows.append(
                {
                    "gm_code": case["gm_code"],
                    "gm_name": case["gm_name"],
                    "theme": code.id,
                    "theme_segments_count": count,
                    "coded_segments_count": total,
                    "theme_share_pct": 100 * float(count) / float(total)
                    if pd.notna(count) and pd.notna(total) and total > 0
                    else np.nan,
                }
            )
    intensity = pd.DataFrame(
        rows,
        columns=[
            "gm_code",
            "gm_name",
            "theme",
            "theme_segments_count",
            "coded_segments_count",
            "theme_share_pct",
        ],
    )
    return ThemesResult(
        origin=codings_origin(coded),
        rejections=rejections,
        n_codings_in_cases=len(in_cases),
        n_cases_with_codings=int(in_cases["gm_code"].nunique()),
        n_cases=len(ctx.case_codes),
        n_documents=int(in_cases[["gm_code", "document"]].drop_duplicates().shape[0]),
        n_coders=int(in_cases["coder"].nunique()),
        n_fragments=int(in_cases[_SEGMENT].drop_duplicates().shape[0]),
        intensity=intensity,
        theme_labels=theme_labels(ctx.codebook),
        cooccurrence=themes.cooccurrence(in_cases, ctx.codebook, level="theme") if len(in_cases) else pd.DataFrame(),
        codings_in_cases=in_cases,
        codebook=ctx.codebook,
        names=dict(zip(ctx.cases["gm_code"], ctx.cases["gm_name"], strict=True)),
        is_illustrative=bool(coded.is_illustrative),
        alpha=ctx.settings.alpha,
        computed_by=_computed_by(themes_section),
    )


@dataclass(frozen=True)
class AgreementSection:
    """Intercoder agreement on the twenty's codings, per theme and per code.

    Attributes:
        by_theme: agreement with every code replaced by its theme (``qual.agreement``'s result:
            kappa, percent agreement, positives per coder, Krippendorff's alpha with its
            bootstrap interval, undefined kappas counted and named, the unitising rule).
        by_code: the same per code of the codebook.
        theme_labels: per theme its Dutch and English label.
    """

    by_theme: agreement.AgreementResult
    by_code: agreement.AgreementResult
    theme_labels: dict[str, dict[str, str]]
    computed_by: str = ""


def agreement_section(ctx: AnnexContext) -> AgreementSection:
    """Agreement by position (``qual.agreement.agreement_by_position``) per theme and per code."""
    in_cases = ctx.coded.accepted[ctx.coded.accepted["gm_code"].isin(ctx.case_codes)]
    by_theme = themes.with_themes(in_cases, ctx.codebook).dropna(subset=["theme"])
    by_theme = by_theme.assign(code_id=by_theme["theme"])
    return AgreementSection(
        by_theme=agreement.agreement_by_position(by_theme),
        by_code=agreement.agreement_by_position(in_cases),
        theme_labels=theme_labels(ctx.codebook),
        computed_by=_computed_by(agreement_section),
    )


@dataclass(frozen=True)
class QuoteMatrixResult:
    """Theme x characteristic group with the number of fragments and exemplar quotes per cell."""

    characteristic: str
    matrix: pd.DataFrame
    per_cell: int
    max_chars: int
    exemplar_rule: str
    is_illustrative: bool
    computed_by: str = ""


def quote_matrix_section(ctx: AnnexContext) -> QuoteMatrixResult:
    """The quote matrix (``analysis.qual.quotes.quote_matrix``) over the chosen characteristic."""
    characteristic = ctx.settings.quote_matrix_characteristic
    groups = ctx.crosscase.set_index("gm_code")[characteristic]
    in_cases = ctx.coded.accepted[ctx.coded.accepted["gm_code"].isin(ctx.case_codes)]
    matrix = quotes.quote_matrix(in_cases, ctx.codebook, groups, per_cell=ctx.settings.quotes_per_cell)
    return QuoteMatrixResult(
        characteristic=characteristic,
        matrix=matrix,
        per_cell=ctx.settings.quotes_per_cell,
        max_chars=quotes.QUOTE_MAX_CHARS,
        exemplar_rule=quotes.EXEMPLAR_RULE,
        is_illustrative=bool(ctx.coded.is_illustrative),
        computed_by=_computed_by(quote_matrix_section),
    )
