"""Views of the annex's association chapter (n = 20): Fisher's exact tests and rank correlations.

Every sentence is computed from the numbers by :mod:`analysis.narrative.stats`; words come from
``annex.*`` and ``stats.*`` phrases, p-values only through ``core.format.format_p``. The model and
the set-theoretic analysis are in :mod:`analysis.report.annex_views_qca`.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.core.format import Language, format_coefficient, format_list, format_number, format_p
from analysis.narrative import catalogue, say, stats_sentences
from analysis.narrative import stats as words
from analysis.narrative.fields import field_label
from analysis.report import annex_sections_stats as sections
from analysis.report.annex_views import figure, missing_reason, trace
from analysis.report.blocks import Block, Bullets, Heading, Paragraph, Table
from analysis.report.common import illustrative_banner
from analysis.tables import crosscase
from analysis.viz import association_charts

#: Group values of the cross-case table (English constants there) -> phrase keys.
_LEVEL_KEYS: dict[object, str] = {
    crosscase.SIZE_GROUPS[0]: "annex.level.size_small",
    crosscase.SIZE_GROUPS[1]: "annex.level.size_large",
    **{
        label: f"annex.level.stedelijkheid_{'_'.join(label.split('(')[1].rstrip(')').split('-'))}"
        for label in crosscase.STEDELIJKHEID_GROUPS.values()
    },
}


def characteristic_label(column: str, language: Language) -> str:
    """A characteristic or condition as the reader sees it (``annex.characteristic.*``, else the field registry)."""
    key = f"annex.characteristic.{column}"
    return say(key, language) if key in catalogue() else field_label(column, language)


def level_label(characteristic: str, level: object, language: Language) -> str:
    """A group of a characteristic (``smaller (< 50,000)`` -> ``kleiner (< 50.000)``); names pass through."""
    key = _LEVEL_KEYS.get(level)
    if key is not None:
        return say(key, language)
    if str(level) in ("True", "False"):
        return say(f"annex.level.{str(level).lower()}", language)
    return str(level)


def labels_for(theme_labels: dict[str, dict[str, str]], columns: list[str], language: Language) -> dict[str, str]:
    """Readable names of themes and characteristics in ``language``."""
    return {t: names[language] for t, names in theme_labels.items()} | {
        c: characteristic_label(c, language) for c in columns
    }


def _describe_notes(language: Language, labels: dict[str, str]):  # noqa: ANN202 - a callable for the charts
    def describe(notes: object) -> str:
        return "; ".join(words.note_sentence(n, language, labels) for n in (notes or ()))

    return describe


def associations_intro_blocks(language: Language = "nl") -> list[Block]:
    """The heading of chapter 6 and what every result in it can and cannot say."""
    return [
        Heading(say("annex.associations.heading", language)),
        Paragraph(say("annex.associations.intro", language)),
    ]


def fisher_blocks(
    result: sections.FisherResult, theme_labels: dict[str, dict[str, str]], language: Language = "nl"
) -> list[Block]:
    """Theme presence by group: what could be tested, one sentence per pair, the p-value grid, the table."""
    alpha = result.alpha
    results = result.results
    labels = labels_for(theme_labels, list(result.characteristics), language)
    tested = results[results["p_value"].notna()].sort_values("p_value", kind="stable")
    blocks: list[Block] = [Heading(say("annex.fisher.heading", language), level=3)]
    if result.is_illustrative:
        blocks.append(illustrative_banner(language))
    untestable = []
    if result.constant_themes:
        names = [labels.get(t, t) for t in result.constant_themes]
        untestable.append(say("annex.fisher.constant_themes", language, themes=format_list(names, language)))
    untestable += [
        say(
            "annex.fisher.constant_characteristic",
            language,
            characteristic=labels.get(c, c),
            value=level_label(c, value, language),
        )
        for c, value in result.constant_characteristics
    ]
    blocks.append(
        Paragraph(
            say("annex.fisher.intro", language, pairs=len(results), tested=len(tested))
            + (" " + say("annex.fisher.untestable", language, what="; ".join(untestable)) if untestable else "")
            + " "
            + say("annex.fisher.figure_explained", language)
        )
    )
    sentences = [
        stats_sentences.fisher_sentence(row, alpha, labels, level_label, language) for _, row in tested.iterrows()
    ]
    blocks.append(
        Bullets(sentences or [say("annex.fisher.none_tested", language)], lead=say("annex.interpretation", language))
    )
    constant_chars = {c for c, _ in result.constant_characteristics}
    shown = results[~results["theme"].isin(result.constant_themes) & ~results["characteristic"].isin(constant_chars)]
    csv_data = _fisher_csv(results)
    if not shown.empty:
        fig = association_charts.plot_fisher_pvalues(
            shown.assign(note=shown["notes"]),
            labels,
            alpha=alpha,
            title=say("annex.fisher.figure_title", language),
            describe_note=_describe_notes(language, labels),
            language=language,
        )
        blocks.append(
            figure(fig, "fisher", csv_data, result.computed_by, language, illustrative=result.is_illustrative)
        )
    if not tested.empty:
        columns = [
            say(f"annex.fisher.col.{c}", language)
            for c in ("theme", "characteristic", "n", "counts", "odds", "p", "p_bh")
        ]
        table = pd.DataFrame(
            {
                columns[0]: [labels.get(t, t) for t in tested["theme"]],
                columns[1]: [labels.get(c, c) for c in tested["characteristic"]],
                columns[2]: tested["n"].to_numpy(),
                columns[3]: [
                    "; ".join(f"{level_label(c, lvl, language)}: {k}/{t}" for lvl, (k, t) in by_level.items())
                    for c, by_level in zip(tested["characteristic"], tested["present_by_level"], strict=True)
                ],
                columns[4]: [format_coefficient(v, 2, language) for v in tested["odds_ratio"]],
                columns[5]: [format_p(v, alpha, language) for v in tested["p_value"]],
                columns[6]: [format_p(v, alpha, language) for v in tested["p_adjusted_bh"]],
            }
        )
        blocks.append(
            Table(
                table,
                numeric=(columns[2], columns[4], columns[5], columns[6]),
                note=trace(result.computed_by, "fisher-tabel", language),
                data=csv_data,
                csv_name="fisher-tabel",
            )
        )
    n_values = "/".join(str(v) for v in sorted(results["n"].unique()))
    tests = sorted(set(tested["test"])) or ["none"]
    blocks.append(
        Paragraph(
            words.result_line(n_values, tests, results["assumptions"].iloc[0], language)
            + " "
            + say(
                "annex.fisher.bh",
                language,
                m=int(results["n_tests_bh"].iloc[0]),
                alpha=format_number(alpha, 2, language),
            )
        )
    )
    return blocks


def _fisher_csv(results: pd.DataFrame) -> pd.DataFrame:
    """The Fisher results with notes as codes and group counts as text (a CSV holds no objects)."""
    return results.assign(
        present_by_level=[
            "; ".join(f"{lvl}: {k}/{t}" for lvl, (k, t) in by_level.items()) for by_level in results["present_by_level"]
        ],
        assumptions=[";".join(a) for a in results["assumptions"]],
        notes=[";".join(str(n) for n in notes) for notes in results["notes"]],
        contrast=[" vs ".join(map(str, c)) if c else "" for c in results["contrast"]],
    )


def _rank_csv(results: pd.DataFrame) -> pd.DataFrame:
    return results.assign(
        assumptions=[";".join(a) for a in results["assumptions"]],
        notes=[";".join(str(n) for n in notes) for notes in results["notes"]],
    )


def correlation_blocks(
    result: sections.CorrelationResult, theme_labels: dict[str, dict[str, str]], language: Language = "nl"
) -> list[Block]:
    """Rank correlations of theme shares: the material check, gaps, three sentences, forest plots."""
    alpha = result.alpha
    results = result.results
    labels = labels_for(theme_labels, [*result.characteristics, "coded_segments", "population_count"], language)
    blocks: list[Block] = [Heading(say("annex.correlations.heading", language), level=3)]
    if result.is_illustrative:
        blocks.append(illustrative_banner(language))
    gaps = []
    for column, part in result.missing.groupby("characteristic", sort=False):
        names = [
            say("annex.correlations.missing_case", language, name=name, reason=missing_reason(reason, language))
            if reason
            else name
            for name, reason in zip(part["gm_name"], part["reason"], strict=True)
        ]
        n = int(results.loc[results["variable"] == column, "n"].iloc[0]) if (results["variable"] == column).any() else 0
        gaps.append(
            say(
                "annex.correlations.gap",
                language,
                characteristic=labels[column],
                n=n,
                names=format_list(names, language),
            )
        )
    intro = say(
        "annex.correlations.intro",
        language,
        pairs=len(results),
        themes=result.n_themes,
        characteristics=len(result.characteristics),
    )
    if gaps:
        intro += " " + say("annex.correlations.gaps", language, gaps="; ".join(gaps))
    blocks.append(Paragraph(intro))
    if result.material_check is not None:
        material = stats_sentences.correlation_sentence(
            result.material_check,
            alpha,
            say("annex.correlations.material_x", language),
            labels["population_count"].lower(),
            language,
        )
        blocks.append(Paragraph(material, lead=say("annex.correlations.material_lead", language)))
    strongest = results.dropna(subset=["p_value"]).sort_values("p_value", kind="stable").head(3)
    sentences = [
        stats_sentences.correlation_sentence(
            row,
            alpha,
            say("annex.correlations.share_of", language, theme=labels.get(row["theme"], row["theme"])),
            labels.get(row["variable"], row["variable"]).lower(),
            language,
        )
        for _, row in strongest.iterrows()
    ]
    blocks.append(
        Bullets(
            sentences or [say("annex.correlations.none", language)],
            lead=say("annex.correlations.strongest", language),
        )
    )
    blocks.append(Paragraph(say("annex.correlations.figure_explained", language)))
    characteristics = list(result.characteristics)
    pairs = [characteristics[i : i + 2] for i in range(0, len(characteristics), 2)]
    shown = results.assign(intensity=results["theme"], note=results["notes"])
    for number, pair in enumerate(pairs, start=1):
        part = shown[shown["variable"].isin(pair)]
        part = part.assign(order=part["variable"].map({c: i for i, c in enumerate(pair)})).sort_values(
            "order", kind="stable"
        )
        fig = association_charts.plot_rank_correlations(
            part.drop(columns="order"),
            labels,
            title=say("annex.correlations.figure_title", language, number=number, total=len(pairs)),
            describe_note=_describe_notes(language, labels),
            language=language,
        )
        blocks.append(
            figure(
                fig,
                f"spearman-{pair[0]}",
                _rank_csv(results[results["variable"].isin(pair)]),
                result.computed_by,
                language,
                illustrative=result.is_illustrative,
            )
        )
    low, high = int(results["n"].min()), int(results["n"].max())
    n_range = str(low) if low == high else f"{low}-{high}"  # "n = 17", never "n = 17-17"
    blocks.append(
        Paragraph(
            words.result_line(n_range, sorted(set(results["test"])), results["assumptions"].iloc[0], language)
            + " "
            + say(
                "annex.correlations.method",
                language,
                n_boot=format_number(result.n_boot, 0, language),
                seed=result.seed,
                m=int(results["n_tests_bh"].iloc[0]),
            )
        )
    )
    return blocks


def is_finite(value: object) -> bool:
    """True for a finite number."""
    try:
        return math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
