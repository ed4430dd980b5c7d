"""Views of the annex's theme chapter: codings, theme shares, agreement and the quote matrix.

Every word comes from :mod:`analysis.narrative` (``annex.themes.*``, ``annex.agreement.*``,
``annex.quotes.*``), every number through :mod:`analysis.core.format`.
"""

from __future__ import annotations

import pandas as pd

from analysis.core.format import (
    Language,
    format_coefficient,
    format_interval,
    format_list,
    format_number,
    format_percent,
    format_share,
)
from analysis.narrative import counted, say
from analysis.narrative.annex import quote_attribution, quote_cell_heading
from analysis.report import annex_sections_themes as sections
from analysis.report.annex_views import figure, table, trace
from analysis.report.blocks import Block, Group, Heading, Paragraph, Quote, Table
from analysis.report.common import codings_origin_paragraph, illustrative_banner
from analysis.viz import theme_charts


def _label(labels: dict[str, dict[str, str]], theme: str, language: Language) -> str:
    return labels.get(theme, {}).get(language, theme)


def themes_blocks(result: sections.ThemesResult, language: Language = "nl") -> list[Block]:
    """What was read and rejected, theme shares per case (counts beside), co-occurrence."""
    blocks: list[Block] = [
        Heading(say("annex.themes.heading", language)),
        Paragraph(say("annex.themes.intro", language)),
    ]
    if result.is_illustrative:
        blocks.append(illustrative_banner(language))
    blocks.append(codings_origin_paragraph(result.origin, language))
    if not result.rejections.empty:
        shown = pd.DataFrame(
            {
                say("annex.themes.col.problem", language): result.rejections["kind"],
                say("annex.themes.col.rejected", language): result.rejections["codings_count"],
            }
        )
        blocks.append(
            table(shown, result.rejections, "coderingen-afgewezen", result.computed_by, language, shown.columns[1:])
        )
    if result.n_codings_in_cases == 0:
        blocks.append(
            Paragraph(
                say(
                    "annex.themes.none_in_cases",
                    language,
                    n_read=format_number(result.origin.n_read, 0, language),
                    n_rejected=format_number(result.origin.n_rejected, 0, language),
                    n_cases=result.n_cases,
                ),
                lead=say("annex.not_available", language),
            )
        )
        return blocks
    blocks.append(
        Paragraph(
            say(
                "annex.themes.counts",
                language,
                n=format_number(result.n_codings_in_cases, 0, language),
                n_cases_with=result.n_cases_with_codings,
                n_cases=result.n_cases,
                documents=counted("documents", result.n_documents, language),
                coders=counted("coders", result.n_coders, language),
                fragments=counted("segments", result.n_fragments, language),
            )
        )
    )
    if result.n_cases_with_codings < result.n_cases:
        blocks.append(Paragraph(_cases_without_sentence(result.n_cases - result.n_cases_with_codings, language)))
    blocks.append(
        figure(
            theme_charts.plot_theme_heatmap(
                result.codings_in_cases,
                result.codebook,
                municipalities=[c for c in result.names if c in set(result.codings_in_cases["gm_code"])],
                names=result.names,
                illustrative=result.is_illustrative,
                language=language,
            ),
            "themas-per-gemeente",
            result.intensity,
            result.computed_by,
            language,
        )
    )
    blocks.append(Paragraph(say("annex.themes.share_explained", language)))
    blocks.append(_intensity_table(result, language))
    blocks.append(Paragraph(say("annex.themes.cooccurrence", language)))
    blocks.append(
        figure(
            theme_charts.plot_cooccurrence(
                result.codings_in_cases,
                result.codebook,
                illustrative=result.is_illustrative,
                language=language,
            ),
            "samen-voorkomen",
            result.cooccurrence.rename_axis("theme").reset_index(),
            result.computed_by,
            language,
        )
    )
    return blocks


