"""The municipal report's views: a section's result in, blocks in one language out.

Every word comes from :mod:`analysis.narrative` (catalogue ``narrative/municipal.py``), every
number goes through :mod:`analysis.core.format`, every chart comes from :mod:`analysis.viz`.
Views compute nothing that a reader would need to trace: they only word and draw the results of
:mod:`analysis.report.municipal_sections`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

import pandas as pd
from matplotlib.figure import Figure

from analysis.core.format import NOT_COMPUTED, Language, format_list, format_number, format_share, format_value
from analysis.geo.regions import REGION_TYPES
from analysis.narrative import say
from analysis.qual.quotes import NO_TEXT
from analysis.report import common
from analysis.report import municipal_sections as sections
from analysis.report.blocks import Block, Bullets, FigureBlock, Group, Heading, Paragraph, Quote, Table
from analysis.social import bijstand, elections
from analysis.viz import charts, democracy_charts, maps, region_maps, social_charts, theme_charts
from analysis.viz.style import figure_alt_text, figure_png

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
ELECTION_REASON_KEYS: dict[str, str] = {
    elections.MISSING_CHANGED: "changed",
    elections.MISSING_NOT_IN_FILE: "not_in_file",
}


def _draw(plot: Callable[..., Figure], *args: object, language: Language, **kwargs: object) -> Figure:
    """Call a chart function, in ``language`` where it takes one.

    The chart modules are gaining a ``language`` keyword one by one (some still call it ``lang``);
    a chart without either draws in Dutch.
    """
    parameters = inspect.signature(plot).parameters
    if "language" in parameters:
        kwargs["language"] = language
    elif "lang" in parameters:
        kwargs["lang"] = language
    return plot(*args, **kwargs)


def _figure(fig: Figure, name: str) -> FigureBlock:
    """A figure as a block: PNG bytes, alt text from its titles, ``name`` as its file name."""
    return FigureBlock(png=figure_png(fig), alt=figure_alt_text(fig, name), name=name)


def _peer_labels(peers: dict[str, list[str]], language: Language) -> dict[str, list[str]]:
    """The peer groups keyed by their label in ``language`` (the charts draw the keys in the legend)."""
    labels = {"same_stedelijkheid": "municipal.peers.same_sted", "cases": "municipal.peers.cases"}
    return {say(labels[role], language): codes for role, codes in peers.items()}


def _count(value: object, language: Language) -> str:
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
        Paragraph(say("municipal.header.guide", language), lead=say("municipal.header.guide_lead", language)),
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
    figure = _draw(maps.plot_location, result.municipalities, result.gm_code, language=language)
    return [
        Heading(say("municipal.location.heading", language)),
        Paragraph(say("municipal.location.intro", language)),
        _figure(figure, "ligging"),
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
    frame[rank] = [NOT_COMPUTED if pd.isna(r) else _count(r, language) for r in table["rank_of_all"]]
    return Table(
        frame,
        numeric=(*values, rank),
        data=table.reset_index(),
        csv_name="kerncijfers",
    )


def key_figures_blocks(result: sections.KeyFiguresResult, language: Language = "nl") -> list[Block]:
    """The key-figure table and the two peer charts."""
    profile = _draw(charts.plot_profile_against_peers, result.table, result.name, language=language)
    size_density = _draw(
        charts.plot_size_density,
        result.municipalities,
        list(result.case_codes),
        focus=result.gm_code,
        language=language,
    )
    return [
        Heading(say("municipal.key.heading", language)),
        Paragraph(say("municipal.key.intro", language)),
        key_figure_table(result, language),
        Paragraph(say("municipal.key.note", language)),
        _figure(profile, "profiel"),
        _figure(size_density, "omvang-dichtheid"),
    ]


# --- regions ------------------------------------------------------------------------------------


def region_type_name(key: str, language: Language = "nl") -> str:
    """The name of a region type (``youth_care_region`` -> ``jeugdzorgregio``)."""
    region = REGION_TYPES[key]
    return region.name_en if language == "en" else region.name_nl


def regions_blocks(result: sections.RegionsResult, language: Language = "nl") -> list[Block]:
    """Region memberships and sizes, maps of the main regions, regions shared with the neighbours."""
    scale = _count(result.scale_inhabitants, language)
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
                _count(n, language) for n in table["municipalities_count"]
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
                _count(n, language) for n in shared["shared_region_types_count"]
            ],
            say("municipal.regions.col.not_shared", language): [
                ", ".join(region_type_name(k, language) for k in keys) or NOT_COMPUTED
                for keys in shared["not_shared_region_types"]
            ],
        }
    )
    maps_blocks = [
        _figure(
            _draw(
                region_maps.plot_region,
                result.municipalities,
                result.memberships,
                result.gm_code,
                region_type,
                outlines=result.region_outlines[result.region_outlines["region_type"] == region_type],
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


def social_domain_blocks(result: sections.SocialDomainResult, language: Language = "nl") -> list[Block]:
    """The bijstand trend, the figures per year, and the tables the local copy lacks, in words."""
    figure = _draw(
        social_charts.plot_trend,
        result.bijstand,
        result.gm_code,
        result.name,
        _peer_labels(result.peers, language),
        language=language,
    )
    status = result.status if result.status_recorded else say("municipal.social.status_not_recorded", language)
    unavailable = [
        say(
            "municipal.social.unavailable",
            language,
            topic=say(f"municipal.topic.{row.topic}", language),
            table_id=row.table_id,
        )
        for row in result.unavailable.itertuples()
    ]
    blocks: list[Block] = [
        Heading(say("municipal.social.heading", language)),
        Paragraph(say("municipal.social.intro", language)),
        _figure(figure, "bijstand"),
        Bullets([bijstand_year_sentence(row, language) for _, row in result.years.iterrows()]),
        Paragraph(say("municipal.social.status", language, status=status)),
    ]
    if unavailable:
        blocks.append(Paragraph(" ".join(unavailable), lead=say("municipal.unavailable_lead", language)))
    return blocks


# --- democracy ----------------------------------------------------------------------------------


def democracy_blocks(result: sections.DemocracyResult, language: Language = "nl") -> list[Block]:
    """Council size, the 2010 election (or why it is missing), and the elections the copy lacks."""
    population = format_value(result.population_count, "aantal", language)
    if pd.isna(result.turnout_pct):
        key = ELECTION_REASON_KEYS.get(result.missing_reason)
        reason = (
            say(f"municipal.democracy.reason.{key}", language)
            if key
            else say("municipal.democracy.reason.other", language, reason=result.missing_reason or NOT_COMPUTED)
        )
        election = say("municipal.democracy.no_election", language, name=result.name, reason=reason)
    else:
        election = say(
            "municipal.democracy.election",
            language,
            name=result.name,
            turnout=format_value(result.turnout_pct, "%", language),
            local_share=format_value(result.local_parties_vote_share_pct, "%", language),
        )
    missing = [say("municipal.democracy.missing_year", language, year=y) for y in result.missing_election_years]
    missing.append(say("municipal.democracy.no_seat_shares", language))
    figure = _draw(
        democracy_charts.plot_local_democracy,
        result.elections_2010,
        result.gm_code,
        result.name,
        _peer_labels(result.peers, language),
        language=language,
    )
    return [
        Heading(say("municipal.democracy.heading", language)),
        Paragraph(say("municipal.democracy.intro", language)),
        Paragraph(
            say("municipal.democracy.seats", language, population=population, seats=result.council_seats)
            + " "
            + election
        ),
        Paragraph(" ".join(missing), lead=say("municipal.unavailable_lead", language)),
        _figure(figure, "democratie-2010"),
    ]


# --- themes -------------------------------------------------------------------------------------


def _theme_label(row: pd.Series | object, language: Language) -> str:
    return str(getattr(row, "label_en" if language == "en" else "label_nl"))


def _no_profile_sentence(result: sections.ThemesResult, language: Language) -> str:
    origin = result.origin
    rejected_here = _count(result.rejected_count, language)
    if origin.n_read == 0:
        return say("municipal.themes.empty_file", language)
    if origin.n_accepted == 0:
        return say(
            "municipal.themes.all_rejected",
            language,
            read=_count(origin.n_read, language),
            rejected_here=rejected_here,
            name=result.name,
        )
    if result.rejected_count:
        return say(
            "municipal.themes.rejected_for_municipality", language, name=result.name, rejected_here=rejected_here
        )
    sentence = say("municipal.themes.none_for_municipality", language, name=result.name)
    return sentence if result.is_case else f"{sentence} {say('municipal.themes.not_case', language)}"


def _group_basis(result: sections.ThemesResult, language: Language) -> str:
    """What the mean of the twenty rests on: how many of them have codings (thin data in words)."""
    count = result.comparison_with_codings_count
    if count == 0:
        return say("municipal.themes.group_none", language)
    if count == 1 and result.is_case:
        return say("municipal.themes.group_only_self", language, name=result.name)
    return say("municipal.themes.group_basis", language, count=_count(count, language))


def themes_blocks(result: sections.ThemesResult, language: Language = "nl") -> list[Block]:
    """The codings' origin and counts, the most coded themes, the share per theme and the profile."""
    blocks: list[Block] = [
        Heading(say("municipal.themes.heading", language)),
        Paragraph(say("municipal.themes.intro", language)),
    ]
    if result.origin.is_illustrative:
        blocks.append(common.illustrative_banner(language))
    blocks.append(common.codings_origin_paragraph(result.origin, language))
    if not result.has_profile:
        blocks.append(Paragraph(_no_profile_sentence(result, language)))
        return blocks
    counts = say(
        "municipal.themes.counts",
        language,
        name=result.name,
        codings=_count(result.codings_count, language),
        segments=_count(result.segments_count, language),
        documents=_count(result.documents_count, language),
        coders=_count(result.coders_count, language),
    )
    if result.rejected_count:
        counts += " " + say(
            "municipal.themes.rejected_here",
            language,
            rejected=_count(result.rejected_count, language),
            name=result.name,
        )
    listing = format_list(
        [
            say(
                "municipal.themes.top_item",
                language,
                label=_theme_label(row, language),
                segments=_count(row.n_segments, language),
                share=format_share(row.share, 0, language),
            )
            for row in result.top.itertuples()
        ],
        language,
    )
    profile = result.profile
    share_table = pd.DataFrame(
        {
            say("municipal.themes.col.theme", language): [_theme_label(r, language) for r in profile.itertuples()],
            say("municipal.themes.col.segments", language): [_count(n, language) for n in profile["n_segments"]],
            say("municipal.themes.col.share", language): [format_share(s, 0, language) for s in profile["share"]],
            say("municipal.themes.col.group_mean", language): [
                format_share(s, 0, language) for s in profile["group_mean"]
            ],
        }
    )
    figure = _draw(
        theme_charts.plot_theme_profile,
        result.accepted,
        result.codebook,
        result.gm_code,
        municipalities=list(result.comparison_codes),
        names=result.names,
        illustrative=result.origin.is_illustrative,
        language=language,
    )
    blocks += [
        Paragraph(f"{counts} {say('municipal.themes.top', language, listing=listing)}"),
        Paragraph(say("municipal.themes.profile", language, name=result.name) + " " + _group_basis(result, language)),
        Table(share_table, numeric=tuple(share_table.columns[1:]), data=profile.reset_index(), csv_name="themaprofiel"),
        _figure(figure, "themaprofiel"),
    ]
    return blocks


