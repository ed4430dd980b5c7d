"""Local democracy: municipal council elections of 3 March 2010 and statutory council sizes.

The mirror holds the 2010 council elections (Kiesraad, ``GR2010.csv``) per municipality name.
``join_to_2017`` attaches them to the municipalities of 2017 by name, only where the
municipality did not change between March 2010 and 1 January 2017: the reorganisations of
``CHANGES_AFTER_MARCH_2010`` and the boundary changes found in the outlines of 2015-2017
(Slochteren and Groningen, 1 January 2017). The seats of the councils of 2018 are in
``analysis.social.councils``.

Local or national, 2010 (``LOCAL_RULE_2010``): the share of local parties is the Kiesraad's own
column "Lokale partijen", the sum of all local lists. National parties and combinations of
national parties (CU/SGP, PvdA/GL, ...) have columns of their own and count as not local; so does
the FNP (Fryske Nasjonale Partij), a provincial party with a column of its own. Where the party
columns do not add up to the valid votes (Ermelo, Grave, Littenseradiel, Nieuwkoop, Zoetermeer:
some lists have no column), the share is a lower bound and flagged: the votes outside every
column may belong to local lists.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.social.statline import Unavailable
from analysis.sources import raw

SOURCE_NAME = "kiesraad-gr2010"
CITATION = "Kiesraad, Databank Verkiezingsuitslagen (gemeenteraad 3 maart 2010)"
ENCODING = "cp850"
HEADER_FIRST_FIELDS = ("Naam", "# geldige stemmen")
LOCAL_PARTIES_COLUMN = "Lokale partijen"

MISSING_CHANGED = "boundaries changed after March 2010"
MISSING_NOT_IN_FILE = "not in 2010 file"

#: The rule that decides what counts as local in 2010, written beside every local share.
LOCAL_RULE_2010 = (
    "Local = the Kiesraad's column 'Lokale partijen' (all local lists). National parties, "
    "combinations of national parties (CU/SGP, PvdA/GL) and the FNP (a Frisian provincial party "
    "with its own column) count as not local. Where the party columns hold less than the valid "
    "votes, the share is a lower bound and flagged."
)

#: Gemeentewet art. 8: council seats by population on 1 January of the year before the
#: election. Upper population bound of each band (inclusive) -> seats; above the last bound: 45.
SEAT_BANDS: tuple[tuple[int, int], ...] = (
    (3_000, 9),
    (6_000, 11),
    (10_000, 13),
    (15_000, 15),
    (20_000, 17),
    (25_000, 19),
    (30_000, 21),
    (35_000, 23),
    (40_000, 25),
    (45_000, 27),
    (50_000, 29),
    (60_000, 31),
    (70_000, 33),
    (80_000, 35),
    (100_000, 37),
    (200_000, 39),
)
MAX_SEATS = 45


@dataclass(frozen=True)
class Change:
    """A municipality of 2017 whose area changed after the elections of 3 March 2010."""

    gm_code: str
    name_2017: str
    effective: str  #: 1 January of the year(s) the change took effect
    from_2010_file: tuple[str, ...]  #: municipalities of GR2010.csv it took (wholly or partly)


#: Municipal reorganisations between 3 March 2010 and 1 January 2017 that touch a municipality
#: of 2017. Years and predecessors from the CBS list of municipal reorganisations (as known to
#: the authors; no copy in the mirror). Completeness is checked against the data rather than
#: trusted: every name of GR2010.csv that no longer exists in 2017 must appear here as taken
#: by some municipality (tests/test_elections.py), and the 2015-2017 part agrees with the CBS
#: outlines of those years (``geo.boundaries.BOUNDARY_CHANGES``). Municipalities merged on
#: 1 January 2011 held their elections in November 2010 and are absent from the file anyway.
#: Small boundary corrections between unchanged municipalities are not counted as changes.
CHANGES_AFTER_MARCH_2010: tuple[Change, ...] = (
    Change("GM1900", "Súdwest-Fryslân", "2011; 2014", ("Boarnsterhim",)),
    Change("GM1901", "Bodegraven-Reeuwijk", "2011", ()),
    Change("GM0736", "De Ronde Venen", "2011", ()),
    Change("GM0828", "Oss", "2011; 2015", ("Maasdonk",)),
    Change("GM1911", "Hollands Kroon", "2012", ("Anna Paulowna", "Niedorp", "Wieringen", "Wieringermeer")),
    Change("GM1924", "Goeree-Overflakkee", "2013", ("Dirksland", "Goedereede", "Middelharnis", "Oostflakkee")),
    Change("GM1927", "Molenwaard", "2013", ("Graafstroom", "Liesveld", "Nieuw-Lekkerland")),
    Change("GM0441", "Schagen", "2013", ("Schagen", "Harenkarspel", "Zijpe")),
    Change("GM0484", "Alphen aan den Rijn", "2014", ("Alphen aan den Rijn", "Boskoop", "Rijnwoude")),
    Change(
        "GM1940",
        "De Fryske Marren",
        "2014",
        ("Gaasterlân-Sleat", "Lemsterland", "Skarsterlân", "Boarnsterhim"),
    ),
    Change("GM0080", "Leeuwarden", "2014", ("Leeuwarden", "Boarnsterhim")),
    Change("GM0074", "Heerenveen", "2014", ("Heerenveen", "Boarnsterhim")),
    Change("GM1931", "Krimpenerwaard", "2015", ("Bergambacht", "Nederlek", "Ouderkerk", "Schoonhoven", "Vlist")),
    Change("GM1930", "Nissewaard", "2015", ("Bernisse", "Spijkenisse")),
    Change("GM0361", "Alkmaar", "2015", ("Alkmaar", "Graft-De Rijp", "Schermer")),
    Change("GM1945", "Berg en Dal", "2015", ("Groesbeek", "Millingen aan de Rijn", "Ubbergen")),
    Change("GM0796", "'s-Hertogenbosch", "2015", ("'s-Hertogenbosch", "Maasdonk")),
    Change("GM1942", "Gooise Meren", "2016", ()),
    Change("GM0457", "Weesp", "2016", ()),
    Change("GM0385", "Edam-Volendam", "2016", ("Edam-Volendam", "Zeevang")),
    Change("GM1948", "Meierijstad", "2017", ("Schijndel", "Sint-Oedenrode", "Veghel")),
)

#: Renamed without a boundary change: 2010 name -> 2017 name (Menaldumadeel became
#: Menameradiel on 1 January 2011, with a new code but the same area).
RENAMED_SINCE_2010: dict[str, str] = {"Menaldumadeel": "Menameradiel"}


class ElectionFileError(ValueError):
    """GR2010.csv does not have the structure PROVENANCE.md describes."""


def normalise_name(name: str) -> str:
    """Comparable form of a municipality name: case, accents, dots and spacing ignored.

    "Bergen (NH.)" and "Bergen (NH)" match, "het Bildt" and "Het Bildt" too.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[.,]", "", text.casefold())
    return re.sub(r"\s+", " ", text).strip()


