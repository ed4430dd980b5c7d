"""Crisp-set QCA: hand-worked truth tables, guards, Quine-McCluskey, and the published Lipset solutions.

The Lipset data (Rihoux and Ragin 2009, ch. 3; the QCA R package's ``LC``) and the solutions are
typed in from the QCA package's documented output (truth table, ``minimize`` with and without
``include = "?"``, the intermediate solution under ``dir.exp = 1,1,1,1,1``), not from this code.
"""

from __future__ import annotations

import pandas as pd
import pytest
from stats_cases import codes, crisp_table

from analysis.stats import calibration, minimise, necessity, qca, qca_robustness, truth_table
from analysis.stats.notes import Note

LIPSET_CONDITIONS = ["DEV", "URB", "LIT", "IND", "STB"]
#: DEV, URB, LIT, IND, STB, SURV per country (QCA package, data LC).
LIPSET = {
    "AU": (1, 0, 1, 1, 0, 0), "BE": (1, 1, 1, 1, 1, 1), "CZ": (1, 1, 1, 1, 1, 1),
    "EE": (0, 0, 1, 0, 1, 0), "FI": (1, 0, 1, 0, 1, 1), "FR": (1, 0, 1, 1, 1, 1),
    "DE": (1, 1, 1, 1, 0, 0), "GR": (0, 0, 0, 0, 0, 0), "HU": (0, 0, 1, 0, 0, 0),
    "IE": (1, 0, 1, 0, 1, 1), "IT": (0, 0, 0, 0, 1, 0), "NL": (1, 1, 1, 1, 1, 1),
    "PL": (0, 0, 1, 0, 0, 0), "PT": (0, 0, 0, 0, 0, 0), "RO": (0, 0, 0, 0, 1, 0),
    "ES": (0, 0, 0, 0, 0, 0), "SE": (1, 0, 1, 1, 1, 1), "UK": (1, 1, 1, 1, 1, 1),
}  # fmt: skip


@pytest.fixture
def lipset() -> pd.DataFrame:
    return pd.DataFrame.from_dict(LIPSET, orient="index", columns=[*LIPSET_CONDITIONS, "SURV"])


@pytest.fixture
def crisp() -> pd.DataFrame:
    return crisp_table()


# ------------------------------------------------------------------------------------------
# Truth table, sufficiency and its guards
# ------------------------------------------------------------------------------------------


def test_truth_table_hand_worked(crisp: pd.DataFrame) -> None:
    tt = truth_table.truth_table(crisp, ["A", "B"], "Y")
    # Case 10 misses B and drops out: nine cases, five with Y, base rate 5/9.
    assert tt.attrs["dropped"] == ["GM0010"] and tt.attrs["n"] == 9 and tt.attrs["n_outcome"] == 5
    assert tt.attrs["base_rate"] == pytest.approx(5 / 9)
    assert tt.attrs["notes"] == [
        Note("qca_dropped_cases", {"cases": ["GM0010"]}),
        Note("qca_contradictions", {"n_rows": 2}),
    ]
    rows = {(r.A, r.B): r for r in tt.itertuples()}
    assert rows[(1, 1)].n_cases == 3 and rows[(1, 1)].consistency == 1.0
    assert rows[(1, 1)].raw_coverage == pytest.approx(3 / 5)
    assert rows[(1, 1)].cases == ["GM0001", "GM0002", "GM0009"]
    assert rows[(1, 0)].consistency == 0.5 and rows[(1, 0)].contradictory
    assert rows[(0, 0)].consistency == 0.0 and not rows[(0, 0)].contradictory
    assert tt["outcome_assigned"].tolist() == [1, 0, 0, 0]
    assert tt["status"].tolist() == ["sufficient", "not_sufficient", "not_sufficient", "not_sufficient"]
    assert (tt["test"] == "qca_truth_table").all()


def test_truth_table_remainders_and_min_cases(crisp: pd.DataFrame) -> None:
    table = crisp.assign(C=[1] * 10)
    tt = truth_table.truth_table(table, ["A", "B", "C"], "Y", include_remainders=True)
    assert len(tt) == 8
    remainders = tt[tt["n_cases"] == 0]
    assert len(remainders) == 4 and remainders["outcome_assigned"].isna().all()
    assert (remainders["status"] == "remainder").all()
    # With at least three cases per row, only (1, 1) counts; the two-case rows become remainders.
    tt = truth_table.truth_table(crisp, ["A", "B"], "Y", min_cases=3)
    assert tt.set_index(["A", "B"])["status"].to_dict() == {
        (1, 1): "sufficient",
        (0, 0): "too_few_cases",
        (1, 0): "too_few_cases",
        (0, 1): "too_few_cases",
    }


