"""Intercoder agreement against values computed by hand in this file."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from analysis.qual.agreement import (
    FLAG_HIGH_AGREEMENT_LOW_KAPPA,
    FLAG_KAPPA_UNDEFINED,
    FLAG_RARE_CODE,
    NO_CODINGS,
    NO_SHARED_UNITS,
    NO_VARIANCE,
    SINGLE_CODER,
    agreement_by_position,
    alpha_nominal,
    binary_alpha,
    bootstrap_alpha,
    cohen_kappa_2x2,
    kappa_per_code,
    krippendorff_alpha,
    presence_table,
)
from analysis.qual.units import jaccard, unitise

NAN = float("nan")
# Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers, 12 units,
# nominal alpha = 0.743.
KRIPPENDORFF_EXAMPLE = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]


def kappa_by_hand(a: int, b: int, c: int, d: int) -> float:
    """Cohen's kappa from the 2x2 table [[a, b], [c, d]]."""
    n = a + b + c + d
    observed = (a + d) / n
    expected = ((a + b) * (a + c) + (c + d) * (b + d)) / n**2
    return (observed - expected) / (1 - expected)


def alpha_by_hand(units: list[list[float]]) -> float:
    """Nominal alpha through the coincidence matrix; each unit lists the values it received."""
    coincidences: Counter[tuple[float, float]] = Counter()
    for values in units:
        values = [v for v in values if not math.isnan(v)]
        m = len(values)
        if m < 2:
            continue
        for i, j in itertools.permutations(range(m), 2):
            coincidences[values[i], values[j]] += 1 / (m - 1)
    totals: Counter[float] = Counter()
    for (c, _), o in coincidences.items():
        totals[c] += o
    n = sum(totals.values())
    observed = sum(o for (c, k), o in coincidences.items() if c != k) / n
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k) / (n * (n - 1))
    return 1 - observed / expected


def table(a: list[int], b: list[int]) -> tuple[int, int, int, int]:
    pairs = list(zip(a, b, strict=True))
    return pairs.count((1, 1)), pairs.count((1, 0)), pairs.count((0, 1)), pairs.count((0, 0))


def frame(codes_per_coder: dict[str, dict[int, list[str]]]) -> pd.DataFrame:
    rows = [
        ("GM0193", "doc", f"s{segment:02d}", code, coder)
        for coder, segments in codes_per_coder.items()
        for segment, codes in segments.items()
        for code in codes
    ]
    return pd.DataFrame(rows, columns=["gm_code", "document", "segment_id", "code_id", "coder"])


# K: both on 1-4, only c1 on 5, only c2 on 6-7, neither on 8-10 -> table [[4, 1], [2, 3]].
C1 = {s: (["K"] if s <= 5 else ["L"]) for s in range(1, 11)}
C2 = {s: (["K"] if s <= 4 or s in (6, 7) else ["L"]) for s in range(1, 11)}
C3 = {s: (["K"] if s <= 3 else ["L"]) for s in range(1, 6)}


def presence(coder: dict[int, list[str]], code: str, segments) -> list[int]:
    return [int(code in coder[s]) for s in segments]


def test_kappa_formula_matches_statsmodels():
    assert kappa_by_hand(4, 1, 2, 3) == pytest.approx(0.4)
    kappa, reason = cohen_kappa_2x2(np.array([[4, 1], [2, 3]]))
    assert (kappa, reason) == (pytest.approx(0.4), "")
    kappa, _ = cohen_kappa_2x2(np.array([[20, 5], [10, 15]]))
    assert kappa == pytest.approx(kappa_by_hand(20, 5, 10, 15))


def test_kappa_undefined_cases():
    kappa, reason = cohen_kappa_2x2(np.array([[7, 0], [0, 0]]))
    assert math.isnan(kappa) and reason.startswith("no variance")
    kappa, reason = cohen_kappa_2x2(np.zeros((2, 2)))
    assert math.isnan(kappa) and reason == "no units coded by both coders"


def test_two_coders_per_code():
    codings = frame({"c1": C1, "c2": C2})
    result = kappa_per_code(codings).set_index("code_id")
    assert result.index.tolist() == ["K", "L"]
    segments = range(1, 11)
    for code in ("K", "L"):
        expected = kappa_by_hand(*table(presence(C1, code, segments), presence(C2, code, segments)))
        assert result.loc[code, "kappa"] == pytest.approx(expected)
        units = [[p, q] for p, q in zip(presence(C1, code, segments), presence(C2, code, segments), strict=True)]
        assert result.loc[code, "alpha"] == pytest.approx(alpha_by_hand(units))
    assert result.loc["K", "kappa"] == pytest.approx(0.4)
    assert result.loc["K", "observed_agreement"] == pytest.approx(0.7)
    assert result.loc["K", ["n_units", "n_coders", "n_pairs"]].tolist() == [10, 2, 1]
    assert result.loc["K", "method"] == "Cohen's kappa"
    assert result.loc["K", "reason"] == ""


