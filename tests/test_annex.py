"""The annex's sections on the real processed data, checked against independent computations.

Every number here is recomputed from the case table or the codings with pandas, scipy or
statsmodels directly (or counted by hand), never with the functions the annex itself calls.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pytest
import statsmodels.api as sm
import yaml
from scipy import stats

from analysis.report import annex_sections as sections
from analysis.report import annex_sections_qca as qca_sections
from analysis.report import annex_sections_stats as stats_sections
from analysis.report import annex_sections_themes as theme_sections
from analysis.report.annex_context import SETTINGS_FILE, AnnexSettingsError, load_settings, open_annex

#: Fewer resamples than the annex uses: the checks here do not depend on interval precision.
QUICK = {"bootstrap_resamples": 200, "permutation_resamples": 2000}


@dataclass
class Annex:
    """Every section result of one annex run."""

    ctx: object
    header: sections.HeaderResult
    selection: sections.SelectionResult
    regions: sections.RegionsResult
    social: sections.SocialDomainResult
    themes: theme_sections.ThemesResult
    agreement: theme_sections.AgreementSection
    quotes: theme_sections.QuoteMatrixResult
    data: stats_sections.AnalysisData
    fisher: stats_sections.FisherResult
    correlations: stats_sections.CorrelationResult
    model: qca_sections.ModelSection
    qca: qca_sections.QcaSection


@pytest.fixture(scope="module")
def annex(built_data: Path) -> Annex:
    ctx = open_annex(settings=load_settings().with_values(**QUICK))
    data = stats_sections.analysis_data(ctx)
    return Annex(
        ctx=ctx,
        header=sections.header(ctx),
        selection=sections.selection(ctx),
        regions=sections.regions_section(ctx),
        social=sections.social_domain(ctx),
        themes=theme_sections.themes_section(ctx),
        agreement=theme_sections.agreement_section(ctx),
        quotes=theme_sections.quote_matrix_section(ctx),
        data=data,
        fisher=stats_sections.fisher_section(ctx, data),
        correlations=stats_sections.correlation_section(ctx, data),
        model=qca_sections.model_section(ctx, data),
        qca=qca_sections.qca_section(ctx, data),
    )


def _cases(annex: Annex) -> pd.DataFrame:
    table = annex.ctx.case_table
    return table[table["is_case"].astype(bool)].set_index("gm_name")


# --- settings -------------------------------------------------------------------------------------


def test_settings_come_from_the_documented_file():
    raw = yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))
    settings = load_settings()
    assert settings.alpha == raw["alpha"]
    assert settings.bootstrap_resamples == raw["bootstrap_resamples"]
    assert settings.fisher_characteristics == tuple(raw["fisher_characteristics"])
    assert [c.name for c in settings.qca_conditions] == [c["name"] for c in raw["qca_conditions"]]
    text = SETTINGS_FILE.read_text(encoding="utf-8")
    for key in raw:  # every setting is documented by a comment above it (or above its group)
        above = text[: text.index(f"\n{key}:")].rstrip().splitlines()
        while above and not above[-1].startswith("#"):
            assert above[-1].strip() and (above[-1].startswith(" ") or ":" in above[-1]), key
            above.pop()
        assert above, key


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("alpha: 0.05\nalfa: 0.1\n", "unknown setting"),
        ("alpha: 2\n", "alpha"),
        ("model_covariates: [a, b, c]\n", "at most two"),
        ("qca_conditions:\n  - {name: X, column: y, rule: '<', threshold: 1}\n", "qca_conditions"),
        ("[1, 2", "cannot read"),
    ],
)
def test_bad_settings_name_the_file_and_the_setting(tmp_path, content, message):
    path = tmp_path / "annex.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnnexSettingsError, match=message) as error:
        load_settings(path)
    assert str(path) in str(error.value)


def test_settings_override_reaches_the_sections(annex):
    strict = annex.ctx.settings.with_values(alpha=0.001)
    ctx = type(annex.ctx)(**{**annex.ctx.__dict__, "settings": strict})
    assert stats_sections.fisher_section(ctx, annex.data).alpha == 0.001


# --- chapters 1-4 -------------------------------------------------------------------------------


def test_header_population_against_the_case_table(annex):
    cases = _cases(annex)
    everyone = annex.ctx.case_table
    assert annex.header.n_cases == len(cases) == 20
    assert annex.header.population_total == int(cases["population_count"].sum())
    assert annex.header.population_share_pct == pytest.approx(
        100 * cases["population_count"].sum() / everyone["population_count"].sum()
    )
    assert annex.header.population_min == int(cases["population_count"].min())


def test_selection_counts_by_hand(annex):
    spread = annex.selection.size_spread
    assert spread["cases_count"].sum() == 20 and spread["all_count"].sum() == 388
    population = annex.ctx.case_table["population_count"]
    assert spread.loc[0, "all_count"] == int((population < 20_000).sum())
    assert spread.loc[3, "cases_count"] == int((_cases(annex)["population_count"] >= 100_000).sum())
    provinces = annex.selection.provinces.set_index("province_name")
    assert provinces["cases_count"].to_dict() == _cases(annex)["province_name"].value_counts().to_dict() | {
        p: 0 for p in provinces.index if p not in set(_cases(annex)["province_name"])
    }


def test_regions_and_bijstand_from_the_case_table(annex):
    cases = _cases(annex)
    youth = next(s for s in annex.regions.summaries if s.region_type == "youth_care_region")
    assert youth.n_reaching_scale == int((cases["youth_care_region_inhabitants_count"] >= 100_000).sum())
    assert annex.regions.n_reaching_scale_alone == int((cases["population_count"] >= 100_000).sum())
    bijstand = annex.ctx.bijstand
    national = bijstand.loc[
        (bijstand["gm_code"] == "NL01") & (bijstand["year"] == 2017), "recipients_per_1000_inhabitants"
    ]
    assert annex.social.national[2017] == pytest.approx(float(national.iloc[0]))
    above = int((cases["bijstand_recipients_2017_per_1000"] > float(national.iloc[0])).sum())
    assert annex.social.above_national == above
    assert annex.social.median[2017] == pytest.approx(cases["bijstand_recipients_2017_per_1000"].median())


# --- chapter 5: themes as shares --------------------------------------------------------------------


def test_theme_intensity_is_a_share_of_coded_fragments_with_counts(annex):
    """Issue 11 item 2: intensity is the share of the case's fragments, the count beside it."""
    accepted = annex.ctx.coded.accepted
    codebook = annex.ctx.codebook
    roots = {code.id for code in codebook.roots()}
    theme_of = {
        code.id: next(r for r in roots if code.id == r or code.id.startswith(f"{r}.")) for code in codebook.codes
    }
    frame = accepted.assign(theme=accepted["code_id"].map(theme_of))
    intensity = annex.themes.intensity.set_index(["gm_code", "theme"])
    for gm_code, theme in [("GM0599", "DEM"), ("GM0632", "RIJK"), ("GM0050", "FIN")]:
        own = frame[frame["gm_code"] == gm_code]
        total = own[["document", "segment_id"]].drop_duplicates().shape[0]
        with_theme = own[own["theme"] == theme][["document", "segment_id"]].drop_duplicates().shape[0]
        row = intensity.loc[(gm_code, theme)]
        assert row["theme_segments_count"] == with_theme
        assert row["coded_segments_count"] == total
        assert row["theme_share_pct"] == pytest.approx(100 * with_theme / total)


