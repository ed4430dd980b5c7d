"""Case and document variables of a QDA project, typed, as a table keyed by municipality.

REFI-QDA projects declare variables once (``<Variables><Variable name typeOfVariable/>``) and give
values on cases and sources (``<VariableValue><VariableRef targetGUID/><IntegerValue>5</...>``).
A researcher's own attributes (coalition, number of aldermen, interview round) can then be tested
beside the CBS characteristics: :func:`variables_by_municipality` returns one row per ``gm_code``
that the cross-case table joins on ``gm_code``.

Rules, stated once:

- values are typed by the variable's ``typeOfVariable``: ``Integer`` -> ``Int64``, ``Float`` ->
  ``Float64``, ``Boolean`` -> ``boolean`` (``true/false/1/0``), ``Date``/``DateTime`` ->
  ``datetime64``, ``Text`` -> ``string``; a value that does not parse is left missing and listed
  with reason :data:`BAD_VALUE`;
- a case's values win over its sources' values (the case is the municipality); values of several
  sources of one municipality are used when they agree and otherwise left missing with reason
  :data:`SOURCES_DISAGREE`;
- a case or source with no municipality is listed with reason :data:`NO_MUNICIPALITY`;
- columns are named ``qda_<variable>`` (lower case, non-alphanumerics as ``_``) so that they never
  collide with the CBS columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

import pandas as pd

from analysis.qual.archive import children, local_name, open_project
from analysis.qual.codebook import normalize_label

#: Reason codes in :attr:`VariableTable.problems`.
BAD_VALUE = "bad_value"
SOURCES_DISAGREE = "sources_disagree"
NO_MUNICIPALITY = "no_municipality"
UNKNOWN_VARIABLE = "unknown_variable"
COLUMN_PREFIX = "qda_"
LONG_COLUMNS = ["level", "owner_guid", "owner_name", "gm_code", "variable", "type", "value_text"]
PROBLEM_COLUMNS = ["level", "owner_name", "gm_code", "variable", "value_text", "reason"]
_DTYPES = {
    "Integer": "Int64", "Float": "Float64", "Boolean": "boolean",
    "Date": "datetime64[ns]", "DateTime": "datetime64[ns]", "Text": "string",
}  # fmt: skip
_SOURCE_TAGS = {"TextSource", "PDFSource", "PictureSource", "AudioSource", "VideoSource"}
_MAX_INTEGER_DIGITS = 18  # fits int64; a 5,000-digit value is a bad value, not a hang


@dataclass(frozen=True)
class VariableTable:
    """The project's variables by municipality.

    Attributes:
        by_municipality: one row per ``gm_code`` with a value, a ``gm_code`` column and one typed
            ``qda_<variable>`` column per variable.
        dictionary: one row per variable: ``variable``, ``column``, ``type``, ``levels`` (case,
            source) and ``description``.
        long: every value as read (:data:`LONG_COLUMNS`).
        problems: values not used, with a reason code (:data:`PROBLEM_COLUMNS`).
    """

    by_municipality: pd.DataFrame
    dictionary: pd.DataFrame
    long: pd.DataFrame
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROBLEM_COLUMNS))


def column_name(variable: str) -> str:
    """``qda_`` plus the folded variable name: ``"Aantal wethouders"`` -> ``qda_aantal_wethouders``."""
    return COLUMN_PREFIX + (re.sub(r"[^0-9a-z]+", "_", normalize_label(variable)).strip("_") or "variable")


def read_variables(root: Element, resolve: Callable[[str, str], str | None]) -> pd.DataFrame:
    """Every variable value on cases and sources of a REFI-QDA ``<Project>`` root, as text.

    Args:
        root: the parsed project (``analysis.qual.archive.open_project(path).root``).
        resolve: ``(guid, name) -> gm_code or None`` for a case or source (e.g. from a mapping).

    Returns:
        Columns :data:`LONG_COLUMNS`; ``variable`` is the declared name, ``type`` its
        ``typeOfVariable`` (``""`` for a reference to no declared variable).
    """
    declared: dict[str, tuple[str, str]] = {}
    for block in children(root, "Variables"):
        for variable in children(block, "Variable"):
            declared[variable.get("guid", "")] = (variable.get("name", ""), variable.get("typeOfVariable", "Text"))
    rows = []
    owners = [("case", case) for block in children(root, "Cases") for case in children(block, "Case")]
    owners += [("source", s) for block in children(root, "Sources") for s in block if local_name(s) in _SOURCE_TAGS]
    for level, owner in owners:
        guid, name = owner.get("guid", ""), owner.get("name", "")
        gm_code = resolve(guid, name) if (guid or name) else None
        for value in children(owner, "VariableValue"):
            refs = children(value, "VariableRef")
            target = refs[0].get("targetGUID", "") if refs else ""
            variable, kind = declared.get(target, (target, ""))
            text = next(("".join(v.itertext()).strip() for v in value if local_name(v).endswith("Value")), "")
            rows.append((level, guid, name, gm_code or "", variable, kind, text))
    return pd.DataFrame(rows, columns=LONG_COLUMNS)


def _typed(text: str, kind: str) -> object:
    """The value of ``text`` under ``kind``, or ``None`` when it does not parse."""
    value = text.strip()
    if kind == "Integer":
        return int(value) if re.fullmatch(rf"[+-]?\d{{1,{_MAX_INTEGER_DIGITS}}}", value) else None
    if kind == "Float":
        try:
            number = float(value)
        except ValueError:
            return None
        return number if number == number and abs(number) != float("inf") else None
    if kind == "Boolean":
        return {"true": True, "1": True, "false": False, "0": False}.get(value.casefold())
    if kind in ("Date", "DateTime"):
        stamp = pd.to_datetime(value, errors="coerce", utc=kind == "DateTime")
        if pd.isna(stamp):
            return None
        return stamp.tz_convert(None) if kind == "DateTime" else stamp
    return value


def variables_by_municipality(long: pd.DataFrame) -> VariableTable:
    """Type the values and fold them to one row per municipality (see the module rules).

    Args:
        long: from :func:`read_variables`.

    Returns:
        The table; empty frames (with their columns) when the project has no variables.
    """
    problems: list[tuple[str, str, str, str, str, str]] = []
    typed: dict[tuple[str, str], dict[str, list[object]]] = {}
    kinds: dict[str, str] = {}
    levels: dict[str, set[str]] = {}
    for row in long.itertuples(index=False):
        if not row.type:
            problems.append((row.level, row.owner_name, row.gm_code, row.variable, row.value_text, UNKNOWN_VARIABLE))
            continue
        kinds[row.variable] = row.type
        levels.setdefault(row.variable, set()).add(row.level)
        if not row.gm_code:
            problems.append((row.level, row.owner_name, "", row.variable, row.value_text, NO_MUNICIPALITY))
            continue
        value = _typed(row.value_text, row.type)
        if value is None:
            problems.append((row.level, row.owner_name, row.gm_code, row.variable, row.value_text, BAD_VALUE))
            continue
        typed.setdefault((row.gm_code, row.variable), {}).setdefault(row.level, []).append(value)
    values: dict[str, dict[str, object]] = {}
    for (gm_code, variable), by_level in sorted(typed.items()):
        for level in ("case", "source"):
            found = list(dict.fromkeys(by_level.get(level, [])))
            if len(found) == 1:
                values.setdefault(gm_code, {})[variable] = found[0]
                break
            if len(found) > 1:
                shown = "; ".join(map(str, found))
                problems.append((level, "", gm_code, variable, shown, SOURCES_DISAGREE))
                break
    columns = {variable: column_name(variable) for variable in kinds}
    wide = pd.DataFrame(
        {"gm_code": pd.Series(sorted(values), dtype="string")}
        | {
            columns[v]: pd.Series([values[g].get(v) for g in sorted(values)], dtype=_DTYPES.get(kinds[v], "string"))
            for v in kinds
        }
    )
    dictionary = pd.DataFrame(
        {
            "variable": list(kinds),
            "column": [columns[v] for v in kinds],
            "type": [kinds[v] for v in kinds],
            "levels": [", ".join(sorted(levels[v])) for v in kinds],
            "description": [f"QDA project variable {v!r} ({kinds[v]})" for v in kinds],
        }
    )
    return VariableTable(wide, dictionary, long, pd.DataFrame(problems, columns=PROBLEM_COLUMNS))


def mapping_resolver(mapping: Mapping[str, str], municipalities: Mapping[str, str]) -> Callable[[str, str], str | None]:
    """A resolver for :func:`read_variables`: the mapping (by GUID or name), a GM code or a municipality name.

    Args:
        mapping: ``source or case name or GUID -> gm_code`` (as in the case-mapping CSV).
        municipalities: ``gm_code -> name``.
    """
    keyed = {normalize_label(key): code for key, code in mapping.items()}
    names = {normalize_label(name): code for code, name in municipalities.items()}
    codes = set(municipalities)

    def resolve(guid: str, name: str) -> str | None:
        for key in (guid, name):
            if key and normalize_label(key) in keyed:
                return keyed[normalize_label(key)]
        found = re.search(r"\bGM\d{4}\b", name, re.IGNORECASE)
        if found and found.group(0).upper() in codes:
            return found.group(0).upper()
        folded = normalize_label(name)
        if folded in names:
            return names[folded]
        # "Utrecht interview 2": the longest municipality name that starts the name, followed by a
        # non-letter, so that "Bergen op Zoom ..." is not taken for "Bergen" (as the codings reader does).
        starts = [n for n in names if folded.startswith(n) and not folded[len(n) : len(n) + 1].isalnum()]
        return names[max(starts, key=len)] if starts else None

    return resolve


def load_variables(
    path: str | Path, municipalities: Mapping[str, str], mapping: Mapping[str, str] | None = None
) -> VariableTable:
    """Read a ``.qdpx``/``.qde`` safely and return its variables by municipality.

    Args:
        path: the REFI-QDA project.
        municipalities: ``gm_code -> name`` (the 388 of 2017).
        mapping: ``source or case name or GUID -> gm_code``, as in the case-mapping CSV.

    Raises:
        CodingFileError: the file cannot be read safely.
    """
    with open_project(path) as project:
        long = read_variables(project.root, mapping_resolver(mapping or {}, municipalities))
    return variables_by_municipality(long)
