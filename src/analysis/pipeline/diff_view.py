"""A :class:`~analysis.pipeline.diff.FolderDiff` for people: blocks, terminal text, an HTML page.

The words come from :mod:`analysis.narrative.report_diff` (Dutch by default, English with
``language="en"``); the page is built from :mod:`analysis.report.blocks` and rendered by
:func:`analysis.report.render.page_html`, which escapes every text (report names, table cells and
parameter values come from the folders compared).
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

import pandas as pd

from analysis.core.format import Language
from analysis.narrative import say
from analysis.pipeline.diff import DiffInputError, FolderDiff, ReportDiff
from analysis.report.blocks import Block, Bullets, Heading, Paragraph, Table
from analysis.report.render import page_html

PAGE_TEMPLATE = """<!doctype html>
<html lang="{language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; }}
table {{ border-collapse: collapse; margin: 0.5rem 0 1rem; }}
th, td {{ border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }}
</style></head><body>
{body}
</body></html>
"""


def _shown(value: str | None, language: Language) -> str:
    return say("diff.absent", language) if value is None else value


def values_table(report: ReportDiff, language: Language) -> Table:
    """The changed cells of one report as a table: table, row, column, old, new."""
    columns = [say(f"diff.column.{name}", language) for name in ("table", "row", "column", "old", "new")]
    rows = [
        (change.table, change.row, change.column, _shown(change.old, language), _shown(change.new, language))
        for change in report.values
    ]
    return Table(
        pd.DataFrame(rows, columns=columns),
        caption=say("diff.values", language),
        note=say("diff.values_note", language),
    )


def report_blocks(report: ReportDiff, language: Language) -> list[Block]:
    """What changed in one report, section by section (only the sections with a change)."""
    blocks: list[Block] = [Heading(say("diff.report", language, slug=report.slug), level=2)]
    if report.values:
        blocks.append(values_table(report, language))
    structure = [
        *(say("diff.table_added", language, table=name) for name in report.tables_added),
        *(say("diff.table_removed", language, table=name) for name in report.tables_removed),
        *(say("diff.column_added", language, table=t, column=c) for t, c in report.columns_added),
        *(say("diff.column_removed", language, table=t, column=c) for t, c in report.columns_removed),
    ]
    if structure:
        blocks.append(Bullets(structure, lead=say("diff.structure", language)))
    figures = [
        *(say("diff.figure_changed", language, name=name) for name in report.figures_changed),
        *(say("diff.figure_added", language, name=name) for name in report.figures_added),
        *(say("diff.figure_removed", language, name=name) for name in report.figures_removed),
    ]
    if figures:
        blocks.append(Bullets(figures, lead=say("diff.figures", language)))
    settings = [
        say("diff.parameter", language, name=p.name, old=_shown(p.old, language), new=_shown(p.new, language))
        for p in report.parameters
    ]
    if report.key_parts:
        parts = ", ".join(say(f"diff.part.{part}", language) for part in report.key_parts)
        settings.append(say("diff.inputs", language, parts=parts))
    if settings:
        blocks.append(Bullets(settings, lead=say("diff.settings", language)))
    return blocks


def diff_blocks(found: FolderDiff, language: Language = "nl") -> list[Block]:
    """The whole comparison as report blocks: title, summary, reports added and removed, then each report."""
    blocks: list[Block] = [
        Heading(say("diff.title", language), level=1),
        Paragraph(say("diff.folders", language, old=str(found.old_dir), new=str(found.new_dir))),
        Paragraph(
            say(
                "diff.summary",
                language,
                added=len(found.added),
                removed=len(found.removed),
                changed=len(found.reports),
                same=len(found.same),
            )
        ),
    ]
    if found.identical:
        blocks.append(Paragraph(say("diff.identical", language)))
    if found.added:
        blocks.append(Bullets(found.added, lead=say("diff.added", language)))
    if found.removed:
        blocks.append(Bullets(found.removed, lead=say("diff.removed", language)))
    for report in found.reports:
        blocks += report_blocks(report, language)
    return blocks


def _text_table(table: Table) -> list[str]:
    frame = table.frame.astype(str)
    widths = [max([len(str(c)), *frame[c].map(len)]) for c in frame.columns]
    lines = [table.caption, "  " + "  ".join(str(c).ljust(w) for c, w in zip(frame.columns, widths, strict=True))]
    lines += [
        "  " + "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in frame.itertuples(index=False)
    ]
    if table.note:
        lines.append(f"  ({table.note})")
    return lines


def blocks_as_text(blocks: list[Block]) -> str:
    """Headings, paragraphs, lists and tables as plain terminal text (no markup to escape)."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["", block.text, ("=" if block.level == 1 else "-") * len(block.text)]
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Bullets):
            lines += [block.lead, *(f"  - {item}" for item in block.items)]
        elif isinstance(block, Table):
            lines += _text_table(block)
    return "\n".join(lines).strip() + "\n"


def diff_page(found: FolderDiff, language: Language = "nl") -> str:
    """A standalone HTML page of the comparison; every text escaped by the renderer."""
    return PAGE_TEMPLATE.format(
        language=language,
        title=html.escape(say("diff.title", language)),
        body=page_html(diff_blocks(found, language)),
    )


def write_diff_page(found: FolderDiff, target: Path, language: Language = "nl") -> Path:
    """Write :func:`diff_page` to ``target`` under a temporary name first, then rename it."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    except OSError as error:
        raise DiffInputError(f"{target}: cannot write the page here ({error.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(diff_page(found, language))
        os.chmod(partial, 0o644)
        os.replace(partial, target)
    except OSError as error:
        raise DiffInputError(f"{target}: cannot write the page here ({error.strerror})") from None
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return target


def show_diff(old_dir: Path, new_dir: Path, html_path: Path | None = None, language: Language = "nl") -> int:
    """Compare two report folders, print the differences, optionally write the HTML page.

    Returns:
        The exit code: 0 identical, 1 different.

    Raises:
        DiffInputError: a folder, notebook, table or figure cannot be read (the CLI exits 2).
    """
    from analysis.pipeline.diff import compare_folders

    found = compare_folders(old_dir, new_dir, language)
    print(blocks_as_text(diff_blocks(found, language)), end="")
    if html_path is not None:
        print(write_diff_page(found, html_path, language))
    return 0 if found.identical else 1
