"""`codings check`: summary, exit codes and one-line errors."""

from __future__ import annotations

import argparse
import csv
import os
import time
import zipfile
from pathlib import Path

import pytest

from analysis import codings_cli
from analysis.codings_cli import EXIT_OK, EXIT_REJECTED, EXIT_UNREADABLE, add_codings_parser, check
from analysis.core.paths import CONFIG_DIR
from analysis.qual.codings import EXAMPLE_CODINGS, mapping_sidecar

FIXTURES = Path(__file__).parent / "fixtures" / "codings"


@pytest.fixture(scope="module")
def municipalities() -> dict[str, str]:
    with (CONFIG_DIR / "cases.csv").open(encoding="utf-8", newline="") as handle:
        return {row["gm_code"]: row["gm_name"] for row in csv.DictReader(handle)}


def test_example_passes(capsys, municipalities):
    assert check(str(EXAMPLE_CODINGS), municipalities=municipalities) == EXIT_OK
    out = capsys.readouterr().out
    assert "ILLUSTRATIVE" in out
    assert "rejected: 0" in out
    assert "OK: every coding was accepted." in out


def test_rejections_are_listed_and_fail(capsys, municipalities):
    assert check(str(FIXTURES / "unknown_code.csv"), municipalities=municipalities) == EXIT_REJECTED
    out = capsys.readouterr().out
    assert "Codings read: 3; accepted: 1; rejected: 2" in out
    assert "       2  unknown_code" in out
    assert "line 3: unknown code id 'RAAD.BESTAAT_NIET'" in out
    assert "'RAAD.BESTAAT_NIET': 2 coding(s)" in out
    assert "NOT OK: 2 of 3 codings rejected." in out


def test_first_rows_only(capsys, municipalities, tmp_path):
    path = tmp_path / "many.csv"
    rows = "".join(f"GM0193,doc,s{i},NOPE,A\n" for i in range(30))
    path.write_text(f"gm_code,document,segment_id,code_id,coder\n{rows}", encoding="utf-8")
    assert check(str(path), municipalities=municipalities, max_rows=3) == EXIT_REJECTED
    out = capsys.readouterr().out
    assert "First 3 rejected:" in out
    assert "line 4:" in out and "line 5:" not in out


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("cp1252.csv", "not valid UTF-8 at line 3"),
        ("missing_column.csv", "missing required column(s) segment_id, coder"),
        ("entity_bomb.qde", "refused: the XML declares a DTD"),
        ("does_not_exist.csv", "file not found"),
    ],
)
def test_unreadable_files_give_one_line(capsys, municipalities, name, fragment):
    assert check(str(FIXTURES / name), municipalities=municipalities) == EXIT_UNREADABLE
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {FIXTURES / name}")
    assert fragment in lines[0]
    assert "Traceback" not in captured.err


def test_truncated_archive(capsys, municipalities, tmp_path):
    path = tmp_path / "kapot.qdpx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", "<Project xmlns='urn:QDA-XML:project:1.0'/>" * 50)
    path.write_bytes(path.read_bytes()[:40])
    assert check(str(path), municipalities=municipalities) == EXIT_UNREADABLE
    assert "truncated or corrupt" in capsys.readouterr().err


def test_mapping_option(capsys, tmp_path):
    project = tmp_path / "p.qdpx"
    qde = (
        '<Project xmlns="urn:QDA-XML:project:1.0" origin="t"><Users><User guid="U" name="Ann"/></Users>'
        '<CodeBook><Codes><Code guid="C" name="Kaderstellen"/></Codes></CodeBook><Sources>'
        '<TextSource guid="S" name="gesprek 1">'
        '<PlainTextSelection guid="P" startPosition="0" endPosition="1">'
        '<Coding guid="K" creatingUser="U"><CodeRef targetGUID="C"/></Coding></PlainTextSelection>'
        "</TextSource></Sources></Project>"
    )
    with zipfile.ZipFile(project, "w") as archive:
        archive.writestr("project.qde", qde)
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("source_name_or_guid,gm_code\ngesprek 1,GM0193\n", encoding="utf-8")
    municipalities = {"GM0193": "Zwolle"}
    assert check(str(project), municipalities=municipalities) == EXIT_REJECTED
    assert "unmapped_source" in capsys.readouterr().out
    assert check(str(project), str(mapping), municipalities=municipalities) == EXIT_OK
    assert "accepted: 1; rejected: 0" in capsys.readouterr().out


