"""The councils elected on 21 March 2018: parsing, the local/national rule, the join to 2017."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.social import councils

pytestmark = pytest.mark.usefixtures("module_data_root")

NATIONAL = (
    frozenset(
        councils.party_key(n)
        for n in ("CDA", "VVD", "Partij van de Arbeid", "PvdA", "GroenLinks", "ChristenUnie", "SGP", "D66", "DENK")
    )
    | councils.NATIONAL_ALIASES
)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Partij van de Arbeid (P.v.d.A.)", "national"),  # abbreviation in brackets left out
        ("GROENLINKS", "national"),
        ("CDA/ChristenUnie", "national"),  # national parties only
        ("PvdA - GROENLINKS", "national"),
        ("VVD en D66", "national"),
        ("50PLUS", "national"),  # alias of the Open State list's 50Plus
        ("Gemeentebelangen-VVD", "local"),  # a local list with a national branch
        ("Progressief Woerden (GroenLinks/PvdA)", "local"),  # national supporters in brackets
        ("DENK Verenigd Arnhem", "local"),  # a local branch under a name of its own
        ("Leefbaar Rotterdam", "local"),
        ("Leefbaar Borger-Odoorn", "local"),  # a hyphen inside a place name
        ("FNP", "regional"),  # provincial: not local, as in the Kiesraad's 2010 columns
    ],
)
def test_local_national_rule(name: str, kind: str) -> None:
    assert councils.classify_list(name, NATIONAL) == kind


def test_combined_local_national_lists_are_named() -> None:
    assert councils.names_a_national_party("Gemeentebelangen-VVD", NATIONAL)
    assert councils.names_a_national_party("Progressief Woerden (GroenLinks/PvdA)", NATIONAL)
    assert councils.names_a_national_party("DENK Verenigd Arnhem", NATIONAL)
    assert not councils.names_a_national_party("Leefbaar Rotterdam", NATIONAL)


SEATS = (
    "\ufeffRegioNaam;RegioCode;Amsterdamsecode;Partij;AantalZetels\r\n"
    "Woerden;G0632;11111;CDA;6\r\n"
    "Woerden;G0632;11111;Progressief Woerden (GroenLinks/PvdA);4\r\n"
    "Woerden;G0632;11111;Inwonersbelangen;9\r\n"
    "Woerden;G0632;11111;Jongeren voor Woerden;\r\n"
    "Achtkarspelen;G0059;10199;FNP;4\r\n"
    "Achtkarspelen;G0059;10199;VVD;1\r\n"
)


def _seat_file(path: Path, text: str = SEATS) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_parse_reads_codes_and_empty_seats_as_zero(tmp_path: Path) -> None:
    seats = councils.parse_seats(_seat_file(tmp_path / "seats.csv"))
    assert list(seats["gm_code"].unique()) == ["GM0632", "GM0059"]
    assert seats.set_index("list_name").at["Jongeren voor Woerden", "seats_count"] == 0
    assert seats["seats_count"].dtype == "Int64"


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("Woerden;632;1;CDA;6", "line 8: RegioCode '632'"),
        ("Woerden;G0632;1;VVD;zes", "line 8: AantalZetels 'zes'"),
        ("Woerden;G0632;1;CDA;1", "line 8: 'CDA' appears twice in GM0632"),
    ],
)
def test_parse_names_file_and_line_of_a_bad_row(tmp_path: Path, bad_line: str, message: str) -> None:
    with pytest.raises(councils.CouncilFileError, match=message):
        councils.parse_seats(_seat_file(tmp_path / "seats.csv", SEATS + bad_line + "\r\n"))


def test_parse_names_a_missing_column(tmp_path: Path) -> None:
    with pytest.raises(councils.CouncilFileError, match="line 1: columns missing: \\['AantalZetels'\\]"):
        councils.parse_seats(_seat_file(tmp_path / "seats.csv", "RegioNaam;RegioCode;Partij\r\nA;G0001;X\r\n"))


def test_summary_and_join_on_small_frames(tmp_path: Path) -> None:
    summary = councils.summarise_councils(councils.parse_seats(_seat_file(tmp_path / "s.csv")), NATIONAL)
    joined = councils.join_to_2017(summary, pd.DataFrame({"gm_code": ["GM0059", "GM0018", "GM0632"]}))
    woerden = joined.set_index("gm_code").loc["GM0632"]
    assert woerden["council_seats_count"] == 19 and woerden["local_lists_seats_count"] == 13
    assert woerden["combined_local_national_seats_count"] == 4 and woerden["lists_with_seats_count"] == 3
    assert woerden["local_lists_seat_share_pct"] == pytest.approx(13 / 19 * 100)
    achtkarspelen = joined.set_index("gm_code").loc["GM0059"]
    assert achtkarspelen["local_lists_seats_count"] == 0 and achtkarspelen["regional_lists_seats_count"] == 4
    hoogezand = joined.set_index("gm_code").loc["GM0018"]
    assert pd.isna(hoogezand["council_seats_count"]) and hoogezand["missing_reason"] == councils.MISSING_NO_ELECTION
    assert joined.loc[joined["council_seats_count"].notna(), "missing_reason"].isna().all()
    with pytest.raises(councils.CouncilFileError, match="GM0632"):
        councils.join_to_2017(summary, pd.DataFrame({"gm_code": ["GM0059"]}))


# --- the real file ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(mirror: Path) -> pd.DataFrame:
    from analysis.geo import geography
    from analysis.sources import raw

    municipalities = geography.read_raw_municipalities(
        raw.raw_file(geography.SOURCE_NAME, "gemeente_2017.gpkg")
    ).rename(columns={"GM_CODE": "gm_code"})
    return councils.load_councils_2018(municipalities[["gm_code"]])


def test_real_rotterdam_13_of_45_seats_for_local_lists(real: pd.DataFrame) -> None:
    rotterdam = real.set_index("gm_code").loc["GM0599"]
    assert rotterdam["council_seats_count"] == 45 and rotterdam["local_lists_seats_count"] == 13


def test_real_335_councils_and_the_twenty_without_a_2018_election(real: pd.DataFrame) -> None:
    assert len(real) == 388 and real["council_seats_count"].notna().sum() == 335
    assert real["council_seats_count"].sum() == 7991
    indexed = real.set_index("gm_code")
    for code in ("GM0018", "GM1900"):  # Hoogezand-Sappemeer, Súdwest-Fryslân
        assert indexed.at[code, "missing_reason"] == councils.MISSING_NO_ELECTION
    assert (real["council_seats_count"].notna() ^ real["missing_reason"].notna()).all()
    woerden = indexed.loc["GM0632"]
    assert woerden["combined_local_national_seats_count"] == 4  # Progressief Woerden (GroenLinks/PvdA)


def test_real_council_sizes_against_the_statutory_ones_of_2017(real: pd.DataFrame, mirror: Path) -> None:
    # Seats follow from the population of 1 January 2017 (Gemeentewet art. 8): the 335 voted on their
    # 2017 boundaries. Three municipalities just under a band bound in the Wijk- en buurtkaart
    # (Westervoort 14,991; Purmerend 79,928; Hendrik-Ido-Ambacht 29,731) have the next band's
    # council: the statutory column is computed and the seats column is the fact.
    from analysis.geo import geography
    from analysis.social import elections
    from analysis.sources import raw

    layer = geography.read_raw_municipalities(raw.raw_file(geography.SOURCE_NAME, "gemeente_2017.gpkg"))
    population = layer.set_index("GM_CODE")["AANT_INW"].astype(float)
    statutory = elections.statutory_council_seats(population)
    voted = real.dropna(subset=["council_seats_count"]).set_index("gm_code")["council_seats_count"]
    differs = voted[voted != statutory.reindex(voted.index)]
    assert sorted(differs.index) == ["GM0293", "GM0439", "GM0531"]
    assert (differs - statutory.reindex(differs.index) == 2).all()
