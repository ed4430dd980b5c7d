"""The municipal report's views: a section's result in, blocks in one language out.

Every word comes from :mod:`analysis.narrative` (catalogue ``narrative/municipal.py``), every
number goes through :mod:`analysis.core.format`, every chart comes from :mod:`analysis.viz`.
Views compute nothing that a reader would need to trace: they only word and draw the results of
:mod:`analysis.report.municipal_sections`.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis.core.format import NOT_COMPUTED, Language, format_list, format_number, format_value
from analysis.geo.peers import PEERS_MEDIAN_COLUMN
from analysis.geo.regions import REGION_TYPES
from analysis.narrative import catalogue, say
from analysis.report import common
from analysis.report import municipal_sections as sections
from analysis.report.blocks import Block, Bullets, FigureBlock, Heading, Paragraph, Table
from analysis.social import bijstand
from analysis.viz import charts, maps, region_maps, social_charts
from analysis.viz.style import Rendered, figure_alt_text, figure_png

#: Key-figure units (as :data:`analysis.geo.indicators.KEY_FIGURES` writes them) -> phrase key.
UNIT_KEYS: dict[str, str] = {
    "aantal": "count",
    "km²": "km2",
    "inwoners per km² land": "inhabitants_per_km2_land",
    "adressen per km²": "addresses_per_km2",
    "% van inwoners": "pct_inhabitants",
    "% van huishoudens": "pct_households",
    "personen": "persons",
}
BIJSTAND_REASON_KEYS: dict[str, str] = {
    bijstand.MISSING_BOUNDARY: "boundary",
    bijstand.MISSING_SUPPRESSED: "suppressed",
    bijstand.MISSING_NOT_IN_TABLE: "not_in_table",
}


def figure_block(fig: Figure, name: str) -> FigureBlock:
    """A figure as a block: PNG bytes, alt text from its titles, ``name`` as its file name."""
    return FigureBlock(png=figure_png(fig), alt=figure_alt_text(fig, name), name=name)


def rendered_block(drawn: Rendered, name: str) -> FigureBlock:
    """A figure drawn over a backdrop (``viz.backdrop``) as a block, ``name`` as its file name."""
    return FigureBlock(png=drawn.png, alt=drawn.alt or name, name=name)


#: Comparison-group role (``municipal_sections.peer_codes``) -> the phrase naming it.
PEER_GROUP_KEYS: dict[str, str] = {
    "same_stedelijkheid": "municipal.peers.same_sted",
    "cases": "municipal.peers.cases",
    "structural_peers": "municipal.peers.structural",
}


def peer_group_labels(peers: dict[str, list[str]], language: Language) -> dict[str, list[str]]:
    """The peer groups keyed by their label in ``language`` (the charts draw the keys in the legend)."""
    return {say(PEER_GROUP_KEYS[role], language): codes for role, codes in peers.items()}


def format_count(value: object, language: Language = "nl") -> str:
    """A whole number in the reader's locale (``1.104`` / ``1,104``)."""
    return format_number(value, 0, language)


def stedelijkheid_label(sted_class: int, language: Language = "nl") -> str:
    """The CBS name of an urbanisation class (1 = extremely urbanised ... 5 = not urbanised)."""
    return say(f"municipal.sted.{int(sted_class)}", language)


# --- header and location ------------------------------------------------------------------------


def header_blocks(result: sections.HeaderResult, language: Language = "nl") -> list[Block]:
    """Title, identification, the reading guide and (for illustrative codings) the banner."""
    status = "municipal.header.case" if result.is_case else "municipal.header.not_case"
    blocks: list[Block] = [
        Heading(say("municipal.title", language, name=result.name, gm_code=result.gm_code), level=1),
        Paragraph(
            say(status, language, name=result.name)
            + " "
            + say(
                "municipal.header.population",
                language,
                population=format_value(result.population_count, "aantal", language),
                sted_class=result.stedelijkheid_class,
                sted_label=stedelijkheid_label(result.stedelijkheid_class, language),
            )
        ),
        Paragraph(
            say("municipal.header.guide", language, k=format_count(result.structural_peers_count, language)),
            lead=say("municipal.header.guide_lead", language),
        ),
    ]
    if result.is_illustrative:
        blocks.append(common.illustrative_banner(language))
    return blocks


