"""REFI-QDA import: tiny projects built here, hostile files, and the real exports in the mirror."""

from __future__ import annotations

import os
import re
import struct
import zipfile
from pathlib import Path

import pytest

from analysis.qual import archive, refi_qda
from analysis.qual.codebook import codebook_from_dict, load_codebook
from analysis.qual.codings import CodingFileError, load_codings
from analysis.qual.refi_qda import read_case_mapping, read_refi_qda

FIXTURES = Path(__file__).parent / "fixtures" / "codings"
MUNICIPALITIES = {"GM0193": "Zwolle", "GM0106": "Assen", "GM0344": "Utrecht", "GM0599": "Rotterdam"}

PROJECT = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" origin="test 1.0" name="t">
  <Users><User guid="U-A" name="Anna"/><User guid="U-B" name="Bert"/></Users>
  <CodeBook><Codes>
    <Code guid="C-RAAD" name="Rollen (eigen naam)" isCodable="true">
      <Code guid="C-VOLGEN" name="VOLGEN" isCodable="true"/>
    </Code>
    <Code guid="C-OTHER" name="Iets anders" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="S1" name="Zwolle - interview raadsleden" plainTextPath="internal://S1.txt">
      <PlainTextSelection guid="P1" startPosition="0" endPosition="9" creatingUser="U-A">
        <Coding guid="K1" creatingUser="U-A"><CodeRef targetGUID="C-VOLGEN"/></Coding>
        <Coding guid="K2" creatingUser="U-B"><CodeRef targetGUID="C-VOLGEN"/></Coding>
        <Coding guid="K3" creatingUser="U-A"><CodeRef targetGUID="C-OTHER"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="P2" startPosition="10" endPosition="22">
        <Coding guid="K4"><CodeRef targetGUID="C-RAAD"/></Coding>
        <Coding guid="K5" creatingUser="U-A"><CodeRef targetGUID="C-MISSING"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="S2" name="Interview 7" plainTextPath="internal://S2.txt">
      <PlainTextSelection guid="P3" startPosition="0" endPosition="5" creatingUser="U-B">
        <Coding guid="K6" creatingUser="U-B"><CodeRef targetGUID="C-VOLGEN"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="S3" name="Onbekende bron">
      <PlainTextSelection guid="P4" startPosition="0" endPosition="3" creatingUser="U-A">
        <Coding guid="K7" creatingUser="U-A"><CodeRef targetGUID="C-VOLGEN"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
  <Cases><Case guid="CASE-1" name="Assen"><SourceRef targetGUID="S2"/></Case></Cases>
