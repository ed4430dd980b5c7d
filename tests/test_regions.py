from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from analysis.geo import regions

pytestmark = pytest.mark.usefixtures("module_data_root")


def _memberships(codes: list[str], jz: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({"gm_code": codes, "gm_name": [f"name {c}" for c in codes]})
    for rt in regions.REGION_TYPES.values():
        frame[f"{rt.key}_code"] = f"{rt.prefix}01"
        frame[f"{rt.key}_name"] = f"{rt.name_nl} één"
        frame[f"{rt.key}_overlap_share"] = 1.0
    frame["youth_care_region_code"] = jz
    frame["youth_care_region_name"] = [f"regio {c}" for c in jz]
    return frame


def _write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    columns = ["GM_CODE", "GM_NAAM"]
    for rt in regions.REGION_TYPES.values():
        columns += [f"{rt.prefix}_CODE", f"{rt.prefix}_NAAM", f"{rt.prefix}_overlap_share"]
    full = []
    for row in rows:
        values = {c: "" for c in columns}
        for rt in regions.REGION_TYPES.values():
            values |= {
                f"{rt.prefix}_CODE": f"{rt.prefix}01",
                f"{rt.prefix}_NAAM": "X",
                f"{rt.prefix}_overlap_share": "0.9",
            }
        full.append(values | row)
    pd.DataFrame(full, columns=columns).to_csv(path, index=False)
    return path


def test_parse_reports_file_and_line_of_an_empty_cell(tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path / "r.csv",
        [{"GM_CODE": "GM0001", "GM_NAAM": "A"}, {"GM_CODE": "GM0002", "GM_NAAM": ""}],
    )
    with pytest.raises(regions.MembershipError, match=r"r\.csv, line 3: empty cell in column 'gm_name'"):
        regions.parse_memberships_csv(path)


def test_parse_rejects_non_municipality_codes_and_short_tables(tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path / "r.csv", [{"GM_CODE": "GM0001", "GM_NAAM": "A"}, {"GM_CODE": "WK0002", "GM_NAAM": "B"}]
    )
    with pytest.raises(regions.MembershipError, match="row 3: 'WK0002' is not a municipality"):
        regions.parse_memberships_csv(path)
    path = _write_csv(tmp_path / "s.csv", [{"GM_CODE": " GM0001 ", "GM_NAAM": "A"}])
    with pytest.raises(regions.MembershipError, match="1 municipalities, expected 388"):
        regions.parse_memberships_csv(path)


def test_dissolve_sums_population_and_keeps_crs(grid: gpd.GeoDataFrame) -> None:
    members = _memberships(list(grid["gm_code"]), ["JZ01"] * 3 + ["JZ02"] * 3)
    result = regions.dissolve_regions(grid, members, "JZ")
    assert result.crs == grid.crs
    assert list(result["region_code"]) == ["JZ01", "JZ02"]
    assert list(result["population_count"]) == [6000.0, 15000.0]
    assert list(result["municipalities_count"]) == [3, 3]
    assert result.loc[0, "member_names"] == ["Aa", "Bee", "Cee"]
    assert result.area.round().tolist() == [3_000_000.0, 3_000_000.0]


def test_neighbours_use_a_tolerance_and_count_shared_regions(grid: gpd.GeoDataFrame) -> None:
    members = _memberships(list(grid["gm_code"]), ["JZ01", "JZ01", "JZ02", "JZ01", "JZ02", "JZ02"])
    shared = regions.shared_regions_with_neighbours(grid, members, "GM0001")
    assert set(shared["gm_code"]) == {"GM0002", "GM0004", "GM0005"}
    counts = shared.set_index("gm_code")["shared_region_types_count"]
    assert counts["GM0002"] == 8 and counts["GM0005"] == 7
    assert shared.set_index("gm_code").at["GM0005", "not_shared_region_types"] == "youth_care_region"

    apart = gpd.GeoDataFrame(
        {"gm_code": ["GM0001", "GM0002", "GM0003"], "gm_name": ["A", "B", "C"]},
        geometry=[box(0, 0, 1000, 1000), box(1030, 0, 2000, 1000), box(-1200, 0, -200, 1000)],
        crs="EPSG:28992",
    )
    near = regions.neighbours(apart, "GM0001")
    assert list(near["gm_code"]) == ["GM0002"]  # 30 m gap counts, 200 m does not
    with pytest.raises(ValueError, match="metres"):
        regions.neighbours(apart.to_crs(4326), "GM0001")


def test_region_sizes_flags_the_100k_scale() -> None:
    municipalities = pd.DataFrame(
        {"gm_code": ["GM0001", "GM0002", "GM0003"], "population_count": [60_000, 40_000, 99_999]}
    )
    members = _memberships(["GM0001", "GM0002", "GM0003"], ["JZ01", "JZ01", "JZ02"])
    sizes = regions.region_sizes(municipalities, members)
    jz = sizes[sizes["region_type"] == "youth_care_region"].set_index("region_code")
    assert jz.loc["JZ01", "inhabitants_count"] == 100_000 and bool(jz.loc["JZ01", "has_100k_inhabitants"])
    assert not jz.loc["JZ02", "has_100k_inhabitants"]
    assert jz.loc["JZ02", "municipalities_count"] == 1


# --- real mirror ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def memberships(mirror: Path) -> pd.DataFrame:
    return regions.load_memberships()


def test_real_memberships_cover_388_municipalities(memberships: pd.DataFrame) -> None:
    assert len(memberships) == 388
    assert memberships["gm_code"].is_unique
    assert memberships["gm_code"].str.fullmatch(r"GM\d{4}").all()
    assert list(memberships.columns) == regions.membership_columns()
    assert not memberships.isna().any().any()


def test_real_number_of_regions_per_type(memberships: pd.DataFrame) -> None:
    expected = {
        "province": 12,
        "corop": 40,
        "labour_market_region": 35,
        "youth_care_region": 42,
        "ggd_region": 25,
        "safety_region": 25,
        "care_office_region": 31,
        "landsdeel": 4,
    }
    counts = {key: memberships[f"{key}_code"].nunique() for key in regions.REGION_TYPES}
    assert counts == expected
    woerden = memberships.set_index("gm_code").loc["GM0632"]
    assert woerden["youth_care_region_code"] == "JZ19"
    assert woerden["youth_care_region_name"] == "Utrecht West"


def test_statline_download_is_parsed_and_missing_division_falls_back(memberships: pd.DataFrame, tmp_path: Path) -> None:
    properties = [
        {"ID": 0, "Key": "RegioS", "Type": "GeoDimension", "Title": "Regio's"},
        {"ID": 1, "Key": "Naam_1", "Type": "Topic", "Title": "Naam", "ParentID": None},
    ]
    record_keys: dict[str, str] = {}
    next_id = 2
    for rt in regions.REGION_TYPES.values():
        if rt.prefix == "JZ":
            continue  # as 83553NED may lack jeugdzorgregio's
        group_title = {
            "PV": "Provincies",
            "CR": "COROP-gebieden",
            "AM": "Arbeidsmarktregio's",
            "GG": "GGD-regio's",
            "VR": "Veiligheidsregio's",
            "ZK": "Zorgkantoorregio's",
            "LD": "Landsdelen",
        }[rt.prefix]
        properties.append({"ID": next_id, "Type": "TopicGroup", "Title": group_title})
        for offset, title in ((1, "Code"), (2, "Naam")):
            key = f"{title}_{next_id + offset}"
            properties.append(
                {"ID": next_id + offset, "Key": key, "Type": "Topic", "Title": title, "ParentID": next_id}
            )
            record_keys[f"{rt.key}_{'code' if title == 'Code' else 'name'}"] = key
        next_id += 3
    records = []
    for _, row in memberships.iterrows():
        record = {"ID": len(records), "RegioS": row["gm_code"] + "  ", "Naam_1": row["gm_name"]}
        record |= {key: f"{row[column]}   " for column, key in record_keys.items()}
        records.append(record)
    records.append({"ID": len(records), "RegioS": "NL01  ", "Naam_1": "Nederland"})
    (tmp_path / "DataProperties.json").write_text(json.dumps(properties), encoding="utf-8")
    (tmp_path / "TypedDataSet.json").write_text(json.dumps(records), encoding="utf-8")

    parsed = regions.parse_statline_memberships(tmp_path, fallback=memberships)
    assert len(parsed) == 388
    codes = [c for c in parsed.columns if c.endswith(("_code", "_name"))]
    pd.testing.assert_frame_equal(parsed[codes], memberships[codes].astype("string"), check_dtype=False)
    assert parsed["province_overlap_share"].isna().all()
    assert parsed["youth_care_region_overlap_share"].notna().all()
    with pytest.raises(regions.MembershipError, match="jeugdzorgregio"):
        regions.parse_statline_memberships(tmp_path)


def test_real_case_columns_and_map(memberships: pd.DataFrame, tmp_path: Path) -> None:
    from analysis.sources import raw
    from analysis.viz import region_maps

    outlines = gpd.read_file(raw.raw_file("cbs-wijkbuurtkaart-2017", "gemeente_2017.gpkg"))
    municipalities = outlines.rename(
        columns={"GM_CODE": "gm_code", "GM_NAAM": "gm_name", "AANT_INW": "population_count"}
    ).to_crs(28992)
    case = regions.to_case_columns(municipalities, memberships)
    assert len(case) == 388 and case.index.is_unique
    assert list(case.columns) == list(regions.COLUMNS)
    assert case.at["GM0632", "youth_care_region_municipalities_count"] == 7
    assert case["province_inhabitants_count"].drop_duplicates().sum() == 17_081_507

    woerden = regions.shared_regions_with_neighbours(municipalities, memberships, "GM0632")
    assert "GM0344" in set(woerden["gm_code"])  # Utrecht borders Woerden
    figure = region_maps.plot_region(municipalities, memberships, "GM0632", "youth_care_region")
    title = figure.axes[0].get_title()
    assert "Utrecht West" in title and "7 gemeenten" in title
    assert any("Wijk- en buurtkaart 2017" in t.get_text() for t in figure.texts)


def test_dictionary_cites_the_outline_overlay_not_statline_for_memberships():
    # Issue 14: region columns cited StatLine 83553NED, but the memberships come from the overlay.
    from analysis.core import fields

    for column in ("youth_care_region_code", "labour_market_region_name", "youth_care_region_municipalities_count"):
        source = fields.describe(column)["source"]
        assert "largest area overlap" in source and "not StatLine 83553NED" in source, column
    assert "largest area overlap" in regions.MEMBERSHIP_CITATION


def test_dictionary_states_rounding_and_law_articles():
    from analysis.core import fields

    rate = fields.describe("bijstand_recipients_2016_per_1000")["description"]
    assert "rounded to halves" in rate and "recomputed" in rate and "not rounded" in rate
    seats = fields.describe("council_seats_statutory_2018_count")
    assert "art. 8" in seats["source"] and "art. 1(2)" in seats["source"]
    assert "Weesp" in fields.describe("election_2010_missing_reason")["description"]
