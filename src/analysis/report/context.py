"""Everything one municipal report reads, loaded once: processed layers, the cases, the codings.

The context does no analysis: it resolves the municipality, reads what the build prepared and
imports the codings. Sections (:mod:`analysis.report.municipal_sections`) compute from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import geopandas as gpd
import pandas as pd

from analysis.core import layers
from analysis.geo.cases import load_cases, resolve_municipality
from analysis.geo.geography import load_municipalities
from analysis.geo.peers import load_peer_method
from analysis.qual import codings
from analysis.qual.codebook import Codebook
from analysis.report.common import codebook_in_use, use_data_dir
from analysis.viz import style


@dataclass(frozen=True)
class MunicipalContext:
    """The inputs of one municipal report.

    Attributes:
        gm_code: the municipality (CBS code of 1 January 2017).
        municipalities: the 388 municipalities with key figures and outlines (EPSG:28992).
        cases: the twenty municipalities of the study (``gm_code``, ``gm_name``).
        memberships: region memberships per municipality (one row each).
        region_sizes: inhabitants and members per region.
        region_outlines: region outlines (EPSG:28992).
        bijstand: bijstand 2015-2017 on 2017 boundaries, long (one row per municipality and year).
        elections_2010: the council election of 2010 joined to the municipalities of 2017.
        councils_2018: the councils elected on 21 March 2018, per municipality of 2017.
        structural_peers: every municipality's structurally similar municipalities
            (:func:`analysis.geo.peers.nearest_peers`, built once by ``make data``).
        peer_method: the method those peers were chosen by (:func:`analysis.geo.peers.method_record`).
        coded: the codings import (accepted, rejected, where from).
        codebook: the codebook the codings were checked against.
    """

    gm_code: str
    municipalities: gpd.GeoDataFrame
    cases: pd.DataFrame
    memberships: pd.DataFrame
    region_sizes: pd.DataFrame
    region_outlines: gpd.GeoDataFrame
    bijstand: pd.DataFrame
    elections_2010: pd.DataFrame
    councils_2018: pd.DataFrame
    structural_peers: pd.DataFrame
    peer_method: dict[str, object]
    coded: codings.CodingImport
    codebook: Codebook

    @cached_property
    def row(self) -> pd.Series:
        """The municipality's own row of the municipal table (looked up once: sections ask for it often)."""
        return self.municipalities.set_index("gm_code").loc[self.gm_code]

    @cached_property
    def name(self) -> str:
        """The municipality's name of 1 January 2017."""
        return str(self.row["gm_name"])

    @property
    def case_codes(self) -> list[str]:
        """The codes of the twenty, in the registry's order."""
        return list(self.cases["gm_code"])

    @property
    def is_case(self) -> bool:
        """True when the municipality is one of the twenty of the study."""
        return self.gm_code in self.case_codes


def open_context(municipality: str, codings_path: str = "", data_dir: str = "") -> MunicipalContext:
    """Load the inputs of the report on ``municipality`` (a CBS code or a name).

    Args:
        municipality: ``GM0599``, ``599`` or ``Rotterdam``.
        codings_path: a tidy CSV or REFI-QDA export; empty for the illustrative example.
        data_dir: another data root; empty for the project's ``data/``.

    Raises:
        analysis.geo.cases.UnknownMunicipalityError: no municipality of 2017 matches.
        FileNotFoundError: the processed layers are not built (the message says how).
    """
    style.apply_style()
    use_data_dir(data_dir)
    municipalities = load_municipalities()
    names = municipalities[["gm_code", "gm_name"]]
    gm_code = resolve_municipality(municipality, names)
    coded = codings.load_report_codings(codings_path, text_for=gm_code)  # other municipalities: counts, no text
    return MunicipalContext(
        gm_code=gm_code,
        municipalities=municipalities,
        cases=load_cases(municipalities=names),
        memberships=layers.read_processed(layers.MEMBERSHIPS_FILE),
        region_sizes=layers.read_processed(layers.REGION_SIZES_FILE),
        region_outlines=layers.read_processed(layers.OUTLINES_FILE),
        bijstand=layers.read_processed(layers.BIJSTAND_FILE),
        elections_2010=layers.read_processed(layers.ELECTIONS_FILE),
        councils_2018=layers.read_processed(layers.COUNCILS_2018_FILE),
        structural_peers=layers.read_processed(layers.PEERS_FILE),
        peer_method=load_peer_method(),
        coded=coded,
        codebook=codebook_in_use(coded),
    )
