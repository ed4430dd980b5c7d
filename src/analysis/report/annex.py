"""The cross-case annex: the twenty side by side, among all 388, with their coded themes.

The sections follow the quantitative annex of spring 2017: reading guide, case selection, key
figures, the regional picture, the social domain, the themes, the associations (Fisher's exact
tests, rank correlations, one small model, a crisp-set truth table) and sources and methods. Every
sentence that states a result is written here from the computed numbers. The association
sentences come from the ``describe_*`` functions of :mod:`analysis.stats.associations` and are in
English, like the association figures; the surrounding prose is Dutch.
"""

from __future__ import annotations

from functools import cached_property
from importlib.metadata import version
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.core import layers
from analysis.core.layers import read_processed
from analysis.geo import indicators, regions
from analysis.geo.cases import load_cases
from analysis.geo.geography import STEDELIJKHEID_LABELS, load_municipalities
from analysis.geo.indicators import SIZE_CLASSES, size_class
from analysis.qual import agreement, codings, themes
from analysis.qual.codebook import Codebook, load_codebook
from analysis.report.municipal import (
    FigureSink,
    show_illustrative_banner,
    show_markdown,
    show_table,
    sources_markdown,
    use_data_dir,
)
from analysis.social import bijstand, statline
from analysis.sources import raw
from analysis.stats import associations
from analysis.tables import casetable, crosscase
from analysis.viz import association_charts, charts, maps, style, theme_charts
from analysis.viz.social_charts import MISSING_NL

#: Grouped characteristics tested against theme presence (defined in ``analysis.tables.crosscase``);
#: landsdeel rather than province, because twelve provinces leave one or two cases per group.
FISHER_CHARACTERISTICS: tuple[str, ...] = (
    "size_group",
    "stedelijkheid_group",
    "landsdeel_name",
    "has_youth_care_region_100k",
)
#: Numeric characteristics correlated with theme intensity, drawn two per forest plot.
NUMERIC_CHARACTERISTICS: tuple[str, ...] = (
    "population_count",
    "density_per_km2",
    "age_65_plus_pct",
    "non_western_migration_background_pct",
    "bijstand_recipients_2017_per_1000",
    "turnout_2010_pct",
)
#: Where the case table says why a numeric characteristic is missing.
MISSING_REASON_COLUMNS: dict[str, str] = {
    "bijstand_recipients_2017_per_1000": "bijstand_2017_missing_reason",
    "turnout_2010_pct": "election_2010_missing_reason",
}
#: Covariates of the one model; log10 population gives an odds ratio per tenfold population.
MODEL_COVARIATES: tuple[str, str] = ("population_log10", "RURAL")
ALPHA = 0.05
N_BOOT = 2000
BOOT_SEED = 20150101
MIN_EPV = 10.0
CONSISTENCY_THRESHOLD = 0.8
#: English labels for the association sentences and figures.
CHARACTERISTIC_LABELS: dict[str, str] = {
    "size_group": "size (split at 50,000)",
    "stedelijkheid_group": "stedelijkheid group",
    "landsdeel_name": "landsdeel",
    "has_youth_care_region_100k": "youth care region of 100,000+",
    "population_count": "population",
    "population_log10": "log10 population",
    "density_per_km2": "density",
    "age_65_plus_pct": "share aged 65+",
    "non_western_migration_background_pct": "non-western migration background",
    "bijstand_recipients_2017_per_1000": "bijstand per 1,000 (2017)",
    "turnout_2010_pct": "turnout 2010",
    "coded_segments": "coded segments",
    "LARGE": "large (50,000+)",
    "RURAL": "rural (stedelijkheid 4-5)",
    "HIGH_BIJSTAND": "bijstand above NL (2017)",
}


def _decimal_comma(value: float, digits: int = 2) -> str:
    """A coefficient in Dutch prose: ``0,86``."""
    return f"{value:.{digits}f}".replace(".", ",")


def _p_text(p: float) -> str:
    """p-value for a table cell; tests that were not run are left empty."""
    if not np.isfinite(p):
        return "—"
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