def test_consistency_not_above_base_rate_is_not_sufficient() -> None:
    # The defect: 6 of 7 cases with X show Y (0.86 >= 0.8), but 16 of 20 cases show Y anyway
    # (base rate 0.80): X is no better than any case and must not be called sufficient.
    x = [1] * 7 + [0] * 13
    y = [1] * 6 + [0] + [1] * 10 + [0] * 3
    table = pd.DataFrame({"X": x, "Y": y}, index=codes(20))
    result = truth_table.sufficiency(table, "X", "Y")
    assert result.consistency == pytest.approx(6 / 7) and result.base_rate == pytest.approx(0.8)
    assert not result.is_sufficient
    tt = truth_table.truth_table(table, ["X"], "Y").set_index("X")
    assert tt.loc[1, "status"] == "not_above_base_rate" and tt.loc[1, "outcome_assigned"] == 0
    # The rule is a parameter: without a margin the same row passes.
    assert truth_table.sufficiency(table, "X", "Y", base_rate_margin=0.0).is_sufficient


def test_a_single_case_is_not_sufficient(crisp: pd.DataFrame) -> None:
    table = pd.DataFrame({"X": [1, 0, 0, 0, 0], "Y": [1, 0, 1, 0, 0]}, index=codes(5))
    one = truth_table.sufficiency(table, "X", "Y")
    assert one.consistency == 1.0 and one.n_condition == 1 and not one.is_sufficient
    assert truth_table.sufficiency(table, "X", "Y", min_cases=1).is_sufficient


def test_sufficiency_hand_worked(crisp: pd.DataFrame) -> None:
    a = truth_table.sufficiency(crisp, "A", "Y")
    # |A| = 6 with Y in 5; case 10 misses only B, so it stays in for A alone.
    assert (a.n, a.n_condition, a.n_both, a.n_outcome) == (10, 6, 5, 6)
    assert a.consistency == pytest.approx(5 / 6) and a.coverage == pytest.approx(5 / 6)
    a_not_b = truth_table.sufficiency(crisp, ["A", "~B"], "Y")
    assert a_not_b.expression == "A*~B" and a_not_b.n == 9
    assert (a_not_b.consistency, a_not_b.coverage) == (0.5, 0.2)
    assert a_not_b.cases_consistent == ["GM0003"] and a_not_b.cases_inconsistent == ["GM0004"]
    assert a_not_b.test == "qca_sufficiency" and "crisp_sets" in a_not_b.assumptions


def test_dichotomise_records_threshold() -> None:
    values = pd.Series([10.0, 20.0, 30.0, 40.0, None, 60.0], name="population_count")
    crisp, record = calibration.dichotomise(values)
    assert (record.threshold, record.basis, record.n, record.n_ones) == (30.0, "median", 5, 2)
    assert crisp.tolist() == [0, 0, 0, 1, pd.NA, 1]
    crisp, record = calibration.dichotomise(values, threshold=30, rule=">=")
    assert crisp.tolist() == [0, 0, 1, 1, pd.NA, 1] and record.basis == "stated"


# ------------------------------------------------------------------------------------------
# Quine-McCluskey
# ------------------------------------------------------------------------------------------


def test_quine_mccluskey_cyclic_function_has_two_minimal_covers() -> None:
    # f(a, b, c) = sum m(0, 1, 2, 5, 6, 7): six primes, no essential one, two covers of three
    # terms: a'b' + bc' + ac and a'c' + b'c + ab (the textbook cyclic example).
    ones = [(0, 0, 0), (0, 0, 1), (0, 1, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1)]
    primes = minimise.prime_implicants(ones)
    names = {minimise.expression(p, "abc") for p in primes}
    assert names == {"~a*~b", "~a*~c", "~b*c", "b*~c", "a*c", "a*b"}
    covers = [{minimise.expression(p, "abc") for p in cover} for cover in minimise.minimal_covers(primes, ones)]
    assert sorted(map(sorted, covers)) == [["a*b", "~a*~c", "~b*c"], ["a*c", "b*~c", "~a*~b"]]


