"""The rules of the field registry: units and their name suffixes, kinds, dtypes, the naming check.

Naming rules (checked by :func:`naming_problems`):

- a column with a unit ends with that unit's suffix (:data:`UNITS`: ``_count``, ``_pct``,
  ``_share``, ``_per_km2``, ``_per_1000``, ``_km2``, ``_ha``, ...);
- a column without a unit ends with a kind suffix (:data:`KIND_SUFFIXES`: ``_code``, ``_name``,
  ``_class``, ``_reason``, ...), is a boolean named ``is_...``/``has_...``, or is ``geometry``;
  a trailing language tag (``_nl``, ``_en``) is read past;
- a column of a researcher's QDA project starts with ``qda_`` and keeps their name (:data:`FOREIGN_PREFIXES`);
- a year sits directly before the final unit or kind suffix (``turnout_2010_pct``,
  ``bijstand_2015_missing_reason``), never after it; booleans are free in this.

The registry itself is :mod:`analysis.core.fields`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """A unit of measurement, the column-name suffixes that announce it, and how it reads."""

    key: str
    suffixes: tuple[str, ...]
    text: str


UNITS: dict[str, Unit] = {
    unit.key: unit
    for unit in (
        Unit("count", ("_count",), "count"),
        Unit("percent", ("_pct",), "percent"),
        Unit("share", ("_share",), "share (0-1)"),
        Unit("per_km2", ("_per_km2",), "per km²"),
        Unit("per_1000", ("_per_1000", "_per_1000_inhabitants"), "per 1,000 inhabitants"),
        Unit("km2", ("_km2",), "km²"),
        Unit("ha", ("_ha",), "hectare"),
        Unit("log10", ("_log10",), "log10"),
        Unit("per_household", ("_per_household",), "persons per household"),
        Unit("segments", ("_segments",), "coded segments"),
        Unit("documents", ("_documents",), "coded documents"),
        # (H7) structural peers and the online StatLine tables
        Unit("rank", ("_rank",), "rank (1 = first)"),
        Unit("sd", ("_sd",), "standard deviations (z-score units)"),
        Unit("as_stated", ("_value",), "as stated in the row's unit_label"),
    )
}
#: Suffixes of columns without a unit: what kind of value they hold.
KIND_SUFFIXES: tuple[str, ...] = (
    "_code",
    "_codes",
    "_name",
    "_label",
    "_class",
    "_group",
    "_type",
    "_id",
    "_year",
    "_missing_reason",
    "_boundary_change_reason",
    "_reason",
    "_version",
    "_present",
)
#: Names that are a kind on their own.
KIND_NAMES: frozenset[str] = frozenset({"year", "geometry"})
BOOLEAN_PREFIXES: tuple[str, ...] = ("is_", "has_")
#: Prefixes of columns whose names a researcher chose (their QDA project's variables): the rest of
#: the name is theirs, so no suffix can be asked of it.
FOREIGN_PREFIXES: tuple[str, ...] = ("qda_",)
LANGUAGE_TAGS: tuple[str, ...] = ("_nl", "_en")
#: dtype families: how a column is stored (pandas/Arrow).
DTYPES: frozenset[str] = frozenset({"string", "integer", "float", "boolean", "category", "geometry"})
YEAR = re.compile(r"_(19|20)\d\d(?=_|$)")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Field:
    """One column: its name (or a name template), dtype family, unit, source and description.

    Attributes:
        name: the column name, or a template with ``{placeholders}`` for columns made per
            theme, year or region type.
        dtype: the dtype family (:data:`DTYPES`).
        unit: key of :data:`UNITS`, or ``""`` for none.
        source: where the values come from (a citation, a file, or the module that derives them).
        description: what the column holds, in English; may use the placeholders of ``name``.
        unit_text: how the unit reads in the dictionary, when more precise than the unit's text.
    """

    name: str
    dtype: str
    unit: str
    source: str
    description: str
    unit_text: str = ""

    @property
    def is_template(self) -> bool:
        """True for a name with placeholders."""
        return "{" in self.name

    def pattern(self) -> re.Pattern[str]:
        """A regular expression matching the column names this field stands for."""
        parts = PLACEHOLDER.split(self.name)
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
        return re.compile(f"^{regex}$")

    def reads(self) -> str:
        """The unit as the dictionary shows it."""
        return self.unit_text or (UNITS[self.unit].text if self.unit else "")


def naming_problems(name: str, unit: str, dtype: str) -> list[str]:
    """What is wrong with a column name under the naming rules (module docstring); empty if nothing."""
    problems: list[str] = []
    if name.startswith(FOREIGN_PREFIXES):
        return problems
    bare = PLACEHOLDER.sub("x", name)
    for tag in LANGUAGE_TAGS:
        bare = bare.removesuffix(tag)
    if unit:
        suffixes = UNITS[unit].suffixes
        if not bare.endswith(suffixes):
            problems.append(f"{name}: unit {unit!r} but the name does not end with {' or '.join(suffixes)}")
    elif dtype == "boolean":
        if not bare.startswith(BOOLEAN_PREFIXES):
            problems.append(f"{name}: a boolean starts with {' or '.join(BOOLEAN_PREFIXES)}")
    elif bare not in KIND_NAMES and not bare.endswith(KIND_SUFFIXES):
        problems.append(f"{name}: no unit, so it ends with a kind suffix ({', '.join(KIND_SUFFIXES)})")
    if dtype == "boolean":
        return problems  # a boolean has no suffix for its year to precede
    template_year = name.replace("{year}", "2000")
    for match in YEAR.finditer(template_year):
        rest = template_year[match.end() :]
        if rest not in (*(UNITS[unit].suffixes if unit else ()), *KIND_SUFFIXES):
            problems.append(f"{name}: the year goes directly before the final suffix")
    return problems
