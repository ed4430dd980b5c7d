"""Words for the structurally similar municipalities (:mod:`analysis.geo.peers`), Dutch and English.

:func:`peer_method_sentence` states the method from the record the build wrote
(``geo.peers.load_peer_method()``), so that a report never retypes k, the characteristics or the rule
for missing values; :func:`peer_list_sentence` names a municipality's peers.
"""

from __future__ import annotations

from analysis.core.format import Language, check_language, format_list, format_number

PHRASES: dict[str, dict[str, str]] = {
    "peers.method": {
        "nl": "De {k} structureel meest vergelijkbare gemeenten zijn gekozen uit de {n} gemeenten van 2017 op "
        "{features}. Elk kenmerk is gestandaardiseerd (z-score: afwijking van het gemiddelde gedeeld door de "
        "standaardafwijking over de {n} gemeenten) en telt even zwaar; de afstand is de euclidische afstand op "
        "die z-scores. Ontbreekt een kenmerk bij een van beide gemeenten, dan telt het voor dat paar niet mee "
        "en wordt de afstand naar alle kenmerken opgeschaald.",
        "en": "The {k} structurally most similar municipalities are chosen from the {n} municipalities of 2017 on "
        "{features}. Each characteristic is standardised (z-score: deviation from the mean divided by the "
        "standard deviation over the {n} municipalities) and weighs the same; the distance is the Euclidean "
        "distance on those z-scores. A characteristic missing for either municipality is left out for that pair "
        "and the distance is scaled up to all characteristics.",
    },
    "peers.list": {
        "nl": "Structureel vergelijkbaar met {name}, de meest gelijkende eerst: {peers}.",
        "en": "Structurally similar to {name}, the most similar first: {peers}.",
    },
    "peers.median_column": {"nl": "mediaan vergelijkbare gemeenten", "en": "median of similar municipalities"},
    # the characteristics, by column (analysis.geo.peers.PEER_FEATURES)
    "peers.feature.population_count": {"nl": "inwoners (log10)", "en": "inhabitants (log10)"},
    "peers.feature.density_per_km2": {
        "nl": "inwoners per km² land (log10)",
        "en": "inhabitants per km² of land (log10)",
    },
    "peers.feature.age_0_14_pct": {"nl": "% 0 tot 15 jaar", "en": "% aged 0-14"},
    "peers.feature.age_15_24_pct": {"nl": "% 15 tot 25 jaar", "en": "% aged 15-24"},
    "peers.feature.age_65_plus_pct": {"nl": "% 65 jaar of ouder", "en": "% aged 65 or over"},
    "peers.feature.single_person_households_pct": {
        "nl": "% eenpersoonshuishoudens",
        "en": "% single-person households",
    },
    "peers.feature.households_with_children_pct": {
        "nl": "% huishoudens met kinderen",
        "en": "% households with children",
    },
    "peers.feature.western_migration_background_pct": {
        "nl": "% westerse migratieachtergrond",
        "en": "% western migration background",
    },
    "peers.feature.non_western_migration_background_pct": {
        "nl": "% niet-westerse migratieachtergrond",
        "en": "% non-western migration background",
    },
    "peers.feature.bijstand_recipients_2017_per_1000": {
        "nl": "bijstandsontvangers per 1.000 inwoners van 15 jaar of ouder (2017)",
        "en": "bijstand recipients per 1,000 inhabitants aged 15+ (2017)",
    },
}


def peer_method_sentence(method: dict[str, object], language: Language = "nl") -> str:
    """The method in words, from the record of ``analysis.geo.peers.method_record``.

    Raises:
        KeyError: a characteristic without its words (``peers.feature.<column>``).
    """
    language = check_language(language)
    features = [PHRASES[f"peers.feature.{feature['column']}"][language] for feature in method["features"]]  # type: ignore[union-attr]
    return PHRASES["peers.method"][language].format(
        k=format_number(method["k"], language=language),
        n=format_number(method["municipalities_count"], language=language),
        features=format_list(features, language=language),
    )


def peer_list_sentence(name: str, peer_names: list[str], language: Language = "nl") -> str:
    """One sentence naming the peers of ``name``, nearest first."""
    language = check_language(language)
    return PHRASES["peers.list"][language].format(name=name, peers=format_list(peer_names, language=language))
