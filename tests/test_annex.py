"""The annex sections on the real processed data: outputs carry the computed numbers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.qual import codings
from analysis.report import municipal as report
from analysis.report.annex import AnnexReport
from analysis.stats import associations

SECTIONS = (
    "header",
    "selection",
    "key_figures",
    "regions",
    "social_domain",
    "themes",
    "fisher",
    "correlations",
    "regression",
    "qca",
    "sources",
)


def _run(annex: AnnexReport, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Every section's displayed output (Markdown, HTML, images) as one text per section."""
    outputs: dict[str, str] = {}
    captured: list[str] = []
    monkeypatch.setattr(report, "display", lambda obj: captured.append(str(getattr(obj, "data", obj))))
    for name in SECTIONS:
        captured.clear()
        getattr(annex, name)()
        outputs[name] = "\n".join(captured)
    return outputs


@pytest.fixture(scope="module")
def annex_run(built_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[AnnexReport, dict[str, str]]:
    figures = tmp_path_factory.mktemp("figures")
    with pytest.MonkeyPatch.context() as monkeypatch:
        annex = AnnexReport.open(figures_dir=str(figures))
        return annex, _run(annex, monkeypatch)


def test_illustrative_notice_above_every_codings_section(annex_run):
    annex, outputs = annex_run
    assert annex.coded.is_illustrative
    for name in ("header", "themes", "fisher", "correlations", "regression", "qca"):
        assert codings.ILLUSTRATIVE_NOTICE in outputs[name], name
    assert codings.ILLUSTRATIVE_NOTICE not in outputs["selection"]


def test_themes_counts_and_agreement(annex_run):
    annex, outputs = annex_run
    text = outputs["themes"]
    assert f"{annex.coded.n_read} gelezen, {len(annex.coded.accepted)} geaccepteerd" in text
    assert f"{len(annex.coded.rejected)} afgewezen" in text
    assert Path(annex.coded.source).name in text
    assert "fragmenten (n)" in text and "codeurs" in text


def test_fisher_sentences_carry_n_and_p(annex_run):
    annex, outputs = annex_run
    results = annex.fisher_results
    tested = results[results["p_value"].notna()]
    assert not tested.empty
    for _, row in tested.iterrows():
        sentence = associations.describe_fisher(row, 0.05, annex.labels)
        assert sentence in outputs["fisher"]
        assert f"{row['n']} cases" in sentence or f"n = {row['n']}" in sentence
        shown = re.search(r"exact p ([=<]) ([0-9.]+)", sentence)
        assert shown is not None
        assert float(shown.group(2)) == pytest.approx(row["p_value"], abs=0.006)
    assert f"over the {int(results['n_tests_bh'].iloc[0])} tested pairs" in outputs["fisher"]


def test_correlations_report_n_per_pair_and_missing_turnout(annex_run):
    annex, outputs = annex_run
    results = annex.correlation_results
    text = outputs["correlations"]
    turnout = results[results["variable"] == "turnout_2010_pct"]
    n_turnout = int(turnout["n"].iloc[0])
    assert n_turnout < 20
    assert f"turnout 2010: n = {n_turnout}" in text
    strongest = results.dropna(subset=["p_value"]).sort_values("p_value").iloc[0]
    assert associations.describe_correlation(strongest, 0.05, annex.labels) in text


def test_regression_shows_its_warnings_in_words(annex_run):
    annex, outputs = annex_run
    result = annex.model_result
    assert result is not None and len(result.covariates) <= 2
    text = outputs["regression"]
    assert associations.describe_model(result, 0.05, annex.labels) in text
    for warning in result.warnings:
        assert warning in text
    assert f"n = {result.n} ({result.events} events" in text


def test_truth_table_and_sufficiency(annex_run):
    annex, outputs = annex_run
    text = outputs["qca"]
    assert associations.describe_truth_table(annex.truth) in text
    for _, record in annex.conditions.values():
        assert record.describe() in text


def test_selection_regions_social_domain_from_the_data(annex_run):
    annex, outputs = annex_run
    provinces = annex.case_table.loc[annex.case_table["is_case"], "province_name"].nunique()
    assert f"De twintig liggen in {provinces} van de" in outputs["selection"]
    assert "100.000" in outputs["regions"]
    national = annex.national_bijstand[2017]
    assert f"{national:.1f}".replace(".", ",") in outputs["social_domain"]


def test_sources_name_codebook_and_methods(annex_run):
    annex, outputs = annex_run
    text = outputs["sources"]
    assert annex.coded.codebook_version in text
    assert "Benjamini-Hochberg" in text and "bootstrap" in text and "QCA" in text
    assert "Kiesraad" in text


def test_every_figure_saved(annex_run):
    annex, _ = annex_run
    names = {path.stem for path in annex.figures.saved}
    assert {"kaart-twintig", "regio-schaal", "themas-per-gemeente", "samen-voorkomen", "model"} <= names
    assert {"waarheidstabel", "spearman-population_count"} <= names
    assert all(path.read_bytes().startswith(b"\x89PNG") for path in annex.figures.saved)


def test_no_banner_for_real_codings(built_data, tmp_path, monkeypatch):
    example = codings.EXAMPLE_CODINGS.read_text(encoding="utf-8").splitlines(keepends=True)
    real = tmp_path / "real.csv"
    real.write_text("".join(line for line in example if not line.startswith("#")), encoding="utf-8")
    annex = AnnexReport.open(codings_path=str(real))
    assert not annex.coded.is_illustrative
    captured: list[str] = []
    monkeypatch.setattr(report, "display", lambda obj: captured.append(str(getattr(obj, "data", obj))))
    annex.themes()
    assert codings.ILLUSTRATIVE_NOTICE not in "\n".join(captured)
    assert not annex.crosscase["has_illustrative_codings"].any()
