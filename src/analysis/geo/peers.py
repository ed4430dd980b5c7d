"""Structurally similar municipalities: each municipality's nearest neighbours on CBS characteristics.

Stedelijkheid alone is a coarse comparison; benchmark tools that researchers know (the VNG's Wmo
gemeentevergelijker) compare with municipalities that resemble one on several characteristics at
once. The method, stated so a report can repeat it (``method_record`` writes it as data):

- **characteristics** (:data:`PEER_FEATURES`): log10 inhabitants, log10 inhabitants per km² of land,
  the shares aged 0-14, 15-24 and 65+, the shares of single-person households and households with
  children, the shares with a western and a non-western migration background (all CBS, Wijk- en
  buurtkaart 2017, 1 January 2017) and bijstand recipients per 1,000 inhabitants aged 15+ (CBS
  StatLine 84066NED, 2017). Logarithms because size and density are skewed: Amsterdam should not
  be as far from Utrecht as Utrecht from a village. Of the five age shares three are used, because
  the five add up to 100 and would weigh age twice.
- **standardised** as z-scores over the 388 municipalities of 2017: (value - mean) / standard
  deviation (with ``ddof=1``), each characteristic weighing the same.
- **distance**: Euclidean on the z-scores; the ``k`` (default :data:`DEFAULT_K` = 10) nearest other
  municipalities are the peers, ties broken by code; a municipality is never its own peer.
- **missing values**: a characteristic missing for either municipality is left out of that pair's
  distance and the sum of squares is scaled up by ``p / shared`` (``p`` characteristics, ``shared``
  present for both), so that a pair is not near merely because less is known; pairs sharing fewer
  than :data:`MIN_SHARED` characteristics are never peers. The number used is kept per pair.

The functions take the characteristics as a frame (one row per municipality), so this module needs
nothing from the social floor; ``analysis.pipeline.build`` joins the bijstand rate in and writes the
layer once (``make data``), not per report.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.core import layers
from analysis.core.layers import PEERS_FILE, PEERS_METHOD_FILE, processed
from analysis.geo.indicators import compare_key_figures, key_figure_values, peer_groups

DEFAULT_K = 10
#: Fewest characteristics two municipalities must both have to be compared at all.
MIN_SHARED = 6
#: The column ``compare_with_peers`` adds beside the Netherlands, same stedelijkheid and the twenty.
PEERS_MEDIAN_COLUMN = "structural_peers_median"
BIJSTAND_RATE_COLUMN = "bijstand_recipients_2017_per_1000"


@dataclass(frozen=True)
class PeerFeature:
    """One characteristic the peers are chosen on (its words: ``peers.feature.<column>`` in ``analysis.narrative``)."""

    column: str  #: column of the municipal table (or of the case table, for bijstand)
    transform: str  #: "log10" or "none"
    source: str


_WBK = "CBS, Kadaster — Wijk- en buurtkaart 2017 (1 januari 2017)"
PEER_FEATURES: tuple[PeerFeature, ...] = (
    PeerFeature("population_count", "log10", _WBK),
    PeerFeature("density_per_km2", "log10", _WBK),
    PeerFeature("age_0_14_pct", "none", _WBK),
    PeerFeature("age_15_24_pct", "none", _WBK),
    PeerFeature("age_65_plus_pct", "none", _WBK),
    PeerFeature("single_person_households_pct", "none", _WBK),
    PeerFeature("households_with_children_pct", "none", _WBK),
    PeerFeature("western_migration_background_pct", "none", _WBK),
    PeerFeature("non_western_migration_background_pct", "none", _WBK),
    PeerFeature(BIJSTAND_RATE_COLUMN, "none", "CBS, StatLine 84066NED (2017)"),
)


class PeerDataError(ValueError):
    """The characteristics frame cannot give peers (a column missing, codes repeated, too few rows)."""


def feature_matrix(frame: pd.DataFrame, features: tuple[PeerFeature, ...] = PEER_FEATURES) -> pd.DataFrame:
    """The characteristics after their transform, one row per ``gm_code``; missing stays NaN.

    Raises:
        PeerDataError: a characteristic column is absent, ``gm_code`` repeats, or a logged value is not positive.
    """
    absent = [f.column for f in features if f.column not in frame.columns]
    if absent or "gm_code" not in frame.columns:
        raise PeerDataError(f"characteristics frame lacks columns: {', '.join(absent or ['gm_code'])}")
    if frame["gm_code"].duplicated().any():
        repeated = sorted(frame.loc[frame["gm_code"].duplicated(), "gm_code"])[:5]
        raise PeerDataError(f"characteristics frame repeats gm_code {repeated}")
    matrix = pd.DataFrame(index=pd.Index(frame["gm_code"], name="gm_code"))
    for feature in features:
        values = pd.to_numeric(frame[feature.column], errors="coerce").astype(float).to_numpy()
        if feature.transform == "log10":
            if (values[~np.isnan(values)] <= 0).any():
                raise PeerDataError(f"{feature.column}: a value of 0 or less cannot be logged")
            values = np.log10(values)
        matrix[feature.column] = values
    return matrix


def standardise(matrix: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """z-scores per column over the rows present (mean, standard deviation with ``ddof=1``).

    Returns:
        The z-scores, the means and the standard deviations (a constant column gets z = 0).
    """
    means = matrix.mean()
    sds = matrix.std(ddof=1)
    safe = sds.where(sds > 0, 1.0)  # a characteristic without spread tells no municipality apart
    return (matrix - means) / safe, means, sds


def pair_distances(z: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Euclidean distances between all rows on the characteristics both have, scaled to all of them.

    Returns:
        ``(distance, shared)``: square arrays; ``distance`` is NaN where fewer than
        :data:`MIN_SHARED` characteristics are shared (and on the diagonal).
    """
    values = z.to_numpy(dtype=float)
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    p = values.shape[1]
    # sum over shared features of (a - b)^2 = sum a^2 m_b + sum b^2 m_a - 2 sum a b, with masks m
    squares = filled**2
    mask = present.astype(float)
    sum_sq = squares @ mask.T + mask @ squares.T - 2 * filled @ filled.T
    shared = mask @ mask.T
    with np.errstate(divide="ignore", invalid="ignore"):
        distance = np.sqrt(np.clip(sum_sq, 0, None) * p / shared)
    distance[shared < min(MIN_SHARED, p)] = np.nan
    np.fill_diagonal(distance, np.nan)
    return distance, shared.astype(int)


