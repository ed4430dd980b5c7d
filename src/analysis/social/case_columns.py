"""The social domain's columns of the case table (bijstand, council elections), each documented.

``to_case_columns`` returns one row per 2017 municipality (indexed by ``gm_code``) with every
column listed in ``COLUMNS`` (unit, source, description); ``FIELDS`` gives the same as
``(name, unit, source, description)`` rows for the field registry. Every missing value of these
columns has its reason in a ``*_missing_reason`` column of the same source and year.
"""

from __future__ import annotations

import pandas as pd

from analysis.social import councils, elections
from analysis.social.bijstand import (
    BIJSTAND_TABLES,
    MISSING_SUPPRESSED,
    NATIONAL_CODE,
    boundary_changed_codes,
    load_bijstand,
)

_BIJSTAND_CITATION = "CBS, StatLine 83450NED (2015), 83747NED (2016), 84066NED (2017)"
_REMAPPED = "; where is_bijstand_{year}_remapped, summed over the predecessors (CBS counts are rounded to tens)"
_WIDE_VALUES = {
    "recipients_count": (
        "bijstand_recipients_{year}_count",
        "persons",
        "People receiving bijstand (CBS rounds to tens)" + _REMAPPED,
    ),
    "recipients_per_1000_inhabitants": (
        "bijstand_recipients_{year}_per_1000",
        "per 1,000 inhabitants aged 15+",
        "Bijstand recipients per 1,000 inhabitants of 15 years or older (Bijstandsdichtheid) as CBS "
        "publishes it, rounded to halves; where is_bijstand_{year}_remapped recomputed from the summed "
        "counts and not rounded",
    ),
    "people_bijstand_and_reintegration_count": (
        "bijstand_and_reintegration_{year}_count",
        "persons",
        "People with both bijstand and a re-integratie provision (CBS rounds to tens)" + _REMAPPED,
    ),
    "missing_reason": (
        "bijstand_{year}_missing_reason",
        "text",
        "Why a bijstand value of the year is NA: boundary change (see bijstand_{year}_boundary_change_reason), "
        "suppressed by CBS (naming the columns when only some are), not in table",
    ),
    "boundary_change_reason": (
        "bijstand_{year}_boundary_change_reason",
        "text",
        "The boundary change between the year and 1 January 2017 found in the CBS outlines (and "
        "inhabitants 15+), for every municipality it touches; NA when none",
    ),
    "is_remapped": (
        "is_bijstand_{year}_remapped",
        "boolean",
        "Figures summed over the predecessors of a merged municipality (a clean union), rates recomputed",
    ),
}
#: Value columns of the long frame that the case table carries (their NA needs a reason).
_CASE_VALUES = ["recipients_count", "recipients_per_1000_inhabitants", "people_bijstand_and_reintegration_count"]

#: Bijstand columns of the case table: unit, source, description.
BIJSTAND_CASE_COLUMNS: dict[str, tuple[str, str, str]] = {
    template.format(year=year): (
        unit,
        f"{_BIJSTAND_CITATION}; {BIJSTAND_TABLES[year].table_id}; boundary changes from the CBS outlines "
        "map_2015/2016/2017.json of the mirror",
        f"{description.format(year=year)}, {year}, boundaries of 2017",
    )
    for year in BIJSTAND_TABLES
    for template, unit, description in _WIDE_VALUES.values()
}


def _case_missing_reason(row: pd.Series) -> object:
    """The reason for the NA values among the case table's bijstand columns (NA when there are none)."""
    if pd.isna(row["recipients_count"]):
        return row["missing_reason"]
    absent = [c for c in _CASE_VALUES if pd.isna(row[c])]
    return f"{MISSING_SUPPRESSED}: {', '.join(absent)}" if absent else pd.NA


