"""The annex's descriptive chapters as pure functions: context in, result (tables and numbers) out.

Chapters 1-4 (selection, key figures, regions, social domain) and the header. No words, no
formatting, no display: the views (:mod:`analysis.report.annex_views`) turn a result into blocks
in either language. Every result names the function that computed it (``computed_by``) so that
the annex can say where each table comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from analysis.geo import regions
from analysis.geo.indicators import SIZE_CLASSES
from analysis.report.annex_context import AnnexContext
from analysis.report.common import CodingsOrigin, SourceRecord, codings_origin, source_records
from analysis.social import bijstand, statline

#: Region types the annex compares with the 100,000 scale.
SCALE_REGION_TYPES: tuple[str, ...] = ("youth_care_region", "labour_market_region")


def size_class_index(population: float) -> int:
    """Position of a population in :data:`analysis.geo.indicators.SIZE_CLASSES` (0 = smallest)."""
    for index, (low, high, _) in enumerate(SIZE_CLASSES):
        if low <= population < high:
            return index
    raise ValueError(f"no size class for population {population}")


def _computed_by(function: object) -> str:
    return f"{function.__module__}.{function.__qualname__}"  # type: ignore[attr-defined]


@dataclass(frozen=True)
class HeaderResult:
    """The spread of the selection for the reading guide."""

    n_cases: int
    n_municipalities: int
    population_total: int
    population_share_pct: float
    population_min: int
    population_max: int
    is_illustrative: bool


def header(ctx: AnnexContext) -> HeaderResult:
    """Population of the twenty against the Netherlands (1 January 2017)."""
    everyone = ctx.municipalities
    population = everyone.loc[everyone["gm_code"].isin(ctx.case_codes), "population_count"]
    return HeaderResult(
        n_cases=len(ctx.case_codes),
        n_municipalities=len(everyone),
        population_total=int(population.sum()),
        population_share_pct=float(100 * population.sum() / everyone["population_count"].sum()),
        population_min=int(population.min()),
        population_max=int(population.max()),
        is_illustrative=bool(ctx.coded.is_illustrative),
    )


@dataclass(frozen=True)
class SelectionResult:
    """The twenty against all municipalities of 2017.

    Attributes:
        municipalities: all municipalities (GeoDataFrame, EPSG:28992) for the map and scatter.
        case_codes: the twenty.
        size_spread: per size class (``size_class_index``, ``low``, ``high``) the counts
            ``cases_count`` and ``all_count``.
        size_by_stedelijkheid: per stedelijkheid class x size class ``cases_count``, ``all_count``.
        empty_combinations: occupied combinations (some municipality) without a case.
        occupied_combinations: combinations with at least one municipality.
        provinces: per province ``cases_count`` and ``all_count``.
        provinces_without_case: provinces with no case.
    """

    municipalities: gpd.GeoDataFrame
    case_codes: tuple[str, ...]
    size_spread: pd.DataFrame
    size_by_stedelijkheid: pd.DataFrame
    empty_combinations: int
    occupied_combinations: int
    provinces: pd.DataFrame
    provinces_without_case: tuple[str, ...]
    computed_by: str = ""


def selection(ctx: AnnexContext) -> SelectionResult:
    """Spread of the twenty over size class, stedelijkheid x size and province, against all 388."""
    everyone = pd.DataFrame(ctx.municipalities.drop(columns="geometry")).assign(
        size_class_index=lambda f: f["population_count"].map(size_class_index),
        is_case=lambda f: f["gm_code"].isin(ctx.case_codes),
    )
    classes = range(len(SIZE_CLASSES))
    spread = pd.DataFrame(
        {
            "size_class_index": list(classes),
            "low": [SIZE_CLASSES[i][0] for i in classes],
            "high": [SIZE_CLASSES[i][1] for i in classes],
            "cases_count": everyone.loc[everyone["is_case"], "size_class_index"].value_counts().reindex(classes),
            "all_count": everyone["size_class_index"].value_counts().reindex(classes),
        }
    ).fillna(0)
    spread[["cases_count", "all_count"]] = spread[["cases_count", "all_count"]].astype(int)
    grid = (
        everyone.groupby(["stedelijkheid_class", "size_class_index"])
        .agg(cases_count=("is_case", "sum"), all_count=("is_case", "size"))
        .reindex(
            pd.MultiIndex.from_product(
                [sorted(everyone["stedelijkheid_class"].dropna().astype(int).unique()), list(classes)],
                names=["stedelijkheid_class", "size_class_index"],
            ),
            fill_value=0,
        )
        .astype(int)
        .reset_index()
    )
    occupied = grid["all_count"] > 0
    provinces = (
        ctx.case_table.groupby("province_name")
        .agg(cases_count=("is_case", "sum"), all_count=("is_case", "size"))
        .astype(int)
        .reset_index()
    )
    return SelectionResult(
        municipalities=ctx.municipalities,
        case_codes=tuple(ctx.case_codes),
        size_spread=spread.reset_index(drop=True),
        size_by_stedelijkheid=grid,
        empty_combinations=int((occupied & (grid["cases_count"] == 0)).sum()),
        occupied_combinations=int(occupied.sum()),
        provinces=provinces,
        provinces_without_case=tuple(provinces.loc[provinces["cases_count"] == 0, "province_name"]),
        computed_by=_computed_by(selection),
    )


@dataclass(frozen=True)
class KeyFiguresResult:
    """The twenty with their key figures (unformatted), largest first."""

    table: pd.DataFrame
    computed_by: str = ""


KEY_FIGURE_COLUMNS: tuple[str, ...] = (
    "gm_code",
    "gm_name",
    "population_count",
    "stedelijkheid_class",
    "density_per_km2",
    "age_65_plus_pct",
    "non_western_migration_background_pct",
)


def key_figures(ctx: AnnexContext) -> KeyFiguresResult:
    """Population, size class, stedelijkheid, density, 65+ and migration background per case."""
    frame = ctx.municipalities.set_index("gm_code").loc[ctx.case_codes].reset_index()
    table = pd.DataFrame(frame[list(KEY_FIGURE_COLUMNS)]).assign(
        size_class_index=lambda f: f["population_count"].map(size_class_index)
    )
    table = table.sort_values("population_count", ascending=False, kind="stable").reset_index(drop=True)
    return KeyFiguresResult(table=table, computed_by=_computed_by(key_figures))


@dataclass(frozen=True)
class RegionSummary:
    """How the twenty's regions of one type compare with the scale."""

    region_type: str
    n_reaching_scale: int
    below_scale: tuple[str, ...]
    smallest_region_name: str
    smallest_region_inhabitants: int


