"""The municipal report's sections as pure functions: context in, result (tables and numbers) out.

No words, no HTML, no display: a researcher calls ``key_figures(ctx)`` in a notebook and gets
``result.table`` to inspect or re-plot; :mod:`analysis.report.municipal_views` turns each result
into blocks in one language.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from analysis.geo import geography
from analysis.geo import peers as geo_peers
from analysis.geo import regions as geo_regions
from analysis.qual import quotes as qual_quotes
from analysis.qual import themes as qual_themes
from analysis.qual.codebook import Codebook
from analysis.report.common import CodingsOrigin, SourceRecord, codings_origin, source_records
from analysis.report.context import MunicipalContext
from analysis.social import bijstand, councils, elections, statline

#: Regions drawn on a map: the two the decentralised tasks are organised in.
MAPPED_REGIONS: tuple[str, ...] = ("youth_care_region", "labour_market_region")
#: The social-domain topic the report draws; every other StatLine table it names when unavailable.
DRAWN_TOPIC = "bijstand"
#: The raw sources this report draws on (cited in its sources panel).
USED_SOURCES: tuple[str, ...] = (
    geography.SOURCE_NAME,
    geo_regions.SOURCE_NAME,
    bijstand.SOURCE_NAME,
    elections.SOURCE_NAME,
    councils.SOURCE_NAME,
)
#: How many of the most coded themes the report names.
TOP_THEMES = 3


# --- header and location ------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderResult:
    """Who the report is about."""

    gm_code: str
    name: str
    is_case: bool
    population_count: float
    stedelijkheid_class: int
    is_illustrative: bool
    structural_peers_count: int  #: k of the structural peers (from the build's method record)


def header(ctx: MunicipalContext) -> HeaderResult:
    """The municipality's identification for the title and the reading guide."""
    row = ctx.row
    return HeaderResult(
        gm_code=ctx.gm_code,
        name=ctx.name,
        is_case=ctx.is_case,
        population_count=float(row["population_count"]),
        stedelijkheid_class=int(row["stedelijkheid_class"]),
        is_illustrative=bool(ctx.coded.is_illustrative),
        structural_peers_count=int(ctx.peer_method["k"]),
    )


@dataclass(frozen=True)
class LocationResult:
    """The municipality and its neighbours on the map of 2017 (outlines in EPSG:28992)."""

    gm_code: str
    name: str
    neighbours: pd.DataFrame  #: ``gm_code``, ``gm_name`` of the municipalities on its border
    municipalities: gpd.GeoDataFrame


def location(ctx: MunicipalContext) -> LocationResult:
    """Where the municipality lies and which municipalities border it."""
    near = geo_regions.neighbours(ctx.municipalities, ctx.gm_code)
    return LocationResult(
        gm_code=ctx.gm_code,
        name=ctx.name,
        neighbours=pd.DataFrame(near[["gm_code", "gm_name"]]).reset_index(drop=True),
        municipalities=ctx.municipalities,
    )


# --- key figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFiguresResult:
    """Key figures of 1 January 2017 against the Netherlands and two peer groups.

    ``table`` is :func:`analysis.geo.peers.compare_with_peers`: one row per key figure (index: the
    column of the municipal table) with ``label``, ``unit``, ``municipality``, ``netherlands``,
    ``same_stedelijkheid_median``, ``cases_median``, ``rank_of_all`` and
    ``structural_peers_median`` (the fourth comparison).
    """

    gm_code: str
    name: str
    table: pd.DataFrame
    same_stedelijkheid_count: int
    cases_count: int
    structural_peers_count: int
    municipalities_count: int
    case_codes: tuple[str, ...]
    municipalities: gpd.GeoDataFrame


