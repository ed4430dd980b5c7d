"""The online StatLine tables: ids confirmed, fetched into the raw layer, parsed tidy, missing said in words.

The responses are recorded by hand in ``tests/fixtures/statline/`` (see its README: CBS's titles,
made-up keys and numbers); ``cbsodata`` is monkeypatched, so no test needs a network.
"""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pandas as pd
import pytest
import requests

from analysis.core import layers, paths
from analysis.social import statline, statline_online
from analysis.sources import raw

FIXTURES = Path(__file__).parent / "fixtures" / "statline"
WMO = "83262NED"


class FakeCbsodata:
    """Stands in for ``cbsodata``: answers from the recorded files and remembers the calls."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.calls: list[tuple[str, object]] = []

    def _recorded(self, table_id: str) -> None:
        if table_id != self.folder.name:
            raise requests.HTTPError(f"Downloading table '{table_id}' failed. 404 (not recorded for the tests)")

    def get_meta(self, table_id: str, name: str) -> list[dict[str, object]]:
        self.calls.append(("get_meta", (table_id, name)))
        self._recorded(table_id)
        return json.loads((self.folder / f"{name}.json").read_text(encoding="utf-8"))

    def download_data(self, table_id: str, dir: str, typed: bool, filters: str | None = None) -> dict[str, object]:
        self.calls.append(("download_data", (table_id, typed, filters)))
        self._recorded(table_id)
        for path in self.folder.glob("*.json"):
            shutil.copyfile(path, Path(dir) / path.name)
        return {}


@pytest.fixture
def fake_cbsodata(monkeypatch: pytest.MonkeyPatch) -> FakeCbsodata:
    import cbsodata

    fake = FakeCbsodata(FIXTURES / WMO)
    monkeypatch.setattr(cbsodata, "get_meta", fake.get_meta)
    monkeypatch.setattr(cbsodata, "download_data", fake.download_data)
    return fake


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import cbsodata

    def refuse(*args: object, **kwargs: object) -> object:
        raise requests.ConnectionError("Failed to resolve 'opendata.cbs.nl'")

    monkeypatch.setattr(cbsodata, "get_meta", refuse)
    monkeypatch.setattr(cbsodata, "download_data", refuse)


# --- the registry ---------------------------------------------------------------------------


def test_online_ids_are_the_tables_cbs_describes() -> None:
    tables = statline.SOCIAL_DOMAIN_TABLES
    # The first registry called 83619NED youth care, 83563NED Wmo and 83718NED finances; CBS's pages differ.
    assert tables["83563NED"].topic == "jeugdhulp" and "jeugdzorg" in tables["83563NED"].title
    assert tables["83262NED"].topic == "wmo" and tables["83262NED"].title.startswith("Wmo-cliënten")
    assert tables["83718NED"].title.startswith("Maatstaven gemeentefonds; Sociaal domein")
    assert tables["83619NED"].topic == "voorzieningen"
    for table_id in statline.ONLINE_TABLE_IDS:
        table = tables[table_id]
        assert table.id_confirmed and table.cbs_page.endswith(table_id) and table.mirror_source is None
    assert set(statline.ONLINE_TABLE_IDS) == {"83563NED", "83262NED", "83718NED", "83619NED"}


# --- parsing ---------------------------------------------------------------------------------


def test_parse_keeps_municipal_totals_of_whole_years_with_units() -> None:
    tidy = statline_online.parse_download(FIXTURES / WMO, WMO)
    assert list(tidy.columns) == list(statline_online.COLUMNS)
    clients = tidy[tidy["measure_code"] == "WmoClienten_1"].set_index(["gm_code", "year"])
    # no nation, no province, no men only, no home help only, no half year
    assert sorted(clients.index) == [
        ("GM0599", 2016),
        ("GM0599", 2017),
        ("GM0632", 2017),
        ("GM1931", 2016),
        ("GM1931", 2017),
    ]
    assert clients.loc[("GM0599", 2017), "statline_value"] == 43210
    assert clients.loc[("GM0599", 2017), "gm_name"] == "Rotterdam"
    assert clients.loc[("GM0599", 2017), "unit_label"] == "aantal"
    assert clients.loc[("GM0599", 2016), "period_status_label"] == "Definitief"
    assert clients.loc[("GM0599", 2017), "period_status_label"] == "Voorlopig"
    selection = clients.loc[("GM0599", 2017), "selection_label"]
    assert "Geslacht: Totaal mannen en vrouwen" in selection and "TypeMaatwerkarrangement: Totaal" in selection
    assert "KenmerkenVanPersonen: Totaal personen" in selection  # no name given: first 'Totaal'
    rate = tidy[(tidy["measure_code"] == "WmoClientenPer1000Inwoners_2") & (tidy["gm_code"] == "GM1931")]
    assert rate["unit_label"].unique().tolist() == ["per 1 000 inwoners"]


def test_parse_keeps_a_suppressed_value_missing_and_a_true_zero_zero() -> None:
    tidy = statline_online.parse_download(FIXTURES / WMO, WMO).set_index(["gm_code", "year", "measure_code"])
    assert pd.isna(tidy.loc[("GM0632", 2017, "WmoClienten_1"), "statline_value"])
    assert tidy.loc[("GM1931", 2016, "WmoClienten_1"), "statline_value"] == 0
    assert tidy["statline_value"].dtype == "Float64"


def test_parse_a_wijken_table_without_periods(tmp_path: Path) -> None:
    # 83718NED has one reference year and no Perioden; wijken tables call their regions a GeoDetail
    folder = tmp_path / "83718NED"
    shutil.copytree(FIXTURES / WMO, folder)
    properties = json.loads((folder / "DataProperties.json").read_text("utf-8"))
    properties = [p for p in properties if p["Key"] != "Perioden"]
    next(p for p in properties if p["Key"] == "RegioS")["Type"] = "GeoDetail"
    (folder / "DataProperties.json").write_text(json.dumps(properties), "utf-8")
    rows = json.loads((folder / "TypedDataSet.json").read_text("utf-8"))
    rows = [{k: v for k, v in row.items() if k != "Perioden"} for row in rows if row["Perioden"] == "2017JJ00"]
    (folder / "TypedDataSet.json").write_text(json.dumps(rows), "utf-8")
    tidy = statline_online.parse_download(folder, "83718NED")
    assert set(tidy["year"]) == {2017} and sorted(set(tidy["gm_code"])) == ["GM0599", "GM0632", "GM1931"]
    assert set(tidy["period_status_label"]) == {"Regulier"}  # OutputStatus of TableInfos


def test_parse_names_the_file_and_the_dimension_without_a_total(tmp_path: Path) -> None:
    folder = tmp_path / WMO
    shutil.copytree(FIXTURES / WMO, folder)
    (folder / "KenmerkenVanPersonen.json").write_text('[{"Key": "1014800", "Title": "Inkomen onbekend"}]', "utf-8")
    with pytest.raises(statline.StatlineParseError, match=r"Kenmerken van personen.*KenmerkenVanPersonen\.json"):
        statline_online.parse_download(folder, WMO)
    (folder / "TypedDataSet.json").write_text("{not json", "utf-8")
    (folder / "KenmerkenVanPersonen.json").unlink()
    with pytest.raises(statline.StatlineParseError, match="KenmerkenVanPersonen.json is missing"):
        statline_online.parse_download(folder, WMO)


# --- fetching into the raw layer -----------------------------------------------------------------


def test_fetch_writes_the_raw_layer_with_checksums_and_filters_on_totals(
    isolated_data: Path, fake_cbsodata: FakeCbsodata
) -> None:
    folder = statline.fetch_table(WMO)
    assert folder == paths.raw_dir() / statline.ONLINE_SOURCE / WMO
    manifest = raw.read_manifest()
    recorded = {key: entry for key, entry in manifest.items() if key.startswith(f"{statline.ONLINE_SOURCE}/{WMO}/")}
    assert {Path(key).name for key in recorded} == {p.name for p in (FIXTURES / WMO).glob("*.json")}
    for key, entry in recorded.items():
        path = paths.raw_dir() / key
        assert entry["sha256"] == raw.sha256_of(path) and entry["origin"].startswith("cbsodata.download_data")
        assert not path.stat().st_mode & stat.S_IWUSR  # raw files are read-only
    (_, (_, typed, filters)) = next(call for call in fake_cbsodata.calls if call[0] == "download_data")
    assert typed is True
    assert filters == (
        "Geslacht eq 'T001038' and KenmerkenVanPersonen eq 'T009002' and TypeMaatwerkarrangement eq 'T001462' "
        "and substringof('GM',RegioS)"
    )
    # a second fetch never overwrites raw files
    with pytest.raises(raw.RawDataError, match="never replaced"):
        statline.fetch_table(WMO)
    loaded = statline.load_table(WMO)
    assert loaded.origin == "statline" and "2017: Voorlopig" in loaded.status


def test_online_build_step_writes_the_tidy_table(isolated_data: Path, fake_cbsodata: FakeCbsodata) -> None:
    said: list[str] = []
    written = statline_online.fetch_and_parse(online=True, say=said.append)
    assert written == [layers.processed(layers.SOCIAL_DOMAIN_ONLINE_FILE)]
    tidy = statline_online.load_social_domain_online()
    # only the Wmo table is recorded; the others fail as a wrong id would, and are said
    assert set(tidy["table_id"]) == {WMO}
    assert f"StatLine {WMO} (Wmo-cliënten; type maatwerkarrangement, regio, 2015-2020): 10 rows" in said
    assert sum("download failed: Downloading table" in s for s in said) == 3


def test_a_changed_raw_file_stops_the_build(isolated_data: Path, fake_cbsodata: FakeCbsodata) -> None:
    path = statline.fetch_table(WMO) / "TypedDataSet.json"
    path.chmod(0o644)
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(raw.RawDataError, match="no longer matches its sha256"):
        statline_online.fetch_and_parse(online=False, say=lambda _: None)


# --- without a network ----------------------------------------------------------------------------


def test_offline_build_says_what_is_missing_and_writes_no_zero(isolated_data: Path) -> None:
    said: list[str] = []
    assert statline_online.fetch_and_parse(online=False, say=said.append) == []
    assert len(said) == len(statline.ONLINE_TABLE_IDS)
    for table_id, sentence in zip(statline.ONLINE_TABLE_IDS, said, strict=True):
        assert sentence.startswith(f"StatLine {table_id} (") and "make data ONLINE=1" in sentence
    missing = statline_online.load_social_domain_online()
    assert isinstance(missing, statline.Unavailable) and "Wmo-maatwerkarrangementen (CBS 83262NED)" in missing.sentence
    # the reports keep their sentences
    assert len(statline.unavailable_sentences()) == 3


def test_online_without_a_network_exits_0_and_says_why(
    isolated_data: Path, no_network: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from analysis.__main__ import main
    from analysis.pipeline import build

    # only the online part: the mirror sources and the steps are tested elsewhere
    monkeypatch.setattr(build, "STEPS", ())
    monkeypatch.setattr(raw, "SOURCES", {})
    assert main(["build", "--online"]) == 0
    out = capsys.readouterr().out
    for table_id in statline.ONLINE_TABLE_IDS:
        assert f"StatLine {table_id} (" in out
    assert out.count("download failed: Failed to resolve 'opendata.cbs.nl'") == len(statline.ONLINE_TABLE_IDS)
    assert not layers.processed(layers.SOCIAL_DOMAIN_ONLINE_FILE).exists()
    assert not any((paths.raw_dir() / statline.ONLINE_SOURCE).glob("*/TypedDataSet.json"))
    assert not list((paths.raw_dir() / statline.ONLINE_SOURCE).glob(".*.partial"))


def test_a_broken_download_leaves_nothing_behind(
    isolated_data: Path, fake_cbsodata: FakeCbsodata, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cbsodata

    def half(table_id: str, dir: str, typed: bool, filters: str | None = None) -> None:
        (Path(dir) / "DataProperties.json").write_text("[]", encoding="utf-8")
        raise requests.ConnectionError("connection reset")

    monkeypatch.setattr(cbsodata, "download_data", half)
    result = statline.load_table(WMO, online=True)
    assert isinstance(result, statline.Unavailable) and "connection reset" in result.reason
    assert not (paths.raw_dir() / statline.ONLINE_SOURCE / WMO).exists()
    assert not list((paths.raw_dir() / statline.ONLINE_SOURCE).glob(".*"))
    assert not any(key.startswith(statline.ONLINE_SOURCE) for key in raw.read_manifest())