def test_agreement_counts_and_undefined_kappas(annex):
    by_theme = annex.agreement.by_theme
    assert by_theme.status == "ok" and 0 < by_theme.alpha_low <= by_theme.alpha <= by_theme.alpha_high
    per_code = annex.agreement.by_code.per_code
    # Every code whose kappa is undefined is listed by name, not shown as 0.
    assert set(annex.agreement.by_code.flagged("kappa_undefined")) == set(
        per_code.loc[per_code["kappa"].isna(), "code_id"]
    )
    positives = annex.agreement.by_theme.positives
    assert set(positives["coder"]) == set(by_theme.coders)


def test_quote_matrix_counts_fragments_per_theme_and_group(annex):
    matrix = annex.quotes.matrix
    groups = annex.ctx.crosscase.set_index("gm_code")["size_group"]
    assert set(matrix["group"]) == set(groups.dropna().unique())
    assert (matrix["n_quotes"] <= annex.ctx.settings.quotes_per_cell).all()
    assert (matrix.loc[matrix["status"] == "ok", "quote_1"] != "").all()


# --- chapter 6 against scipy and statsmodels --------------------------------------------------------


def test_fisher_p_values_against_scipy(annex):
    results = annex.fisher.results
    tested = results[results["test"] == "fisher_2x2"]
    assert not tested.empty
    table = annex.data.table
    for _, row in tested.iterrows():
        present = table[f"theme_{row['theme']}_present"].astype(float)
        group = table[row["characteristic"]]
        keep = present.notna() & group.notna()
        levels = [
            lvl
            for lvl in (group.cat.categories if hasattr(group, "cat") else sorted(group[keep].unique()))
            if (group[keep] == lvl).any()
        ]
        counts = [
            [
                int(present[keep][group[keep] == lvl].sum()),
                int((group[keep] == lvl).sum() - present[keep][group[keep] == lvl].sum()),
            ]
            for lvl in levels
        ]
        assert row["p_value"] == pytest.approx(stats.fisher_exact(counts).pvalue)


