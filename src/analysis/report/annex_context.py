"""What the annex reads, once: its settings, the processed layers, the codings and the codebook.

:func:`open_annex` loads everything the annex's sections need and does no analysis: every number
a reader sees is computed by a section function (:mod:`analysis.report.annex_sections`,
:mod:`analysis.report.annex_sections_stats`) from this context and the settings. The settings
(significance level, bootstrap, characteristics, model covariates, QCA calibration and
expectations) live in ``config/annex.yaml``, documented there, not in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import pandas as pd
import yaml

from analysis.core import layers, paths
from analysis.core.layers import read_processed
from analysis.geo.cases import load_cases
from analysis.geo.geography import load_municipalities
from analysis.qual import codings
from analysis.qual.codebook import Codebook
from analysis.report.common import codebook_in_use, use_data_dir
from analysis.social import bijstand
from analysis.sources import raw
from analysis.tables import casetable, crosscase

#: The annex's settings file, documented line by line.
SETTINGS_FILE = paths.CONFIG_DIR / "annex.yaml"


@dataclass(frozen=True)
class QcaCondition:
    """A crisp condition: 1 when ``column <rule> threshold``; ``threshold="national"`` is the NL figure.

    ``alternatives`` are the other thresholds the robustness check tries.
    """

    name: str
    column: str
    rule: Literal[">", ">="]
    threshold: float | Literal["national"]
    alternatives: tuple[float, ...] = ()


@dataclass(frozen=True)
class AnnexSettings:
    """The analysis settings of the annex; see ``config/annex.yaml`` for what each one means."""

    alpha: float = 0.05
    bootstrap_resamples: int = 2000
    bootstrap_seed: int = 20150101
    permutation_resamples: int = 20000
    permutation_seed: int = 20170101
    fisher_characteristics: tuple[str, ...] = ()
    numeric_characteristics: tuple[str, ...] = ()
    missing_reason_columns: dict[str, str] = field(default_factory=dict)
    model_covariates: tuple[str, ...] = ()
    min_events_per_variable: float = 10.0
    qca_conditions: tuple[QcaCondition, ...] = ()
    qca_consistency_threshold: float = 0.8
    qca_min_cases: int = 2
    qca_base_rate_margin: float = 0.1
    qca_directional_expectations: dict[str, int] = field(default_factory=dict)
    qca_robustness_cutoffs: tuple[float, ...] = ()
    quote_matrix_characteristic: str = "size_group"
    quotes_per_cell: int = 2

    def with_values(self, **values: Any) -> AnnexSettings:
        """A copy with some settings changed (the notebook's parameters override the file)."""
        return replace(self, **values)


class AnnexSettingsError(ValueError):
    """The settings file cannot be used; the message names the file and the setting."""


def load_settings(path: str | Path = "") -> AnnexSettings:
    """Read the annex settings (default ``config/annex.yaml``).

    Raises:
        AnnexSettingsError: the file is unreadable, has an unknown key or a value of the wrong kind.
    """
    path = Path(path) if path else SETTINGS_FILE
    try:
        raw_settings = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
        raise AnnexSettingsError(f"{path}: cannot read the annex settings ({error})") from None
    if not isinstance(raw_settings, dict):
        raise AnnexSettingsError(f"{path}: expected a mapping of settings, found {type(raw_settings).__name__}")
    known = set(AnnexSettings.__dataclass_fields__)
    unknown = sorted(set(raw_settings) - known)
    if unknown:
        raise AnnexSettingsError(f"{path}: unknown setting(s) {', '.join(unknown)}")
    values: dict[str, Any] = {}
    try:
        for key, value in raw_settings.items():
            if key == "qca_conditions":
                values[key] = tuple(
                    QcaCondition(
                        name=str(c["name"]),
                        column=str(c["column"]),
                        rule=_rule(c["rule"]),
                        threshold=c["threshold"] if c["threshold"] == "national" else float(c["threshold"]),
                        alternatives=tuple(float(a) for a in c.get("alternatives", ())),
                    )
                    for c in value
                )
            elif key in ("fisher_characteristics", "numeric_characteristics", "model_covariates"):
                values[key] = tuple(str(v) for v in value)
            elif key == "qca_robustness_cutoffs":
                values[key] = tuple(float(v) for v in value)
            elif key == "missing_reason_columns":
                values[key] = {str(k): str(v) for k, v in value.items()}
            elif key == "qca_directional_expectations":
                values[key] = {str(k): int(v) for k, v in (value or {}).items()}
            else:
                default = AnnexSettings.__dataclass_fields__[key].default
                values[key] = type(default)(value)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise AnnexSettingsError(f"{path}: setting {key!r} cannot be used ({error!r})") from None
    if not 0 < values.get("alpha", 0.05) < 1:
        raise AnnexSettingsError(f"{path}: alpha must lie between 0 and 1")
    if len(values.get("model_covariates", ())) > 2:
        raise AnnexSettingsError(f"{path}: model_covariates takes at most two covariates at n = 20")
    return AnnexSettings(**values)


def _rule(value: object) -> Literal[">", ">="]:
    if value not in (">", ">="):
        raise ValueError(f"rule must be '>' or '>=', not {value!r}")
    return value  # type: ignore[return-value]


@dataclass(frozen=True)
class AnnexContext:
    """Everything the annex reads, loaded once; no analysis happens here.

    Attributes:
        settings: the analysis settings.
        municipalities: all municipalities of 2017 with key figures (GeoDataFrame, EPSG:28992).
        cases: the twenty cases (``gm_code``, ``gm_name``).
        case_table: one row per municipality of 2017 (``tables.casetable``).
        bijstand: the processed bijstand layer, including the Netherlands' own row.
        coded: the imported codings (accepted and rejected).
        codebook: the codebook the codings were checked against.
        crosscase: the twenty with characteristics and coded themes (``tables.crosscase``).
        used_sources: raw-layer sources cited in the sources panel.
    """

    settings: AnnexSettings
    municipalities: gpd.GeoDataFrame
    cases: pd.DataFrame
    case_table: pd.DataFrame
    bijstand: pd.DataFrame
    coded: codings.CodingImport
    codebook: Codebook
    crosscase: pd.DataFrame
    used_sources: tuple[str, ...]

    @property
    def case_codes(self) -> list[str]:
        """CBS codes of the twenty, in the order of the case registry."""
        return list(self.cases["gm_code"])

    @property
    def national_bijstand(self) -> pd.Series:
        """Bijstand recipients per 1,000 inhabitants aged 15+ of the Netherlands, by year."""
        national = self.bijstand[self.bijstand["gm_code"] == bijstand.NATIONAL_CODE]
        return national.set_index("year")["recipients_per_1000_inhabitants"].astype(float)

    @property
    def codings_file_name(self) -> str:
        """The codings file's name (shown only as plain text in blocks)."""
        return Path(self.coded.source).name


def open_annex(data_dir: str = "", codings_path: str = "", settings: AnnexSettings | str | Path = "") -> AnnexContext:
    """Load the annex's inputs once.

    Args:
        data_dir: data root (empty: the project's ``data/``).
        codings_path: the codings file (empty: ``codings.default_codings_path()``).
        settings: the settings, or the path of a settings file (empty: ``config/annex.yaml``).
    """
    use_data_dir(data_dir)
    chosen = settings if isinstance(settings, AnnexSettings) else load_settings(settings)
    municipalities = load_municipalities()
    cases = load_cases(municipalities=municipalities[["gm_code", "gm_name"]])
    case_table = casetable.load_case_table()
    coded = codings.load_report_codings(codings_path)
    codebook = codebook_in_use(coded)
    variables = crosscase.project_variables(coded, codings.municipality_mapping(municipalities))
    return AnnexContext(
        settings=chosen,
        municipalities=municipalities,
        cases=cases,
        case_table=case_table,
        bijstand=read_processed(layers.BIJSTAND_FILE),
        coded=coded,
        codebook=codebook,
        crosscase=crosscase.build_crosscase_table(case_table, coded, codebook, variables),
        used_sources=tuple(raw.SOURCES),
    )
