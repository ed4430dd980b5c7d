"""Every word drawn on a chart or map: titles, axis labels, legend entries, notes and source lines.

Keys start with ``chart.``; the modules in :mod:`analysis.viz` take all their text from here with
``say("chart....", language, ...)``. Numbers are formatted by the caller with
:mod:`analysis.core.format` before they are filled in. Proper names of sources (``Wijk- en
buurtkaart``, ``Gebiedsindelingen``, ``Databank Verkiezingsuitslagen``) and the study's title stay
in Dutch in both languages: they are titles a reader looks up, not words to translate.
"""

from __future__ import annotations

from analysis.core.format import Language
from analysis.narrative import catalogue, say

_WIJKBUURTKAART = "CBS, Kadaster — Wijk- en buurtkaart 2017"

PHRASES: dict[str, dict[str, str]] = {
    # Source lines.
    "chart.source.wijkbuurtkaart": {
        "nl": f"Bron: {_WIJKBUURTKAART}.",
        "en": f"Source: {_WIJKBUURTKAART}.",
    },
    "chart.source.boundaries": {
        "nl": f"Bron: {_WIJKBUURTKAART} (gemeentegrenzen 1 januari 2017).",
        "en": f"Source: {_WIJKBUURTKAART} (municipal boundaries of 1 January 2017).",
    },
    "chart.source.groups_median": {
        "nl": f"Bron: {_WIJKBUURTKAART}. Groepen: mediaan van de gemeenten.",
        "en": f"Source: {_WIJKBUURTKAART}. Groups: median of the municipalities.",
    },
    "chart.source.regions": {
        "nl": f"Bron: {_WIJKBUURTKAART}; CBS Gebiedsindelingen 2017",
        "en": f"Source: {_WIJKBUURTKAART}; CBS Gebiedsindelingen (regional divisions) 2017",
    },
    "chart.source.bijstand": {
        "nl": "Bron: CBS, StatLine {tables}; gemeentegrenzen 1 januari 2017. "
        "Voorlopig of definitief: niet vastgelegd in de lokale kopie.",
        "en": "Source: CBS, StatLine {tables}; municipal boundaries of 1 January 2017. "
        "Provisional or final: not recorded in the local copy.",
    },
    "chart.source.elections_2010": {
        "nl": "Bron: Kiesraad, Databank Verkiezingsuitslagen (gemeenteraad 3 maart 2010). "
        "De stemmen van 2014 en 2018 zijn niet in de lokale kopie beschikbaar (van 2018 alleen de zetels).",
        "en": "Source: Kiesraad (Electoral Council), Databank Verkiezingsuitslagen (municipal council, "
        "3 March 2010). The votes of 2014 and 2018 are not in the local copy (of 2018 only the seats).",
    },
    "chart.missing": {"nl": "Ontbreekt: {items}.", "en": "Missing: {items}."},
    # Series shared by several charts.
    "chart.series.netherlands": {"nl": "Nederland", "en": "the Netherlands"},
    "chart.series.same_stedelijkheid_median": {
        "nl": "mediaan zelfde stedelijkheid",
        "en": "median, same degree of urbanisation",
    },
    "chart.series.twenty_median": {"nl": "mediaan de twintig", "en": "median of the twenty"},
    "chart.series.similar_median": {
        "nl": "mediaan structureel vergelijkbaar",
        "en": "median, structurally similar",
    },
    "chart.series.group_mean": {"nl": "gemiddelde {group}", "en": "mean {group}"},
    "chart.series.group_mean_n": {"nl": "gemiddelde {group} (n = {n})", "en": "mean {group} (n = {n})"},
    # The municipality against its peers (viz.charts).
    "chart.profile.title": {
        "nl": "{name} naast vergelijkingsgroepen, 1 januari 2017",
        "en": "{name} beside comparison groups, 1 January 2017",
    },
    "chart.profile.xlabel": {
        "nl": "% van inwoners (leeftijd, migratieachtergrond) of van huishoudens",
        "en": "% of inhabitants (age, migration background) or of households",
    },
    "chart.size.others": {"nl": "overige gemeenten ({count})", "en": "other municipalities ({count})"},
    "chart.size.twenty": {"nl": "de twintig ({count})", "en": "the twenty ({count})"},
    "chart.size.scale": {"nl": " {count} inwoners", "en": " {count} inhabitants"},
    "chart.size.xlabel": {
        "nl": "inwoners op 1 januari 2017 (log-schaal)",
        "en": "inhabitants on 1 January 2017 (log scale)",
    },
    "chart.size.ylabel": {
        "nl": "inwoners per km² land (log-schaal)",
        "en": "inhabitants per km² of land (log scale)",
    },
    "chart.size.title": {
        "nl": "Omvang en dichtheid van alle gemeenten van 2017",
        "en": "Size and density of all municipalities of 2017",
    },
    # Maps (viz.maps, viz.region_maps).
    "chart.location.country_title": {"nl": "{name} in Nederland", "en": "{name} in the Netherlands"},
    "chart.location.detail_title": {
        "nl": "{name} en de {count} buurgemeenten",
        "en": "{name} and its {count} neighbouring municipalities",
    },
    "chart.cases.title": {
        "nl": "De {count} gemeenten van 'Gemeenten in 3D' (grenzen 1 januari 2017)",
        "en": "The {count} municipalities of 'Gemeenten in 3D' (boundaries of 1 January 2017)",
    },
    "chart.region.title": {
        "nl": "{region_type} {region_name} ({region_code})\n"
        "{inhabitants} inwoners (1 januari 2017), {count} gemeenten; uitgelicht: {focus}",
        "en": "{region_type} {region_name} ({region_code})\n"
        "{inhabitants} inhabitants (1 January 2017), {count} municipalities; highlighted: {focus}",
    },
    "chart.region.north": {"nl": "N", "en": "N"},
    "chart.region.scale": {"nl": "{length} km", "en": "{length} km"},
    # Bijstand (viz.social_charts).
    "chart.bijstand.title": {"nl": "{name}: bijstand {first}-{last}", "en": "{name}: social assistance {first}-{last}"},
    "chart.bijstand.y.recipients_per_1000_inhabitants": {
        "nl": "bijstandsontvangers per 1.000 inwoners (15 jaar en ouder)",
        "en": "social assistance recipients per 1,000 inhabitants (aged 15 and over)",
    },
    "chart.bijstand.y.recipients_count": {
        "nl": "bijstandsontvangers (personen)",
        "en": "social assistance recipients (persons)",
    },
    "chart.bijstand.y.recipients_with_reintegration_pct": {
        "nl": "% van bijstandsontvangers met re-integratievoorziening",
        "en": "% of social assistance recipients with a reintegration provision",
    },
    "chart.bijstand.y.wsw_per_1000_inhabitants": {
        "nl": "WSW-werknemers per 1.000 inwoners van 15 jaar en ouder",
        "en": "WSW employees (sheltered work) per 1,000 inhabitants aged 15 and over",
    },
    "chart.bijstand.missing_year": {"nl": "{year}: {name} {reason}", "en": "{year}: {name} {reason}"},
    "chart.bijstand.reason.boundary change": {
        "nl": "grenswijziging, geen vergelijkbaar cijfer",
        "en": "boundary change, no comparable figure",
    },
    "chart.bijstand.reason.suppressed by CBS": {"nl": "door CBS niet gepubliceerd", "en": "not published by CBS"},
    "chart.bijstand.reason.not in table": {"nl": "niet in de tabel", "en": "not in the table"},
    # The 2010 council election (viz.democracy_charts).
    "chart.democracy.title": {
        "nl": "{name}: gemeenteraadsverkiezingen 3 maart 2010",
        "en": "{name}: municipal council elections of 3 March 2010",
    },
    "chart.democracy.turnout_pct": {"nl": "opkomst (% kiesgerechtigden)", "en": "turnout (% of electorate)"},
    "chart.democracy.local_parties_vote_share_pct": {
        "nl": "stemmen op lokale partijen (% geldige stemmen)",
        "en": "votes for local parties (% of valid votes)",
    },
    "chart.democracy.ylabel": {"nl": "procent", "en": "percent"},
    "chart.democracy.own_missing": {
        "nl": "{name}: geen vergelijkbaar cijfer voor 2010 ({reason})",
        "en": "{name}: no comparable figure for 2010 ({reason})",
    },
    "chart.democracy.group_missing": {
        "nl": "{group}: {missing} van {total} zonder cijfer voor 2010",
        "en": "{group}: {missing} of {total} without a figure for 2010",
    },
    "chart.democracy.reason.boundaries changed after March 2010": {
        "nl": "grenzen gewijzigd na maart 2010",
        "en": "boundaries changed after March 2010",
    },
    "chart.democracy.reason.not in 2010 file": {
        "nl": "geen verkiezing op 3 maart 2010",
        "en": "no election on 3 March 2010",
    },
    # Codings (viz.theme_charts).
    "chart.banner": {
        "nl": "ILLUSTRATIEF — verzonnen voorbeeldcoderingen, geen onderzoeksresultaat",
        "en": "ILLUSTRATIVE — made-up example codings, not research findings",
    },
    "chart.theme_profile.title": {"nl": "Themaprofiel {name}", "en": "Theme profile {name}"},
    "chart.theme_profile.xlabel": {
        "nl": "aandeel gecodeerde fragmenten met het thema (%)",
        "en": "share of coded segments with the theme (%)",
    },
    "chart.theme_profile.group_mean": {"nl": "gemiddelde groep", "en": "group mean"},
    "chart.theme_profile.twenty_mean": {"nl": "gemiddelde van de twintig", "en": "mean of the twenty"},
    "chart.theme_profile.bar": {"nl": "{share} (n = {count})", "en": "{share} (n = {count})"},
    "chart.heatmap.title": {"nl": "Thema's per gemeente", "en": "Themes per municipality"},
    "chart.heatmap.share": {"nl": "aandeel fragmenten (%)", "en": "share of segments (%)"},
    "chart.heatmap.segments": {"nl": "aantal fragmenten", "en": "number of segments"},
    "chart.heatmap.documents": {"nl": "aantal documenten", "en": "number of documents"},
    "chart.cooccurrence.title.segment": {"nl": "Samen voorkomen per fragment", "en": "Co-occurrence within a segment"},
    "chart.cooccurrence.title.document": {
        "nl": "Samen voorkomen per document",
        "en": "Co-occurrence within a document",
    },
    "chart.cooccurrence.bar.segment": {"nl": "aantal fragmenten met beide", "en": "segments with both"},
    "chart.cooccurrence.bar.document": {"nl": "aantal documenten met beide", "en": "documents with both"},
    "chart.cooccurrence.note.segment": {
        "nl": "tussen haakjes: aantal fragmenten met het thema",
        "en": "in brackets: segments with the theme",
    },
    "chart.cooccurrence.note.document": {
        "nl": "tussen haakjes: aantal documenten met het thema",
        "en": "in brackets: documents with the theme",
    },
    # Associations (viz.association_charts).
    "chart.rank.method.spearman": {"nl": "Spearmans rho", "en": "Spearman's rho"},
    "chart.rank.method.kendall": {"nl": "Kendalls tau-b", "en": "Kendall's tau-b"},
    "chart.rank.method.mixed": {"nl": "Rangcorrelatie", "en": "Rank correlation"},
    "chart.rank.xlabel": {
        "nl": "{method} met 95%-bootstrapinterval (percentielen)",
        "en": "{method} with 95% percentile bootstrap interval",
    },
    "chart.rank.title": {
        "nl": "{method}: gevuld = significant na Benjamini-Hochberg",
        "en": "{method}: filled = significant after Benjamini-Hochberg",
    },
    "chart.rank.annotation": {"nl": "n = {n}, p (BH) = {p}", "en": "n = {n}, p (BH) = {p}"},
    "chart.not_computed": {"nl": "niet berekend", "en": "not computed"},
    "chart.not_computed_because": {"nl": "niet berekend: {reason}", "en": "not computed: {reason}"},
    "chart.fisher.title": {
        "nl": "Exacte toetsen van Fisher: p na Benjamini-Hochberg (omkaderd: significant)",
        "en": "Fisher's exact tests: BH-adjusted p (framed: significant)",
    },
    "chart.fisher.raw": {"nl": "ruw {p}, n = {n}", "en": "raw {p}, n = {n}"},
    "chart.fisher.colourbar": {"nl": "p na BH-correctie", "en": "BH-adjusted p"},
    "chart.truth.configuration": {"nl": "configuratie", "en": "configuration"},
    "chart.truth.threshold": {"nl": "drempel {threshold} ", "en": "threshold {threshold} "},
    "chart.truth.remainder": {"nl": "rest (geen gevallen)", "en": "remainder (no cases)"},
    "chart.truth.header": {"nl": "uitkomst/gevallen  codes", "en": "outcome/cases  codes"},
    "chart.truth.xlabel": {
        "nl": "consistentie voor {outcome} (aandeel van de gevallen in de rij met de uitkomst)",
        "en": "consistency for {outcome} (share of the row's cases with the outcome)",
    },
    "chart.truth.title": {
        "nl": "Waarheidstabel, n = {n} (gevuld = conditie aanwezig; rood = consistentie op of boven {threshold})",
        "en": "Truth table, n = {n} (filled marker = condition present; red bar = consistency at or above {threshold})",
    },
}


def reason_phrase(chart: str, reason: object, language: Language) -> str:
    """A missing-value reason code (``boundary change``) in words; an unknown code as it is."""
    key = f"chart.{chart}.reason.{reason}"
    return say(key, language) if key in catalogue() else str(reason)