def test_dont_cares_simplify() -> None:
    # f = m(1, 3) with don't care 7 over (a, b, c): a'c alone without, c with the don't care.
    assert minimise.minimal_covers(minimise.prime_implicants([(0, 0, 1), (0, 1, 1)]), [(0, 0, 1), (0, 1, 1)]) == [
        [(0, None, 1)]
    ]
    primes = minimise.prime_implicants([(0, 0, 1), (0, 1, 1)], [(1, 1, 1), (1, 0, 1)])
    assert minimise.minimal_covers(primes, [(0, 0, 1), (0, 1, 1)]) == [[(None, None, 1)]]


# ------------------------------------------------------------------------------------------
# Lipset: published solutions
# ------------------------------------------------------------------------------------------


def test_lipset_truth_table_as_published(lipset: pd.DataFrame) -> None:
    tt = truth_table.truth_table(lipset, LIPSET_CONDITIONS, "SURV", consistency_threshold=1.0)
    observed = {tuple(r[:5]): (r[5], r[6]) for r in tt[[*LIPSET_CONDITIONS, "n_cases", "outcome_assigned"]].to_numpy()}
    assert observed == {
        (1, 1, 1, 1, 1): (4, 1), (1, 0, 1, 0, 1): (2, 1), (1, 0, 1, 1, 1): (2, 1),
        (0, 0, 0, 0, 0): (3, 0), (0, 0, 0, 0, 1): (2, 0), (0, 0, 1, 0, 0): (2, 0),
        (0, 0, 1, 0, 1): (1, 0), (1, 0, 1, 1, 0): (1, 0), (1, 1, 1, 1, 0): (1, 0),
    }  # fmt: skip


def test_lipset_survival_solutions_as_published(lipset: pd.DataFrame) -> None:
    result = qca.minimise_truth_table(
        lipset, LIPSET_CONDITIONS, "SURV", consistency_threshold=1.0,
        directional_expectations=dict.fromkeys(LIPSET_CONDITIONS, 1),
    )  # fmt: skip
    assert result.conservative.expression == "DEV*~URB*LIT*STB + DEV*LIT*IND*STB"
    assert result.parsimonious.expression == "DEV*STB"
    assert result.intermediate is not None and result.intermediate.expression == "DEV*LIT*STB"
    assert result.conservative.models == ["DEV*~URB*LIT*STB + DEV*LIT*IND*STB"]
    # inclS, PRI, covS, covU and cases per term as printed by minimize(ttLC, details = TRUE).
    terms = result.conservative.terms.set_index("term")
    assert terms["consistency"].tolist() == [1.0, 1.0] and terms["pri"].tolist() == [1.0, 1.0]
    assert terms["raw_coverage"].tolist() == [0.5, 0.75]
    assert terms["unique_coverage"].tolist() == [0.25, 0.5]
    assert terms.loc["DEV*~URB*LIT*STB", "cases"] == ["FI", "FR", "IE", "SE"]
    assert terms.loc["DEV*LIT*IND*STB", "cases"] == ["BE", "CZ", "FR", "NL", "SE", "UK"]
    assert (result.conservative.consistency, result.conservative.pri, result.conservative.coverage) == (1, 1, 1)
    assert result.parsimonious.terms["raw_coverage"].tolist() == [1.0]
    # Simplifying assumptions of the parsimonious solution (pLC$SA: rows 18, 20, 26, 28, 30).
    assert sorted(result.parsimonious.simplifying_assumptions) == [
        (1, 0, 0, 0, 1), (1, 0, 0, 1, 1), (1, 1, 0, 0, 1), (1, 1, 0, 1, 1), (1, 1, 1, 0, 1),
    ]  # fmt: skip
    assert result.conservative.simplifying_assumptions == []


def test_lipset_breakdown_solutions_as_published(lipset: pd.DataFrame) -> None:
    result = qca.minimise_truth_table(lipset, LIPSET_CONDITIONS, "~SURV", consistency_threshold=1.0)
    assert result.outcome == "~SURV" and result.intermediate is None
    assert result.conservative.expression == "~DEV*~URB*~IND + DEV*LIT*IND*~STB"
    assert result.parsimonious.expression == "~DEV + ~STB"
    terms = result.parsimonious.terms.set_index("term")
    assert terms["raw_coverage"].tolist() == [0.8, 0.7]
    assert terms["unique_coverage"].tolist() == pytest.approx([0.3, 0.2])
    assert sorted(terms.loc["~STB", "cases"]) == sorted(["GR", "PT", "ES", "HU", "PL", "AU", "DE"])