class AnnexReport:
    """Sections of the annex; build it with ``AnnexReport.open``."""

    def __init__(
        self,
        municipalities: gpd.GeoDataFrame,
        cases: pd.DataFrame,
        figures: FigureSink,
        case_table: pd.DataFrame,
        bijstand: pd.DataFrame,
        coded: codings.CodingImport,
        codebook: Codebook,
    ):
        self.municipalities = municipalities
        self.cases = cases
        self.case_codes = list(cases["gm_code"])
        self.figures = figures
        self.case_table = case_table
        self.bijstand = bijstand
        self.coded = coded
        self.codebook = codebook
        self.used_sources = list(raw.SOURCES)

    @classmethod
    def open(cls, data_dir: str = "", figures_dir: str = "", codings_path: str = "") -> AnnexReport:
        """Load the processed layers, the case table and the codings once.

        Args:
            data_dir: data root (empty: the project's ``data/``).
            figures_dir: folder for the figures as PNG (empty: only in the notebook).
            codings_path: the codings file (empty: ``codings.default_codings_path()``).
        """
        style.apply_style()
        use_data_dir(data_dir)
        municipalities = load_municipalities()
        cases = load_cases(municipalities=municipalities[["gm_code", "gm_name"]])
        return cls(
            municipalities,
            cases,
            FigureSink(Path(figures_dir) if figures_dir else None),
            casetable.load_case_table(),
            read_processed(layers.BIJSTAND_FILE),
            codings.load_report_codings(codings_path),
            load_codebook(),
        )

    # ----------------------------------------------------------------------------------------
    # Data the sections share
    # ----------------------------------------------------------------------------------------

    @cached_property
    def crosscase(self) -> pd.DataFrame:
        """The twenty with their characteristics and themes (``crosscase.build_crosscase_table``)."""
        return crosscase.build_crosscase_table(self.case_table, self.coded, self.codebook)

    @cached_property
    def national_bijstand(self) -> pd.Series:
        """Bijstand recipients per 1,000 inhabitants aged 15+ of the Netherlands, by year."""
        national = self.bijstand[self.bijstand["gm_code"] == bijstand.NATIONAL_CODE]
        return national.set_index("year")["recipients_per_1000_inhabitants"].astype(float)

    @cached_property
    def conditions(self) -> dict[str, tuple[pd.Series, associations.Dichotomisation]]:
        """Crisp conditions for the model and the truth table, each with its stated threshold.

        Names are upper case, as QCA writes a condition that is present (``~RURAL`` is its absence).
        """
        table = self.crosscase
        latest = max(bijstand.BIJSTAND_TABLES)
        return {
            "LARGE": associations.dichotomise(table["population_count"], crosscase.SIZE_SPLIT_INHABITANTS, rule=">="),
            "RURAL": associations.dichotomise(table["stedelijkheid_class"], 4, rule=">="),
            # The national rate is an external anchor; a median split would make half the
            # cases "high" by construction.
            "HIGH_BIJSTAND": associations.dichotomise(
                table[f"bijstand_recipients_{latest}_per_1000"], self.national_bijstand[latest], rule=">"
            ),
        }

    @cached_property
    def analysis_table(self) -> pd.DataFrame:
        """The cross-case table indexed by name (so results list cases readably) with the conditions."""
        table = self.crosscase.copy()
        for name, (crisp, _) in self.conditions.items():
            table[name] = crisp.to_numpy()
        return table.set_index("gm_name")

    @cached_property
    def theme_ids(self) -> list[str]:
        """The themes (root codes) in codebook order."""
        return [code.id for code in self.codebook.roots()]

    @cached_property
    def labels(self) -> dict[str, str]:
        """English labels of themes and characteristics for the association outputs."""
        return {code.id: code.label_en for code in self.codebook.roots()} | CHARACTERISTIC_LABELS

    @cached_property
    def focus_theme(self) -> str | None:
        """The theme whose presence is most balanced over the cases (ties: codebook order).

        The model and the truth table need an outcome that varies; the most balanced one has the
        most events. ``None`` when no theme's presence varies.
        """
        best, best_events = None, 0
        for theme in self.theme_ids:
            present = self.analysis_table[associations.presence_column(theme)].dropna().astype(int)
            events = int(min(present.sum(), len(present) - present.sum()))
            if events > best_events:
                best, best_events = theme, events
        return best

    @cached_property
    def fisher_results(self) -> pd.DataFrame:
        """Fisher's exact tests of every theme against the grouped characteristics, BH-adjusted."""
        return associations.fisher_tests(self.analysis_table, self.theme_ids, list(FISHER_CHARACTERISTICS), alpha=ALPHA)

    @cached_property
    def correlation_results(self) -> pd.DataFrame:
        """Spearman's rho of theme intensity with the numeric characteristics, bootstrap CIs, BH."""
        return associations.rank_correlations(
            self.analysis_table,
            self.theme_ids,
            list(NUMERIC_CHARACTERISTICS),
            n_boot=N_BOOT,
            seed=BOOT_SEED,
            alpha=ALPHA,
        )

    @cached_property
    def model_result(self) -> associations.ModelResult | None:
        """Logit of the focus theme's presence on log10 population and rurality."""
        if self.focus_theme is None:
            return None
        return associations.fit_theme_model(
            self.analysis_table, self.focus_theme, list(MODEL_COVARIATES), kind="logit", min_epv=MIN_EPV
        )

    @cached_property
    def truth(self) -> pd.DataFrame | None:
        """Crisp-set truth table of the conditions against the focus theme's presence."""
        if self.focus_theme is None:
            return None
        return associations.truth_table(
            self.analysis_table,
            list(self.conditions),
            self.focus_theme,
            consistency_threshold=CONSISTENCY_THRESHOLD,
            include_remainders=True,
        )

    # ----------------------------------------------------------------------------------------
    # Sections
    # ----------------------------------------------------------------------------------------

    def selection_table(self) -> pd.DataFrame:
        """The twenty with their key figures and selection characteristics (unformatted numbers)."""
        frame = self.municipalities.set_index("gm_code").loc[self.case_codes].reset_index()
        table = pd.DataFrame(
            {
                "gm_code": frame["gm_code"],
                "gemeente": frame["gm_name"],
                "inwoners": frame["population_count"],
                "grootteklasse": frame["population_count"].map(size_class),
                "stedelijkheid": frame["stedelijkheid_class"].map(lambda c: f"{int(c)} {STEDELIJKHEID_LABELS[int(c)]}"),
                "inwoners per km² land": frame["density_per_km2"],
                "65 jaar of ouder (%)": frame["age_65_plus_pct"],
                "niet-westerse migratieachtergrond (%)": frame["non_western_migration_background_pct"],
            }
        )
        return table.sort_values("inwoners", ascending=False)

    def _codings_notice(self) -> None:
        """The illustrative banner above every section that shows codings."""
        if self.coded.is_illustrative:
            show_illustrative_banner(codings.ILLUSTRATIVE_NOTICE)

    def _show_coded(self, figure: Figure, name: str) -> None:
        """Show a figure computed from the codings, with the red strip when they are illustrative."""
        if self.coded.is_illustrative:
            theme_charts.mark_illustrative(figure)
        self.figures.show(figure, name)

    def header(self) -> None:
        """Title and reading guide, with the spread of the selection written from the data."""
        table = self.selection_table()
        population = table["inwoners"]
        share = 100 * population.sum() / self.municipalities["population_count"].sum()
        show_markdown(
            "# Gemeenten in 3D — kwantitatieve bijlage over de twintig gemeenten\n\n"
            f"De Raad voor het openbaar bestuur volgde {len(table)} gemeenten na de decentralisaties van "
            f"2015. Samen telden zij op 1 januari 2017 {indicators.format_value(population.sum(), 'aantal')} "
            f"inwoners, {_decimal_comma(share, 1)}% van Nederland. De kleinste telde "
            f"{indicators.format_value(population.min(), 'aantal')}, de grootste "
            f"{indicators.format_value(population.max(), 'aantal')} inwoners.\n\n"
            "**Leeswijzer.** Elk hoofdstuk is één methode. Eerst de selectie (wie, waar, hoe groot, hoe "
            f"stedelijk) tegen alle {len(self.municipalities)} gemeenten van 2017, de kerncijfers, het "
            "regionale beeld en de bijstand. Dan de thema's uit de coderingen en hun samenhang met de "
            "kenmerken van de gemeenten: exacte toetsen, rangcorrelaties, één klein model en een "
            "waarheidstabel. Bij twintig gemeenten is elke uitkomst verkennend: elk resultaat staat met "
            "n, toets en aannames, en elke interpretatiezin is uit de berekende getallen geschreven. "
            "Ontbrekende cijfers staan er in woorden, nooit als nul. Bronnen en methoden staan onderaan."
        )
        if self.coded.is_illustrative:
            show_illustrative_banner(
                f"Let op: de coderingen in deze bijlage zijn illustratief. {codings.ILLUSTRATIVE_NOTICE}"
            )

    def selection(self) -> None:
        """Map, spread over size class, stedelijkheid x size and province, and size against density."""
        self.figures.show(maps.plot_cases(self.municipalities, self.case_codes), "kaart-twintig")
        everyone = pd.DataFrame(self.municipalities.drop(columns="geometry")).assign(
            grootteklasse=lambda f: f["population_count"].map(size_class),
            is_case=lambda f: f["gm_code"].isin(self.case_codes),
        )
        size_order = [label for _, _, label in SIZE_CLASSES]
        spread = (
            pd.DataFrame(
                {
                    "de twintig": everyone.loc[everyone["is_case"], "grootteklasse"].value_counts(),
                    f"alle {len(everyone)}": everyone["grootteklasse"].value_counts(),
                }
            )
            .reindex(size_order)
            .fillna(0)
            .astype(int)
        )
        show_table(spread.rename_axis("grootteklasse (inwoners)").reset_index())

        cross_cases = pd.crosstab(
            everyone.loc[everyone["is_case"], "stedelijkheid_class"],
            everyone.loc[everyone["is_case"], "grootteklasse"],
        )
        cross_all = pd.crosstab(everyone["stedelijkheid_class"], everyone["grootteklasse"])
        cross_cases = cross_cases.reindex(index=cross_all.index, columns=size_order, fill_value=0)
        cross_all = cross_all.reindex(columns=size_order, fill_value=0)
        cells = cross_cases.astype(str) + " van " + cross_all.astype(str)
        cells.index = [f"{int(c)} {STEDELIJKHEID_LABELS[int(c)]}" for c in cells.index]
        cells.columns.name = None
        empty = int(((cross_cases == 0) & (cross_all > 0)).to_numpy().sum())
        show_markdown(
            "**Stedelijkheid en grootte.** Per cel: het aantal van de twintig en het aantal van alle "
            f"gemeenten in die combinatie. {empty} van de {int((cross_all > 0).to_numpy().sum())} "
            "bezette combinaties hebben geen gemeente uit de twintig."
        )
        show_table(cells.rename_axis("stedelijkheid").reset_index())

        provinces = self.case_table.groupby("province_name").agg(
            de_twintig=("is_case", "sum"), alle=("is_case", "size")
        )
        missing = provinces.index[provinces["de_twintig"] == 0].tolist()
        show_markdown(
            f"**Provincies.** De twintig liggen in {int((provinces['de_twintig'] > 0).sum())} van de "
            f"{len(provinces)} provincies"
            + (f"; zonder gemeente uit de twintig: {', '.join(missing)}." if missing else ".")
        )
        show_table(
            provinces.astype(int)
            .rename(columns={"de_twintig": "de twintig", "alle": f"alle {len(everyone)}"})
            .rename_axis("provincie")
            .reset_index()
        )
        self.figures.show(charts.plot_size_density(self.municipalities, self.case_codes), "omvang-dichtheid")

    def key_figures(self) -> None:
        """The twenty in one table, formatted for reading."""
        table = self.selection_table().drop(columns="gm_code")
        units = {
            "inwoners": "aantal",
            "inwoners per km² land": "inwoners per km² land",
            "65 jaar of ouder (%)": "%",
            "niet-westerse migratieachtergrond (%)": "%",
        }
        for column, unit in units.items():
            table[column] = [indicators.format_value(v, unit) for v in table[column]]
        show_table(table)

    def regions(self) -> None:
        """Youth-care and labour-market region of each case against the 100,000 scale, with a chart."""
        scale = regions.DECENTRALISATION_SCALE_INHABITANTS
        frame = self.crosscase.sort_values("population_count", ascending=False)
        table = pd.DataFrame({("", "gemeente"): frame["gm_name"]})
        lines = []
        for key in ("youth_care_region", "labour_market_region"):
            name_nl = regions.REGION_TYPES[key].name_nl
            inhabitants = frame[f"{key}_inhabitants_count"]
            table[(name_nl, "regio")] = frame[f"{key}_name"]
            table[(name_nl, "inwoners")] = [indicators.format_value(v, "aantal") for v in inhabitants]
            table[(name_nl, "gemeenten")] = frame[f"{key}_municipalities_count"]
            below = frame.loc[inhabitants < scale, "gm_name"].tolist()
            smallest = frame.loc[inhabitants.idxmin()]
            lines.append(
                f"- {name_nl}: {len(frame) - len(below)} van de {len(frame)} gemeenten zitten in een regio "
                f"van minstens {indicators.format_value(scale, 'aantal')} inwoners"
                + (f" (daaronder: {', '.join(below)})" if below else "")
                + f"; de kleinste is {smallest[f'{key}_name']} met "
                f"{indicators.format_value(smallest[f'{key}_inhabitants_count'], 'aantal')} inwoners."
            )
        alone = int((frame["population_count"] >= scale).sum())
        show_markdown(
            f"De decentralisaties gingen uit van een schaal van {indicators.format_value(scale, 'aantal')} "
            f"inwoners. Op eigen kracht halen {alone} van de {len(frame)} gemeenten die schaal; in de "
            "regio's waarin zij samenwerken (CBS-indeling 1 januari 2017):\n\n" + "\n".join(lines)
        )
        self.figures.show(_plot_region_scale(frame, scale), "regio-schaal")
        show_table(table)

    def social_domain(self) -> None:
        """Bijstand per 1,000 inhabitants 2015-2017 of the twenty against the Netherlands; gaps in words."""
        years = sorted(bijstand.BIJSTAND_TABLES)
        frame = self.crosscase.sort_values("gm_name")
        table = pd.DataFrame({"gemeente": frame["gm_name"]})
        gaps = []
        for year in years:
            values = frame[f"bijstand_recipients_{year}_per_1000"]
            table[str(year)] = [indicators.format_value(v, "per 1000") for v in values]
            for name, reason in zip(frame["gm_name"], frame[f"bijstand_{year}_missing_reason"], strict=True):
                if pd.notna(reason):
                    gaps.append(f"{name} {year} ({MISSING_NL.get(str(reason), str(reason))})")
        summary = pd.DataFrame(
            [
                {"gemeente": "Nederland"}
                | {str(y): indicators.format_value(self.national_bijstand.get(y), "per 1000") for y in years},
                {"gemeente": f"mediaan de twintig ({len(frame)})"}
                | {
                    str(y): indicators.format_value(frame[f"bijstand_recipients_{y}_per_1000"].median(), "per 1000")
                    for y in years
                },
            ]
        )
        latest = years[-1]
        values = frame[f"bijstand_recipients_{latest}_per_1000"]
        above = int((values > self.national_bijstand[latest]).sum())
        show_markdown(
            f"Bijstandsontvangers per 1.000 inwoners van 15 jaar en ouder, {years[0]}-{latest}, op de "
            f"gemeentegrenzen van 2017. In {latest} lagen {above} van de {int(values.notna().sum())} "
            f"gemeenten met een cijfer boven het landelijke cijfer van "
            f"{indicators.format_value(self.national_bijstand[latest], 'per 1000')}. "
            + (f"Geen cijfer voor: {'; '.join(gaps)}." if gaps else "Voor alle twintig is elk jaar een cijfer.")
            + " Voorlopig of definitief: niet vastgelegd in de lokale kopie.\n\n**Niet beschikbaar.** "
            + " ".join(statline.unavailable_sentences())
        )
        show_table(pd.concat([summary, table], ignore_index=True))

    def themes(self) -> None:
        """Import counts, heatmap of themes x municipalities, co-occurrence and intercoder agreement."""
        self._codings_notice()
        coded = self.coded
        accepted = coded.accepted
        in_cases = accepted[accepted["gm_code"].isin(self.case_codes)]
        show_markdown(
            f"Coderingen uit `{Path(coded.source).name}`, gecontroleerd tegen {coded.codebook_version}: "
            f"{coded.n_read} gelezen, {len(accepted)} geaccepteerd, {len(coded.rejected)} afgewezen. "
            f"Van de geaccepteerde horen {len(in_cases)} bij {in_cases['gm_code'].nunique()} van de twintig "
            f"gemeenten, in {in_cases[['gm_code', 'document']].drop_duplicates().shape[0]} documenten, door "
            f"{in_cases['coder'].nunique()} codeur(s). Een thema is een hoofdcode van het codeboek; een "
            "fragment met meerdere codes van één thema telt één keer."
        )
        if not coded.rejected.empty:
            counts = coded.rejection_counts()
            show_table(counts.rename_axis("probleem").reset_index(name="afgewezen coderingen"))
        names = dict(zip(self.cases["gm_code"], self.cases["gm_name"], strict=True))
        self.figures.show(
            theme_charts.plot_theme_heatmap(coded, self.codebook, municipalities=self.case_codes, names=names),
            "themas-per-gemeente",
        )
        n_segments = in_cases[["gm_code", "document", "segment_id"]].drop_duplicates().shape[0]
        show_markdown(
            f"Hierboven: het aandeel van de gecodeerde fragmenten van een gemeente met het thema (n = "
            f"{n_segments} fragmenten in de twintig). Hieronder: hoe vaak twee thema's in hetzelfde fragment "
            "voorkomen, over dezelfde fragmenten."
        )
        self.figures.show(
            theme_charts.plot_cooccurrence(in_cases, self.codebook, illustrative=coded.is_illustrative),
            "samen-voorkomen",
        )
        self._agreement(in_cases)

    def _agreement(self, codings_frame: pd.DataFrame) -> None:
        """Agreement per theme (presence of any code of the theme) and overall, with n units and coders."""
        overall = agreement.krippendorff_alpha(codings_frame)
        if not np.isfinite(overall.alpha):
            show_markdown(f"**Overeenstemming tussen codeurs.** Niet te berekenen: {overall.reason}.")
            return
        by_theme = themes.with_themes(codings_frame, self.codebook).assign(code_id=lambda f: f["theme"])
        per_theme = agreement.kappa_per_code(by_theme)
        per_code = agreement.kappa_per_code(codings_frame).dropna(subset=["kappa"]).sort_values("kappa")
        lowest = ", ".join(
            f"{r.code_id} ({_decimal_comma(r.kappa)}, n = {r.n_units})" for r in per_code.head(3).itertuples()
        )
        show_markdown(
            f"**Overeenstemming tussen codeurs.** {overall.n_segments} fragmenten zijn door twee of meer "
            f"codeurs gecodeerd ({overall.n_coders} codeurs). Krippendorffs alfa (nominaal, aanwezig/afwezig "
            f"per code) over {overall.n_units} oordelen: {_decimal_comma(overall.alpha)}. Per thema staat "
            "hieronder Cohens kappa (bij meer dan twee codeurs het gemiddelde over de "
            f"paren) en alfa, met het aantal fragmenten en codeurs. Op codeniveau is de mediaan van kappa "
            f"{_decimal_comma(per_code['kappa'].median())} over {len(per_code)} codes; het laagst: {lowest}."
        )
        show_table(
            pd.DataFrame(
                {
                    "thema": [self.codebook[c].label_nl for c in per_theme["code_id"]],
                    "kappa": per_theme["kappa"].map(_decimal_comma),
                    "alfa": per_theme["alpha"].map(_decimal_comma),
                    "overeenstemming": per_theme["observed_agreement"].map("{:.0%}".format),
                    "fragmenten (n)": per_theme["n_units"],
                    "codeurs": per_theme["n_coders"],
                    "opmerking": per_theme["reason"],
                }
            )
        )

    def _result_line(self, n: str, test: str, assumptions: str) -> None:
        show_markdown(f"*n = {n}; test: {test}; assumptions: {assumptions}.*")

    def fisher(self) -> None:
        """Fisher's exact tests of theme presence against grouped characteristics, with BH."""
        self._codings_notice()
        results = self.fisher_results
        labels = self.labels
        table = self.analysis_table
        tested = results[results["p_value"].notna()].sort_values("p_value")
        constant_themes = [t for t in self.theme_ids if table[associations.presence_column(t)].nunique(dropna=True) < 2]
        constant_chars = [c for c in FISHER_CHARACTERISTICS if table[c].nunique(dropna=True) < 2]
        untestable = []
        if constant_themes:
            untestable.append(
                "themes coded in every case or in none: "
                + ", ".join(associations.theme_label(t, labels) for t in constant_themes)
            )
        untestable.extend(
            f"{associations.theme_label(c, labels)} has one value ({table[c].dropna().iloc[0]}) in every case"
            for c in constant_chars
        )
        sentences = [f"- {associations.describe_fisher(row, ALPHA, labels)}" for _, row in tested.iterrows()]
        show_markdown(
            f"{len(results)} pairs of theme x characteristic; {len(tested)} could be tested."
            + (f" Not testable: {'; '.join(untestable)}." if untestable else "")
            + " The figure shows the testable pairs; framed cells are significant after Benjamini-Hochberg."
            + "\n\n**Interpretation (computed from the results):**\n\n"
            + ("\n".join(sentences) if sentences else "- No pair could be tested.")
        )
        shown = results[~results["theme"].isin(constant_themes) & ~results["characteristic"].isin(constant_chars)]
        if not shown.empty:
            figure = association_charts.plot_fisher_pvalues(
                shown, labels, alpha=ALPHA, title="Fisher's exact tests: BH-adjusted p"
            )
            self._show_coded(figure, "fisher")
        if not tested.empty:
            show_table(
                pd.DataFrame(
                    {
                        "theme": [associations.theme_label(t, labels) for t in tested["theme"]],
                        "characteristic": [associations.theme_label(c, labels) for c in tested["characteristic"]],
                        "n": tested["n"],
                        "present / cases per group": tested["counts"],
                        "odds ratio": tested["odds_ratio"].map(lambda v: "—" if np.isnan(v) else f"{v:.2f}"),
                        "p": tested["p_value"].map(_p_text),
                        "p (BH)": tested["p_adjusted_bh"].map(_p_text),
                    }
                )
            )
        n_values = results["n"].unique()
        self._result_line(
            "/".join(str(v) for v in sorted(n_values)),
            f"Fisher's exact test (2 groups) or Fisher-Freeman-Halton exact test (3-4 groups), two-sided; "
            f"Benjamini-Hochberg over the {int(results['n_tests_bh'].iloc[0])} tested pairs at {ALPHA:g}",
            associations.FISHER_ASSUMPTIONS,
        )

    def correlations(self) -> None:
        """Spearman's rho of theme intensity with numeric characteristics: forest plots, sentences."""
        self._codings_notice()
        results = self.correlation_results
        labels = self.labels
        table = self.analysis_table
        gaps = []
        for column in NUMERIC_CHARACTERISTICS:
            missing = table.index[table[column].isna()].tolist()
            if missing:
                reason_column = MISSING_REASON_COLUMNS.get(column)
                reasons = [f"{name} ({table.at[name, reason_column]})" if reason_column else name for name in missing]
                gaps.append(
                    f"{associations.theme_label(column, labels)}: n = {len(table) - len(missing)}, "
                    f"missing for {', '.join(reasons)}"
                )
        material = associations.rank_correlations(
            table, ["coded_segments"], ["population_count"], n_boot=N_BOOT, seed=BOOT_SEED, alpha=ALPHA
        ).iloc[0]
        strongest = results.dropna(subset=["p_value"]).sort_values("p_value").head(3)
        sentences = [f"- {associations.describe_correlation(r, ALPHA, labels)}" for _, r in strongest.iterrows()]
        show_markdown(
            f"Theme intensity is the number of coded segments with the theme. {len(results)} pairs "
            f"({len(self.theme_ids)} themes x {len(NUMERIC_CHARACTERISTICS)} characteristics) form one "
            "Benjamini-Hochberg family. "
            + (f"Missing values are left out per pair: {'; '.join(gaps)}. " if gaps else "")
            + "Counts grow with the amount of material coded, so the check below comes first: "
            + associations.describe_correlation(material, ALPHA, labels)
            + " In the forest plots, filled markers are significant after Benjamini-Hochberg, open ones not."
            + "\n\n**Interpretation (computed from the results), the three smallest p-values:**\n\n"
            + "\n".join(sentences)
        )
        pairs = list(zip(NUMERIC_CHARACTERISTICS[::2], NUMERIC_CHARACTERISTICS[1::2], strict=True))
        for number, (first, second) in enumerate(pairs, start=1):
            part = results[results["variable"].isin([first, second])]
            part = part.assign(order=part["variable"].map({first: 0, second: 1})).sort_values("order", kind="stable")
            # The variables are in every row label; a longer title would not fit beside them.
            title = f"Spearman's rho ({number} of {len(pairs)})"
            self._show_coded(association_charts.plot_rank_correlations(part, labels, title=title), f"spearman-{first}")
        row = results.iloc[0]
        self._result_line(
            f"{results['n'].min()}-{results['n'].max()} per pair",
            f"{row['test']}, seed {BOOT_SEED}; Benjamini-Hochberg over {int(row['n_tests_bh'])} pairs",
            str(row["assumptions"]),
        )

    def regression(self) -> None:
        """One logit of a theme's presence on at most two covariates, with its warnings in words."""
        self._codings_notice()
        result = self.model_result
        if result is None:
            show_markdown("No theme's presence varies among the cases, so there is no outcome to model.")
            return
        labels = self.labels
        theme = self.focus_theme
        present = self.analysis_table[associations.presence_column(theme)]
        show_markdown(
            f"Outcome: presence of **{associations.theme_label(theme, labels)}** ({int(present.sum())} of "
            f"{int(present.notna().sum())} cases), the theme whose presence is most evenly split. "
            f"Covariates: {' and '.join(associations.theme_label(c, labels) for c in result.covariates)}.\n\n"
            "**Interpretation (computed from the results):** "
            + associations.describe_model(result, ALPHA, labels)
            + ("\n\n**Warnings:**\n\n" + "\n".join(f"- {w}" for w in result.warnings) if result.warnings else "")
        )
        self._show_coded(_plot_presence(self.analysis_table, theme, MODEL_COVARIATES, labels), "model")
        if result.estimable:
            coef = result.coefficients
            show_table(
                pd.DataFrame(
                    {
                        "term": coef.index,
                        result.ratio_name: coef["ratio"].map("{:.3g}".format),
                        "95% CI": [
                            f"{lo:.3g} to {hi:.3g}"
                            for lo, hi in zip(coef["ratio_ci_low"], coef["ratio_ci_high"], strict=True)
                        ],
                        "p": coef["p_value"].map(_p_text),
                    }
                )
            )
        self._result_line(
            f"{result.n} ({result.events} events, {result.n_parameters} parameters)",
            result.test,
            result.assumptions,
        )

    def qca(self) -> None:
        """Crisp-set truth table of three conditions against a theme's presence, with sufficiency."""
        self._codings_notice()
        tt = self.truth
        if tt is None:
            show_markdown("No theme's presence varies among the cases, so there is no outcome for a truth table.")
            return
        labels = self.labels
        calibration = "\n".join(f"- {record.describe()}" for _, record in self.conditions.values())
        sufficiency = [
            associations.describe_sufficiency(
                associations.sufficiency(self.analysis_table, name, self.focus_theme),
                CONSISTENCY_THRESHOLD,
                labels,
            )
            for name in self.conditions
        ]
        dropped = tt.attrs["dropped"]
        show_markdown(
            f"Outcome: presence of **{associations.theme_label(self.focus_theme, labels)}** "
            f"({self.focus_theme}). Conditions (upper case: present; ~ negates), "
            f"calibrated with stated thresholds:\n\n{calibration}\n\n"
            + (f"Left out for a missing condition: {', '.join(dropped)}.\n\n" if dropped else "")
            + f"**Interpretation (computed from the results):** {associations.describe_truth_table(tt)}\n\n"
            + "\n".join(f"- {s}" for s in sufficiency)
        )
        self._show_coded(association_charts.plot_truth_table(tt, labels), "waarheidstabel")
        conditions = list(self.conditions)
        shown = tt[tt["n_cases"] > 0]
        show_table(
            pd.DataFrame(
                {
                    **{associations.theme_label(c, labels): shown[c] for c in conditions},
                    "cases": shown["n_cases"],
                    "with outcome": shown["n_outcome"],
                    "consistency": shown["consistency"].round(2),
                    "raw coverage": shown["raw_coverage"].round(2),
                    "names": shown["cases"].map(", ".join),
                }
            )
        )
        self._result_line(str(tt.attrs["n"]), str(tt["test"].iloc[0]), associations.QCA_ASSUMPTIONS)

    def sources(self) -> None:
        """Sources panel and the methods, with the codebook and codings file they rest on."""
        fisher = self.fisher_results
        versions = ", ".join(f"{p} {version(p)}" for p in ("scipy", "statsmodels", "krippendorff", "pandas"))
        conditions = "; ".join(record.describe() for _, record in self.conditions.values())
        show_markdown(
            sources_markdown(self.used_sources)
            + "\n- **Coderingen**: "
            + f"`{Path(self.coded.source).name}`, codeboek {self.coded.codebook_version}"
            + (" — illustratief, geen onderzoeksresultaat." if self.coded.is_illustrative else ".")
            + "\n\n**Methods.**\n\n"
            f"- Groups: size split at {crosscase.SIZE_SPLIT_INHABITANTS:,} inhabitants (the four size "
            "classes leave one to five cases per class); stedelijkheid 1-2, 3 and 4-5; landsdeel; youth care "
            f"region of at least {regions.DECENTRALISATION_SCALE_INHABITANTS:,} inhabitants.\n"
            f"- Fisher's exact test (2 groups) and the Fisher-Freeman-Halton exact test (more groups, full "
            f"enumeration), two-sided; Benjamini-Hochberg false discovery rate {ALPHA:g} over the "
            f"{int(fisher['n_tests_bh'].iloc[0])} tested pairs.\n"
            f"- Spearman's rho with a percentile bootstrap interval ({N_BOOT} resamples, seed {BOOT_SEED}); "
            "Benjamini-Hochberg over all pairs; missing values dropped per pair.\n"
            f"- Logistic regression (maximum likelihood, Wald intervals) on at most two covariates; flagged "
            f"below {MIN_EPV:g} events per variable; separation checked beforehand by linear programming, "
            "in which case no estimate is reported.\n"
            f"- Crisp-set QCA: truth table with consistency threshold {CONSISTENCY_THRESHOLD:g}, consistency "
            f"|X∩Y|/|X| and coverage |X∩Y|/|Y|; calibration: {conditions}.\n"
            "- Intercoder agreement: Cohen's kappa (statsmodels) and Krippendorff's alpha, nominal "
            "(krippendorff), on segments coded by two or more coders.\n"
            f"- Software: {versions}. The cross-case table is `data/processed/{crosscase.CROSSCASE_FILE}`."
        )


