"""What the report notebooks call: one method per section, each showing prose, a table or a figure.

Notebooks stay thin (a heading, a sentence, ``report.section()``); all wording that depends on
the data is written here from the numbers, never typed into a notebook.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd
from IPython.display import HTML, Image, Markdown, display
from matplotlib.figure import Figure

from analysis import charts, indicators, maps, paths, sources
from analysis.cases import load_cases, resolve_municipality, slugify
from analysis.geography import STEDELIJKHEID_LABELS, load_municipalities


def use_data_dir(data_dir: str) -> None:
    """Point this process at another data root (a notebook parameter; empty keeps the default)."""
    if data_dir:
        os.environ[paths.DATA_ENV] = str(Path(data_dir).expanduser().resolve())


@dataclass
class FigureSink:
    """Shows figures as PNG in the notebook and, when a folder is given, saves them there too."""

    folder: Path | None = None
    saved: list[Path] = field(default_factory=list)

    def show(self, fig: Figure, name: str) -> None:
        """Display ``fig`` and save it as ``<folder>/<name>.png``; PNG metadata is left out so
        that unchanged inputs give byte-identical figures."""
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None})
        data = buffer.getvalue()
        display(Image(data=data, format="png"))
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self.folder / f"{name}.png"
            target.write_bytes(data)
            self.saved.append(target)


def show_markdown(text: str) -> None:
    """Display Markdown text as the output of a cell (rendered in HTML reports)."""
    display(Markdown(text))


def show_table(frame: pd.DataFrame) -> None:
    """Display a small table without the pandas index clutter."""
    display(HTML(frame.to_html(index=False, border=0, classes="report-table", na_rep="niet beschikbaar")))


def sources_markdown(names: list[str]) -> str:
    """The sources panel: citation, origin, the raw files with retrieval date and sha256."""
    manifest = sources.read_manifest()
    lines = []
    for name in names:
        source = sources.SOURCES[name]
        lines.append(f"- **{source.title}**. {source.citation}. Origineel: {source.online}.")
        for key, entry in sorted(manifest.items()):
            if key.startswith(f"{name}/") and not key.endswith("PROVENANCE.md"):
                lines.append(
                    f"  - `{key}`: opgehaald {entry['retrieved_utc']} uit `{entry['origin']}`, "
                    f"sha256 `{str(entry['sha256'])[:16]}…`"
                )
        lines.append(f"  - Herkomst en controles: `data/raw/{name}/PROVENANCE.md`.")
    return "\n".join(lines)


class MunicipalityReport:
    """The sections of one municipal report; build it with ``MunicipalityReport.open``."""

    def __init__(self, gm_code: str, municipalities: gpd.GeoDataFrame, cases: pd.DataFrame, figures: FigureSink):
        self.gm_code = gm_code
        self.municipalities = municipalities
        self.cases = cases
        self.case_codes = list(cases["gm_code"])
        self.figures = figures
        self.row = municipalities.set_index("gm_code").loc[gm_code]
        self.name = str(self.row["gm_name"])
        self.is_case = gm_code in self.case_codes
        self.used_sources = [sources.SOURCES["cbs-wijkbuurtkaart-2017"].name]

    @classmethod
    def open(cls, municipality: str, data_dir: str = "", figures_dir: str = "") -> MunicipalityReport:
        """Load the processed layers once and resolve ``municipality`` (code or name)."""
        charts.apply_style()
        use_data_dir(data_dir)
        municipalities = load_municipalities()
        names = municipalities[["gm_code", "gm_name"]]
        gm_code = resolve_municipality(municipality, names)
        cases = load_cases(municipalities=names)
        return cls(gm_code, municipalities, cases, FigureSink(Path(figures_dir) if figures_dir else None))

    @property
    def slug(self) -> str:
        """Output name of this report."""
        return slugify(self.gm_code, self.name)

    def header(self) -> None:
        """Title, identification and the reading guide."""
        sted = int(self.row["stedelijkheid_class"])
        status = (
            "een van de twintig gemeenten die de Raad voor het openbaar bestuur volgde in *Gemeenten in 3D*"
            if self.is_case
            else "**geen** van de twintig gemeenten van *Gemeenten in 3D*; zij wordt hier wel met die "
            "twintig vergeleken"
        )
        show_markdown(
            f"# {self.name} ({self.gm_code}) — kwantitatieve bijlage\n\n"
            f"{self.name} is {status}. Op 1 januari 2017 telde de gemeente "
            f"{indicators.format_value(self.row['population_count'], 'aantal')} inwoners en viel zij in "
            f"stedelijkheidsklasse {sted} ({STEDELIJKHEID_LABELS[sted]}).\n\n"
            "**Leeswijzer.** Elke figuur zet de gemeente naast drie vergelijkingen: Nederland als geheel, "
            "de gemeenten met dezelfde stedelijkheid, en de twintig gemeenten van het onderzoek. "
            "Alle grenzen en kerncijfers zijn die van 1 januari 2017. Waar een cijfer ontbreekt staat "
            "dat er in woorden; een ontbrekend cijfer wordt nooit als nul getekend. Bronnen staan onderaan."
        )

    def location(self) -> None:
        """Locator map and the neighbour map."""
        self.figures.show(maps.plot_location(self.municipalities, self.gm_code), "ligging")
        self.figures.show(maps.plot_neighbours(self.municipalities, self.gm_code), "buurgemeenten")

    @cached_property
    def comparison(self) -> pd.DataFrame:
        """Key figures against the peers (``indicators.compare_key_figures``)."""
        return indicators.compare_key_figures(self.municipalities, self.gm_code, self.case_codes)

    def key_figure_table(self) -> pd.DataFrame:
        """Key figures formatted for reading (Dutch number format, units in their own column)."""
        comparison = self.comparison
        groups = indicators.peer_groups(self.municipalities, self.gm_code, self.case_codes)
        columns = {
            self.name: "municipality",
            "Nederland": "netherlands",
            f"mediaan zelfde stedelijkheid ({len(groups['same_stedelijkheid'])})": "same_stedelijkheid_median",
            f"mediaan de twintig ({len(groups['cases'])})": "cases_median",
        }
        table = pd.DataFrame({"kerncijfer": comparison["label"], "eenheid": comparison["unit"]})
        for heading, column in columns.items():
            table[heading] = [
                indicators.format_value(value, unit)
                for value, unit in zip(comparison[column], comparison["unit"], strict=True)
            ]
        table[f"rang van {len(self.municipalities)}"] = [
            "—" if pd.isna(rank) else f"{int(rank)}" for rank in comparison["rank_of_all"]
        ]
        return table

    def key_figures(self) -> None:
        """The key-figure table and the two peer charts."""
        show_table(self.key_figure_table())
        show_markdown(
            "Nederland: totaal, of het landelijke cijfer (percentages gewogen naar inwoners of huishoudens). "
            "Rang 1 is de hoogste waarde van alle gemeenten."
        )
        self.figures.show(charts.plot_profile_against_peers(self.comparison, self.name), "profiel")
        self.figures.show(
            charts.plot_size_density(self.municipalities, self.case_codes, focus=self.gm_code), "omvang-dichtheid"
        )

    def sources(self) -> None:
        """Sources panel for every source this report used."""
        show_markdown(sources_markdown(self.used_sources))
