"""The municipal report's new comparisons: structural peers (listed, mapped, fourth comparison),
local democracy 2010 against 2018, and the codebook named in the reader's language."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.colors import to_hex

from analysis.geo import peers as geo_peers
from analysis.narrative.peers import peer_method_sentence
from analysis.qual.codings import CodingImport
from analysis.qual.project_codebook import ProjectCodebook
from analysis.report import municipal_democracy as democracy
from analysis.report import municipal_peers
from analysis.report import municipal_sections as sections
from analysis.report import municipal_views as views
from analysis.report.blocks import FigureBlock, Paragraph, Table
from analysis.report.common import codings_origin, codings_origin_paragraph
from analysis.report.context import open_context
from analysis.viz import peer_maps, style


def page_text(blocks) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Paragraph):
            parts += [block.lead, block.text]
        elif isinstance(block, Table):
            parts += [*map(str, block.frame.columns), *map(str, block.frame.to_numpy().ravel())]
    return " ".join(p for p in parts if p)


@pytest.fixture(scope="module")
def rotterdam(built_data):
    return open_context("GM0599")


def test_peers_are_the_layers_with_the_method_from_the_record(rotterdam):
    result = municipal_peers.structural_peers(rotterdam)
    assert result.peer_codes == geo_peers.peer_codes("GM0599", rotterdam.structural_peers)
    assert len(result.peer_codes) == rotterdam.peer_method["k"] == 10
    assert result.table["peer_distance_sd"].is_monotonic_increasing
    for language in ("nl", "en"):
        blocks = municipal_peers.peers_blocks(result, language)
        text = page_text(blocks)
        assert peer_method_sentence(rotterdam.peer_method, language) in text
        assert "'s-Gravenhage" in text and "Amsterdam" in text
        assert [b.name for b in blocks if isinstance(b, FigureBlock)] == ["vergelijkbare-gemeenten"]
    assert "Structureel vergelijkbaar met Rotterdam, de meest gelijkende eerst: 's-Gravenhage" in page_text(
        municipal_peers.peers_blocks(result, "nl")
    )


def test_peer_map_draws_the_peers_in_the_similar_colour_and_names_them(rotterdam):
    codes = geo_peers.peer_codes("GM0599", rotterdam.structural_peers)
    fig = peer_maps.plot_peer_map(rotterdam.municipalities, "GM0599", codes, language="en")
    ax = fig.axes[0]
    colours = {to_hex(c) for collection in ax.collections for c in collection.get_facecolor()}
    assert {style.SIMILAR, style.MUNICIPALITY} <= colours
    names = {t.get_text() for t in ax.texts}
    expected = set(rotterdam.municipalities.set_index("gm_code").loc[codes, "gm_name"]) | {"Rotterdam"}
    assert expected <= names
    assert ax.get_title() == "Rotterdam and the 10 structurally similar municipalities"
    with pytest.raises(ValueError, match="GM9999"):
        peer_maps.plot_peer_map(rotterdam.municipalities, "GM9999", codes)


def test_key_figures_and_bijstand_have_the_structural_peers_as_fourth_comparison(rotterdam):
    result = sections.key_figures(rotterdam)
    codes = geo_peers.peer_codes("GM0599", rotterdam.structural_peers)
    by_hand = rotterdam.municipalities.set_index("gm_code").loc[codes, "population_count"].median()
    assert result.table.at["population_count", geo_peers.PEERS_MEDIAN_COLUMN] == by_hand
    frame = views.key_figure_table(result, "nl").frame
    column = "mediaan structureel vergelijkbaar (10)"
    assert frame.at[0, column] == views.format_count(by_hand, "nl")
    assert "median structurally similar (10)" in views.key_figure_table(result, "en").frame.columns
    assert sections.social_domain(rotterdam).peers["structural_peers"] == codes


def test_democracy_compares_each_group_without_the_municipality_and_leaves_missing_out():
    elections_2010 = pd.DataFrame(
        {
            "gm_code": ["A", "B", "C", "D"],
            "turnout_pct": [50.0, 60.0, None, 40.0],
            "local_parties_vote_share_pct": [10.0, 20.0, None, 30.0],
        }
    )
    councils_2018 = pd.DataFrame(
        {
            "gm_code": ["A", "B", "C", "D"],
            "local_lists_seat_share_pct": [20.0, None, 40.0, 60.0],
            "council_seats_count": [15, None, 19, 21],
            "lists_with_seats_count": [5, None, 7, 9],
        }
    )
    groups = {"same_stedelijkheid": ["A", "B", "C"], "cases": ["A", "D"], "structural_peers": ["B", "C", "D"]}
    table = democracy.compare_democracy({"elections_2010": elections_2010, "councils_2018": councils_2018}, "A", groups)
    turnout = table.loc["turnout_2010_pct"]
    assert (turnout["municipality"], turnout["same_stedelijkheid_median"], turnout["same_stedelijkheid_count"]) == (
        50.0,
        60.0,
        1,
    )  # A itself and C (no figure) left out
    assert turnout["structural_peers_median"] == 50.0 and turnout["all_median"] == 50.0
    seats = table.loc["local_seat_share_2018_pct"]
    assert (seats["structural_peers_median"], seats["structural_peers_count"]) == (50.0, 2)
    assert table.loc["lists_with_seats_2018_count", "cases_median"] == 9
    # a group whose members all lack the figure has no median, never 0
    lonely = democracy.compare_democracy(
        {"elections_2010": elections_2010, "councils_2018": councils_2018}, "A", {"cases": ["C"]}
    )
    assert math.isnan(lonely.loc["turnout_2010_pct", "cases_median"])


def test_democracy_sets_2010_votes_beside_2018_seats_and_says_the_difference(rotterdam):
    result = democracy.democracy(rotterdam)
    assert result.comparison.loc["local_seat_share_2018_pct", "municipality"] == pytest.approx(13 / 45 * 100)
    assert result.comparison.loc["local_vote_share_2010_pct", "municipality"] == pytest.approx(29.2, abs=0.05)
    assert not result.is_local_share_lower_bound
    nl = page_text(democracy.democracy_blocks(result, "nl"))
    assert "aandeel van de geldige stemmen" in nl and "aandeel van de zetels" in nl
    assert "lokale partijen 2010 (% van de geldige stemmen)" in nl and "lijsten met zetels 2018" in nl
    assert "mediaan structureel vergelijkbaar (10)" in nl and "ondergrens" not in nl
    en = page_text(democracy.democracy_blocks(result, "en"))
    assert "is therefore not a shift of voters" in en and "local lists 2018 (% of the seats)" in en


def test_a_2010_share_whose_party_columns_miss_votes_is_called_a_lower_bound(built_data):
    result = democracy.democracy(open_context("GM0637"))  # Zoetermeer: 0.3% of the valid votes in no column
    assert result.is_local_share_lower_bound
    nl = page_text(democracy.democracy_blocks(result, "nl"))
    assert "Dat aandeel is een ondergrens: 0,3% van de geldige stemmen staat in de uitslag van 2010" in nl
    en = page_text(democracy.democracy_blocks(result, "en"))
    assert "That share is a lower bound: 0.3% of the valid votes" in en


def test_a_municipality_without_a_march_2018_election_says_why(built_data):
    result = democracy.democracy(open_context("GM0018"))  # Hoogezand-Sappemeer
    text = page_text(democracy.democracy_blocks(result, "nl"))
    assert "Voor Hoogezand-Sappemeer is er geen raad gekozen op 21 maart 2018 (een herindeling" in text
    assert math.isnan(result.comparison.loc["local_seat_share_2018_pct", "municipality"])
    row = democracy.comparison_table(result, "nl").frame.iloc[2]
    assert row.iloc[0] == "lokale lijsten 2018 (% van de zetels)" and row.iloc[1] not in {"0", "0,0", "nan"}


def test_the_project_codebook_is_named_in_the_page_language(tmp_path):
    # The qual layer names a project codebook "demo.qdpx (QDA-project)" for messages, in one language.
    codebook = ProjectCodebook(version="", codes=(), path=tmp_path / "demo.qdpx")
    empty = pd.DataFrame()
    coded = CodingImport(
        accepted=empty,
        rejected=empty,
        unmatched_codes=empty,
        source=str(tmp_path / "demo.qdpx"),
        is_illustrative=False,
        n_read=0,
        codebook_version=codebook.name,
        codebook=codebook,
    )
    origin = codings_origin(coded)
    nl = codings_origin_paragraph(origin, "nl").text
    en = codings_origin_paragraph(origin, "en").text
    assert "gecontroleerd tegen het eigen codeboek van dat QDA-project." in nl
    assert "checked against that QDA project's own codebook." in en
    assert "(QDA-project)" not in nl + en
    other = codings_origin_paragraph(
        codings_origin(
            CodingImport(empty, empty, empty, str(tmp_path / "codings.csv"), False, 0, codebook.name, codebook=codebook)
        ),
        "en",
    ).text
    assert "checked against the QDA project's own codebook in demo.qdpx." in other
    plain = codings_origin(CodingImport(empty, empty, empty, "x.csv", False, 0, "codebook.yaml v1.0.0"))
    assert "gecontroleerd tegen codebook.yaml v1.0.0." in codings_origin_paragraph(plain, "nl").text
    assert Path(origin.file_name).name == "demo.qdpx"


def test_seats_of_combined_local_national_lists_are_given_apart(built_data):
    result = democracy.democracy(open_context("GM0632"))  # Woerden: Progressief Woerden (GroenLinks/PvdA)
    assert result.combined_lists_seats_2018_count == 4
    assert "Van de zetels van lokale lijsten gingen er 4 naar gecombineerde lokaal-landelijke lijsten." in (
        democracy.council_2018_sentence(result, "nl")
    )


def test_number_columns_of_the_new_tables_are_set_right(rotterdam):
    number = re.compile(r"^-?[\d.,]+%?$")
    for language in ("nl", "en"):
        tables = [
            municipal_peers.peers_table(municipal_peers.structural_peers(rotterdam), language),
            democracy.comparison_table(democracy.democracy(rotterdam), language),
        ]
        for table in tables:
            label = table.frame.columns[0]
            assert label not in table.numeric
            for column in table.frame.columns[1:]:
                if all(number.match(str(v)) for v in table.frame[column]):
                    assert column in table.numeric, (language, column)
