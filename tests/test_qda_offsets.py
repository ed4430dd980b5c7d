"""REFI-QDA exports end to end: offsets per program, quotes at the right words, agreement by position."""

from __future__ import annotations

import zipfile
from pathlib import Path

from analysis.qual import agreement, quotes
from analysis.qual.archive import open_project
from analysis.qual.codebook_choice import choose_codebook
from analysis.qual.codings import load_codings
from analysis.qual.source_text import offset_convention, read_source_texts, selection_text

MUNICIPALITIES = {"GM0599": "Rotterdam", "GM0632": "Woerden"}
TEXT = (
    "Vraag: hoe gaat het? 😀 Antwoord: de raad wil meer regie op de regio.\r\n"
    "Vraag: en de inkoop?\r\nAntwoord: die is te ver weg."
)


def utf16(text: str, index: int) -> int:
    """The UTF-16 offset of code point ``index`` in ``text``."""
    return len(text[:index].encode("utf-16-le")) // 2


def selection(guid: str, start: int, end: int, user: str, code: str) -> str:
    return (
        f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}" creatingUser="{user}">'
        f'<Coding guid="k{guid}" creatingUser="{user}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>'
    )


def export(tmp_path: Path, origin: str, selections: str, name: str = "project.qdpx") -> Path:
    qde = (
        f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="{origin}">'
        '<Users><User guid="u1" name="anna"/><User guid="u2" name="bram"/></Users>'
        '<CodeBook><Codes><Code guid="c1" name="Regie"/><Code guid="c2" name="Inkoop"/></Codes></CodeBook>'
        '<Sources><TextSource guid="s1" name="Rotterdam interview" plainTextPath="internal://s1.txt">'
        f"{selections}</TextSource></Sources></Project>"
    )
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/s1.txt", TEXT.encode("utf-8"))
    return path


def imported(path: Path):
    return load_codings(path, choose_codebook(path).codebook, MUNICIPALITIES)


def test_nvivo_utf16_offsets_give_the_selected_words(tmp_path: Path) -> None:
    start = TEXT.index("de raad wil meer regie")
    end = start + len("de raad wil meer regie")
    path = export(tmp_path, "NVivo 12 (Windows)", selection("1", utf16(TEXT, start), utf16(TEXT, end), "u1", "c1"))
    result = imported(path)
    assert result.accepted.iloc[0]["segment_text"] == "de raad wil meer regie"
    quote = quotes.exemplar_quotes(result.accepted, choose_codebook(path).codebook)
    assert quote.iloc[0]["text"] == "de raad wil meer regie"


def test_the_same_offsets_read_as_code_points_for_other_programs(tmp_path: Path) -> None:
    start = TEXT.index("de raad wil meer regie")
    end = start + len("de raad wil meer regie")
    path = export(tmp_path, "QualCoder 3.5", selection("1", start, end, "u1", "c1"))
    assert imported(path).accepted.iloc[0]["segment_text"] == "de raad wil meer regie"
    # Before: NVivo's UTF-16 offsets were sliced as code points, one character off after the emoji.
    shifted = export(tmp_path, "NVivo 12", selection("1", utf16(TEXT, start), utf16(TEXT, end), "u1", "c1"), "n.qdpx")
    with open_project(shifted) as project:
        texts = read_source_texts(project)
    assert texts["Rotterdam interview"][utf16(TEXT, start) : utf16(TEXT, end)] != "de raad wil meer regie"
    assert selection_text(
        texts["Rotterdam interview"], utf16(TEXT, start), utf16(TEXT, end), offset_convention("NVivo 12")
    ) == ("de raad wil meer regie")


def test_crlf_line_ends_are_counted_as_stored(tmp_path: Path) -> None:
    start = TEXT.index("die is te ver weg")
    end = start + len("die is te ver weg")
    path = export(tmp_path, "ATLAS.ti for Windows 23.2.3.27778", selection("1", start, end, "u1", "c2"))
    assert imported(path).accepted.iloc[0]["segment_text"] == "die is te ver weg"


def test_two_coders_with_shifted_selections_pair_by_position(tmp_path: Path) -> None:
    start = TEXT.index("de raad wil meer regie op de regio")
    end = start + len("de raad wil meer regie op de regio")
    later = TEXT.index("die is te ver weg")
    selections = (
        selection("1", start, end, "u1", "c1")
        + selection("2", start + 3, end + 1, "u2", "c1")  # bram selects a little differently
        + selection("3", later, later + 17, "u1", "c2")  # only anna codes the last answer
    )
    result = agreement.agreement_by_position(imported(export(tmp_path, "QualCoder 3.5", selections)).accepted)
    assert result.status == "ok" and result.coders == ("anna", "bram") and result.n_units == 2
    rows = result.per_code.set_index("code_id")
    assert rows.loc["Regie", "percent_agreement"] == 1.0
    assert rows.loc["Inkoop", "percent_agreement"] == 0.5
    assert (rows.loc["Inkoop", "n_positive_min"], rows.loc["Inkoop", "n_positive_max"]) == (0, 1)
    assert result.rule.method == "overlap" and result.rule.threshold == 0.5


def test_quotes_of_the_real_qc_export_match_its_source_text(mirror: Path) -> None:
    path = mirror / "qda-samples" / "qc1.3.2_demo.qdpx"
    book = choose_codebook(path).codebook
    result = load_codings(path, book, MUNICIPALITIES, case_mapping={"board_2017.txt": "GM0599"})
    chosen = quotes.exemplar_quotes(result.accepted, book, max_chars=10_000)
    assert len(chosen) == 3 * 3  # three themes, three quotes each
    with open_project(path) as project:
        text = project.source_text("board_2017.txt")
    assert text is not None
    for row in chosen.itertuples():
        assert " ".join(text[row.start : row.end].split()) == row.text


def test_source_texts_serve_quotes_where_codings_carry_no_text(tmp_path: Path) -> None:
    start = TEXT.index("die is te ver weg")
    path = export(tmp_path, "NVivo 12", selection("1", utf16(TEXT, start), utf16(TEXT, start + 17), "u1", "c2"))
    book = choose_codebook(path).codebook
    codings = imported(path).accepted.assign(segment_text="")  # as a CSV export without text would be
    with open_project(path) as project:
        texts = read_source_texts(project)
    assert quotes.exemplar_quotes(codings, book).iloc[0]["text_status"] == quotes.NO_TEXT
    found = quotes.exemplar_quotes(codings, book, source_texts=texts, convention=offset_convention("NVivo 12"))
    assert (found.iloc[0]["text"], found.iloc[0]["text_status"]) == ("die is te ver weg", quotes.FROM_SOURCE_TEXT)