def _plot_region_scale(frame: pd.DataFrame, scale: int) -> Figure:
    """Dot chart: inhabitants of each case and of its youth-care and labour-market region (log scale)."""
    frame = frame.sort_values("population_count")
    fig = Figure(figsize=(8, 1.4 + 0.3 * len(frame)), layout="constrained")
    ax = fig.subplots()
    y = np.arange(len(frame))
    series = (
        ("population_count", "de gemeente", style.TWENTY, "o"),
        ("youth_care_region_inhabitants_count", "jeugdzorgregio", style.PEERS, "s"),
        ("labour_market_region_inhabitants_count", "arbeidsmarktregio", style.NETHERLANDS, "D"),
    )
    for column, label, colour, marker in series:
        ax.scatter(frame[column].astype(float), y, color=colour, marker=marker, s=28, label=label, zorder=3)
    ax.axvline(scale, color=style.MUNICIPALITY, linestyle="--", linewidth=1)
    ax.text(
        scale,
        len(frame) - 0.4,
        f" {indicators.format_value(scale, 'aantal')} inwoners",
        fontsize=8,
        color=style.MUNICIPALITY,
        va="bottom",
    )
    ax.set_xscale("log")
    ax.set_yticks(y, frame["gm_name"], fontsize=8)
    ax.set_ylim(-0.7, len(frame) + 0.3)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_xlabel("inwoners op 1 januari 2017 (log-schaal)")
    ax.set_title("De twintig en hun regio's tegen de schaal van 100.000 inwoners")
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    style.add_source(fig, f"Bron: {regions.CITATION}; CBS, Kadaster — Wijk- en buurtkaart 2017.")
    return fig