def test_broken_codebook_is_reported(capsys, municipalities, tmp_path):
    book = tmp_path / "codebook.yaml"
    book.write_text("version: '1'\ncodes: []\n", encoding="utf-8")
    code = check(str(EXAMPLE_CODINGS), codebook_path=str(book), municipalities=municipalities)
    assert code == EXIT_UNREADABLE
    assert "'codes' must be a non-empty list" in capsys.readouterr().err


def test_missing_municipality_list_is_one_line(capsys, monkeypatch):
    def unavailable() -> dict[str, str]:
        raise OSError("the municipality list of 2017 is not available (no geography); run build first")

    monkeypatch.setattr(codings_cli, "_municipalities_of_2017", unavailable)
    assert check(str(EXAMPLE_CODINGS)) == EXIT_UNREADABLE
    assert capsys.readouterr().err.count("\n") == 1


def test_parser_registration(monkeypatch):
    parser = argparse.ArgumentParser(prog="python -m analysis")
    add_codings_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["codings", "check", "x.qdpx", "--mapping", "m.csv", "--max-rows", "5"])
    assert (args.command, args.codings_command, args.path, args.mapping, args.max_rows) == (
        "codings", "check", "x.qdpx", "m.csv", 5,
    )  # fmt: skip
    calls = []
    monkeypatch.setattr(codings_cli, "check", lambda *a, **k: calls.append((a, k)) or 0)
    assert args.handler(args) == 0
    assert calls == [(("x.qdpx", "m.csv"), {"codebook_path": None, "themes_path": None, "max_rows": 5})]
    with pytest.raises(SystemExit):
        parser.parse_args(["codings"])


# --- hostile and careless input: exit codes and messages (issue 15 items 7-9) --------------------

HEADER = "gm_code,document,segment_id,code_id,coder"
TINY_QDE = (
    '<Project xmlns="urn:QDA-XML:project:1.0" origin="t"><Users><User guid="U" name="Ann"/></Users>'
    '<CodeBook><Codes><Code guid="C" name="Kaderstellen"/></Codes></CodeBook><Sources>'
    '<TextSource guid="S" name="Zwolle gesprek">'
    '<PlainTextSelection guid="P" startPosition="0" endPosition="1">'
    '<Coding guid="K" creatingUser="U"><CodeRef targetGUID="C"/></Coding></PlainTextSelection>'
    "</TextSource></Sources></Project>"
)


def _one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def _archive(path: Path, qde: str = TINY_QDE, flag_bits: int = 0, method: int | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde, compress_type=zipfile.ZIP_DEFLATED)
    data = bytearray(path.read_bytes())
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = data.index(signature)
        data[at + flag_at] |= flag_bits
        if method is not None:
            data[at + method_at : at + method_at + 2] = method.to_bytes(2, "little")
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda d: _archive(d / "locked.qdpx", flag_bits=0x1), "is encrypted (password-protected)"),
        (lambda d: _archive(d / "d64.qdpx", method=9), "compression method 9, which this reader cannot unpack"),
        (
            lambda d: _archive(
                d / "deep.qdpx", TINY_QDE.replace("<Codes>", "<Codes>" + "<Code>" * 5000 + "</Code>" * 5000)
            ),
            "is nested 201 elements deep",
        ),
        (
            lambda d: _archive(
                d / "leeg.qdpx", TINY_QDE.replace("<Sources>", "<Sources/><X>").replace("</Sources>", "</X>")
            ),
            "no codings found",
        ),
        (lambda d: _write(d / "kop.csv", f"{HEADER}\n"), "no codings found"),
        (
            lambda d: _write(d / "lang.csv", f'{HEADER},segment_text\nGM0193,d,s,DEM,A,"{"x" * 1_000_001}"\n'),
            "line 2: a cell is longer than 1,000,000 characters",
        ),
    ],
)
def test_unreadable_input_exits_2_with_one_line(capsys, municipalities, tmp_path, make, fragment):
    # Before: RuntimeError, NotImplementedError, RecursionError, _csv.Error tracebacks, or exit 0 on nothing.
    path = make(tmp_path)
    assert check(str(path), municipalities=municipalities) == EXIT_UNREADABLE
    line = _one_error_line(capsys)
    assert line.startswith(f"error: {path}") and fragment in line


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_huge_position_is_a_rejected_row_with_file_and_line(capsys, municipalities, tmp_path):
    # Before: OverflowError traceback.
    path = _write(tmp_path / "pos.csv", f"{HEADER},start,end\nGM0193,d,s,DEM,A,0,{10**20}\n")
    assert check(str(path), municipalities=municipalities) == EXIT_REJECTED
    out = capsys.readouterr().out
    assert "line 2: end 100000000000000000000 is larger than 2147483647" in out


