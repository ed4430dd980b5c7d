from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.geo import boundaries
from analysis.social import bijstand as sd
from analysis.social import case_columns, statline

pytestmark = pytest.mark.usefixtures("module_data_root")


HEADER_2015 = (
    '"ID","Leeftijd","Regiokenmerken","Inwoners_1","Bijstandsontvangers_2","Bijstandsdichtheid_3",'
    '"Instromers_4","Instromers_5","Uitstromers_6","Uitstromers_7","UitstromersNaarWerk_8",'
    '"UitstromersNaarWerk_9","PersonenMetReIntegratievoorziening_10","WerkendenNaReIntegratie_11",'
    '"WerkendenNaReIntegratie_12","PersonenMetBijstandEnReIntegratie_13",'
    '"BijstandontvangersMetReIntegratie_14","ReIntegratieontvangersMetBijstand_15",'
    '"WSWWerknemers_16","WSWDichtheid_17"'
)


def _row(i: int, age: str, code: str, values: list[str]) -> str:
    return ",".join(f'"{v}"' for v in [str(i), age, code, *values])


def _tiny_csv(path: Path) -> Path:
    full = [
        "  1000",
        "   50",
        "  50.0",
        "  10",
        " 20.0",
        "   8",
        " 16.0",
        "   4",
        "  8.0",
        "   30",
        "   5",
        " 10.0",
        "   20",
        " 40.0",
        " 66.5",
        "   6",
        "  6.0",
    ]
    suppressed = list(full)
    suppressed[1] = "       ."  # recipients suppressed
    lines = [
        HEADER_2015,
        _row(0, "20150", "NL01  ", ["  3000", "  100", "  33.5", *full[3:]]),
        _row(1, "20150", "LD01  ", full),
        _row(2, "20150", "GM0001", full),
        _row(3, "20150", "GM0002 ", suppressed),
        _row(4, "90100", "GM0001", full),
    ]
    # The 2015 and 2016 exports start with a byte-order mark.
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_parse_keeps_age_15_plus_strips_codes_and_keeps_dots_missing(tmp_path: Path) -> None:
    frame = sd.parse_bijstand_csv(_tiny_csv(tmp_path / "g.csv"), 2015, "83450NED")
    assert list(frame["gm_code"]) == ["NL01", "GM0001", "GM0002"]
    assert frame["year"].tolist() == [2015] * 3
    row = frame.set_index("gm_code").loc["GM0001"]
    assert row["inhabitants_15plus_count"] == 1000 and row["recipients_count"] == 50
    assert row["recipients_per_1000_inhabitants"] == 50.0 and row["inflow_count"] == 10
    assert row["people_bijstand_and_reintegration_count"] == 20
    assert pd.isna(frame.set_index("gm_code").at["GM0002", "recipients_count"])
    assert frame["recipients_count"].dtype == "Float64"


def test_parse_rejects_duplicates(tmp_path: Path) -> None:
    path = _tiny_csv(tmp_path / "g.csv")
    path.write_text(path.read_text("utf-8") + _row(9, "20150", "GM0001 ", ["1"] * 17) + "\n", "utf-8")
    with pytest.raises(sd.BijstandDataError, match="GM0001 occurs twice"):
        sd.parse_bijstand_csv(path, 2015, "83450NED")


def _by_year() -> pd.DataFrame:
    values = {column: [pd.NA] * 5 for column in sd.VALUE_COLUMNS}
    frame = pd.DataFrame(
        {
            "gm_code": ["NL01", "GM0001", "GM0002", "GM0003", "GM0004"],
            "year": [2016] * 5,
            "table_id": ["83747NED"] * 5,
        }
        | values
    )
    frame["inhabitants_15plus_count"] = [9000, 1000, 3000, 2000, 500]
    frame["recipients_count"] = [300, 10, 50, 40, pd.NA]
    frame["people_bijstand_and_reintegration_count"] = [30, 5, 5, 4, 1]
    for column in sd.VALUE_COLUMNS:
        frame[column] = frame[column].astype("Float64")
    return frame


def test_remap_sums_clean_unions_and_never_invents_zeros() -> None:
    changes = (
        boundaries.BoundaryChange("GM0100", 2016, ("GM0001", "GM0002"), True, "merger"),
        boundaries.BoundaryChange("GM0003", 2016, ("GM0003",), False, "received a part"),
        boundaries.BoundaryChange("GM0200", 2016, ("GM0004", "GM0009"), True, "predecessor absent"),
    )
    result = sd.remap_to_2017(_by_year(), ["GM0100", "GM0003", "GM0004", "GM0200", "GM0300"], changes)
    result = result.set_index("gm_code")
    merged = result.loc["GM0100"]
    assert merged["recipients_count"] == 60 and merged["inhabitants_15plus_count"] == 4000
    assert merged["recipients_per_1000_inhabitants"] == pytest.approx(15.0)
    assert merged["recipients_with_reintegration_pct"] == pytest.approx(10 / 60 * 100)
    assert bool(merged["is_remapped"]) and merged["source_gm_codes"] == "GM0001+GM0002"
    assert result.at["GM0003", "missing_reason"] == sd.MISSING_BOUNDARY
    assert pd.isna(result.at["GM0003", "recipients_count"])
    assert result.at["GM0004", "missing_reason"] == sd.MISSING_SUPPRESSED
    assert result.at["GM0200", "missing_reason"] == sd.MISSING_NOT_IN_TABLE
    assert result.at["GM0300", "missing_reason"] == sd.MISSING_NOT_IN_TABLE
    assert result.at["NL01", "recipients_count"] == 300
    assert not (result["recipients_count"] == 0).any()