def test_lipset_necessity_by_hand(lipset: pd.DataFrame) -> None:
    table = necessity.necessity(lipset, LIPSET_CONDITIONS, "SURV").set_index("condition")
    # All 8 surviving democracies are developed (DEV): consistency 8/8; 10 countries are
    # developed: coverage 8/10; RoN = |~DEV| / |~(DEV*SURV)| = 8 / 10.
    assert table.loc["DEV", ["consistency", "coverage", "relevance"]].tolist() == pytest.approx([1.0, 0.8, 0.8])
    # STB: 11 stable, 8 of them survive; RoN = 7 / 10.
    assert table.loc["STB", ["consistency", "coverage", "relevance"]].tolist() == pytest.approx([1.0, 8 / 11, 0.7])
    # URB: 5 urban, 4 survive (BE, CZ, NL, UK): consistency 4/8, coverage 4/5, RoN 13/14.
    assert table.loc["URB", ["consistency", "coverage", "relevance"]].tolist() == pytest.approx([0.5, 0.8, 13 / 14])
    assert table.loc["~DEV", "consistency"] == 0.0 and len(table) == 10


def test_minimum_cases_turn_rows_into_remainders(lipset: pd.DataFrame) -> None:
    # With two cases per row required, the one-case rows (EE 00101, AU 10110, DE 11110) become
    # remainders. No negative row has DEV = 1, so DEV alone now covers the survivors.
    result = qca.minimise_truth_table(lipset, LIPSET_CONDITIONS, "SURV", consistency_threshold=1.0, min_cases=2)
    statuses = result.truth_table.set_index(LIPSET_CONDITIONS)["status"]
    assert statuses.loc[(1, 1, 1, 1, 0)] == "too_few_cases"
    assert result.parsimonious.expression == "DEV"
    assert (1, 1, 1, 1, 0) in result.parsimonious.simplifying_assumptions


def test_no_sufficient_row_gives_empty_solutions_and_a_note(crisp: pd.DataFrame) -> None:
    result = qca.minimise_truth_table(crisp, ["A", "B"], "Y", consistency_threshold=1.1)
    assert result.conservative.expression == "" and result.parsimonious.expression == ""
    assert Note("qca_no_positive_rows") in result.notes


# ------------------------------------------------------------------------------------------
# Robustness
# ------------------------------------------------------------------------------------------


def test_lipset_robustness_leave_one_out_and_cutoffs(lipset: pd.DataFrame) -> None:
    result = qca_robustness.qca_robustness(
        lipset, LIPSET_CONDITIONS, "SURV", consistency_threshold=1.0, consistency_thresholds=(0.75,),
        directional_expectations=dict.fromkeys(LIPSET_CONDITIONS, 1),
    )  # fmt: skip
    assert result.baseline == {
        "conservative": "DEV*~URB*LIT*STB + DEV*LIT*IND*STB",
        "parsimonious": "DEV*STB",
        "intermediate": "DEV*LIT*STB",
    }
    summary = result.summary
    assert summary.loc["leave_one_out", "n_variants"] == 18
    assert summary.loc["consistency_threshold", "n_variants"] == 1
    # Every row is perfectly consistent, so no cut-off changes anything; every configuration
    # with a single case is negative, so dropping a case never removes a positive row.
    assert (summary["parsimonious_share_unchanged"] == 1.0).all()
    assert (summary["conservative_share_unchanged"] == 1.0).all()


def test_robustness_under_other_calibration_thresholds() -> None:
    # Y follows "size >= 50" exactly. A cut at 40 classifies every case the same (no size
    # between 40 and 50); a cut at 25 puts 30 and 35 (no Y) among the large, whose rows then
    # reach consistency 3/4 only, so nothing is sufficient any more.
    size = [10, 20, 30, 35, 60, 60, 80, 90, 95, 99]
    table = pd.DataFrame({"size": size, "B": [0, 1] * 5, "Y": [int(s >= 50) for s in size]}, index=codes(10))
    cal = {"LARGE": qca_robustness.Calibration("size", thresholds=(50, 40, 25), rule=">=")}
    result = qca_robustness.qca_robustness(table, ["LARGE", "B"], "Y", calibrations=cal, leave_one_out=False)
    assert result.baseline["parsimonious"] == "LARGE"
    variants = result.variants.set_index("threshold")
    assert variants.loc[40, "parsimonious_unchanged"] and not variants.loc[25, "parsimonious_unchanged"]
    assert variants.loc[25, "parsimonious"] == ""
    assert result.summary.loc["calibration", ["n_variants", "parsimonious_unchanged"]].tolist() == [2, 1]
