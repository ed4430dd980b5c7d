"""The municipal report's local democracy: the section (facts) and its view (blocks in one language).

The two halves sit in one module, as in :mod:`analysis.report.common`, because they share the list
of measures. The section compares the 2010 election (a share of *votes*) and the council elected on
21 March 2018 (a share of *seats*) with the same comparison groups as the rest of the report: the
same stedelijkheid, the twenty and the structurally similar municipalities. The view says in words
why the two years do not measure the same thing, flags a 2010 share that is only a lower bound,
and says why a municipality elected no council in March 2018.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.core.format import NOT_COMPUTED, Language, format_number, format_value
from analysis.narrative import say
from analysis.report.blocks import Block, Heading, Paragraph, Table
from analysis.report.context import MunicipalContext
from analysis.report.municipal_sections import peer_codes
from analysis.report.municipal_views import figure_block, peer_group_labels
from analysis.social import councils, elections, statline
from analysis.viz import democracy_charts

#: Council elections whose votes a reader might expect but the mirror lacks.
MISSING_ELECTION_YEARS: tuple[int, ...] = (2014, 2018)
#: The measures compared with the groups: (key, source frame, column). 2010 from the election
#: layer, 2018 from the councils layer; the keys name the phrases ``municipal.democracy.measure.<key>``.
MEASURES: tuple[tuple[str, str, str], ...] = (
    ("turnout_2010_pct", "elections_2010", "turnout_pct"),
    ("local_vote_share_2010_pct", "elections_2010", "local_parties_vote_share_pct"),
    ("local_seat_share_2018_pct", "councils_2018", "local_lists_seat_share_pct"),
    ("council_seats_2018_count", "councils_2018", "council_seats_count"),
    ("lists_with_seats_2018_count", "councils_2018", "lists_with_seats_count"),
)
#: Comparison groups in the order of the table's columns (roles of ``municipal_sections.peer_codes``).
GROUP_ROLES: tuple[str, ...] = ("same_stedelijkheid", "cases", "structural_peers")
COUNCIL_2018_REASON_KEYS: dict[str, str] = {councils.MISSING_NO_ELECTION: "no_election"}
ELECTION_REASON_KEYS: dict[str, str] = {
    elections.MISSING_CHANGED: "changed",
    elections.MISSING_NOT_IN_FILE: "not_in_file",
}


# --- the section --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemocracyResult:
    """Council size, the council elected in 2018, the 2010 election, and both against the groups.

    The 2018 figures are NaN with ``council_2018_missing_reason`` (``councils.MISSING_*``) where the
    municipality held no election on 21 March 2018. ``comparison``: one row per measure of
    :data:`MEASURES` (index: its key) with ``municipality``, ``all_median`` and per role of
    :data:`GROUP_ROLES` ``<role>_median`` and ``<role>_count`` (members with a figure; the
    municipality itself never counts).
    """

    gm_code: str
    name: str
    population_count: float
    council_seats: int  #: statutory, from the population of 1 January 2017
    turnout_pct: float  #: NaN when there is no comparable 2010 result
    local_parties_vote_share_pct: float
    is_local_share_lower_bound: bool  #: the 2010 party columns miss valid votes
    votes_outside_party_columns_pct: float
    missing_reason: str  #: why the 2010 result is missing (``elections.MISSING_*``), else ""
    council_2018_seats_count: float
    local_lists_seats_2018_count: float
    local_lists_seat_share_2018_pct: float
    lists_with_seats_2018_count: float
    combined_lists_seats_2018_count: float  #: of the local lists' seats, those of combined local-national lists
    council_2018_missing_reason: str
    missing_election_years: tuple[int, ...]
    comparison: pd.DataFrame
    group_sizes: dict[str, int]
    elections_2010: pd.DataFrame
    peers: dict[str, list[str]]


def _number(value: object) -> float:
    """A float, with pandas' missing markers as NaN."""
    return float("nan") if pd.isna(value) else float(value)


def _text(value: object) -> str:
    """A string, with pandas' missing markers as ""."""
    return "" if value is None or pd.isna(value) else str(value)


