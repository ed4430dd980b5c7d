"""Shared fixtures: the offline mirror, the built data layers, tiny geographic frames."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from analysis.core import paths

ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The offline mirror; tests that need it skip locally without it but fail on CI."""
    location = paths.mirror_dir()
    if location is None:
        if ON_CI:
            pytest.fail(f"CI needs the data mirror (../shared/data or ${paths.MIRROR_ENV})")
        pytest.skip("no data mirror on this machine")
    return location


@pytest.fixture(scope="session")
def built_data(mirror: Path) -> Path:
    """The processed layers in the project's data folder (built once, as `make data` does)."""
    from analysis.pipeline.build import build

    build()
    return paths.processed_dir()


@pytest.fixture
def isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty data root for tests that write raw or processed files."""
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def grid() -> gpd.GeoDataFrame:
    """Three by two 1-km squares in EPSG:28992, coded GM0001..GM0006, row by row."""
    cells = [box(x * 1000, y * 1000, (x + 1) * 1000, (y + 1) * 1000) for y in range(2) for x in range(3)]
    return gpd.GeoDataFrame(
        {
            "gm_code": [f"GM{i:04d}" for i in range(1, 7)],
            "gm_name": ["Aa", "Bee", "Cee", "Dee", "Ee", "Ef"],
            "population_count": [1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0],
        },
        geometry=cells,
        crs="EPSG:28992",
    )


@pytest.fixture(scope="module")
def module_data_root(tmp_path_factory: pytest.TempPathFactory):
    """A temporary data root for a whole test module: raw copies never land in the repository's data/."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(paths.DATA_ENV, str(tmp_path_factory.mktemp("data")))
        yield
