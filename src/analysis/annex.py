"""The cross-case annex: the twenty municipalities side by side and among all 388."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from analysis import charts, indicators, maps
from analysis.indicators import SIZE_CLASSES, size_class
from analysis.cases import load_cases
from analysis.geography import STEDELIJKHEID_LABELS, load_municipalities
from analysis.report import FigureSink, show_markdown, show_table, sources_markdown, use_data_dir

class AnnexReport:
    """Sections of the annex; build it with ``AnnexReport.open``."""

    def __init__(self, municipalities: gpd.GeoDataFrame, cases: pd.DataFrame, figures: FigureSink):
        self.municipalities = municipalities
        self.cases = cases
        self.case_codes = list(cases["gm_code"])
        self.figures = figures
        self.used_sources = ["cbs-wijkbuurtkaart-2017"]

    @classmethod
    def open(cls, data_dir: str = "", figures_dir: str = "") -> AnnexReport:
        """Load the processed layers once."""
        charts.apply_style()
        use_data_dir(data_dir)
        municipalities = load_municipalities()
        cases = load_cases(municipalities=municipalities[["gm_code", "gm_name"]])
        return cls(municipalities, cases, FigureSink(Path(figures_dir) if figures_dir else None))

    def selection_table(self) -> pd.DataFrame:
        """The twenty with their key figures and selection characteristics (unformatted numbers)."""
        frame = self.municipalities.set_index("gm_code").loc[self.case_codes].reset_index()
        table = pd.DataFrame(
            {
                "gm_code": frame["gm_code"],
                "gemeente": frame["gm_name"],
                "inwoners": frame["population_count"],
                "grootteklasse": frame["population_count"].map(size_class),
                "stedelijkheid": frame["stedelijkheid_class"].map(
                    lambda c: f"{int(c)} {STEDELIJKHEID_LABELS[int(c)]}"
                ),
                "inwoners per km² land": frame["density_per_km2"],
                "65 jaar of ouder (%)": frame["age_65_plus_pct"],
                "niet-westerse migratieachtergrond (%)": frame["non_western_migration_background_pct"],
            }
        )
        return table.sort_values("inwoners", ascending=False)

    def header(self) -> None:
        """Title and reading guide, with the spread of the selection written from the data."""
        table = self.selection_table()
        population = table["inwoners"]
        share = population.sum() / self.municipalities["population_count"].sum()
        show_markdown(
            "# Gemeenten in 3D — bijlage over de twintig gemeenten\n\n"
            f"De Raad voor het openbaar bestuur volgde {len(table)} gemeenten na de decentralisaties van 2015. "
            f"Samen telden zij op 1 januari 2017 {indicators.format_value(population.sum(), 'aantal')} inwoners, "
            f"{share:.1%} van Nederland".replace(".", ",", 1)
            + f". De kleinste telde {indicators.format_value(population.min(), 'aantal')}, de grootste "
            f"{indicators.format_value(population.max(), 'aantal')} inwoners.\n\n"
            "**Leeswijzer.** Eerst de selectie (wie, waar, hoe groot, hoe stedelijk) tegen alle "
            f"{len(self.municipalities)} gemeenten van 2017, dan de kerncijfers naast elkaar. Bronnen onderaan."
        )

    def selection(self) -> None:
        """Map of the twenty, the spread over size class and stedelijkheid, and size against density."""
        self.figures.show(maps.plot_cases(self.municipalities, self.case_codes), "kaart-twintig")
        table = self.selection_table()
        all_classes = self.municipalities.assign(
            grootteklasse=self.municipalities["population_count"].map(size_class)
        )
        spread = pd.DataFrame(
            {
                "de twintig": table["grootteklasse"].value_counts(),
                f"alle {len(self.municipalities)}": all_classes["grootteklasse"].value_counts(),
            }
        ).reindex([label for _, _, label in SIZE_CLASSES]).fillna(0).astype(int)
        show_table(spread.rename_axis("grootteklasse (inwoners)").reset_index())
        self.figures.show(charts.plot_size_density(self.municipalities, self.case_codes), "omvang-dichtheid")

    def key_figures(self) -> None:
        """The twenty in one table, formatted for reading."""
        table = self.selection_table().drop(columns="gm_code")
        for column, unit in (("inwoners", "aantal"), ("inwoners per km² land", "inwoners per km² land")):
            table[column] = [indicators.format_value(v, unit) for v in table[column]]
        show_table(table)

    def sources(self) -> None:
        """Sources panel."""
        show_markdown(sources_markdown(self.used_sources))
