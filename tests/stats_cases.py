"""Small case tables shared by the statistics tests (plain functions; fixtures wrap them)."""

from __future__ import annotations

import numpy as np
import pandas as pd

POPULATION_K = [
    12.5, 18.0, 25.3, 31.0, 44.2, 52.8, 60.1, 75.5, 80.0, 95.2,
    110.4, 121.0, 135.7, 150.2, 162.9, 180.3, 199.0, 215.6, 240.1, 260.0,
]  # fmt: skip


def codes(n: int) -> pd.Index:
    """``GM0001`` ... as a ``gm_code`` index."""
    return pd.Index([f"GM{i:04d}" for i in range(1, n + 1)], name="gm_code")


def tea_table() -> pd.DataFrame:
    """Fisher's lady tasting tea as a case table: [[3, 1], [1, 3]]."""
    size = ["large"] * 4 + ["small"] * 4
    present = [1, 1, 1, 0, 1, 0, 0, 0]
    return pd.DataFrame(
        {"size_class": pd.Categorical(size, ["large", "small"]), "theme_tea_present": present}, index=codes(8)
    )


def twenty_cases() -> pd.DataFrame:
    """Twenty fictitious municipalities with fixed values (no randomness in the tests)."""
    frame = pd.DataFrame(
        {
            "population_k": POPULATION_K,
            "population_count": [v * 1000 for v in POPULATION_K],
            "urban": [0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1],
            "stedelijkheid_class": pd.array(
                [5, 4, 5, 3, 4, 4, 3, 5, 2, 3, 4, 2, 3, 2, 1, 3, 2, 4, 1, 1], dtype="Int64"
            ),
            "province_name": ["Gelderland", "Limburg", "Drenthe", "Gelderland", "Limburg"] * 4,
            "theme_coop_present": [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1],
            "theme_coop_segments": [0, 0, 2, 0, 0, 3, 0, 0, 2, 0, 4, 0, 3, 6, 0, 5, 7, 0, 6, 9],
            "theme_all_present": [1] * 20,
            "theme_none_present": [0] * 20,
            "theme_none_segments": [0] * 20,
        },
        index=codes(20),
    )
    frame["size_class"] = pd.Categorical(np.where(frame["population_k"] > 100, "large", "small"), ["large", "small"])
    return frame


def crisp_table() -> pd.DataFrame:
    """Ten cases, two crisp conditions and an outcome; case 10 misses B."""
    return pd.DataFrame(
        {
            "A": [1, 1, 1, 1, 0, 0, 0, 0, 1, 1],
            "B": [1, 1, 0, 0, 1, 1, 0, 0, 1, np.nan],
            "Y": [1, 1, 1, 0, 1, 0, 0, 0, 1, 1],
        },
        index=codes(10),
    )
