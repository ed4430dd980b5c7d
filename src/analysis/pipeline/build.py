"""Rebuild the derived data layers from ``data/raw``: ``python -m analysis build``.

Each step writes one or more files of ``data/processed`` from the raw sources (through
``raw.ensure_raw``) or from the files of earlier steps. Whether the layers are stale is decided by
content, not file times (a checkout or copy touches files without changing them): the digest of
everything the layers are computed from (``build_inputs_digest``: the raw files' sha256 from the
manifest, the build's code, ``config/`` and the default codings) is kept beside the layers
(``STAMP_NAME``); the steps run again when it differs, or when a step's output is missing, or
with ``force``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from analysis.core import layers, paths
from analysis.core.layers import (
    BIJSTAND_FILE,
    COUNCILS_2018_FILE,
    ELECTIONS_FILE,
    MEMBERSHIPS_FILE,
    OUTLINES_FILE,
    PEERS_FILE,
    PEERS_METHOD_FILE,
    REGION_SIZES_FILE,
    processed,
)
from analysis.geo import geography, peers, regions
from analysis.geo.cases import load_cases
from analysis.qual import codings
from analysis.social import bijstand, councils, elections, statline_online
from analysis.sources import raw
from analysis.tables import casetable, crosscase


def _write_frame(frame: pd.DataFrame, target: Path) -> None:
    layers.write_parquet(frame, target)


def _build_municipalities() -> None:
    raw_dir = raw.ensure_raw(geography.SOURCE_NAME)
    candidates = (raw_dir / "gemeente_2017.gpkg", raw_dir / "buurt_2017.zip")
    raw_path = next(p for p in candidates if p.exists())
    frame = geography.build_municipalities(geography.read_raw_municipalities(raw_path))
    _write_frame(frame, geography.processed_path())


def _build_memberships() -> None:
    memberships = regions.load_memberships()
    _write_frame(memberships, processed(MEMBERSHIPS_FILE))
    _write_frame(regions.region_sizes(geography.load_key_figures(), memberships), processed(REGION_SIZES_FILE))


def _build_region_outlines() -> None:
    municipalities = gpd.read_parquet(geography.processed_path())
    memberships = pd.read_parquet(processed(MEMBERSHIPS_FILE))
    # The member lists stay in the memberships table; list columns do not round-trip through Parquet.
    outlines = [
        regions.dissolve_regions(municipalities, memberships, key).drop(columns=["member_gm_codes", "member_names"])
        for key in regions.REGION_TYPES
    ]
    _write_frame(
        gpd.GeoDataFrame(pd.concat(outlines, ignore_index=True), crs=municipalities.crs),
        processed(OUTLINES_FILE),
    )


def _build_bijstand() -> None:
    _write_frame(bijstand.load_bijstand(), processed(BIJSTAND_FILE))


def _build_elections() -> None:
    municipalities = geography.load_key_figures()[["gm_code", "gm_name"]]
    # Boundary changes found in the outlines since 2015 (Slochteren/Groningen) also part 2010 from 2017.
    changed = bijstand.boundary_changed_codes(pd.read_parquet(processed(BIJSTAND_FILE)))
    joined = elections.join_to_2017(elections.load_council_election(2010), municipalities, boundary_changed=changed)
    _write_frame(joined, processed(ELECTIONS_FILE))


def _build_councils_2018() -> None:
    municipalities = geography.load_key_figures()[["gm_code"]]
    _write_frame(councils.load_councils_2018(municipalities), processed(COUNCILS_2018_FILE))


def _build_case_table() -> None:
    municipalities = geography.load_key_figures()
    table = casetable.build_case_table(
        municipalities,
        list(load_cases(municipalities=municipalities)["gm_code"]),
        pd.read_parquet(processed(MEMBERSHIPS_FILE)),
        pd.read_parquet(processed(BIJSTAND_FILE)),
        elections.load_council_election(2010),
    )
    _write_frame(table, casetable.case_table_path())
    dictionary = casetable.column_dictionary(list(table.columns))
    layers.write_atomically(casetable.dictionary_path(), lambda tmp: dictionary.to_csv(tmp, index=False))


def _build_peers() -> None:
    # The bijstand rate comes from the social floor; geo.peers takes it as a column so it needs nothing above geo.
    characteristics = geography.load_key_figures()
    bijstand_2017 = pd.read_parquet(processed(BIJSTAND_FILE)).query("year == 2017")
    rate = bijstand_2017.set_index("gm_code")["recipients_per_1000_inhabitants"]
    characteristics[peers.BIJSTAND_RATE_COLUMN] = characteristics["gm_code"].map(rate).astype("Float64")
    peers.write_peer_layer(characteristics)


@dataclass(frozen=True)
class Step:
    """Files a step writes and the raw sources it reads."""

    name: str
    outputs: tuple[Callable[[], Path], ...]
    sources: tuple[str, ...]
    run: Callable[[], None]


STEPS: tuple[Step, ...] = (
    Step("municipalities", (geography.processed_path,), (geography.SOURCE_NAME,), _build_municipalities),
    Step(
        "region memberships and sizes",
        (lambda: processed(MEMBERSHIPS_FILE), lambda: processed(REGION_SIZES_FILE)),
        (regions.SOURCE_NAME,),
        _build_memberships,
    ),
    Step("region outlines", (lambda: processed(OUTLINES_FILE),), (), _build_region_outlines),
    Step("bijstand", (lambda: processed(BIJSTAND_FILE),), (bijstand.SOURCE_NAME,), _build_bijstand),
    Step("council elections", (lambda: processed(ELECTIONS_FILE),), (elections.SOURCE_NAME,), _build_elections),
    Step("councils of 2018", (lambda: processed(COUNCILS_2018_FILE),), (councils.SOURCE_NAME,), _build_councils_2018),
    Step(
        "structurally similar peers",
        (lambda: processed(PEERS_FILE), lambda: processed(PEERS_METHOD_FILE)),
        (),
        _build_peers,
    ),
    Step("case table", (casetable.case_table_path, casetable.dictionary_path), (), _build_case_table),
    Step(
        "cross-case table of the twenty with coded themes",
        (crosscase.crosscase_path, crosscase.crosscase_csv_path, crosscase.dictionary_path),
        (),
        lambda: crosscase.write_crosscase_table(),
    ),
)


#: The floors whose code the processed files are computed by (the floors the steps import). Code
#: above them (narrative, viz, report, the rest of the pipeline) cannot change a processed file,
#: so editing it does not make the data stale.
DATA_FLOORS: tuple[str, ...] = ("core", "sources", "geo", "social", "qual", "tables")


def data_code_files() -> list[Path]:
    """The modules whose code the processed files depend on: the data floors and this module."""
    package = Path(__file__).resolve().parents[1]
    return sorted({*(p for floor in DATA_FLOORS for p in (package / floor).rglob("*.py")), Path(__file__).resolve()})


#: Beside the processed layers: the digest of the inputs they were last built from.
STAMP_NAME = ".build-inputs.sha256"


def stamp_path() -> Path:
    """Where the digest of the inputs of the last complete build is kept."""
    return paths.processed_dir() / STAMP_NAME


def build_inputs_digest() -> str:
    """SHA-256 over what every derived file depends on: raw files, build code, config, default codings.

    The raw files count by the sha256 the manifest records for them (``raw.ensure_raw`` has checked
    each file against it before the steps run), so they are not read again here; the code and
    configuration files, a few hundred kilobytes, are hashed by content.
    """
    package = Path(__file__).resolve().parents[1]
    listing = {f"raw/{key}": str(entry.get("sha256")) for key, entry in raw.read_manifest().items()}
    listing |= {f"code/{p.relative_to(package).as_posix()}": raw.sha256_of(p) for p in data_code_files()}
    listing |= {f"config/{p.name}": raw.sha256_of(p) for p in sorted(paths.CONFIG_DIR.glob("*")) if p.is_file()}
    default_codings = codings.default_codings_path()
    listing["codings"] = raw.sha256_of(default_codings) if default_codings.is_file() else "missing"
    return hashlib.sha256(json.dumps(listing, sort_keys=True).encode()).hexdigest()


def _stored_digest() -> str:
    try:
        return stamp_path().read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def build(force: bool = False, online: bool = False, say: Callable[[str], None] = print) -> list[Path]:
    """Fetch the raw sources and (re)write every processed file that is stale; returns those written.

    Args:
        force: rebuild every step.
        online: also fetch the StatLine tables that are not in the mirror (``make data ONLINE=1``);
            without it, or without a network, ``say`` is told which are missing and the build goes on.
        say: where the sentences about the online tables go.
    """
    for name in raw.SOURCES:
        raw.ensure_raw(name)
    digest = build_inputs_digest()
    written: list[Path] = []
    stale = force or _stored_digest() != digest
    for step in STEPS:
        outputs = [output() for output in step.outputs]
        # once one step is rebuilt, the steps after it (which may read it) are rebuilt too
        stale = stale or not all(p.exists() for p in outputs)
        if stale:
            step.run()
            written.extend(outputs)
    if _stored_digest() != digest:  # written only after every step succeeded
        layers.write_atomically(stamp_path(), lambda tmp: tmp.write_text(digest + "\n", encoding="utf-8"))
    written.extend(statline_online.fetch_and_parse(online, say))
    return written


if __name__ == "__main__":  # pragma: no cover
    for path in build():
        print(f"wrote {path}")