@dataclass(frozen=True)
class RegionsResult:
    """Youth care and labour market region of each case against the 100,000-inhabitant scale."""

    scale_inhabitants: int
    n_cases: int
    n_reaching_scale_alone: int
    table: pd.DataFrame
    summaries: tuple[RegionSummary, ...]
    computed_by: str = ""


def regions_section(ctx: AnnexContext) -> RegionsResult:
    """Per case its regions (name, inhabitants, member municipalities), and who reaches the scale."""
    scale = regions.DECENTRALISATION_SCALE_INHABITANTS
    frame = ctx.crosscase.sort_values("population_count", ascending=False, kind="stable")
    columns = ["gm_code", "gm_name", "population_count"]
    summaries = []
    for key in SCALE_REGION_TYPES:
        columns += [f"{key}_name", f"{key}_inhabitants_count", f"{key}_municipalities_count"]
        inhabitants = frame[f"{key}_inhabitants_count"].astype(float)
        smallest = frame.loc[inhabitants.idxmin()]
        summaries.append(
            RegionSummary(
                region_type=key,
                n_reaching_scale=int((inhabitants >= scale).sum()),
                below_scale=tuple(frame.loc[inhabitants < scale, "gm_name"]),
                smallest_region_name=str(smallest[f"{key}_name"]),
                smallest_region_inhabitants=int(smallest[f"{key}_inhabitants_count"]),
            )
        )
    return RegionsResult(
        scale_inhabitants=scale,
        n_cases=len(frame),
        n_reaching_scale_alone=int((frame["population_count"] >= scale).sum()),
        table=frame[columns].reset_index(drop=True),
        summaries=tuple(summaries),
        computed_by=_computed_by(regions_section),
    )


@dataclass(frozen=True)
class SocialDomainResult:
    """Bijstand per 1,000 inhabitants aged 15+ of the twenty, 2015-2017, against the Netherlands.

    Attributes:
        years: the years shown.
        table: per case ``gm_name`` and ``per_1000_<year>`` and ``missing_reason_<year>``.
        national: the Netherlands' figure per year.
        median: the twenty's median per year.
        latest_year: the last year.
        above_national: cases above the national figure in the latest year.
        with_figure: cases with a figure in the latest year.
        gaps: (case, year, reason code) for every missing figure.
        unavailable_tables: (table id, topic) of social-domain tables not in the local copy.
    """

    years: tuple[int, ...]
    table: pd.DataFrame
    national: dict[int, float]
    median: dict[int, float]
    latest_year: int
    above_national: int
    with_figure: int
    gaps: tuple[tuple[str, int, str], ...]
    unavailable_tables: tuple[tuple[str, str], ...]
    computed_by: str = ""


def social_domain(ctx: AnnexContext) -> SocialDomainResult:
    """Bijstand rates of the twenty per year, the national figure, the median and the gaps."""
    years = tuple(sorted(bijstand.BIJSTAND_TABLES))
    frame = ctx.crosscase.sort_values("gm_name", kind="stable")
    table = pd.DataFrame({"gm_code": frame["gm_code"], "gm_name": frame["gm_name"]})
    gaps = []
    for year in years:
        table[f"per_1000_{year}"] = frame[f"bijstand_recipients_{year}_per_1000"].astype(float)
        table[f"missing_reason_{year}"] = frame[f"bijstand_{year}_missing_reason"]
        gaps += [
            (str(name), year, str(reason))
            for name, reason in zip(frame["gm_name"], frame[f"bijstand_{year}_missing_reason"], strict=True)
            if pd.notna(reason)
        ]
    national = ctx.national_bijstand
    latest = years[-1]
    values = table[f"per_1000_{latest}"]
    unavailable = tuple(
        (table_id, spec.topic)
        for table_id, spec in statline.SOCIAL_DOMAIN_TABLES.items()
        if spec.topic in ("jeugdhulp", "wmo", "financiën") and not statline.load_table(table_id, online=False)
    )
    return SocialDomainResult(
        years=years,
        table=table.reset_index(drop=True),
        national={y: float(national.get(y, float("nan"))) for y in years},
        median={y: float(table[f"per_1000_{y}"].median()) for y in years},
        latest_year=latest,
        above_national=int((values > national.get(latest, float("nan"))).sum()),
        with_figure=int(values.notna().sum()),
        gaps=tuple(gaps),
        unavailable_tables=unavailable,
        computed_by=_computed_by(social_domain),
    )


@dataclass(frozen=True)
class SourcesResult:
    """The sources the annex cites (from the raw-layer manifest) and the codings it read."""

    records: tuple[SourceRecord, ...]
    codings: CodingsOrigin


def sources(ctx: AnnexContext) -> SourcesResult:
    """Every raw-layer source used, with its files, dates and checksums; the codings file."""
    return SourcesResult(records=source_records(ctx.used_sources), codings=codings_origin(ctx.coded))
