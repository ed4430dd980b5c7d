"""The model table names its estimator once; QCA conditions read without brackets inside brackets."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from analysis.narrative import say
from analysis.report import annex_sections_qca as sections
from analysis.report import annex_views_qca as views
from analysis.report.annex_sections_stats import Calibration
from analysis.report.annex_views_stats import characteristic_label
from analysis.report.blocks import Table
from analysis.stats import models

CONDITIONS = ("LARGE", "RURAL", "HIGH_BIJSTAND")


def model_section(exposed: list[int], present: list[int]) -> sections.ModelSection:
    codes = [f"GM{i:04d}" for i in range(1, len(exposed) + 1)]
    data = pd.DataFrame({"RURAL": exposed, "theme_FIN_present": present}, index=codes)
    fit = models.fit_theme_model(data, "FIN", ["RURAL"])
    return sections.ModelSection(
        focus_theme="FIN",
        n_present=int(sum(present)),
        n_with_codings=len(present),
        covariates=("RURAL",),
        result=fit,
        data=data,
        alpha=0.05,
        is_illustrative=False,
        computed_by="analysis.report.annex_sections_qca.model_section",
    )


def coefficient_tables(section: sections.ModelSection, language: str) -> list[Table]:
    theme_labels = {"FIN": {"nl": "Financiën", "en": "Finances"}}
    return [b for b in views.model_blocks(section, theme_labels, language) if isinstance(b, Table)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_firth_estimator_is_named_once_in_the_caption_not_on_every_row(language):
    # Quasi-complete separation: no ML estimate, the Firth fit stands in (two terms).
    section = model_section([1] * 5 + [0] * 10, [1] * 5 + [1] * 2 + [0] * 8)
    estimator = say("stats.model.name.logit_firth", language)
    (table,) = coefficient_tables(section, language)
    cells = [str(v) for v in table.frame.to_numpy().ravel()] + [str(c) for c in table.frame.columns]
    assert not any(estimator in cell for cell in cells), cells
    assert estimator in table.caption
    assert len(table.frame) == 2 and table.csv_name == "model-coefficienten-firth"
    assert list(table.data["term"]) == ["Intercept", "RURAL"]


def test_plain_and_firth_fits_get_a_table_each_with_their_estimator():
    rng = np.random.default_rng(7)
    exposed = list(rng.integers(0, 2, 20))
    present = [1 if (e and i % 3) or (not e and i % 4 == 0) else 0 for i, e in enumerate(exposed)]
    section = model_section(exposed, present)
    tables = coefficient_tables(section, "nl")
    fits = [section.result] + ([section.result.firth] if section.result.firth is not None else [])
    assert len(tables) == len(fits)
    for table, fit in zip(tables, fits, strict=True):
        assert say(f"stats.model.name.{fit.test}", "nl") in table.caption
        assert say("annex.model.col.term", "nl") in table.frame.columns


def bracket_depth(text: str) -> int:
    depth = deepest = 0
    for character in text:
        depth += {"(": 1, ")": -1}.get(character, 0)
        deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("language", ["nl", "en"])
def test_condition_calibration_lines_have_no_nested_brackets(language):
    """'LARGE (groot (50.000+))' before; now 'LARGE: groot, 50.000 inwoners of meer; gemeten als ...'."""
    for name, column, rule, threshold, basis in (
        ("LARGE", "population_count", ">=", 50_000, "stated"),
        ("RURAL", "stedelijkheid", ">=", 4, "stated"),
        ("HIGH_BIJSTAND", "bijstand_recipients_2017_per_1000", ">", 35.5, "national"),
    ):
        calibration = Calibration(name=name, column=column, rule=rule, threshold=threshold, basis=basis, n=20, n_ones=7)
        line = views.calibration_line(calibration, language)
        assert bracket_depth(line) <= 1, line
        assert line.startswith(f"{name}: {characteristic_label(name, language)}"), line


def test_condition_labels_read_plainly():
    assert characteristic_label("LARGE", "nl") == "groot, 50.000 inwoners of meer"
    for name in CONDITIONS:
        for language in ("nl", "en"):
            assert not re.search(r"[()]", characteristic_label(name, language))