def _percentage(text: str) -> float:
    return float(text.replace("%", "").replace(",", ".").strip())


def parse_gr2010(path: Path) -> pd.DataFrame:
    """Parse the Kiesraad CSV of the council elections of 2010 into one row per municipality.

    The per-municipality table is found by its header line (first fields "Naam" and
    "# geldige stemmen"), not by line number; it ends at the first line whose count fields are
    not numbers (the converter's notes). Any later line that holds numbers is an error.

    Returns:
        ``gm_2010_name``, ``electorate_count``, ``votes_cast_count``, ``turnout_pct`` (as
        stated), ``valid_votes_count``, ``invalid_votes_count``, ``blank_votes_count``,
        ``local_parties_votes_count``, ``party_columns_votes_count`` (all party columns together),
        ``local_parties_vote_share_pct`` (of valid votes), ``votes_outside_party_columns_pct`` and
        ``is_local_parties_vote_share_lower_bound`` (True where the party columns hold fewer votes
        than the valid votes).

    Raises:
        ElectionFileError: naming file and line when the header is missing, a name repeats, a
            row is malformed or turnout disagrees with votes cast / electorate.
    """
    lines = path.read_text(encoding=ENCODING).splitlines()
    header_at = next(
        (i for i, line in enumerate(lines) if tuple(line.split(";")[:2]) == HEADER_FIRST_FIELDS),
        None,
    )
    if header_at is None:
        raise ElectionFileError(f"{path}: no line starting with {';'.join(HEADER_FIRST_FIELDS)}")
    header = lines[header_at].split(";")
    needed = [
        "Naam",
        "# geldige stemmen",
        "# ongeldige stemmen",
        "# blanco stemmen",
        "# kiesgerechtigden",
        "Opkomst",
        "Opkomstpercentage",
        LOCAL_PARTIES_COLUMN,
    ]
    missing = [c for c in needed if c not in header]
    if missing:
        raise ElectionFileError(f"{path}, line {header_at + 1}: columns missing: {missing}")
    position = {name: header.index(name) for name in needed}
    # Every column from "Lokale partijen" on is one list (or the local lists together).
    party_positions = [i for i, name in enumerate(header) if i >= position[LOCAL_PARTIES_COLUMN] and name.strip()]
    count_fields = [c for c in needed if c not in ("Naam", "Opkomstpercentage")]
    records = []
    end = len(lines) + 1  # line number (1-based) of the first line after the table
    for number, line in enumerate(lines[header_at + 1 :], start=header_at + 2):
        fields = line.split(";")
        if len(fields) < len(header) or not all(fields[position[c]].strip().isdigit() for c in count_fields):
            end = number
            break
        record = {c: int(fields[position[c]]) for c in count_fields}
        record["Naam"] = fields[position["Naam"]].strip()
        record["Opkomstpercentage"] = _percentage(fields[position["Opkomstpercentage"]])
        record["line"] = number
        party_fields = [fields[i].strip() for i in party_positions]
        if not all(f.isdigit() or not f for f in party_fields):
            raise ElectionFileError(f"{path}, line {number}: a party column holds no count")
        record["party_votes"] = sum(int(f) for f in party_fields if f)
        records.append(record)
    for number, line in enumerate(lines[end - 1 :], start=end):
        if any(field.strip().isdigit() for field in line.split(";")[1:]):
            raise ElectionFileError(f"{path}, line {number}: numbers after the end of the table")
    if not records:
        raise ElectionFileError(f"{path}: no municipality rows after line {header_at + 1}")
    raw = pd.DataFrame(records)
    duplicated = raw["Naam"].duplicated()
    if duplicated.any():
        row = raw[duplicated].iloc[0]
        raise ElectionFileError(f"{path}, line {row['line']}: {row['Naam']!r} appears twice")
    computed = raw["Opkomst"] / raw["# kiesgerechtigden"] * 100
    off = (computed - raw["Opkomstpercentage"]).abs() > 0.006
    if off.any():
        row = raw[off].iloc[0]
        raise ElectionFileError(f"{path}, line {row['line']}: turnout disagrees with its counts")
    result = pd.DataFrame(
        {
            "gm_2010_name": raw["Naam"].astype("string"),
            "electorate_count": raw["# kiesgerechtigden"],
            "votes_cast_count": raw["Opkomst"],
            "turnout_pct": raw["Opkomstpercentage"],
            "valid_votes_count": raw["# geldige stemmen"],
            "invalid_votes_count": raw["# ongeldige stemmen"],
            "blank_votes_count": raw["# blanco stemmen"],
            "local_parties_votes_count": raw[LOCAL_PARTIES_COLUMN],
            "party_columns_votes_count": raw["party_votes"],
        }
    )
    valid = result["valid_votes_count"]
    result["local_parties_vote_share_pct"] = result["local_parties_votes_count"] / valid * 100
    result["votes_outside_party_columns_pct"] = (valid - result["party_columns_votes_count"]) / valid * 100
    # Votes in no column may be local: the local share is then only a lower bound.
    result["is_local_parties_vote_share_lower_bound"] = result["votes_outside_party_columns_pct"] > 0
    counts = [c for c in result.columns if c.endswith("_count")]
    return result.astype(
        {c: "Int64" for c in counts}
        | {
            "turnout_pct": "Float64",
            "local_parties_vote_share_pct": "Float64",
            "votes_outside_party_columns_pct": "Float64",
        }
    )


