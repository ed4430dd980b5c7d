from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.social import case_columns
from analysis.social import elections as el

pytestmark = pytest.mark.usefixtures("module_data_root")


HEADER = (
    "Naam;# geldige stemmen;# ongeldige stemmen;# blanco stemmen;Percentage blanco stemmen;"
    "# kiesgerechtigden;Opkomst;Opkomstpercentage;Lokale partijen;PvdA;VVD;;"
)


def _file(
    path: Path, national_lines: int = 3, trailer: str = "This file is created with a converter ;;;;;;;;;;;;"
) -> Path:
    lines = ["Verkiezingsuitslagen Gemeenteraad  2010 - Nederland;;;;;;;;;;;;"]
    lines += [f"# geldige stemmen;{i};;;;;;;;;;;" for i in range(national_lines)]
    lines += [
        "Opkomstpercentage;54,13 %;;;;;;;;;;;",
        ";;;;;;;;;;;;",
        "Partij;# Stemmen;Percentage;# Zetels;;;;;;;;;",
        "Lokale partijen;1559658;23,70 %;2277;;;;;;;;;",
        ";;;;;;;;;;;;",
        HEADER,
        "Gaasterlân-Sleat;4831;8;22;0,46 %;8014;4861;60,66 %;0;743;897;;",
        "Zwolle;50026;94;102;0,20 %;92479;50222;54,31 %;6835;8259;7647;;",
        "Bergen (NH);14319;25;21;0,15 %;25001;14365;57,46 %;3670;1511;3126;;",
        "Menaldumadeel;6308;10;10;0,16 %;10525;6328;60,12 %;1826;1158;687;;",
        "Schoonhoven;6000;10;10;0,16 %;10000;6020;60,20 %;1000;1158;687;;",
        trailer,
        "as well as expose the user to other legal recourse.;;;;;;;;;;;;",
    ]
    path.write_bytes("\r\n".join(lines).encode("cp850"))
    return path


def test_parse_finds_the_table_by_its_header_and_stops_at_the_trailer(tmp_path: Path) -> None:
    short = el.parse_gr2010(_file(tmp_path / "a.csv", national_lines=1))
    long = el.parse_gr2010(_file(tmp_path / "b.csv", national_lines=9))
    pd.testing.assert_frame_equal(short, long)
    assert list(short["gm_2010_name"]) == [
        "Gaasterlân-Sleat",
        "Zwolle",
        "Bergen (NH)",
        "Menaldumadeel",
        "Schoonhoven",
    ]
    zwolle = short.set_index("gm_2010_name").loc["Zwolle"]
    assert zwolle["turnout_pct"] == 54.31 and zwolle["electorate_count"] == 92479
    assert zwolle["votes_cast_count"] == 50222 and zwolle["valid_votes_count"] == 50026
    assert zwolle["local_parties_vote_share_pct"] == pytest.approx(6835 / 50026 * 100)
    assert short["electorate_count"].dtype == "Int64"


def test_parse_rejects_numbers_after_the_table_and_wrong_turnout(tmp_path: Path) -> None:
    with pytest.raises(el.ElectionFileError, match="numbers after the end"):
        el.parse_gr2010(_file(tmp_path / "a.csv", trailer="Totaal;;;;;12;;;;;;;"))
    path = _file(tmp_path / "b.csv")
    path.write_bytes(path.read_bytes().replace(b"54,31 %", b"55,31 %"))
    with pytest.raises(el.ElectionFileError, match="line 1[0-9]: turnout disagrees"):
        el.parse_gr2010(path)


