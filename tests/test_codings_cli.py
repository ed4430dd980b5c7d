"""`codings check`: summary, exit codes and one-line errors."""

from __future__ import annotations

import argparse
import csv
import zipfile
from pathlib import Path

import pytest

from analysis import codings_cli
from analysis.codings_cli import EXIT_OK, EXIT_REJECTED, EXIT_UNREADABLE, add_codings_parser, check
from analysis.core.paths import CONFIG_DIR
from analysis.qual.codings import EXAMPLE_CODINGS

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
    assert calls == [(("x.qdpx", "m.csv"), {"codebook_path": None, "max_rows": 5})]
    with pytest.raises(SystemExit):
        parser.parse_args(["codings"])