VALUE_COLUMNS = [
    "electorate_count",
    "votes_cast_count",
    "turnout_pct",
    "valid_votes_count",
    "local_parties_votes_count",
    "local_parties_vote_share_pct",
    "votes_outside_party_columns_pct",
    "is_local_parties_vote_share_lower_bound",
]


def join_to_2017(
    results_2010: pd.DataFrame,
    municipalities_2017: pd.DataFrame,
    changes: tuple[Change, ...] = CHANGES_AFTER_MARCH_2010,
    boundary_changed: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Attach 2010 results to the municipalities of 2017 where the municipality is unchanged.

    Args:
        results_2010: frame of ``parse_gr2010``.
        municipalities_2017: ``gm_code`` and ``gm_name`` of the municipalities of 2017.
        changes: municipalities reorganised after March 2010; they get NA even when a
            predecessor had their name.
        boundary_changed: further 2017 codes whose boundaries changed after 2015 (found in the
            outlines, ``bijstand.boundary_changed_codes``) -> the change; also NA.

    Returns:
        One row per 2017 municipality: ``gm_code``, ``election_year`` (2010), ``gm_2010_name``
        and ``VALUE_COLUMNS``, or NA with ``missing_reason``: "boundaries changed after March
        2010" for a changed municipality that is in the file or whose predecessors are
        (Krimpenerwaard), else "not in 2010 file" (nothing of it in the file: Weesp).
    """
    changed = {c.gm_code for c in changes} | set(boundary_changed or {})
    renamed = {normalise_name(new): normalise_name(old) for old, new in RENAMED_SINCE_2010.items()}
    by_name = results_2010.assign(key=results_2010["gm_2010_name"].map(normalise_name))
    if by_name["key"].duplicated().any():
        raise ElectionFileError("two 2010 names normalise to the same key")
    base = municipalities_2017[["gm_code", "gm_name"]].copy()
    key = base["gm_name"].map(normalise_name)
    base["key"] = key.map(lambda k: renamed.get(k, k))
    joined = base.merge(by_name, on="key", how="left", validate="1:1")
    # A reorganised municipality whose predecessors voted (Krimpenerwaard) has no single figure
    # because of the change; one of which nothing is in the file (Weesp) lacks it for that reason.
    took_from_file = {c.gm_code for c in changes if c.from_2010_file}
    absent = joined["electorate_count"].isna()
    is_changed = joined["gm_code"].isin(changed) & (~absent | joined["gm_code"].isin(took_from_file))
    joined.loc[is_changed, ["gm_2010_name", *VALUE_COLUMNS]] = pd.NA
    joined["missing_reason"] = pd.array([pd.NA] * len(joined), dtype="string")
    joined.loc[absent & ~is_changed, "missing_reason"] = MISSING_NOT_IN_FILE
    joined.loc[is_changed, "missing_reason"] = MISSING_CHANGED
    joined.insert(1, "election_year", pd.array([2010] * len(joined), dtype="Int64"))
    return joined[["gm_code", "election_year", "gm_2010_name", *VALUE_COLUMNS, "missing_reason"]]


def load_council_election(year: int) -> pd.DataFrame | Unavailable:
    """Council election results per municipality (names as at the election) for ``year``.

    Only 2010 is in the mirror. For 2014 and 2018 an ``Unavailable`` is returned with the
    sentence to show; the Kiesraad publishes those results at
    https://www.verkiezingsuitslagen.nl and https://data.overheid.nl (dataset
    "databank-verkiezingsuitslagen--kiesraad"), which a future source entry could mirror.
    """
    if year == 2010:
        return parse_gr2010(raw.raw_file(SOURCE_NAME, "GR2010.csv"))
    return Unavailable(
        table_id=f"GR{year}",
        sentence=(f"De uitslagen van de gemeenteraadsverkiezingen {year} zijn niet in de lokale kopie beschikbaar."),
        reason="only the 2010 council elections are in the mirror",
    )


def statutory_council_seats(population_count: pd.Series) -> pd.Series:
    """Council seats the Gemeentewet (art. 8) prescribes for a population; NA stays NA.

    For the council elected in March 2018 use the population of 1 January 2017.
    """
    bounds = [bound for bound, _ in SEAT_BANDS]
    seats = [s for _, s in SEAT_BANDS] + [MAX_SEATS]

    def seats_for(population: object) -> object:
        if pd.isna(population):
            return pd.NA
        if population < 0:
            raise ValueError(f"negative population {population}")
        return seats[bisect.bisect_left(bounds, population)]

    return population_count.map(seats_for).astype("Int64")
