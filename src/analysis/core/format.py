"""One formatter for every number a reader sees: tables, sentences, chart labels.

Dutch by default (thousands with a dot, decimals with a comma, ``18,3%``); English on request
(``1,234.5``). p-values are written so that they never round across the significance level:
0.0499 reads ``0,0499`` and 0.0547 reads ``0,055``, so a reader can always tell which side of
alpha a test fell on from the printed number alone.
"""

from __future__ import annotations

import math
from typing import Literal

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
DEFAULT_LANGUAGE: Language = "nl"

#: How a missing value reads in a table cell or a sentence.
MISSING: dict[Language, str] = {"nl": "niet beschikbaar", "en": "not available"}
#: A value that was not computed (a test that could not run): an em dash, in both languages.
NOT_COMPUTED = "—"

#: Units whose values are whole numbers however small (counts and densities).
WHOLE_NUMBER_UNITS: frozenset[str] = frozenset({"aantal", "count", "inwoners per km² land", "adressen per km²"})


def check_language(language: str) -> Language:
    """Return ``language`` if it is one the reports are written in, else raise ``ValueError``."""
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    return language  # type: ignore[return-value]


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA (without importing pandas here)."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and pd.NA compare unequal to themselves
    except TypeError:  # pd.NA raises on bool(): it is missing
        return True


def format_number(value: object, decimals: int = 0, language: Language = DEFAULT_LANGUAGE) -> str:
    """A number with grouped thousands and a fixed number of decimals, in the reader's locale.

    Missing values read as :data:`MISSING` in that language, never as zero.
    """
    if is_missing(value):
        return MISSING[language]
    text = f"{float(value):,.{decimals}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # "-0,0" helps no reader
    if language == "nl":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def format_value(value: object, unit: str, language: Language = DEFAULT_LANGUAGE) -> str:
    """A value in a table, with decimals chosen from its unit and size.

    Counts and densities are whole numbers; values of 100 or more get no decimals; shares that
    CBS publishes in whole percent stay whole ("18", not "18,0"); everything else gets one decimal.
    """
    if is_missing(value):
        return MISSING[language]
    number = float(value)
    decimals = 0 if unit in WHOLE_NUMBER_UNITS or abs(number) >= 100 else 1
    if unit.startswith("%") and number.is_integer():
        decimals = 0
    return format_number(number, decimals, language)


def format_percent(value: object, decimals: int = 1, language: Language = DEFAULT_LANGUAGE) -> str:
    """A percentage with its sign: ``18,3%`` (the value is already in percent)."""
    if is_missing(value):
        return MISSING[language]
    return f"{format_number(value, decimals, language)}%"


def format_share(share: object, decimals: int = 0, language: Language = DEFAULT_LANGUAGE) -> str:
    """A proportion between 0 and 1 as a percentage: ``0.25`` reads ``25%``."""
    if is_missing(share):
        return MISSING[language]
    return format_percent(100 * float(share), decimals, language)


def format_coefficient(value: object, digits: int = 2, language: Language = DEFAULT_LANGUAGE) -> str:
    """A statistic such as rho, kappa, consistency or an odds ratio; NaN reads as an em dash."""
    if is_missing(value) or not math.isfinite(float(value)):
        return NOT_COMPUTED
    return format_number(value, digits, language)


def format_p(p: object, alpha: float = 0.05, language: Language = DEFAULT_LANGUAGE) -> str:
    """A p-value without the ``p =``: ``0,017``, ``< 0,001``, and never rounded across ``alpha``.

    Three decimals by default; more where three would put the printed value on the other side of
    alpha than the exact one (``0.0499`` -> ``0,0499``), up to six.
    """
    if is_missing(p) or not math.isfinite(float(p)):
        return NOT_COMPUTED
    p = float(p)
    if p < 0.001:
        return f"< {format_number(0.001, 3, language)}"
    for decimals in range(3, 7):
        shown = round(p, decimals)
        if (shown < alpha) == (p < alpha):
            break
    return format_number(p, decimals, language)


def format_p_phrase(p: object, alpha: float = 0.05, language: Language = DEFAULT_LANGUAGE) -> str:
    """A p-value for a sentence: ``p = 0,017`` or ``p < 0,001``."""
    text = format_p(p, alpha, language)
    return f"p {text}" if text.startswith("<") else f"p = {text}"


def format_interval(low: object, high: object, digits: int = 2, language: Language = DEFAULT_LANGUAGE) -> str:
    """A confidence interval: ``0,12 tot 0,85`` (Dutch) or ``0.12 to 0.85`` (English)."""
    joiner = {"nl": "tot", "en": "to"}[language]
    return f"{format_coefficient(low, digits, language)} {joiner} {format_coefficient(high, digits, language)}"


def format_list(items: list[str], language: Language = DEFAULT_LANGUAGE) -> str:
    """Items in running text: ``a, b en c`` / ``a, b and c``."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    joiner = {"nl": "en", "en": "and"}[language]
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"
