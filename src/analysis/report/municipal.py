"""What the report notebooks call: one method per section, each showing prose, a table or a figure.

Notebooks stay thin (a heading, a sentence, ``report.section()``); all wording that depends on
the data is written here from the numbers, never typed into a notebook.
"""

from __future__ import annotations

import base64
import html
import io
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd
from IPython.display import HTML, Markdown, display
from matplotlib.figure import Figure

from analysis.core import layers, paths
from analysis.core.layers import read_processed
from analysis.geo import indicators, regions
from analysis.geo.cases import load_cases, resolve_municipality
from analysis.geo.geography import STEDELIJKHEID_LABELS, load_municipalities
from analysis.qual import codings, themes
from analysis.qual.codebook import load_codebook
from analysis.social import bijstand, elections, statline
from analysis.sources import raw
from analysis.viz import charts, democracy_charts, maps, region_maps, social_charts, style, theme_charts

#: Regions drawn on a map: the two the decentralised tasks are organised in.
MAPPED_REGIONS: tuple[str, ...] = ("youth_care_region", "labour_market_region")


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
        """Display ``fig`` and save it as ``<folder>/<name>.png``.

        PNG metadata is left out so that unchanged inputs give byte-identical figures.
        """
        buffer = io.BytesIO()
        # zlib level 3 encodes a third faster than the default 6 at the same size for these charts
        fig.savefig(buffer, format="png", metadata={"Software": None}, pil_kwargs={"compress_level": 3})
        data = buffer.getvalue()
        # An <img> with alt text (the figure's titles) rather than a bare PNG output, so that the
        # HTML report describes each figure to screen readers.
        alt = html.escape(" — ".join(t for t in (ax.get_title() for ax in fig.axes) if t) or name, quote=True)
        encoded = base64.b64encode(data).decode("ascii")
        display(HTML(f'<img alt="{alt}" src="data:image/png;base64,{encoded}" style="max-width:100%">'))
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


def show_illustrative_banner(notice: str) -> None:
    """A red box that no reader can miss: the codings shown are not research data."""
    display(
        HTML(
            '<div style="border:3px solid #c0392b;background:#fdecea;color:#7b1d14;padding:.6em 1em;'
            f'margin:.8em 0;font-weight:bold">{html.escape(notice)}</div>'
        )
    )


def sources_markdown(names: list[str]) -> str:
    """The sources panel: citation, origin, the raw files with retrieval date and sha256."""
    manifest = raw.read_manifest()
    lines = []
    for name in names:
        source = raw.SOURCES[name]
        lines.append(f"- **{source.title}**. {source.citation}. Origineel: {source.online}.")
        for key, entry in sorted(manifest.items()):
            if key.startswith(f"{name}/") and not key.endswith("PROVENANCE.md"):
                lines.append(
                    f"  - `{key}`: opgehaald {entry['retrieved_utc']} uit `{entry['origin']}`, "
                    f"sha256 `{str(entry['sha256'])[:16]}…`"
                )
        lines.append(f"  - Herkomst en controles: `data/raw/{name}/PROVENANCE.md`.")
    return "\n".join(lines)


SHARED_REGION_HEADINGS: dict[str, str] = {
    "gm_name": "buurgemeente",
    "shared_region_types_count": "zelfde regio (van 8)",
    "not_shared_region_types": "andere regio bij",
}
ELECTION_REASONS: dict[str, str] = {
    elections.MISSING_CHANGED: "de gemeente is na maart 2010 door een herindeling ontstaan of veranderd",
    elections.MISSING_NOT_IN_FILE: "de gemeente staat niet in het bestand van 3 maart 2010",
}


