"""Map labels that do not overlap: greedy placement with collision checks of text bounding boxes.

Municipal names on a neighbour or region map collide where municipalities are small and close
(Rotterdam: Pijnacker-Nootdorp and Delft, Capelle aan den IJssel and Krimpen aan den IJssel,
Albrandswaard and Barendrecht). Each label is tried at its anchor (a point inside the outline),
then at growing offsets around it; the first position whose box overlaps no label placed before
and stays inside the axes wins. A label moved away from its anchor gets a thin leader line.
The order decides who keeps the best spot: the caller lists the most important labels first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

#: Offsets (points) tried around the anchor, nearest first: above and below before the sides,
#: because names are wider than high.
CANDIDATE_OFFSETS: tuple[tuple[float, float], ...] = (
    (0, 0),
    (0, 7),
    (0, -7),
    (0, 12),
    (0, -12),
    (18, 0),
    (-18, 0),
    (14, 10),
    (-14, 10),
    (14, -10),
    (-14, -10),
    (0, 18),
    (0, -18),
    (28, 0),
    (-28, 0),
    (24, 16),
    (-24, 16),
    (24, -16),
    (-24, -16),
    (0, 26),
    (0, -26),
    (0, 34),
    (0, -34),
)
#: Offsets up to this distance (points) stay visibly attached to their area without a line.
LEADER_FROM_POINTS = 9.0
#: Free space kept around each label's box, in pixels.
PADDING_PIXELS = 1.5


@dataclass(frozen=True)
class MapLabel:
    """A label to place: its text, anchor in data coordinates and text properties."""

    text: str
    x: float
    y: float
    props: dict = field(default_factory=dict)


#: Marks the annotations this module places, so that tests and callers can find them.
GID = "map-label"


def text_box(annotation: Annotation, renderer: RendererBase) -> Bbox:
    """The pixel box of an annotation's text alone (``Annotation.get_window_extent`` adds the leader)."""
    annotation.update_positions(renderer)
    return Text.get_window_extent(annotation, renderer)


#: The thin line from a label moved far from its place back to that place.
LEADER_LINE = {"arrowstyle": "-", "color": "#555555", "linewidth": 0.5, "shrinkA": 1, "shrinkB": 0}


def _annotate(ax: Axes, label: MapLabel, dx: float, dy: float, **extra: object) -> Annotation:
    """``label`` centred ``(dx, dy)`` points from its anchor, never clipped by the axes."""
    return ax.annotate(
        label.text,
        (label.x, label.y),
        xytext=(dx, dy),
        textcoords="offset points",
        ha="center",
        va="center",
        annotation_clip=False,
        **extra,
        **label.props,
    )


def _box(annotation: Annotation, renderer: RendererBase) -> Bbox:
    return text_box(annotation, renderer).padded(PADDING_PIXELS)


def _overlap(box: Bbox, others: Sequence[Bbox]) -> float:
    """Total overlapping area (pixels²) of ``box`` with ``others``."""
    total = 0.0
    for other in others:
        width = min(box.x1, other.x1) - max(box.x0, other.x0)
        height = min(box.y1, other.y1) - max(box.y0, other.y0)
        if width > 0 and height > 0:
            total += width * height
    return total


def _outside(box: Bbox, frame: Bbox) -> float:
    """Area (pixels²) of ``box`` that lies outside ``frame``."""
    inside_w = max(0.0, min(box.x1, frame.x1) - max(box.x0, frame.x0))
    inside_h = max(0.0, min(box.y1, frame.y1) - max(box.y0, frame.y0))
    return box.width * box.height - inside_w * inside_h