def nearest_peers(
    frame: pd.DataFrame, k: int = DEFAULT_K, features: tuple[PeerFeature, ...] = PEER_FEATURES
) -> pd.DataFrame:
    """Every municipality's ``k`` structurally nearest others (module docstring: the method).

    Args:
        frame: one row per municipality with ``gm_code``, ``gm_name`` (optional) and every
            feature's column.
        k: peers per municipality.
        features: the characteristics.

    Returns:
        One row per municipality and peer: ``gm_code, peer_rank (1 = nearest), peer_gm_code,
        peer_gm_name, peer_distance_sd, peer_features_count`` (characteristics used for the pair).

    Raises:
        PeerDataError: bad characteristics, or ``k`` not below the number of municipalities.
    """
    if not 1 <= k < len(frame):
        raise PeerDataError(f"k = {k} peers needs more than {k} municipalities (got {len(frame)})")
    z, _, _ = standardise(feature_matrix(frame, features))
    distance, shared = pair_distances(z)
    codes = z.index.to_numpy()
    names = frame.set_index("gm_code")["gm_name"] if "gm_name" in frame.columns else pd.Series(codes, index=codes)
    order_by_code = np.argsort(codes, kind="stable")
    rows = []
    for i, code in enumerate(codes):
        candidates = [j for j in order_by_code if not np.isnan(distance[i, j])]
        # sorted by distance, then by code (candidates are in code order and the sort is stable)
        ranked = sorted(candidates, key=lambda j, i=i: distance[i, j])[:k]
        for rank, j in enumerate(ranked, start=1):
            rows.append((code, rank, codes[j], names.get(codes[j]), float(distance[i, j]), int(shared[i, j])))
    columns = ["gm_code", "peer_rank", "peer_gm_code", "peer_gm_name", "peer_distance_sd", "peer_features_count"]
    result = pd.DataFrame(rows, columns=columns)
    return result.astype({"gm_code": "string", "peer_gm_code": "string", "peer_gm_name": "string"})


