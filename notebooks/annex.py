# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% tags=["parameters"]
codings_path: str = ""  # empty: the illustrative example codings in config/; else a tidy CSV or REFI-QDA export
data_dir: str = ""  # empty: the project's data/ folder (or $GEMEENTEN3D_DATA)
figures_dir: str = ""  # empty: figures stay inside the notebook; else each is also saved there as PNG, numbers as CSV
language: str = "nl"  # language of the annex: "nl" (Dutch) or "en" (English)
settings_file: str = ""  # empty: config/annex.yaml (alpha, bootstrap, characteristics, model, QCA thresholds)

# %% [markdown] tags=["remove_cell"]
# **For researchers.** Each section below is one call that returns its result (tables and numbers,
# no words), followed by `show(views.…(result, language))`, which words and draws it. The analysis
# settings are in `config/annex.yaml` (or the file in `settings_file`); `ctx.settings` shows them,
# and `ctx.settings.with_values(alpha=0.1)` gives a changed copy to pass to a section's context.
# The reviewer's HTML hides the code and these notes.

# %%
from analysis.report import annex_sections as sections
from analysis.report import annex_sections_qca as qca_sections
from analysis.report import annex_sections_stats as stats_sections
from analysis.report import annex_sections_themes as theme_sections
from analysis.report import annex_views as views
from analysis.report import annex_views_qca as qca_views
from analysis.report import annex_views_stats as stats_views
from analysis.report import annex_views_themes as theme_views
from analysis.report.annex_context import open_annex
from analysis.report.render import Renderer

ctx = open_annex(data_dir=data_dir, codings_path=codings_path, settings=settings_file)
show = Renderer(figures_dir)

header = sections.header(ctx)
show(views.header_blocks(header, language))

# %% [markdown] tags=["remove_cell"]
# 1. Selection: `selection.size_spread`, `selection.size_by_stedelijkheid`, `selection.provinces`
# (the twenty against all 388 municipalities of 2017).

# %%
selection = sections.selection(ctx)
show(views.selection_blocks(selection, language))

# %% [markdown] tags=["remove_cell"]
# 2. Key figures: `key_figures.table` (unformatted numbers, largest first).

# %%
key_figures = sections.key_figures(ctx)
show(views.key_figures_blocks(key_figures, language))

# %% [markdown] tags=["remove_cell"]
# 3. Regions: `regions.table` (youth care and labour market region per case) and
# `regions.summaries` (who reaches the 100,000 scale).

# %%
regions = sections.regions_section(ctx)
show(views.regions_blocks(regions, language))

# %% [markdown] tags=["remove_cell"]
# 4. Social domain: `social_domain.table` (bijstand per 1,000 per year with missing reasons),
# `social_domain.national`, `social_domain.unavailable_tables`.

# %%
social_domain = sections.social_domain(ctx)
show(views.social_domain_blocks(social_domain, language))

# %% [markdown] tags=["remove_cell"]
# 5. Themes: `themes.intensity` (per case and theme: fragments, all coded fragments, share in %),
# `agreement.by_theme` / `agreement.by_code` (`qual.agreement.AgreementResult`: `per_code`,
# `positives`, `undefined_pairs`, `rule`), `quote_matrix.matrix` (also written as CSV).

# %%
themes = theme_sections.themes_section(ctx)
show(theme_views.themes_blocks(themes, language))
agreement = theme_sections.agreement_section(ctx)
show(theme_views.agreement_blocks(agreement, language))

# %%
quote_matrix = theme_sections.quote_matrix_section(ctx)
show(theme_views.quote_matrix_blocks(quote_matrix, language))

# %% [markdown] tags=["remove_cell"]
# 6. Associations. `analysis.table` is the twenty as the statistics see them (theme shares,
# crisp conditions); `analysis.focus_theme` is the outcome of the model and the QCA (the theme
# whose presence is most evenly split), chosen here, before any test.

# %%
analysis = stats_sections.analysis_data(ctx)
show(stats_views.associations_intro_blocks(language))
fisher = stats_sections.fisher_section(ctx, analysis)
show(stats_views.fisher_blocks(fisher, themes.theme_labels, language))

# %% [markdown] tags=["remove_cell"]
# `correlations.results`: Spearman's rho per theme share x characteristic with permutation p,
# bootstrap interval and notes; `correlations.material_check`: coded fragments against population.

# %%
correlations = stats_sections.correlation_section(ctx, analysis)
show(stats_views.correlation_blocks(correlations, themes.theme_labels, language))

# %% [markdown] tags=["remove_cell"]
# `model.result` is a `stats.models.ModelResult` (`coefficients`, `notes`, `firth`).

# %%
model = qca_sections.model_section(ctx, analysis)
show(qca_views.model_blocks(model, themes.theme_labels, language))

# %% [markdown] tags=["remove_cell"]
# `qca.truth`, `qca.sufficiency`, `qca.necessity`, `qca.solutions` (`stats.qca.QCAResult`),
# `qca.robustness` (`variants`, `summary`).

# %%
qca = qca_sections.qca_section(ctx, analysis)
show(qca_views.qca_blocks(qca, themes.theme_labels, language))

# %%
show(views.sources_section_blocks(sections.sources(ctx), language))
show(qca_views.methods_blocks(ctx.settings, language))