def place_labels(ax: Axes, labels: Sequence[MapLabel], renderer: RendererBase) -> list[Annotation]:
    """Annotate ``ax`` with ``labels`` so that their boxes do not overlap, most important first.

    The axes must have their final position and limits (draw the figure once, e.g. with
    ``fig.draw_without_rendering()``, before calling this), because boxes are measured in pixels.
    The labels are kept out of the layout computation so that placing them cannot move the axes.
    Where no candidate position is free, the one with the least overlap is taken.

    Args:
        ax: the map's axes.
        labels: texts with their anchors, in order of importance.
        renderer: the figure's renderer (``fig.canvas.get_renderer()`` on an Agg canvas).

    Returns:
        The annotations, in the order of ``labels``.
    """
    frame = ax.get_window_extent(renderer)
    placed: list[Bbox] = []
    annotations = []
    for label in labels:
        best: tuple[float, int, Annotation, Bbox] | None = None
        for rank, (dx, dy) in enumerate(CANDIDATE_OFFSETS):
            annotation = _annotate(ax, label, dx, dy)
            box = _box(annotation, renderer)
            cost = _overlap(box, placed) + 4 * _outside(box, frame)
            if best is None or cost < best[0]:
                if best is not None:
                    best[2].remove()
                best = (cost, rank, annotation, box)
            else:
                annotation.remove()
            if cost == 0:
                break
        assert best is not None  # CANDIDATE_OFFSETS is not empty
        _, rank, annotation, box = best
        dx, dy = CANDIDATE_OFFSETS[rank]
        if (dx * dx + dy * dy) ** 0.5 > LEADER_FROM_POINTS:
            annotation.remove()
            annotation = _annotate(ax, label, dx, dy, arrowprops=LEADER_LINE)
        annotation.set_in_layout(False)
        annotation.set_gid(GID)
        placed.append(box)
        annotations.append(annotation)
    return annotations


def placed_labels(ax: Axes) -> list[Annotation]:
    """The labels :func:`place_labels` put on ``ax``."""
    return [text for text in ax.texts if isinstance(text, Annotation) and text.get_gid() == GID]


def label_boxes(annotations: Sequence[Annotation], renderer: RendererBase) -> list[Bbox]:
    """The pixel boxes of placed labels' texts (without padding), e.g. for a test of overlaps."""
    return [text_box(annotation, renderer) for annotation in annotations]


def overlapping_pairs(boxes: Sequence[Bbox]) -> list[tuple[int, int]]:
    """Index pairs of boxes that overlap."""
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]


#: Positions tried beside a scatter point, nearest first: (offset in points, ha, va). The text
#: starts beside the marker, never on it, because the marker is the datum.
POINT_CANDIDATES: tuple[tuple[tuple[float, float], str, str], ...] = (
    ((5, 1), "left", "bottom"),
    ((5, -1), "left", "top"),
    ((-5, 1), "right", "bottom"),
    ((-5, -1), "right", "top"),
    ((0, 6), "center", "bottom"),
    ((0, -6), "center", "top"),
    ((7, 7), "left", "bottom"),
    ((7, -7), "left", "top"),
    ((-7, 7), "right", "bottom"),
    ((-7, -7), "right", "top"),
    ((0, 12), "center", "bottom"),
    ((0, -12), "center", "top"),
)


def place_point_labels(
    ax: Axes, labels: Sequence[MapLabel], renderer: RendererBase, marker_points: float = 3.5
) -> list[Annotation]:
    """Name scatter points beside their markers, clear of each other and of the other labelled markers.

    Like :func:`place_labels` (same preconditions: final axes position and limits), but a label
    never sits on its point: it is tried right, left, above and below the marker first. Every
    labelled marker counts as an obstacle, so a name never covers a neighbour's dot.

    Args:
        ax: the scatter's axes.
        labels: texts with their points (data coordinates), most important first.
        renderer: the figure's renderer.
        marker_points: the markers' radius in points (``s=30`` is about 3 points).

    Returns:
        The annotations, in the order of ``labels``.
    """
    frame = ax.get_window_extent(renderer)
    radius = marker_points * ax.figure.dpi / 72
    markers = []
    for label in labels:
        x, y = ax.transData.transform((label.x, label.y))
        markers.append(Bbox.from_extents(x - radius, y - radius, x + radius, y + radius))
    placed: list[Bbox] = []
    annotations = []
    for label in labels:
        best: tuple[float, Annotation, Bbox] | None = None
        for offset, ha, va in POINT_CANDIDATES:
            annotation = ax.annotate(
                label.text,
                (label.x, label.y),
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                annotation_clip=False,
                **label.props,
            )
            box = _box(annotation, renderer)
            cost = _overlap(box, [*placed, *markers]) + 4 * _outside(box, frame)
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, annotation, box)
            else:
                annotation.remove()
            if cost == 0:
                break
        assert best is not None  # POINT_CANDIDATES is not empty
        _, annotation, box = best
        annotation.set_in_layout(False)
        annotation.set_gid(GID)
        placed.append(box)
        annotations.append(annotation)
    return annotations
