"""The project's own codebook: from the export, a .qdc or CSV beside it, code sets, a ROB mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.qual.codebook import load_codebook
from analysis.qual.codebook_choice import FROM_BESIDE, FROM_DEFAULT, FROM_EXPORT, FROM_FILE, choose_codebook
from analysis.qual.codings import load_codings
from analysis.qual.errors import CodingFileError
from analysis.qual.project_codebook import (
    CODE_SETS,
    ROB_CODEBOOK,
    THEME_MAPPING,
    TOP_LEVEL_CODES,
    ProjectCodebook,
    codebook_from_csv,
)
from analysis.qual.themes import code_matrix

MUNICIPALITIES = {"GM0599": "Rotterdam", "GM0632": "Woerden"}
NS = 'xmlns="urn:QDA-XML:project:1.0"'


def project_xml(codebook: str, sources: str = "", sets: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><Project {NS} name="p" origin="TestQDA 1.0">'
        '<Users><User guid="u1" name="anna"/></Users>'
        f"<CodeBook><Codes>{codebook}</Codes></CodeBook><Sources>{sources}</Sources>{sets}</Project>"
    )


CODES = (
    '<Code guid="c-reg" name="Regio"><Description>Over de regio</Description>'
    '<Code guid="c-reg-inkoop" name="Inkoop"/><Code guid="c-reg-other" name="Overig"/></Code>'
    '<Code guid="c-raad" name="Raad"><Code guid="c-raad-other" name="Overig"/></Code>'
    '<Code guid="c-los" name="Losse code"/>'
)
SOURCE = (
    '<TextSource guid="s1" name="Rotterdam interview">'
    '<PlainTextSelection guid="p1" startPosition="0" endPosition="5" creatingUser="u1">'
    '<Coding guid="k1" creatingUser="u1"><CodeRef targetGUID="c-reg-inkoop"/></Coding>'
    '<Coding guid="k2" creatingUser="u1"><CodeRef targetGUID="c-los"/></Coding>'
    "</PlainTextSelection></TextSource>"
)
CODE_SET = (
    '<Sets><Set guid="set1" name="Bestuur"><MemberCode targetGUID="c-raad"/>'
    '<MemberCode targetGUID="c-reg-inkoop"/></Set></Sets>'
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_export_codebook_is_the_codebook_of_the_run_with_top_level_themes(tmp_path: Path) -> None:
    export = write(tmp_path / "project.qde", project_xml(CODES, SOURCE))
    choice = choose_codebook(export)
    book = choice.codebook
    assert isinstance(book, ProjectCodebook)
    assert (choice.origin, choice.theme_source) == (FROM_EXPORT, TOP_LEVEL_CODES)
    assert [t.id for t in book.roots()] == ["Regio", "Raad", "Losse code"]
    # "Overig" twice: the second id names its parent, so ids stay unique and readable.
    assert "Regio/Overig" in book and "Raad/Overig" in book
    assert book.theme("Inkoop").id == "Regio"
    assert book["Regio"].definition == "Over de regio"
    assert (choice.n_codes, choice.n_themes, choice.unthemed) == (6, 3, [])
    imported = load_codings(export, book, MUNICIPALITIES)
    assert len(imported.accepted) == 2 and imported.rejected.empty
    # The old behaviour: the ROB codebook rejects every coding of the project.
    old = load_codings(export, load_codebook(), MUNICIPALITIES)
    assert old.accepted.empty and len(old.rejected) == 2


def test_code_sets_become_the_themes_and_codes_in_no_set_are_listed(tmp_path: Path) -> None:
    export = write(tmp_path / "project.qde", project_xml(CODES, SOURCE, CODE_SET))
    choice = choose_codebook(export)
    book = choice.codebook
    assert choice.theme_source == CODE_SETS
    assert [t.id for t in book.roots()] == ["Bestuur"]
    assert book.theme("Raad/Overig").id == "Bestuur"  # under a member code
    assert choice.unthemed == ["Regio", "Regio/Overig", "Losse code"]
    assert choice.n_codes == 6
    assert any("Codes under no theme (3)" in line for line in choice.summary())
    imported = load_codings(export, book, MUNICIPALITIES)
    matrix = code_matrix(imported.accepted, book, level="theme")
    assert matrix.loc["Bestuur", "GM0599"] == 1 and list(matrix.index) == ["Bestuur"]


def test_a_mapping_crosses_project_codes_onto_the_rob_themes(tmp_path: Path) -> None:
    export = write(tmp_path / "project.qde", project_xml(CODES, SOURCE))
    write(tmp_path / "project.qde.themes.csv", "code,theme\nRegio,REG\nRaad,Rollen van de gemeenteraad\n")
    choice = choose_codebook(export)
    book = choice.codebook
    assert choice.theme_source == THEME_MAPPING and choice.theme_mapping is not None
    assert [t.id for t in book.roots()] == [t.id for t in load_codebook().roots()]
    assert book.theme("Inkoop").id == "REG" and book.theme("Raad/Overig").id == "RAAD"
    assert choice.unthemed == ["Losse code"]
    imported = load_codings(export, book, MUNICIPALITIES)
    assert code_matrix(imported.accepted, book, level="theme").loc["REG", "GM0599"] == 1


def test_a_bad_mapping_names_file_line_and_problem(tmp_path: Path) -> None:
    export = write(tmp_path / "project.qde", project_xml(CODES, SOURCE))
    bad_theme = write(tmp_path / "bad.csv", "code,theme\nRegio,REG\nRaad,POLITIEK\n")
    with pytest.raises(CodingFileError, match=r"bad\.csv: line 3: 'POLITIEK' is not a ROB theme"):
        choose_codebook(export, theme_mapping=bad_theme)
    bad_code = write(tmp_path / "bad2.csv", "code,theme\nBestaat niet,REG\n")
    with pytest.raises(CodingFileError, match=r"line 2: code 'Bestaat niet' is not in"):
        choose_codebook(export, theme_mapping=bad_code)
    twice = write(tmp_path / "bad3.csv", "code,theme\nRegio,REG\nregio,RAAD\n")
    with pytest.raises(CodingFileError, match="mapped to both REG and RAAD"):
        choose_codebook(export, theme_mapping=twice)


def test_a_qdc_beside_a_tidy_csv_is_the_codebook_and_unknown_codes_are_still_rejected(tmp_path: Path) -> None:
    codings = write(
        tmp_path / "codings.csv",
        "gm_code,document,segment_id,code_id,coder\nGM0599,doc,s1,Inkoop,anna\nGM0599,doc,s2,Onbekend,anna\n",
    )
    write(
        tmp_path / "codings.qdc",
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1"><Codes>'
        '<Code guid="A" name="Inkoop"/><Code guid="B" name="Regie"/></Codes><Sets/></CodeBook>',
    )
    choice = choose_codebook(codings)
    assert choice.origin == FROM_BESIDE and choice.path.name == "codings.qdc"
    imported = load_codings(codings, choice.codebook, MUNICIPALITIES)
    assert len(imported.accepted) == 1
    assert "Onbekend" in imported.rejected.iloc[0]["reason"]


def test_without_a_project_codebook_the_rob_codebook_stays(tmp_path: Path) -> None:
    codings = write(tmp_path / "codings.csv", "gm_code,document,segment_id,code_id,coder\n")
    choice = choose_codebook(codings)
    assert (choice.origin, choice.theme_source) == (FROM_DEFAULT, ROB_CODEBOOK)
    assert choice.codebook.name.startswith("codebook.yaml")
    explicit = choose_codebook(codings, codebook_path=write(tmp_path / "cb.csv", "tag,description\nA,a\n"))
    assert explicit.origin == FROM_FILE and explicit.codebook.ids == ["A"]


def test_codebook_csv_rows_and_errors(tmp_path: Path) -> None:
    book = codebook_from_csv(write(tmp_path / "c.csv", "code,definition,parent\nRegio,,\nInkoop,kopen,Regio\n"))
    assert book.theme("Inkoop").id == "Regio" and book["Inkoop"].definition == "kopen"
    with pytest.raises(CodingFileError, match=r"line 3: code 'regio' is listed twice"):
        codebook_from_csv(write(tmp_path / "d.csv", "tag\nRegio\nregio\n"))
    with pytest.raises(CodingFileError, match="no code name column"):
        codebook_from_csv(write(tmp_path / "e.csv", "foo,bar\n1,2\n"))
    (tmp_path / "f.csv").write_bytes(b"tag\nR\xe9gio\n")
    with pytest.raises(CodingFileError, match="not valid UTF-8 at line 2"):
        codebook_from_csv(tmp_path / "f.csv")


# --- the real samples, read in place -------------------------------------------------------------


def test_real_exports_bring_their_own_codebook(mirror: Path) -> None:
    samples = mirror / "qda-samples"
    qc = choose_codebook(samples / "qc1.3.2_demo.qdpx")
    assert (qc.origin, qc.n_codes, qc.n_themes) == (FROM_EXPORT, 262, 3)
    assert max(qc.codebook.depth(code.id) for code in qc.codebook) == 7  # PROVENANCE: nested depth 7
    imported = load_codings(
        samples / "qc1.3.2_demo.qdpx", qc.codebook, MUNICIPALITIES, case_mapping={"board_2017.txt": "GM0599"}
    )
    assert (len(imported.accepted), len(imported.rejected)) == (205, 0)
    maxqda = choose_codebook(samples / "maxqda24_icls-themes-just10.qdpx")
    # Its <Sets> group sources (MemberSource), not codes, so the themes are the top-level codes.
    assert (maxqda.n_codes, maxqda.theme_source) == (307, TOP_LEVEL_CODES)
    assert choose_codebook(samples / "atlasti23win_blank-atlas-project.qdpx").origin == FROM_DEFAULT
    atlas = choose_codebook(samples / "atlasti23win_target-atlas-project.qdpx")
    assert [t.id for t in atlas.codebook.roots()] == ["Commits"] and atlas.n_codes == 3
    taguette = codebook_from_csv(samples / "taguette1.4.1_codebook.csv")
    assert taguette.ids == ["xsd:element name", "CodeBook", "Variables"]
    assert choose_codebook(samples / "taguette1.4.1_codebook.qdc").codebook.ids == taguette.ids


def test_codings_check_names_the_codebook_counts_and_codes_under_no_theme(tmp_path: Path) -> None:
    import io

    from analysis.codings_cli import EXIT_OK, EXIT_REJECTED, check

    export = write(tmp_path / "project.qde", project_xml(CODES, SOURCE, CODE_SET))
    out = io.StringIO()
    assert check(str(export), municipalities=MUNICIPALITIES, out=out) == EXIT_OK
    text = out.getvalue()
    assert "Codebook in use: project.qde (QDA-project)" in text
    assert "Codes: 6; themes: 1 (code sets)" in text
    assert "Codes under no theme (3):" in text and "'Losse code'" in text
    # Against the ROB codebook the same export is rejected, with the reason per coding.
    rob = Path(load_codebook().path)
    out = io.StringIO()
    assert check(str(export), codebook_path=str(rob), municipalities=MUNICIPALITIES, out=out) == EXIT_REJECTED
    assert "Codebook in use: codebook.yaml" in out.getvalue() and "not in codebook.yaml" in out.getvalue()


def test_run_codebook_is_read_once_per_file_version(tmp_path: Path) -> None:
    from analysis.qual.codebook_choice import run_codebook

    export = write(tmp_path / "project.qde", project_xml(CODES, SOURCE))
    first = run_codebook(export)
    assert run_codebook(export) is first and first.theme_source == TOP_LEVEL_CODES
    mapping = write(tmp_path / "project.qde.themes.csv", "code,theme\nRegio,REG\n")
    assert run_codebook(export).theme_source == THEME_MAPPING  # a new file beside it: chosen again
    mapping.unlink()
    assert run_codebook(export) is first


def test_report_codings_carry_the_codebook_they_were_checked_against(mirror: Path, tmp_path: Path, monkeypatch) -> None:
    import shutil

    import pandas as pd

    from analysis.geo import cases
    from analysis.qual.codings import load_report_codings

    monkeypatch.setattr(
        cases, "load_municipality_names", lambda: pd.DataFrame({"gm_code": ["GM0599"], "gm_name": ["Rotterdam"]})
    )
    export = tmp_path / "qc.qdpx"
    shutil.copy(mirror / "qda-samples" / "qc1.3.2_demo.qdpx", export)
    write(tmp_path / "qc.qdpx.mapping.csv", "source_name_or_guid,gm_code\nboard_2017.txt,GM0599\n")
    result = load_report_codings(str(export))
    assert isinstance(result.codebook, ProjectCodebook) and len(result.codebook) == 262
    assert (len(result.accepted), len(result.rejected)) == (205, 0)
    assert result.codebook_version == "qc.qdpx (QDA-project)"


def test_a_guid_used_by_two_codes_is_refused_with_both_names(tmp_path: Path) -> None:
    export = write(tmp_path / "dup.qde", project_xml('<Code guid="A" name="Regio"/><Code guid="A" name="Raad"/>'))
    with pytest.raises(CodingFileError, match=r"dup\.qde: <Code> guid A is used by two codes \('Regio' and 'Raad'\)"):
        choose_codebook(export)