def test_peer_trend_excludes_the_municipality_and_counts_peers() -> None:
    frame = sd.remap_to_2017(_by_year(), ["GM0001", "GM0002", "GM0003", "GM0004"], ())
    trend = sd.peer_trend(frame, "GM0001", {"peers": ["GM0001", "GM0002", "GM0003", "GM0004"]}, "recipients_count")
    mean = trend[(trend["series"] == "peers") & (trend["statistic"] == "mean")].iloc[0]
    assert mean["value"] == pytest.approx(45.0)
    assert mean["n_with_data"] == 2 and mean["n_in_group"] == 3
    national = trend[trend["series"] == "Nederland"].iloc[0]
    assert national["value"] == 300


def test_unavailable_table_offline_gives_the_sentence() -> None:
    result = statline.load_table("83563NED", online=False)
    assert isinstance(result, statline.Unavailable) and not result
    assert result.sentence.startswith("Cijfers jeugdzorg (CBS 83563NED) zijn niet in de lokale kopie beschikbaar;")
    assert all(t.table_id in statline.SOCIAL_DOMAIN_TABLES for t in sd.BIJSTAND_TABLES.values())


# --- real mirror ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bijstand(mirror: Path) -> pd.DataFrame:
    return sd.load_bijstand()


def test_real_one_row_per_2017_municipality_and_year(bijstand: pd.DataFrame) -> None:
    assert not bijstand.duplicated(["gm_code", "year"]).any()
    for _year, frame in bijstand.groupby("year"):
        municipal = frame[frame["gm_code"] != "NL01"]
        assert len(municipal) == 388 and municipal["gm_code"].str.fullmatch(r"GM\d{4}").all()
        assert (frame["gm_code"] == "NL01").sum() == 1


def test_real_values_equal_the_csv(bijstand: pd.DataFrame) -> None:
    from analysis.sources import raw

    raw = pd.read_csv(raw.raw_file(sd.SOURCE_NAME, "gemeente_2017.csv"), dtype=str)
    rotterdam = raw[(raw["Regiokenmerken"].str.strip() == "GM0599") & (raw["Leeftijd"] == "20150")]
    expected = float(rotterdam["Bijstandsontvangers_2"].iloc[0])
    row = bijstand[(bijstand["gm_code"] == "GM0599") & (bijstand["year"] == 2017)].iloc[0]
    assert row["recipients_count"] == expected == 46210
    national = bijstand[(bijstand["gm_code"] == "NL01") & (bijstand["year"] == 2016)].iloc[0]
    assert national["recipients_count"] == 513980 and national["recipients_per_1000_inhabitants"] == 36.0


def test_real_suppressed_value_stays_missing(bijstand: pd.DataFrame, mirror: Path) -> None:
    from analysis.sources import raw

    raw = pd.read_csv(raw.raw_file(sd.SOURCE_NAME, "gemeente_2016.csv"), dtype=str, encoding="utf-8-sig")
    haarlem = raw[(raw["Regiokenmerken"].str.strip() == "GM0392") & (raw["Leeftijd"] == "20150")]
    assert haarlem["PersonenMetReIntegratievoorziening_10"].str.strip().iloc[0] == "."
    row = bijstand[(bijstand["gm_code"] == "GM0392") & (bijstand["year"] == 2016)].iloc[0]
    assert pd.isna(row["people_reintegration_count"])
    assert row["recipients_count"] == 4250


def test_real_mergers_are_remapped_or_marked(bijstand: pd.DataFrame) -> None:
    indexed = bijstand.set_index(["gm_code", "year"])
    by_year = sd.load_bijstand_by_year().set_index(["gm_code", "year"])
    meierijstad = indexed.loc[("GM1948", 2016)]
    parts = by_year.loc[[("GM0844", 2016), ("GM0846", 2016), ("GM0860", 2016)], "recipients_count"]
    assert meierijstad["recipients_count"] == parts.sum() and bool(meierijstad["is_remapped"])
    assert indexed.loc[("GM1942", 2015), "missing_reason"] == "boundary change"
    assert pd.isna(indexed.loc[("GM1942", 2015), "recipients_count"])
    assert indexed.loc[("GM1931", 2015), "recipients_count"] == 740  # Krimpenerwaard existed in 2015
    boundary = bijstand[bijstand["missing_reason"] == sd.MISSING_BOUNDARY]
    assert sorted(zip(boundary["gm_code"], boundary["year"], strict=True)) == [
        ("GM0014", 2015),
        ("GM0014", 2016),
        ("GM0040", 2015),
        ("GM0040", 2016),
        ("GM0457", 2015),
        ("GM1942", 2015),
    ]


