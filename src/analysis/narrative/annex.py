"""The words of the cross-case annex, Dutch and English: headings, sentences, table columns, charts.

Sentences on statistics results (tests, models, QCA, notes) are in :mod:`analysis.narrative.stats`.
"""

from __future__ import annotations

from analysis.core.format import Language
from analysis.narrative import say

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
    "annex.missing.merged_after_March_2010": {
        "nl": "na maart 2010 door herindeling ontstaan of veranderd",
        "en": "created or changed by a merger after March 2010",
    },
    "annex.missing.boundaries_changed_after_March_2010": {
        "nl": "grenzen na maart 2010 gewijzigd",
        "en": "boundaries changed after March 2010",
    },
    "annex.missing.not_in_2010_file": {
        "nl": "niet in het bestand van maart 2010",
        "en": "not in the file of March 2010",
    },
    "annex.interpretation": {
        "nl": "Interpretatie (berekend uit de resultaten):",
        "en": "Interpretation (computed from the results):",
    },
    # --- characteristics, conditions and their groups -------------------------------------------
    "annex.characteristic.size_group": {"nl": "grootte (grens 50.000)", "en": "size (split at 50,000)"},
    "annex.characteristic.stedelijkheid_group": {"nl": "stedelijkheidsgroep", "en": "urbanisation group"},
    "annex.characteristic.landsdeel_name": {"nl": "landsdeel", "en": "part of the country"},
    "annex.characteristic.has_youth_care_region_100k": {
        "nl": "jeugdzorgregio van 100.000+",
        "en": "youth care region of 100,000+",
    },
    "annex.characteristic.population_count": {"nl": "inwoners", "en": "population"},
    "annex.characteristic.population_log10": {"nl": "log10 inwoners", "en": "log10 population"},
    "annex.characteristic.density_per_km2": {"nl": "bevolkingsdichtheid", "en": "population density"},
    "annex.characteristic.age_65_plus_pct": {"nl": "aandeel 65+", "en": "share aged 65+"},
    "annex.characteristic.non_western_migration_background_pct": {
        "nl": "niet-westerse migratieachtergrond",
        "en": "non-western migration background",
    },
    "annex.characteristic.bijstand_recipients_2017_per_1000": {
        "nl": "bijstand per 1.000 (2017)",
        "en": "social assistance per 1,000 (2017)",
    },
    "annex.characteristic.turnout_2010_pct": {"nl": "opkomst 2010", "en": "turnout 2010"},
    "annex.characteristic.coded_segments": {"nl": "gecodeerde fragmenten", "en": "coded fragments"},
    # The QCA conditions: plain phrases without brackets, as they stand inside the calibration line's.
    "annex.characteristic.LARGE": {"nl": "groot, 50.000 inwoners of meer", "en": "large, 50,000 inhabitants or more"},
    "annex.characteristic.RURAL": {"nl": "landelijk, stedelijkheid 4 of 5", "en": "rural, urbanisation 4 or 5"},
    "annex.characteristic.HIGH_BIJSTAND": {
        "nl": "bijstand boven het landelijke cijfer, 2017",
        "en": "social assistance above the national figure, 2017",
    },
    "annex.level.size_small": {"nl": "kleiner (< 50.000)", "en": "smaller (< 50,000)"},
    "annex.level.size_large": {"nl": "groter (>= 50.000)", "en": "larger (>= 50,000)"},
    "annex.level.stedelijkheid_1_2": {"nl": "stedelijk (1-2)", "en": "urban (1-2)"},
    "annex.level.stedelijkheid_3": {"nl": "matig stedelijk (3)", "en": "moderately urban (3)"},
    "annex.level.stedelijkheid_4_5": {"nl": "weinig of niet stedelijk (4-5)", "en": "hardly or not urban (4-5)"},
    "annex.level.true": {"nl": "ja", "en": "yes"},
    "annex.level.false": {"nl": "nee", "en": "no"},
    # --- 5. themes ------------------------------------------------------------------------------
    "annex.themes.heading": {"nl": "5. Thema's uit de coderingen", "en": "5. Themes from the codings"},
    "annex.themes.intro": {
        "nl": "Welke thema's per gemeente gecodeerd zijn, welke samen voorkomen, hoe goed de codeurs "
        "overeenstemmen en welke fragmenten erachter staan.",
        "en": "Which themes were coded per municipality, which occur together, how well the coders agree and "
        "which fragments lie behind them.",
    },
    "annex.themes.col.problem": {"nl": "probleem", "en": "problem"},
    "annex.themes.col.rejected": {"nl": "afgewezen coderingen", "en": "rejected codings"},
    "annex.themes.none_in_cases": {
        "nl": "Geen aanvaarde codering hoort bij een van de {n_cases} gemeenten: {n_read} coderingen gelezen, "
        "{n_rejected} afgewezen. Thema's, overeenstemming en samenhang zijn daarom niet te berekenen.",
        "en": "No accepted coding belongs to one of the {n_cases} municipalities: {n_read} codings read, "
        "{n_rejected} rejected. Themes, agreement and associations can therefore not be computed.",
    },
    "annex.themes.counts": {
        "nl": "Van de aanvaarde coderingen horen {n} bij {n_cases_with} van de {n_cases} gemeenten, in {documents}, "
        "door {coders}: {fragments}. Een thema is een hoofdcode van het codeboek; een fragment met meerdere codes "
        "van één thema telt één keer.",
        "en": "Of the accepted codings, {n} belong to {n_cases_with} of the {n_cases} municipalities, in "
        "{documents}, by {coders}: {fragments}. A theme is a top-level code of the codebook; a fragment with "
        "several codes of one theme counts once.",
    },
    "annex.themes.cases_without.one": {
        "nl": "{municipalities} heeft geen aanvaarde codering; haar thema's ontbreken (geen materiaal is niet "
        "hetzelfde als een thema dat niet voorkwam).",
        "en": "{municipalities} has no accepted coding; its themes are missing (no material is not the "
        "same as a theme that did not occur).",
    },
    "annex.themes.cases_without.many": {
        "nl": "{municipalities} hebben geen aanvaarde codering; hun thema's ontbreken (geen materiaal is niet "
        "hetzelfde als een thema dat niet voorkwam).",
        "en": "{municipalities} have no accepted coding; their themes are missing (no material is not the "
        "same as a theme that did not occur).",
    },
    "annex.themes.share_explained": {
        "nl": "De intensiteit van een thema is zijn aandeel in de gecodeerde fragmenten van de gemeente, niet het "
        "aantal: het aantal groeit vooral met de hoeveelheid gecodeerd materiaal. De aantallen staan ernaast.",
        "en": "A theme's intensity is its share of the municipality's coded fragments, not the count: the count "
        "mostly grows with the amount of material coded. The counts are given beside it.",
    },
    "annex.themes.intensity_caption": {
        "nl": "Per thema: gemeenten met het thema, fragmenten, en het aandeel in de fragmenten per gemeente.",
        "en": "Per theme: municipalities with the theme, fragments, and the share of each municipality's fragments.",
    },
    "annex.themes.col.theme": {"nl": "thema", "en": "theme"},
    "annex.themes.col.cases_with": {"nl": "gemeenten met thema", "en": "municipalities with theme"},
    "annex.themes.col.fragments": {"nl": "fragmenten (aantal)", "en": "fragments (count)"},
    "annex.themes.col.share_median": {"nl": "aandeel, mediaan", "en": "share, median"},
    "annex.themes.col.share_range": {"nl": "aandeel, laagste–hoogste", "en": "share, lowest–highest"},
    "annex.themes.cooccurrence": {
        "nl": "Hieronder: hoe vaak twee thema's in hetzelfde fragment voorkomen.",
        "en": "Below: how often two themes occur in the same fragment.",
    },
    # --- agreement ------------------------------------------------------------------------------
    "annex.agreement.lead": {"nl": "Overeenstemming tussen codeurs.", "en": "Agreement between coders."},
    "annex.agreement.status.no_codings": {
        "nl": "Niet te berekenen: er zijn geen aanvaarde coderingen.",
        "en": "Cannot be computed: there are no accepted codings.",
    },
    "annex.agreement.status.single_coder": {
        "nl": "Niet te berekenen: alle coderingen zijn van één codeur.",
        "en": "Cannot be computed: all codings are by one coder.",
    },
    "annex.agreement.status.no_shared_units": {
        "nl": "Niet te berekenen: geen fragment is door twee codeurs beoordeeld.",
        "en": "Cannot be computed: no fragment was judged by two coders.",
    },
    "annex.agreement.overall": {
        "nl": "{units} eenheden zijn door twee of meer codeurs beoordeeld ({coders}). Krippendorffs alfa "
        "(nominaal, aanwezig/afwezig per thema): {alpha}, bootstrapinterval van 95% {interval} ({resamples} "
        "trekkingen van eenheden, seed {seed}).",
        "en": "{units} units were judged by two or more coders ({coders}). Krippendorff's alpha (nominal, "
        "present/absent per theme): {alpha}, 95% bootstrap interval {interval} ({resamples} resamples of units, "
        "seed {seed}).",
    },
    "annex.agreement.rule.overlap": {
        "nl": "Eenheden naar positie: twee selecties van verschillende codeurs in hetzelfde document vormen één "
        "eenheid bij een overlap (Jaccard: doorsnede gedeeld door vereniging van de tekenreeksen) van minstens "
        "{threshold}; een codeur die het document codeerde maar de eenheid niet, telt als 'afwezig'.",
        "en": "Units by position: two selections by different coders in the same document form one unit when "
        "their overlap (Jaccard: intersection over union of the character ranges) is at least {threshold}; a coder "
        "who coded the document but not the unit counts as 'absent'.",
    },
    "annex.agreement.rule.segment_id": {
        "nl": "Eenheden naar fragmentnummer (het bestand heeft geen posities); een codeur die het fragment codeerde "
        "maar de code niet, telt als 'afwezig'.",
        "en": "Units by segment id (the file has no positions); a coder who coded the segment but not the code "
        "counts as 'absent'.",
    },
    "annex.agreement.rule.overlap_segment_id": {
        "nl": "Eenheden naar positie waar die bekend is (overlap van minstens {threshold}, Jaccard), anders naar "
        "fragmentnummer.",
        "en": "Units by position where known (overlap of at least {threshold}, Jaccard), otherwise by segment id.",
    },
    "annex.agreement.caption": {
        "nl": "Per thema: Cohens kappa naast de procentuele overeenstemming, het aantal positieve coderingen per "
        "codeur en Krippendorffs alfa met interval.",
        "en": "Per theme: Cohen's kappa beside percent agreement, the number of positive codings per coder and "
        "Krippendorff's alpha with its interval.",
    },
    "annex.agreement.col.kappa": {"nl": "kappa", "en": "kappa"},
    "annex.agreement.col.percent": {"nl": "overeenstemming", "en": "agreement"},
    "annex.agreement.col.alpha": {"nl": "alfa", "en": "alpha"},
    "annex.agreement.col.interval": {"nl": "alfa, 95%-interval", "en": "alpha, 95% interval"},
    "annex.agreement.col.positives": {"nl": "positief ({coder})", "en": "positive ({coder})"},
    "annex.agreement.col.units": {"nl": "eenheden", "en": "units"},
    "annex.agreement.col.remark": {"nl": "opmerking", "en": "remark"},
    "annex.agreement.flag.kappa_undefined": {"nl": "kappa niet gedefinieerd", "en": "kappa undefined"},
    "annex.agreement.flag.rare_code": {"nl": "zeldzaam (< 5% positief)", "en": "rare (< 5% positive)"},
    "annex.agreement.flag.high_agreement_low_kappa": {
        "nl": "hoge overeenstemming, lage kappa",
        "en": "high agreement, low kappa",
    },
    "annex.agreement.per_code": {
        "nl": "Op codeniveau ({n} codes) is de mediaan van kappa {median} over de {n_defined} codes met een "
        "gedefinieerde kappa.",
        "en": "At code level ({n} codes) the median kappa is {median} over the {n_defined} codes with a defined kappa.",
    },
    "annex.agreement.undefined": {
        "nl": "Bij {n} code(s) is kappa niet gedefinieerd (een codeur gebruikte de code nooit of altijd): {codes}. "
        "Kijk daar naar de overeenstemming en het aantal positieve coderingen, niet naar kappa.",
        "en": "For {n} code(s) kappa is undefined (one coder never or always used the code): {codes}. Look at the "
        "agreement and the number of positive codings there, not at kappa.",
    },
    "annex.agreement.undefined_none": {
        "nl": "Bij geen enkele code is kappa ongedefinieerd.",
        "en": "Kappa is defined for every code.",
    },
    "annex.agreement.paradox": {
        "nl": "Hoge overeenstemming maar lage kappa (zeldzame code): {codes}.",
        "en": "High agreement but low kappa (rare code): {codes}.",
    },
    # --- quote matrix ---------------------------------------------------------------------------
    "annex.quotes.heading": {"nl": "Citaatmatrix", "en": "Quote matrix"},
    "annex.quotes.intro": {
        "nl": "Per thema en per groep van {characteristic}: het aantal gecodeerde fragmenten en tot {per_cell} "
        "voorbeeldfragmenten (de langste verschillende, verspreid over documenten; ingekort tot {max_chars} tekens "
        "met …). De volledige matrix staat ook als CSV-bestand voor onderzoekers.",
        "en": "Per theme and per group of {characteristic}: the number of coded fragments and up to {per_cell} "
        "exemplar fragments (the longest distinct ones, spread over documents; shortened to {max_chars} characters "
        "with …). The full matrix is also written as a CSV file for researchers.",
    },
    "annex.quotes.caption": {"nl": "Aantal fragmenten per thema en groep.", "en": "Fragments per theme and group."},
    "annex.quotes.cell": {"nl": "{theme} — {group} ({n} fragmenten):", "en": "{theme} — {group} ({n} fragments):"},
    "annex.quotes.cell_one": {"nl": "{theme} — {group} (1 fragment):", "en": "{theme} — {group} (1 fragment):"},
    "annex.quotes.no_text": {
        "nl": "Geen tekst beschikbaar in dit coderingsbestand.",
        "en": "No text available in this codings file.",
    },
    "annex.quotes.none": {
        "nl": "Er zijn geen gecodeerde fragmenten van de twintig om te citeren.",
        "en": "There are no coded fragments of the twenty to quote.",
    },
    "annex.quotes.attribution": {
        "nl": "{municipality}, {document} (codeur: {coder})",
        "en": "{municipality}, {document} (coder: {coder})",
    },
    # Used when the document's name already begins with the municipality ("Tiel - interview griffie").
    "annex.quotes.attribution_document": {
        "nl": "{document} (codeur: {coder})",
        "en": "{document} (coder: {coder})",
    },
    # --- charts of the model --------------------------------------------------------------------
    "annex.chart.presence.group": {"nl": "{name} = {value} ({n})", "en": "{name} = {value} ({n})"},
    "annex.chart.presence.absent": {"nl": "afwezig", "en": "absent"},
    "annex.chart.presence.present": {"nl": "aanwezig", "en": "present"},
}


