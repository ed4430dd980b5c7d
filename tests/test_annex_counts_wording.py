"""Counts before nouns agree in number: no "codeur(s)", "gemeente(n)", "1 volledige paren", "n = 17-17"."""

from __future__ import annotations

import pytest

from analysis import narrative
from analysis.narrative.stats import note_sentence
from analysis.report.annex_views_themes import _cases_without_sentence
from analysis.stats.notes import Note


@pytest.mark.parametrize(
    ("noun", "count", "language", "expected"),
    [
        ("coders", 1, "nl", "1 codeur"),
        ("coders", 2, "nl", "2 codeurs"),
        ("documents", 1, "en", "1 document"),
        ("segments", 1104, "nl", "1.104 fragmenten"),
        ("municipalities", 1, "en", "1 municipality"),
        ("pairs", 1, "nl", "1 volledig paar"),
    ],
)
def test_counted_nouns_agree_with_their_number(noun, count, language, expected):
    assert narrative.counted(noun, count, language) == expected


def test_cases_without_codings_agree_in_number():
    assert _cases_without_sentence(1, "nl").startswith("1 gemeente heeft geen aanvaarde codering; haar")
    assert _cases_without_sentence(19, "nl").startswith("19 gemeenten hebben geen aanvaarde codering; hun")
    assert _cases_without_sentence(1, "en").startswith("1 municipality has no accepted coding; its")
    assert "(n)" not in _cases_without_sentence(3, "nl")


def test_too_few_pairs_note_counts_its_pairs():
    assert note_sentence(Note("too_few_pairs", {"n": 1, "min_pairs": 5}), "nl").startswith("maar 1 volledig paar,")
    assert note_sentence(Note("too_few_pairs", {"n": 4, "min_pairs": 5}), "en").startswith("only 4 complete pairs,")
