"""The words of the cross-case annex, Dutch and English: headings, sentences, table columns, charts.

Sentences on statistics results (tests, models, QCA, notes) are in :mod:`analysis.narrative.stats`.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    # --- page and shared pieces -----------------------------------------------------------------
    "annex.title": {
        "nl": "Gemeenten in 3D — kwantitatieve bijlage over de twintig gemeenten",
        "en": "Gemeenten in 3D — quantitative annex on the twenty municipalities",
    },
    "annex.trace": {
        "nl": "Berekend door {function}; de cijfers staan in {csv}.",
        "en": "Computed by {function}; the numbers are in {csv}.",
    },
    "annex.not_available": {"nl": "Niet beschikbaar.", "en": "Not available."},
    "annex.col.municipality": {"nl": "gemeente", "en": "municipality"},
    "annex.header.intro": {
        "nl": "De Raad voor het openbaar bestuur volgde {n} gemeenten na de decentralisaties van 2015. Samen "
        "telden zij op 1 januari 2017 {population} inwoners, {share} van Nederland. De kleinste telde {smallest}, "
        "de grootste {largest} inwoners.",
        "en": "The Council for Public Administration (ROB) followed {n} municipalities after the decentralisations "
        "of 2015. Together they had {population} inhabitants on 1 January 2017, {share} of the Netherlands. The "
        "smallest had {smallest}, the largest {largest} inhabitants.",
    },
    "annex.header.guide_lead": {"nl": "Leeswijzer.", "en": "Reading guide."},
    "annex.header.guide": {
        "nl": "Elk hoofdstuk is één methode. Eerst de selectie (wie, waar, hoe groot, hoe stedelijk) tegen alle "
        "{n_municipalities} gemeenten van 2017, de kerncijfers, het regionale beeld en de bijstand. Dan de thema's "
        "uit de coderingen, de fragmenten erachter en hun samenhang met de kenmerken van de gemeenten: exacte "
        "toetsen, rangcorrelaties, één klein model en een verzamelingstheoretische analyse (QCA). Bij twintig "
        "gemeenten is elke uitkomst verkennend: elk resultaat staat met n, toets en aannames, en elke "
        "interpretatiezin is uit de berekende getallen geschreven. We spreken van samenhang, niet van effect. "
        "Ontbrekende cijfers staan er in woorden, nooit als nul. Onder elke tabel en figuur staat welke functie "
        "haar berekende en in welk CSV-bestand haar getallen staan. Bronnen en methoden staan onderaan.",
        "en": "Each chapter is one method. First the selection (who, where, how large, how urban) against all "
        "{n_municipalities} municipalities of 2017, the key figures, the regional picture and social assistance "
        "(bijstand). Then the themes from the codings, the fragments behind them and their association with the "
        "municipalities' characteristics: exact tests, rank correlations, one small model and a set-theoretic "
        "analysis (QCA). With twenty municipalities every result is exploratory: each is given with n, test and "
        "assumptions, and every interpretive sentence is written from the computed numbers. We speak of "
        "association, not of effect. Missing figures are stated in words, never shown as zero. Under each table "
        "and figure is the function that computed it and the CSV file that holds its numbers. Sources and methods "
        "are at the end.",
    },
    "annex.size.below": {"nl": "< {high}", "en": "< {high}"},
    "annex.size.between": {"nl": "{low}-{high}", "en": "{low}-{high}"},
    "annex.size.above": {"nl": ">= {low}", "en": ">= {low}"},
    "annex.stedelijkheid.1": {"nl": "zeer sterk stedelijk", "en": "very strongly urban"},
    "annex.stedelijkheid.2": {"nl": "sterk stedelijk", "en": "strongly urban"},
    "annex.stedelijkheid.3": {"nl": "matig stedelijk", "en": "moderately urban"},
    "annex.stedelijkheid.4": {"nl": "weinig stedelijk", "en": "hardly urban"},
    "annex.stedelijkheid.5": {"nl": "niet stedelijk", "en": "not urban"},
    # --- 1. selection ---------------------------------------------------------------------------
    "annex.selection.heading": {"nl": "1. De selectie", "en": "1. The selection"},
    "annex.selection.intro": {
        "nl": "Waarom deze twintig: hun spreiding over grootte, stedelijkheid en provincie, tegen alle gemeenten "
        "van 2017.",
        "en": "Why these twenty: their spread over size, urbanisation and province, against all municipalities "
        "of 2017.",
    },
    "annex.selection.col.size_class": {"nl": "grootteklasse (inwoners)", "en": "size class (inhabitants)"},
    "annex.selection.col.cases": {"nl": "de twintig", "en": "the twenty"},
    "annex.selection.col.all": {"nl": "alle {n}", "en": "all {n}"},
    "annex.selection.col.stedelijkheid": {"nl": "stedelijkheid", "en": "urbanisation (stedelijkheid)"},
    "annex.selection.col.province": {"nl": "provincie", "en": "province"},
    "annex.selection.cell": {"nl": "{cases} van {all}", "en": "{cases} of {all}"},
    "annex.selection.grid_lead": {"nl": "Stedelijkheid en grootte.", "en": "Urbanisation and size."},
    "annex.selection.grid": {
        "nl": "Per cel: het aantal van de twintig en het aantal van alle gemeenten in die combinatie. {empty} van "
        "de {occupied} bezette combinaties hebben geen gemeente uit de twintig.",
        "en": "Per cell: the number of the twenty and the number of all municipalities in that combination. "
        "{empty} of the {occupied} occupied combinations have no municipality from the twenty.",
    },
    "annex.selection.provinces_lead": {"nl": "Provincies.", "en": "Provinces."},
    "annex.selection.provinces": {
        "nl": "De twintig liggen in {n} van de {total} provincies.",
        "en": "The twenty lie in {n} of the {total} provinces.",
    },
    "annex.selection.provinces_without": {
        "nl": "Zonder gemeente uit de twintig: {names}.",
        "en": "Without a municipality from the twenty: {names}.",
    },
    # --- 2. key figures -------------------------------------------------------------------------
    "annex.key.heading": {"nl": "2. Kerncijfers van de twintig", "en": "2. Key figures of the twenty"},
    "annex.key.col.population": {"nl": "inwoners", "en": "inhabitants"},
    "annex.key.col.density": {"nl": "inwoners per km² land", "en": "inhabitants per km² of land"},
    "annex.key.col.age_65_plus": {"nl": "65 jaar of ouder (%)", "en": "aged 65 or over (%)"},
    "annex.key.col.migration": {
        "nl": "niet-westerse migratieachtergrond (%)",
        "en": "non-western migration background (%)",
    },
    # --- 3. regions -----------------------------------------------------------------------------
    "annex.regions.heading": {"nl": "3. Het regionale beeld", "en": "3. The regional picture"},
    "annex.regions.intro": {
        "nl": "De decentralisaties gingen uit van een schaal van {scale} inwoners. Op eigen kracht halen {n} van de "
        "{total} gemeenten die schaal; in de regio's waarin zij samenwerken (CBS-indeling 1 januari 2017):",
        "en": "The decentralisations assumed a scale of {scale} inhabitants. On their own, {n} of the {total} "
        "municipalities reach that scale; in the regions in which they cooperate (CBS division of 1 January 2017):",
    },
    "annex.regions.line": {
        "nl": "{region_type}: {n} van de {total} gemeenten zitten in een regio van minstens {scale} inwoners.",
        "en": "{region_type}: {n} of the {total} municipalities are in a region of at least {scale} inhabitants.",
    },
    "annex.regions.below": {"nl": "Daaronder: {names}.", "en": "Below it: {names}."},
    "annex.regions.smallest": {
        "nl": "De kleinste is {name} met {inhabitants} inwoners.",
        "en": "The smallest is {name} with {inhabitants} inhabitants.",
    },
    "annex.regions.col.region": {"nl": "regio", "en": "region"},
    "annex.regions.col.inhabitants": {"nl": "inwoners", "en": "inhabitants"},
    "annex.regions.col.municipalities": {"nl": "gemeenten", "en": "municipalities"},
    "annex.chart.region_scale.title": {
        "nl": "De twintig en hun regio's tegen de schaal van {scale} inwoners",
        "en": "The twenty and their regions against the scale of {scale} inhabitants",
    },
    "annex.chart.region_scale.xlabel": {
        "nl": "inwoners op 1 januari 2017 (log-schaal)",
        "en": "inhabitants on 1 January 2017 (log scale)",
    },
    "annex.chart.region_scale.line": {"nl": "{scale} inwoners", "en": "{scale} inhabitants"},
    "annex.chart.region_scale.municipality": {"nl": "de gemeente", "en": "the municipality"},
    "annex.chart.region_scale.youth_care": {"nl": "jeugdzorgregio", "en": "youth care region"},
    "annex.chart.region_scale.labour_market": {"nl": "arbeidsmarktregio", "en": "labour market region"},
    "annex.chart.region_scale.source": {
        "nl": "Bron: CBS, Gebiedsindelingen 2017 (StatLine 83553NED); CBS, Kadaster — Wijk- en buurtkaart 2017.",
        "en": "Source: CBS, Gebiedsindelingen 2017 (StatLine 83553NED); CBS, Kadaster — Wijk- en buurtkaart 2017.",
    },
    # --- 4. social domain -----------------------------------------------------------------------
    "annex.social.heading": {
        "nl": "4. Het sociale domein: bijstand {first}-{latest}",
        "en": "4. The social domain: social assistance (bijstand) {first}-{latest}",
    },
    "annex.social.intro": {
        "nl": "Bijstandsontvangers per 1.000 inwoners van 15 jaar en ouder, {first}-{latest}, op de gemeentegrenzen "
        "van 2017. In {latest} lagen {above} van de {with_figure} gemeenten met een cijfer boven het landelijke "
        "cijfer van {national}.",
        "en": "Recipients of social assistance (bijstand) per 1,000 inhabitants aged 15 and over, {first}-{latest}, "
        "on the municipal boundaries of 2017. In {latest}, {above} of the {with_figure} municipalities with a "
        "figure were above the national figure of {national}.",
    },
    "annex.social.gap": {"nl": "{name} {year} ({reason})", "en": "{name} {year} ({reason})"},
    "annex.social.gaps": {"nl": "Geen cijfer voor: {gaps}.", "en": "No figure for: {gaps}."},
    "annex.social.no_gaps": {
        "nl": "Voor alle twintig is elk jaar een cijfer.",
        "en": "All twenty have a figure for every year.",
    },
    "annex.social.status": {
        "nl": "Voorlopig of definitief: niet vastgelegd in de lokale kopie.",
        "en": "Provisional or final: not recorded in the local copy.",
    },
    "annex.social.netherlands": {"nl": "Nederland", "en": "the Netherlands"},
    "annex.social.median": {"nl": "mediaan de twintig ({n})", "en": "median of the twenty ({n})"},
    "annex.social.unavailable": {
        "nl": "Cijfers {topic} (CBS {table_id}) zijn niet in de lokale kopie beschikbaar; ze worden alleen getoond "
        "wanneer de tabel online bij CBS is opgehaald.",
        "en": "Figures on {topic} (CBS {table_id}) are not available in the local copy; they are shown only when "
        "the table has been downloaded from CBS.",
    },
    "annex.topic.jeugdhulp": {"nl": "jeugdhulp", "en": "youth care"},
    "annex.topic.wmo": {"nl": "Wmo-maatwerkvoorzieningen", "en": "Wmo social support services"},
    "annex.topic.financiën": {"nl": "gemeentefinanciën sociaal domein", "en": "municipal social-domain finances"},
    "annex.missing.boundary_change": {
        "nl": "grenswijziging, geen vergelijkbaar cijfer",
        "en": "boundary change, no comparable figure",
    },
    "annex.missing.suppressed_by_CBS": {"nl": "door CBS niet gepubliceerd", "en": "not published by CBS"},
    "annex.missing.not_in_table": {"nl": "niet in de tabel", "en": "not in the table"},
    "annex.missing.other": {"nl": "reden niet vastgelegd", "en": "reason not recorded"},
    # --- charts of the model --------------------------------------------------------------------
    "annex.chart.presence.group": {"nl": "{name} = {value} ({n})", "en": "{name} = {value} ({n})"},
    "annex.chart.presence.absent": {"nl": "afwezig", "en": "absent"},
    "annex.chart.presence.present": {"nl": "aanwezig", "en": "present"},
}
