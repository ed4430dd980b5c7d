"""The one chart idiom: a colour per role, figure defaults, the source footer, deterministic PNGs.

Every figure in the reports takes its colours from :data:`ROLE_COLOURS` (the municipality a report is
about is always the same red, the Netherlands always grey, ...) and its source line from
:func:`add_source`, so that a reviewer learns the code once.
"""

from __future__ import annotations

import struct
import textwrap
import zlib
from collections.abc import Sequence
from typing import NamedTuple

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FuncFormatter, NullLocator

from analysis.core.format import Language, format_number

#: Colour per role. Colour-blind safe against each other (Okabe-Ito based), and never reused for
#: another role in the same figure.
MUNICIPALITY = "#c0392b"  # the municipality the report is about
NETHERLANDS = "#7f7f7f"  # the Netherlands as a whole
PEERS = "#3b75af"  # same stedelijkheid
TWENTY = "#e69f00"  # the twenty cases of the study
SIMILAR = "#009e73"  # structurally similar municipalities
REGION = "#c6dbef"  # members of a region the municipality belongs to
BACKGROUND = "#d9d9d9"  # every other municipality
CONTEXT = "#f0f0f0"  # land outside the area of interest
SIGNIFICANT = "#b2182b"  # a result significant after correction
NEUTRAL = "#404040"  # a result that is not
MUTED = "#9e9e9e"  # a value that could not be computed
GRID = "#eeeeee"
FOOTER = "#555555"
REFERENCE = "#999999"  # a reference line (a threshold such as 100,000 inhabitants) and its note
LABEL = "#333333"  # names on maps, outlines of frames
ILLUSTRATIVE = "#c62828"  # the banner on figures drawn from made-up codings
#: Lines of peer groups, in the order the groups are given: one colour (the peers), told apart by dash.
PEER_LINE_STYLES: tuple[str, ...] = ("--", ":", "-.")
#: Bars of peer groups beside the municipality: shades of the peers' blue, darkest first.
PEER_SHADES: tuple[str, ...] = (PEERS, "#9ecae1", "#c6dbef")
#: Colour of each comparison group by its role (the keys of ``geo.peers.comparison_groups``), the same
#: in every chart: a line or bar of the structurally similar municipalities is always green.
GROUP_COLOURS: dict[str, str] = {"same_stedelijkheid": PEERS, "cases": TWENTY, "structural_peers": SIMILAR}
#: Points of the footer text; a line of it is about 0.11 inch high.
FOOTER_FONTSIZE = 7.0
_FOOTER_LINE_INCHES = 0.115
_FOOTER_CHARS_PER_INCH = 17

ROLE_COLOURS: dict[str, str] = {
    "municipality": MUNICIPALITY,
    "netherlands": NETHERLANDS,
    "peers": PEERS,
    "twenty": TWENTY,
    "similar": SIMILAR,
    "region": REGION,
    "background": BACKGROUND,
}


def group_colours(count: int, roles: Sequence[str] | None = None) -> list[str]:
    """Colours of ``count`` comparison groups: by role (:data:`GROUP_COLOURS`) when their roles are known.

    Groups without a known role (a caller's own grouping) get the peers' shades, darkest first.
    """
    if roles is not None:
        if len(roles) != count:
            raise ValueError(f"{count} comparison groups but {len(roles)} roles: {list(roles)}")
        return [GROUP_COLOURS.get(role, PEERS) for role in roles]
    return [PEER_SHADES[i % len(PEER_SHADES)] for i in range(count)]


#: Pixels per inch on screen and in every PNG.
DPI = 100


#: Figure defaults for reports: legible at browser width, deterministic PNGs.
REPORT_STYLE: dict[str, object] = {
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "gemeenten-in-3d",
    "path.simplify": True,
}


def apply_style() -> None:
    """Set :data:`REPORT_STYLE` in matplotlib's defaults."""
    mpl.rcParams.update(REPORT_STYLE)


