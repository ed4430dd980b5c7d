"""The twenty ROB cases, and resolving any municipality of 2017 by code or name.

The case registry lives in ``config/cases.csv`` (``gm_code, gm_name, case_label``); it is
checked against the CBS geography so that a renamed or merged municipality cannot slip in.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import pandas as pd

from analysis.core import paths

CASES_FILE: Path = paths.CONFIG_DIR / "cases.csv"
_CODE = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)


class UnknownMunicipalityError(LookupError):
    """A code or name that is not a municipality of 1 January 2017."""


def load_municipality_names() -> pd.DataFrame:
    """Codes and names of the 388 municipalities of 1 January 2017 (``gm_code``, ``gm_name``)."""
    from analysis.geo.geography import processed_path

    return pd.read_parquet(processed_path(), columns=["gm_code", "gm_name"])


def load_cases(path: Path = CASES_FILE, municipalities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read and validate the case registry; errors name the file and the row.

    Args:
        path: the registry CSV.
        municipalities: ``gm_code``/``gm_name`` of 2017 to validate against (default: the
            processed geography).
    """
    frame = pd.read_csv(path, dtype="string", encoding="utf-8")
    required = {"gm_code", "gm_name", "case_label"}
    missing = sorted(required - set(frame.columns))
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    known = load_municipality_names() if municipalities is None else municipalities
    names = dict(zip(known["gm_code"], known["gm_name"], strict=True))
    problems = []
    for line, row in zip(range(2, len(frame) + 2), frame.itertuples(index=False), strict=True):
        if row.gm_code not in names:
            problems.append(f"{path}, line {line}: {row.gm_code} is not a municipality of 2017")
        elif names[row.gm_code] != row.gm_name:
            problems.append(
                f"{path}, line {line}: {row.gm_code} is {names[row.gm_code]!r} in CBS 2017, not {row.gm_name!r}"
            )
    for code in frame["gm_code"][frame["gm_code"].duplicated()]:
        problems.append(f"{path}: {code} is listed more than once")
    if problems:
        raise ValueError("\n".join(problems))
    return frame


def _fold(text: str) -> str:
    """Lower case, accents removed, punctuation as spaces: 'Súdwest-Fryslân' -> 'sudwest fryslan'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain.lower()).split())


def resolve_municipality(query: str, municipalities: pd.DataFrame | None = None) -> str:
    """Return the 2017 ``gm_code`` for a code (``GM0599``, ``599``) or a name (``rotterdam``).

    Raises ``UnknownMunicipalityError`` with the closest matches when nothing fits.
    """
    known = load_municipality_names() if municipalities is None else municipalities
    codes = set(known["gm_code"])
    match = _CODE.match(query.strip())
    if match:
        code = f"GM{int(match.group(1)):04d}"
        if code in codes:
            return code
    by_name = {_fold(name): code for code, name in zip(known["gm_code"], known["gm_name"], strict=True)}
    folded = _fold(query)
    if folded in by_name:
        return by_name[folded]
    candidates = difflib.get_close_matches(folded, list(by_name), n=3, cutoff=0.6)
    if match:
        candidates += difflib.get_close_matches(query.strip().upper(), sorted(codes), n=3, cutoff=0.8)
    suggestions = [
        f"{by_name.get(c, c)} {known.set_index('gm_code').at[by_name.get(c, c), 'gm_name']}" for c in candidates
    ]
    hint = f"; closest: {', '.join(dict.fromkeys(suggestions))}" if suggestions else ""
    raise UnknownMunicipalityError(f"{query!r} is not a municipality of 1 January 2017 (388 known){hint}")


def slugify(gm_code: str, gm_name: str) -> str:
    """Stable output name: ``GM0599-rotterdam``, ``GM0893-bergen-l``."""
    return f"{gm_code}-{_fold(gm_name).replace(' ', '-')}"
