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
}


def peer_method_sentence(method: dict[str, object], language: Language = "nl") -> str:
    """The method in words, from the record of ``analysis.geo.peers.method_record``."""
    language = check_language(language)
    features = [str(feature[f"label_{language}"]) for feature in method["features"]]  # type: ignore[union-attr]
    return PHRASES["peers.method"][language].format(
        k=format_number(method["k"], language=language),
        n=format_number(method["municipalities_count"], language=language),
        features=format_list(features, language=language),
    )


def peer_list_sentence(name: str, peer_names: list[str], language: Language = "nl") -> str:
    """One sentence naming the peers of ``name``, nearest first."""
    language = check_language(language)
    return PHRASES["peers.list"][language].format(name=name, peers=format_list(peer_names, language=language))
