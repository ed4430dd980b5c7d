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
municipality_code: str = "GM0599"  # CBS code of 1 January 2017 (GMxxxx); a municipality name works too
codings_path: str = ""  # empty: the illustrative example codings in config/; else a tidy CSV or REFI-QDA export
data_dir: str = ""  # empty: the project's data/ folder (or $GEMEENTEN3D_DATA)
figures_dir: str = ""  # empty: figures stay inside the notebook; else each is also saved there as PNG (+ CSV)
language: str = "nl"  # language of the report: "nl" (Dutch) or "en" (English)

# %% [markdown] tags=["remove_cell"]
# **For researchers.** Each section below is one call that returns its result (tables and numbers,
# no words), followed by `show(views.…(result, language))` (`theme_views` for the codings), which
# words and draws it. Inspect a result in JupyterLab (`key_figures.table`, `themes.profile`) or
# re-plot it; the reviewer's HTML hides the code and these notes.

# %%
from analysis.report import municipal_democracy, municipal_peers
from analysis.report import municipal_sections as sections
from analysis.report import municipal_views as views
from analysis.report import municipal_views_themes as theme_views
from analysis.report.context import open_context
from analysis.report.render import Renderer

ctx = open_context(municipality_code, codings_path=codings_path, data_dir=data_dir)
show = Renderer(figures_dir)

header = sections.header(ctx)
show(views.header_blocks(header, language))

# %% [markdown] tags=["remove_cell"]
# Location: the municipality on the map of 1 January 2017, and the municipalities on its border
# (`location.neighbours`).

# %%
location = sections.location(ctx)
show(views.location_blocks(location, language))

# %% [markdown] tags=["remove_cell"]
# Structurally similar municipalities: `similar.table` (the peers, nearest first, with distance) and
# `similar.method` (how the build chose them: `analysis.geo.peers`).

# %%
similar = municipal_peers.structural_peers(ctx)
show(municipal_peers.peers_blocks(similar, language))

# %% [markdown] tags=["remove_cell"]
# Key figures against the Netherlands, the same stedelijkheid, the twenty and the structural peers:
# `key_figures.table` is `analysis.geo.peers.compare_with_peers` (unformatted numbers).

# %%
key_figures = sections.key_figures(ctx)
show(views.key_figures_blocks(key_figures, language))

# %% [markdown] tags=["remove_cell"]
# Regions: `regions.table` (one row per region type, with size and the 100,000 scale) and
# `regions.shared` (region types shared with each neighbour).

# %%
regions = sections.regions(ctx)
show(views.regions_blocks(regions, language))

# %% [markdown] tags=["remove_cell"]
# Social domain: `social_domain.years` (bijstand per year, with missing reasons) and
# `social_domain.unavailable` (StatLine tables the local copy lacks).

# %%
social_domain = sections.social_domain(ctx)
show(views.social_domain_blocks(social_domain, language))

# %% [markdown] tags=["remove_cell"]
# Local democracy: statutory council seats, the council elected in 2018 and the election of 2010;
# `democracy.comparison` sets both beside the three comparison groups.

# %%
democracy = municipal_democracy.democracy(ctx)
show(municipal_democracy.democracy_blocks(democracy, language))

# %% [markdown] tags=["remove_cell"]
# Themes from the codings: `themes.origin` (read, accepted, rejected), `themes.profile` (share of
# the municipality's coded fragments per theme against the mean of the twenty).

# %%
themes = sections.themes(ctx)
show(theme_views.themes_blocks(themes, language))

# %% [markdown] tags=["remove_cell"]
# Fragments: for the most coded themes, exemplar quotes chosen by `analysis.qual.quotes`
# (`fragments.quotes`: text, document, coder, offsets; `text_status` says where a text came from).

# %%
fragments = sections.fragments(ctx)
show(theme_views.fragments_blocks(fragments, language))

# %% [markdown] tags=["remove_cell"]
# Sources: every raw file this report used, from `data/raw/MANIFEST.json`, and the codings file.

# %%
sources = sections.sources(ctx)
show(views.sources_blocks(sources, language))
