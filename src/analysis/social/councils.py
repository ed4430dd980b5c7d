"""The councils elected on 21 March 2018: seats, the seats of local lists, fragmentation.

The Kiesraad's seat distribution (``Zetelverdeling_alle_gemeenten_GR20180321.csv``, source
``kiesraad-gr2018-zetels``) has one row per municipality and list; a list that won no seat has an
empty seat field (0, not missing). 335 municipalities voted that day; the other 53 of 1 January
2017 did not, because a reorganisation moved their election (Hoogezand-Sappemeer and
Súdwest-Fryslân among the twenty): ``join_to_2017`` gives them ``missing_reason``.

Local or national (``LOCAL_RULE_2018``, written beside every figure). The file does not classify
lists; the national parties are the 15 with national representation in the list of Open State
Foundation (``landelijke_partijen_openstate.csv``: full names and abbreviations).

1. A bracketed part is left out when deciding (Kiesraad names carry an abbreviation in brackets:
   ``Partij van de Arbeid (P.v.d.A.)``).
2. A list is **national** when its name is a national party, or when it combines only national
   parties, split at ``/``, ``-``, ``+``, ``,``, ``&`` or `` en `` (``CDA/ChristenUnie``,
   ``PvdA-GROENLINKS``, ``VVD en D66``).
3. The **FNP** (Fryske Nasjonale Partij) is a provincial party: not local, as in the Kiesraad's
   2010 columns (it is counted apart, in ``regional_lists_seats_count``).
4. Every other list is **local**, including a local list combined with a national party's branch
   (``Gemeentebelangen-VVD``) and a local name with national supporters in brackets
   (``Progressief Woerden (GroenLinks/PvdA)``): those stand under a name or combination of their
   own; so is a local branch under a name of its own (``DENK Verenigd Arnhem``). Seats of local
   lists whose name holds a national party's name or abbreviation (as a part or a word) are also
   counted apart (``combined_local_national_seats_count``), so that a reader can apply a
   stricter rule.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pandas as pd

from analysis.sources import raw

SOURCE_NAME = "kiesraad-gr2018-zetels"
SEATS_FILE = "Zetelverdeling_alle_gemeenten_GR20180321.csv"
NATIONAL_PARTIES_FILE = "landelijke_partijen_openstate.csv"
CITATION = "Kiesraad, Databank Verkiezingsuitslagen (gemeenteraad 21 maart 2018)"
ELECTION_DATE = "2018-03-21"
SEAT_COLUMNS = ("RegioNaam", "RegioCode", "Partij", "AantalZetels")

#: Spellings of national parties in the Kiesraad file that the Open State list writes otherwise.
NATIONAL_ALIASES: frozenset[str] = frozenset({"50plus"})
#: Provincial parties: neither local nor national (rule 3).
REGIONAL_PARTIES: frozenset[str] = frozenset({"fnp", "fryskenasjonalepartij"})
_SEPARATORS = re.compile(r"[/\-+,&]| en ", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^)]*\)?")

MISSING_NO_ELECTION = "no council election on 21 March 2018 (reorganisation moved the election)"

LOCAL_RULE_2018 = (
    "Local = every list that is not a national party (the 15 with national representation, Open "
    "State Foundation) nor a combination of national parties only, and not the FNP (provincial). "
    "Local lists joined with a national party's branch (Gemeentebelangen-VVD, Progressief Woerden "
    "(GroenLinks/PvdA)) count as local; their seats are also given apart."
)


class CouncilFileError(ValueError):
    """A file of the 2018 seat distribution breaks the format its PROVENANCE.md describes."""


def party_key(name: str) -> str:
    """Comparable form of a party name: accents, case, dots and spaces ignored ("P.v.d.A." -> "pvda")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9+]", "", plain.casefold())