def key_figures(ctx: MunicipalContext) -> KeyFiguresResult:
    """The municipality's key figures with the national value, three group medians and its rank."""
    groups = peer_codes(ctx)
    return KeyFiguresResult(
        gm_code=ctx.gm_code,
        name=ctx.name,
        table=geo_peers.compare_with_peers(ctx.municipalities, ctx.gm_code, ctx.case_codes, ctx.structural_peers),
        same_stedelijkheid_count=len(groups["same_stedelijkheid"]),
        cases_count=len(groups["cases"]),
        structural_peers_count=len(groups["structural_peers"]),
        municipalities_count=len(ctx.municipalities),
        case_codes=tuple(ctx.case_codes),
        municipalities=ctx.municipalities,
    )


def peer_codes(ctx: MunicipalContext) -> dict[str, list[str]]:
    """The comparison groups by role: ``same_stedelijkheid``, ``cases`` (the twenty), ``structural_peers``."""
    return geo_peers.comparison_groups(ctx.municipalities, ctx.gm_code, ctx.case_codes, ctx.structural_peers)


# --- regions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionsResult:
    """The regions the municipality belongs to, their size, and which it shares with neighbours.

    ``table``: one row per region type (``region_type``, ``region_code``, ``region_name``,
    ``municipalities_count``, ``inhabitants_count``, ``meets_scale``: at least
    ``scale_inhabitants``). ``shared``: per neighbour ``gm_code``, ``gm_name``,
    ``shared_region_types_count`` and ``not_shared_region_types`` (a tuple of region-type keys).
    """

    gm_code: str
    name: str
    table: pd.DataFrame
    scale_inhabitants: int
    shared: pd.DataFrame
    mapped_regions: tuple[str, ...]
    municipalities: gpd.GeoDataFrame
    memberships: pd.DataFrame
    region_outlines: gpd.GeoDataFrame

    @property
    def below_scale(self) -> list[str]:
        """Region types whose region stays under the scale of the decentralisations."""
        return self.table.loc[~self.table["meets_scale"], "region_type"].tolist()


def regions(ctx: MunicipalContext) -> RegionsResult:
    """Region memberships with their size, and the regions shared with each neighbour."""
    sizes = ctx.region_sizes
    own = ctx.memberships.set_index("gm_code").loc[ctx.gm_code]
    rows = []
    for region in geo_regions.REGION_TYPES.values():
        code = own[f"{region.key}_code"]
        size = sizes[(sizes["region_type"] == region.key) & (sizes["region_code"] == code)]
        inhabitants = float(size["inhabitants_count"].iloc[0])
        rows.append(
            {
                "region_type": region.key,
                "region_code": code,
                "region_name": own[f"{region.key}_name"],
                "municipalities_count": int(size["municipalities_count"].iloc[0]),
                "inhabitants_count": inhabitants,
                "meets_scale": inhabitants >= geo_regions.DECENTRALISATION_SCALE_INHABITANTS,
            }
        )
    shared = geo_regions.shared_regions_with_neighbours(ctx.municipalities, ctx.memberships, ctx.gm_code)
    shared = shared[["gm_code", "gm_name", "shared_region_types_count"]].assign(
        not_shared_region_types=[tuple(k for k in keys.split(", ") if k) for keys in shared["not_shared_region_types"]]
    )
    return RegionsResult(
        gm_code=ctx.gm_code,
        name=ctx.name,
        table=pd.DataFrame(rows),
        scale_inhabitants=geo_regions.DECENTRALISATION_SCALE_INHABITANTS,
        shared=shared.reset_index(drop=True),
        mapped_regions=MAPPED_REGIONS,
        municipalities=ctx.municipalities,
        memberships=ctx.memberships,
        region_outlines=ctx.region_outlines,
    )


