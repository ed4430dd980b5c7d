"""Views of the annex's descriptive chapters: a section's result to blocks, in Dutch or English.

Every word comes from :mod:`analysis.narrative` (``annex.*``), every number through
:mod:`analysis.core.format`. Each table and figure says which function computed it and which CSV
(written by the renderer beside the figures) holds its unformatted numbers.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis.core.format import Language, format_list, format_number, format_percent, format_value
from analysis.geo import regions
from analysis.narrative import say
from analysis.report import annex_sections as sections
from analysis.report.blocks import Block, Bullets, FigureBlock, Group, Heading, Paragraph, Table
from analysis.report.common import illustrative_banner, sources_blocks
from analysis.viz import charts, maps, style, theme_charts
from analysis.viz.crosscase_charts import plot_region_scale

#: Where the renderer writes the annex's CSVs, relative to the report folder (for the trace lines).
CSV_FOLDER = "figures/annex"


def trace(computed_by: str, csv_name: str, language: Language) -> str:
    """The line under a table or figure: the function that computed it and the CSV with its numbers."""
    return say("annex.trace", language, function=computed_by, csv=f"{CSV_FOLDER}/{csv_name}.csv")


def figure(
    fig: Figure, name: str, data: pd.DataFrame | None, computed_by: str, language: Language, illustrative: bool = False
) -> FigureBlock:
    """A figure block with its alt text, its numbers as CSV and the trace line as caption.

    ``illustrative`` puts the red strip on the figure itself, so that a copied PNG keeps it.
    """
    if illustrative:
        theme_charts.mark_illustrative(fig, language=language)
    return FigureBlock(
        png=style.figure_png(fig),
        alt=style.figure_alt_text(fig, name),
        name=name,
        caption=trace(computed_by, name, language) if data is not None else "",
        data=data,
        csv_name=name if data is not None else "",
    )


def table(
    shown: pd.DataFrame, data: pd.DataFrame, csv_name: str, computed_by: str, language: Language, numeric=()
) -> Table:
    """A table block with its unformatted numbers and the trace line."""
    return Table(
        shown.reset_index(drop=True),
        numeric=tuple(numeric),
        note=trace(computed_by, csv_name, language),
        data=data.reset_index(drop=True),
        csv_name=csv_name,
    )


def size_class_label(low: int, high: int, language: Language) -> str:
    """``< 20.000``, ``20.000-50.000``, ``>= 100.000`` in the reader's number format."""
    if low <= 0:
        return say("annex.size.below", language, high=format_number(high, 0, language))
    if high >= 10**9:
        return say("annex.size.above", language, low=format_number(low, 0, language))
    return say(
        "annex.size.between", language, low=format_number(low, 0, language), high=format_number(high, 0, language)
    )


def stedelijkheid_label(value: object, language: Language) -> str:
    """``2 sterk stedelijk`` / ``2 strongly urban``."""
    number = int(value)  # type: ignore[call-overload]
    return f"{number} {say(f'annex.stedelijkheid.{number}', language)}"


def header_blocks(result: sections.HeaderResult, language: Language = "nl") -> list[Block]:
    """Title, the spread of the selection, the reading guide, the banner."""
    blocks: list[Block] = [
        Heading(say("annex.title", language), level=1),
        Paragraph(
            say(
                "annex.header.intro",
                language,
                n=result.n_cases,
                population=format_number(result.population_total, 0, language),
                share=format_percent(result.population_share_pct, 1, language),
                smallest=format_number(result.population_min, 0, language),
                largest=format_number(result.population_max, 0, language),
            )
        ),
        Paragraph(
            say("annex.header.guide", language, n_municipalities=result.n_municipalities),
            lead=say("annex.header.guide_lead", language),
        ),
    ]
    if result.is_illustrative:
        blocks.append(illustrative_banner(language))
    return blocks