def style_key() -> tuple:
    """The current values of the settings :func:`apply_style` makes (part of every backdrop's key)."""
    return tuple(mpl.rcParams[name] for name in REPORT_STYLE)


def footer_lines(fig: Figure, text: str, notes: Sequence[str] = ()) -> list[str]:
    """The footer's lines: the notes first, then the source, each wrapped to the figure's width."""
    width = max(40, int(fig.get_figwidth() * _FOOTER_CHARS_PER_INCH))
    return [line for part in (*notes, text) if part for line in textwrap.wrap(part, width=width)]


def add_source(fig: Figure, text: str, notes: Sequence[str] = ()) -> None:
    """Source line under a figure, as a reviewer expects on every chart, with notes above it.

    The one footer of every chart: ``notes`` (what is missing, and why) come first, the source
    last, wrapped to the figure's width. The constrained layout is told to keep a strip of that
    height free at the bottom, so that the footer never overlaps an axis label.

    Args:
        fig: a figure, preferably with the constrained layout engine.
        text: the source line (``Bron: ...`` / ``Source: ...``, from :mod:`analysis.narrative`).
        notes: sentences printed above the source line.
    """
    lines = footer_lines(fig, text, notes)
    height = (_FOOTER_LINE_INCHES * (len(lines) + 0.4)) / fig.get_figheight()
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        left, _, width, top = _layout_rect(fig)
        engine.set(rect=(left, height, width, top - height))
    fig.text(0.01, 0.005, "\n".join(lines), fontsize=FOOTER_FONTSIZE, color=FOOTER, ha="left", va="bottom")


def reserve_top(fig: Figure, inches: float) -> float:
    """Keep a strip of ``inches`` free at the top of a constrained figure; returns its bottom (0-1).

    Used for the illustrative banner; a footer reserved before stays reserved.
    """
    height = inches / fig.get_figheight()
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        left, bottom, width, top = _layout_rect(fig)
        engine.set(rect=(left, bottom, width, min(top, 1 - height) - bottom))
    return 1 - height


def _layout_rect(fig: Figure) -> tuple[float, float, float, float]:
    """The constrained layout's rectangle as (left, bottom, width, top)."""
    engine = fig.get_layout_engine()
    rect = engine.get().get("rect", (0, 0, 1, 1)) if engine is not None and hasattr(engine, "get") else (0, 0, 1, 1)
    left, bottom, width, height = rect
    return left, bottom, width, bottom + height


def map_axes(ax: Axes) -> None:
    """Axes for a map: no frame, and no ticks at all.

    ``set_axis_off`` only hides the ticks; matplotlib still makes and measures them for every
    layout pass and title placement (a tenth of a map's time).
    """
    ax.set_axis_off()
    ax.xaxis.set_major_locator(NullLocator())
    ax.yaxis.set_major_locator(NullLocator())


#: Pixels a fitted title keeps from the figure's edges.
TITLE_EDGE_PIXELS = 6


def fit_title(ax: Axes, renderer: RendererBase, fontsize: float | None = None, min_fontsize: float = 7.0) -> None:
    """Set the axes' title at ``fontsize`` (the title size), smaller where it is wider than the axes' room.

    A layout fixed once (a backdrop's) keeps a title's height, not its width: the name of
    Nuenen, Gerwen en Nederwetten made its map titles wider than their panel or the figure, and
    the constrained layout cannot fit a title wider than the figure either, so both ends were cut off. The room is
    the axes' place in the layout, and never past the figure's edges (a title is centred on its axes).
    """
    title = ax.title
    title.set_fontsize(fontsize or FontProperties(size=mpl.rcParams["axes.titlesize"]).get_size_in_points())
    figure_width = ax.figure.bbox.width
    box = ax.get_window_extent(renderer)
    centre = box.x0 + box.width / 2
    edge = TITLE_EDGE_PIXELS
    room = min(
        ax.get_position(original=True).width * figure_width, 2 * (centre - edge), 2 * (figure_width - centre - edge)
    )
    # Glyph widths do not shrink quite in step with the size (hinting): measure again until it fits.
    for _ in range(4):
        width = title.get_window_extent(renderer).width
        if width <= room or title.get_fontsize() <= min_fontsize:
            break
        title.set_fontsize(max(min_fontsize, title.get_fontsize() * room / width * 0.99))


