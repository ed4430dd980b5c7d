"""Charts whose unchanging part is drawn once per process; each report draws only its own marks.

Most figures of a municipal report are the same on every page but for what names the
municipality: the size–density chart shows all municipalities and the twenty on every report, the
peer map and the locator the whole country, a region map the region and its members. A
:class:`Backdrop` draws such a figure once, keeps its pixels, and for each report draws that
report's marks (its dot, its outline, labels, titles, a whole detail panel) over a copy of them,
then takes the marks away again. The ``plot_*`` function of each chart builds the same backdrop
and adds the same marks to give the whole figure, so figure and PNG are the same picture (tests
compare them pixel by pixel): the layout is fixed before the marks come, with titles of the
same number of lines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from analysis.viz import style

T = TypeVar("T")

#: Backdrops kept per cache by default; a kernel renders reports of one data version and one
#: language, so more than this only happens in a long exploring session, where the oldest is dropped.
MAX_BACKDROPS = 4


class Backdrop:
    """A laid-out figure drawn once; :meth:`render` adds marks over a copy of its pixels.

    The figure must have its final layout (``style.fix_layout``): marks drawn over it cannot move
    an axis any more. Artists of the figure that must lie over a report's marks (a region's outline
    over the highlighted municipality, a title naming it) are its ``overlay``: the backdrop leaves
    them out, and :meth:`render` draws them where its caller lists them.
    """

    def __init__(self, fig: Figure, overlay: Sequence[Artist] = ()) -> None:
        self.figure = fig
        self.overlay = tuple(overlay)
        for artist in self.overlay:
            artist.set_animated(True)  # a drawing of the whole figure passes over animated artists
        # What the figure holds now: anything a report adds is taken away after its PNG.
        self._kept = {id(artist) for artist in self._parts()}
        # And each axes' limits: a mark that reaches past them (the frame round Sluis on the
        # country) widens the data limits, and the next report's outlines would rescale the view.
        self._limits = [(axes, axes.dataLim.frozen(), axes.viewLim.frozen()) for axes in fig.axes]
        self._canvas = style.agg_canvas(fig)
        self._canvas.draw()
        self._pixels = self._canvas.copy_from_bbox(fig.bbox)

    def render(self, add_marks: Callable[[Figure], Sequence[Artist]]) -> style.Rendered:
        """PNG of the backdrop with what ``add_marks`` returns drawn over it, in that order.

        ``add_marks`` puts the report's own artists on the figure (and may change the overlay, e.g.
        a title's text, or fill an overlay axes) and returns what to draw: its new artists and the
        overlay, in drawing order. Whatever it added is removed afterwards, also when it fails
        half-way, so the next report starts from the same backdrop; the alt text comes from the
        titles as they read for this report.
        """
        self._canvas.restore_region(self._pixels)
        try:
            drawn = add_marks(self.figure)
            renderer = self._canvas.get_renderer()
            for artist in drawn:
                artist.draw(renderer)
            return style.Rendered(style.encode_png(self._canvas), style.figure_alt_text(self.figure, ""))
        finally:
            for artist in self._parts():
                if id(artist) not in self._kept:
                    artist.remove()
            for axes, data_limits, view_limits in self._limits:
                # Copies: a bbox takes the array it is given and later updates it in place.
                axes.dataLim.set_points(data_limits.get_points().copy())
                axes.viewLim.set_points(view_limits.get_points().copy())

    def _parts(self) -> list[Artist]:
        """The figure's own artists and those of each of its axes (titles, collections, labels, legends)."""
        return [*self.figure.get_children(), *(child for axes in self.figure.axes for child in axes.get_children())]


def cached(cache: dict[Hashable, T], key: Hashable, build: Callable[[], T], limit: int = MAX_BACKDROPS) -> T:
    """The backdrop (or what holds it) under ``key`` in ``cache``, built (``build()``) the first time.

    The key is taken together with the report style in force (``style.style_key``): a backdrop made
    before ``style.apply_style`` ran is not used after it. ``cache`` keeps the ``limit`` last used.
    """
    key = (key, style.style_key())
    scene = cache.pop(key, None)
    if scene is None:
        scene = build()
        while len(cache) >= limit:
            cache.pop(next(iter(cache)))
    cache[key] = scene  # last used last: the first entry is the one to drop
    return scene


def frame_digest(frame: pd.DataFrame) -> str:
    """A digest of a frame's values and column names: the data part of a backdrop's key."""
    values = pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()
    return hashlib.sha256(values + "\x1f".join(map(str, frame.columns)).encode()).hexdigest()


class Identity:
    """Immutable objects (shapely outlines) as one key, compared by identity, kept alive by the key.

    Hashing 388 outlines' bytes for every map would cost a tenth of what the backdrop saves. The
    processed layers hand every report a copy of the same frame whose outlines are the same
    immutable objects, so their identities name their content; the key holds the objects, so no
    identity is reused while it is in a cache. New objects (another data version) make a new key.
    """

    __slots__ = ("_ids", "objects")

    def __init__(self, objects: Iterable[object]) -> None:
        self.objects = tuple(objects)
        self._ids = tuple(map(id, self.objects))

    def __hash__(self) -> int:
        return hash(self._ids)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Identity) and self._ids == other._ids