# --- social domain ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SocialDomainResult:
    """Bijstand 2015-2017 on 2017 boundaries, and the social-domain tables the mirror lacks.

    ``years``: the municipality's rows (``year``, ``table_id``, ``recipients_count``,
    ``recipients_per_1000_inhabitants``, ``is_remapped``, ``missing_reason``). ``unavailable``:
    ``table_id`` and ``topic`` of each table that could not be loaded offline.
    """

    gm_code: str
    name: str
    years: pd.DataFrame
    status: str  #: provisional/definitive as recorded, or :data:`statline.STATUS_NOT_RECORDED`
    unavailable: pd.DataFrame
    bijstand: pd.DataFrame
    peers: dict[str, list[str]]

    @property
    def status_recorded(self) -> bool:
        """False when the local copy does not say whether the figures are provisional."""
        return self.status != statline.STATUS_NOT_RECORDED


def social_domain(ctx: MunicipalContext) -> SocialDomainResult:
    """The municipality's bijstand per year and the tables that are not available offline."""
    own = ctx.bijstand[ctx.bijstand["gm_code"] == ctx.gm_code].sort_values("year")
    years = pd.DataFrame(
        {
            "year": own["year"].astype(int).to_numpy(),
            "table_id": [bijstand.BIJSTAND_TABLES[int(y)].table_id for y in own["year"]],
            "recipients_count": own["recipients_count"].to_numpy(),
            "recipients_per_1000_inhabitants": own["recipients_per_1000_inhabitants"].to_numpy(),
            "is_remapped": own["is_remapped"].astype(bool).to_numpy(),
            "missing_reason": own["missing_reason"].to_numpy(),
        }
    )
    missing = [
        {"table_id": table.table_id, "topic": table.topic}
        for table in statline.SOCIAL_DOMAIN_TABLES.values()
        if table.topic != DRAWN_TOPIC
        and isinstance(statline.load_table(table.table_id, online=False), statline.Unavailable)
    ]
    statuses = {statline.table_status(table_id)["status"] for table_id in years["table_id"]}
    return SocialDomainResult(
        gm_code=ctx.gm_code,
        name=ctx.name,
        years=years,
        status=statuses.pop() if len(statuses) == 1 else statline.STATUS_NOT_RECORDED,
        unavailable=pd.DataFrame(missing, columns=["table_id", "topic"]),
        bijstand=ctx.bijstand,
        peers=peer_codes(ctx),
    )


# --- themes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemesResult:
    """The municipality's coded material and its theme profile.

    ``profile`` (:func:`analysis.qual.themes.theme_profile`, empty when the municipality has no
    accepted codings): per theme ``label_nl``, ``label_en``, ``n_segments``, ``share`` (of the
    municipality's coded fragments), ``group_mean`` (mean share of the twenty), ``difference``.
    ``top``: the most coded themes (:func:`analysis.qual.themes.top_themes`).
    """

    gm_code: str
    name: str
    is_case: bool
    origin: CodingsOrigin
    rejected_count: int  #: rejected codings that named this municipality
    codings_count: int
    segments_count: int
    documents_count: int
    coders_count: int
    top: pd.DataFrame
    profile: pd.DataFrame
    accepted: pd.DataFrame
    codebook: Codebook
    comparison_codes: tuple[str, ...]
    comparison_with_codings_count: int  #: of the twenty, how many have accepted codings (the mean's base)
    names: dict[str, str]

    @property
    def has_profile(self) -> bool:
        """True when the municipality has accepted codings to profile."""
        return self.codings_count > 0