def test_real_slochteren_and_groningen_not_shown_on_2017_boundaries(bijstand: pd.DataFrame) -> None:
    # Part of Slochteren went to Groningen on 1 January 2017: 2015-2016 figures of both are
    # on other boundaries than 2017 and must not stand beside 2017 as if comparable.
    indexed = bijstand.set_index(["gm_code", "year"])
    for code in ("GM0040", "GM0014"):
        for year in (2015, 2016):
            row = indexed.loc[(code, year)]
            assert pd.isna(row["recipients_count"]) and row["missing_reason"] == sd.MISSING_BOUNDARY
            assert "GM0040" in row["boundary_change_reason"] and "GM0014" in row["boundary_change_reason"]
        assert indexed.loc[(code, 2017), "recipients_count"] > 0
    assert set(sd.boundary_changed_codes(bijstand)) >= {"GM0040", "GM0014", "GM1942", "GM0457", "GM1948"}


def test_real_every_missing_value_has_its_reason(bijstand: pd.DataFrame) -> None:
    has_gap = bijstand[sd.VALUE_COLUMNS].isna().any(axis=1)
    assert bijstand.loc[has_gap, "missing_reason"].notna().all()
    assert bijstand.loc[~has_gap, "missing_reason"].isna().all()
    haarlem = bijstand.set_index(["gm_code", "year"]).loc[("GM0392", 2016), "missing_reason"]
    assert haarlem.startswith("suppressed by CBS: ") and "people_reintegration_count" in haarlem


def test_real_case_columns(bijstand: pd.DataFrame) -> None:
    case = case_columns.bijstand_case_columns(bijstand)
    assert len(case) == 388 and case.index.is_unique
    assert list(case.columns) == list(case_columns.BIJSTAND_CASE_COLUMNS)
    assert case.at["GM0599", "bijstand_recipients_2017_per_1000"] == 86.5
    assert case.at["GM1942", "bijstand_2015_missing_reason"] == "boundary change"
    assert statline.table_status("84066NED")["status"] == "unknown (not recorded in the copy)"
    assert statline.load_table("84066NED").status == "unknown (not recorded in the copy)"


def test_real_trend_chart_marks_missing_years(bijstand: pd.DataFrame) -> None:
    from analysis.viz import social_charts

    figure = social_charts.plot_trend(
        bijstand, "GM1942", "Gooise Meren", {"de twintig": ["GM0599", "GM1931", "GM0632"]}
    )
    footer = " ".join(t.get_text() for t in figure.texts)
    assert "2015: Gooise Meren grenswijziging" in footer and "84066NED (2017)" in footer
    assert "1.000 inwoners" in figure.axes[0].get_ylabel()


def test_real_case_columns_every_missing_cell_has_its_reason(bijstand: pd.DataFrame) -> None:
    from analysis.geo import geography
    from analysis.sources import raw

    layer = geography.read_raw_municipalities(raw.raw_file(geography.SOURCE_NAME, "gemeente_2017.gpkg"))
    municipalities = pd.DataFrame(
        {"gm_code": layer["GM_CODE"], "gm_name": layer["GM_NAAM"], "population_count": layer["AANT_INW"]}
    )
    case = case_columns.to_case_columns(municipalities, bijstand)
    assert len(case) == 388 and list(case.columns) == list(case_columns.COLUMNS)
    reasons = {
        **{str(year): f"bijstand_{year}_missing_reason" for year in sd.BIJSTAND_TABLES},
        "2010": "election_2010_missing_reason",
        "2018": "council_2018_missing_reason",
    }
    for column in case.columns:
        if column.endswith(("_missing_reason", "_boundary_change_reason")) or column.startswith(
            "council_seats_statutory"
        ):
            continue
        reason = next(r for year, r in reasons.items() if f"_{year}_" in column)
        unexplained = case.index[case[column].isna() & case[reason].isna()]
        assert unexplained.empty, f"{column}: NA without a reason in {list(unexplained)}"
    rotterdam = case.loc["GM0599"]
    assert rotterdam["local_lists_seats_2018_count"] == 13 and rotterdam["council_seats_2018_count"] == 45
    assert case.at["GM0040", "bijstand_2016_missing_reason"] == sd.MISSING_BOUNDARY
    assert "GM0014" in case.at["GM0040", "bijstand_2016_boundary_change_reason"]
    assert case.at["GM0040", "election_2010_missing_reason"] == "boundaries changed after March 2010"
    assert case.at["GM0018", "council_2018_missing_reason"].startswith("no council election on 21 March 2018")
