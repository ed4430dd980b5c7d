"""The one chart idiom: a colour per role, figure defaults, the source footer, deterministic PNGs.

Every figure in the reports takes its colours from :data:`ROLE_COLOURS` (the municipality a report is
about is always the same red, the Netherlands always grey, ...) and its source line from
:func:`add_source`, so that a reviewer learns the code once.
"""

from __future__ import annotations

import io

import matplotlib as mpl
from matplotlib.figure import Figure

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

ROLE_COLOURS: dict[str, str] = {
    "municipality": MUNICIPALITY,
    "netherlands": NETHERLANDS,
    "peers": PEERS,
    "twenty": TWENTY,
    "similar": SIMILAR,
    "region": REGION,
    "background": BACKGROUND,
}


def apply_style() -> None:
    """Figure defaults for reports: legible at browser width, deterministic PNGs."""
    mpl.rcParams.update(
        {
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "font.size": 10,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.hashsalt": "gemeenten-in-3d",
            "path.simplify": True,
        }
    )


def add_source(fig: Figure, text: str) -> None:
    """Source line under a figure, as a reviewer expects on every chart.

    The constrained layout is told to keep a strip free at the bottom, so that the line never
    overlaps an axis label.
    """
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        engine.set(rect=(0, 0.035, 1, 0.965))
    fig.text(0.01, 0.005, text, fontsize=7, color=FOOTER, ha="left", va="bottom")


def figure_png(fig: Figure) -> bytes:
    """The figure as PNG bytes, identical for identical figures.

    PNG metadata (software version, dates) is left out so that unchanged inputs give
    byte-identical files; zlib level 3 encodes a third faster than the default 6 at about the
    same size for these charts.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None}, pil_kwargs={"compress_level": 3})
    return buffer.getvalue()


def figure_alt_text(fig: Figure, fallback: str) -> str:
    """Alt text for a figure: its axes titles joined, else ``fallback``."""
    return " — ".join(t for t in (ax.get_title() for ax in fig.axes) if t) or fallback
