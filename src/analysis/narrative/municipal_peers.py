"""The municipal report's words for the structurally similar municipalities, Dutch and English.

The method itself is worded by :mod:`analysis.narrative.peers` from the build's record; these are the
section's heading, table columns, map title and the name of the group in tables and legends.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "municipal.peers.structural": {"nl": "structureel vergelijkbaar", "en": "structurally similar"},
    "municipal.key.col.similar": {
        "nl": "mediaan structureel vergelijkbaar ({count})",
        "en": "median structurally similar ({count})",
    },
    "municipal.similar.heading": {
        "nl": "Structureel vergelijkbare gemeenten",
        "en": "Structurally similar municipalities",
    },
    "municipal.similar.intro": {
        "nl": "Stedelijkheid alleen is een grove vergelijking. Daarom ook de gemeenten die op een reeks kenmerken "
        "tegelijk het meest op deze gemeente lijken, zoals benchmarks als de Wmo-gemeentevergelijker van de VNG "
        "dat doen. Ze zijn de vierde vergelijking in de kerncijfers, de bijstand en de lokale democratie.",
        "en": "Urbanisation alone is a coarse comparison. Hence also the municipalities that resemble this one most "
        "on several characteristics at once, as benchmarks such as the VNG's Wmo municipality comparison do. They "
        "are the fourth comparison in the key figures, social assistance and local democracy.",
    },
    "municipal.similar.method_lead": {"nl": "Methode.", "en": "Method."},
    "municipal.similar.distance_note": {
        "nl": "De afstand in de tabel is in standaardafwijkingen: 0 is gelijk op alle kenmerken.",
        "en": "The distance in the table is in standard deviations: 0 is equal on every characteristic.",
    },
    "municipal.similar.none": {
        "nl": "Voor {name} zijn geen structureel vergelijkbare gemeenten bepaald (te weinig kenmerken bekend).",
        "en": "No structurally similar municipalities were determined for {name} (too few characteristics known).",
    },
    "municipal.similar.col.rank": {"nl": "rang", "en": "rank"},
    "municipal.similar.col.municipality": {"nl": "gemeente", "en": "municipality"},
    "municipal.similar.col.inhabitants": {"nl": "inwoners", "en": "inhabitants"},
    "municipal.similar.col.stedelijkheid": {"nl": "stedelijkheid", "en": "urbanisation"},
    "municipal.similar.col.distance": {"nl": "afstand (sd)", "en": "distance (sd)"},
    "municipal.similar.col.features": {"nl": "kenmerken (van {total})", "en": "characteristics (of {total})"},
    "municipal.similar.group": {
        "nl": "structureel vergelijkbare gemeenten",
        "en": "structurally similar municipalities",
    },
    "municipal.similar.map_title": {
        "nl": "{name} en de {count} structureel vergelijkbare gemeenten",
        "en": "{name} and the {count} structurally similar municipalities",
    },
}
