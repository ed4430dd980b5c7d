"""Quotes: offsets under each program's convention, shortening, exemplar choice, quote matrix."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.qual.codebook import codebook_from_dict
from analysis.qual.quotes import (
    CELL_NO_FRAGMENTS,
    CELL_NO_TEXT,
    CELL_OK,
    ELLIPSIS,
    NO_TEXT,
    QUOTE_COLUMNS,
    exemplar_quotes,
    quote_matrix,
    shorten_quote,
)
from analysis.qual.source_text import (
    OffsetConvention,
    offset_convention,
    selection_text,
    utf16_length,
    utf16_to_codepoint,
)

CODEBOOK = codebook_from_dict(
    {
        "version": "1",
        "codes": [
            {"id": "A", "parent": None, "label_nl": "Thema A", "label_en": "Theme A", "definition": "a"},
            {"id": "A.X", "parent": "A", "label_nl": "A x", "label_en": "A x", "definition": "a x"},
            {"id": "A.Y", "parent": "A", "label_nl": "A y", "label_en": "A y", "definition": "a y"},
            {"id": "B", "parent": None, "label_nl": "Thema B", "label_en": "Theme B", "definition": "b"},
            {"id": "C", "parent": None, "label_nl": "Thema C", "label_en": "Theme C", "definition": "c"},
        ],
    }
)
UTF16 = OffsetConvention(unit="utf16")


def codings(rows: list[tuple]) -> pd.DataFrame:
    columns = ["gm_code", "gm_name", "document", "segment_id", "code_id", "coder", "segment_text", "start", "end"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["start"] = frame["start"].astype("Int64")
    frame["end"] = frame["end"].astype("Int64")
    return frame


# --- offsets -------------------------------------------------------------------------------------


def test_nvivo_counts_utf16_code_units_other_programs_code_points() -> None:
    assert offset_convention("NVivo for Mac 15.0.0").unit == "utf16"
    assert offset_convention("NVivo 12 (Windows)").unit == "utf16"
    for origin in ("qc 1.3.2", "MAXQDA 24 (Release 24.7.0)", "ATLAS.ti for Windows 23.2.3.27778", "QualCoder 3.5"):
        assert offset_convention(origin).unit == "codepoint"


def test_utf16_offsets_after_an_emoji_are_converted() -> None:
    # "😀" is one code point but two UTF-16 code units, so every later UTF-16 offset is one higher.
    text = "Raad 😀 zegt: meer regie nodig."
    start_cp = text.index("meer")
    end_cp = start_cp + len("meer regie")
    assert utf16_length(text) == len(text) + 1
    assert selection_text(text, start_cp + 1, end_cp + 1, UTF16) == "meer regie"
    # Read as code points, the same offsets are off by one: the old behaviour sliced this.
    assert selection_text(text, start_cp + 1, end_cp + 1) == "eer regie "
    assert list(utf16_to_codepoint(text, [0, 5, 7, 8])) == [0, 5, 6, 7]


def test_offset_inside_a_surrogate_pair_moves_to_the_character_start() -> None:
    assert list(utf16_to_codepoint("a😀b", [2])) == [1]


def test_crlf_counted_as_stored_or_as_one_character() -> None:
    text = "regel een\r\nregel twee\r\nregel drie"
    start = text.index("regel drie")
    assert selection_text(text, start, start + 10) == "regel drie"
    # A program that counts CRLF as one character gives offsets two lower for the third line.
    lf = OffsetConvention(newline="lf")
    assert selection_text(text, start - 2, start + 8, lf) == "regel drie"
    assert selection_text(text, start - 2, start + 8) != "regel drie"


def test_a_range_beyond_the_text_gives_none_not_a_short_slice() -> None:
    assert selection_text("kort", 0, 10) is None
    assert selection_text("\n", 5, 20, UTF16) is None  # NVivo's one-byte .txt beside its .docx
    assert selection_text(None, 0, 1) is None
    assert selection_text("tekst", 3, 1) is None


# --- shortening ----------------------------------------------------------------------------------


def test_long_quotes_are_cut_at_a_word_boundary_with_an_ellipsis() -> None:
    text = "De raad wil eerder betrokken worden bij de regionale inkoop van jeugdhulp."
    quote, cut = shorten_quote(text, 30)
    assert cut and quote.endswith(ELLIPSIS) and len(quote) <= 30
    assert text.startswith(quote[:-1]) and quote[-2] != " "
    assert quote == "De raad wil eerder betrokken" + ELLIPSIS
    assert shorten_quote("kort\r\n  citaat", 30) == ("kort citaat", False)


# --- exemplars -----------------------------------------------------------------------------------


def test_exemplars_spread_over_documents_longest_first_and_deterministic() -> None:
    rows = [
        ("GM0001", "Een", "doc1", "s1", "A.X", "c1", "kort", 0, 4),
        ("GM0001", "Een", "doc1", "s2", "A.X", "c1", "een veel langer fragment uit document een", 10, 50),
        ("GM0001", "Een", "doc1", "s3", "A.Y", "c1", "nog een lang fragment uit doc een", 60, 90),
        ("GM0001", "Een", "doc2", "s1", "A.Y", "c1", "middellang fragment twee", 0, 20),
        ("GM0001", "Een", "doc3", "s1", "A.X", "c2", "derde document", 0, 14),
        # The same segment coded by a second coder and a second code of the theme: one fragment.
        ("GM0001", "Een", "doc1", "s2", "A.Y", "c2", "een veel langer fragment uit document een", 10, 50),
    ]
    quotes = exemplar_quotes(codings(rows), CODEBOOK, per_theme=3)
    assert list(quotes.columns) == QUOTE_COLUMNS
    assert list(quotes["document"]) == ["doc1", "doc2", "doc3"]
    assert quotes.iloc[0]["text"] == "een veel langer fragment uit document een"
    assert quotes.iloc[0]["coder"] == "c1, c2"
    assert quotes.iloc[0]["code_id"] == "A.X, A.Y"
    assert list(quotes["rank"]) == [1, 2, 3]
    again = exemplar_quotes(codings(list(reversed(rows))), CODEBOOK, per_theme=3)
    assert list(again["segment_id"]) == list(quotes["segment_id"])


def test_exemplars_from_the_source_text_at_the_offsets_utf16() -> None:
    source = "Vraag: 😀 Hoe ziet u de regio?\nAntwoord: de regio is te groot."
    start = source.index("de regio is")
    rows = [("GM0001", "Een", "interview", "sel1", "B", "c1", "", start + 1, start + 1 + len("de regio is te groot"))]
    quotes = exemplar_quotes(codings(rows), CODEBOOK, source_texts={"interview": source}, convention=UTF16)
    assert quotes.iloc[0]["text"] == "de regio is te groot"
    assert quotes.iloc[0]["text_status"] == "source_text"


def test_no_text_is_marked_not_silently_empty() -> None:
    rows = [("GM0001", "Een", "doc", "s1", "B", "c1", "", pd.NA, pd.NA)]
    quotes = exemplar_quotes(codings(rows), CODEBOOK)
    assert len(quotes) == 1
    assert quotes.iloc[0]["text"] == "" and quotes.iloc[0]["text_status"] == NO_TEXT


def test_exemplars_of_one_municipality_in_theme_order_and_empty_when_nothing() -> None:
    rows = [
        ("GM0001", "Een", "doc", "s1", "B", "c1", "over b", 0, 6),
        ("GM0001", "Een", "doc", "s2", "A.X", "c1", "over a", 7, 13),
        ("GM0002", "Twee", "doc", "s1", "A.X", "c1", "elders", 0, 6),
    ]
    quotes = exemplar_quotes(codings(rows), CODEBOOK, gm_code="GM0001")
    assert list(quotes["theme"]) == ["A", "B"]
    assert exemplar_quotes(codings(rows), CODEBOOK, gm_code="GM0999").empty
    assert list(exemplar_quotes(codings(rows), CODEBOOK, gm_code="GM0999").columns) == QUOTE_COLUMNS


# --- quote matrix --------------------------------------------------------------------------------


def test_quote_matrix_counts_and_quotes_each_theme_and_group() -> None:
    rows = [
        ("GM0001", "Een", "d1", "s1", "A.X", "c1", "klein een", 0, 9),
        ("GM0001", "Een", "d1", "s2", "A.X", "c1", "klein een tweede fragment", 10, 35),
        ("GM0002", "Twee", "d1", "s1", "A.Y", "c1", "klein twee", 0, 10),
        ("GM0003", "Drie", "d1", "s1", "A.X", "c1", "groot drie", 0, 10),
        ("GM0003", "Drie", "d1", "s2", "B", "c1", "", pd.NA, pd.NA),
    ]
    groups = pd.Series(
        pd.Categorical(["klein", "klein", "groot"], categories=["klein", "groot"]),
        index=["GM0001", "GM0002", "GM0003"],
        name="size_group",
    )
    matrix = quote_matrix(codings(rows), CODEBOOK, groups, per_cell=2)
    cell = matrix.set_index(["theme", "group"])
    assert len(matrix) == 3 * 2
    assert cell.loc[("A", "klein"), "n_fragments"] == 3
    assert cell.loc[("A", "klein"), "n_municipalities"] == 2
    # Spread over municipalities: the longest of GM0001, then GM0002's.
    assert cell.loc[("A", "klein"), "quote_1"] == "klein een tweede fragment"
    assert cell.loc[("A", "klein"), "quote_2"] == "klein twee"
    assert cell.loc[("A", "klein"), "quote_2_gm_name"] == "Twee"
    assert cell.loc[("A", "klein"), "status"] == CELL_OK
    assert cell.loc[("B", "groot"), "status"] == CELL_NO_TEXT
    assert cell.loc[("C", "klein"), "status"] == CELL_NO_FRAGMENTS
    assert cell.loc[("C", "klein"), "n_fragments"] == 0
    assert set(matrix["characteristic"]) == {"size_group"}
    assert "quote_3" not in matrix.columns
    with pytest.raises(ValueError, match="per_cell"):
        quote_matrix(codings(rows), CODEBOOK, groups, per_cell=4)


def test_quote_matrix_with_no_codings_renders_every_cell_empty() -> None:
    groups = pd.Series(["x", "y"], index=["GM0001", "GM0002"], name="g")
    matrix = quote_matrix(codings([]), CODEBOOK, groups)
    assert len(matrix) == 3 * 2
    assert set(matrix["status"]) == {CELL_NO_FRAGMENTS}


def test_fragments_about_the_theme_only_come_before_longer_mixed_ones() -> None:
    rows = [
        ("GM0001", "Een", "doc", "s1", "A.X", "c1", "lang fragment over A en ook over B tegelijk", 0, 44),
        ("GM0001", "Een", "doc", "s1", "B", "c1", "lang fragment over A en ook over B tegelijk", 0, 44),
        ("GM0001", "Een", "doc", "s2", "A.X", "c1", "alleen over A", 50, 63),
    ]
    first = exemplar_quotes(codings(rows), CODEBOOK, themes=["A"], per_theme=1)
    assert first.iloc[0]["segment_id"] == "s2"
    both = exemplar_quotes(codings(rows), CODEBOOK, themes=["A"], per_theme=3)
    assert list(both["segment_id"]) == ["s2", "s1"]


def test_a_text_coded_twice_is_quoted_once_whatever_the_row_order() -> None:
    rows = [
        ("GM0001", "Een", "doc2", "s9", "B", "c1", "zelfde  woorden", 5, 20),
        ("GM0001", "Een", "doc1", "s1", "B", "c1", "zelfde woorden", 0, 14),
    ]
    one = exemplar_quotes(codings(rows), CODEBOOK)
    other = exemplar_quotes(codings(list(reversed(rows))), CODEBOOK)
    assert len(one) == 1 and one.iloc[0]["document"] == other.iloc[0]["document"] == "doc1"
