"""The municipal report's views of the codings: the theme profile and the exemplar fragments.

Split from :mod:`analysis.report.municipal_views` (which holds the other sections and the shared
helpers); the same rules hold: words from :mod:`analysis.narrative`, numbers through
:mod:`analysis.core.format`, charts from :mod:`analysis.viz`.
"""

from __future__ import annotations

import pandas as pd

from analysis.core.format import Language, format_list, format_share
from analysis.narrative import counted, say
from analysis.qual.quotes import NO_TEXT
from analysis.report import common
from analysis.report import municipal_sections as sections
from analysis.report.blocks import Block, Group, Heading, Paragraph, Quote, Table
from analysis.report.municipal_views import figure_block, format_count
from analysis.viz import theme_charts

# --- themes -------------------------------------------------------------------------------------


def theme_label(row: pd.Series | object, language: Language = "nl") -> str:
    """A theme's label in ``language`` from a row holding ``label_nl`` and ``label_en``."""
    return str(getattr(row, "label_en" if language == "en" else "label_nl"))


def _no_profile_sentence(result: sections.ThemesResult, language: Language) -> str:
    origin = result.origin
    if origin.n_read == 0:
        return say("municipal.themes.empty_file", language)
    if origin.n_accepted == 0:
        return say(
            "municipal.themes.all_rejected",
            language,
            read=counted("codings", origin.n_read, language),
            rejected_here=format_count(result.rejected_count, language),
            name=result.name,
        )
    if result.rejected_count:
        return say(
            "municipal.themes.rejected_for_municipality",
            language,
            name=result.name,
            rejected_here=counted("codings", result.rejected_count, language),
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
    return say("municipal.themes.group_basis", language, count=format_count(count, language))


def themes_blocks(result: sections.ThemesResult, language: Language = "nl") -> list[Block]:
    """The codings' origin and counts, the most coded themes, the share per theme and the profile."""
    blocks: list[Block] = [
        Heading(say("municipal.themes.heading", language)),
        # The ROB frame is named only when its codebook is the one in use, not a project's own.
        Paragraph(
            say(
                "municipal.themes.intro_project" if result.origin.project_codebook_file else "municipal.themes.intro",
                language,
            )
        ),
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
        codings=counted("codings", result.codings_count, language),
        segments=counted("segments", result.segments_count, language),
        documents=counted("documents", result.documents_count, language),
        coders=counted("coders", result.coders_count, language),
    )
    if result.rejected_count:
        counts += " " + say(
            "municipal.themes.rejected_here",
            language,
            rejected=counted("codings", result.rejected_count, language),
            name=result.name,
        )
    listing = format_list(
        [
            say(
                "municipal.themes.top_item",
                language,
                label=theme_label(row, language),
                segments=counted("segments", row.n_segments, language),
                share=format_share(row.share, 0, language),
            )
            for row in result.top.itertuples()
        ],
        language,
    )
    profile = result.profile
    share_table = pd.DataFrame(
        {
            say("municipal.themes.col.theme", language): [theme_label(r, language) for r in profile.itertuples()],
            say("municipal.themes.col.segments", language): [format_count(n, language) for n in profile["n_segments"]],
            say("municipal.themes.col.share", language): [format_share(s, 0, language) for s in profile["share"]],
            say("municipal.themes.col.group_mean", language): [
                format_share(s, 0, language) for s in profile["group_mean"]
            ],
        }
    )
    figure = theme_charts.plot_theme_profile(
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
        figure_block(figure, "themaprofiel"),
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
            label=theme_label(theme, language),
            segments=counted("segments", theme.n_segments, language),
        )
        shown: list[Block] = [
            Quote(text=row.text, attribution=_attribution(row.document, row.coder, language))
            for row in quotes.itertuples()
        ] or [Paragraph(say("municipal.fragments.theme_no_text", language))]
        blocks.append(Group((Heading(title, level=3), *shown)))
    return blocks
