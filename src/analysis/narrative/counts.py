"""Counted nouns, singular and plural, for both reports: ``1 codeur`` / ``2 codeurs``.

A phrase such as ``{coders} codeur(s)`` reads as careless in a published annex; every count that
stands before a noun goes through :func:`analysis.narrative.counted` instead.
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "count.codings.one": {"nl": "{count} codering", "en": "{count} coding"},
    "count.codings.many": {"nl": "{count} coderingen", "en": "{count} codings"},
    "count.segments.one": {"nl": "{count} fragment", "en": "{count} fragment"},
    "count.segments.many": {"nl": "{count} fragmenten", "en": "{count} fragments"},
    "count.documents.one": {"nl": "{count} document", "en": "{count} document"},
    "count.documents.many": {"nl": "{count} documenten", "en": "{count} documents"},
    "count.coders.one": {"nl": "{count} codeur", "en": "{count} coder"},
    "count.coders.many": {"nl": "{count} codeurs", "en": "{count} coders"},
    "count.municipalities.one": {"nl": "{count} gemeente", "en": "{count} municipality"},
    "count.municipalities.many": {"nl": "{count} gemeenten", "en": "{count} municipalities"},
    "count.pairs.one": {"nl": "{count} volledig paar", "en": "{count} complete pair"},
    "count.pairs.many": {"nl": "{count} volledige paren", "en": "{count} complete pairs"},
}
