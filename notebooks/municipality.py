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
figures_dir: str = ""  # empty: figures stay inside the notebook; else each is also saved there as PNG

# %%
from analysis.report.municipal import MunicipalityReport

report = MunicipalityReport.open(
    municipality_code, codings_path=codings_path, data_dir=data_dir, figures_dir=figures_dir
)
report.header()

# %% [markdown]
# ## Ligging
#
# Waar de gemeente ligt, en welke gemeenten aan haar grenzen (grenzen van 1 januari 2017).

# %%
report.location()

# %% [markdown]
# ## Kerncijfers
#
# Inwoners, oppervlakte, dichtheid, leeftijd, huishoudens en migratieachtergrond op 1 januari 2017,
# naast Nederland, de gemeenten met dezelfde stedelijkheid en de twintig gemeenten van het onderzoek.

# %%
report.key_figures()

# %% [markdown]
# ## Regio's
#
# De decentralisaties gingen uit van een schaal van 100.000 inwoners; kleinere gemeenten voeren
# taken uit in regio's. Hier: de regio's waarin de gemeente zit, hoe groot die zijn, en met welke
# buren zij ze deelt.

# %%
report.regions()

# %% [markdown]
# ## Sociaal domein
#
# Bijstand 2015-2017 op de gemeentegrenzen van 2017, per 1.000 inwoners van 15 jaar of ouder, naast
# Nederland en de vergelijkingsgroepen. Cijfers die in de lokale kopie ontbreken staan er in woorden.

# %%
report.social_domain()

# %% [markdown]
# ## Lokale democratie
#
# De omvang van de raad en de laatste raadsverkiezingen waarvan de uitslag beschikbaar is.

# %%
report.democracy()

# %% [markdown]
# ## Thema's uit de gesprekken
#
# Welke thema's uit het codeboek (de vragen van de ROB, de rol van de raad, de G32-agenda, regionale
# samenwerking, de rol van het Rijk) in het materiaal van deze gemeente zijn gecodeerd, naast het
# gemiddelde van de twintig.

# %%
report.themes()

# %% [markdown]
# ## Bronnen
#
# Elk cijfer in deze bijlage komt uit de onderstaande bestanden; hun controlegetal (sha256) staat in
# `data/raw/MANIFEST.json`.

# %%
report.sources()
