"""The temporary ``stats.associations`` shim keeps the old annex's English working.

Delete this file together with ``src/analysis/stats/associations.py`` once nothing imports it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats
from stats_cases import crisp_table, tea_table, twenty_cases

from analysis.stats import associations as assoc


def test_describe_fisher_sentences() -> None:
    row = assoc.fisher_tests(tea_table(), ["tea"], ["size_class"]).iloc[0]
    assert row["test"] == "Fisher's exact test (2x2, two-sided)" and row["counts"] == "large: 3/4; small: 1/4"
    assert assoc.describe_fisher(row) == (
        "Tea was coded in 3 of 4 large and 1 of 4 small municipalities (Fisher's exact "
        "p = 0.49, BH-adjusted 0.49, odds ratio 9.00): no evidence of an association at n = 8."
    )
    cases = twenty_cases()
    row = assoc.fisher_tests(cases, ["coop"], ["urban"]).iloc[0]
    p = stats.fisher_exact([[5, 6], [5, 4]]).pvalue
    assert assoc.describe_fisher(row) == (
        "Coop was coded in 5 of 11 municipalities with urban and 5 of 9 without urban "
        f"(Fisher's exact p = {p:.2f}, BH-adjusted {p:.2f}, odds ratio 0.67): no evidence of an "
        "association at n = 20."
    )
    degenerate = assoc.fisher_tests(cases, ["all"], ["size_class"]).iloc[0]
    assert degenerate["note"] == "theme present in all 20 cases: no test"
    assert assoc.describe_fisher(degenerate) == (
        "No association between all and size class can be tested: theme present in all 20 cases."
    )


def test_describe_correlation_and_model() -> None:
    cases = twenty_cases()
    row = assoc.rank_correlations(cases, ["coop"], ["population_count"], n_boot=100, n_permutations=500).iloc[0]
    sentence = assoc.describe_correlation(row)
    assert sentence.startswith("The number of segments coded as coop and population count have")
    assert f"= {row['coefficient']:.2f}" in sentence and "n = 20" in sentence
    result = assoc.fit_theme_model(cases, "coop", "population_k")
    assert result.warnings == [] and result.ratio_name == "odds ratio"
    # Issue 11 item 5: the old sentence said "no evidence of an effect" for this reliable fit.
    assert "no evidence of an association at n = 20" in assoc.describe_model(result)
    assert "effect" not in assoc.describe_model(result)
    assert assoc.describe_model(result).startswith(
        "A logistic regression of coop on population k (n = 20, 10 events, 10.0 per variable)"
    )
    present = [1 if i in (2, 7, 11, 16) else 0 for i in range(20)]
    low = assoc.fit_theme_model(cases.assign(theme_r_present=present), "r", ["population_k"])
    assert low.warnings[0] == "4 events for 1 parameter(s): 4.0 events per variable, below 10"
    assert "not reliable (4 events for 1 parameter(s)" in assoc.describe_model(low)
    assert "effect" not in assoc.describe_model(low)


def test_describe_truth_table_and_sufficiency() -> None:
    crisp = crisp_table()
    tt = assoc.truth_table(crisp, ["A", "B"], "Y")
    assert assoc.describe_truth_table(tt) == (
        "The 9 cases fall into 4 of the 4 possible configurations of 2 conditions; "
        "1 configuration(s) reach consistency 0.8 for Y, covering 3 of 5 positive cases, and "
        "2 configuration(s) are contradictory."
    )
    assert assoc.describe_sufficiency(assoc.sufficiency(crisp, ["A", "~B"], "Y")) == (
        "1 of the 2 cases with A*~B show Y (consistency 0.50), covering 1 of the 5 cases with Y "
        "(coverage 0.20); this falls short of the 0.8 threshold for sufficiency among these 9 cases."
    )
    values = pd.Series([10.0, 20.0, 30.0, 40.0, np.nan, 60.0], name="population_count")
    _, record = assoc.dichotomise(values)
    assert record.describe() == "population_count > 30 (median): 1 in 2 of 5 cases"
    assert assoc.theme_label("theme_regional_cooperation_present") == "Regional cooperation"
