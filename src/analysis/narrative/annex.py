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
    "annex.missing.merged_after_March_2010": {
        "nl": "na maart 2010 door herindeling ontstaan of veranderd",
        "en": "created or changed by a merger after March 2010",
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
    "annex.characteristic.youth_care_region_reaches_100k": {
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
    "annex.characteristic.bijstand_recipients_per_1000_2017": {
        "nl": "bijstand per 1.000 (2017)",
        "en": "social assistance per 1,000 (2017)",
    },
    "annex.characteristic.turnout_2010_pct": {"nl": "opkomst 2010", "en": "turnout 2010"},
    "annex.characteristic.coded_segments": {"nl": "gecodeerde fragmenten", "en": "coded fragments"},
    "annex.characteristic.LARGE": {"nl": "groot (50.000+)", "en": "large (50,000+)"},
    "annex.characteristic.RURAL": {"nl": "landelijk (stedelijkheid 4-5)", "en": "rural (urbanisation 4-5)"},
    "annex.characteristic.HIGH_BIJSTAND": {
        "nl": "bijstand boven NL (2017)",
        "en": "social assistance above NL (2017)",
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
        "nl": "Van de aanvaarde coderingen horen {n} bij {n_cases_with} van de {n_cases} gemeenten, in {documents} "
        "documenten, door {coders} codeur(s): {fragments} fragmenten. Een thema is een hoofdcode van het codeboek; "
        "een fragment met meerdere codes van één thema telt één keer.",
        "en": "Of the accepted codings, {n} belong to {n_cases_with} of the {n_cases} municipalities, in "
        "{documents} documents, by {coders} coder(s): {fragments} fragments. A theme is a top-level code of the "
        "codebook; a fragment with several codes of one theme counts once.",
    },
    "annex.themes.cases_without": {
        "nl": "{n} gemeente(n) hebben geen aanvaarde codering; hun thema's ontbreken (geen materiaal is niet "
        "hetzelfde als een thema dat niet voorkwam).",
        "en": "{n} municipality(ies) have no accepted coding; their themes are missing (no material is not the "
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
    # --- 6. associations ------------------------------------------------------------------------
    "annex.associations.heading": {
        "nl": "6. Samenhang tussen thema's en kenmerken",
        "en": "6. Associations between themes and characteristics",
    },
    "annex.associations.intro": {
        "nl": "Met twintig gemeenten is elke toets verkennend. Elke zin hieronder is uit de berekende getallen "
        "geschreven; we spreken van samenhang, niet van effect.",
        "en": "With twenty municipalities every test is exploratory. Every sentence below is written from the "
        "computed numbers; we speak of association, not of effect.",
    },
    "annex.fisher.heading": {
        "nl": "6.1 Aanwezigheid van thema's naar groep (Fishers exacte toets)",
        "en": "6.1 Presence of themes by group (Fisher's exact test)",
    },
    "annex.fisher.intro": {
        "nl": "{pairs} paren van thema en kenmerk; {tested} daarvan zijn te toetsen.",
        "en": "{pairs} pairs of theme and characteristic; {tested} of them can be tested.",
    },
    "annex.fisher.untestable": {"nl": "Niet te toetsen: {what}.", "en": "Not testable: {what}."},
    "annex.fisher.constant_themes": {
        "nl": "thema's die in elke of in geen gemeente gecodeerd zijn: {themes}",
        "en": "themes coded in every case or in none: {themes}",
    },
    "annex.fisher.constant_characteristic": {
        "nl": "{characteristic} heeft in elke gemeente dezelfde waarde ({value})",
        "en": "{characteristic} has the same value ({value}) in every case",
    },
    "annex.fisher.figure_explained": {
        "nl": "De figuur toont de te toetsen paren; omkaderde cellen zijn significant na Benjamini-Hochberg.",
        "en": "The figure shows the testable pairs; framed cells are significant after Benjamini-Hochberg.",
    },
    "annex.fisher.none_tested": {"nl": "Geen paar is te toetsen.", "en": "No pair can be tested."},
    "annex.fisher.figure_title": {
        "nl": "Fishers exacte toetsen: p na Benjamini-Hochberg",
        "en": "Fisher's exact tests: Benjamini-Hochberg adjusted p",
    },
    "annex.fisher.col.theme": {"nl": "thema", "en": "theme"},
    "annex.fisher.col.characteristic": {"nl": "kenmerk", "en": "characteristic"},
    "annex.fisher.col.n": {"nl": "n", "en": "n"},
    "annex.fisher.col.counts": {"nl": "met thema / gemeenten per groep", "en": "with theme / cases per group"},
    "annex.fisher.col.odds": {"nl": "odds ratio", "en": "odds ratio"},
    "annex.fisher.col.p": {"nl": "p", "en": "p"},
    "annex.fisher.col.p_bh": {"nl": "p (BH)", "en": "p (BH)"},
    "annex.fisher.bh": {
        "nl": "Benjamini-Hochberg over de {m} getoetste paren bij {alpha}.",
        "en": "Benjamini-Hochberg over the {m} tested pairs at {alpha}.",
    },
    "annex.correlations.heading": {
        "nl": "6.2 Intensiteit van thema's en numerieke kenmerken (rangcorrelaties)",
        "en": "6.2 Theme intensity and numeric characteristics (rank correlations)",
    },
    "annex.correlations.intro": {
        "nl": "De intensiteit van een thema is zijn aandeel (%) in de gecodeerde fragmenten van de gemeente. {pairs} "
        "paren ({themes} thema's x {characteristics} kenmerken) vormen één Benjamini-Hochberg-familie.",
        "en": "A theme's intensity is its share (%) of the municipality's coded fragments. {pairs} pairs ({themes} "
        "themes x {characteristics} characteristics) form one Benjamini-Hochberg family.",
    },
    "annex.correlations.gaps": {
        "nl": "Ontbrekende waarden vallen per paar weg: {gaps}.",
        "en": "Missing values are left out per pair: {gaps}.",
    },
    "annex.correlations.gap": {
        "nl": "{characteristic}: n = {n}, ontbreekt voor {names}",
        "en": "{characteristic}: n = {n}, missing for {names}",
    },
    "annex.correlations.missing_case": {"nl": "{name} ({reason})", "en": "{name} ({reason})"},
    "annex.correlations.material_lead": {"nl": "Controle op de hoeveelheid materiaal.", "en": "Material check."},
    "annex.correlations.material_x": {
        "nl": "het aantal gecodeerde fragmenten",
        "en": "the number of coded fragments",
    },
    "annex.correlations.share_of": {"nl": "het aandeel {theme}", "en": "the share of {theme}"},
    "annex.correlations.strongest": {
        "nl": "Interpretatie (berekend uit de resultaten), de drie kleinste p-waarden:",
        "en": "Interpretation (computed from the results), the three smallest p-values:",
    },
    "annex.correlations.none": {
        "nl": "Geen paar heeft een rangcorrelatie.",
        "en": "No pair has a rank correlation.",
    },
    "annex.correlations.figure_explained": {
        "nl": "In de figuren zijn gevulde punten significant na Benjamini-Hochberg, open punten niet.",
        "en": "In the figures, filled markers are significant after Benjamini-Hochberg, open ones are not.",
    },
    "annex.correlations.figure_title": {
        "nl": "Spearmans rho ({number} van {total})",
        "en": "Spearman's rho ({number} of {total})",
    },
    "annex.correlations.method": {
        "nl": "Percentiel-bootstrap met {n_boot} trekkingen (seed {seed}); Benjamini-Hochberg over {m} paren.",
        "en": "Percentile bootstrap with {n_boot} resamples (seed {seed}); Benjamini-Hochberg over {m} pairs.",
    },
    "annex.model.heading": {
        "nl": "6.3 Eén model: logistische regressie met ten hoogste twee covariaten",
        "en": "6.3 One model: logistic regression with at most two covariates",
    },
    "annex.model.no_outcome": {
        "nl": "De aanwezigheid van geen enkel thema varieert tussen de gemeenten: er is geen uitkomst om te "
        "modelleren.",
        "en": "No theme's presence varies among the cases, so there is no outcome to model.",
    },
    "annex.model.outcome": {
        "nl": "Uitkomst: aanwezigheid van {theme} ({present} van {total} gemeenten), het thema waarvan de "
        "aanwezigheid het gelijkst verdeeld is. Covariaten: {covariates}.",
        "en": "Outcome: presence of {theme} ({present} of {total} cases), the theme whose presence is most evenly "
        "split. Covariates: {covariates}.",
    },
    "annex.model.notes": {"nl": "Waarschuwingen:", "en": "Warnings:"},
    "annex.model.figure_title": {
        "nl": "{theme}: aanwezigheid per gemeente (n = {n})",
        "en": "{theme}: presence per case (n = {n})",
    },
    "annex.model.col.fit": {"nl": "schatting", "en": "fit"},
    "annex.model.col.term": {"nl": "term", "en": "term"},
    "annex.model.col.ratio": {"nl": "odds ratio", "en": "odds ratio"},
    "annex.model.col.interval": {"nl": "95%-interval", "en": "95% interval"},
    "annex.model.col.p": {"nl": "p", "en": "p"},
    "annex.model.intercept": {"nl": "constante", "en": "intercept"},
    "annex.model.n": {
        "nl": "{n} ({events} gebeurtenissen, {parameters} parameters)",
        "en": "{n} ({events} events, {parameters} parameters)",
    },
    "annex.qca.heading": {
        "nl": "6.4 Configuraties: verzamelingstheoretische analyse (crisp-set QCA)",
        "en": "6.4 Configurations: set-theoretic analysis (crisp-set QCA)",
    },
    "annex.qca.no_outcome": {
        "nl": "De aanwezigheid van geen enkel thema varieert tussen de gemeenten: er is geen uitkomst voor een "
        "waarheidstabel.",
        "en": "No theme's presence varies among the cases, so there is no outcome for a truth table.",
    },
    "annex.qca.outcome": {
        "nl": "Uitkomst: aanwezigheid van {theme} ({id}). Condities (hoofdletters: aanwezig; ~ ontkent), gemaakt "
        "met genoemde drempels:",
        "en": "Outcome: presence of {theme} ({id}). Conditions (upper case: present; ~ negates), calibrated with "
        "stated thresholds:",
    },
    "annex.qca.calibration": {
        "nl": "{name} ({label}): {column} {rule} {threshold} ({basis}); 1 bij {ones} van {n} gemeenten",
        "en": "{name} ({label}): {column} {rule} {threshold} ({basis}); 1 in {ones} of {n} cases",
    },
    "annex.qca.basis.stated": {"nl": "vaste drempel", "en": "stated threshold"},
    "annex.qca.basis.national": {"nl": "het landelijke cijfer", "en": "the national figure"},
    "annex.qca.basis.median": {"nl": "mediaan", "en": "median"},
    "annex.qca.guards": {
        "nl": "Een configuratie geldt als voldoende wanneer haar consistentie minstens {threshold} is, zij minstens "
        "{min_cases} gemeenten telt (minder: behandeld als rest) en haar consistentie de basisfrequentie van de "
        "uitkomst ({base_rate}) met minstens {margin} overtreft.",
        "en": "A configuration counts as sufficient when its consistency is at least {threshold}, it holds at least "
        "{min_cases} cases (fewer: treated as a remainder) and its consistency exceeds the outcome's base rate "
        "({base_rate}) by at least {margin}.",
    },
    "annex.qca.truth_summary": {
        "nl": "De {n} gemeenten vallen in {rows} van de {possible} mogelijke configuraties van {k} condities; "
        "{sufficient} configuratie(s) gelden als voldoende, {contradictory} zijn tegenstrijdig, {too_few} hebben te "
        "weinig gemeenten en {below_base} komen niet boven de basisfrequentie uit.",
        "en": "The {n} cases fall into {rows} of the {possible} possible configurations of {k} conditions; "
        "{sufficient} configuration(s) count as sufficient, {contradictory} are contradictory, {too_few} have too "
        "few cases and {below_base} do not rise above the base rate.",
    },
    "annex.qca.col.cases": {"nl": "gemeenten", "en": "cases"},
    "annex.qca.col.outcome": {"nl": "met uitkomst", "en": "with outcome"},
    "annex.qca.col.consistency": {"nl": "consistentie", "en": "consistency"},
    "annex.qca.col.coverage": {"nl": "dekking", "en": "coverage"},
    "annex.qca.col.raw_coverage": {"nl": "dekking (ruw)", "en": "raw coverage"},
    "annex.qca.col.unique_coverage": {"nl": "dekking (uniek)", "en": "unique coverage"},
    "annex.qca.col.pri": {"nl": "PRI", "en": "PRI"},
    "annex.qca.col.relevance": {"nl": "relevantie (RoN)", "en": "relevance (RoN)"},
    "annex.qca.col.status": {"nl": "oordeel", "en": "verdict"},
    "annex.qca.col.names": {"nl": "gemeenten (namen)", "en": "cases (names)"},
    "annex.qca.col.condition": {"nl": "conditie", "en": "condition"},
    "annex.qca.col.solution": {"nl": "oplossing", "en": "solution"},
    "annex.qca.col.term": {"nl": "term", "en": "term"},
    "annex.qca.status.sufficient": {"nl": "voldoende", "en": "sufficient"},
    "annex.qca.status.not_sufficient": {"nl": "niet voldoende", "en": "not sufficient"},
    "annex.qca.status.not_above_base_rate": {"nl": "niet boven basisfrequentie", "en": "not above base rate"},
    "annex.qca.status.too_few_cases": {"nl": "te weinig gemeenten", "en": "too few cases"},
    "annex.qca.status.remainder": {"nl": "rest (geen gemeente)", "en": "remainder (no case)"},
    "annex.qca.sufficiency_lead": {"nl": "Voldoendheid per conditie:", "en": "Sufficiency per condition:"},
    "annex.qca.sufficiency": {
        "nl": "{both} van de {condition} gemeenten met {expression} hebben {theme} (consistentie {consistency}, "
        "dekking {coverage}): {verdict}.",
        "en": "{both} of the {condition} cases with {expression} show {theme} (consistency {consistency}, coverage "
        "{coverage}): {verdict}.",
    },
    "annex.qca.sufficiency_empty": {
        "nl": "Geen van de {n} gemeenten heeft {expression}; de voldoendheid voor {theme} is niet te beoordelen.",
        "en": "None of the {n} cases shows {expression}; its sufficiency for {theme} cannot be assessed.",
    },
    "annex.qca.verdict.sufficient": {
        "nl": "voldoende volgens de regels hierboven",
        "en": "sufficient under the rules above",
    },
    "annex.qca.verdict.too_few": {
        "nl": "te weinig gemeenten (minder dan {min_cases}) om van voldoendheid te spreken",
        "en": "too few cases (fewer than {min_cases}) to speak of sufficiency",
    },
    "annex.qca.verdict.below_threshold": {
        "nl": "onder de consistentiedrempel: niet voldoende",
        "en": "below the consistency threshold: not sufficient",
    },
    "annex.qca.verdict.not_above_base_rate": {
        "nl": "haalt de drempel, maar niet duidelijk boven de basisfrequentie van de uitkomst: niet voldoende",
        "en": "meets the threshold but not clearly above the outcome's base rate: not sufficient",
    },
    "annex.qca.necessity": {
        "nl": "Noodzakelijkheid voor {theme}: consistentie (aandeel van de gemeenten met de uitkomst dat de conditie "
        "heeft), dekking en relevantie (RoN; dicht bij 0 betekent triviaal: de conditie is bijna overal aanwezig).",
        "en": "Necessity for {theme}: consistency (share of the cases with the outcome that have the condition), "
        "coverage and relevance (RoN; close to 0 means trivial: the condition is present almost everywhere).",
    },
    "annex.qca.solutions_lead": {"nl": "Geminimaliseerde oplossingen.", "en": "Minimised solutions."},
    "annex.qca.solutions": {
        "nl": "Booleaanse minimalisatie (Quine-McCluskey) van de voldoende configuraties voor {theme}: "
        "conservatief {conservative}; spaarzaam (resten als vrije keuze) {parsimonious}; intermediair (alleen "
        "resten die passen bij de verwachtingen {expectations}) {intermediate}.",
        "en": "Boolean minimisation (Quine-McCluskey) of the sufficient configurations for {theme}: conservative "
        "{conservative}; parsimonious (remainders as don't-cares) {parsimonious}; intermediate (only remainders "
        "that fit the expectations {expectations}) {intermediate}.",
    },
    "annex.qca.expectation": {"nl": "{name} {value}", "en": "{name} {value}"},
    "annex.qca.no_expectations": {"nl": "(geen)", "en": "(none)"},
    "annex.qca.no_intermediate": {"nl": "niet berekend", "en": "not computed"},
    "annex.qca.empty_solution": {"nl": "geen oplossing", "en": "no solution"},
    "annex.qca.kind.conservative": {"nl": "conservatief", "en": "conservative"},
    "annex.qca.kind.parsimonious": {"nl": "spaarzaam", "en": "parsimonious"},
    "annex.qca.kind.intermediate": {"nl": "intermediair", "en": "intermediate"},
    "annex.qca.robustness_lead": {"nl": "Robuustheid.", "en": "Robustness."},
    "annex.qca.robustness.calibration": {
        "nl": "Met een andere drempel voor één conditie ({n} varianten) blijft de spaarzame oplossing {parsimonious} "
        "keer gelijk, de conservatieve {conservative} keer.",
        "en": "With another threshold for one condition ({n} variants) the parsimonious solution stays the same "
        "{parsimonious} times, the conservative one {conservative} times.",
    },
    "annex.qca.robustness.consistency_threshold": {
        "nl": "Bij een andere consistentiedrempel ({n} varianten): {parsimonious} en {conservative} keer gelijk.",
        "en": "Under another consistency cut-off ({n} variants): {parsimonious} and {conservative} times the same.",
    },
    "annex.qca.robustness.leave_one_out": {
        "nl": "Met telkens één gemeente weggelaten ({n} varianten): {parsimonious} en {conservative} keer gelijk.",
        "en": "Leaving out one case at a time ({n} variants): {parsimonious} and {conservative} times the same.",
    },
    "annex.qca.robustness_none": {"nl": "Geen varianten berekend.", "en": "No variants computed."},
    "annex.qca.robcol.variant": {"nl": "variant", "en": "variant"},
    "annex.qca.robcol.n": {"nl": "aantal", "en": "number"},
    "annex.qca.robcol.conservative": {"nl": "conservatief gelijk", "en": "conservative unchanged"},
    "annex.qca.robcol.parsimonious": {"nl": "spaarzaam gelijk", "en": "parsimonious unchanged"},
    "annex.qca.variant.calibration": {"nl": "andere drempel van een conditie", "en": "other threshold of a condition"},
    "annex.qca.variant.consistency_threshold": {"nl": "andere consistentiedrempel", "en": "other consistency cut-off"},
    "annex.qca.variant.leave_one_out": {"nl": "één gemeente weggelaten", "en": "one case left out"},
    "annex.qca.robustness_changed": {
        "nl": "De spaarzame oplossing verandert zonder: {names}.",
        "en": "The parsimonious solution changes without: {names}.",
    },
    "annex.methods.heading": {"nl": "Methoden", "en": "Methods"},
    "annex.methods.groups": {
        "nl": "Groepen: grootte gesplitst bij 50.000 inwoners (de vier grootteklassen laten één tot vijf gemeenten "
        "per klasse over); stedelijkheid 1-2, 3 en 4-5; landsdeel; jeugdzorgregio van minstens 100.000 inwoners.",
        "en": "Groups: size split at 50,000 inhabitants (the four size classes leave one to five cases per class); "
        "urbanisation 1-2, 3 and 4-5; part of the country; youth care region of at least 100,000 inhabitants.",
    },
    "annex.methods.fisher": {
        "nl": "Fishers exacte toets (2 groepen) en de exacte toets van Fisher-Freeman-Halton (meer groepen, "
        "volledige enumeratie), tweezijdig; Benjamini-Hochberg (false discovery rate {alpha}) per familie.",
        "en": "Fisher's exact test (2 groups) and the Fisher-Freeman-Halton exact test (more groups, full "
        "enumeration), two-sided; Benjamini-Hochberg (false discovery rate {alpha}) per family.",
    },
    "annex.methods.rank": {
        "nl": "Spearmans rho met exacte permutatie-p tot n = 9 en anders Monte Carlo met een genoemd aantal "
        "ordeningen en seed; percentiel-bootstrapinterval ({n_boot} trekkingen, seed {seed}), gemarkeerd wanneer "
        "het ontaardt; ontbrekende waarden per paar weggelaten.",
        "en": "Spearman's rho with exact permutation p up to n = 9 and Monte Carlo otherwise with a stated number "
        "of orderings and seed; percentile bootstrap interval ({n_boot} resamples, seed {seed}), flagged when it "
        "degenerates; missing values dropped per pair.",
    },
    "annex.methods.model": {
        "nl": "Logistische regressie (meest aannemelijke schatting, Wald-intervallen) met ten hoogste twee "
        "covariaten; gemarkeerd onder {min_epv} gebeurtenissen per variabele; scheiding vooraf gecontroleerd met "
        "lineair programmeren; bij scheiding of weinig gebeurtenissen ook Firths gecorrigeerde logit met "
        "profielintervallen.",
        "en": "Logistic regression (maximum likelihood, Wald intervals) with at most two covariates; flagged below "
        "{min_epv} events per variable; separation checked beforehand by linear programming; with separation or "
        "few events also Firth's penalised logit with profile intervals.",
    },
    "annex.methods.qca": {
        "nl": "Crisp-set QCA: waarheidstabel met consistentiedrempel {threshold}, minstens {min_cases} gemeenten per "
        "configuratie en consistentie minstens {margin} boven de basisfrequentie; consistentie |X∩Y|/|X|, dekking "
        "|X∩Y|/|Y|; minimalisatie met Quine-McCluskey tot conservatieve, spaarzame en intermediaire oplossing; "
        "noodzakelijkheid met relevantie (RoN); robuustheid onder andere drempels en met telkens één gemeente "
        "weggelaten.",
        "en": "Crisp-set QCA: truth table with consistency threshold {threshold}, at least {min_cases} cases per "
        "configuration and consistency at least {margin} above the base rate; consistency |X∩Y|/|X|, coverage "
        "|X∩Y|/|Y|; Quine-McCluskey minimisation to conservative, parsimonious and intermediate solutions; necessity "
        "with relevance (RoN); robustness under other thresholds and leaving one case out at a time.",
    },
    "annex.methods.agreement": {
        "nl": "Overeenstemming tussen codeurs: eenheden naar positie (overlap van selecties), Cohens kappa naast "
        "procentuele overeenstemming en positieve coderingen per codeur, Krippendorffs alfa (nominaal) met "
        "bootstrapinterval; ongedefinieerde kappa's geteld en genoemd.",
        "en": "Intercoder agreement: units by position (overlap of selections), Cohen's kappa beside percent "
        "agreement and positive codings per coder, Krippendorff's alpha (nominal) with a bootstrap interval; "
        "undefined kappas counted and named.",
    },
    "annex.methods.quotes": {
        "nl": "Citaten: per cel de langste verschillende fragmenten, verspreid over documenten, ingekort op een "
        "woordgrens.",
        "en": "Quotes: per cell the longest distinct fragments, spread over documents, shortened at a word boundary.",
    },
    "annex.methods.software": {
        "nl": "Software: {versions}. De instellingen staan in config/annex.yaml; de kruistabel in "
        "data/processed/crosscase_twenty.parquet.",
        "en": "Software: {versions}. The settings are in config/annex.yaml; the cross-case table in "
        "data/processed/crosscase_twenty.parquet.",
    },
    # --- charts of the model --------------------------------------------------------------------
    "annex.chart.presence.group": {"nl": "{name} = {value} ({n})", "en": "{name} = {value} ({n})"},
    "annex.chart.presence.absent": {"nl": "afwezig", "en": "absent"},
    "annex.chart.presence.present": {"nl": "aanwezig", "en": "present"},
}