def test_overall_alpha_stacks_codes():
    codings = frame({"c1": C1, "c2": C2})
    segments = range(1, 11)
    units = [
        [p, q]
        for code in ("K", "L")
        for p, q in zip(presence(C1, code, segments), presence(C2, code, segments), strict=True)
    ]
    result = krippendorff_alpha(codings)
    assert result.alpha == pytest.approx(alpha_by_hand(units))
    assert (result.n_units, result.n_segments, result.n_coders, result.reason) == (20, 10, 2, "")
    assert krippendorff_alpha(codings, code_id="K").alpha == pytest.approx(alpha_by_hand(units[:10]))
    assert math.isnan(krippendorff_alpha(codings, code_id="ZZ").alpha)


def test_three_coders_average_pairwise_kappa():
    codings = frame({"c1": C1, "c2": C2, "c3": C3})
    result = kappa_per_code(codings).set_index("code_id")
    pair_kappas = []
    for first, second in itertools.combinations((C1, C2, C3), 2):
        shared = sorted(set(first) & set(second))
        pair_kappas.append(kappa_by_hand(*table(presence(first, "K", shared), presence(second, "K", shared))))
    assert pair_kappas == pytest.approx([0.4, 0.0, 0.24 / 0.44])
    assert result.loc["K", "kappa"] == pytest.approx(np.mean(pair_kappas))
    assert result.loc["K", ["n_units", "n_coders", "n_pairs"]].tolist() == [10, 3, 3]
    assert result.loc["K", "method"] == "mean of Cohen's kappa over coder pairs (3 pairs)"
    # c3 did not see segments 6-10: missing, not absent.
    table_ = presence_table(codings)
    assert table_["c3"].isna().sum() == 10
    units = [[presence(c, "K", [s])[0] if s in c else NAN for c in (C1, C2, C3)] for s in range(1, 11)]
    assert result.loc["K", "alpha"] == pytest.approx(alpha_by_hand(units))


def test_krippendorff_textbook_example():
    data = np.array(KRIPPENDORFF_EXAMPLE)
    result = alpha_nominal(data)
    assert round(result.alpha, 3) == 0.743
    assert result.alpha == pytest.approx(alpha_by_hand(data.T.tolist()))
    assert (result.n_units, result.n_coders) == (11, 4)  # unit 12 has one value only


def test_single_coder_gives_nan_with_reason():
    codings = frame({"c1": C1})
    assert kappa_per_code(codings).empty
    result = krippendorff_alpha(codings)
    assert math.isnan(result.alpha)
    assert result.reason == "no segments coded by two or more coders"


def test_no_variance_gives_nan_with_reason():
    same = {s: ["K"] for s in range(1, 6)}
    codings = frame({"c1": same, "c2": same})
    row = kappa_per_code(codings).iloc[0]
    assert math.isnan(row["kappa"]) and math.isnan(row["alpha"])
    assert row["reason"].startswith("no variance")
    overall = krippendorff_alpha(codings)
    assert math.isnan(overall.alpha) and overall.reason.startswith("no variance")
    assert alpha_nominal(np.array([[1.0, NAN], [NAN, 2.0]])).reason.startswith("no unit has judgements")


def test_perfect_agreement():
    codings = frame({"c1": C1, "c2": C1})
    result = kappa_per_code(codings)
    assert result["kappa"].tolist() == [1.0, 1.0]
    assert krippendorff_alpha(codings).alpha == pytest.approx(1.0)


# --- by position ---------------------------------------------------------------------------------


def positioned(rows: list[tuple[str, str, str, str, int, int]]) -> pd.DataFrame:
    """Codings with offsets: (document, selection id, code, coder, start, end)."""
    frame_ = pd.DataFrame(rows, columns=["document", "segment_id", "code_id", "coder", "start", "end"])
    return frame_.assign(gm_code="GM0193").astype({"start": "Int64", "end": "Int64"})


def test_shifted_overlapping_selections_of_two_coders_pair_by_position():
    # Each coder's selections have their own ids (as in a REFI export); the second coder starts
    # a little later: Jaccard 80/100 = 0.8 >= 0.5, so both judged the same unit and agree on K.
    codings = positioned(
        [
            ("interview", "selA1", "K", "anna", 100, 190),
            ("interview", "selB1", "K", "bram", 110, 200),
            ("interview", "selA2", "L", "anna", 500, 600),
            ("interview", "selB2", "L", "bram", 505, 590),
        ]
    )
    result = agreement_by_position(codings)
    assert result.status == "ok"
    assert result.n_units == 2
    rows = result.per_code.set_index("code_id")
    assert rows.loc["K", "percent_agreement"] == 1.0 and rows.loc["K", "kappa"] == pytest.approx(1.0)
    assert result.alpha == pytest.approx(1.0)
    # The old pairing by segment id sees four segments, none coded by two coders.
    assert kappa_per_code(codings).empty


