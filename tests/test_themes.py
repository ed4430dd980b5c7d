"""Code and theme counts, co-occurrence and profiles on a tiny hand-counted example."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.qual.codebook import codebook_from_dict
from analysis.qual.themes import (
    NO_CODED_SEGMENTS,
    code_matrix,
    cooccurrence,
    theme_profile,
    theme_shares,
    top_themes,
    with_themes,
)


@pytest.fixture(scope="module")
def codebook():
    codes = [("A", None), ("A.X", "A"), ("A.Y", "A"), ("B", None), ("B.X", "B"), ("C", None)]
    return codebook_from_dict(
        {
            "version": "1",
            "codes": [
                {"id": i, "parent": p, "label_nl": f"{i} nl", "label_en": f"{i} en", "definition": "d"}
                for i, p in codes
            ],
        }
    )


@pytest.fixture(scope="module")
def codings() -> pd.DataFrame:
    rows = [
        ("GM0001", "d1", "s1", "A.X", "c1"),
        ("GM0001", "d1", "s1", "A.Y", "c1"),
        ("GM0001", "d1", "s1", "A.X", "c2"),  # same code, other coder: still one segment
        ("GM0001", "d1", "s2", "B.X", "c1"),
        ("GM0001", "d2", "s1", "A.X", "c1"),
        ("GM0002", "d3", "s1", "B.X", "c1"),
        ("GM0002", "d3", "s1", "A", "c1"),  # a theme used as a code
        ("GM0002", "d3", "s2", "B.X", "c1"),
    ]
    return pd.DataFrame(rows, columns=["gm_code", "document", "segment_id", "code_id", "coder"])


def test_code_matrix_counts_distinct_segments(codebook, codings):
    matrix = code_matrix(codings, codebook)
    assert matrix.index.tolist() == ["A", "A.X", "A.Y", "B", "B.X", "C"]
    assert matrix.columns.tolist() == ["GM0001", "GM0002"]
    assert matrix.to_dict("index") == {
        "A": {"GM0001": 0, "GM0002": 1},
        "A.X": {"GM0001": 2, "GM0002": 0},
        "A.Y": {"GM0001": 1, "GM0002": 0},
        "B": {"GM0001": 0, "GM0002": 0},
        "B.X": {"GM0001": 1, "GM0002": 2},
        "C": {"GM0001": 0, "GM0002": 0},
    }


def test_code_matrix_documents_and_presence(codebook, codings):
    documents = code_matrix(codings, codebook, measure="documents")
    assert documents.loc["A.X"].tolist() == [2, 0]
    assert documents.loc["B.X"].tolist() == [1, 1]
    presence = code_matrix(codings, codebook, measure="presence", municipalities=["GM0002", "GM0001", "GM0003"])
    assert presence.columns.tolist() == ["GM0002", "GM0001", "GM0003"]
    assert presence.loc["B.X"].tolist() == [1, 1, 0]
    assert presence.loc["A.Y"].tolist() == [0, 1, 0]


def test_theme_roll_up_does_not_double_count(codebook, codings):
    themes = code_matrix(codings, codebook, level="theme")
    assert themes.index.name == "theme"
    assert themes.to_dict("index") == {
        "A": {"GM0001": 2, "GM0002": 1},
        "B": {"GM0001": 1, "GM0002": 2},
        "C": {"GM0001": 0, "GM0002": 0},
    }
    documents = code_matrix(codings, codebook, level="theme", measure="documents")
    assert documents.loc["A"].tolist() == [2, 1]


def test_cooccurrence_within_segments(codebook, codings):
    matrix = cooccurrence(codings, codebook)
    assert matrix.index.tolist() == ["A", "A.X", "A.Y", "B.X"]
    assert (matrix == matrix.T).all().all()
    assert [matrix.loc[c, c] for c in matrix.index] == [1, 2, 1, 3]
    assert matrix.loc["A.X", "A.Y"] == 1
    assert matrix.loc["A", "B.X"] == 1
    assert matrix.loc["A.X", "B.X"] == 0


def test_cooccurrence_within_documents_and_themes(codebook, codings):
    documents = cooccurrence(codings, codebook, unit="document")
    assert [documents.loc[c, c] for c in documents.index] == [1, 2, 1, 2]
    assert documents.loc["A.X", "B.X"] == documents.loc["B.X", "A.X"] == 1
    themes = cooccurrence(codings, codebook, level="theme")
    assert themes.to_dict("index") == {"A": {"A": 3, "B": 1}, "B": {"A": 1, "B": 3}}
    with pytest.raises(ValueError, match="needs the codebook"):
        cooccurrence(codings, level="theme")


def test_theme_shares_and_profile(codebook, codings):
    shares = theme_shares(codings, codebook, municipalities=["GM0001", "GM0002", "GM0003"])
    assert shares.columns.tolist() == ["GM0001", "GM0002"]  # GM0003 has no segments
    assert shares["GM0001"].tolist() == pytest.approx([2 / 3, 1 / 3, 0])
    assert shares["GM0002"].tolist() == pytest.approx([1 / 2, 1, 0])
    profile = theme_profile(codings, codebook, "GM0001", municipalities=["GM0001", "GM0002", "GM0003"])
    assert profile.index.tolist() == ["A", "B", "C"]
    assert profile["share"].tolist() == pytest.approx([2 / 3, 1 / 3, 0])
    assert profile["group_mean"].tolist() == pytest.approx([(2 / 3 + 1 / 2) / 2, (1 / 3 + 1) / 2, 0])
    assert profile["difference"].tolist() == pytest.approx([1 / 12, -1 / 3, 0])
    assert profile["n_segments"].tolist() == [2, 1, 0]
    assert profile.loc["A", "label_nl"] == "A nl"


def test_profile_against_a_group_without_the_municipality(codebook, codings):
    profile = theme_profile(codings, codebook, "GM0001", municipalities=["GM0002"])
    assert profile["group_mean"].tolist() == pytest.approx([1 / 2, 1, 0])
    assert profile.attrs["reason"] == ""
    # A municipality without coded segments: shares missing with a reason, not an exception.
    absent = theme_profile(codings, codebook, "GM0009")
    assert absent["share"].isna().all() and absent["n_segments"].tolist() == [0, 0, 0]
    assert absent.attrs["reason"] == NO_CODED_SEGMENTS


def test_top_themes(codebook, codings):
    overall = top_themes(codings, codebook, n=2)
    assert overall["theme"].tolist() == ["A", "B"]  # tie: codebook order
    assert overall["n_segments"].tolist() == [3, 3]
    assert overall["share"].tolist() == pytest.approx([3 / 5, 3 / 5])
    one = top_themes(codings, codebook, gm_code="GM0002")
    assert one["theme"].tolist() == ["B", "A", "C"]
    assert one["share"].tolist() == pytest.approx([1.0, 0.5, 0.0])


def test_unknown_codes_are_refused(codebook, codings):
    with pytest.raises(KeyError, match="ZZ"):
        with_themes(codings.assign(code_id="ZZ"), codebook)


def _texts(fig) -> list[str]:
    return [text.get_text() for text in fig.texts]


def test_charts_carry_the_banner_only_when_illustrative(codebook, codings):
    from analysis.qual.codings import CodingImport
    from analysis.viz.theme_charts import BANNER_TEXT, plot_cooccurrence, plot_theme_heatmap, plot_theme_profile

    accepted = codings.assign(gm_name=codings["gm_code"].map({"GM0001": "Aa", "GM0002": "Bee"}))
    empty = accepted.iloc[0:0]
    illustrative = CodingImport(
        accepted=accepted,
        rejected=empty,
        unmatched_codes=empty,
        source="x.csv",
        is_illustrative=True,
        n_read=8,
    )
    figures = [
        plot_theme_profile(illustrative, codebook, "GM0001"),
        plot_theme_heatmap(illustrative, codebook),
        plot_cooccurrence(illustrative, codebook),
    ]
    for fig in figures:
        assert BANNER_TEXT in _texts(fig)
    # One language per page: the Dutch strip is Dutch only (it used to add the English sentence).
    assert "ILLUSTRATIEF" in BANNER_TEXT and "not research findings" not in BANNER_TEXT
    english = plot_theme_heatmap(illustrative, codebook, language="en")
    assert any("ILLUSTRATIVE" in t and "not research findings" in t for t in _texts(english))
    assert BANNER_TEXT not in _texts(english)
    # A frame of its own: the import above marked `accepted` (and copies of it) as illustrative.
    assert accepted.attrs["is_illustrative"] is True
    fresh = codings.assign(gm_name=codings["gm_code"].map({"GM0001": "Aa", "GM0002": "Bee"}))
    plain = plot_theme_heatmap(fresh, codebook, measure="segments", language="en")
    assert BANNER_TEXT not in _texts(plain)
    axes = plain.axes[0]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["Aa", "Bee"]
    assert [t.get_text() for t in axes.get_yticklabels()] == ["A en", "B en", "C en"]
    assert len(plain.axes) == 2  # the colour bar
    profile = plot_theme_profile(fresh, codebook, "GM0002", illustrative=True)
    assert BANNER_TEXT in _texts(profile)
    assert profile.axes[0].get_title(loc="left") == "Themaprofiel Bee"


def test_mark_illustrative_puts_the_banner_on_any_constrained_figure():
    from matplotlib.figure import Figure

    from analysis.viz.theme_charts import BANNER_TEXT, mark_illustrative

    fig = Figure(figsize=(6, 3), layout="constrained")
    fig.subplots().plot([0, 1], [0, 1])
    mark_illustrative(fig)
    assert [t.get_text() for t in fig.texts] == [BANNER_TEXT]
    fig.draw_without_rendering()  # runs the layout: the axes end below the strip
    assert fig.axes[0].get_position().y1 < 1 - 0.42 / 3