def quote_cell_heading(theme: str, group: str, n_fragments: str, is_one: bool, language: Language = "nl") -> str:
    """The heading of one quote-matrix cell, ``fragment`` or ``fragmenten`` by the count.

    Args:
        theme: The theme's label.
        group: The group's label.
        n_fragments: The number of fragments, already formatted.
        is_one: Whether the count is exactly one (the singular needs no number placeholder).
        language: ``"nl"`` or ``"en"``.
    """
    if is_one:
        return say("annex.quotes.cell_one", language, theme=theme, group=group)
    return say("annex.quotes.cell", language, theme=theme, group=group, n=n_fragments)


def quote_attribution(municipality: str, document: str, coder: str, language: Language = "nl") -> str:
    """Who said it and where: ``Tiel - interview griffie (codeur: codeur_A)``.

    Document names usually begin with the municipality already; repeating it would read
    "Tiel, Tiel - interview …", so the municipality is only added when the name lacks it. The
    name's qualifier is left out of the comparison: "Bergen (L.)" is named in "Bergen (Limburg) - …";
    the name must end at a word boundary ("Bergen" does not name "Bergeijk - …").
    """
    base = str(municipality).split(" (")[0].strip().casefold()
    text = str(document).strip().casefold()
    if text.startswith(base) and not text[len(base) : len(base) + 1].isalnum():
        return say("annex.quotes.attribution_document", language, document=document, coder=coder)
    return say("annex.quotes.attribution", language, municipality=municipality, document=document, coder=coder)
