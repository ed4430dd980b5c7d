"""The tidy CSV import: encoding, columns, row-level rejections and the illustrative example."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from analysis.core.paths import CONFIG_DIR, REPO_ROOT
from analysis.qual import tidy_csv
from analysis.qual.codebook import load_codebook
from analysis.qual.coding_import import printable
from analysis.qual.codings import (
    ACCEPTED_COLUMNS,
    CODINGS_ENV,
    EXAMPLE_CODINGS,
    ILLUSTRATIVE_NOTICE,
    CodingFileError,
    CodingImport,
    default_codings_path,
    load_codings,
    normalize_gm_code,
    read_tidy_csv,
)
from analysis.qual.csv_files import MAX_CELL_CHARS
from analysis.qual.tidy_csv import MAX_ROWS

FIXTURES = Path(__file__).parent / "fixtures" / "codings"
HEADER = "gm_code,document,segment_id,code_id,coder"


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


@pytest.fixture(scope="module")
def municipalities() -> dict[str, str]:
    """The twenty cases plus one non-case municipality; injected, not read from the geography."""
    with (CONFIG_DIR / "cases.csv").open(encoding="utf-8", newline="") as handle:
        cases = {row["gm_code"]: row["gm_name"] for row in csv.DictReader(handle)}
    return cases | {"GM0344": "Utrecht"}


def _write(tmp_path: Path, text: str, name: str = "codings.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_example_file_is_illustrative_and_complete(codebook, municipalities):
    result = load_codings(default_codings_path(), codebook, municipalities)
    assert result.is_illustrative is True
    assert result.ok and result.rejected.empty
    assert result.n_read == len(result.accepted)
    assert list(result.accepted.columns) == list(ACCEPTED_COLUMNS)
    accepted = result.accepted
    assert accepted["gm_code"].nunique() == 20
    segments = accepted.drop_duplicates(["gm_code", "document", "segment_id"])
    per_case = segments.groupby("gm_code").size()
    assert per_case.between(15, 40).all()
    assert accepted.groupby("gm_code")["document"].nunique().min() >= 3
    coders = accepted.groupby(["gm_code", "document", "segment_id"])["coder"].nunique()
    assert 0.2 < (coders == 2).mean() < 0.5
    assert accepted.attrs["is_illustrative"] is True
    assert "ILLUSTRATIVE" in result.summary()


def test_example_file_is_reproduced_by_its_script(codebook):
    spec = importlib.util.spec_from_file_location(
        "make_example_codings", REPO_ROOT / "scripts" / "make_example_codings.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with EXAMPLE_CODINGS.open(encoding="utf-8", newline="") as handle:
        first = handle.readline()
        rows = list(csv.reader(handle))
    assert first == module.HEADER_COMMENT
    assert rows[0] == module.COLUMNS
    assert rows[1:] == module.make_rows(codebook)


def test_notice_is_bilingual():
    assert "geen onderzoeksresultaat" in ILLUSTRATIVE_NOTICE
    assert "not research findings" in ILLUSTRATIVE_NOTICE


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(CODINGS_ENV, raising=False)
    assert default_codings_path() == EXAMPLE_CODINGS == CONFIG_DIR / "codings_example.csv"
    monkeypatch.setenv(CODINGS_ENV, str(tmp_path / "echt.qdpx"))
    assert default_codings_path() == tmp_path / "echt.qdpx"


def test_real_file_without_marker_is_not_illustrative(tmp_path, codebook, municipalities):
    path = _write(tmp_path, f"# export 2017-03-01\n{HEADER}\nGM0193,doc,s1,RAAD.VOLGEN,A\n")
    result = read_tidy_csv(path, codebook, municipalities)
    assert result.is_illustrative is False
    assert len(result.accepted) == 1
    assert result.accepted.loc[0, "gm_name"] == "Zwolle"


def test_missing_columns_are_named(codebook, municipalities):
    path = FIXTURES / "missing_column.csv"
    with pytest.raises(CodingFileError) as excinfo:
        load_codings(path, codebook, municipalities)
    message = str(excinfo.value)
    assert message.startswith(str(path))
    assert "missing required column(s) segment_id, coder" in message


def test_cp1252_file_is_refused_with_line_and_byte(codebook, municipalities):
    path = FIXTURES / "cp1252.csv"
    offset = path.read_bytes().index(bytes([0xE9]))
    with pytest.raises(CodingFileError) as excinfo:
        load_codings(path, codebook, municipalities)
    message = str(excinfo.value)
    assert message.startswith(str(path))
    assert "not valid UTF-8 at line 3" in message
    assert f"byte offset {offset}" in message
    assert "0xE9" in message
    assert "Windows-1252" in message
    assert "Re-save the file as UTF-8" in message


def test_utf16_is_refused(tmp_path, codebook, municipalities):
    path = _write(tmp_path, f"{HEADER}\n", encoding="utf-16")
    with pytest.raises(CodingFileError, match="UTF-16"):
        read_tidy_csv(path, codebook, municipalities)


def test_bom_is_accepted(tmp_path, codebook, municipalities):
    path = _write(tmp_path, f"{HEADER}\nGM0193,doc,s1,RAAD.VOLGEN,A\n", encoding="utf-8-sig")
    result = read_tidy_csv(path, codebook, municipalities)
    assert len(result.accepted) == 1


def test_unknown_code_is_rejected_with_line_number(codebook, municipalities):
    result = load_codings(FIXTURES / "unknown_code.csv", codebook, municipalities)
    assert result.n_read == 3
    assert len(result.accepted) == 1
    assert result.rejected["row"].tolist() == [3, 4]
    assert result.rejected["location"].tolist() == ["line 3", "line 4"]
    assert result.rejected["reason"].str.contains("unknown code id 'RAAD.BESTAAT_NIET'").all()
    assert result.rejected["file"].eq(str(FIXTURES / "unknown_code.csv")).all()
    assert result.unmatched_codes[["name", "n_codings"]].values.tolist() == [["RAAD.BESTAAT_NIET", 2]]


def test_duplicate_is_rejected_and_points_to_the_first(codebook, municipalities):
    result = load_codings(FIXTURES / "duplicate_segment.csv", codebook, municipalities)
    assert len(result.accepted) == 2
    assert result.rejected["row"].tolist() == [4]
    assert result.rejected.loc[0, "kind"] == "duplicate"
    assert "duplicate of line 2" in result.rejected.loc[0, "reason"]


def test_row_problems_do_not_abort(tmp_path, codebook, municipalities):
    text = (
        "# ILLUSTRATIVE test data\n"
        f"{HEADER},start,end\n"
        "GM0193,doc,s1,RAAD.VOLGEN,A,10,20\n"  # line 3: fine
        "GM9999,doc,s2,RAAD.VOLGEN,A,,\n"  # line 4: unknown municipality
        "GM0193,doc,s3,RAAD.VOLGEN,,,\n"  # line 5: empty coder
        'GM0193,"doc\nmet regel",s4,DEM,A,5,x\n'  # lines 6-7: bad end
        "\n"  # line 8: blank, skipped
        "GM0193,doc,s5,DEM,A,9,3\n"  # line 9: start after end
        "GM0193,doc,s6,DEM,A,1,2,extra\n"  # line 10: too many fields
        "193,doc,s7,DEM,A,,\n"  # line 11: fine, code padded
    )
    result = read_tidy_csv(_write(tmp_path, text), codebook, municipalities)
    assert result.n_read == 7
    assert len(result.accepted) + len(result.rejected) == 7
    assert result.accepted["location"].tolist() == ["line 3", "line 11"]
    assert result.accepted["gm_code"].tolist() == ["GM0193", "GM0193"]
    assert result.accepted["start"].tolist() == [10, pd.NA]
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert reasons[4] == "unknown municipality code 'GM9999'"
    assert reasons[5] == "empty required cell(s): coder"
    assert reasons[6] == "end 'x' is not a whole number >= 0"
    assert reasons[9] == "start 9 is after end 3"
    assert reasons[10].startswith("8 fields but the header has 7")
    assert any("1 empty line(s) skipped" in note for note in result.notes)
    counts = result.rejection_counts()
    assert counts["bad_position"] == 2
    summary = result.summary()
    assert "Codings read: 7; accepted: 2; rejected: 5" in summary
    assert "line 4: unknown municipality code 'GM9999'" in summary


def test_semicolon_separated_excel_file(tmp_path, codebook, municipalities):
    text = f"{HEADER.replace(',', ';')}\nGM0193;doc;s1;RAAD.VOLGEN;A\n"
    result = read_tidy_csv(_write(tmp_path, text), codebook, municipalities)
    assert len(result.accepted) == 1
    assert any("separated by ';'" in note for note in result.notes)


def test_header_only_and_empty_files(tmp_path, codebook, municipalities):
    result = read_tidy_csv(_write(tmp_path, f"{HEADER}\n"), codebook, municipalities)
    assert result.n_read == 0 and result.ok  # the reader reads it; load_codings refuses it (below)
    with pytest.raises(CodingFileError, match="no header line"):
        read_tidy_csv(_write(tmp_path, "# only a comment\n", "empty.csv"), codebook, municipalities)


def test_lost_rows_are_detected():
    empty = pd.DataFrame()
    with pytest.raises(AssertionError, match="rows were lost"):
        CodingImport(
            accepted=empty,
            rejected=empty,
            unmatched_codes=empty,
            source="x.csv",
            is_illustrative=False,
            n_read=3,
        )


@pytest.mark.parametrize(
    ("raw", "expected"), [("GM0193", "GM0193"), (" gm0193 ", "GM0193"), ("193", "GM0193"), ("0193", "GM0193")]
)
def test_normalize_gm_code(raw, expected):
    assert normalize_gm_code(raw) == expected


def test_unsupported_suffix(tmp_path, codebook, municipalities):
    path = _write(tmp_path, "x", "codings.txt")
    with pytest.raises(CodingFileError, match=r"codings.txt: unsupported file type \.txt"):
        load_codings(path, codebook, municipalities)
    with pytest.raises(CodingFileError, match="file not found"):
        load_codings(tmp_path / "nope.csv", codebook, municipalities)


def test_maxqda_spreadsheet_gets_a_pointer_to_refi_qda(mirror, codebook, municipalities):
    path = mirror / "qda-samples" / "maxqda_coded-segments_polish-ui.xls"
    with pytest.raises(CodingFileError, match=r"localized headers; export REFI-QDA"):
        load_codings(path, codebook, municipalities)


def test_case_mapping_is_not_silently_ignored_for_csv(tmp_path, codebook, municipalities):
    path = _write(tmp_path, f"{HEADER}\nGM0193,doc,s1,RAAD.VOLGEN,A\n")
    result = load_codings(path, codebook, municipalities, case_mapping={"doc": "GM0193"})
    assert any("mapping only applies to REFI-QDA" in note for note in result.notes)


# --- hostile and careless files (issue 15 items 7-9) ---------------------------------------------


def test_header_only_file_is_no_codings(tmp_path, codebook, municipalities):
    # Before: read as an empty, passing import, so a report was built on nothing.
    with pytest.raises(CodingFileError, match=r"header.csv: no codings found"):
        load_codings(_write(tmp_path, f"{HEADER}\n", "header.csv"), codebook, municipalities)


def test_segment_longer_than_the_csv_default_limit_is_read(tmp_path, codebook, municipalities):
    # Before: _csv.Error "field larger than field limit (131072)", a traceback.
    long_text = "woord " * 30_000  # 180,000 characters
    path = _write(tmp_path, f'{HEADER},segment_text\nGM0193,doc,s1,RAAD.VOLGEN,A,"{long_text}"\n')
    result = read_tidy_csv(path, codebook, municipalities)
    assert result.accepted["segment_text"].tolist() == [long_text]
    assert csv.field_size_limit() == 131_072  # the csv module's process-wide limit is restored


def test_cell_above_the_stated_maximum_names_file_and_line(tmp_path, codebook, municipalities):
    huge = "x" * (MAX_CELL_CHARS + 1)
    path = _write(
        tmp_path, f'{HEADER},segment_text\nGM0193,doc,s1,RAAD.VOLGEN,A,kort\nGM0193,doc,s2,RAAD.VOLGEN,A,"{huge}"\n'
    )
    with pytest.raises(
        CodingFileError, match=rf"codings.csv: line 3: a cell is longer than {MAX_CELL_CHARS:,} characters"
    ):
        read_tidy_csv(path, codebook, municipalities)


@pytest.mark.parametrize(
    ("end", "reason"),
    [
        ("100000000000000000000", "end 100000000000000000000 is larger than 2147483647"),
        ("7" * 5000, "end 77777777777777777777... (5000 characters) is larger than 2147483647"),
        ("-5", "end '-5' is not a whole number >= 0"),
        ("1e3", "end '1e3' is not a whole number >= 0"),
        ("\u0663", "end '\u0663' is not a whole number >= 0"),  # an Arabic-Indic digit: isdigit() but not ASCII
    ],
)
def test_positions_are_parsed_within_bounds(tmp_path, codebook, municipalities, end, reason):
    # Before: 10**20 raised OverflowError in the Int64 column, 5,000 digits a ValueError naming no file.
    path = _write(
        tmp_path, f"{HEADER},start,end\nGM0193,doc,s1,RAAD.VOLGEN,A,0,{end}\nGM0193,doc,s2,RAAD.VOLGEN,A,0,5\n"
    )
    result = read_tidy_csv(path, codebook, municipalities)
    assert result.rejected[["row", "kind"]].values.tolist() == [[2, "bad_position"]]
    assert result.rejected["file"].tolist() == [str(path)]
    assert result.rejected["reason"].iloc[0].startswith(reason)
    assert result.accepted[["start", "end"]].values.tolist() == [[0, 5]]


def test_row_limit_is_stated(tmp_path, codebook, municipalities, monkeypatch):
    monkeypatch.setattr(tidy_csv, "MAX_ROWS", 3)
    rows = "".join(f"GM0193,doc,s{i},RAAD.VOLGEN,A\n" for i in range(4))
    with pytest.raises(CodingFileError, match=r"codings.csv: line 5: more than 3 codings, the most one file may hold"):
        read_tidy_csv(_write(tmp_path, f"{HEADER}\n{rows}"), codebook, municipalities)
    assert tidy_csv.MAX_ROWS == 3 and MAX_ROWS == 5_000_000


def test_escape_codes_in_an_unused_header_are_shown_escaped(tmp_path, codebook, municipalities):
    # Before: the note carried ESC [2J (clear screen) and ESC ]0;... (window title) to the terminal.
    path = _write(tmp_path, f"{HEADER},\x1b[2J\x1b]0;pwned\x07\nGM0193,doc,s1,RAAD.VOLGEN,A,x\n")
    result = read_tidy_csv(path, codebook, municipalities)
    summary = result.summary()
    assert "\x1b" not in summary and "\x07" not in summary
    assert "\\x1b[2j\\x1b]0;pwned\\x07" in summary
    assert printable("a\x1bb\u202ec\nd") == "a\\x1bb\\u202ec\\nd"


def test_multiline_cells_keep_physical_line_numbers(tmp_path, codebook, municipalities):
    text = f'{HEADER},segment_text\nGM0193,doc,s1,RAAD.VOLGEN,A,"een\ntwee\ndrie"\n\nGM0193,doc,s2,NOPE,A,x\n'
    result = read_tidy_csv(_write(tmp_path, text), codebook, municipalities)
    assert result.rejected[["row", "location"]].values.tolist() == [[6, "line 6"]]
    assert result.accepted["segment_text"].tolist() == ["een\ntwee\ndrie"]
    assert "1 empty line(s) skipped (no cells filled)" in result.notes


def test_column_wise_checks_match_row_by_row_rules(tmp_path, codebook, municipalities):
    text = (
        f"{HEADER},start,end\n"
        "193,doc,s1,RAAD.VOLGEN,A,,\n"  # accepted, code normalised
        "GM9999,doc,s2,NOPE,A,,\n"  # unknown municipality and code
        "GM0193,doc,s1,RAAD.VOLGEN,A,,\n"  # duplicate of line 2
        ",doc,s3,,A,,\n"  # empty cells
        "GM0193,doc,s4,RAAD.VOLGEN,A,9,2,extra\n"  # too many fields and start after end
    )
    result = read_tidy_csv(_write(tmp_path, text), codebook, municipalities)
    assert result.accepted["location"].tolist() == ["line 2"]
    assert result.accepted["gm_code"].tolist() == ["GM0193"]
    reasons = dict(zip(result.rejected["row"], result.rejected["reason"], strict=True))
    assert reasons[3] == (f"unknown municipality code 'GM9999'; unknown code id 'NOPE' (not in {codebook.name})")
    assert reasons[4] == "duplicate of line 2 (same document, segment_id, code_id, coder)"
    assert reasons[5] == "empty required cell(s): gm_code, code_id"
    assert reasons[6].startswith("8 fields but the header has 7") and "start 9 is after end 2" in reasons[6]
    assert result.unmatched_codes[["name", "n_codings"]].values.tolist() == [["NOPE", 1]]
    assert result.rejected["kind"].tolist() == [
        "unknown_municipality;unknown_code", "duplicate", "empty_cell", "bad_row;bad_position",
    ]  # fmt: skip


def test_chunks_keep_lines_duplicates_and_limits(tmp_path, codebook, municipalities, monkeypatch):
    monkeypatch.setattr(tidy_csv, "CHUNK_ROWS", 2)
    text = (
        f"# ILLUSTRATIVE\n{HEADER},segment_text\n"
        "GM0193,doc,s1,RAAD.VOLGEN,A,x\n"  # line 3
        ',,,,,""\n'  # line 4: blank
        'GM0193,doc,s2,RAAD.VOLGEN,A,"a\nb"\n'  # lines 5-6
        "GM0193,doc,s1,RAAD.VOLGEN,A,y\n"  # line 7: duplicate of line 3, in another chunk
        "GM0193,doc,s3,NOPE,A,z\n"  # line 8
    )
    result = read_tidy_csv(_write(tmp_path, text), codebook, municipalities)
    assert result.is_illustrative
    assert result.accepted["location"].tolist() == ["line 3", "line 5"]
    assert dict(zip(result.rejected["row"], result.rejected["reason"], strict=True)) == {
        7: "duplicate of line 3 (same document, segment_id, code_id, coder)",
        8: f"unknown code id 'NOPE' (not in {codebook.name})",
    }
    assert "1 empty line(s) skipped (no cells filled)" in result.notes
    monkeypatch.setattr(tidy_csv, "MAX_ROWS", 3)
    with pytest.raises(CodingFileError, match="line 8: more than 3 codings"):
        read_tidy_csv(_write(tmp_path, text), codebook, municipalities)
