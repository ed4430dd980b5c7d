"""Thin data never crashes the qualitative functions; each says what cannot be computed and why."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.qual import agreement, quotes, thin
from analysis.qual.codebook import codebook_from_dict
from analysis.qual.codings import ACCEPTED_COLUMNS, load_codings
from analysis.qual.themes import NO_CODED_SEGMENTS, code_matrix, cooccurrence, theme_profile, theme_shares, top_themes

CODEBOOK = codebook_from_dict(
    {
        "version": "1",
        "codes": [
            {"id": i, "parent": p, "label_nl": f"{i} nl", "label_en": f"{i} en", "definition": "d"}
            for i, p in [("A", None), ("A.X", "A"), ("B", None), ("B.X", "B"), ("C", None)]
        ],
    }
)
MUNICIPALITIES = {"GM0001": "Een", "GM0002": "Twee", "GM0003": "Drie"}


def imported(tmp_path: Path, rows: list[tuple[str, str, str, str]]):
    """Import (gm_code, segment_id, code_id, coder) rows through the tidy-CSV reader."""
    lines = ["gm_code,document,segment_id,code_id,coder,segment_text"]
    lines += [f"{gm},{gm} interview,{seg},{code},{coder},tekst {seg}" for gm, seg, code, coder in rows]
    path = tmp_path / f"codings_{len(list(tmp_path.iterdir()))}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_codings(path, CODEBOOK, MUNICIPALITIES)


@pytest.fixture
def accepted(tmp_path: Path):
    return lambda rows: imported(tmp_path, rows).accepted


def test_every_coding_rejected(tmp_path: Path) -> None:
    result = imported(tmp_path, [("GM0001", "s1", "ONBEKEND", "a")])
    assert result.accepted.empty and len(result.rejected) == 1
    codings = result.accepted
    # The annex crashed here with "Buffer has wrong number of dimensions" (issue 10).
    assert cooccurrence(codings, CODEBOOK, level="theme").empty
    assert cooccurrence(codings).empty
    assert code_matrix(codings, CODEBOOK, level="theme", municipalities=["GM0001"]).sum().sum() == 0
    assert theme_shares(codings, CODEBOOK).empty
    assert top_themes(codings, CODEBOOK)["share"].isna().all()
    profile = theme_profile(codings, CODEBOOK, "GM0001")
    assert profile.attrs["reason"] == NO_CODED_SEGMENTS and profile["share"].isna().all()
    assert quotes.exemplar_quotes(codings, CODEBOOK).empty
    groups = pd.Series(["klein"], index=["GM0001"], name="size_group")
    assert set(quotes.quote_matrix(codings, CODEBOOK, groups)["status"]) == {quotes.CELL_NO_FRAGMENTS}
    assert agreement.agreement_by_position(codings).status == agreement.NO_CODINGS
    assert agreement.kappa_per_code(codings).empty
    covered = thin.coverage(codings, CODEBOOK, n_rejected=len(result.rejected))
    assert set(covered.reasons.values()) == {thin.ALL_REJECTED}
    assert covered.n_read == 1 and covered.themes_absent == ("A", "B", "C")
    assert thin.coverage(pd.DataFrame(columns=list(ACCEPTED_COLUMNS)), CODEBOOK).reasons["themes"] == thin.NO_CODINGS


def test_a_theme_no_case_has(accepted) -> None:
    codings = accepted([("GM0001", "s1", "A.X", "a"), ("GM0002", "s1", "B.X", "a"), ("GM0003", "s1", "A", "a")])
    covered = thin.coverage(codings, CODEBOOK)
    assert covered.themes_absent == ("C",) and covered.themes_present == ("A", "B")
    matrix = code_matrix(codings, CODEBOOK, level="theme", measure="presence")
    assert matrix.loc["C"].tolist() == [0, 0, 0]
    groups = pd.Series(["x", "x", "y"], index=["GM0001", "GM0002", "GM0003"], name="g")
    cells = quotes.quote_matrix(codings, CODEBOOK, groups).set_index(["theme", "group"])
    assert cells.loc[("C", "x"), "status"] == quotes.CELL_NO_FRAGMENTS
    assert cells.loc[("C", "x"), "n_fragments"] == 0
    assert theme_profile(codings, CODEBOOK, "GM0001").loc["C", "share"] == 0


@pytest.mark.parametrize("places", [["GM0001"], ["GM0001", "GM0002"]])
def test_only_one_or_two_municipalities_with_codings(accepted, places: list[str]) -> None:
    rows = [(gm, f"s{n}", code, coder) for gm in places for n, code in enumerate(["A.X", "B.X"]) for coder in "ab"]
    codings = accepted(rows)
    covered = thin.coverage(codings, CODEBOOK, municipalities=list(MUNICIPALITIES))
    assert covered.reasons["associations"] == thin.TOO_FEW_MUNICIPALITIES
    assert covered.reasons["quote_matrix"] == thin.TOO_FEW_MUNICIPALITIES
    assert covered.can("themes") and covered.can("agreement") and covered.can("cooccurrence")
    profile = theme_profile(codings, CODEBOOK, "GM0001", municipalities=list(MUNICIPALITIES))
    assert profile.attrs["reason"] == ""
    assert len(quotes.exemplar_quotes(codings, CODEBOOK)) == 2 * len(places)
    groups = pd.Series(["x", "y", "y"], index=list(MUNICIPALITIES), name="g")
    assert len(quotes.quote_matrix(codings, CODEBOOK, groups)) == 3 * 2
    result = agreement.agreement_by_position(codings)
    assert result.status == "ok" and result.per_code["percent_agreement"].eq(1.0).all()


def test_a_single_coder(accepted) -> None:
    codings = accepted([(gm, "s1", "A.X", "a") for gm in MUNICIPALITIES] + [("GM0001", "s2", "B.X", "a")])
    covered = thin.coverage(codings, CODEBOOK)
    assert covered.reasons["agreement"] == thin.SINGLE_CODER and covered.coders == ("a",)
    assert covered.can("associations")
    result = agreement.agreement_by_position(codings)
    assert result.status == agreement.SINGLE_CODER and result.per_code.empty
    assert agreement.kappa_per_code(codings).empty
    assert agreement.krippendorff_alpha(codings).reason == "no segments coded by two or more coders"


def test_one_theme_only_cannot_co_occur(accepted) -> None:
    codings = accepted([("GM0001", "s1", "A.X", "a"), ("GM0002", "s1", "A", "a")])
    assert thin.coverage(codings, CODEBOOK).reasons["cooccurrence"] == thin.ONE_THEME
    assert cooccurrence(codings, CODEBOOK, level="theme").shape == (1, 1)