def method_record(
    frame: pd.DataFrame, k: int = DEFAULT_K, features: tuple[PeerFeature, ...] = PEER_FEATURES
) -> dict[str, object]:
    """The method as data, for a report to state: characteristics, standardisation, distance, k, missing rule."""
    matrix = feature_matrix(frame, features)
    _, means, sds = standardise(matrix)
    return {
        "k": k,
        "municipalities_count": len(matrix),
        "standardisation": "z-scores over the municipalities of 1 January 2017: (value - mean) / sd, ddof=1",
        "distance": "Euclidean on the z-scores, every characteristic weighing the same",
        "missing_rule": (
            "a characteristic missing for either municipality is left out of the pair's distance and the sum "
            f"of squares scaled by p/shared; pairs sharing fewer than {MIN_SHARED} are never peers"
        ),
        "ties": "equal distances are ordered by municipality code",
        "features": [
            {
                **asdict(feature),
                "mean": float(means[feature.column]),
                "sd": float(sds[feature.column]),
                "missing_count": int(matrix[feature.column].isna().sum()),
            }
            for feature in features
        ],
    }


def write_peer_layer(frame: pd.DataFrame, k: int = DEFAULT_K) -> tuple[Path, Path]:
    """Write the peers and their method to ``data/processed`` (a build step); returns both paths."""
    peers_path, method_path = processed(PEERS_FILE), processed(PEERS_METHOD_FILE)
    layers.write_parquet(nearest_peers(frame, k), peers_path)
    text = json.dumps(method_record(frame, k), indent=2, ensure_ascii=False)
    layers.write_atomically(method_path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return peers_path, method_path


def load_peers() -> pd.DataFrame:
    """The processed peer layer (run ``make data`` first)."""
    return layers.read_processed(PEERS_FILE)


def load_peer_method() -> dict[str, object]:
    """The method the processed peers were chosen by, as :func:`method_record` wrote it."""
    path = processed(PEERS_METHOD_FILE)
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist yet: run `make data` (python -m analysis build)")
    return json.loads(path.read_text(encoding="utf-8"))


def peer_codes(gm_code: str, peers: pd.DataFrame | None = None) -> list[str]:
    """The codes of a municipality's structural peers, nearest first.

    Raises:
        KeyError: the municipality has no peers in the layer.
    """
    peers = load_peers() if peers is None else peers
    chosen = peers[peers["gm_code"] == gm_code].sort_values("peer_rank")
    if chosen.empty:
        raise KeyError(f"{gm_code} has no structural peers in {PEERS_FILE}")
    return chosen["peer_gm_code"].astype(str).tolist()


def comparison_groups(
    municipalities: pd.DataFrame, gm_code: str, case_codes: list[str], peers: pd.DataFrame | None = None
) -> dict[str, list[str]]:
    """The groups of ``indicators.peer_groups`` plus ``"structural_peers"`` (e.g. for ``bijstand.peer_trend``)."""
    return {**peer_groups(municipalities, gm_code, case_codes), "structural_peers": peer_codes(gm_code, peers)}


def compare_with_peers(
    municipalities: pd.DataFrame, gm_code: str, case_codes: list[str], peers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Key figures against the Netherlands, same stedelijkheid, the twenty and the structural peers.

    The frame of :func:`analysis.geo.indicators.compare_key_figures` with one more column,
    :data:`PEERS_MEDIAN_COLUMN`: the median of the peers (missing values left out; NaN when no
    peer has the figure).
    """
    table = compare_key_figures(municipalities, gm_code, case_codes)
    medians = key_figure_values(municipalities).loc[peer_codes(gm_code, peers)].median()
    table[PEERS_MEDIAN_COLUMN] = [medians[column] for column in table.index]
    return table
