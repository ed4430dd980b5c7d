import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from analysis.geo import geography


def raw_layer(**overrides) -> gpd.GeoDataFrame:
    columns = {column: [10, 20] for column in geography.CBS_COLUMNS}
    columns.update(
        GM_CODE=["GM0002", "GM0001"],
        GM_NAAM=["Twee", "Een"],
        STED=[1, 5],
        AANT_INW=[1000, -99999999],
        OPP_LAND=[250, 100],
        GEM_HH_GR=[2.1, 2.4],
    )
    columns.update(overrides)
    return gpd.GeoDataFrame(
        columns, geometry=[box(5.0, 52.0, 5.01, 52.01), box(5.01, 52.0, 5.02, 52.01)], crs="EPSG:4326"
    )


def test_build_renames_reprojects_and_masks_missing_markers():
    built = geography.build_municipalities(raw_layer())
    assert built.crs.to_epsg() == 28992
    assert built["gm_code"].tolist() == ["GM0001", "GM0002"]  # sorted by code
    assert pd.isna(built.loc[0, "population_count"])  # -99999999 is missing, not a number
    assert built.loc[1, "population_count"] == 1000
    assert built.loc[1, "area_land_km2"] == pytest.approx(2.5)
    assert built.loc[0, "stedelijkheid_label"] == "niet stedelijk"
    # about 680 m by 1110 m at 52°N: the reprojection really happened
    assert built.geometry.iloc[0].area == pytest.approx(7.6e5, rel=0.05)


def test_duplicate_codes_are_refused():
    with pytest.raises(ValueError, match="duplicate municipality codes: GM0001"):
        geography.build_municipalities(raw_layer(GM_CODE=["GM0001", "GM0001"]))


def test_missing_column_names_the_file(tmp_path):
    path = tmp_path / "gemeente_2017.gpkg"
    raw_layer().drop(columns=["STED"]).to_file(path, layer="gemeente_2017")
    with pytest.raises(ValueError, match=r"gemeente_2017.gpkg: missing CBS column\(s\) STED"):
        geography.read_raw_municipalities(path)


def test_real_layer_holds_the_388_municipalities_of_2017(built_data):
    frame = geography.load_municipalities()
    assert len(frame) == 388 and frame["gm_code"].is_unique
    assert frame.crs.to_epsg() == 28992
    assert frame["population_count"].sum() == 17_081_507
    rotterdam = frame.set_index("gm_code").loc["GM0599"]
    assert rotterdam["population_count"] == 634_660
    assert rotterdam["stedelijkheid_class"] == 1
    assert frame.geometry.is_valid.all()


def test_one_name_one_type_for_the_municipality_loaders(built_data):
    # Two functions called load_municipalities returned a GeoDataFrame and a plain DataFrame.
    import geopandas as gpd
    import pandas as pd

    from analysis.geo import cases

    assert not hasattr(cases, "load_municipalities")
    assert isinstance(geography.load_municipalities(), gpd.GeoDataFrame)
    names = cases.load_municipality_names()
    assert type(names) is pd.DataFrame and list(names.columns) == ["gm_code", "gm_name"] and len(names) == 388


def test_processed_file_names_live_in_the_bottom_layer():
    # The report layer takes file names from core.layers, never from the pipeline.
    from analysis.core import layers
    from analysis.pipeline import build

    assert geography.PROCESSED_FILE == layers.MUNICIPALITIES_FILE
    assert not hasattr(build, "MEMBERSHIPS_FILE") or build.MEMBERSHIPS_FILE is layers.MEMBERSHIPS_FILE
    produced = {output().name for step in build.STEPS for output in step.outputs}
    assert set(layers.PROCESSED_LAYERS) <= produced, sorted(set(layers.PROCESSED_LAYERS) - produced)
