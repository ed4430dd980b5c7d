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
codings_path: str = ""  # empty: the illustrative example codings in config/; else a tidy CSV or REFI-QDA file
data_dir: str = ""  # empty: the project's data/ folder (or $GEMEENTEN3D_DATA)
figures_dir: str = ""  # empty: figures stay inside the notebook; else each is also saved there as PNG

# %%
from analysis.report.annex import AnnexReport

annex = AnnexReport.open(data_dir=data_dir, figures_dir=figures_dir, codings_path=codings_path)
annex.header()

# %% [markdown]
# ## 1. De selectie
#
# Waarom deze twintig: hun spreiding over grootte, stedelijkheid en provincie, tegen alle
# gemeenten van 2017.

# %%
annex.selection()

# %% [markdown]
# ## 2. Kerncijfers van de twintig

# %%
annex.key_figures()

# %% [markdown]
# ## 3. Het regionale beeld
#
# De jeugdzorgregio en de arbeidsmarktregio van elke gemeente, naast de schaal van 100.000
# inwoners waarvan de decentralisaties uitgingen.

# %%
annex.regions()

# %% [markdown]
# ## 4. Het sociale domein: bijstand 2015-2017

# %%
annex.social_domain()

# %% [markdown]
# ## 5. Thema's uit de coderingen
#
# Welke thema's per gemeente gecodeerd zijn, welke samen voorkomen, en hoe goed de codeurs
# overeenstemmen.

# %%
annex.themes()

# %% [markdown]
# ## 6. Samenhang tussen thema's en kenmerken
#
# Met twintig gemeenten is elke toets verkennend. De resultaten en hun interpretatie staan in het
# Engels, zoals in de methodologische literatuur; elke zin is uit de berekende getallen geschreven.
#
# ### 6.1 Aanwezigheid van thema's naar groep (Fisher's exacte toets)

# %%
annex.fisher()

# %% [markdown]
# ### 6.2 Intensiteit van thema's en numerieke kenmerken (rangcorrelaties)

# %%
annex.correlations()

# %% [markdown]
# ### 6.3 Eén model: logistische regressie met ten hoogste twee covariaten

# %%
annex.regression()

# %% [markdown]
# ### 6.4 Configuraties: waarheidstabel (crisp-set QCA)

# %%
annex.qca()

# %% [markdown]
# ## 7. Bronnen en methoden

# %%
annex.sources()
