"""What a report page is made of: plain data, no HTML.

A view (``result -> list[Block]``) builds these from a section's result and the narrative; the one
renderer (:mod:`analysis.report.render`) turns them into HTML, escaping every piece of text. No
block carries markup: text from any input (a file name, a code label, a quote) can never become
part of the page's structure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Heading:
    """A section or sub-section title (level 1 is the page title)."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    """Running text. ``lead`` is set in bold before the text (``Niet beschikbaar.``)."""

    text: str
    lead: str = ""


@dataclass(frozen=True)
class Bullets:
    """A list of sentences, with an optional bold lead line above it."""

    items: tuple[str, ...]
    lead: str = ""

    def __init__(self, items: Sequence[str], lead: str = "") -> None:
        object.__setattr__(self, "items", tuple(items))
        object.__setattr__(self, "lead", lead)


@dataclass(frozen=True)
class Table:
    """A table of display-ready strings (format numbers before: :mod:`analysis.core.format`).

    ``numeric`` names the columns to right-align; label columns stay left-aligned. ``note`` is a
    line under the table (e.g. which function computed it and which CSV holds its numbers).
    ``data`` holds the unformatted numbers behind the table; when ``csv_name`` is set, the
    :class:`~analysis.report.render.Renderer` writes ``data`` as ``<figures_dir>/<csv_name>.csv``
    so that a reader can trace every printed number.
    """

    frame: pd.DataFrame
    caption: str = ""
    numeric: tuple[str, ...] = ()
    note: str = ""
    data: pd.DataFrame | None = None
    csv_name: str = ""

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Table)
            and self.frame.equals(other.frame)
            and (self.caption, self.numeric, self.note, self.csv_name)
            == (other.caption, other.numeric, other.note, other.csv_name)
            and _same_data(self.data, other.data)
        )

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class FigureBlock:
    """A figure as PNG bytes with its alt text; ``name`` is its file name under ``figures/``.

    ``data`` (the numbers drawn) is written as ``<csv_name>.csv`` beside the PNG, as for
    :class:`Table`.
    """

    png: bytes
    alt: str
    name: str
    caption: str = ""
    data: pd.DataFrame | None = field(default=None, compare=False)
    csv_name: str = ""


def _same_data(first: pd.DataFrame | None, second: pd.DataFrame | None) -> bool:
    if first is None or second is None:
        return first is second
    return first.equals(second)


@dataclass(frozen=True)
class Banner:
    """A box no reader can miss: the codings shown are not research data."""

    text: str


@dataclass(frozen=True)
class Quote:
    """A coded fragment, shown as a block quote with where it comes from."""

    text: str
    attribution: str


@dataclass(frozen=True)
class Group:
    """Blocks that belong together (one section), kept together by the renderer."""

    blocks: tuple[Block, ...] = field(default_factory=tuple)


Block = Heading | Paragraph | Bullets | Table | FigureBlock | Banner | Quote | Group
