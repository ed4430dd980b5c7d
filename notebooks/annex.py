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
figures_dir: str = ""  # empty: figures stay inside the notebook; else each is also saved there as PNG

# %%
from analysis.annex import AnnexReport

annex = AnnexReport.open(data_dir=data_dir, figures_dir=figures_dir)
annex.header()

# %% [markdown]
# ## De selectie
#
# Waar de twintig liggen, en hoe zij over grootte en dichtheid verdeeld zijn ten opzichte van alle
# gemeenten van 2017.

# %%
annex.selection()

# %% [markdown]
# ## Kerncijfers van de twintig

# %%
annex.key_figures()

# %% [markdown]
# ## Bronnen

# %%
annex.sources()
