"""The social domain's columns of the case table (bijstand, council elections), each documented.

``to_case_columns`` returns one row per 2017 municipality (indexed by ``gm_code``) with every
column listed in ``COLUMNS`` (unit, source, description); ``FIELDS`` gives the same as
``(name, unit, source, description)`` rows for the field registry.
"""

from __future__ import annotations

import pandas as pd

from analysis.social import elections
from analysis.social.bijstand import BIJSTAND_TABLES, NATIONAL_CODE, load_bijstand

_BIJSTAND_CITATION = "CBS, StatLine 83450NED (2015), 83747NED (2016), 84066NED (2017)"
_WIDE_VALUES = {
    "recipients_count": ("bijstand_recipients_{year}_count", "persons", "People receiving bijstand"),
    "recipients_per_1000_inhabitants": (
        "bijstand_recipients_{year}_per_1000",
        "per 1,000 inhabitants aged 15+",
        "Bijstand recipients per 1,000 inhabitants of 15 years or older (Bijstandsdichtheid)",
    ),
    "people_bijstand_and_reintegration_count": (
        "bijstand_and_reintegration_{year}_count",
        "persons",
        "People with both bijstand and a re-integratie provision",
    ),
    "missing_reason": (
        "bijstand_{year}_missing_reason",
        "text",
        "Why the year's bijstand figures are NA (boundary change, suppressed by CBS, not in table)",
    ),
    "is_remapped": (
        "is_bijstand_{year}_remapped",
        "boolean",
        "Figures summed over predecessors of a merged municipality, rates recomputed",
    ),
}

#: Bijstand columns of the case table: unit, source, description.
BIJSTAND_CASE_COLUMNS: dict[str, tuple[str, str, str]] = {
    template.format(year=year): (
        unit,
        f"{_BIJSTAND_CITATION}; {BIJSTAND_TABLES[year].table_id}",
        f"{description}, {year}, boundaries of 2017",
    )
    for year in BIJSTAND_TABLES
    for template, unit, description in _WIDE_VALUES.values()
}


def bijstand_case_columns(long_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Bijstand columns of the case table: one row per 2017 municipality, indexed by ``gm_code``.

    Args:
        long_frame: frame of ``load_bijstand``; read offline when omitted.
    """
    long_frame = load_bijstand() if long_frame is None else long_frame
    municipal = long_frame[long_frame["gm_code"] != NATIONAL_CODE]
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
        "Votes for local parties (Kiesraad's 'Lokale partijen') as share of valid votes, 2010",
    ),
    "election_2010_missing_reason": (
        "text",
        elections.CITATION,
        "Why 2010 figures are NA: merged after March 2010, or not in 2010 file (no election that day)",
    ),
    "council_seats_statutory_2018_count": (
        "seats",
        "Gemeentewet art. 8; CBS, Kadaster — Wijk- en buurtkaart 2017 (population 1 Jan 2017)",
        "Council seats prescribed for the council elected in 2018, from the population on "
        "1 January 2017 (not the seats actually held; those are not in the mirror)",
    ),
}


def election_case_columns(municipalities: pd.DataFrame, results_2010: pd.DataFrame | None = None) -> pd.DataFrame:
    """Election columns of the case table: one row per 2017 municipality, indexed by ``gm_code``.

    Args:
        municipalities: ``gm_code``, ``gm_name`` and ``population_count`` (1 January 2017).
        results_2010: frame of ``elections.parse_gr2010``; read from the mirror when omitted.
    """
    results_2010 = elections.load_council_election(2010) if results_2010 is None else results_2010
    joined = elections.join_to_2017(results_2010, municipalities).set_index("gm_code")
    wide = pd.DataFrame(index=joined.index)
    wide["electorate_2010_count"] = joined["electorate_count"]
    wide["votes_cast_2010_count"] = joined["votes_cast_count"]
    wide["turnout_2010_pct"] = joined["turnout_pct"]
    wide["local_parties_vote_share_2010_pct"] = joined["local_parties_vote_share_pct"]
    wide["election_2010_missing_reason"] = joined["missing_reason"]
    population = municipalities.set_index("gm_code")["population_count"].reindex(wide.index)
    wide["council_seats_statutory_2018_count"] = elections.statutory_council_seats(population)
    return wide[list(ELECTION_CASE_COLUMNS)]


#: Every social column of the case table: unit, source, description.
COLUMNS: dict[str, tuple[str, str, str]] = {**BIJSTAND_CASE_COLUMNS, **ELECTION_CASE_COLUMNS}
#: The same as rows ``(name, unit, source, description)``, for the field registry.
FIELDS: list[tuple[str, str, str, str]] = [(name, *doc) for name, doc in COLUMNS.items()]


def to_case_columns(
    municipalities: pd.DataFrame,
    bijstand: pd.DataFrame | None = None,
    results_2010: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every social column of the case table, one row per 2017 municipality, indexed by ``gm_code``.

    Args:
        municipalities: ``gm_code``, ``gm_name`` and ``population_count`` (1 January 2017).
        bijstand: frame of ``bijstand.load_bijstand``; read offline when omitted.
        results_2010: frame of ``elections.parse_gr2010``; read from the mirror when omitted.
    """
    parts = [bijstand_case_columns(bijstand), election_case_columns(municipalities, results_2010)]
    return parts[0].join(parts[1], how="outer")[list(COLUMNS)]
