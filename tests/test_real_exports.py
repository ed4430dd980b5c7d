"""The real QDA exports of the mirror (``qda-samples/``), read in place as a researcher would.

Each sample is program output (qc 1.3.2, NVivo for Mac 15, ATLAS.ti 23, MAXQDA 24, Taguette 1.4.1;
see the mirror's ``qda-samples/PROVENANCE.md``): the project's own codebook, the counts, and quotes
that equal the source text at the selection's offsets, read independently from the archive here. The
mapping files are the ones in ``config/qda_mappings/``. The slow test runs one sample end to end and
reads the rendered report and annex. Skipped locally without the mirror, failed under ``CI=true``.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest

from analysis.core.paths import CONFIG_DIR
from analysis.qual.codebook_choice import FROM_DEFAULT, FROM_EXPORT, choose_codebook, read_codebook_file
from analysis.qual.codings import CodingFileError, load_codings
from analysis.qual.quotes import exemplar_quotes

MAPPINGS = CONFIG_DIR / "qda_mappings"
MUNICIPALITIES = {"GM0599": "Rotterdam", "GM0632": "Woerden", "GM0344": "Utrecht"}
QC_THEMES = ["rq1_definition", "rq2_curriculum_and_instruction", "rq3_process"]


@pytest.fixture(scope="module")
def samples(mirror: Path) -> Path:
    folder = mirror / "qda-samples"
    if not folder.is_dir():
        pytest.fail(f"the mirror {mirror} has no qda-samples/ folder")
    return folder


def _mapping(name: str) -> Path:
    return MAPPINGS / f"{name}.mapping.csv"


def _archive_text(export: Path, member: str) -> str:
    """A source's text straight from the archive, independent of the project's reader."""
    with zipfile.ZipFile(export) as archive:
        return archive.read(member).decode("utf-8")


@pytest.fixture(scope="module")
def qc_import(samples: Path):
    export = samples / "qc1.3.2_demo.qdpx"
    choice = choose_codebook(export)
    return export, choice, load_codings(export, choice.codebook, MUNICIPALITIES, case_mapping=_mapping(export.name))


def test_qc_uses_its_own_codebook_and_accepts_every_coding(qc_import):
    _, choice, result = qc_import
    assert choice.origin == FROM_EXPORT
    assert len(choice.codebook.codes) == 262
    assert [code.id for code in choice.codebook.roots()] == QC_THEMES
    assert (result.n_read, len(result.accepted), len(result.rejected)) == (205, 205, 0)
    accepted = result.accepted
    assert accepted.drop_duplicates(["document", "segment_id"]).shape[0] == 158
    assert set(accepted["gm_code"]) == {"GM0599"}  # board_2017.txt; admin-1.txt (Woerden) has no codings
    assert set(accepted["coder"]) == {"cp"}


def test_qc_segments_equal_the_source_text_at_their_offsets(qc_import, samples):
    export, _, result = qc_import
    source = _archive_text(export, "sources/board_2017.txt")
    rows = result.accepted
    assert rows["start"].notna().all()
    for row in rows.itertuples():
        assert source[int(row.start) : int(row.end)] == row.segment_text, row.segment_id
    # One checked by hand: qc's selection "line:49" of board_2017.txt.
    line_49 = rows[rows["start"] == 2896].iloc[0]
    assert line_49["end"] == 2977
    assert line_49["segment_text"].startswith("collaborative effort of many people representing")


def test_qc_exemplar_quotes_come_from_the_source_at_their_offsets(qc_import):
    export, choice, result = qc_import
    source = _archive_text(export, "sources/board_2017.txt")
    quotes = exemplar_quotes(result.accepted, choice.codebook, gm_code="GM0599", per_theme=2)
    assert set(quotes["theme"]) == set(QC_THEMES)
    for quote in quotes.itertuples():
        expected = source[int(quote.start) : int(quote.end)]
        shown = quote.text.removesuffix("…").strip()
        assert shown and expected.strip().startswith(shown), (quote.segment_id, shown, expected)


def test_nvivo_mac_brings_the_same_codebook_and_says_it_has_no_codings(samples):
    export = samples / "nvivo15mac_qc-project.qdpx"
    choice = choose_codebook(export)
    assert (choice.origin, len(choice.codebook.codes)) == (FROM_EXPORT, 262)
    assert [code.id for code in choice.codebook.roots()] == QC_THEMES
    with pytest.raises(CodingFileError, match=r"NVivo for Mac 15\.0\.0: 262 code\(s\), 2 source\(s\), no <Coding>"):
        load_codings(export, choice.codebook, MUNICIPALITIES, case_mapping=_mapping(export.name))


def test_maxqda_nested_codebook_themes_are_its_top_level_codes(samples):
    export = samples / "maxqda24_icls-themes-just10.qdpx"
    choice = choose_codebook(export)
    assert len(choice.codebook.codes) == 307
    roots = [code.label_en for code in choice.codebook.roots()]
    assert len(roots) == 18
    assert "Equity, Diversity, and Inclusion" in roots  # the project's own name, comma and all
    with pytest.raises(CodingFileError, match=r"307 code\(s\), 10 source\(s\), no <Coding>"):
        load_codings(export, choice.codebook, MUNICIPALITIES, case_mapping=_mapping(export.name))


def test_atlas_target_and_blank_projects(samples):
    target = choose_codebook(samples / "atlasti23win_target-atlas-project.qdpx")
    assert len(target.codebook.codes) == 3
    assert [code.label_en for code in target.codebook.roots()] == ["Commits"]
    # A blank project has no <CodeBook>: the run keeps the ROB codebook.
    blank = choose_codebook(samples / "atlasti23win_blank-atlas-project.qdpx")
    assert blank.origin == FROM_DEFAULT


def test_taguette_codebook_as_qdc_and_as_csv(samples):
    qdc = choose_codebook(samples / "taguette1.4.1_codebook.qdc")
    assert qdc.origin == FROM_EXPORT
    result = load_codings(samples / "taguette1.4.1_codebook.qdc", qdc.codebook, MUNICIPALITIES)
    assert (result.n_read, len(result.rejected)) == (0, 0)
    from_csv = read_codebook_file(samples / "taguette1.4.1_codebook.csv")
    assert [c.label_en for c in from_csv.codes] == [c.label_en for c in qdc.codebook.codes]
    assert len(from_csv.codes) == 3


def _visible_text(page: Path) -> str:
    text = re.sub(r"<style.*?</style>|<script.*?</script>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


@pytest.mark.slow
def test_qc_report_and_annex_render_with_its_code_names(samples, built_data, tmp_path, monkeypatch):
    from analysis import __main__ as cli
    from analysis.qual.case_mapping import MAPPING_ENV

    monkeypatch.setenv(MAPPING_ENV, "")  # main() sets it for the run; restored afterwards
    export = samples / "qc1.3.2_demo.qdpx"
    source = _archive_text(export, "sources/board_2017.txt")
    output = tmp_path / "qc"
    argv = ["reports", "--cases", "GM0599,Woerden", "--codings", str(export), "--mapping", str(_mapping(export.name))]
    assert cli.main([*argv, "--output-dir", str(output), "--workers", "1"]) == 0
    rotterdam = _visible_text(output / "GM0599-rotterdam.html")
    annex = _visible_text(output / "annex.html")
    for text in (rotterdam, annex):
        assert "illustratie" not in text.lower() and "illustrative" not in text.lower()
        assert "205 coderingen gelezen: 205 aanvaard, 0 afgewezen" in text
        assert all(theme in text for theme in QC_THEMES)
    # The exemplar quotes are lines of the source, at qc's offsets.
    shown = [line for line in source.splitlines() if len(line) > 40 and line.strip() in rotterdam]
    assert len(shown) >= 3
    assert "Niet te berekenen: alle coderingen zijn van één codeur" in annex
    assert "Voor Woerden zijn geen gecodeerde fragmenten aanvaard" in _visible_text(output / "GM0632-woerden.html")


@pytest.mark.slow
def test_annex_crosscase_gets_the_variables_of_a_real_export(samples, built_data, tmp_path, monkeypatch):
    """The qc sample with two case variables added (as a researcher would in their QDA program)."""
    from analysis.qual.case_mapping import MAPPING_ENV
    from analysis.report.annex_context import open_annex

    export = samples / "qc1.3.2_demo.qdpx"
    board, admin = "33663939-3636-3632-3038-613431643463", "66653866-6334-3535-3435-366637306566"

    def value(variable: str, kind: str, text: str) -> str:
        return f'<VariableValue><VariableRef targetGUID="{variable}"/><{kind}Value>{text}</{kind}Value></VariableValue>'

    added = (
        '<Variables><Variable guid="v1" name="Coalitie links" typeOfVariable="Boolean"/>'
        '<Variable guid="v2" name="Aantal wethouders" typeOfVariable="Integer"/></Variables><Cases>'
        f'<Case guid="c1" name="board">{value("v1", "Boolean", "true")}{value("v2", "Integer", "6")}'
        f'<SourceRef targetGUID="{board}"/></Case>'
        f'<Case guid="c2" name="admin">{value("v1", "Boolean", "false")}{value("v2", "Integer", "4")}'
        f'<SourceRef targetGUID="{admin}"/></Case></Cases>'
    )
    with_variables = tmp_path / "qc_variables.qdpx"
    with zipfile.ZipFile(export) as original, zipfile.ZipFile(with_variables, "w") as copy:
        for member in original.namelist():
            data = original.read(member)
            if member == "project.qde":
                data = data.replace(b"</CodeBook>", b"</CodeBook>" + added.encode("utf-8"), 1)
            copy.writestr(member, data)
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(_mapping(export.name).read_text(encoding="utf-8") + "board,GM0599\nadmin,GM0632\n", "utf-8")
    monkeypatch.setenv(MAPPING_ENV, str(mapping))
    table = open_annex(codings_path=str(with_variables)).crosscase.set_index("gm_code")
    assert table.loc["GM0599", "qda_coalitie_links"]
    assert not table.loc["GM0632", "qda_coalitie_links"]
    assert table.loc[["GM0599", "GM0632"], "qda_aantal_wethouders"].tolist() == [6, 4]
    assert table.drop(index=["GM0599", "GM0632"])["qda_aantal_wethouders"].isna().all()