def _intensity_table(result: sections.ThemesResult, language: Language) -> Table:
    """Per theme: cases with the theme, fragments, and the share's median and range over the cases."""
    rows = []
    for theme, part in result.intensity.groupby("theme", sort=False):
        coded = part.dropna(subset=["theme_share_pct"])
        rows.append(
            {
                "theme": theme,
                "cases_with_theme_count": int((coded["theme_segments_count"] > 0).sum()),
                "cases_with_codings_count": len(coded),
                "theme_segments_count": int(coded["theme_segments_count"].sum()),
                "share_median_pct": coded["theme_share_pct"].median(),
                "share_min_pct": coded["theme_share_pct"].min(),
                "share_max_pct": coded["theme_share_pct"].max(),
            }
        )
    data = pd.DataFrame(rows)
    columns = [
        say("annex.themes.col.theme", language),
        say("annex.themes.col.cases_with", language),
        say("annex.themes.col.fragments", language),
        say("annex.themes.col.share_median", language),
        say("annex.themes.col.share_range", language),
    ]
    shown = pd.DataFrame(
        {
            columns[0]: [_label(result.theme_labels, t, language) for t in data["theme"]],
            columns[1]: [
                say("annex.selection.cell", language, cases=a, all=b)
                for a, b in zip(data["cases_with_theme_count"], data["cases_with_codings_count"], strict=True)
            ],
            columns[2]: [format_number(v, 0, language) for v in data["theme_segments_count"]],
            columns[3]: [format_percent(v, 0, language) for v in data["share_median_pct"]],
            columns[4]: [
                f"{format_percent(lo, 0, language)}–{format_percent(hi, 0, language)}"
                for lo, hi in zip(data["share_min_pct"], data["share_max_pct"], strict=True)
            ],
        }
    )
    return Table(
        shown,
        caption=say("annex.themes.intensity_caption", language),
        numeric=tuple(columns[1:]),
        note=trace(result.computed_by, "thema-aandelen", language),
        data=result.intensity,
        csv_name="thema-aandelen",
    )


def _agreement_status(status: str, language: Language) -> str:
    try:
        return say(f"annex.agreement.status.{status}", language)
    except KeyError:
        return status


def agreement_blocks(result: sections.AgreementSection, language: Language = "nl") -> list[Block]:
    """Kappa beside percent agreement, positives and Krippendorff's alpha with its interval."""
    overall = result.by_theme
    lead = say("annex.agreement.lead", language)
    if overall.status != "ok":
        return [Paragraph(_agreement_status(overall.status, language), lead=lead)]
    rule = overall.rule
    blocks: list[Block] = [
        Paragraph(
            say(
                "annex.agreement.overall",
                language,
                units=format_number(overall.n_units, 0, language),
                coders=format_list(list(overall.coders), language),
                alpha=format_coefficient(overall.alpha, 2, language),
                interval=format_interval(overall.alpha_low, overall.alpha_high, 2, language),
                resamples=format_number(overall.n_resamples, 0, language),
                seed=overall.seed,
            ),
            lead=lead,
        ),
        Paragraph(
            say(
                f"annex.agreement.rule.{rule.method.replace('+', '_')}",
                language,
                threshold=format_coefficient(rule.threshold, 2, language),
            )
        ),
    ]
    per_theme = overall.per_code
    positives = overall.positives.pivot_table(index="code_id", columns="coder", values="n_positive", aggfunc="sum")
    columns = {
        "theme": say("annex.themes.col.theme", language),
        "kappa": say("annex.agreement.col.kappa", language),
        "percent": say("annex.agreement.col.percent", language),
        "alpha": say("annex.agreement.col.alpha", language),
        "interval": say("annex.agreement.col.interval", language),
        "units": say("annex.agreement.col.units", language),
        "remark": say("annex.agreement.col.remark", language),
    }
    shown = pd.DataFrame(
        {
            columns["theme"]: [_label(result.theme_labels, t, language) for t in per_theme["code_id"]],
            columns["kappa"]: [format_coefficient(v, 2, language) for v in per_theme["kappa"]],
            columns["percent"]: [format_share(v, 0, language) for v in per_theme["percent_agreement"]],
            columns["alpha"]: [format_coefficient(v, 2, language) for v in per_theme["alpha"]],
            columns["interval"]: [
                format_interval(lo, hi, 2, language)
                for lo, hi in zip(per_theme["alpha_low"], per_theme["alpha_high"], strict=True)
            ],
        }
    )
    for coder in positives.columns:
        shown[say("annex.agreement.col.positives", language, coder=coder)] = [
            format_number(positives.at[t, coder], 0, language) if t in positives.index else "0"
            for t in per_theme["code_id"]
        ]
    shown[columns["units"]] = [format_number(v, 0, language) for v in per_theme["n_units"]]
    shown[columns["remark"]] = [_flags(f, language) for f in per_theme["flags"]]
    numeric = [c for c in shown.columns if c not in (columns["theme"], columns["remark"])]
    blocks.append(
        Table(
            shown,
            caption=say("annex.agreement.caption", language),
            numeric=tuple(numeric),
            note=trace(result.computed_by, "overeenstemming-thema", language),
            data=per_theme.merge(positives.add_prefix("positives_").reset_index(), on="code_id", how="left"),
            csv_name="overeenstemming-thema",
        )
    )
    blocks.append(_per_code_paragraph(result.by_code, language))
    return blocks