def compare_democracy(frames: dict[str, pd.DataFrame], gm_code: str, groups: dict[str, list[str]]) -> pd.DataFrame:
    """Each measure of :data:`MEASURES` for the municipality, all municipalities and each group's median.

    Args:
        frames: ``elections_2010`` and ``councils_2018``, one row per municipality of 2017.
        gm_code: the municipality.
        groups: role -> codes (the roles of :data:`GROUP_ROLES`).

    Returns:
        One row per measure (see :class:`DemocracyResult`); medians leave missing values out.
    """
    rows = {}
    for key, frame_name, column in MEASURES:
        values = frames[frame_name].set_index("gm_code")[column].astype("Float64")
        row: dict[str, float] = {
            "municipality": _number(values.get(gm_code)),
            "all_median": _number(values.median()),
        }
        for role in GROUP_ROLES:
            members = values.reindex([c for c in groups.get(role, []) if c != gm_code]).dropna()
            row[f"{role}_median"] = _number(members.median()) if len(members) else float("nan")
            row[f"{role}_count"] = float(len(members))
        rows[key] = row
    return pd.DataFrame.from_dict(rows, orient="index")


def democracy(ctx: MunicipalContext) -> DemocracyResult:
    """Statutory council seats (Gemeentewet art. 8), the councils of 2018 and the election of 2010."""
    population = float(ctx.row["population_count"])
    seats = elections.statutory_council_seats(pd.Series([population])).iloc[0]
    own = ctx.elections_2010.set_index("gm_code").loc[ctx.gm_code]
    council = ctx.councils_2018.set_index("gm_code").loc[ctx.gm_code]
    groups = peer_codes(ctx)
    frames = {"elections_2010": ctx.elections_2010, "councils_2018": ctx.councils_2018}
    return DemocracyResult(
        gm_code=ctx.gm_code,
        name=ctx.name,
        population_count=population,
        council_seats=int(seats),
        turnout_pct=_number(own["turnout_pct"]),
        local_parties_vote_share_pct=_number(own["local_parties_vote_share_pct"]),
        is_local_share_lower_bound=bool(own.get("is_local_parties_vote_share_lower_bound") is True),
        votes_outside_party_columns_pct=_number(own.get("votes_outside_party_columns_pct")),
        missing_reason=_text(own.get("missing_reason")),
        council_2018_seats_count=_number(council["council_seats_count"]),
        local_lists_seats_2018_count=_number(council["local_lists_seats_count"]),
        local_lists_seat_share_2018_pct=_number(council["local_lists_seat_share_pct"]),
        lists_with_seats_2018_count=_number(council["lists_with_seats_count"]),
        combined_lists_seats_2018_count=_number(council.get("combined_local_national_seats_count")),
        council_2018_missing_reason=_text(council.get("missing_reason")),
        missing_election_years=tuple(
            year
            for year in MISSING_ELECTION_YEARS
            if isinstance(elections.load_council_election(year), statline.Unavailable)
        ),
        comparison=compare_democracy(frames, ctx.gm_code, groups),
        group_sizes={role: len([c for c in codes if c != ctx.gm_code]) for role, codes in groups.items()},
        elections_2010=ctx.elections_2010,
        peers=groups,
    )


# --- the view -----------------------------------------------------------------------------------


def _count(value: float, language: Language) -> str:
    return format_number(value, 0, language)


def _reason_words(reason: str | None, known: dict[str, str], catalogue: str, language: Language) -> str:
    """A missing-data reason in the reader's words.

    A reason listed in ``known`` is said from ``municipal.democracy.<catalogue>``; any other is
    quoted as recorded.
    """
    key = known.get(reason or "")
    if key:
        return say(f"municipal.democracy.{catalogue}.{key}", language)
    return say("municipal.democracy.reason.other", language, reason=reason or NOT_COMPUTED)