def fix_layout(fig: Figure) -> RendererBase:
    """Lay out ``fig`` once, keep that layout for the PNG, and return the renderer to measure labels with.

    Call it after the last artist that takes part in the layout is added, before placing labels
    (``analysis.viz.labels`` keeps its labels out of the layout). Only now does the figure get an
    Agg canvas: geopandas redraws a figure whose canvas can render after every layer it adds.
    Writing the PNG does not lay the figure out a second time; the positions are those measured here.
    """
    canvas = agg_canvas(fig)
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return canvas.get_renderer()


class Rendered(NamedTuple):
    """A figure drawn to PNG, with the alt text of its titles (:func:`figure_alt_text`)."""

    png: bytes
    alt: str


def agg_canvas(fig: Figure) -> FigureCanvasAgg:
    """The figure's Agg canvas, given one if it has none yet (its renderer then keeps measured text)."""
    return fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes, identical for identical figures (drawn at :data:`DPI`)."""
    canvas = agg_canvas(fig)
    canvas.draw()
    return encode_png(canvas)


def encode_png(canvas: FigureCanvasAgg) -> bytes:
    """What ``canvas`` holds now as PNG bytes (:func:`png_bytes`)."""
    return png_bytes(np.asarray(canvas.buffer_rgba())[:, :, :3])


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_bytes(rgb: np.ndarray) -> bytes:
    """An RGB image (height x width x 3, uint8) as a PNG: rows unfiltered, zlib level 3, no metadata.

    The figures are opaque (a white figure patch under everything), so the alpha channel is
    always full and is left out. Without metadata (software version, dates) unchanged inputs give
    byte-identical files. Pillow chooses a filter per row by trying all five, which took longer
    than the compression itself; these flat-coloured charts compress as well unfiltered (a report's
    eight figures in about half the time; the PNG files of all 388 reports 228 MB before, 203 MB now).
    """
    if rgb.ndim != 3 or rgb.shape[2] != 3 or rgb.dtype != np.uint8 or rgb.size == 0:
        raise ValueError(f"png_bytes needs height x width x 3 uint8 pixels, got {rgb.shape} {rgb.dtype}")
    height, width, _ = rgb.shape
    rows = np.zeros((height, 1 + 3 * width), np.uint8)  # column 0: filter type 0 (none) for every row
    rows[:, 1:] = rgb.reshape(height, 3 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, truecolour, no interlace
    return b"".join(
        (
            PNG_SIGNATURE,
            _png_chunk(b"IHDR", header),
            _png_chunk(b"IDAT", zlib.compress(rows.data, 3)),
            _png_chunk(b"IEND", b""),
        )
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: data length, type, data, and the CRC-32 of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def figure_alt_text(fig: Figure, fallback: str) -> str:
    """Alt text for a figure: its title and axes titles joined (left, centre, right), else ``fallback``."""
    titles = [fig.get_suptitle(), *(ax.get_title(loc) for ax in fig.axes for loc in ("left", "center", "right"))]
    return " — ".join(t for t in titles if t) or fallback


def localise_ticks(axis: Axis, language: Language) -> None:
    """Tick labels in the reader's number format (``4,25`` in Dutch), with as few decimals as the ticks need.

    Matplotlib's default formatter writes a decimal point whatever the language; a Dutch page must
    read ``4,25``. The decimals are the fewest that show every tick exactly (0.25 steps: two).
    """

    def label(value: float, _position: int | None) -> str:
        ticks = [t for t in axis.get_majorticklocs() if np.isfinite(t)] or [value]
        decimals = next((d for d in range(7) if all(abs(round(t, d) - t) < 1e-9 for t in ticks)), 6)
        return format_number(value, decimals, language)

    axis.set_major_formatter(FuncFormatter(label))
