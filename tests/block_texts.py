"""What a reader sees of report blocks, as plain strings (shared by the report and annex tests)."""

from __future__ import annotations

from analysis.report.blocks import Banner, Block, Bullets, FigureBlock, Group, Heading, Paragraph, Quote, Table


def texts(blocks: list[Block], quotes: bool = True) -> list[str]:
    """Every non-empty piece of text in ``blocks``: headings, sentences, table cells, alt texts.

    ``quotes=False`` leaves quoted fragments out (their words are the interviewees', in any language).
    """
    found: list[str] = []
    for block in blocks:
        match block:
            case Heading(text=text) | Banner(text=text):
                found.append(text)
            case Paragraph(text=text, lead=lead):
                found += [lead, text]
            case Bullets(items=items, lead=lead):
                found += [lead, *items]
            case Table(frame=frame, caption=caption, note=note):
                found += [caption, note, *map(str, frame.columns), *map(str, frame.to_numpy().ravel())]
            case FigureBlock(alt=alt, caption=caption):
                found += [alt, caption]
            case Quote(text=text, attribution=attribution):
                found += [text, attribution] if quotes else []
            case Group(blocks=inner):
                found += texts(list(inner), quotes)
    return [text for text in found if text]
