"""The municipal report's structurally similar municipalities: the section and its view.

Stedelijkheid alone is a coarse comparison; the build chose each municipality's nearest
municipalities on standardised CBS characteristics (:mod:`analysis.geo.peers`). This section lists
them with their distance, states the method from the record the build wrote (never retyped) and maps
them; the key figures, the bijstand trend and local democracy use them as the fourth comparison.
The two halves (facts, then blocks in one language) share one module, as in
:mod:`analysis.report.common`.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from analysis.core.format import Language, format_number, format_value
from analysis.narrative import say
from analysis.narrative.peers import peer_list_sentence, peer_method_sentence
from analysis.report.blocks import Block, Heading, Paragraph, Table
from analysis.report.context import MunicipalContext
from analysis.report.municipal_views import rendered_block, stedelijkheid_label
from analysis.viz import peer_maps

# --- the section --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeersResult:
    """A municipality's structurally similar municipalities and the method they were chosen by.

    ``table``: one row per peer, nearest first: ``peer_rank``, ``gm_code``, ``gm_name``,
    ``peer_distance_sd`` (Euclidean distance on the z-scores), ``peer_features_count``
    (characteristics both had), ``population_count``, ``stedelijkheid_class``. ``method``: the record
    of :func:`analysis.geo.peers.method_record` (k, characteristics with mean and sd, the rules).
    """

    gm_code: str
    name: str
    table: pd.DataFrame
    method: dict[str, object]
    municipalities: gpd.GeoDataFrame

    @property
    def peer_codes(self) -> list[str]:
        """The peers' codes, nearest first."""
        return self.table["gm_code"].tolist()


def structural_peers(ctx: MunicipalContext) -> PeersResult:
    """The municipality's structural peers from the processed layer, with size and stedelijkheid."""
    own = ctx.structural_peers[ctx.structural_peers["gm_code"] == ctx.gm_code].sort_values("peer_rank")
    facts = pd.DataFrame(ctx.municipalities[["gm_code", "population_count", "stedelijkheid_class"]])
    table = (
        own[["peer_rank", "peer_gm_code", "peer_gm_name", "peer_distance_sd", "peer_features_count"]]
        .rename(columns={"peer_gm_code": "gm_code", "peer_gm_name": "gm_name"})
        .astype({"gm_code": str, "gm_name": str})
        .merge(facts, on="gm_code", how="left")
        .reset_index(drop=True)
    )
    return PeersResult(
        gm_code=ctx.gm_code,
        name=ctx.name,
        table=table,
        method=ctx.peer_method,
        municipalities=ctx.municipalities,
    )


# --- the view -----------------------------------------------------------------------------------


def peers_table(result: PeersResult, language: Language = "nl") -> Table:
    """The peers for reading, nearest first; the unformatted numbers travel along as CSV."""
    table = result.table
    features_total = len(result.method.get("features", []))  # type: ignore[arg-type]
    rank = say("municipal.similar.col.rank", language)
    distance = say("municipal.similar.col.distance", language)
    inhabitants = say("municipal.similar.col.inhabitants", language)
    features = say("municipal.similar.col.features", language, total=features_total)
    frame = pd.DataFrame(
        {
            say("municipal.similar.col.municipality", language): table["gm_name"].tolist(),
            rank: [format_number(r, 0, language) for r in table["peer_rank"]],
            inhabitants: [format_value(n, "aantal", language) for n in table["population_count"]],
            say("municipal.similar.col.stedelijkheid", language): [
                f"{int(c)} ({stedelijkheid_label(int(c), language)})" for c in table["stedelijkheid_class"]
            ],
            distance: [format_number(d, 2, language) for d in table["peer_distance_sd"]],
            features: [format_number(n, 0, language) for n in table["peer_features_count"]],
        }
    )
    return Table(frame, numeric=(rank, inhabitants, distance, features), data=table, csv_name="vergelijkbare-gemeenten")


def peers_blocks(result: PeersResult, language: Language = "nl") -> list[Block]:
    """The peers named, the method in words, the table and the map."""
    if result.table.empty:
        return [
            Heading(say("municipal.similar.heading", language)),
            Paragraph(say("municipal.similar.none", language, name=result.name)),
        ]
    peer_map = peer_maps.peer_map_png(result.municipalities, result.gm_code, result.peer_codes, language=language)
    return [
        Heading(say("municipal.similar.heading", language)),
        Paragraph(say("municipal.similar.intro", language)),
        Paragraph(peer_list_sentence(result.name, result.table["gm_name"].tolist(), language)),
        peers_table(result, language),
        Paragraph(
            peer_method_sentence(result.method, language) + " " + say("municipal.similar.distance_note", language),
            lead=say("municipal.similar.method_lead", language),
        ),
        rendered_block(peer_map, "vergelijkbare-gemeenten"),
    ]