def test_join_only_unchanged_municipalities(tmp_path: Path) -> None:
    results = el.parse_gr2010(_file(tmp_path / "a.csv"))
    municipalities = pd.DataFrame(
        {
            "gm_code": ["GM0193", "GM0373", "GM1908", "GM1931", "GM1940", "GM0457"],
            "gm_name": [
                "Zwolle",
                "Bergen (NH.)",
                "Menameradiel",
                "Krimpenerwaard",
                "De Fryske Marren",
                "Weesp",
            ],
        }
    )
    joined = el.join_to_2017(results, municipalities).set_index("gm_code")
    assert len(joined) == 6 and (joined["election_year"] == 2010).all()
    assert joined.at["GM0193", "turnout_pct"] == 54.31
    assert joined.at["GM0373", "gm_2010_name"] == "Bergen (NH)"
    assert joined.at["GM1908", "gm_2010_name"] == "Menaldumadeel"
    assert joined.at["GM1931", "missing_reason"] == el.MISSING_CHANGED
    assert joined.at["GM1940", "missing_reason"] == el.MISSING_CHANGED
    assert pd.isna(joined.at["GM1940", "turnout_pct"])  # not Gaasterlân-Sleat's figure
    # Weesp is absent from the file: that is the reason, not a merger (issue 14)
    assert joined.at["GM0457", "missing_reason"] == el.MISSING_NOT_IN_FILE
    assert joined["missing_reason"].isna().sum() == 3
    # a boundary change found in the outlines (Slochteren/Groningen 2017) also parts 2010 from 2017
    changed = el.join_to_2017(results, municipalities, boundary_changed={"GM0193": "received part of GM0000"})
    assert changed.set_index("gm_code").at["GM0193", "missing_reason"] == el.MISSING_CHANGED
    assert pd.isna(changed.set_index("gm_code").at["GM0193", "turnout_pct"])


def test_local_share_flagged_where_party_columns_miss_valid_votes(tmp_path: Path) -> None:
    path = _file(tmp_path / "a.csv")
    text = path.read_bytes().decode("cp850")
    # Zwolle's columns now add up to its valid votes; the other rows keep votes outside every column.
    text = text.replace(
        "Zwolle;50026;94;102;0,20 %;92479;50222;54,31 %;6835;8259;7647;;",
        "Zwolle;50026;94;102;0,20 %;92479;50222;54,31 %;6835;8259;34932;;",
    )
    path.write_bytes(text.encode("cp850"))
    results = el.parse_gr2010(path).set_index("gm_2010_name")
    assert results.at["Zwolle", "votes_outside_party_columns_pct"] == 0
    assert not results.at["Zwolle", "is_local_parties_vote_share_lower_bound"]
    gaasterland = results.loc["Gaasterlân-Sleat"]
    assert gaasterland["votes_outside_party_columns_pct"] == pytest.approx((4831 - 743 - 897) / 4831 * 100)
    assert gaasterland["is_local_parties_vote_share_lower_bound"]
    assert "FNP" in el.LOCAL_RULE_2010


def test_normalise_name() -> None:
    assert el.normalise_name("Bergen (NH.)") == el.normalise_name("bergen  (NH)")
    assert el.normalise_name("Nuenen. Gerwen en Nederwetten") == el.normalise_name("Nuenen, Gerwen en Nederwetten")
    assert el.normalise_name("Súdwest-Fryslân") == "sudwest-fryslan"


def test_statutory_seats_follow_the_bands() -> None:
    population = pd.Series([0, 3000, 3001, 6000, 6001, 100_000, 100_001, 200_000, 200_001, None])
    seats = el.statutory_council_seats(population)
    assert seats.tolist()[:-1] == [9, 9, 11, 11, 13, 37, 39, 39, 45]
    assert pd.isna(seats.iloc[-1]) and seats.dtype == "Int64"


def test_later_elections_are_unavailable_not_zero() -> None:
    for year in (2014, 2018):
        result = el.load_council_election(year)
        assert isinstance(result, el.Unavailable) and not result
        assert result.sentence.startswith(
            f"De uitslagen van de gemeenteraadsverkiezingen {year} zijn niet in de lokale kopie beschikbaar"
        )


# --- real mirror ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def results(mirror: Path) -> pd.DataFrame:
    return el.load_council_election(2010)


@pytest.fixture(scope="module")
def municipalities(mirror: Path) -> pd.DataFrame:
    from analysis.geo import regions

    memberships = regions.load_memberships()
    return memberships[["gm_code", "gm_name"]]


def test_real_file_totals(results: pd.DataFrame) -> None:
    assert len(results) == 393 and results["gm_2010_name"].is_unique
    assert results["electorate_count"].sum() == 12_216_546
    assert results["votes_cast_count"].sum() == 6_613_134
    assert results["local_parties_votes_count"].sum() == 1_559_658
    zwolle = results.set_index("gm_2010_name").loc["Zwolle"]
    assert zwolle["turnout_pct"] == 54.31
    assert "Gaasterlân-Sleat" in set(results["gm_2010_name"])  # code page 850 decoded


