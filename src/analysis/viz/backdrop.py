"""Charts whose unchanging part is drawn once per process; each report draws only its own marks.

Some charts are the same on every page but for a mark or two: the size–density chart shows all
municipalities, the twenty and their names on every report, and only the municipality's own dot
and the legend naming it differ. A :class:`Backdrop` draws the figure once, keeps its pixels, and
for each report draws that report's marks over a copy of them, then takes the marks away again.
The picture is the one the whole figure gives (a test compares them pixel by pixel), because
matplotlib draws the marks last anyway (they have the highest zorder) and they leave the layout,
fixed before, alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Sequence

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from analysis.viz import style

#: Backdrops kept per cache; a kernel renders reports of one data version and one language, so
#: more than this only happens in a long exploring session, where the oldest is dropped.
MAX_BACKDROPS = 4


class Backdrop:
    """A laid-out figure drawn once; :meth:`render` adds marks over a copy of its pixels.

    The figure must have its final layout (``style.fix_layout``): marks drawn over it cannot move
    an axis any more.
    """

    def __init__(self, fig: Figure) -> None:
        self.figure = fig
        self._canvas = style.agg_canvas(fig)
        self._canvas.draw()
        self._pixels = self._canvas.copy_from_bbox(fig.bbox)
        self.alt = style.figure_alt_text(fig, "")

    def render(self, add_marks: Callable[[Figure], Sequence[Artist]]) -> style.Rendered:
        """PNG of the backdrop with the artists ``add_marks`` puts on the figure drawn over it.

        The marks are drawn in the order given and removed afterwards, so the next report starts
        from the same backdrop.
        """
        self._canvas.restore_region(self._pixels)
        marks = add_marks(self.figure)
        try:
            renderer = self._canvas.get_renderer()
            for mark in marks:
                mark.draw(renderer)
            return style.Rendered(style.encode_png(self._canvas), self.alt)
        finally:
            for mark in marks:
                mark.remove()


def cached(cache: dict[Hashable, Backdrop], key: Hashable, build: Callable[[], Figure]) -> Backdrop:
    """The backdrop under ``key`` in ``cache``, built (``build()``) and drawn the first time."""
    scene = cache.pop(key, None)
    if scene is None:
        scene = Backdrop(build())
        while len(cache) >= MAX_BACKDROPS:
            cache.pop(next(iter(cache)))
    cache[key] = scene  # last used last: the first entry is the one to drop
    return scene


def frame_digest(frame: pd.DataFrame) -> str:
    """A digest of a frame's values and column names: the data part of a backdrop's key."""
    values = pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()
    return hashlib.sha256(values + "\x1f".join(map(str, frame.columns)).encode()).hexdigest()