def _flags(flags: str, language: Language) -> str:
    return "; ".join(say(f"annex.agreement.flag.{f}", language) for f in flags.split(";") if f)


def _per_code_paragraph(by_code, language: Language) -> Paragraph:  # noqa: ANN001 - qual.agreement.AgreementResult
    """Per code: the median kappa, and every code whose kappa is undefined or paradoxical, named."""
    per_code = by_code.per_code
    if by_code.status != "ok" or per_code.empty:
        return Paragraph(_agreement_status(by_code.status, language))
    defined = per_code.dropna(subset=["kappa"])
    sentences = [
        say(
            "annex.agreement.per_code",
            language,
            n=len(per_code),
            median=format_coefficient(defined["kappa"].median(), 2, language),
            n_defined=len(defined),
        )
    ]
    undefined = by_code.flagged("kappa_undefined")
    sentences.append(
        say("annex.agreement.undefined", language, n=len(undefined), codes=format_list(undefined, language))
        if undefined
        else say("annex.agreement.undefined_none", language)
    )
    paradox = [c for c in by_code.flagged("high_agreement_low_kappa") if c not in undefined]
    if paradox:
        sentences.append(say("annex.agreement.paradox", language, codes=format_list(paradox, language)))
    return Paragraph(" ".join(sentences))


def quote_matrix_blocks(result: sections.QuoteMatrixResult, language: Language = "nl") -> list[Block]:
    """Per theme and group: the number of fragments and the exemplar quotes, as quotes and as CSV."""
    from analysis.report.annex_views_stats import level_label

    matrix = result.matrix
    blocks: list[Block] = [
        Heading(say("annex.quotes.heading", language)),
        Paragraph(
            say(
                "annex.quotes.intro",
                language,
                characteristic=say(f"annex.characteristic.{result.characteristic}", language),
                per_cell=result.per_cell,
                max_chars=format_number(result.max_chars, 0, language),
            )
        ),
    ]
    if result.is_illustrative:
        blocks.append(illustrative_banner(language))
    if matrix.empty or int(matrix["n_fragments"].sum()) == 0:
        blocks.append(Paragraph(say("annex.quotes.none", language), lead=say("annex.not_available", language)))
        return blocks
    counts = matrix.pivot_table(index="theme", columns="group", values="n_fragments", aggfunc="sum", observed=False)
    counts = counts.reindex(index=list(dict.fromkeys(matrix["theme"])), columns=list(dict.fromkeys(matrix["group"])))
    label_column = "label_en" if language == "en" else "label_nl"
    labels = dict(zip(matrix["theme"], matrix[label_column], strict=False))
    shown = pd.DataFrame({say("annex.themes.col.theme", language): [labels[t] for t in counts.index]})
    for group in counts.columns:
        shown[level_label(result.characteristic, group, language)] = [
            format_number(v, 0, language) for v in counts[group]
        ]
    blocks.append(
        Table(
            shown,
            caption=say("annex.quotes.caption", language),
            numeric=tuple(shown.columns[1:]),
            note=trace(result.computed_by, "citaatmatrix", language),
            data=matrix,
            csv_name="citaatmatrix",
        )
    )
    for row in matrix.itertuples(index=False):
        group = level_label(result.characteristic, row.group, language)
        heading = quote_cell_heading(
            getattr(row, label_column),
            group,
            format_number(row.n_fragments, 0, language),
            row.n_fragments == 1,
            language,
        )
        if row.status == "no_fragments":
            continue
        cell: list[Block] = [Paragraph("", lead=heading)]
        if row.status == "no_text":
            cell.append(Paragraph(say("annex.quotes.no_text", language)))
        for k in range(1, result.per_cell + 1):
            text = getattr(row, f"quote_{k}", "")
            if text:
                cell.append(
                    Quote(
                        text,
                        quote_attribution(
                            getattr(row, f"quote_{k}_gm_name"),
                            getattr(row, f"quote_{k}_document"),
                            getattr(row, f"quote_{k}_coder"),
                            language,
                        ),
                    )
                )
        blocks.append(Group(tuple(cell)))
    return blocks


def _cases_without_sentence(n_without: int, language: Language) -> str:
    """How many of the cases have no accepted coding, with the verb agreeing with the count."""
    number = "one" if n_without == 1 else "many"
    return say(
        f"annex.themes.cases_without.{number}", language, municipalities=counted("municipalities", n_without, language)
    )
