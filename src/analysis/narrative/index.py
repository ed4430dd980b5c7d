"""Words of ``index.html``, the page a reviewer starts from: the list of reports and the map.

Used by :mod:`analysis.pipeline.index` (the page) and :mod:`analysis.viz.index_map` (the map's
hover titles and legend). Keys start with ``index.``.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "index.title": {
        "nl": "Gemeenten in 3D — kwantitatieve bijlage",
        "en": "Gemeenten in 3D — quantitative annex",
    },
    "index.intro": {
        "nl": (
            "Rapporten per gemeente (grenzen en kerncijfers van 1 januari 2017) en de bijlage over de "
            "twintig gemeenten die de Raad voor het openbaar bestuur volgde. Gegenereerd {generated}."
        ),
        "en": (
            "Reports per municipality (boundaries and key figures of 1 January 2017) and the annex on the "
            "twenty municipalities followed by the Raad voor het openbaar bestuur. Generated {generated}."
        ),
    },
    "index.annex": {
        "nl": "Bijlage: de twintig gemeenten naast elkaar",
        "en": "Annex: the twenty municipalities side by side",
    },
    "index.annex_pdf": {"nl": "PDF om te printen", "en": "PDF for printing"},
    "index.search_label": {"nl": "Zoek een gemeente:", "en": "Find a municipality:"},
    "index.search_placeholder": {"nl": "naam of GM-code", "en": "name or GM code"},
    "index.report_count": {"nl": "rapporten", "en": "reports"},
    "index.column.municipality": {"nl": "gemeente", "en": "municipality"},
    "index.column.code": {"nl": "code", "en": "code"},
    "index.column.is_case": {"nl": "een van de twintig", "en": "one of the twenty"},
    "index.column.notebook": {"nl": "notebook", "en": "notebook"},
    "index.yes": {"nl": "ja", "en": "yes"},
    "index.failed": {"nl": "mislukt: {error}", "en": "failed: {error}"},
    # The map.
    "index.map.label": {
        "nl": "Kaart van de 388 gemeenten van 1 januari 2017; klik op een gekleurde gemeente voor haar rapport",
        "en": "Map of the 388 municipalities of 1 January 2017; click a coloured municipality for its report",
    },
    "index.map.hint": {
        "nl": "Klik op een gekleurde gemeente om haar rapport te openen; wijs een gemeente aan voor haar naam.",
        "en": "Click a coloured municipality to open its report; point at a municipality for its name.",
    },
    "index.map.no_report": {"nl": "{name} (geen rapport)", "en": "{name} (no report)"},
    "index.map.legend.twenty": {
        "nl": "een van de twintig, met rapport ({count})",
        "en": "one of the twenty, with a report ({count})",
    },
    "index.map.legend.rendered": {
        "nl": "andere gemeente met rapport ({count})",
        "en": "other municipality with a report ({count})",
    },
    "index.map.legend.unrendered": {"nl": "geen rapport ({count})", "en": "no report ({count})"},
    "index.map.source": {
        "nl": "Bron: CBS, Kadaster — Wijk- en buurtkaart 2017 (gemeentegrenzen 1 januari 2017, vereenvoudigd).",
        "en": "Source: CBS, Kadaster — Wijk- en buurtkaart 2017 (municipal boundaries of 1 January 2017, simplified).",
    },
}
