"""Structurally similar peers: hand-computed on tiny frames, and sane on the real 388."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.geo import peers
from analysis.geo.indicators import KEY_FIGURES
from analysis.geo.peers import PeerFeature

X = PeerFeature("x_pct", "none", "test")
Y = PeerFeature("y_pct", "none", "test")
Z = PeerFeature("z_pct", "none", "test")


def _points() -> pd.DataFrame:
    # A(0,0) B(1,0) C(0,2) D(3,3)
    return pd.DataFrame(
        {
            "gm_code": ["GM0001", "GM0002", "GM0003", "GM0004"],
            "gm_name": list("ABCD"),
            "x_pct": [0, 1, 0, 3],
            "y_pct": [0, 0, 2, 3],
        }
    )


def test_distances_by_hand() -> None:
    # x: mean 1, squares 1+0+1+4 = 6, sd (ddof=1) sqrt(6/3) = sqrt(2);
    # y: mean 1.25, squares 1.5625+1.5625+0.5625+3.0625 = 6.75, sd sqrt(6.75/3) = 1.5
    sd_y = 1.5
    result = peers.nearest_peers(_points(), k=2, features=(X, Y))
    a = result[result["gm_code"] == "GM0001"]
    assert a["peer_gm_code"].tolist() == ["GM0002", "GM0003"] and a["peer_rank"].tolist() == [1, 2]
    assert a["peer_distance_sd"].tolist() == pytest.approx([1 / math.sqrt(2), 2 / sd_y])
    d = result[result["gm_code"] == "GM0004"]
    # D-C: dx 3/sqrt2, dy 1/sd_y; D-B: dx 2/sqrt2, dy 3/sd_y
    expected_c = math.hypot(3 / math.sqrt(2), 1 / sd_y)
    expected_b = math.hypot(2 / math.sqrt(2), 3 / sd_y)
    assert d["peer_gm_code"].tolist() == ["GM0003", "GM0002"]
    assert d["peer_distance_sd"].tolist() == pytest.approx([expected_c, expected_b])
    assert (result["peer_features_count"] == 2).all()


def test_never_its_own_peer_and_ties_by_code() -> None:
    frame = pd.DataFrame(
        {"gm_code": ["GM0009", "GM0003", "GM0005", "GM0001"], "x_pct": [1, 1, 1, 5], "y_pct": [2, 2, 2, 7]}
    )
    result = peers.nearest_peers(frame, k=3, features=(X, Y))
    assert not (result["gm_code"] == result["peer_gm_code"]).any()
    first = result[result["gm_code"] == "GM0009"]
    # two at distance 0, ordered by code, then the far one
    assert first["peer_gm_code"].tolist() == ["GM0003", "GM0005", "GM0001"]
    assert first["peer_distance_sd"].tolist()[:2] == [0.0, 0.0]


def test_missing_value_left_out_and_scaled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(peers, "MIN_SHARED", 2)
    frame = pd.DataFrame(
        {
            "gm_code": ["GM0001", "GM0002", "GM0003"],
            "x_pct": [0.0, 2.0, 4.0],
            "y_pct": [0.0, 2.0, 4.0],
            "z_pct": [np.nan, 0.0, 6.0],
        }
    )
    z, means, sds = peers.standardise(peers.feature_matrix(frame, (X, Y, Z)))
    # z-scores over the values present: z_pct has mean 3 and sd sqrt(18) from two values
    assert means["z_pct"] == 3 and sds["z_pct"] == pytest.approx(math.sqrt(18))
    result = peers.nearest_peers(frame, k=2, features=(X, Y, Z))
    a = result[result["gm_code"] == "GM0001"].set_index("peer_gm_code")
    # A-B on x and y only: each dz = 2/2 = 1 -> sum 2, scaled by 3/2 -> sqrt(3)
    assert a.at["GM0002", "peer_distance_sd"] == pytest.approx(math.sqrt(3))
    assert a.at["GM0002", "peer_features_count"] == 2
    b = result[result["gm_code"] == "GM0002"].set_index("peer_gm_code")
    assert b.at["GM0003", "peer_features_count"] == 3
    # too few shared characteristics: never a peer
    monkeypatch.setattr(peers, "MIN_SHARED", 3)
    strict = peers.nearest_peers(frame, k=1, features=(X, Y, Z))
    assert strict[strict["gm_code"] == "GM0001"]["peer_gm_code"].isna().all() or "GM0001" not in set(strict["gm_code"])
    assert "GM0001" not in set(strict["peer_gm_code"])


def test_log_transform_and_bad_input() -> None:
    frame = pd.DataFrame({"gm_code": ["GM0001", "GM0002", "GM0003"], "population_count": [1000, 10000, 100000]})
    matrix = peers.feature_matrix(frame, (peers.PEER_FEATURES[0],))
    assert matrix["population_count"].tolist() == [3.0, 4.0, 5.0]
    with pytest.raises(peers.PeerDataError, match="lacks columns: density_per_km2"):
        peers.feature_matrix(frame, peers.PEER_FEATURES[:2])
    with pytest.raises(peers.PeerDataError, match="k = 3 peers needs more than 3"):
        peers.nearest_peers(frame, k=3, features=(peers.PEER_FEATURES[0],))
    with pytest.raises(peers.PeerDataError, match="cannot be logged"):
        peers.feature_matrix(frame.assign(population_count=[0, 1, 2]), (peers.PEER_FEATURES[0],))
    with pytest.raises(peers.PeerDataError, match="repeats gm_code"):
        peers.feature_matrix(pd.concat([frame, frame.head(1)]), (peers.PEER_FEATURES[0],))


def _municipal_frame() -> pd.DataFrame:
    codes = [f"GM{i:04d}" for i in range(1, 7)]
    frame = pd.DataFrame({"gm_code": codes, "stedelijkheid_class": [1, 1, 2, 2, 3, 3]})
    for figure in KEY_FIGURES:
        frame[figure.column] = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0]
    return frame


def test_compare_with_peers_adds_the_peers_median() -> None:
    frame = _municipal_frame()
    frame.loc[frame["gm_code"] == "GM0005", "age_0_14_pct"] = np.nan
    layer = pd.DataFrame(
        {"gm_code": ["GM0001"] * 3, "peer_rank": [1, 2, 3], "peer_gm_code": ["GM0004", "GM0005", "GM0006"]}
    )
    table = peers.compare_with_peers(frame, "GM0001", ["GM0002"], layer)
    assert table.at["population_count", peers.PEERS_MEDIAN_COLUMN] == 50.0  # median of 40, 50, 60
    assert table.at["age_0_14_pct", peers.PEERS_MEDIAN_COLUMN] == 50.0  # missing left out: median of 40, 60
    assert table.at["population_count", "same_stedelijkheid_median"] == 15.0
    assert peers.peer_codes("GM0001", layer) == ["GM0004", "GM0005", "GM0006"]
    groups = peers.comparison_groups(frame, "GM0001", ["GM0002"], layer)
    assert groups == {
        "same_stedelijkheid": ["GM0001", "GM0002"],
        "cases": ["GM0002"],
        "structural_peers": ["GM0004", "GM0005", "GM0006"],
    }
    with pytest.raises(KeyError, match="GM0002 has no structural peers"):
        peers.peer_codes("GM0002", layer)


# --- real data ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_peers(built_data: Path) -> pd.DataFrame:
    return peers.load_peers()


def test_real_ten_peers_each_never_itself(real_peers: pd.DataFrame) -> None:
    assert len(real_peers) == 388 * peers.DEFAULT_K
    assert (real_peers.groupby("gm_code").size() == peers.DEFAULT_K).all()
    assert not (real_peers["gm_code"] == real_peers["peer_gm_code"]).any()
    assert not real_peers.duplicated(["gm_code", "peer_gm_code"]).any()
    ordered = real_peers.sort_values(["gm_code", "peer_rank"])
    assert (ordered.groupby("gm_code")["peer_distance_sd"].diff().dropna() >= 0).all()
    assert (real_peers["peer_features_count"] == len(peers.PEER_FEATURES)).all()  # nothing missing in 2017


def test_real_big_cities_are_each_others_peers(real_peers: pd.DataFrame) -> None:
    rotterdam = peers.peer_codes("GM0599", real_peers)
    # Measured: Den Haag, Amsterdam, Arnhem, Schiedam, Enschede, Eindhoven, Utrecht, Tilburg, Capelle, Dordrecht
    assert rotterdam[:2] == ["GM0518", "GM0363"]
    assert "GM0599" in peers.peer_codes("GM0363", real_peers)[:3]


def test_real_method_recorded(built_data: Path) -> None:
    method = peers.load_peer_method()
    assert method["k"] == 10 and method["municipalities_count"] == 388
    assert [f["column"] for f in method["features"]] == [f.column for f in peers.PEER_FEATURES]
    assert all(f["sd"] > 0 and f["missing_count"] == 0 for f in method["features"])
    json.dumps(method)  # plain data a report can state


def test_method_and_peers_in_words_from_the_record() -> None:
    from analysis.narrative.peers import peer_list_sentence, peer_method_sentence

    age = [f for f in peers.PEER_FEATURES if f.column in ("age_0_14_pct", "age_65_plus_pct")]
    frame = pd.DataFrame(
        {"gm_code": ["GM0001", "GM0002", "GM0003"], "age_0_14_pct": [1, 2, 3], "age_65_plus_pct": [3, 2, 2]}
    )
    method = peers.method_record(frame, k=2, features=tuple(age))
    nl, en = peer_method_sentence(method, "nl"), peer_method_sentence(method, "en")
    assert nl.startswith(
        "De 2 structureel meest vergelijkbare gemeenten zijn gekozen uit de 3 gemeenten van 2017 op % 0 tot 15 jaar "
        "en % 65 jaar of ouder."
    )
    assert en.startswith("The 2 structurally most similar municipalities are chosen from the 3 municipalities")
    assert "euclidische afstand" in nl and "Euclidean distance" in en
    assert (
        peer_list_sentence("A", ["B", "C"], "nl")
        == "Structureel vergelijkbaar met A, de meest gelijkende eerst: B en C."
    )
    # every characteristic has its words in both languages
    full = {**method, "features": [{"column": f.column} for f in peers.PEER_FEATURES]}
    assert "bijstandsontvangers per 1.000" in peer_method_sentence(full, "nl")
    with pytest.raises(KeyError):
        peer_method_sentence({**method, "features": [{"column": "x_pct"}]}, "nl")
