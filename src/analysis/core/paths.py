"""Every directory the project reads or writes, resolved from this file, never from the cwd.

Two settings come from the environment so that tests and other machines can redirect them:

- ``GEMEENTEN3D_MIRROR``: the local mirror of the original online sources
  (default ``../shared/data`` beside the repository, where it exists);
- ``GEMEENTEN3D_DATA``: the root of the ``raw/interim/processed`` layers (default ``data/``).
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parents[3]
CONFIG_DIR: Path = REPO_ROOT / "config"
NOTEBOOKS_DIR: Path = REPO_ROOT / "notebooks"
REPORTS_DIR: Path = REPO_ROOT / "reports"

MIRROR_ENV = "GEMEENTEN3D_MIRROR"
DATA_ENV = "GEMEENTEN3D_DATA"


def data_dir() -> Path:
    """Root of the data layers: ``$GEMEENTEN3D_DATA`` or ``<repo>/data``."""
    return Path(os.environ.get(DATA_ENV) or REPO_ROOT / "data").resolve()


def raw_dir() -> Path:
    """Immutable copies of the sources, each with a checksum in ``MANIFEST.json``."""
    return data_dir() / "raw"


def interim_dir() -> Path:
    """Intermediate files between raw and processed (cleaned, not yet joined)."""
    return data_dir() / "interim"


def processed_dir() -> Path:
    """The layers notebooks read: geometry in EPSG:28992, tables with documented columns."""
    return data_dir() / "processed"


def mirror_dir() -> Path | None:
    """The offline mirror of the online sources, or ``None`` when there is none.

    ``$GEMEENTEN3D_MIRROR`` wins when set (and must exist); otherwise ``../shared/data`` next to
    the repository is used when it exists.
    """
    configured = os.environ.get(MIRROR_ENV)
    if configured:
        path = Path(configured).expanduser().resolve()
        if not path.is_dir():
            raise FileNotFoundError(f"{MIRROR_ENV}={configured!r} is not a directory")
        return path
    default = (REPO_ROOT.parent / "shared" / "data").resolve()
    return default if default.is_dir() else None
