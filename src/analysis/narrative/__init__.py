"""The words of the reports, Dutch and English side by side, in one place.

Each module here holds a ``PHRASES`` catalogue, ``{key: {"nl": ..., "en": ...}}``, for one part of
the reports (charts, the municipal report, the annex, the statistics). A phrase is a
``str.format`` template whose values the caller formats first (with :mod:`analysis.core.format`),
so that numbers read the same everywhere. :func:`say` looks a phrase up; a test checks that every
phrase exists in both languages with the same placeholders.

Sentences that need logic (a plural, a verdict that depends on a number) are functions in these
modules taking ``language``; they still take their wording from the catalogue.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from analysis.core.format import Language, check_language, format_number


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every phrase of every narrative module, by key; a key defined twice is an error."""
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, phrase in getattr(module, "PHRASES", {}).items():
            if key in merged:
                raise KeyError(f"phrase {key!r} is defined twice (again in {module.__name__})")
            merged[key] = phrase
    return merged


def say(key: str, language: Language = "nl", **values: object) -> str:
    """The phrase ``key`` in ``language`` with ``values`` filled in."""
    check_language(language)
    try:
        template = catalogue()[key][language]
    except KeyError:
        raise KeyError(f"no phrase {key!r} in {language!r}") from None
    return template.format(**values)


def counted(noun: str, count: int, language: Language = "nl") -> str:
    """``1 document`` / ``3 documenten``: a whole-number count with its noun (see :mod:`.counts`)."""
    number = "one" if count == 1 else "many"
    return say(f"count.{noun}.{number}", language, count=format_number(count, 0, language))