def test_file_name_that_is_not_utf8_is_refused(capsys, municipalities, tmp_path):
    # Before: accepted by check, then failed halfway through a report run.
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.csv")
    with open(raw, "wb") as handle:
        handle.write(f"{HEADER}\nGM0193,d,s,DEM,A\n".encode())
    assert check(os.fsdecode(raw), municipalities=municipalities) == EXIT_UNREADABLE
    line = _one_error_line(capsys)
    assert "caf\\xe9.csv" in line and "the file name is not valid UTF-8; rename the file" in line


def test_244_byte_file_name_has_no_sidecar_problem(capsys, municipalities, tmp_path):
    # Before: "File name too long" for <name>.mapping.csv, although no mapping was asked for.
    path = _write(tmp_path / ("c" * 240 + ".csv"), f"{HEADER}\nGM0193,d,s,DEM,A\n")
    assert len(path.name.encode()) == 244
    assert mapping_sidecar(path) is None
    assert check(str(path), municipalities=municipalities) == EXIT_OK
    capsys.readouterr()


def test_escape_codes_never_reach_the_terminal(capsys, municipalities, tmp_path):
    path = _write(tmp_path / "esc.csv", f"{HEADER},\x1b[31mrood\x1b[0m\nGM0193,d,s,NOPE\x1b[2J,A,x\n")
    assert check(str(path), municipalities=municipalities) == EXIT_REJECTED
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "'\\x1b[31mrood\\x1b[0m'" in out and "NOPE\\x1b[2J" in out
    bad_name = _write(tmp_path / "x\x1b[2J.qdc", "<Project/>")
    assert check(str(bad_name), municipalities=municipalities) == EXIT_UNREADABLE
    assert "x\\x1b[2J.qdc" in _one_error_line(capsys)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("source_name_or_guid;gm_code\nZwolle gesprek;GM0193\n", "separated by ';', not by commas"),
        ("source_name_or_guid\tgm_code\nZwolle gesprek\tGM0193\n", "separated by a tab, not by commas"),
        (
            "source_name_or_guid,gm_code\nZwolle gesprek,GM0193\nBergen, NH,GM0373\n",
            "line 3: 3 cells but the header has 2",
        ),
    ],
)
def test_careless_mapping_files_exit_2_naming_the_problem(capsys, municipalities, tmp_path, text, fragment):
    # Before: ';' gave only "missing column(s)"; the extra cell was silently dropped (Bergen -> " NH").
    project = _archive(tmp_path / "p.qdpx")
    mapping = _write(tmp_path / "mapping.csv", text)
    assert check(str(project), str(mapping), municipalities=municipalities) == EXIT_UNREADABLE
    line = _one_error_line(capsys)
    assert line.startswith(f"error: {mapping}: ") and fragment in line


def test_yaml_alias_bomb_codebook_is_refused_quickly(capsys, municipalities, tmp_path):
    # Before: the aliases were expanded (45 s, then MemoryError in the report of the issue).
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    book = _write(tmp_path / "bomb.yaml", "version: '1'\n" + "\n".join(levels) + "\ncodes: *a8\n")
    started = time.perf_counter()
    assert check(str(EXAMPLE_CODINGS), codebook_path=str(book), municipalities=municipalities) == EXIT_UNREADABLE
    assert time.perf_counter() - started < 2
    assert "line 3: YAML aliases (*name) are not allowed in a codebook" in capsys.readouterr().err


def test_damaged_municipality_list_names_the_command_that_rebuilds(capsys, isolated_data, monkeypatch):
    from analysis.geo import geography

    target = geography.processed_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"PAR1" + bytes(100))  # a parquet cut short
    assert check(str(EXAMPLE_CODINGS)) == EXIT_UNREADABLE
    line = _one_error_line(capsys)
    assert "not available or damaged" in line and "`python -m analysis build --force`" in line


@pytest.mark.slow
def test_build_force_really_rebuilds_a_truncated_layer(capsys, mirror, isolated_data):
    from analysis.geo import geography
    from analysis.pipeline.build import build

    build()
    target = geography.processed_path()
    target.write_bytes(target.read_bytes()[:200])
    assert check(str(EXAMPLE_CODINGS)) == EXIT_UNREADABLE
    assert "build --force" in capsys.readouterr().err
    assert target in build(force=True)
    assert check(str(EXAMPLE_CODINGS)) == EXIT_OK