def selection_blocks(result: sections.SelectionResult, language: Language = "nl") -> list[Block]:
    """Map, size classes, stedelijkheid x size, provinces, size against density."""
    n_all = len(result.municipalities)
    codes = list(result.case_codes)
    everyone = pd.DataFrame(result.municipalities.drop(columns="geometry"))
    map_data = everyone.loc[everyone["gm_code"].isin(codes), ["gm_code", "gm_name", "population_count"]]
    spread = result.size_spread
    size_labels = [size_class_label(lo, hi, language) for lo, hi in zip(spread["low"], spread["high"], strict=True)]
    shown_spread = pd.DataFrame(
        {
            say("annex.selection.col.size_class", language): size_labels,
            say("annex.selection.col.cases", language): spread["cases_count"],
            say("annex.selection.col.all", language, n=n_all): spread["all_count"],
        }
    )
    grid = result.size_by_stedelijkheid
    cells = grid.assign(
        cell=[
            say("annex.selection.cell", language, cases=c, all=a)
            for c, a in zip(grid["cases_count"], grid["all_count"], strict=True)
        ]
    ).pivot(index="stedelijkheid_class", columns="size_class_index", values="cell")
    cells.columns = [size_labels[i] for i in cells.columns]
    cells.insert(
        0, say("annex.selection.col.stedelijkheid", language), [stedelijkheid_label(c, language) for c in cells.index]
    )
    provinces = result.provinces
    shown_provinces = pd.DataFrame(
        {
            say("annex.selection.col.province", language): provinces["province_name"],
            say("annex.selection.col.cases", language): provinces["cases_count"],
            say("annex.selection.col.all", language, n=n_all): provinces["all_count"],
        }
    )
    n_with_case = int((provinces["cases_count"] > 0).sum())
    province_sentence = say("annex.selection.provinces", language, n=n_with_case, total=len(provinces))
    if result.provinces_without_case:
        province_sentence += " " + say(
            "annex.selection.provinces_without",
            language,
            names=format_list(list(result.provinces_without_case), language),
        )
    by = result.computed_by
    return [
        Heading(say("annex.selection.heading", language)),
        Paragraph(say("annex.selection.intro", language)),
        figure(
            maps.plot_cases(result.municipalities, codes, language=language),
            "kaart-twintig",
            map_data,
            by,
            language,
        ),
        table(shown_spread, spread, "selectie-grootteklasse", by, language, shown_spread.columns[1:]),
        Paragraph(
            say(
                "annex.selection.grid",
                language,
                empty=result.empty_combinations,
                occupied=result.occupied_combinations,
            ),
            lead=say("annex.selection.grid_lead", language),
        ),
        table(cells, grid, "selectie-stedelijkheid-grootte", by, language, cells.columns[1:]),
        Paragraph(province_sentence, lead=say("annex.selection.provinces_lead", language)),
        table(shown_provinces, provinces, "selectie-provincies", by, language, shown_provinces.columns[1:]),
        figure(
            charts.plot_size_density(result.municipalities, codes, language=language),
            "omvang-dichtheid",
            everyone[["gm_code", "gm_name", "population_count", "density_per_km2"]].assign(
                is_case=everyone["gm_code"].isin(codes)
            ),
            by,
            language,
        ),
    ]


def key_figures_blocks(result: sections.KeyFiguresResult, language: Language = "nl") -> list[Block]:
    """The twenty in one table, formatted for reading."""
    from analysis.geo.indicators import SIZE_CLASSES

    data = result.table
    columns = {
        "gm_name": say("annex.col.municipality", language),
        "population_count": say("annex.key.col.population", language),
        "size_class": say("annex.selection.col.size_class", language),
        "stedelijkheid_class": say("annex.selection.col.stedelijkheid", language),
        "density_per_km2": say("annex.key.col.density", language),
        "age_65_plus_pct": say("annex.key.col.age_65_plus", language),
        "non_western_migration_background_pct": say("annex.key.col.migration", language),
    }
    shown = pd.DataFrame(
        {
            columns["gm_name"]: data["gm_name"],
            columns["population_count"]: [format_value(v, "aantal", language) for v in data["population_count"]],
            columns["size_class"]: [
                size_class_label(SIZE_CLASSES[i][0], SIZE_CLASSES[i][1], language) for i in data["size_class_index"]
            ],
            columns["stedelijkheid_class"]: [stedelijkheid_label(c, language) for c in data["stedelijkheid_class"]],
            columns["density_per_km2"]: [
                format_value(v, "inwoners per km² land", language) for v in data["density_per_km2"]
            ],
            columns["age_65_plus_pct"]: [format_value(v, "%", language) for v in data["age_65_plus_pct"]],
            columns["non_western_migration_background_pct"]: [
                format_value(v, "%", language) for v in data["non_western_migration_background_pct"]
            ],
        }
    )
    numeric = [columns[c] for c in ("population_count", "density_per_km2", "age_65_plus_pct")]
    numeric.append(columns["non_western_migration_background_pct"])
    return [
        Heading(say("annex.key.heading", language)),
        table(shown, data, "kerncijfers", result.computed_by, language, numeric),
    ]


