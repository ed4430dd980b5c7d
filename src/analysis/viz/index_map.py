"""The clickable map of the Netherlands on ``index.html``: one outline per municipality as inline SVG.

A reviewer starts from the index page; the map lets them find a report by place. Every municipality
of 2017 is drawn; each one with a rendered report is a link (``<a href>``) to it and carries its name
in a ``<title>`` (shown on hover, read by screen readers). The SVG has no script and no event
attributes: clicking works in any browser without JavaScript, and text from the inputs (names, file
names) is escaped here, the one place it enters the markup.

The outlines are simplified so the page stays light: at the page's width a pixel is about 450 m, so
dropping detail below :data:`SIMPLIFY_TOLERANCE_M` and islets below :data:`MIN_PART_KM2` changes
nothing a reader sees.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

from analysis.core.format import Language, format_number
from analysis.geo.geography import CRS_RD_NEW
from analysis.narrative import say
from analysis.viz import style

#: Outlines are simplified (Douglas-Peucker, topology kept) to this distance, in metres.
SIMPLIFY_TOLERANCE_M = 250.0
#: Parts of a municipality smaller than this (islets, sandbanks) are left out; the largest part stays.
MIN_PART_KM2 = 0.5
#: One SVG unit is this many metres; coordinates are written as whole units.
METRES_PER_UNIT = 100.0
#: Fill of a municipality with a report that is not one of the twenty. Sky blue (Okabe-Ito), told apart
#: from the twenty's orange and the grey of the rest; no other role in the style uses it.
RENDERED = "#56b4e9"
#: Fill of a municipality without a report: the style's grey for "every other municipality".
UNRENDERED = style.BACKGROUND

#: A link may only name a file beside the index page: no folder, no scheme, no query.
_SAFE_HREF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.html")


@dataclass(frozen=True)
class MapOutline:
    """One municipality as an SVG path in the map's coordinates (whole units, y downwards)."""

    gm_code: str
    gm_name: str
    path_d: str


@dataclass(frozen=True)
class OutlineMap:
    """The simplified outlines of every municipality and the size of the drawing in SVG units."""

    outlines: tuple[MapOutline, ...]
    width: int
    height: int


def simplify_outlines(
    municipalities: gpd.GeoDataFrame,
    tolerance_m: float = SIMPLIFY_TOLERANCE_M,
    min_part_km2: float = MIN_PART_KM2,
) -> OutlineMap:
    """Simplified outlines as SVG paths, in the order given.

    Args:
        municipalities: ``gm_code``, ``gm_name`` and polygon geometry in EPSG:28992 (metres).
        tolerance_m: simplification distance in metres.
        min_part_km2: parts smaller than this are dropped (never a municipality's largest part).

    Returns:
        The outlines with the drawing's width and height in units of :data:`METRES_PER_UNIT` metres,
        north up (SVG's y axis points down, RD's up, so y is flipped).

    Raises:
        ValueError: when the frame is not in EPSG:28992.
    """
    if municipalities.crs is None or municipalities.crs != CRS_RD_NEW:
        raise ValueError(f"the municipalities must be in {CRS_RD_NEW} (metres), not {municipalities.crs}")
    min_x, min_y, max_x, max_y = municipalities.total_bounds
    outlines = []
    for gm_code, gm_name, geometry in zip(
        municipalities["gm_code"], municipalities["gm_name"], municipalities.geometry, strict=True
    ):
        kept = _without_islets(geometry, min_part_km2 * 1e6)
        simple = shapely.simplify(kept, tolerance_m, preserve_topology=True)
        path_d = _path_data(simple, min_x, max_y)
        outlines.append(MapOutline(str(gm_code), str(gm_name), path_d))
    width = int(np.ceil((max_x - min_x) / METRES_PER_UNIT))
    height = int(np.ceil((max_y - min_y) / METRES_PER_UNIT))
    return OutlineMap(tuple(outlines), width, height)


def _without_islets(geometry: shapely.Geometry, min_area_m2: float) -> shapely.Geometry:
    """The geometry without parts under ``min_area_m2``; its largest part is always kept."""
    parts = list(shapely.get_parts(geometry))
    largest = max(parts, key=lambda part: part.area)
    return shapely.MultiPolygon([p for p in parts if p is largest or p.area >= min_area_m2])