def test_real_join_covers_388_and_marks_mergers(results: pd.DataFrame, municipalities: pd.DataFrame) -> None:
    joined = el.join_to_2017(results, municipalities)
    assert len(joined) == 388 and joined["gm_code"].is_unique
    indexed = joined.set_index("gm_code")
    assert indexed.at["GM0193", "turnout_pct"] == 54.31
    assert indexed.at["GM1931", "missing_reason"] == el.MISSING_CHANGED
    assert pd.isna(indexed.at["GM1931", "turnout_pct"])
    assert indexed.at["GM0599", "electorate_count"] == 472070
    assert set(joined["missing_reason"].dropna()) == {el.MISSING_CHANGED, el.MISSING_NOT_IN_FILE}
    assert indexed.at["GM0457", "missing_reason"] == el.MISSING_NOT_IN_FILE  # Weesp: absent, not merged
    flagged = joined[joined["is_local_parties_vote_share_lower_bound"].fillna(False).astype(bool)]
    assert sorted(flagged["gm_2010_name"]) == ["Ermelo", "Grave", "Littenseradiel", "Nieuwkoop", "Zoetermeer"]
    littenseradiel = flagged.set_index("gm_2010_name").loc["Littenseradiel"]
    assert littenseradiel["votes_outside_party_columns_pct"] == pytest.approx(30.0, abs=0.5)
    # every row has either figures or a reason
    assert (joined["turnout_pct"].notna() ^ joined["missing_reason"].notna()).all()


def test_real_every_vanished_2010_name_is_accounted_for(results: pd.DataFrame, municipalities: pd.DataFrame) -> None:
    names_2017 = {el.normalise_name(n) for n in municipalities["gm_name"]}
    names_2017 |= {el.normalise_name(old) for old in el.RENAMED_SINCE_2010}
    vanished = {n for n in results["gm_2010_name"] if el.normalise_name(n) not in names_2017}
    taken = {name for change in el.CHANGES_AFTER_MARCH_2010 for name in change.from_2010_file}
    assert vanished and vanished <= taken, sorted(vanished - taken)
    codes = set(municipalities["gm_code"])
    assert {c.gm_code for c in el.CHANGES_AFTER_MARCH_2010} <= codes
    names = municipalities.set_index("gm_code")["gm_name"]
    assert all(names[c.gm_code] == c.name_2017 for c in el.CHANGES_AFTER_MARCH_2010)


def test_real_case_columns(results: pd.DataFrame, municipalities: pd.DataFrame) -> None:
    population = municipalities.assign(population_count=250_000)
    population.loc[population["gm_code"] == "GM0193", "population_count"] = 126_116
    case = case_columns.election_case_columns(population, results)
    assert len(case) == 388 and case.index.is_unique and list(case.columns) == list(case_columns.ELECTION_CASE_COLUMNS)
    assert case.at["GM0193", "turnout_2010_pct"] == 54.31
    assert case.at["GM0193", "council_seats_statutory_2018_count"] == 39
    assert case.at["GM1931", "election_2010_missing_reason"] == el.MISSING_CHANGED


def test_real_slochteren_and_groningen_2010_not_shown_on_2017_boundaries(
    results: pd.DataFrame, municipalities: pd.DataFrame, mirror: Path
) -> None:
    from analysis.social import bijstand

    changed = bijstand.boundary_changed_codes(bijstand.load_bijstand())
    joined = el.join_to_2017(results, municipalities, boundary_changed=changed).set_index("gm_code")
    for code in ("GM0040", "GM0014"):  # Slochteren, Groningen: corrected on 1 January 2017
        assert joined.at[code, "missing_reason"] == el.MISSING_CHANGED and pd.isna(joined.at[code, "turnout_pct"])


def test_real_democracy_chart_notes_missing_figures(results: pd.DataFrame, municipalities: pd.DataFrame) -> None:
    from analysis.viz import democracy_charts

    joined = el.join_to_2017(results, municipalities)
    figure = democracy_charts.plot_local_democracy(
        joined, "GM1931", "Krimpenerwaard", {"de twintig": ["GM0193", "GM0599", "GM1942"]}
    )
    footer = " ".join(t.get_text() for t in figure.texts)
    assert "Krimpenerwaard: geen vergelijkbaar cijfer voor 2010 (grenzen gewijzigd na maart 2010)" in footer
    assert "de twintig: 1 van 3 zonder cijfer" in footer
    assert "2010" in figure.axes[0].get_title()