def test_selections_overlapping_less_than_the_threshold_are_two_units():
    assert jaccard((0, 100), (60, 160)) == pytest.approx(40 / 160)
    codings = positioned([("d", "a1", "K", "anna", 0, 100), ("d", "b1", "K", "bram", 60, 160)])
    units, rule = unitise(codings)
    assert units["unit"].nunique() == 2 and rule.threshold == 0.5 and rule.method == "overlap"
    result = agreement_by_position(codings)
    # Both read the document, each coded K where the other did not: two disagreements.
    assert result.per_code.iloc[0]["percent_agreement"] == 0.0
    loose, _ = unitise(codings, threshold=0.2)
    assert loose["unit"].nunique() == 1


def test_the_rule_is_data_on_the_result():
    codings = positioned([("d", "a1", "K", "anna", 0, 100), ("d", "b1", "K", "bram", 0, 100)])
    rule = agreement_by_position(codings, threshold=0.6).rule.as_dict()
    assert rule["method"] == "overlap" and rule["threshold"] == 0.6
    assert (rule["measure"], rule["linkage"], rule["absent_when"]) == ("jaccard", "single", "coded_document")
    assert rule["n_units"] == 1 and rule["n_positioned"] == 2


def test_a_rare_code_with_kappa_zero_and_high_agreement_is_flagged():
    # 200 units both coders coded with K; only anna once added R: kappa 0, agreement 99.5%.
    rows = [("d", f"a{i}", "K", "anna", i * 10, i * 10 + 5) for i in range(200)]
    rows += [("d", f"b{i}", "K", "bram", i * 10, i * 10 + 5) for i in range(200)]
    rows.append(("d", "a0", "R", "anna", 0, 5))
    result = agreement_by_position(positioned(rows))
    rare = result.per_code.set_index("code_id").loc["R"]
    assert rare["kappa"] == pytest.approx(0.0)
    assert rare["percent_agreement"] == pytest.approx(0.995)
    assert (rare["n_positive"], rare["n_positive_min"], rare["n_positive_max"]) == (1, 0, 1)
    assert FLAG_RARE_CODE in rare["flags"] and FLAG_HIGH_AGREEMENT_LOW_KAPPA in rare["flags"]
    assert result.flagged(FLAG_RARE_CODE) == ["R"]
    positives = result.positives.set_index(["code_id", "coder"])["n_positive"]
    assert positives[("R", "anna")] == 1 and positives[("R", "bram")] == 0
    # K: both coders gave it everywhere, so its kappa is undefined, counted and named.
    assert result.per_code.set_index("code_id").loc["K", "kappa_status"] == NO_VARIANCE
    assert result.n_kappa_undefined == 1
    assert result.undefined_pairs.iloc[0].tolist() == ["K", "anna", "bram", NO_VARIANCE]
    assert FLAG_KAPPA_UNDEFINED in result.per_code.set_index("code_id").loc["K", "flags"]


def test_binary_alpha_matches_the_krippendorff_package_and_the_hand_formula():
    rng = np.random.default_rng(3)
    data = rng.integers(0, 2, size=(3, 40)).astype(float)
    data[rng.random(size=data.shape) < 0.2] = NAN
    judged = (~np.isnan(data)).sum(axis=0)
    ones = np.nansum(data, axis=0)
    expected = alpha_nominal(data).alpha
    assert binary_alpha(ones, judged) == pytest.approx(expected)
    assert binary_alpha(ones, judged) == pytest.approx(alpha_by_hand(data.T.tolist()))


def test_bootstrap_interval_is_seeded_and_brackets_alpha():
    rng = np.random.default_rng(5)
    first = rng.integers(0, 2, size=300)
    second = np.where(rng.random(300) < 0.85, first, 1 - first)
    ones, judged = first + second, np.full(300, 2)
    low, high = bootstrap_alpha(ones, judged, n_resamples=500, seed=1)
    assert (low, high) == bootstrap_alpha(ones, judged, n_resamples=500, seed=1)
    assert low < binary_alpha(ones, judged) < high
    assert (low, high) != bootstrap_alpha(ones, judged, n_resamples=500, seed=2)


def test_thin_data_says_why_nothing_can_be_computed():
    assert agreement_by_position(positioned([])).status == NO_CODINGS
    one = positioned([("d", "a1", "K", "anna", 0, 10), ("d", "a2", "L", "anna", 20, 30)])
    single = agreement_by_position(one)
    assert single.status == SINGLE_CODER and single.per_code.empty and math.isnan(single.alpha)
    apart = positioned([("d1", "a1", "K", "anna", 0, 10), ("d2", "b1", "K", "bram", 0, 10)])
    assert agreement_by_position(apart).status == NO_SHARED_UNITS


def test_codings_without_positions_pair_by_segment_id():
    codings = frame({"c1": C1, "c2": C2})
    result = agreement_by_position(codings)
    assert (result.rule.method, result.rule.absent_when) == ("segment_id", "coded_segment")
    assert result.per_code.set_index("code_id").loc["K", "kappa"] == pytest.approx(0.4)