def _path_data(geometry: shapely.Geometry, min_x: float, max_y: float) -> str:
    """SVG path data for (multi)polygon rings: absolute start, then relative whole-unit steps.

    Relative steps of a few units are about half as long as absolute coordinates, which is most of
    the page's weight.
    """
    commands = []
    for polygon in shapely.get_parts(geometry):
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)[:-1]
            units = np.column_stack(
                [np.rint((xy[:, 0] - min_x) / METRES_PER_UNIT), np.rint((max_y - xy[:, 1]) / METRES_PER_UNIT)]
            ).astype(int)
            # consecutive points that round to the same unit add bytes and nothing visible
            keep = np.ones(len(units), dtype=bool)
            keep[1:] = np.any(np.diff(units, axis=0) != 0, axis=1)
            units = units[keep]
            if len(units) < 3:
                continue
            steps = np.diff(units, axis=0)
            relative = " ".join(f"{dx} {dy}" for dx, dy in steps)
            commands.append(f"M{units[0, 0]} {units[0, 1]}l{relative}z")
    return "".join(commands).replace(" -", "-")


def index_map_svg(
    outline_map: OutlineMap,
    links: Mapping[str, str],
    twenty: Collection[str],
    language: Language = "nl",
) -> str:
    """The map as an inline ``<svg>`` element: a link per municipality in ``links``, the rest grey.

    Args:
        outline_map: from :func:`simplify_outlines`.
        links: ``gm_code`` → file name of its report beside the index page (``GM0599-rotterdam.html``).
        twenty: codes of the study's twenty; with a report they are filled in the style's ``TWENTY``.
        language: language of the hover titles and the label.

    Raises:
        ValueError: for a link that is not a plain ``.html`` file name (a folder, a scheme, a query):
            the index may only point at reports beside it.
    """
    for gm_code, href in links.items():
        if not _SAFE_HREF.fullmatch(href):
            raise ValueError(f"link for {gm_code} is not a report file beside the index: {href!r}")
    shapes = []
    for outline in outline_map.outlines:
        name = html.escape(outline.gm_name)
        href = links.get(outline.gm_code)
        if href is None:
            title = html.escape(say("index.map.no_report", language, name=outline.gm_name))
            shapes.append(f'<path class="u" d="{outline.path_d}"><title>{title}</title></path>')
            continue
        role = "t" if outline.gm_code in twenty else "r"
        shapes.append(
            f'<a href="{html.escape(href)}"><path class="{role}" d="{outline.path_d}"><title>{name}</title></path></a>'
        )
    label = html.escape(say("index.map.label", language))
    return (
        f'<svg class="kaart" viewBox="0 0 {outline_map.width} {outline_map.height}" '
        f'xmlns="http://www.w3.org/2000/svg" role="group" aria-label="{label}">'
        f"<style>{map_css()}</style>" + "".join(shapes) + "</svg>"
    )


def map_css() -> str:
    """The map's colours per role, with a darker outline for the municipality under the pointer."""
    return (
        f".kaart path{{fill-rule:evenodd;stroke:#fff;stroke-width:4;stroke-linejoin:round}}"
        f".kaart .t{{fill:{style.TWENTY}}}.kaart .r{{fill:{RENDERED}}}.kaart .u{{fill:{UNRENDERED}}}"
        f".kaart a:hover path,.kaart a:focus path{{stroke:{style.LABEL};stroke-width:8}}"
    )


def legend_entries(
    outline_map: OutlineMap, links: Mapping[str, str], twenty: Collection[str], language: Language = "nl"
) -> list[tuple[str, str]]:
    """The map's legend: ``(colour, words with the count)`` for the twenty, other reports and the rest."""
    codes = [outline.gm_code for outline in outline_map.outlines]
    with_twenty = sum(code in links and code in twenty for code in codes)
    with_report = sum(code in links for code in codes) - with_twenty
    without = len(codes) - with_twenty - with_report
    counts = {"twenty": with_twenty, "rendered": with_report, "unrendered": without}
    colours = {"twenty": style.TWENTY, "rendered": RENDERED, "unrendered": UNRENDERED}
    return [
        (colours[role], say(f"index.map.legend.{role}", language, count=format_number(counts[role], 0, language)))
        for role in ("twenty", "rendered", "unrendered")
    ]