def _plot_presence(table: pd.DataFrame, theme: str, covariates: tuple[str, str], labels: dict[str, str]) -> Figure:
    """The model's data: theme presence (0/1) against the first covariate, split by the second."""
    outcome = associations.presence_column(theme)
    x_col, group_col = covariates
    data = table[[outcome, x_col, group_col]].dropna()
    fig = Figure(figsize=(8, 3.4), layout="constrained")
    ax = fig.subplots()
    for value, marker, colour in ((0, "o", style.PEERS), (1, "^", style.TWENTY)):
        part = data[data[group_col] == value]
        # Small vertical offsets keep cases with equal outcome and similar size apart.
        offset = 0.06 if value else -0.06
        ax.scatter(
            part[x_col].astype(float),
            part[outcome].astype(float) + offset,
            marker=marker,
            color=colour,
            edgecolor="black",
            linewidth=0.5,
            s=45,
            zorder=3,
            label=f"{associations.theme_label(group_col, labels)} = {value} ({len(part)})",
        )
        # Only the rarer outcome is named: those cases are what a reader looks for, and naming
        # all twenty makes the labels overlap.
        rare = int(data[outcome].astype(int).sum() * 2 < len(data))
        for name, row in part[part[outcome].astype(int) == rare].iterrows():
            ax.annotate(
                str(name),
                (float(row[x_col]), float(row[outcome]) + offset),
                fontsize=6.5,
                xytext=(3, 3 if value else -8),
                textcoords="offset points",
                color="#444444",
            )
    ax.set_yticks([0, 1], ["absent", "present"])
    ax.set_ylim(-0.5, 1.5)
    ax.set_xlabel(associations.theme_label(x_col, labels))
    ax.set_title(f"{associations.theme_label(theme, labels)}: presence per case (n = {len(data)})", loc="left")
    ax.grid(axis="x", color="#eeeeee")
    ax.legend(loc="center right", frameon=False, fontsize=8)
    return fig