def themes(ctx: MunicipalContext) -> ThemesResult:
    """Counts of the municipality's codings and its share of coded fragments per theme."""
    coded = ctx.coded
    accepted = coded.accepted
    own = accepted[accepted["gm_code"] == ctx.gm_code]
    rejected = coded.rejected
    rejected_here = int((rejected["gm_code"] == ctx.gm_code).sum()) if "gm_code" in rejected else 0
    if own.empty:
        top = pd.DataFrame(columns=["theme", "label_nl", "label_en", "n_segments", "share"])
        profile = pd.DataFrame(columns=["label_nl", "label_en", "share", "group_mean", "n_segments", "difference"])
    else:
        top = qual_themes.top_themes(accepted, ctx.codebook, n=TOP_THEMES, gm_code=ctx.gm_code)
        top = top[top["n_segments"] > 0].reset_index(drop=True)  # a theme never coded is not "most coded"
        profile = qual_themes.theme_profile(accepted, ctx.codebook, ctx.gm_code, municipalities=ctx.case_codes)
    names = dict(zip(ctx.cases["gm_code"], ctx.cases["gm_name"], strict=True)) | {ctx.gm_code: ctx.name}
    return ThemesResult(
        gm_code=ctx.gm_code,
        name=ctx.name,
        is_case=ctx.is_case,
        origin=codings_origin(coded),
        rejected_count=rejected_here,
        codings_count=len(own),
        segments_count=len(own[["document", "segment_id"]].drop_duplicates()),
        documents_count=int(own["document"].nunique()),
        coders_count=int(own["coder"].nunique()),
        top=top,
        profile=profile,
        accepted=accepted,
        codebook=ctx.codebook,
        comparison_codes=tuple(ctx.case_codes),
        comparison_with_codings_count=accepted.loc[accepted["gm_code"].isin(ctx.case_codes), "gm_code"].nunique(),
        names=names,
    )


# --- fragments ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FragmentsResult:
    """Exemplar coded fragments for the municipality's most coded themes.

    ``themes``: the chosen themes (``theme``, ``label_nl``, ``label_en``, ``n_segments``), most coded
    first. ``quotes``: :func:`analysis.qual.quotes.exemplar_quotes` for those themes (columns
    :data:`analysis.qual.quotes.QUOTE_COLUMNS`; ``text_status`` says where a text came from or
    that the codings file has none).
    """

    gm_code: str
    name: str
    themes: pd.DataFrame
    quotes: pd.DataFrame
    is_illustrative: bool
    max_chars: int
    exemplar_rule: str

    @property
    def has_text(self) -> bool:
        """True when at least one chosen fragment has a text to quote."""
        return bool((self.quotes["text_status"] != qual_quotes.NO_TEXT).any()) if len(self.quotes) else False


def fragments(ctx: MunicipalContext, themes_count: int = TOP_THEMES, quotes_per_theme: int = 2) -> FragmentsResult:
    """Up to ``quotes_per_theme`` exemplar fragments for each of the ``themes_count`` most coded themes.

    The exemplars follow :data:`analysis.qual.quotes.EXEMPLAR_RULE` (deterministic).
    """
    accepted = ctx.coded.accepted
    own = accepted[accepted["gm_code"] == ctx.gm_code]
    if own.empty:
        chosen = pd.DataFrame(columns=["theme", "label_nl", "label_en", "n_segments"])
        quotes = pd.DataFrame(columns=qual_quotes.QUOTE_COLUMNS)
    else:
        top = qual_themes.top_themes(accepted, ctx.codebook, n=themes_count, gm_code=ctx.gm_code)
        chosen = top.loc[top["n_segments"] > 0, ["theme", "label_nl", "label_en", "n_segments"]].reset_index(drop=True)
        quotes = qual_quotes.exemplar_quotes(
            accepted, ctx.codebook, gm_code=ctx.gm_code, themes=list(chosen["theme"]), per_theme=quotes_per_theme
        )
    return FragmentsResult(
        gm_code=ctx.gm_code,
        name=ctx.name,
        themes=chosen,
        quotes=quotes,
        is_illustrative=bool(ctx.coded.is_illustrative),
        max_chars=qual_quotes.QUOTE_MAX_CHARS,
        exemplar_rule=qual_quotes.EXEMPLAR_RULE,
    )


# --- sources ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourcesResult:
    """Every source the report used, and the codings file."""

    records: tuple[SourceRecord, ...]
    codings: CodingsOrigin


def sources(ctx: MunicipalContext) -> SourcesResult:
    """The raw-layer sources this report draws on, and the codings file it read."""
    return SourcesResult(records=source_records(USED_SOURCES), codings=codings_origin(ctx.coded))