# --- fragments ----------------------------------------------------------------------------------


def _attribution(document: str, coders: str, language: Language) -> str:
    """``document — codeur A`` (a fragment two coders coded names both: ``codeurs A en B``)."""
    names = [c.strip() for c in str(coders).split(",") if c.strip()]
    key = "municipal.fragments.attribution_coders" if len(names) > 1 else "municipal.fragments.attribution"
    return say(key, language, document=document, coders=format_list(names, language))


def fragments_blocks(result: sections.FragmentsResult, language: Language = "nl") -> list[Block]:
    """For each chosen theme its exemplar fragments as quotes (text, document, coder).

    Where the codings file has no text for the fragments, that is said once instead of quotes.
    """
    blocks: list[Block] = [Heading(say("municipal.fragments.heading", language))]
    if result.themes.empty:
        blocks.append(Paragraph(say("municipal.fragments.none", language, name=result.name)))
        return blocks
    if result.is_illustrative:
        blocks.append(common.illustrative_banner(language))
    if not result.has_text:
        blocks.append(Paragraph(say("municipal.fragments.no_text", language)))
        return blocks
    blocks.append(Paragraph(say("municipal.fragments.intro", language, name=result.name, max_chars=result.max_chars)))
    for theme in result.themes.itertuples():
        quotes = result.quotes[(result.quotes["theme"] == theme.theme) & (result.quotes["text_status"] != NO_TEXT)]
        title = say(
            "municipal.fragments.theme",
            language,
            label=_theme_label(theme, language),
            segments=_count(theme.n_segments, language),
        )
        shown: list[Block] = [
            Quote(text=row.text, attribution=_attribution(row.document, row.coder, language))
            for row in quotes.itertuples()
        ] or [Paragraph(say("municipal.fragments.theme_no_text", language))]
        blocks.append(Group((Heading(title, level=3), *shown)))
    return blocks


# --- sources ------------------------------------------------------------------------------------


def sources_blocks(result: sections.SourcesResult, language: Language = "nl") -> list[Block]:
    """Every source used, with its raw files and checksums, and the codings file as plain text."""
    return common.sources_blocks(result.records, result.codings, language)