def test_rank_correlations_use_shares_and_match_scipy(annex):
    results = annex.correlations.results
    cases = _cases(annex).reindex(annex.data.table.index)
    for _, row in results.dropna(subset=["coefficient"]).head(6).iterrows():
        share = cases[f"theme_{row['theme']}_segments"] if f"theme_{row['theme']}_segments" in cases else None
        share = annex.ctx.crosscase.set_index("gm_name")[f"theme_{row['theme']}_segments"].astype(float)
        total = annex.ctx.crosscase.set_index("gm_name")["coded_segments"].astype(float)
        x = 100 * share / total
        y = annex.ctx.crosscase.set_index("gm_name")[row["variable"]].astype(float)
        keep = x.notna() & y.notna()
        assert row["n"] == int(keep.sum())
        assert row["coefficient"] == pytest.approx(stats.spearmanr(x[keep], y[keep]).statistic)
    turnout = results[results["variable"] == "turnout_2010_pct"]
    assert (turnout["n"] < 20).all()


def test_material_check_coded_fragments_against_population(annex):
    crosscase = annex.ctx.crosscase
    rho = stats.spearmanr(crosscase["coded_segments"].astype(float), crosscase["population_count"].astype(float))
    assert annex.correlations.material_check["coefficient"] == pytest.approx(rho.statistic)


def test_focus_theme_is_the_most_evenly_split(annex):
    table = annex.data.table
    events = {
        t: min(
            table[f"theme_{t}_present"].astype(float).sum(),
            table[f"theme_{t}_present"].notna().sum() - table[f"theme_{t}_present"].astype(float).sum(),
        )
        for t in annex.data.themes
    }
    assert events[annex.data.focus_theme] == max(events.values())


def test_model_against_statsmodels(annex):
    """The logit of the model chapter equals statsmodels' own fit on the same cases."""
    table = annex.data.table.copy()
    # An outcome that neither covariate separates (the example codings may separate theirs).
    table["theme_T_present"] = [int(i % 3 == 0) for i in range(len(table))]
    data = replace(annex.data, table=table, themes=("T",), focus_theme="T", focus_events=7)
    model = qca_sections.model_section(annex.ctx, data)
    fit = model.result
    assert fit.estimable and model.n_present == 7
    covariates = list(annex.ctx.settings.model_covariates)
    x = sm.add_constant(table[covariates].astype(float))
    reference = sm.Logit(table["theme_T_present"].astype(float), x).fit(disp=0)
    for term in covariates:
        assert fit.coefficients.loc[term, "estimate"] == pytest.approx(reference.params[term], rel=1e-4)
        assert fit.coefficients.loc[term, "p_value"] == pytest.approx(reference.pvalues[term], rel=1e-3)


def test_qca_consistencies_counted_by_hand(annex):
    qca = annex.qca
    table = annex.data.table
    outcome = table[f"theme_{qca.focus_theme}_present"].astype(float)
    assert qca.base_rate == pytest.approx(outcome.mean())
    for row in qca.sufficiency.itertuples(index=False):
        name = row.expression.lstrip("~")
        member = table[name].astype(float) == (0.0 if row.expression.startswith("~") else 1.0)
        assert row.n_condition == int(member.sum())
        assert row.n_both == int((member & (outcome == 1)).sum())
        # Issue 11 item 4: "sufficient" only clearly above the base rate and with enough cases.
        if row.is_sufficient:
            assert row.consistency >= qca.base_rate + qca.base_rate_margin - 1e-12
            assert row.n_condition >= qca.min_cases
    assert int(qca.truth["n_cases"].sum()) == 20
    assert qca.solutions.conservative.expression
    summary = qca.robustness.summary
    assert summary.loc["leave_one_out", "n_variants"] == 20