def council_2018_sentence(result: DemocracyResult, language: Language = "nl") -> str:
    """The council elected on 21 March 2018: local lists' seats, or why there was no election then."""
    if pd.isna(result.council_2018_seats_count):
        reason = _reason_words(
            result.council_2018_missing_reason, COUNCIL_2018_REASON_KEYS, "council_2018_reason", language
        )
        return say("municipal.democracy.no_council_2018", language, name=result.name, reason=reason)
    sentence = say(
        "municipal.democracy.council_2018",
        language,
        local=_count(result.local_lists_seats_2018_count, language),
        seats=_count(result.council_2018_seats_count, language),
        share=format_value(result.local_lists_seat_share_2018_pct, "%", language),
        lists=_count(result.lists_with_seats_2018_count, language),
    )
    combined = result.combined_lists_seats_2018_count
    if combined > 0:  # NaN and 0 say nothing: the rule that counts them as local is in the note below
        key = "municipal.democracy.combined_one" if combined == 1 else "municipal.democracy.combined_many"
        sentence += " " + say(key, language, combined=_count(combined, language))
    return sentence


def election_2010_sentence(result: DemocracyResult, language: Language = "nl") -> str:
    """The 2010 election in words, with the lower-bound flag, or why there is no comparable result."""
    if pd.isna(result.turnout_pct):
        reason = _reason_words(result.missing_reason, ELECTION_REASON_KEYS, "reason", language)
        return say("municipal.democracy.no_election", language, name=result.name, reason=reason)
    sentence = say(
        "municipal.democracy.election",
        language,
        name=result.name,
        turnout=format_value(result.turnout_pct, "%", language),
        local_share=format_value(result.local_parties_vote_share_pct, "%", language),
    )
    if result.is_local_share_lower_bound:
        sentence += " " + say(
            "municipal.democracy.lower_bound",
            language,
            outside=format_value(result.votes_outside_party_columns_pct, "%", language),
        )
    return sentence


def comparison_table(result: DemocracyResult, language: Language = "nl") -> Table:
    """The 2010 and 2018 measures side by side, against all municipalities and the three groups."""
    table = result.comparison
    columns = {
        result.name: "municipality",
        say("municipal.democracy.col.all", language): "all_median",
        **{
            say(f"municipal.democracy.col.{role}", language, count=result.group_sizes.get(role, 0)): f"{role}_median"
            for role in GROUP_ROLES
        },
    }
    frame = pd.DataFrame(
        {
            say("municipal.democracy.col.measure", language): [
                say(f"municipal.democracy.measure.{key}", language) for key in table.index
            ]
        }
    )
    for heading, column in columns.items():
        frame[heading] = [
            format_value(value, "%" if key.endswith("_pct") else "aantal", language)
            for key, value in zip(table.index, table[column], strict=True)
        ]
    return Table(
        frame,
        numeric=tuple(columns),
        data=table.rename_axis("measure").reset_index(),
        csv_name="democratie",
    )


def democracy_blocks(result: DemocracyResult, language: Language = "nl") -> list[Block]:
    """Council size, 2018 and 2010 in words, the difference in kind, the groups, what the copy lacks."""
    population = format_value(result.population_count, "aantal", language)
    missing = [say("municipal.democracy.missing_year", language, year=y) for y in result.missing_election_years]
    figure = democracy_charts.plot_local_democracy(
        result.elections_2010,
        result.gm_code,
        result.name,
        peer_group_labels(result.peers, language),
        group_roles=list(result.peers),
        language=language,
    )
    blocks: list[Block] = [
        Heading(say("municipal.democracy.heading", language)),
        Paragraph(say("municipal.democracy.intro", language)),
        Paragraph(
            say("municipal.democracy.seats", language, population=population, seats=result.council_seats)
            + " "
            + council_2018_sentence(result, language)
            + " "
            + election_2010_sentence(result, language)
        ),
        Paragraph(say("municipal.democracy.kind", language), lead=say("municipal.democracy.kind_lead", language)),
        comparison_table(result, language),
        Paragraph(say("municipal.democracy.table_note", language)),
    ]
    if missing:
        blocks.append(Paragraph(" ".join(missing), lead=say("municipal.unavailable_lead", language)))
    blocks.append(figure_block(figure, "democratie-2010"))
    return blocks