def read_national_parties(path: Path) -> frozenset[str]:
    """Keys (``party_key``) of the national parties' full names and abbreviations, plus the aliases.

    Raises:
        CouncilFileError: naming the file when the columns ``name`` and ``abbreviation`` are missing.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows or not {"name", "abbreviation"} <= set(rows[0]):
        raise CouncilFileError(f"{path}: expected the columns name, abbreviation")
    return frozenset({party_key(r[c]) for r in rows for c in ("name", "abbreviation") if r[c]}) | NATIONAL_ALIASES


def classify_list(name: str, national: frozenset[str]) -> str:
    """Classify a list name as "national", "regional" or "local" (the rule of the module docstring)."""
    outside = _BRACKETS.sub(" ", name)
    key = party_key(outside)
    if key in REGIONAL_PARTIES:
        return "regional"
    if key in national:
        return "national"
    parts = [party_key(p) for p in _SEPARATORS.split(outside)]
    parts = [p for p in parts if p]
    return "national" if parts and all(p in national for p in parts) else "local"


def names_a_national_party(name: str, national: frozenset[str]) -> bool:
    """Whether a part or a word of the name, brackets included, is a national party.

    ``D66-Hart voor Asten`` (part), ``DENK Verenigd Arnhem`` (word), ``Groen Drimmelen (VP/D66)``.
    """
    parts = [*re.split(r"[/\-+,()&]| en ", name), *name.split()]
    return any(party_key(p) in national for p in parts if party_key(p))


def parse_seats(path: Path) -> pd.DataFrame:
    """Read the Kiesraad seat file: one row per municipality and list.

    Returns:
        ``gm_code`` (``G0599`` -> ``GM0599``), ``gm_2018_name``, ``list_name``, ``seats_count``
        (Int64; an empty field is 0: the list won no seat).

    Raises:
        CouncilFileError: naming file and line for a missing column, a malformed code or seat
            count, or a list that appears twice in one municipality.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        missing = [c for c in SEAT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CouncilFileError(f"{path}, line 1: columns missing: {missing}")
        records = []
        for number, row in enumerate(reader, start=2):
            code, seats = (row["RegioCode"] or "").strip(), (row["AantalZetels"] or "").strip()
            if not re.fullmatch(r"G\d{4}", code):
                raise CouncilFileError(f"{path}, line {number}: RegioCode {code!r} is not G + four digits")
            if seats and not seats.isdigit():
                raise CouncilFileError(f"{path}, line {number}: AantalZetels {seats!r} is not a number")
            name = (row["Partij"] or "").strip()
            if not name:
                raise CouncilFileError(f"{path}, line {number}: no list name")
            records.append((f"GM{code[1:]}", row["RegioNaam"].strip(), name, int(seats or 0), number))
    frame = pd.DataFrame(records, columns=["gm_code", "gm_2018_name", "list_name", "seats_count", "line"])
    twice = frame.duplicated(["gm_code", "list_name"])
    if twice.any():
        row = frame[twice].iloc[0]
        raise CouncilFileError(f"{path}, line {row['line']}: {row['list_name']!r} appears twice in {row['gm_code']}")
    frame = frame.drop(columns="line")
    return frame.astype({"gm_code": "string", "gm_2018_name": "string", "list_name": "string", "seats_count": "Int64"})


def summarise_councils(seats: pd.DataFrame, national: frozenset[str]) -> pd.DataFrame:
    """Per municipality: council size, seats and share of local lists, lists with seats.

    Args:
        seats: frame of ``parse_seats``.
        national: keys of ``read_national_parties``.

    Returns:
        One row per ``gm_code``: ``gm_2018_name``, ``council_seats_count``,
        ``local_lists_seats_count``, ``local_lists_seat_share_pct``,
        ``combined_local_national_seats_count`` (local lists naming a national party; part of
        the local seats), ``regional_lists_seats_count`` (FNP), ``lists_with_seats_count``.
    """
    kinds = seats["list_name"].map(lambda n: classify_list(n, national))
    combined = (kinds == "local") & seats["list_name"].map(lambda n: names_a_national_party(n, national))
    frame = seats.assign(
        local=seats["seats_count"].where(kinds == "local", 0),
        regional=seats["seats_count"].where(kinds == "regional", 0),
        combined=seats["seats_count"].where(combined, 0),
        has_seat=seats["seats_count"] > 0,
    )
    grouped = frame.groupby("gm_code", sort=True)
    result = pd.DataFrame(
        {
            "gm_2018_name": grouped["gm_2018_name"].first(),
            "council_seats_count": grouped["seats_count"].sum(),
            "local_lists_seats_count": grouped["local"].sum(),
            "combined_local_national_seats_count": grouped["combined"].sum(),
            "regional_lists_seats_count": grouped["regional"].sum(),
            "lists_with_seats_count": grouped["has_seat"].sum(),
        }
    )
    result["local_lists_seat_share_pct"] = result["local_lists_seats_count"] / result["council_seats_count"] * 100
    counts = [c for c in result.columns if c.endswith("_count")]
    return result.astype({c: "Int64" for c in counts} | {"local_lists_seat_share_pct": "Float64"}).reset_index()


VALUE_COLUMNS = [
    "council_seats_count",
    "local_lists_seats_count",
    "local_lists_seat_share_pct",
    "combined_local_national_seats_count",
    "regional_lists_seats_count",
    "lists_with_seats_count",
]


def join_to_2017(councils: pd.DataFrame, municipalities_2017: pd.DataFrame) -> pd.DataFrame:
    """The councils of 2018 on the municipalities of 2017, by code; absent ones with their reason.

    Args:
        councils: frame of ``summarise_councils``.
        municipalities_2017: ``gm_code`` of the municipalities of 1 January 2017.

    Returns:
        One row per 2017 municipality: ``gm_code``, ``gm_2018_name`` and ``VALUE_COLUMNS``, NA
        with ``missing_reason`` where no council was elected on 21 March 2018.

    Raises:
        CouncilFileError: when a code of the seat file is not a municipality of 2017.
    """
    unknown = sorted(set(councils["gm_code"]) - set(municipalities_2017["gm_code"]))
    if unknown:
        raise CouncilFileError(f"{SEATS_FILE}: codes not among the municipalities of 2017: {unknown[:5]}")
    joined = municipalities_2017[["gm_code"]].merge(councils, on="gm_code", how="left", validate="1:1")
    joined["missing_reason"] = pd.array(
        [MISSING_NO_ELECTION if pd.isna(s) else pd.NA for s in joined["council_seats_count"]], dtype="string"
    )
    return joined[["gm_code", "gm_2018_name", *VALUE_COLUMNS, "missing_reason"]]


def load_councils_2018(municipalities_2017: pd.DataFrame) -> pd.DataFrame:
    """The councils of 21 March 2018 per municipality of 2017, from the raw layer (see ``join_to_2017``)."""
    national = read_national_parties(raw.raw_file(SOURCE_NAME, NATIONAL_PARTIES_FILE))
    councils = summarise_councils(parse_seats(raw.raw_file(SOURCE_NAME, SEATS_FILE)), national)
    return join_to_2017(councils, municipalities_2017)