def bijstand_case_columns(long_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Bijstand columns of the case table: one row per 2017 municipality, indexed by ``gm_code``.

    Args:
        long_frame: frame of ``load_bijstand``; read offline when omitted.
    """
    long_frame = load_bijstand() if long_frame is None else long_frame
    municipal = long_frame[long_frame["gm_code"] != NATIONAL_CODE].copy()
    municipal["missing_reason"] = pd.array(list(municipal.apply(_case_missing_reason, axis=1)), dtype="string")
    wide = pd.DataFrame(index=pd.Index(sorted(municipal["gm_code"].unique()), name="gm_code"))
    for year in BIJSTAND_TABLES:
        year_rows = municipal[municipal["year"] == year].set_index("gm_code")
        for source, (template, _, _) in _WIDE_VALUES.items():
            wide[template.format(year=year)] = year_rows[source].reindex(wide.index)
    return wide[list(BIJSTAND_CASE_COLUMNS)]


#: Election columns of the case table: unit, source, description.
ELECTION_CASE_COLUMNS: dict[str, tuple[str, str, str]] = {
    "electorate_2010_count": ("persons", elections.CITATION, "People entitled to vote, council elections 2010"),
    "votes_cast_2010_count": ("votes", elections.CITATION, "Votes cast (opkomst), council elections 2010"),
    "turnout_2010_pct": ("% of electorate", elections.CITATION, "Turnout, council elections 2010"),
    "local_parties_vote_share_2010_pct": (
        "% of valid votes",
        elections.CITATION,
        "Votes for local parties as share of valid votes, 2010. " + elections.LOCAL_RULE_2010,
    ),
    "votes_outside_party_columns_2010_pct": (
        "% of valid votes",
        elections.CITATION,
        "Valid votes in no party column of the Kiesraad file, 2010 (0 where the columns add up)",
    ),
    "is_local_parties_vote_share_2010_lower_bound": (
        "boolean",
        elections.CITATION,
        "True where the party columns hold fewer votes than the valid votes (Ermelo, Grave, Littenseradiel, "
        "Nieuwkoop, Zoetermeer): the local share is then a lower bound",
    ),
    "election_2010_missing_reason": (
        "text",
        f"{elections.CITATION}; boundary changes from CHANGES_AFTER_MARCH_2010 and the CBS outlines 2015-2017",
        f"Why 2010 figures are NA: '{elections.MISSING_NOT_IN_FILE}' (the name is absent from the file, "
        f"e.g. Weesp), or '{elections.MISSING_CHANGED}' (a reorganisation, or a boundary change found "
        "in the outlines such as Slochteren/Groningen 2017)",
    ),
    "council_seats_statutory_2018_count": (
        "seats",
        "Gemeentewet art. 8 (seats by population band) with the population of 1 January of the year "
        "before the election (art. 1(2)); CBS, Kadaster — Wijk- en buurtkaart 2017 (population 1 Jan 2017)",
        "Council seats prescribed for the council elected in 2018, computed from AANT_INW of 1 January 2017; "
        "Westervoort, Purmerend and Hendrik-Ido-Ambacht lie just under a band bound there and sit with the next "
        "band's council (council_seats_2018_count is the fact)",
    ),
}


def election_case_columns(
    municipalities: pd.DataFrame,
    results_2010: pd.DataFrame | None = None,
    boundary_changed: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Election columns of the case table: one row per 2017 municipality, indexed by ``gm_code``.

    Args:
        municipalities: ``gm_code``, ``gm_name`` and ``population_count`` (1 January 2017).
        results_2010: frame of ``elections.parse_gr2010``; read from the mirror when omitted.
        boundary_changed: codes whose boundaries changed since 2015 (``bijstand.boundary_changed_codes``).
    """
    results_2010 = elections.load_council_election(2010) if results_2010 is None else results_2010
    joined = elections.join_to_2017(results_2010, municipalities, boundary_changed=boundary_changed)
    joined = joined.set_index("gm_code")
    wide = pd.DataFrame(index=joined.index)
    wide["electorate_2010_count"] = joined["electorate_count"]
    wide["votes_cast_2010_count"] = joined["votes_cast_count"]
    wide["turnout_2010_pct"] = joined["turnout_pct"]
    wide["local_parties_vote_share_2010_pct"] = joined["local_parties_vote_share_pct"]
    wide["votes_outside_party_columns_2010_pct"] = joined["votes_outside_party_columns_pct"]
    wide["is_local_parties_vote_share_2010_lower_bound"] = joined["is_local_parties_vote_share_lower_bound"]
    wide["election_2010_missing_reason"] = joined["missing_reason"]
    population = municipalities.set_index("gm_code")["population_count"].reindex(wide.index)
    wide["council_seats_statutory_2018_count"] = elections.statutory_council_seats(population)
    return wide[list(ELECTION_CASE_COLUMNS)]


#: Columns of the councils elected on 21 March 2018: unit, source, description.
COUNCIL_2018_CASE_COLUMNS: dict[str, tuple[str, str, str]] = {
    "council_seats_2018_count": ("seats", councils.CITATION, "Seats of the council elected on 21 March 2018"),
    "local_lists_seats_2018_count": (
        "seats",
        f"{councils.CITATION}; national parties: Open State Foundation",
        "Seats of local lists, council of 2018. " + councils.LOCAL_RULE_2018,
    ),
    "local_lists_seat_share_2018_pct": (
        "% of seats",
        f"{councils.CITATION}; national parties: Open State Foundation",
        "Seats of local lists as share of all seats, council of 2018 (a share of seats, not of votes "
        "as local_parties_vote_share_2010_pct). " + councils.LOCAL_RULE_2018,
    ),
    "combined_local_national_seats_2018_count": (
        "seats",
        councils.CITATION,
        "Seats of local lists whose name holds a national party (Gemeentebelangen-VVD, Progressief Woerden "
        "(GroenLinks/PvdA)); part of local_lists_seats_2018_count",
    ),
    "regional_lists_seats_2018_count": (
        "seats",
        councils.CITATION,
        "Seats of the FNP (Frisian provincial party), counted as not local, council of 2018",
    ),
    "lists_with_seats_2018_count": (
        "lists",
        councils.CITATION,
        "Number of lists that won at least one seat (fragmentation), council of 2018",
    ),
    "council_2018_missing_reason": (
        "text",
        councils.CITATION,
        f"Why the 2018 council figures are NA: '{councils.MISSING_NO_ELECTION}' (53 municipalities, e.g. "
        "Hoogezand-Sappemeer and Súdwest-Fryslân)",
    ),
}


def council_2018_case_columns(municipalities: pd.DataFrame, councils_2018: pd.DataFrame | None = None) -> pd.DataFrame:
    """Columns of the councils of 2018: one row per 2017 municipality, indexed by ``gm_code``.

    Args:
        municipalities: ``gm_code`` of the municipalities of 1 January 2017.
        councils_2018: frame of ``councils.load_councils_2018``; read from the raw layer when omitted.
    """
    frame = councils.load_councils_2018(municipalities) if councils_2018 is None else councils_2018
    frame = frame.set_index("gm_code")
    wide = pd.DataFrame(index=frame.index)
    for column in COUNCIL_2018_CASE_COLUMNS:
        source = "missing_reason" if column.endswith("_missing_reason") else column.replace("_2018", "")
        wide[column] = frame[source]
    return wide[list(COUNCIL_2018_CASE_COLUMNS)]


#: Every social column of the case table: unit, source, description.
COLUMNS: dict[str, tuple[str, str, str]] = {
    **BIJSTAND_CASE_COLUMNS,
    **ELECTION_CASE_COLUMNS,
    **COUNCIL_2018_CASE_COLUMNS,
}
#: The same as rows ``(name, unit, source, description)``, for the field registry.
FIELDS: list[tuple[str, str, str, str]] = [(name, *doc) for name, doc in COLUMNS.items()]


def to_case_columns(
    municipalities: pd.DataFrame,
    bijstand: pd.DataFrame | None = None,
    results_2010: pd.DataFrame | None = None,
    councils_2018: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every social column of the case table, one row per 2017 municipality, indexed by ``gm_code``.

    Args:
        municipalities: ``gm_code``, ``gm_name`` and ``population_count`` (1 January 2017).
        bijstand: frame of ``bijstand.load_bijstand``; read offline when omitted.
        results_2010: frame of ``elections.parse_gr2010``; read from the mirror when omitted.
        councils_2018: frame of ``councils.load_councils_2018``; read from the raw layer when omitted.
    """
    bijstand = load_bijstand() if bijstand is None else bijstand
    parts = [
        bijstand_case_columns(bijstand),
        election_case_columns(municipalities, results_2010, boundary_changed_codes(bijstand)),
        council_2018_case_columns(municipalities, councils_2018),
    ]
    table = parts[0]
    for part in parts[1:]:
        table = table.join(part, how="outer")
    return table[list(COLUMNS)]
