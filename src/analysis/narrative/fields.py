"""Labels of data columns for readers: table rows, chart axes and legends, in Dutch and English.

Keys are ``field.<column>`` (a column of :mod:`analysis.core.fields`); :func:`field_label` falls
back to the column name itself for a column without a label, so a new column is visible, not lost.
"""

from __future__ import annotations

from analysis.core.format import Language
from analysis.narrative import catalogue, say

PHRASES: dict[str, dict[str, str]] = {
    "field.population_count": {"nl": "Inwoners", "en": "Inhabitants"},
    "field.area_land_km2": {"nl": "Oppervlakte land", "en": "Land area"},
    "field.density_per_km2": {"nl": "Bevolkingsdichtheid", "en": "Population density"},
    "field.address_density_per_km2": {"nl": "Omgevingsadressendichtheid", "en": "Address density"},
    "field.age_0_14_pct": {"nl": "0 tot 15 jaar", "en": "Aged 0 to 15"},
    "field.age_15_24_pct": {"nl": "15 tot 25 jaar", "en": "Aged 15 to 25"},
    "field.age_25_44_pct": {"nl": "25 tot 45 jaar", "en": "Aged 25 to 45"},
    "field.age_45_64_pct": {"nl": "45 tot 65 jaar", "en": "Aged 45 to 65"},
    "field.age_65_plus_pct": {"nl": "65 jaar of ouder", "en": "Aged 65 or over"},
    "field.households_count": {"nl": "Huishoudens", "en": "Households"},
    "field.persons_per_household": {"nl": "Gemiddelde huishoudensgrootte", "en": "Mean household size"},
    "field.single_person_households_pct": {"nl": "Eenpersoonshuishoudens", "en": "Single-person households"},
    "field.households_with_children_pct": {"nl": "Huishoudens met kinderen", "en": "Households with children"},
    "field.western_migration_background_pct": {
        "nl": "Westerse migratieachtergrond",
        "en": "Western migration background",
    },
    "field.non_western_migration_background_pct": {
        "nl": "Niet-westerse migratieachtergrond",
        "en": "Non-western migration background",
    },
    # The grouped characteristics of the cross-case table (analysis.tables.crosscase).
    "field.size_group": {"nl": "Omvang (grens 50.000 inwoners)", "en": "Size (split at 50,000 inhabitants)"},
    "field.stedelijkheid_group": {"nl": "Stedelijkheid (1-2, 3, 4-5)", "en": "Degree of urbanisation (1-2, 3, 4-5)"},
    "field.has_youth_care_region_100k": {
        "nl": "Jeugdzorgregio met 100.000 inwoners of meer",
        "en": "Youth care region of 100,000 inhabitants or more",
    },
    "field.population_log10": {"nl": "Inwoners (log10)", "en": "Inhabitants (log10)"},
    "field.stedelijkheid_class": {"nl": "Stedelijkheidsklasse", "en": "Degree of urbanisation (class)"},
}


def field_label(column: str, language: Language = "nl") -> str:
    """The reader's label of a column in ``language``; the column name when it has none."""
    key = f"field.{column}"
    return say(key, language) if key in catalogue() else column