def location_blocks(result: sections.LocationResult, language: Language = "nl") -> list[Block]:
    """The location map (the Netherlands and the neighbourhood) and the neighbours in words."""
    names = result.neighbours["gm_name"].tolist()
    neighbours = (
        say(
            "municipal.location.neighbours",
            language,
            name=result.name,
            count=len(names),
            names=format_list(names, language),
        )
        if names
        else say("municipal.location.no_neighbours", language, name=result.name)
    )
    location_map = maps.location_png(result.municipalities, result.gm_code, language=language)
    return [
        Heading(say("municipal.location.heading", language)),
        Paragraph(say("municipal.location.intro", language)),
        rendered_block(location_map, "ligging"),
        Paragraph(neighbours),
    ]


# --- key figures --------------------------------------------------------------------------------


def unit_label(unit: str, language: Language = "nl") -> str:
    """A key-figure unit in ``language`` (an unknown unit is shown as written)."""
    key = UNIT_KEYS.get(unit)
    return say(f"municipal.unit.{key}", language) if key else unit


def key_figure_table(result: sections.KeyFiguresResult, language: Language = "nl") -> Table:
    """The key figures formatted for reading; the unformatted numbers travel along as CSV."""
    table = result.table
    values = {
        result.name: "municipality",
        say("municipal.key.col.netherlands", language): "netherlands",
        say(
            "municipal.key.col.same_sted", language, count=result.same_stedelijkheid_count
        ): "same_stedelijkheid_median",
        say("municipal.key.col.cases", language, count=result.cases_count): "cases_median",
        say("municipal.key.col.similar", language, count=result.structural_peers_count): PEERS_MEDIAN_COLUMN,
    }
    frame = pd.DataFrame(
        {
            say("municipal.key.col.figure", language): [say(f"municipal.kf.{c}", language) for c in table.index],
            say("municipal.key.col.unit", language): [unit_label(u, language) for u in table["unit"]],
        }
    )
    for heading, column in values.items():
        frame[heading] = [
            format_value(value, unit, language) for value, unit in zip(table[column], table["unit"], strict=True)
        ]
    rank = say("municipal.key.col.rank", language, count=result.municipalities_count)
    frame[rank] = [NOT_COMPUTED if pd.isna(r) else format_count(r, language) for r in table["rank_of_all"]]
    return Table(
        frame,
        numeric=(*values, rank),
        data=table.reset_index(),
        csv_name="kerncijfers",
    )


def key_figures_blocks(result: sections.KeyFiguresResult, language: Language = "nl") -> list[Block]:
    """The key-figure table and the two peer charts."""
    profile = charts.plot_profile_against_peers(result.table, result.name, language=language)
    size_density = charts.size_density_png(
        result.municipalities, list(result.case_codes), result.gm_code, language=language
    )
    return [
        Heading(say("municipal.key.heading", language)),
        Paragraph(say("municipal.key.intro", language)),
        key_figure_table(result, language),
        Paragraph(say("municipal.key.note", language)),
        figure_block(profile, "profiel"),
        rendered_block(size_density, "omvang-dichtheid"),
    ]


# --- regions ------------------------------------------------------------------------------------


def region_type_name(key: str, language: Language = "nl") -> str:
    """The name of a region type (``youth_care_region`` -> ``jeugdzorgregio``)."""
    region = REGION_TYPES[key]
    return region.name_en if language == "en" else region.name_nl