</Project>
"""
TEXT_S1 = "De raad v\u00f6lgt het beleid van het college nauwgezet."
TEXT_S2 = "Assen werkt regionaal samen."


@pytest.fixture(scope="module")
def codebook():
    def code(code_id, parent, nl, en, guid=None):
        entry = {"id": code_id, "parent": parent, "label_nl": nl, "label_en": en, "definition": "d"}
        return entry | ({"guid": guid} if guid else {})

    return codebook_from_dict(
        {
            "version": "0.1",
            "codes": [
                code("RAAD", None, "Rollen van de raad", "Council roles", guid="c-raad"),
                code("RAAD.VOLGEN", "RAAD", "Volgen", "Monitoring"),
                code("DEM", None, "Democratie", "Democracy"),
                code("VAR", None, "Variabelen", "Variables"),
            ],
        },
        path="test.yaml",
    )


def make_qdpx(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data)
    return path


def tiny_project(tmp_path: Path, entry: str = "project.qde") -> Path:
    return make_qdpx(
        tmp_path / "tiny.qdpx",
        {entry: PROJECT, "sources/S1.txt": TEXT_S1, "Sources/S2.txt": TEXT_S2},
    )


def test_tiny_project(tmp_path, codebook):
    result = load_codings(tiny_project(tmp_path), codebook, MUNICIPALITIES)
    assert result.n_read == 7
    assert result.is_illustrative is False
    accepted = result.accepted.assign(
        location=result.accepted["location"].str.replace(r" \(line \d+\)$", "", regex=True)
    )
    assert result.accepted["location"].str.fullmatch(r".* \(line \d+\)").all()
    accepted = accepted.set_index("location")
    assert len(accepted) == 4
    first = accepted.loc["PlainTextSelection guid=P1, CodeRef targetGUID=C-VOLGEN"]
    assert first["gm_code"].tolist() == ["GM0193", "GM0193"]
    assert first["coder"].tolist() == ["Anna", "Bert"]
    assert first["code_id"].tolist() == ["RAAD.VOLGEN"] * 2
    assert first["segment_text"].tolist() == [TEXT_S1[0:9]] * 2
    assert first["document"].iloc[0] == "Zwolle - interview raadsleden"
    by_guid = accepted.loc["PlainTextSelection guid=P2, CodeRef targetGUID=C-RAAD"]
    assert (by_guid["code_id"], by_guid["coder"], by_guid["segment_text"]) == (
        "RAAD",
        "unknown",
        TEXT_S1[10:22],
    )
    assert (by_guid["start"], by_guid["end"]) == (10, 22)
    via_case = accepted.loc["PlainTextSelection guid=P3, CodeRef targetGUID=C-VOLGEN"]
    assert (via_case["gm_code"], via_case["gm_name"], via_case["segment_text"]) == (
        "GM0106",
        "Assen",
        "Assen",
    )

    rejected = result.rejected.assign(
        location=result.rejected["location"].str.replace(r" \(line \d+\)$", "", regex=True)
    )
    rejected = rejected.set_index("location")
    assert rejected["row"].isna().all()
    assert rejected["file"].eq(str(tmp_path / "tiny.qdpx")).all()
    assert rejected.loc["PlainTextSelection guid=P1, CodeRef targetGUID=C-OTHER", "reason"] == (
        "QDA code 'Iets anders' is not in test.yaml v0.1"
    )
    assert rejected.loc["PlainTextSelection guid=P2, CodeRef targetGUID=C-MISSING", "kind"] == "bad_xml"
    unmapped = rejected.loc["PlainTextSelection guid=P4, CodeRef targetGUID=C-VOLGEN"]
    assert unmapped["kind"] == "unmapped_source"
    assert "source 'Onbekende bron'" in unmapped["reason"] and "mapping CSV" in unmapped["reason"]

    assert result.unmatched_codes[["name", "guid", "n_codings"]].values.tolist() == [["Iets anders", "C-OTHER", 1]]
    matches = result.code_matches.set_index("guid")
    assert matches.loc["C-RAAD", ["code_id", "matched_by"]].tolist() == ["RAAD", "guid"]
    assert matches.loc["C-VOLGEN", ["code_id", "matched_by", "parent", "n_codings"]].tolist() == [
        "RAAD.VOLGEN", "name", "Rollen (eigen naam)", 4,
    ]  # fmt: skip
    assert any("1 coding(s) have no creatingUser" in note for note in result.notes)
    assert any("exported by test 1.0" in note for note in result.notes)


def test_mapping_csv_assigns_sources(tmp_path, codebook):
    mapping = tmp_path / "mapping.csv"
    mapping.write_text("source_name_or_guid,gm_code\nOnbekende bron,344\n", encoding="utf-8")
    result = load_codings(tiny_project(tmp_path), codebook, MUNICIPALITIES, case_mapping=mapping)
    row = result.accepted.loc[result.accepted["document"] == "Onbekende bron"]
    assert row["gm_code"].tolist() == ["GM0344"]
    # The mapping wins over the name: S1 would otherwise be Zwolle.
    result = read_refi_qda(tiny_project(tmp_path), codebook, MUNICIPALITIES, case_mapping={"S1": "GM0599"})
    assert set(result.accepted.loc[result.accepted["segment_id"].isin(["P1", "P2"]), "gm_code"]) == {"GM0599"}


def test_read_case_mapping_errors(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("bron,gm_code\nx,GM0193\n", encoding="utf-8")
    with pytest.raises(CodingFileError, match="bad.csv: missing column"):
        read_case_mapping(bad)
    conflict = tmp_path / "conflict.csv"
    conflict.write_text("source_name_or_guid,gm_code\nx,GM0193\nx,GM0106\n", encoding="utf-8")
    with pytest.raises(CodingFileError, match=r"conflict.csv: line 3: 'x' is mapped to both GM0193 and GM0106"):
        read_case_mapping(conflict)
    with pytest.raises(CodingFileError, match="mapping file not found"):
        read_case_mapping(tmp_path / "absent.csv")


def test_project_entry_is_not_hard_coded(tmp_path, codebook):
    result = load_codings(tiny_project(tmp_path, entry="Gemeenten in 3D.qde"), codebook, MUNICIPALITIES)
    assert result.n_read == 7


def test_bare_qde(tmp_path, codebook):
    path = tmp_path / "project.qde"
    path.write_text(PROJECT, encoding="utf-8")
    result = load_codings(path, codebook, MUNICIPALITIES)
    assert (result.n_read, len(result.accepted)) == (7, 4)
    # Without the archive there is no source text to cut segments from.
    assert result.accepted["segment_text"].eq("").all()


@pytest.mark.parametrize("member", ["../../evil.txt", "/etc/evil.txt", "sources/../../evil.txt", "C:/evil.txt"])
def test_zip_with_unsafe_member_is_refused(tmp_path, codebook, member):
    path = make_qdpx(tmp_path / "slip.qdpx", {"project.qde": PROJECT, member: "boo"})
    with pytest.raises(CodingFileError, match=r"slip.qdpx: refused: zip member .* absolute or '\.\.' path"):
        load_codings(path, codebook, MUNICIPALITIES)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_truncated_zip(tmp_path, codebook):
    whole = tiny_project(tmp_path).read_bytes()
    path = tmp_path / "truncated.qdpx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CodingFileError, match=r"truncated.qdpx: not a readable zip archive \(truncated or corrupt"):
        load_codings(path, codebook, MUNICIPALITIES)


def test_corrupt_member_data(tmp_path, codebook):
    path = make_qdpx(tmp_path / "corrupt.qdpx", {"project.qde": PROJECT})
    data = bytearray(path.read_bytes())
    data[60:70] = bytes(10)  # inside the deflated project XML, past the 30-byte header and name
    path.write_bytes(bytes(data))
    with pytest.raises(CodingFileError, match=r"corrupt.qdpx: member 'project.qde' cannot be read"):
        load_codings(path, codebook, MUNICIPALITIES)


def _lying_archive(path: Path, declared: int) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("project.qde", PROJECT)
    data = bytearray(path.read_bytes())
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, declared)  # uncompressed size in the central directory
    path.write_bytes(bytes(data))
    return path


def test_member_larger_than_declared_is_refused(tmp_path, codebook):
    path = _lying_archive(tmp_path / "liar.qdpx", 100)
    with pytest.raises(CodingFileError, match=r"liar.qdpx: member 'project.qde' cannot be read .*CRC"):
        load_codings(path, codebook, MUNICIPALITIES)


def test_member_smaller_than_declared_is_refused(tmp_path, codebook):
    path = _lying_archive(tmp_path / "liar.qdpx", 100_000)
    with pytest.raises(CodingFileError, match=rf"member 'project.qde' has {len(PROJECT)} bytes but declares 100000"):
        load_codings(path, codebook, MUNICIPALITIES)


def test_size_cap(tmp_path, codebook, monkeypatch):
    monkeypatch.setattr(archive, "MAX_XML_BYTES", 100)
    with pytest.raises(CodingFileError, match="above the cap of 100"):
        load_codings(tiny_project(tmp_path), codebook, MUNICIPALITIES)


@pytest.mark.parametrize("name", ["entity_bomb.qde", "external_entity.qde"])
def test_dtd_and_entities_are_refused(codebook, name):
    with pytest.raises(CodingFileError) as excinfo:
        load_codings(FIXTURES / name, codebook, MUNICIPALITIES)
    message = str(excinfo.value)
    assert message.startswith(str(FIXTURES / name))
    assert "refused: the XML declares a DTD or entities" in message


def test_entity_bomb_inside_an_archive(tmp_path, codebook):
    path = make_qdpx(tmp_path / "bomb.qdpx", {"project.qde": (FIXTURES / "entity_bomb.qde").read_bytes()})
    with pytest.raises(CodingFileError, match=r"bomb.qdpx \(member project.qde\): refused"):
        load_codings(path, codebook, MUNICIPALITIES)


def test_malformed_xml_and_wrong_root(tmp_path, codebook):
    broken = tmp_path / "broken.qde"
    broken.write_text("<Project><Users></Project>", encoding="utf-8")
    with pytest.raises(CodingFileError, match="broken.qde: not well-formed XML"):
        load_codings(broken, codebook, MUNICIPALITIES)
    wrong = tmp_path / "wrong.qdc"
    wrong.write_text(PROJECT, encoding="utf-8")
    with pytest.raises(CodingFileError, match="wrong.qdc: root element is <Project>, expected <CodeBook>"):
        load_codings(wrong, codebook, MUNICIPALITIES)
    no_qde = make_qdpx(tmp_path / "empty.qdpx", {"sources/a.txt": "x"})
    with pytest.raises(CodingFileError, match=r"no project XML \(\*\.qde\)"):
        load_codings(no_qde, codebook, MUNICIPALITIES)


@pytest.mark.parametrize(
    "namespace", ["urn:QDA-XML:codebook:1.0", "urn:QDA-XML:codebook:1:0", "urn:QDA-XML:codebook:0:4"]
)
def test_codebook_namespaces(tmp_path, codebook, namespace):
    path = tmp_path / "codes.qdc"
    path.write_text(
        f'<CodeBook xmlns="{namespace}"><Codes><Code guid="G1" name="volgen">'
        '<Code guid="G2" name="Nieuw"/></Code></Codes></CodeBook>',
        encoding="utf-8",
    )
    result = load_codings(path, codebook, MUNICIPALITIES)
    assert result.n_read == 0 and result.ok
    assert result.code_matches[["name", "code_id", "matched_by"]].values.tolist() == [
        ["volgen", "RAAD.VOLGEN", "name"],
        ["Nieuw", "", ""],
    ]
    assert result.unmatched_codes[["name", "parent", "n_codings"]].values.tolist() == [["Nieuw", "volgen", 0]]


# --- the real exports in the mirror ------------------------------------------------------------


@pytest.fixture
def samples(mirror: Path) -> Path:
    folder = mirror / "qda-samples"
    if not folder.is_dir():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI needs the QDA samples in {folder}")
        pytest.skip(f"no QDA samples in {folder}")
    return folder


def _qde_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde").decode("utf-8")


def test_qc_demo_with_mapping_and_guids(samples, codebook):
    path = samples / "qc1.3.2_demo.qdpx"
    qde = _qde_text(path)
    fun = re.findall(r'<Code name="fun" guid="([^"]+)"', qde)
    engagement = re.findall(r'<Code name="learning_opportunities" guid="([^"]+)"', qde)
    assert (len(fun), len(engagement)) == (2, 1)  # qc repeats some code names under other parents
    expected = sum(qde.count(f'targetGUID="{guid}"') for guid in [*fun, *engagement])
    assert expected > 0
    book = codebook_from_dict(
        {
            "version": "0.1",
            "codes": [
                {
                    "id": "FUN",
                    "parent": None,
                    "label_nl": "Plezier",
                    "label_en": "Enjoyment",
                    "definition": "d",
                    "guid": fun[0],
                },
                {
                    "id": "LO",
                    "parent": None,
                    "label_nl": "Leerkansen",
                    "label_en": "learning opportunities",
                    "definition": "d",
                },
                {
                    "id": "LO2",
                    "parent": None,
                    "label_nl": "learning_opportunities",
                    "label_en": "x",
                    "definition": "d",
                },
            ],
        }
    )
    mapping = {"board_2017.txt": "GM0193", "admin-1.txt": "GM0599"}
    result = load_codings(path, book, MUNICIPALITIES, case_mapping=mapping)
    assert result.n_read == 205
    assert len(result.accepted) == expected
    assert set(result.accepted["code_id"]) == {"FUN", "LO2"}
    assert set(result.accepted["coder"]) == {"cp"}
    assert set(result.accepted["gm_code"]) <= {"GM0193", "GM0599"}
    assert (result.rejected["kind"] == "unmatched_code").all()
    assert result.unmatched_codes["n_codings"].sum() + len(result.accepted) == 205
    assert len(result.unmatched_codes) == 262 - 3
    matched_by = result.code_matches.set_index("guid")["matched_by"]
    assert [matched_by[fun[0]], matched_by[fun[1]], matched_by[engagement[0]]] == ["guid", "name", "name"]
    with zipfile.ZipFile(path) as archive:
        board = archive.read("sources/board_2017.txt").decode("utf-8")
    rows = result.accepted.loc[result.accepted["document"] == "board_2017.txt"]
    assert not rows.empty
    for row in rows.itertuples():
        assert row.segment_text == board[row.start : row.end]
        assert row.segment_text.endswith("\n")  # qc selections end at a line end
    assert any("2 source(s) have no name" in note for note in result.notes)


def test_qc_demo_without_mapping_rejects_everything(samples):
    result = load_codings(samples / "qc1.3.2_demo.qdpx", load_codebook(), MUNICIPALITIES)
    assert (result.n_read, len(result.accepted), len(result.rejected)) == (205, 0, 205)
    assert result.rejection_counts().to_dict() == {"unmatched_code": 205, "unmapped_source": 205}
    assert len(result.unmatched_codes) == 262
    assert result.unmatched_codes["n_codings"].sum() == 205


@pytest.mark.parametrize(
    ("name", "n_codes", "origin"),
    [
        ("nvivo15mac_qc-project.qdpx", 262, "NVivo for Mac 15.0.0"),
        ("maxqda24_icls-themes-just10.qdpx", 307, "MAXQDA 24 (Release 24.7.0)"),
        ("atlasti23win_target-atlas-project.qdpx", 3, "ATLAS.ti for Windows 23.2.3.27778"),
        ("atlasti23win_blank-atlas-project.qdpx", 0, "ATLAS.ti for Windows 23.2.3.27778"),
    ],
)
def test_exports_without_codings_are_unreadable(samples, name, n_codes, origin):
    # A codings file without codings would give empty reports that look finished.
    with pytest.raises(
        CodingFileError, match=rf"{name}: no codings found \(exported by {re.escape(origin)}: {n_codes} code"
    ):
        load_codings(samples / name, load_codebook(), MUNICIPALITIES)


def test_atlas_nesting_gives_parents(samples):
    with archive.open_project(samples / "atlasti23win_target-atlas-project.qdpx") as opened:
        project = refi_qda._project(opened)
    names = project.code_names
    assert [names.get(code.parent_guid or "", "") for code in project.codes] == ["", "Commits", "Commits"]


def test_taguette_codebook(samples, codebook):
    result = load_codings(samples / "taguette1.4.1_codebook.qdc", codebook, MUNICIPALITIES)
    assert result.n_read == 0
    assert result.code_matches[["name", "code_id"]].values.tolist() == [
        ["xsd:element name", ""],
        ["CodeBook", ""],
        ["Variables", "VAR"],
    ]
    assert result.unmatched_codes["guid"].tolist() == [
        "098AC082-A9C7-50F4-9728-48730081A95E",
        "A2209CFF-8E89-5B0A-A7B0-CDDC4BE92936",
    ]
    assert "2 of 3 codes" not in result.summary() and "1 of 3 codes match" in result.summary()


def test_undecodable_source_text_is_reported(tmp_path, codebook):
    path = make_qdpx(
        tmp_path / "latin.qdpx",
        {"project.qde": PROJECT, "sources/S1.txt": TEXT_S1.encode("cp1252"), "sources/S2.txt": TEXT_S2},
    )
    result = load_codings(path, codebook, MUNICIPALITIES)
    assert len(result.accepted) == 4
    zwolle = result.accepted.loc[result.accepted["gm_code"] == "GM0193", "segment_text"]
    assert zwolle.eq("").all()
    assert "source text(s) not UTF-8, segment_text left empty: sources/S1.txt" in result.notes


# --- references, guids and positions (issue 15 item 2) -------------------------------------------


def _variant(tmp_path: Path, *replacements: tuple[str, str], name: str = "variant.qdpx") -> Path:
    text = PROJECT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return make_qdpx(tmp_path / name, {"project.qde": text, "sources/S1.txt": TEXT_S1, "sources/S2.txt": TEXT_S2})


def _line_of(fragment: str) -> int:
    return next(number for number, line in enumerate(PROJECT.splitlines(), start=1) if fragment in line)


def test_code_ref_without_target_is_not_taken_for_a_code_without_guid(tmp_path, codebook):
    # Before: the bare <CodeRef/> matched the code whose guid was missing ("" == "").
    path = _variant(
        tmp_path,
        ('<Code guid="C-OTHER" name="Iets anders"', '<Code name="Democratie"'),
        ('<CodeRef targetGUID="C-OTHER"/>', "<CodeRef/>"),
    )
    with pytest.raises(
        CodingFileError, match=rf"<Code> on line {_line_of('C-OTHER')} \(code 'Democratie'\) has no guid"
    ):
        load_codings(path, codebook, MUNICIPALITIES)


def test_code_ref_without_target_is_rejected(tmp_path, codebook):
    path = _variant(tmp_path, ('<CodeRef targetGUID="C-OTHER"/>', "<CodeRef/>"))
    result = load_codings(path, codebook, MUNICIPALITIES)
    rejected = result.rejected.loc[result.rejected["segment_id"].eq("P1") & result.rejected["code_id"].eq("")]
    assert rejected["reason"].tolist() == ["CodeRef has no targetGUID, so it names no code"]
    line = _line_of('<CodeRef targetGUID="C-OTHER"/>')
    assert rejected["location"].iloc[0] == f"PlainTextSelection guid=P1, CodeRef targetGUID=(none) (line {line})"


def test_duplicate_code_guids_are_refused_with_both_lines(tmp_path, codebook):
    # Before: the last code with the guid won, so RAAD.VOLGEN codings silently became another code.
    path = _variant(tmp_path, ('<Code guid="C-OTHER" name="Iets anders"', '<Code guid="C-VOLGEN" name="Democratie"'))
    with pytest.raises(CodingFileError) as caught:
        load_codings(path, codebook, MUNICIPALITIES)
    message = str(caught.value)
    assert message.startswith(f"{path} (member project.qde): code guid 'C-VOLGEN' is used twice")
    assert f"<Code> on line {_line_of('C-VOLGEN')} ('VOLGEN')" in message
    assert f"<Code> on line {_line_of('C-OTHER')} ('Democratie')" in message


def test_duplicate_user_guids_are_refused(tmp_path, codebook):
    # Before: the last name won, so Anna's codings were credited to Bert.
    path = _variant(tmp_path, ('<User guid="U-B" name="Bert"/>', '<User guid="U-A" name="Bert"/>'))
    with pytest.raises(CodingFileError, match=r"user guid 'U-A' is used twice: <User> on line 3 \('Anna'\)"):
        load_codings(path, codebook, MUNICIPALITIES)


def test_unknown_references(tmp_path, codebook):
    unknown_user = _variant(
        tmp_path, ('<Coding guid="K2" creatingUser="U-B">', '<Coding guid="K2" creatingUser="U-X">')
    )
    result = load_codings(unknown_user, codebook, MUNICIPALITIES)
    reasons = result.rejected.loc[result.rejected["coder"].eq("U-X"), "reason"].tolist()
    assert reasons == ["creatingUser 'U-X' is no <User> of the project"]
    unknown_source = _variant(tmp_path, ('<SourceRef targetGUID="S2"/>', '<SourceRef targetGUID="S9"/>'))
    with pytest.raises(CodingFileError, match=r"<SourceRef> on line \d+ in case 'Assen' refers to targetGUID='S9'"):
        load_codings(unknown_source, codebook, MUNICIPALITIES)


@pytest.mark.parametrize(
    ("positions", "reason"),
    [
        (
            'startPosition="-5"',
            "startPosition '-5' is not a whole number >= 0; endPosition is missing; a text selection needs both",
        ),
        ('startPosition="9" endPosition="0"', "endPosition 0 is before startPosition 9"),
        (
            'startPosition="0" endPosition="500"',
            f"endPosition 500 is beyond the end of the source's text ({len(TEXT_S1)} characters)",
        ),
        (
            'startPosition="0" endPosition="100000000000000000000"',
            "endPosition 100000000000000000000 is larger than 2147483647",
        ),
        (
            f'startPosition="0" endPosition="{"9" * 5000}"',
            "endPosition 99999999999999999999... (5000 characters) is larger than",
        ),
    ],
)
def test_bad_selection_positions_are_rejected(tmp_path, codebook, positions, reason):
    # Before: -5 without an end was accepted, 10**20 raised OverflowError, 5,000 digits a ValueError.
    path = _variant(tmp_path, ('startPosition="0" endPosition="9"', positions))
    result = load_codings(path, codebook, MUNICIPALITIES)
    selection = result.rejected.loc[result.rejected["segment_id"] == "P1"]
    assert len(selection) == 3  # every coding of the selection
    assert selection["kind"].str.contains("bad_position").all()
    assert reason in selection["reason"].iloc[0]
    assert not result.accepted["segment_id"].eq("P1").any()


def test_positions_beyond_a_placeholder_text_are_not_judged(tmp_path, codebook):
    # NVivo writes a one-line .txt and keeps the text in the .docx: its length says nothing.
    project = PROJECT.replace(
        'plainTextPath="internal://S1.txt"', 'plainTextPath="internal://S1.txt" richTextPath="internal://S1.docx"'
    )
    path = make_qdpx(
        tmp_path / "nvivo.qdpx", {"project.qde": project, "sources/S1.txt": "\n", "sources/S2.txt": TEXT_S2}
    )
    result = load_codings(path, codebook, MUNICIPALITIES)
    assert not result.rejected["kind"].str.contains("bad_position").any()


def test_five_thousand_nested_codes_are_refused(tmp_path, codebook):
    # Before: RecursionError.
    nested = '<Code guid="N{0}" name="n{0}">'
    codes = "".join(nested.format(i) for i in range(5000)) + "</Code>" * 5000
    path = make_qdpx(tmp_path / "deep.qdpx", {"project.qde": PROJECT.replace("<Codes>", f"<Codes>{codes}", 1)})
    with pytest.raises(
        CodingFileError, match=r"deep.qdpx \(member project.qde\): refused: <Code> on line \d+ is nested 201"
    ):
        load_codings(path, codebook, MUNICIPALITIES)


# --- archive members (issue 15 items 7 and 9) ----------------------------------------------------


def _patch_member_header(path: Path, member: str, flag_bits: int | None = None, method: int | None = None) -> Path:
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                if flag_bits is not None:
                    struct.pack_into(
                        "<H", data, start + flag_at, struct.unpack_from("<H", data, start + flag_at)[0] | flag_bits
                    )
                if method is not None:
                    struct.pack_into("<H", data, start + method_at, method)
            start += 4
    path.write_bytes(bytes(data))
    return path


def test_encrypted_member_is_refused(tmp_path, codebook):
    # Before: RuntimeError "File is encrypted, password required for extraction".
    path = _patch_member_header(tiny_project(tmp_path), "sources/S1.txt", flag_bits=0x1)
    with pytest.raises(CodingFileError, match=r"tiny.qdpx: refused: zip member 'sources/S1.txt' is encrypted"):
        load_codings(path, codebook, MUNICIPALITIES)


def test_deflate64_member_is_refused(tmp_path, codebook):
    # Before: NotImplementedError "That compression method is not supported".
    path = _patch_member_header(tiny_project(tmp_path), "project.qde", method=9)
    with pytest.raises(CodingFileError, match=r"'project.qde' is packed with compression method 9, which this reader"):
        load_codings(path, codebook, MUNICIPALITIES)


def test_member_that_expands_too_much_is_refused(tmp_path, codebook, monkeypatch):
    # Before: a 200 MB project.qde in a 190 kB archive was read whole (and gave an empty, passing check).
    monkeypatch.setattr(archive, "RATIO_CHECK_FROM_BYTES", 1024 * 1024)
    padded = PROJECT.replace("</Project>", " " * (2 * 1024 * 1024) + "</Project>")
    path = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(path, "w") as bomb:
        bomb.writestr("project.qde", padded, compress_type=zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 20_000
    with pytest.raises(
        CodingFileError, match=r"bomb.qdpx: refused: member 'project.qde' expands to more than 200 times"
    ):
        load_codings(path, codebook, MUNICIPALITIES)


def test_ordinary_compression_passes_the_ratio_limit(tmp_path, codebook, monkeypatch):
    monkeypatch.setattr(archive, "RATIO_CHECK_FROM_BYTES", 0)
    assert load_codings(tiny_project(tmp_path), codebook, MUNICIPALITIES).n_read == 7


def test_open_project_gives_root_lines_and_source_text(tmp_path):
    with archive.open_project(tiny_project(tmp_path)) as opened:
        assert archive.local_name(opened.root) == "Project"
        assert opened.member == "project.qde"
        users = archive.children(opened.root, "Users")[0]
        assert opened.at(users) == "<Users> on line 3"
        assert opened.source_text("internal://S1.txt") == TEXT_S1
        assert opened.source_text("internal://S2.txt") == TEXT_S2  # stored as Sources/S2.txt
        assert opened.source_text("https://example.org/x.txt") is None
    bare = tmp_path / "p.qde"
    bare.write_text(PROJECT, encoding="utf-8")
    with archive.open_project(bare) as opened:
        assert not opened.has_archive and opened.source_text("internal://S1.txt") is None
