"""The municipal report's words for comparing 2010 and 2018 in local democracy, Dutch and English.

The 2010 figure is a share of votes, the 2018 figure a share of seats; these phrases say so beside
the table (``report.municipal_democracy``). The single sentences on 2010 and 2018 are in
:mod:`analysis.narrative.municipal`.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "municipal.democracy.kind_lead": {
        "nl": "2010 en 2018 meten iets anders.",
        "en": "2010 and 2018 measure different things.",
    },
    "municipal.democracy.kind": {
        "nl": "Het cijfer van 2010 is een aandeel van de geldige stemmen voor lokale partijen (de kolom "
        "'Lokale partijen' van de Kiesraad; de FNP telt als niet-lokaal), op de gemeentegrenzen en met de "
        "kandidatenlijsten van 2010. Het cijfer van 2018 is een aandeel van de zetels voor lokale lijsten "
        "(gecombineerde lokaal-landelijke lijsten tellen als lokaal), op de grenzen en met de lijsten van 2018. "
        "Zetels volgen stemmen niet één op één (kiesdeler en restzetels), en tussen beide verkiezingen "
        "veranderden lijsten en soms grenzen: het verschil tussen de twee cijfers is dus geen verschuiving van "
        "kiezers.",
        "en": "The 2010 figure is a share of the valid votes for local parties (the Kiesraad's column 'Lokale "
        "partijen'; the FNP counts as non-local), on the municipal boundaries and with the lists of 2010. The "
        "2018 figure is a share of the seats for local lists (combined local-national lists count as local), on "
        "the boundaries and with the lists of 2018. Seats do not follow votes one to one (electoral quota and "
        "remainder seats), and lists and sometimes boundaries changed between the two elections: the difference "
        "between the two figures is therefore not a shift of voters.",
    },
    "municipal.democracy.lower_bound": {
        "nl": "Dat aandeel is een ondergrens: {outside}% van de geldige stemmen staat in de uitslag van 2010 in "
        "geen enkele partijkolom en kan deels naar lokale partijen zijn gegaan.",
        "en": "That share is a lower bound: {outside}% of the valid votes are in no party column of the 2010 "
        "result and may partly have gone to local parties.",
    },
    "municipal.democracy.combined_one": {
        "nl": "Van de zetels van lokale lijsten ging er {combined} naar een gecombineerde lokaal-landelijke lijst.",
        "en": "Of the local lists' seats, {combined} went to a combined local-national list.",
    },
    "municipal.democracy.combined_many": {
        "nl": "Van de zetels van lokale lijsten gingen er {combined} naar gecombineerde lokaal-landelijke lijsten.",
        "en": "Of the local lists' seats, {combined} went to combined local-national lists.",
    },
    "municipal.democracy.col.measure": {"nl": "maat", "en": "measure"},
    "municipal.democracy.col.all": {"nl": "mediaan alle gemeenten", "en": "median all municipalities"},
    "municipal.democracy.col.same_stedelijkheid": {
        "nl": "mediaan zelfde stedelijkheid ({count})",
        "en": "median same urbanisation ({count})",
    },
    "municipal.democracy.col.cases": {"nl": "mediaan de twintig ({count})", "en": "median of the twenty ({count})"},
    "municipal.democracy.col.structural_peers": {
        "nl": "mediaan structureel vergelijkbaar ({count})",
        "en": "median structurally similar ({count})",
    },
    "municipal.democracy.measure.turnout_2010_pct": {
        "nl": "opkomst 2010 (% van de kiesgerechtigden)",
        "en": "turnout 2010 (% of the electorate)",
    },
    "municipal.democracy.measure.local_vote_share_2010_pct": {
        "nl": "lokale partijen 2010 (% van de geldige stemmen)",
        "en": "local parties 2010 (% of the valid votes)",
    },
    "municipal.democracy.measure.local_seat_share_2018_pct": {
        "nl": "lokale lijsten 2018 (% van de zetels)",
        "en": "local lists 2018 (% of the seats)",
    },
    "municipal.democracy.measure.council_seats_2018_count": {
        "nl": "zetels in de raad 2018",
        "en": "council seats 2018",
    },
    "municipal.democracy.measure.lists_with_seats_2018_count": {
        "nl": "lijsten met zetels 2018 (versplintering)",
        "en": "lists with seats 2018 (fragmentation)",
    },
    "municipal.democracy.table_note": {
        "nl": "Medianen over de gemeenten van elke groep die het cijfer hebben (tussen haakjes: de grootte van de "
        "groep, zonder de gemeente zelf). Gemeenten zonder vergelijkbare uitslag van 2010 of zonder verkiezing op "
        "21 maart 2018 tellen voor dat cijfer niet mee.",
        "en": "Medians over the municipalities of each group that have the figure (in brackets: the size of the "
        "group, without the municipality itself). Municipalities without a comparable 2010 result or without an "
        "election on 21 March 2018 do not count for that figure.",
    },
}
