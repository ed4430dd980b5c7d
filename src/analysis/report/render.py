"""The one renderer: blocks to HTML. Every piece of text is escaped here, once.

Reports are notebooks whose outputs are HTML; the reviewer's page is the notebook converted with the
code hidden. So a view never writes HTML and never Markdown (whose code spans and raw HTML let a
file name become markup): it returns blocks, and :func:`to_html` is the only place they become
markup.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable
from pathlib import Path

from analysis.report.blocks import Banner, Block, Bullets, FigureBlock, Group, Heading, Paragraph, Quote, Table

_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,100}")
#: The folder beside a report's HTML that holds its figures, one sub-folder per report.
FIGURES_FOLDER = "figures"

#: Styles of the page's own elements; the HTML export keeps them because they sit in the outputs.
_BANNER_STYLE = (
    "border:3px solid #c0392b;background:#fdecea;color:#7b1d14;padding:.6em 1em;margin:.8em 0;font-weight:bold"
)
_QUOTE_STYLE = "border-left:4px solid #bbbbbb;margin:.6em 0 .6em .4em;padding:.1em .9em;color:#333333"
_TABLE_STYLE = "border-collapse:collapse;margin:.4em 0 1em 0;font-size:.92em"
_CELL_STYLE = "padding:.15em .6em;border-bottom:1px solid #e6e6e6;vertical-align:top"


def escape(text: object) -> str:
    """Text from anywhere, safe inside an element or an attribute."""
    return html.escape(str(text), quote=True)


def _text(block: Paragraph | Bullets) -> str:
    return f"<strong>{escape(block.lead)}</strong> " if block.lead else ""


def _table_html(block: Table) -> str:
    columns = [str(c) for c in block.frame.columns]
    numeric = set(block.numeric)

    def cell(tag: str, value: object, column: str) -> str:
        align = "right" if column in numeric else "left"
        return f'<{tag} style="{_CELL_STYLE};text-align:{align}">{escape(value)}</{tag}>'

    head = "".join(cell("th", c, c) for c in columns)
    rows = "".join(
        "<tr>" + "".join(cell("td", v, c) for v, c in zip(row, columns, strict=True)) + "</tr>"
        for row in block.frame.astype(object).where(block.frame.notna(), "").itertuples(index=False)
    )
    caption = f"<caption style='caption-side:top;text-align:left'>{escape(block.caption)}</caption>" * bool(
        block.caption
    )
    note = f"<p class='table-note' style='font-size:.8em;color:#555'>{escape(block.note)}</p>" if block.note else ""
    return (
        f"<table class='report-table' style='{_TABLE_STYLE}'>{caption}<thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>{note}"
    )


def to_html(block: Block, figures_href: str | None = None) -> str:
    """One block as an HTML fragment; all text in it escaped.

    ``figures_href`` (e.g. ``figures/GM0599-rotterdam``): figures are linked as
    ``<figures_href>/<name>.png`` relative to the page instead of embedded, so each figure is stored
    once, as its PNG file.
    """
    match block:
        case Heading(text=text, level=level):
            level = min(max(int(level), 1), 6)
            return f"<h{level}>{escape(text)}</h{level}>"
        case Paragraph(text=text):
            return f"<p>{_text(block)}{escape(text)}</p>"
        case Bullets(items=items):
            lead = f"<p>{_text(block)}</p>" if block.lead else ""
            return lead + "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
        case Table():
            return _table_html(block)
        case FigureBlock(png=png, alt=alt, caption=caption):
            if figures_href is not None and _SAFE_NAME.fullmatch(block.name):
                source = f"{figures_href}/{block.name}.png"
            else:
                source = f"data:image/png;base64,{base64.b64encode(png).decode('ascii')}"
            image = f'<img alt="{escape(alt)}" src="{escape(source)}" style="max-width:100%">'
            return f"<figure style='margin:.5em 0'>{image}" + (
                f"<figcaption style='font-size:.8em;color:#555'>{escape(caption)}</figcaption></figure>"
                if caption
                else "</figure>"
            )
        case Banner(text=text):
            return f'<div class="illustrative-banner" style="{_BANNER_STYLE}">{escape(text)}</div>'
        case Quote(text=text, attribution=attribution):
            return (
                f'<blockquote style="{_QUOTE_STYLE}"><p>{escape(text)}</p>'
                f'<footer style="font-size:.85em;color:#666">{escape(attribution)}</footer></blockquote>'
            )
        case Group(blocks=blocks):
            return "<section>" + "".join(to_html(b, figures_href) for b in blocks) + "</section>"
    raise TypeError(f"not a report block: {type(block).__name__}")


def page_html(blocks: Iterable[Block], figures_href: str | None = None) -> str:
    """Several blocks as one HTML fragment (figures linked under ``figures_href`` when given)."""
    return "".join(to_html(b, figures_href) for b in blocks)


#: A figure linked by :class:`Renderer`: ``src="figures/<slug>/<name>.png"``.
_FIGURE_LINK = re.compile(r'src="figures/([A-Za-z0-9][A-Za-z0-9_.-]{0,100})/([A-Za-z0-9][A-Za-z0-9_.-]{0,100})\.png"')


def embed_linked_figures(page: str, report_dir: Path) -> str:
    """``page`` with every linked figure under ``report_dir/figures/`` embedded as a data URL.

    For a self-contained page (``--self-contained``). A link whose file is missing, or would lead
    out of the figures folder, stays a link.
    """
    figures = (Path(report_dir) / FIGURES_FOLDER).resolve()

    def embedded(match: re.Match[str]) -> str:
        target = (figures / match.group(1) / f"{match.group(2)}.png").resolve()
        if not (target.is_relative_to(figures) and target.is_file()):
            return match.group(0)
        return f'src="data:image/png;base64,{base64.b64encode(target.read_bytes()).decode("ascii")}"'

    return _FIGURE_LINK.sub(embedded, page)


class Renderer:
    """Shows blocks as notebook output and saves every figure as ``<figures_dir>/<name>.png``.

    Tables and figures that carry ``data`` and a ``csv_name`` also get their numbers written as
    ``<figures_dir>/<csv_name>.csv`` (UTF-8, unformatted), so that every number is traceable.

    With a ``figures_dir`` of the form ``.../figures/<slug>`` (as the runner gives it) each figure is
    stored once: the output links ``figures/<slug>/<name>.png`` relative to the report, which lives
    beside ``figures/``. Without one (a researcher in JupyterLab), another folder, or with
    ``self_contained``, the output embeds the figures.

    Call it with the blocks of one section: ``show(views.key_figures(result))``.
    """

    def __init__(self, figures_dir: str | Path = "", self_contained: bool = False) -> None:
        self.figures_dir = Path(figures_dir) if figures_dir else None
        self.saved: list[Path] = []
        # A link only resolves from a report beside the ``figures/`` folder, as the runner lays it out.
        folder = self.figures_dir
        slug = folder.name if folder is not None and folder.parent.name == FIGURES_FOLDER else ""
        is_linkable = not self_contained and bool(_SAFE_NAME.fullmatch(slug))
        self.figures_href = f"{FIGURES_FOLDER}/{slug}" if is_linkable else None

    def __call__(self, blocks: Block | Iterable[Block]) -> None:
        """Display ``blocks`` (one output per call) and save their figures."""
        from IPython.display import HTML, display  # only where a notebook shows the output

        blocks = [blocks] if isinstance(blocks, Block.__args__) else list(blocks)  # type: ignore[attr-defined]
        for block in _flatten(blocks):
            if isinstance(block, FigureBlock):
                self._write(block.name, ".png", block.png)
            if isinstance(block, (Table, FigureBlock)) and block.csv_name and block.data is not None:
                self._write(block.csv_name, ".csv", block.data.to_csv(index=False).encode("utf-8"))
        display(HTML(page_html(blocks, self.figures_href)))

    def _write(self, name: str, suffix: str, content: bytes) -> None:
        if self.figures_dir is None:
            return
        if not _SAFE_NAME.fullmatch(name):
            raise ValueError(f"file name {name!r}: only letters, digits, '-', '_' and '.' make a file name")
        self.figures_dir.mkdir(parents=True, exist_ok=True)
        target = self.figures_dir / f"{name}{suffix}"
        target.write_bytes(content)
        self.saved.append(target)


def _flatten(blocks: Iterable[Block]) -> list[Block]:
    found: list[Block] = []
    for block in blocks:
        found.extend(_flatten(block.blocks) if isinstance(block, Group) else [block])
    return found