class MunicipalityReport:
    """The sections of one municipal report; build it with ``MunicipalityReport.open``."""

    def __init__(
        self,
        gm_code: str,
        municipalities: gpd.GeoDataFrame,
        cases: pd.DataFrame,
        figures: FigureSink,
        coded: codings.CodingImport,
    ):
        self.gm_code = gm_code
        self.municipalities = municipalities
        self.cases = cases
        self.case_codes = list(cases["gm_code"])
        self.figures = figures
        self.row = municipalities.set_index("gm_code").loc[gm_code]
        self.name = str(self.row["gm_name"])
        self.is_case = gm_code in self.case_codes
        self.used_sources = list(raw.SOURCES)
        self.memberships = read_processed(layers.MEMBERSHIPS_FILE)
        self.bijstand = read_processed(layers.BIJSTAND_FILE)
        self.elections_2010 = read_processed(layers.ELECTIONS_FILE)
        self.region_outlines = read_processed(layers.OUTLINES_FILE)
        self.region_sizes = read_processed(layers.REGION_SIZES_FILE)
        self.coded = coded
        self.codebook = load_codebook()

    @classmethod
    def open(
        cls, municipality: str, codings_path: str = "", data_dir: str = "", figures_dir: str = ""
    ) -> MunicipalityReport:
        """Load the processed layers and the codings, and resolve ``municipality`` (code or name)."""
        style.apply_style()
        use_data_dir(data_dir)
        municipalities = load_municipalities()
        names = municipalities[["gm_code", "gm_name"]]
        gm_code = resolve_municipality(municipality, names)
        cases = load_cases(municipalities=names)
        coded = codings.load_report_codings(codings_path)
        return cls(gm_code, municipalities, cases, FigureSink(Path(figures_dir) if figures_dir else None), coded)

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
        if self.coded.is_illustrative:
            show_illustrative_banner(
                f"Let op: de coderingen in dit rapport zijn illustratief. {codings.ILLUSTRATIVE_NOTICE}"
            )

    def location(self) -> None:
        """Where the municipality lies, and its neighbours."""
        self.figures.show(maps.plot_location(self.municipalities, self.gm_code), "ligging")

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
            charts.plot_size_density(self.municipalities, self.case_codes, focus=self.gm_code),
            "omvang-dichtheid",
        )

    @cached_property
    def peers(self) -> dict[str, list[str]]:
        """Peer groups by their Dutch label, for the trend and democracy charts."""
        groups = indicators.peer_groups(self.municipalities, self.gm_code, self.case_codes)
        return {"zelfde stedelijkheid": groups["same_stedelijkheid"], "de twintig": groups["cases"]}

    def regions(self) -> None:
        """Region memberships with their size, maps of the main regions, regions shared with neighbours."""
        sizes = self.region_sizes
        own = self.memberships.set_index("gm_code").loc[self.gm_code]
        rows = []
        for region in regions.REGION_TYPES.values():
            size = sizes[(sizes["region_type"] == region.key) & (sizes["region_code"] == own[f"{region.key}_code"])]
            inhabitants = size["inhabitants_count"].iloc[0]
            rows.append(
                {
                    "indeling": region.name_nl,
                    "regio": f"{own[f'{region.key}_name']} ({own[f'{region.key}_code']})",
                    "gemeenten": int(size["municipalities_count"].iloc[0]),
                    "inwoners": indicators.format_value(inhabitants, "aantal"),
                    "100.000 inwoners of meer": "ja"
                    if inhabitants >= regions.DECENTRALISATION_SCALE_INHABITANTS
                    else "nee",
                }
            )
        table = pd.DataFrame(rows)
        below = table.loc[table["100.000 inwoners of meer"] == "nee", "indeling"].tolist()
        show_markdown(
            f"{self.name} hoort bij {len(table)} regio-indelingen van CBS (1 januari 2017). "
            + (
                "Elk van die regio's telt minstens 100.000 inwoners, de schaal waarvan de decentralisaties uitgingen."
                if not below
                else f"Onder de schaal van 100.000 inwoners blijven: {', '.join(below)}."
            )
        )
        show_table(table)
        for region_type in MAPPED_REGIONS:
            outlines = self.region_outlines[self.region_outlines["region_type"] == region_type]
            figure = region_maps.plot_region(
                self.municipalities, self.memberships, self.gm_code, region_type, outlines=outlines
            )
            self.figures.show(figure, f"regio-{region_type}")
        shared = regions.shared_regions_with_neighbours(self.municipalities, self.memberships, self.gm_code)
        show_markdown(
            f"**Gedeelde regio's met de buurgemeenten.** Van de {len(regions.REGION_TYPES)} indelingen "
            "hierboven: in hoeveel zit elke buurgemeente in dezelfde regio?"
        )
        shared["not_shared_region_types"] = shared["not_shared_region_types"].map(
            lambda keys: ", ".join(regions.REGION_TYPES[k].name_nl for k in keys.split(", ") if k) or "—"
        )
        show_table(shared.rename(columns=SHARED_REGION_HEADINGS)[list(SHARED_REGION_HEADINGS.values())])

    def social_domain(self) -> None:
        """Bijstand 2015-2017 against the peers; the tables that are not available, in words."""
        figure = social_charts.plot_trend(self.bijstand, self.gm_code, self.name, self.peers)
        self.figures.show(figure, "bijstand")
        own = self.bijstand[self.bijstand["gm_code"] == self.gm_code].sort_values("year")
        lines = []
        for row in own.itertuples():
            table_id = bijstand.BIJSTAND_TABLES[int(row.year)].table_id
            if pd.isna(row.recipients_per_1000_inhabitants):
                lines.append(f"- {row.year} (CBS {table_id}): niet beschikbaar ({row.missing_reason}).")
            else:
                remapped = " (opgeteld over de voorgangers van de gemeente)" if row.is_remapped else ""
                lines.append(
                    f"- {row.year} (CBS {table_id}): "
                    f"{indicators.format_value(row.recipients_count, 'aantal')} mensen in de bijstand, "
                    f"{indicators.format_value(row.recipients_per_1000_inhabitants, 'per 1000')} per 1.000 "
                    f"inwoners van 15 jaar of ouder{remapped}."
                )
        status = statline.STATUS_NOT_RECORDED
        lines.append(f"\nVoorlopig of definitief: {status}; zie de tabelinformatie bij CBS.")
        lines.append("\n**Niet beschikbaar.** " + " ".join(statline.unavailable_sentences()))
        show_markdown("\n".join(lines))

    def democracy(self) -> None:
        """Council seats for 2018, the 2010 election against the peers, and what is missing."""
        seats = elections.statutory_council_seats(pd.Series([self.row["population_count"]])).iloc[0]
        own = self.elections_2010.set_index("gm_code").loc[self.gm_code]
        if pd.isna(own["turnout_pct"]):
            election = (
                f"Voor {self.name} is geen vergelijkbare uitslag van de raadsverkiezingen van 2010 "
                f"({ELECTION_REASONS.get(own['missing_reason'], own['missing_reason'])})."
            )
        else:
            election = (
                f"Bij de raadsverkiezingen van 3 maart 2010 was de opkomst in {self.name} "
                f"{indicators.format_value(own['turnout_pct'], '%')}% en kregen lokale partijen "
                f"{indicators.format_value(own['local_parties_vote_share_pct'], '%')}% van de geldige stemmen."
            )
        missing = " ".join(
            result.sentence for result in (elections.load_council_election(2014), elections.load_council_election(2018))
        )
        show_markdown(
            f"Met {indicators.format_value(self.row['population_count'], 'aantal')} inwoners op 1 januari 2017 "
            f"schrijft de Gemeentewet (art. 8) voor de raad van 2018 {seats} zetels voor. {election}\n\n"
            f"**Niet beschikbaar.** {missing} Het aandeel zetels van lokale partijen per gemeente staat niet in "
            "de lokale kopie; daarom toont deze bijlage het stemmenaandeel van 2010, met het jaartal erbij."
        )
        figure = democracy_charts.plot_local_democracy(self.elections_2010, self.gm_code, self.name, self.peers)
        self.figures.show(figure, "democratie-2010")

    def themes(self) -> None:
        """The municipality's code profile against the mean of the twenty, and its most frequent themes."""
        coded = self.coded
        if coded.is_illustrative:
            show_illustrative_banner(codings.ILLUSTRATIVE_NOTICE)
        own = coded.accepted[coded.accepted["gm_code"] == self.gm_code]
        origin = f"Coderingen: `{Path(coded.source).name}` ({coded.codebook_version})"
        if own.empty:
            show_markdown(
                f"{origin}. Voor {self.name} zijn geen coderingen aanwezig"
                + ("" if self.is_case else " (de gemeente hoorde niet bij de twintig van het onderzoek)")
                + "; er is dus geen themaprofiel."
            )
            return
        segments = own[["document", "segment_id"]].drop_duplicates()
        top = themes.top_themes(coded.accepted, self.codebook, n=3, gm_code=self.gm_code)
        listing = ", ".join(
            f"{row.label_nl} ({row.n_segments} fragmenten, {row.share:.0%})".replace(".", ",")
            for row in top.itertuples()
        )
        show_markdown(
            f"{origin}. Voor {self.name}: {len(own)} coderingen op {len(segments)} fragmenten in "
            f"{own['document'].nunique()} documenten, door {own['coder'].nunique()} codeur(s). "
            f"De meest gecodeerde thema's: {listing}. Het profiel hieronder zet het aandeel fragmenten per "
            f"thema naast het gemiddelde van de twintig."
        )
        names = dict(zip(self.cases["gm_code"], self.cases["gm_name"], strict=True)) | {self.gm_code: self.name}
        figure = theme_charts.plot_theme_profile(
            coded, self.codebook, self.gm_code, municipalities=self.case_codes, names=names
        )
        self.figures.show(figure, "themaprofiel")

    def sources(self) -> None:
        """Sources panel for every source this report used."""
        show_markdown(sources_markdown(self.used_sources))