def regions_blocks(result: sections.RegionsResult, language: Language = "nl") -> list[Block]:
    """Regions against the 100,000 scale: sentences, the dot chart, the table."""
    scale = format_number(result.scale_inhabitants, 0, language)
    lines = []
    for summary in result.summaries:
        region_type = regions.REGION_TYPES[summary.region_type]
        name = region_type.name_nl if language == "nl" else region_type.name_en
        line = say(
            "annex.regions.line",
            language,
            region_type=name,
            n=summary.n_reaching_scale,
            total=result.n_cases,
            scale=scale,
        )
        if summary.below_scale:
            line += " " + say("annex.regions.below", language, names=format_list(list(summary.below_scale), language))
        line += " " + say(
            "annex.regions.smallest",
            language,
            name=summary.smallest_region_name,
            inhabitants=format_number(summary.smallest_region_inhabitants, 0, language),
        )
        lines.append(line)
    frame = result.table
    shown = pd.DataFrame({say("annex.col.municipality", language): frame["gm_name"]})
    numeric = []
    for key in sections.SCALE_REGION_TYPES:
        region_type = regions.REGION_TYPES[key]
        name = region_type.name_nl if language == "nl" else region_type.name_en
        shown[f"{name}: {say('annex.regions.col.region', language)}"] = frame[f"{key}_name"]
        inhabitants = f"{name}: {say('annex.regions.col.inhabitants', language)}"
        members = f"{name}: {say('annex.regions.col.municipalities', language)}"
        shown[inhabitants] = [format_value(v, "aantal", language) for v in frame[f"{key}_inhabitants_count"]]
        shown[members] = frame[f"{key}_municipalities_count"]
        numeric += [inhabitants, members]
    return [
        Heading(say("annex.regions.heading", language)),
        Paragraph(
            say(
                "annex.regions.intro",
                language,
                scale=scale,
                n=result.n_reaching_scale_alone,
                total=result.n_cases,
            )
        ),
        Bullets(lines),
        figure(
            plot_region_scale(frame, result.scale_inhabitants, language=language),
            "regio-schaal",
            frame,
            result.computed_by,
            language,
        ),
        table(shown, frame, "regio-tabel", result.computed_by, language, numeric),
    ]


def missing_reason(reason: str, language: Language) -> str:
    """A layer's missing-value reason (English, as the data layers record it) in the reader's words.

    A reason without a phrase reads "reden niet vastgelegd" rather than leaking English onto a Dutch page.
    """
    key = f"annex.missing.{reason.replace(' ', '_')}"
    try:
        return say(key, language)
    except KeyError:
        return say("annex.missing.other", language)


def social_domain_blocks(result: sections.SocialDomainResult, language: Language = "nl") -> list[Block]:
    """Bijstand per 1,000 of the twenty and the Netherlands, the gaps and what is not available."""
    years = list(result.years)
    latest = result.latest_year
    municipality = say("annex.col.municipality", language)

    def rate(value: float) -> str:
        return format_value(value, "per 1000", language)

    summary = pd.DataFrame(
        [
            {municipality: say("annex.social.netherlands", language)}
            | {str(y): rate(result.national[y]) for y in years},
            {municipality: say("annex.social.median", language, n=len(result.table))}
            | {str(y): rate(result.median[y]) for y in years},
        ]
    )
    cases = pd.DataFrame(
        {municipality: result.table["gm_name"]}
        | {str(y): [rate(v) for v in result.table[f"per_1000_{y}"]] for y in years}
    )
    sentences = [
        say(
            "annex.social.intro",
            language,
            first=years[0],
            latest=latest,
            above=result.above_national,
            with_figure=result.with_figure,
            national=rate(result.national[latest]),
        )
    ]
    if result.gaps:
        gaps = [
            say("annex.social.gap", language, name=name, year=year, reason=missing_reason(reason, language))
            for name, year, reason in result.gaps
        ]
        sentences.append(say("annex.social.gaps", language, gaps="; ".join(gaps)))
    else:
        sentences.append(say("annex.social.no_gaps", language))
    sentences.append(say("annex.social.status", language))
    unavailable = [
        say("annex.social.unavailable", language, topic=say(f"annex.topic.{topic}", language), table_id=table_id)
        for table_id, topic in result.unavailable_tables
    ]
    blocks: list[Block] = [
        Heading(say("annex.social.heading", language, first=years[0], latest=latest)),
        Paragraph(" ".join(sentences)),
    ]
    if unavailable:
        blocks.append(Paragraph(" ".join(unavailable), lead=say("annex.not_available", language)))
    blocks.append(
        table(
            pd.concat([summary, cases], ignore_index=True),
            result.table,
            "bijstand",
            result.computed_by,
            language,
            [str(y) for y in years],
        )
    )
    return [Group(tuple(blocks))]


def sources_section_blocks(result: sections.SourcesResult, language: Language = "nl") -> list[Block]:
    """The sources panel (``report.common``): citations, raw files with date and sha256, the codings file."""
    return sources_blocks(result.records, result.codings, language)
