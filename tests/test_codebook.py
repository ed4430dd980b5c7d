"""The codebook file and its loader: structure, helpers and validation messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis.qual.codebook import (
    DEFAULT_CODEBOOK,
    MAX_DEPTH,
    CodebookError,
    codebook_from_dict,
    load_codebook,
    normalize_label,
)


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def _code(code_id: str, parent: str | None, label: str | None = None) -> dict:
    label = label or code_id.lower()
    return {
        "id": code_id,
        "parent": parent,
        "label_nl": f"{label} nl",
        "label_en": f"{label} en",
        "definition": f"Definition of {code_id}.",
    }


def _write(tmp_path: Path, codes: list[dict], version: object = "1.0.0") -> Path:
    path = tmp_path / "kapot_codeboek.yaml"
    path.write_text(yaml.safe_dump({"version": version, "codes": codes}, allow_unicode=True), encoding="utf-8")
    return path


def test_project_codebook_has_eight_themes_and_a_moderate_size(codebook):
    assert [root.id for root in codebook.roots()] == [
        "DEM",
        "RAAD",
        "INFO",
        "ORG",
        "FIN",
        "REG",
        "RIJK",
        "G32",
    ]
    assert 40 <= len(codebook) <= 65
    assert codebook.version == "1.0.0"
    assert codebook.path == DEFAULT_CODEBOOK
    assert max(codebook.depth(code.id) for code in codebook) == MAX_DEPTH == 3


def test_project_codebook_covers_the_source_documents(codebook):
    assert len(codebook.children("G32.PATROON")) == 8
    assert len(codebook.children("G32.AGENDA")) == 10
    assert [c.id for c in codebook.children("INFO.KWALITEIT")] == [
        "INFO.KWALITEIT.ONVOLLEDIG",
        "INFO.KWALITEIT.GEDATEERD",
        "INFO.KWALITEIT.ONDERBOUWD",
        "INFO.KWALITEIT.OVERTOLLIG",
    ]
    assert {"RAAD.SIGNALEREN", "RAAD.KADERSTELLEN", "RAAD.VOLGEN", "RAAD.CONTROLEREN"} <= set(codebook.ids)
    assert [c.label_nl for c in codebook.children("REG.SCHAKELEN")] == [
        "Lokaal wat kan",
        "Intergemeentelijk waar het beter kan",
        "Regionaal als het moet",
    ]
    assert codebook["RIJK.BZK"].source == "rob_den_haag"
    assert codebook.sources["rob_den_haag"]["seed"] == "003_87487125f26ee50a.txt"


def test_every_code_is_complete_and_ascii(codebook):
    for code in codebook:
        assert code.id.isascii()
        assert code.label_nl and code.label_en and code.definition
        assert "\n" not in code.definition
        if code.parent is not None:
            assert code.id.startswith(code.parent + ".")


def test_tree_helpers(codebook):
    assert codebook.theme("INFO.KWALITEIT.GEDATEERD").id == "INFO"
    assert codebook.theme("INFO").id == "INFO"
    assert [c.id for c in codebook.ancestors("INFO.KWALITEIT.GEDATEERD")] == ["INFO.KWALITEIT", "INFO"]
    assert codebook.ancestors("DEM") == []
    assert [c.id for c in codebook.children(None)] == [c.id for c in codebook.roots()]
    assert len(codebook.descendants("REG")) == 8
    with pytest.raises(KeyError, match="NOPE"):
        codebook.children("NOPE")
    frame = codebook.to_frame()
    assert frame.shape == (len(codebook), 9)
    assert frame.set_index("code_id").loc["REG.SCHAKELEN.LOKAAL", "theme"] == "REG"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hierarchische OPSTELLING", "RIJK.HIERARCHIE"),
        ("Hiërarchische opstelling", "RIJK.HIERARCHIE"),
        ("  Kitchen-table   conversation and council DECISIONS ", "DEM.KEUKENTAFEL"),
        ("kaderstellen", "RAAD.KADERSTELLEN"),
        ("raad.volgen", "RAAD.VOLGEN"),
        ("Financien", "FIN"),
    ],
)
def test_lookup_by_label_ignores_case_and_accents(codebook, text, expected):
    assert codebook.lookup(text).id == expected


def test_lookup_unknown_label_gives_none(codebook):
    assert codebook.lookup("keukentafel") is None
    assert codebook.by_guid("0000") is None


def test_normalize_label():
    assert normalize_label("  Súdwest-Fryslân ") == "sudwest-fryslan"


def test_guid_lookup(tmp_path):
    codes = [_code("A", None), _code("A.B", "A") | {"guid": "ABC-123"}]
    book = load_codebook(_write(tmp_path, codes))
    assert book.by_guid("abc-123").id == "A.B"


@pytest.mark.parametrize(
    ("codes", "version", "fragment"),
    [
        ([_code("A", None), _code("A", None, "other")], "1.0", "code 'A' (entry 2): duplicate id"),
        ([_code("A", None), _code("A.B", "X")], "1.0", "code 'A.B': parent 'X' does not exist"),
        ([_code("A", "B"), _code("B", "A")], "1.0", "code 'A': cycle in parents: A -> B -> A"),
        ([_code("A", None) | {"label_en": " "}], "1.0", "code 'A' (entry 1): required field(s) empty"),
        ([_code("A", None) | {"parnet": None}], "1.0", "code 'A' (entry 1): unknown field(s) ['parnet']"),
        ([_code("a.b", None)], "1.0", "code 'a.b' (entry 1): id must be upper-case ASCII"),
        (
            [_code("A", None), _code("A.B", "A"), _code("A.B.C", "A.B"), _code("A.B.C.D", "A.B.C")],
            "1.0",
            "code 'A.B.C.D': depth 4 exceeds the maximum of 3",
        ),
        ([_code("A", None), _code("B", None, "a")], "1.0", "label 'a nl' is also used by code 'A'"),
        ([_code("A", None)], 1.1, "'version' must be a non-empty quoted string"),
        ([_code("A", None) | {"source": "nergens"}], "1.0", "source 'nergens' is not listed"),
    ],
)
def test_validation_errors_name_the_file_and_the_code(tmp_path, codes, version, fragment):
    path = _write(tmp_path, codes, version)
    with pytest.raises(CodebookError) as excinfo:
        load_codebook(path)
    message = str(excinfo.value)
    assert message.startswith(str(path))
    assert fragment in message


def test_all_problems_are_reported_at_once(tmp_path):
    codes = [
        _code("A", None),
        _code("A", None, "x"),
        _code("B.C", "B"),
        _code("D", None) | {"definition": ""},
    ]
    with pytest.raises(CodebookError) as excinfo:
        load_codebook(_write(tmp_path, codes))
    assert "3 problem(s)" in str(excinfo.value)


def test_missing_parent_field_is_an_error():
    entry = _code("A", None)
    del entry["parent"]
    with pytest.raises(CodebookError, match="field 'parent' is missing"):
        codebook_from_dict({"version": "1", "codes": [entry]}, path="mem.yaml")


def test_unreadable_files(tmp_path):
    with pytest.raises(CodebookError, match="not found"):
        load_codebook(tmp_path / "geen.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: [unclosed\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="broken.yaml: not valid YAML"):
        load_codebook(broken)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("version: '1'\ncodes: []\n# caf\xe9\n".encode("cp1252"))
    with pytest.raises(CodebookError, match="latin.yaml: not UTF-8"):
        load_codebook(latin)


def test_yaml_aliases_are_refused_before_they_expand(tmp_path):
    # Nine levels of nine aliases: 387 million strings once expanded; refused at the first alias.
    levels = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("version: '1'\n" + "\n".join(levels) + "\ncodes: [*l9]\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"bomb.yaml: line 3: YAML aliases \(\*name\) are not allowed"):
        load_codebook(bomb)
    # An anchor alone expands nothing and loads; a single alias is refused (a rule simple to state).
    anchored = tmp_path / "anchored.yaml"
    text = yaml.safe_dump({"version": "1", "codes": [_code("DEM", None)]}).replace("codes:", "codes: &x", 1)
    anchored.write_text(text, encoding="utf-8")
    assert load_codebook(anchored).ids == ["DEM"]
    aliased = tmp_path / "aliased.yaml"
    aliased.write_text(text + "sources: *x\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="aliased.yaml: line .*: YAML aliases"):
        load_codebook(aliased)


def test_oversized_codebook_is_refused(tmp_path, monkeypatch):
    from analysis.qual import codebook as module

    monkeypatch.setattr(module, "MAX_CODEBOOK_BYTES", 100)
    path = _write(tmp_path, [_code("DEM", None), _code("FIN", None)])
    with pytest.raises(CodebookError, match=r"kapot_codeboek.yaml: \d+ bytes is more than the 100 a codebook may have"):
        load_codebook(path)
