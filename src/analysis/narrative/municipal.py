"""The words of the municipal report, Dutch and English (used by ``report.municipal_views``).

Numbers arrive formatted (:mod:`analysis.core.format`); a phrase never formats a number itself.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    # --- header -----------------------------------------------------------------------------
    "municipal.title": {
        "nl": "{name} ({gm_code}) — kwantitatieve bijlage",
        "en": "{name} ({gm_code}) — quantitative annex",
    },
    "municipal.header.case": {
        "nl": "{name} is een van de twintig gemeenten die de Raad voor het openbaar bestuur volgde in Gemeenten in 3D.",
        "en": "{name} is one of the twenty municipalities that the Council for Public Administration (ROB) "
        "followed in Gemeenten in 3D.",
    },
    "municipal.header.not_case": {
        "nl": "{name} is geen van de twintig gemeenten van Gemeenten in 3D; zij wordt hier wel met die twintig "
        "vergeleken.",
        "en": "{name} is not one of the twenty municipalities of Gemeenten in 3D; it is compared with those "
        "twenty here all the same.",
    },
    "municipal.header.population": {
        "nl": "Op 1 januari 2017 telde de gemeente {population} inwoners en viel zij in stedelijkheidsklasse "
        "{sted_class} ({sted_label}).",
        "en": "On 1 January 2017 the municipality had {population} inhabitants and was in urbanisation class "
        "{sted_class} ({sted_label}).",
    },
    "municipal.header.guide_lead": {"nl": "Leeswijzer.", "en": "Reading guide."},
    "municipal.header.guide": {
        "nl": "De gemeente staat steeds naast vier vergelijkingen: Nederland als geheel, de gemeenten met "
        "dezelfde stedelijkheid, de twintig gemeenten van het onderzoek en de {k} gemeenten die structureel het "
        "meest op haar lijken (de methode staat in het hoofdstuk over die gemeenten). Alle grenzen en "
        "kerncijfers zijn die van 1 januari 2017. Waar een cijfer ontbreekt staat dat er in woorden; een "
        "ontbrekend cijfer wordt nooit als nul getekend. Bronnen staan onderaan.",
        "en": "The municipality is set beside four comparisons: the Netherlands as a whole, the "
        "municipalities with the same degree of urbanisation, the twenty municipalities of the study and the {k} "
        "municipalities structurally most similar to it (the method is in the section on them). All "
        "boundaries and key figures are those of 1 January 2017. Where a figure is missing, the text says so; a "
        "missing figure is never drawn as zero. Sources are listed at the end.",
    },
    "municipal.sted.1": {"nl": "zeer sterk stedelijk", "en": "extremely urbanised"},
    "municipal.sted.2": {"nl": "sterk stedelijk", "en": "strongly urbanised"},
    "municipal.sted.3": {"nl": "matig stedelijk", "en": "moderately urbanised"},
    "municipal.sted.4": {"nl": "weinig stedelijk", "en": "hardly urbanised"},
    "municipal.sted.5": {"nl": "niet stedelijk", "en": "not urbanised"},
    # --- location ---------------------------------------------------------------------------
    "municipal.location.heading": {"nl": "Ligging", "en": "Location"},
    "municipal.location.intro": {
        "nl": "Waar de gemeente ligt, en welke gemeenten aan haar grenzen (grenzen van 1 januari 2017).",
        "en": "Where the municipality lies, and which municipalities border it (boundaries of 1 January 2017).",
    },
    "municipal.location.neighbours": {
        "nl": "{name} grenst aan {count} gemeenten: {names}.",
        "en": "{name} borders {count} municipalities: {names}.",
    },
    "municipal.location.no_neighbours": {
        "nl": "{name} grenst aan geen andere gemeente op het land.",
        "en": "{name} borders no other municipality on land.",
    },
    # --- key figures ------------------------------------------------------------------------
    "municipal.key.heading": {"nl": "Kerncijfers", "en": "Key figures"},
    "municipal.key.intro": {
        "nl": "Inwoners, oppervlakte, dichtheid, leeftijd, huishoudens en migratieachtergrond op 1 januari 2017, "
        "naast Nederland, de gemeenten met dezelfde stedelijkheid, de twintig gemeenten van het onderzoek en de "
        "structureel vergelijkbare gemeenten.",
        "en": "Inhabitants, area, density, age, households and migration background on 1 January 2017, beside "
        "the Netherlands, the municipalities with the same degree of urbanisation, the twenty municipalities "
        "of the study and the structurally similar municipalities.",
    },
    "municipal.key.col.figure": {"nl": "kerncijfer", "en": "key figure"},
    "municipal.key.col.unit": {"nl": "eenheid", "en": "unit"},
    "municipal.key.col.netherlands": {"nl": "Nederland", "en": "Netherlands"},
    "municipal.key.col.same_sted": {
        "nl": "mediaan zelfde stedelijkheid ({count})",
        "en": "median same urbanisation ({count})",
    },
    "municipal.key.col.cases": {"nl": "mediaan de twintig ({count})", "en": "median of the twenty ({count})"},
    "municipal.key.col.rank": {"nl": "rang van {count}", "en": "rank of {count}"},
    "municipal.key.note": {
        "nl": "Nederland: totaal, of het landelijke cijfer (percentages gewogen naar inwoners of huishoudens). "
        "Rang 1 is de hoogste waarde van alle gemeenten. De medianen van de stedelijkheidsklasse en de twintig "
        "tellen de gemeente zelf mee als zij erin valt (tussen haakjes: het aantal gemeenten).",
        "en": "Netherlands: the total, or the national figure (percentages weighted by inhabitants or "
        "households). Rank 1 is the highest value of all municipalities. The medians of the urbanisation class "
        "and the twenty include the municipality itself when it belongs to them (in brackets: the number of "
        "municipalities).",
    },
    "municipal.kf.population_count": {"nl": "Inwoners", "en": "Inhabitants"},
    "municipal.kf.area_land_km2": {"nl": "Oppervlakte land", "en": "Land area"},
    "municipal.kf.density_per_km2": {"nl": "Bevolkingsdichtheid", "en": "Population density"},
    "municipal.kf.address_density_per_km2": {"nl": "Omgevingsadressendichtheid", "en": "Address density"},
    "municipal.kf.age_0_14_pct": {"nl": "0 tot 15 jaar", "en": "0 to 15 years"},
    "municipal.kf.age_15_24_pct": {"nl": "15 tot 25 jaar", "en": "15 to 25 years"},
    "municipal.kf.age_25_44_pct": {"nl": "25 tot 45 jaar", "en": "25 to 45 years"},
    "municipal.kf.age_45_64_pct": {"nl": "45 tot 65 jaar", "en": "45 to 65 years"},
    "municipal.kf.age_65_plus_pct": {"nl": "65 jaar of ouder", "en": "65 years or older"},
    "municipal.kf.households_count": {"nl": "Huishoudens", "en": "Households"},
    "municipal.kf.persons_per_household": {"nl": "Gemiddelde huishoudensgrootte", "en": "Mean household size"},
    "municipal.kf.single_person_households_pct": {"nl": "Eenpersoonshuishoudens", "en": "Single-person households"},
    "municipal.kf.households_with_children_pct": {"nl": "Huishoudens met kinderen", "en": "Households with children"},
    "municipal.kf.western_migration_background_pct": {
        "nl": "Westerse migratieachtergrond",
        "en": "Western migration background",
    },
    "municipal.kf.non_western_migration_background_pct": {
        "nl": "Niet-westerse migratieachtergrond",
        "en": "Non-Western migration background",
    },
    "municipal.unit.count": {"nl": "aantal", "en": "number"},
    "municipal.unit.km2": {"nl": "km²", "en": "km²"},
    "municipal.unit.inhabitants_per_km2_land": {"nl": "inwoners per km² land", "en": "inhabitants per km² of land"},
    "municipal.unit.addresses_per_km2": {"nl": "adressen per km²", "en": "addresses per km²"},
    "municipal.unit.pct_inhabitants": {"nl": "% van inwoners", "en": "% of inhabitants"},
    "municipal.unit.pct_households": {"nl": "% van huishoudens", "en": "% of households"},
    "municipal.unit.persons": {"nl": "personen", "en": "persons"},
    # --- regions ----------------------------------------------------------------------------
    "municipal.regions.heading": {"nl": "Regio's", "en": "Regions"},
    "municipal.regions.intro": {
        "nl": "De decentralisaties gingen uit van een schaal van {scale} inwoners; kleinere gemeenten voeren "
        "taken uit in regio's. Hier: de regio's waarin de gemeente zit, hoe groot die zijn, en met welke buren zij "
        "ze deelt.",
        "en": "The decentralisations assumed a scale of {scale} inhabitants; smaller municipalities carry out "
        "tasks in regions. Here: the regions the municipality belongs to, how large they are, and which of them "
        "it shares with its neighbours.",
    },
    "municipal.regions.count": {
        "nl": "{name} hoort bij {count} regio-indelingen van CBS (1 januari 2017).",
        "en": "{name} belongs to {count} regional divisions of CBS (1 January 2017).",
    },
    "municipal.regions.all_at_scale": {
        "nl": "Elk van die regio's telt minstens {scale} inwoners, de schaal waarvan de decentralisaties uitgingen.",
        "en": "Each of those regions has at least {scale} inhabitants, the scale the decentralisations assumed.",
    },
    "municipal.regions.below_scale": {
        "nl": "Onder de schaal van {scale} inwoners blijven: {types}.",
        "en": "Below the scale of {scale} inhabitants: {types}.",
    },
    "municipal.regions.col.type": {"nl": "indeling", "en": "division"},
    "municipal.regions.col.region": {"nl": "regio", "en": "region"},
    "municipal.regions.col.municipalities": {"nl": "gemeenten", "en": "municipalities"},
    "municipal.regions.col.inhabitants": {"nl": "inwoners", "en": "inhabitants"},
    "municipal.regions.col.at_scale": {"nl": "{scale} inwoners of meer", "en": "{scale} inhabitants or more"},
    "municipal.yes": {"nl": "ja", "en": "yes"},
    "municipal.no": {"nl": "nee", "en": "no"},
    "municipal.regions.shared_lead": {
        "nl": "Gedeelde regio's met de buurgemeenten.",
        "en": "Regions shared with the neighbours.",
    },
    "municipal.regions.shared": {
        "nl": "Van de {count} indelingen hierboven: in hoeveel zit elke buurgemeente in dezelfde regio?",
        "en": "Of the {count} divisions above: in how many is each neighbour in the same region?",
    },
    "municipal.regions.col.neighbour": {"nl": "buurgemeente", "en": "neighbour"},
    "municipal.regions.col.shared": {"nl": "zelfde regio (van {count})", "en": "same region (of {count})"},
    "municipal.regions.col.not_shared": {"nl": "andere regio bij", "en": "different region for"},
    # --- social domain ----------------------------------------------------------------------
    "municipal.social.heading": {"nl": "Sociaal domein", "en": "Social domain"},
    "municipal.social.intro": {
        "nl": "Bijstand 2015-2017 op de gemeentegrenzen van 2017, per 1.000 inwoners van 15 jaar of ouder, naast "
        "Nederland en de vergelijkingsgroepen. Cijfers die in de lokale kopie ontbreken staan er in woorden.",
        "en": "Social assistance (bijstand) 2015-2017 on the municipal boundaries of 2017, per 1,000 inhabitants "
        "aged 15 or older, beside the Netherlands and the comparison groups. Figures missing from the local copy "
        "are stated in words.",
    },
    "municipal.social.year": {
        "nl": "{year} (CBS {table_id}): {count} mensen in de bijstand, {rate} per 1.000 inwoners van 15 jaar of ouder.",
        "en": "{year} (CBS {table_id}): {count} people on social assistance, {rate} per 1,000 inhabitants aged 15 "
        "or older.",
    },
    "municipal.social.year_remapped": {
        "nl": "{year} (CBS {table_id}): {count} mensen in de bijstand, {rate} per 1.000 inwoners van 15 jaar of "
        "ouder (opgeteld over de voorgangers van de gemeente).",
        "en": "{year} (CBS {table_id}): {count} people on social assistance, {rate} per 1,000 inhabitants aged 15 "
        "or older (summed over the municipality's predecessors).",
    },
    "municipal.social.year_missing": {
        "nl": "{year} (CBS {table_id}): niet beschikbaar ({reason}).",
        "en": "{year} (CBS {table_id}): not available ({reason}).",
    },
    "municipal.social.reason.boundary": {
        "nl": "de gemeentegrenzen veranderden en de cijfers zijn niet zuiver om te rekenen",
        "en": "the municipal boundaries changed and the figures cannot be re-mapped cleanly",
    },
    "municipal.social.reason.suppressed": {"nl": "door CBS afgeschermd", "en": "suppressed by CBS"},
    "municipal.social.reason.not_in_table": {"nl": "niet in de tabel", "en": "not in the table"},
    "municipal.social.reason.other": {"nl": "reden: {reason}", "en": "reason: {reason}"},
    "municipal.social.status": {
        "nl": "Voorlopig of definitief: {status}; zie de tabelinformatie bij CBS.",
        "en": "Provisional or final: {status}; see the table information at CBS.",
    },
    "municipal.social.status_not_recorded": {
        "nl": "niet vastgelegd in de lokale kopie",
        "en": "not recorded in the local copy",
    },
    "municipal.unavailable_lead": {"nl": "Niet beschikbaar.", "en": "Not available."},
    "municipal.social.unavailable": {
        "nl": "Cijfers {topic} (CBS {table_id}) zijn niet in de lokale kopie beschikbaar; ze worden alleen "
        "getoond wanneer de tabel online bij CBS is opgehaald.",
        "en": "Figures on {topic} (CBS {table_id}) are not available in the local copy; they are shown only when "
        "the table has been downloaded from CBS.",
    },
    "municipal.topic.bijstand": {"nl": "bijstand", "en": "social assistance"},
    "municipal.topic.jeugdhulp": {"nl": "jeugdhulp", "en": "youth care"},
    "municipal.topic.wmo": {"nl": "Wmo-maatwerkvoorzieningen", "en": "Wmo customised support"},
    "municipal.topic.financiën": {
        "nl": "gemeentefinanciën sociaal domein",
        "en": "municipal finances for the social domain",
    },
    "municipal.topic.voorzieningen": {
        "nl": "gebruik van voorzieningen in het sociaal domein",
        "en": "use of social-domain provisions",
    },
    "municipal.peers.same_sted": {"nl": "zelfde stedelijkheid", "en": "same urbanisation"},
    "municipal.peers.cases": {"nl": "de twintig", "en": "the twenty"},
    # --- democracy --------------------------------------------------------------------------
    "municipal.democracy.heading": {"nl": "Lokale democratie", "en": "Local democracy"},
    "municipal.democracy.intro": {
        "nl": "De omvang van de raad en de laatste raadsverkiezingen waarvan de uitslag beschikbaar is.",
        "en": "The size of the council and the latest council elections whose results are available.",
    },
    "municipal.democracy.seats": {
        "nl": "Met {population} inwoners op 1 januari 2017 schrijft de Gemeentewet (art. 8) voor de raad van 2018 "
        "{seats} zetels voor.",
        "en": "With {population} inhabitants on 1 January 2017, the Municipalities Act (art. 8) prescribes "
        "{seats} seats for the council of 2018.",
    },
    "municipal.democracy.election": {
        "nl": "Bij de raadsverkiezingen van 3 maart 2010 was de opkomst in {name} {turnout}% en kregen lokale "
        "partijen {local_share}% van de geldige stemmen.",
        "en": "At the council elections of 3 March 2010 the turnout in {name} was {turnout}% and local parties "
        "received {local_share}% of the valid votes.",
    },
    "municipal.democracy.no_election": {
        "nl": "Voor {name} is geen vergelijkbare uitslag van de raadsverkiezingen van 2010 ({reason}).",
        "en": "For {name} there is no comparable result of the council elections of 2010 ({reason}).",
    },
    "municipal.democracy.reason.changed": {
        "nl": "de grenzen van de gemeente zijn na maart 2010 door een herindeling veranderd",
        "en": "the municipality's boundaries were changed by a reorganisation after March 2010",
    },
    "municipal.democracy.reason.not_in_file": {
        "nl": "de gemeente staat niet in het bestand van 3 maart 2010",
        "en": "the municipality is not in the file of 3 March 2010",
    },
    "municipal.democracy.reason.other": {"nl": "reden: {reason}", "en": "reason: {reason}"},
    "municipal.democracy.missing_year": {
        "nl": "De stemmen bij de gemeenteraadsverkiezingen {year} zijn niet in de lokale kopie beschikbaar.",
        "en": "The votes of the municipal council elections of {year} are not available in the local copy.",
    },
    "municipal.democracy.council_2018": {
        "nl": "In de raad die op 21 maart 2018 werd gekozen, kregen lokale lijsten {local} van de {seats} zetels "
        "({share}%); {lists} lijsten kregen zetels.",
        "en": "In the council elected on 21 March 2018, local lists won {local} of the {seats} seats ({share}%); "
        "{lists} lists won seats.",
    },
    "municipal.democracy.no_council_2018": {
        "nl": "Voor {name} is er geen raad gekozen op 21 maart 2018 ({reason}).",
        "en": "{name} elected no council on 21 March 2018 ({reason}).",
    },
    "municipal.democracy.council_2018_reason.no_election": {
        "nl": "een herindeling verschoof de verkiezing",
        "en": "a reorganisation moved the election",
    },
    # --- themes -----------------------------------------------------------------------------
    "municipal.themes.heading": {"nl": "Thema's uit de gesprekken", "en": "Themes from the interviews"},
    "municipal.themes.intro": {
        "nl": "Welke thema's uit het codeboek (de vragen van de ROB, de rol van de raad, de G32-agenda, regionale "
        "samenwerking, de rol van het Rijk) in het materiaal van deze gemeente zijn gecodeerd, naast het "
        "gemiddelde van de twintig.",
        "en": "Which themes of the codebook (the ROB's questions, the role of the council, the G32 agenda, "
        "regional cooperation, the role of central government) were coded in this municipality's material, "
        "beside the mean of the twenty.",
    },
    "municipal.themes.intro_project": {
        "nl": "Welke thema's uit het eigen codeboek van het QDA-project in het materiaal van deze gemeente zijn "
        "gecodeerd, naast het gemiddelde van de twintig.",
        "en": "Which themes of the QDA project's own codebook were coded in this municipality's material, "
        "beside the mean of the twenty.",
    },
    "municipal.themes.counts": {
        "nl": "Voor {name}: {codings} op {segments} in {documents}, door {coders}.",
        "en": "For {name}: {codings} on {segments} in {documents}, by {coders}.",
    },
    "municipal.themes.rejected_here": {
        "nl": "Daarnaast afgewezen voor {name}: {rejected}.",
        "en": "Also rejected for {name}: {rejected}.",
    },
    "municipal.themes.top": {
        "nl": "De meest gecodeerde thema's: {listing}.",
        "en": "The most coded themes: {listing}.",
    },
    "municipal.themes.top_item": {"nl": "{label} ({segments}, {share})", "en": "{label} ({segments}, {share})"},
    "municipal.themes.profile": {
        "nl": "De tabel en het profiel hieronder zetten het aandeel van de gecodeerde fragmenten van {name} per "
        "thema naast het gemiddelde van de twintig; een fragment kan meer thema's dragen.",
        "en": "The table and the profile below set the share of {name}'s coded fragments per theme beside the "
        "mean of the twenty; a fragment can carry more than one theme.",
    },
    "municipal.themes.group_basis": {
        "nl": "Het gemiddelde van de twintig is berekend over de {count} van hen met coderingen.",
        "en": "The mean of the twenty is taken over the {count} of them with codings.",
    },
    "municipal.themes.group_only_self": {
        "nl": "Onder de twintig heeft alleen {name} coderingen; het gemiddelde van de twintig is dus het eigen "
        "profiel en zegt niets over de andere gemeenten.",
        "en": "Among the twenty only {name} has codings, so the mean of the twenty is its own profile and says "
        "nothing about the other municipalities.",
    },
    "municipal.themes.group_none": {
        "nl": "Geen van de twintig heeft coderingen; er is dus geen gemiddelde van de twintig.",
        "en": "None of the twenty has codings, so there is no mean of the twenty.",
    },
    "municipal.themes.col.theme": {"nl": "thema", "en": "theme"},
    "municipal.themes.col.segments": {"nl": "fragmenten", "en": "fragments"},
    "municipal.themes.col.share": {"nl": "aandeel van de fragmenten", "en": "share of the fragments"},
    "municipal.themes.col.group_mean": {"nl": "gemiddelde van de twintig", "en": "mean of the twenty"},
    "municipal.themes.empty_file": {
        "nl": "Het coderingsbestand bevat geen coderingen; er is dus geen themaprofiel.",
        "en": "The codings file contains no codings, so there is no theme profile.",
    },
    "municipal.themes.all_rejected": {
        "nl": "Alle gelezen coderingen zijn afgewezen ({read}, waarvan {rejected_here} voor {name}); er is dus geen "
        "themaprofiel.",
        "en": "All codings read were rejected ({read}, {rejected_here} of them for {name}), so there is no theme "
        "profile.",
    },
    "municipal.themes.rejected_for_municipality": {
        "nl": "Alle coderingen voor {name} zijn afgewezen ({rejected_here} gelezen); er is dus geen themaprofiel.",
        "en": "All codings for {name} were rejected ({rejected_here} read), so there is no theme profile.",
    },
    "municipal.themes.none_for_municipality": {
        "nl": "Het coderingsbestand bevat geen coderingen voor {name}; er is dus geen themaprofiel.",
        "en": "The codings file contains no codings for {name}, so there is no theme profile.",
    },
    "municipal.themes.not_case": {
        "nl": "De gemeente hoorde niet bij de twintig van het onderzoek.",
        "en": "The municipality was not one of the twenty of the study.",
    },
    # --- fragments --------------------------------------------------------------------------
    "municipal.fragments.heading": {"nl": "Fragmenten", "en": "Fragments"},
    "municipal.fragments.intro": {
        "nl": "Wat achter de aantallen staat: voor de meest gecodeerde thema's van {name} enkele gecodeerde "
        "fragmenten, met document en codeur. Ze zijn volgens een vaste regel gekozen (de langste verschillende "
        "fragmenten, gespreid over de documenten) en staan er zoals gecodeerd; fragmenten langer dan {max_chars} "
        "tekens zijn ingekort (…).",
        "en": "What lies behind the counts: for {name}'s most coded themes, a few coded fragments with their "
        "document and coder. They are chosen by a fixed rule (the longest distinct fragments, spread over the "
        "documents) and quoted as coded, in their original language; fragments longer than {max_chars} characters are "
        "shortened (…).",
    },
    "municipal.fragments.theme": {"nl": "{label} ({segments})", "en": "{label} ({segments})"},
    "municipal.fragments.attribution": {
        "nl": "{document} — codeur {coders}",
        "en": "{document} — coder {coders}",
    },
    "municipal.fragments.attribution_coders": {
        "nl": "{document} — codeurs {coders}",
        "en": "{document} — coders {coders}",
    },
    "municipal.fragments.no_text": {
        "nl": "Geen tekst beschikbaar in dit coderingsbestand: het geeft bij de fragmenten geen tekst "
        "(kolom segment_text) en geen brontekst.",
        "en": "No text available in this codings file: it gives no text with its fragments (column "
        "segment_text) and no source text.",
    },
    "municipal.fragments.theme_no_text": {
        "nl": "Voor dit thema staat bij geen van de gekozen fragmenten tekst in het coderingsbestand.",
        "en": "For this theme, none of the chosen fragments has a text in the codings file.",
    },
    "municipal.fragments.none": {
        "nl": "Voor {name} zijn geen gecodeerde fragmenten aanvaard; er zijn dus geen fragmenten om te tonen.",
        "en": "No coded fragments were accepted for {name}, so there are no fragments to show.",
    },
}