def regions_blocks(result: sections.RegionsResult, language: Language = "nl") -> list[Block]:
    """Region memberships and sizes, maps of the main regions, regions shared with the neighbours."""
    scale = format_count(result.scale_inhabitants, language)
    table = result.table
    below = result.below_scale
    verdict = (
        say("municipal.regions.all_at_scale", language, scale=scale)
        if not below
        else say(
            "municipal.regions.below_scale",
            language,
            scale=scale,
            types=format_list([region_type_name(k, language) for k in below], language),
        )
    )
    at_scale = say("municipal.regions.col.at_scale", language, scale=scale)
    yes, no = say("municipal.yes", language), say("municipal.no", language)
    memberships = pd.DataFrame(
        {
            say("municipal.regions.col.type", language): [region_type_name(k, language) for k in table["region_type"]],
            say("municipal.regions.col.region", language): [
                f"{name} ({code})" for name, code in zip(table["region_name"], table["region_code"], strict=True)
            ],
            say("municipal.regions.col.municipalities", language): [
                format_count(n, language) for n in table["municipalities_count"]
            ],
            say("municipal.regions.col.inhabitants", language): [
                format_value(n, "aantal", language) for n in table["inhabitants_count"]
            ],
            at_scale: [yes if meets else no for meets in table["meets_scale"]],
        }
    )
    n_types = len(table)
    shared = result.shared
    shared_frame = pd.DataFrame(
        {
            say("municipal.regions.col.neighbour", language): shared["gm_name"].tolist(),
            say("municipal.regions.col.shared", language, count=n_types): [
                format_count(n, language) for n in shared["shared_region_types_count"]
            ],
            say("municipal.regions.col.not_shared", language): [
                ", ".join(region_type_name(k, language) for k in keys) or NOT_COMPUTED
                for keys in shared["not_shared_region_types"]
            ],
        }
    )
    maps_blocks = [
        rendered_block(
            region_maps.region_png(
                result.municipalities,
                result.memberships,
                result.gm_code,
                region_type,
                result.region_outlines[result.region_outlines["region_type"] == region_type],
                language=language,
            ),
            f"regio-{region_type}",
        )
        for region_type in result.mapped_regions
    ]
    shared_data = shared.assign(not_shared_region_types=[", ".join(k) for k in shared["not_shared_region_types"]])
    return [
        Heading(say("municipal.regions.heading", language)),
        Paragraph(say("municipal.regions.intro", language, scale=scale)),
        Paragraph(say("municipal.regions.count", language, name=result.name, count=n_types) + " " + verdict),
        Table(memberships, numeric=tuple(memberships.columns[2:4]), data=table, csv_name="regios"),
        *maps_blocks,
        Paragraph(
            say("municipal.regions.shared", language, count=n_types),
            lead=say("municipal.regions.shared_lead", language),
        ),
        Table(shared_frame, numeric=(shared_frame.columns[1],), data=shared_data, csv_name="gedeelde-regios"),
    ]


# --- social domain ------------------------------------------------------------------------------


def bijstand_year_sentence(row: pd.Series, language: Language = "nl") -> str:
    """One year of bijstand in words: the figures, or why they are missing (never a raw reason code)."""
    if pd.isna(row["recipients_per_1000_inhabitants"]):
        reason = row["missing_reason"]
        key = BIJSTAND_REASON_KEYS.get(str(reason))
        text = (
            say(f"municipal.social.reason.{key}", language)
            if key
            else say("municipal.social.reason.other", language, reason=reason)
        )
        return say("municipal.social.year_missing", language, year=row["year"], table_id=row["table_id"], reason=text)
    return say(
        "municipal.social.year_remapped" if row["is_remapped"] else "municipal.social.year",
        language,
        year=row["year"],
        table_id=row["table_id"],
        count=format_value(row["recipients_count"], "aantal", language),
        rate=format_value(row["recipients_per_1000_inhabitants"], "per 1000", language),
    )


def topic_name(topic: str, language: Language = "nl") -> str:
    """A StatLine topic of the social domain in words (a topic without a phrase is shown as coded)."""
    key = f"municipal.topic.{topic}"
    return say(key, language) if key in catalogue() else topic


def social_domain_blocks(result: sections.SocialDomainResult, language: Language = "nl") -> list[Block]:
    """The bijstand trend, the figures per year, and the tables the local copy lacks, in words."""
    figure = social_charts.plot_trend(
        result.bijstand,
        result.gm_code,
        result.name,
        peer_group_labels(result.peers, language),
        group_roles=list(result.peers),
        language=language,
    )
    status = result.status if result.status_recorded else say("municipal.social.status_not_recorded", language)
    unavailable = [
        say(
            "municipal.social.unavailable",
            language,
            topic=topic_name(row.topic, language),
            table_id=row.table_id,
        )
        for row in result.unavailable.itertuples()
    ]
    blocks: list[Block] = [
        Heading(say("municipal.social.heading", language)),
        Paragraph(say("municipal.social.intro", language)),
        figure_block(figure, "bijstand"),
        Bullets([bijstand_year_sentence(row, language) for _, row in result.years.iterrows()]),
        Paragraph(say("municipal.social.status", language, status=status)),
    ]
    if unavailable:
        blocks.append(Paragraph(" ".join(unavailable), lead=say("municipal.unavailable_lead", language)))
    return blocks


# --- sources ------------------------------------------------------------------------------------


def sources_blocks(result: sections.SourcesResult, language: Language = "nl") -> list[Block]:
    """Every source used, with its raw files and checksums, and the codings file as plain text."""
    return common.sources_blocks(result.records, result.codings, language)
