"""The raw layer: each original source, where it lives online and in the offline mirror.

``ensure_raw(name)`` puts a source's files under ``data/raw/<name>/``: copied from the mirror
(``paths.mirror_dir()``) when there is one, downloaded from the original publisher otherwise.
Each file gets an entry in ``data/raw/MANIFEST.json`` (origin, retrieval time, sha256, bytes) and
is made read-only; a later run that finds a file changed on disk stops instead of using it. Where
a source's PROVENANCE.md publishes checksums (``Source.sha256``), a copy that does not match them
is refused: the mirror holds another version than the one the project was checked against.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from analysis.core import paths
from analysis.core.cbs import download_statline_table

WIJKBUURTKAART_2017_URL = "https://www.cbs.nl/-/media/_pdf/2017/36/buurt_2017.zip"


@dataclass(frozen=True)
class Source:
    """One original data source and the files the project keeps of it."""

    name: str  #: folder name, in data/raw and in the mirror
    title: str
    citation: str  #: the attribution the publisher asks for, shown in every report using it
    online: str  #: where the original lives (URL or StatLine table ids)
    files: tuple[str, ...]  #: files of the mirror copy
    download: Callable[[Path], list[Path]] | None = field(default=None, compare=False)
    #: file -> sha256 published in the source's PROVENANCE.md; a copy must match it
    sha256: dict[str, str] = field(default_factory=dict, compare=False)


def _download_url(url: str) -> Callable[[Path], list[Path]]:
    def fetch(target_dir: Path) -> list[Path]:
        target = target_dir / url.rsplit("/", 1)[-1]
        with urllib.request.urlopen(url, timeout=120) as response, open(target, "wb") as out:
            shutil.copyfileobj(response, out)
        return [target]

    return fetch


def _download_statline(table_ids: tuple[str, ...]) -> Callable[[Path], list[Path]]:
    def fetch(target_dir: Path) -> list[Path]:
        written: list[Path] = []
        for table_id in table_ids:
            folder = download_statline_table(table_id, target_dir / table_id)
            written.extend(sorted(folder.glob("*.json")))
        return written

    return fetch


SOURCES: dict[str, Source] = {
    source.name: source
    for source in (
        Source(
            name="cbs-wijkbuurtkaart-2017",
            title="CBS Wijk- en buurtkaart 2017, gemeenten (1 januari 2017)",
            citation="Bron: CBS, Kadaster — Wijk- en buurtkaart 2017 (CC BY 4.0)",
            online=WIJKBUURTKAART_2017_URL,
            files=("gemeente_2017.gpkg", "PROVENANCE.md"),
            download=_download_url(WIJKBUURTKAART_2017_URL),
        ),
        Source(
            name="cbs-regio-indelingen-2017",
            title="CBS Gebiedsindelingen 2017 (regio-indelingen per gemeente)",
            citation="Bron: CBS, Gebiedsindelingen 2017; StatLine 83553NED (CC BY 4.0)",
            online="StatLine 83553NED (Gebieden in Nederland 2017); PDOK CBS gebiedsindelingen",
            files=(
                "regions_2017.csv",
                "provincie_2017.topojson",
                "coropgebied_2017.topojson",
                "arbeidsmarktregio_2017.topojson",
                "jeugdzorgregio_2017.topojson",
                "ggdregio_2017.topojson",
                "veiligheidsregio_2017.topojson",
                "zorgkantoorregio_2017.topojson",
                "landsdeel_2017.topojson",
                "PROVENANCE.md",
            ),
            download=_download_statline(("83553NED",)),
        ),
        Source(
            name="cbs-bijstand-2015-2017",
            title="CBS Sociale zekerheid; bijstand, re-integratie en WSW, gemeenten 2015-2017",
            citation="Bron: CBS, StatLine 83450NED, 83747NED, 84066NED (CC BY 4.0)",
            online="StatLine 83450NED (2015), 83747NED (2016), 84066NED (2017)",
            files=(
                "gemeente_2015.csv",
                "gemeente_2016.csv",
                "gemeente_2017.csv",
                "map_2015.json",
                "map_2016.json",
                "map_2017.json",
                "PROVENANCE.md",
            ),
            download=_download_statline(("83450NED", "83747NED", "84066NED")),
        ),
        Source(
            name="kiesraad-gr2010",
            title="Kiesraad, uitslagen gemeenteraadsverkiezingen 3 maart 2010",
            citation="Bron: Kiesraad, Databank Verkiezingsuitslagen (gemeenteraad 2010)",
            online="https://data.overheid.nl/dataset/databank-verkiezingsuitslagen--kiesraad",
            files=("GR2010.csv", "PROVENANCE.md"),
        ),
        Source(
            name="kiesraad-gr2018-zetels",
            title="Kiesraad, zetelverdeling gemeenteraadsverkiezingen 21 maart 2018",
            citation="Bron: Kiesraad, Databank Verkiezingsuitslagen (gemeenteraad 2018); Open State Foundation",
            online=(
                "https://www.verkiezingsuitslagen.nl (GR2018, CsvZetels); copy from github.com/openstate/"
                "lokale-partijen, commit 5fe7ec2ad469480875a378e9b462b80290935e35 (MIT)"
            ),
            files=(
                "Zetelverdeling_alle_gemeenten_GR20180321.csv",
                "landelijke_partijen_openstate.csv",
                "PROVENANCE.md",
            ),
            sha256={
                "Zetelverdeling_alle_gemeenten_GR20180321.csv": (
                    "00aa87613d83f975c7415c38c0b0387e6c6c10222959f017cdac437c40365c97"
                ),
                "landelijke_partijen_openstate.csv": "6033ef100aa8f691bc44ea04f60492cdb0adc1bb945300ea5c43a8d88d0cee60",
            },
        ),
    )
}


class RawDataError(RuntimeError):
    """A raw file is missing, cannot be obtained, or no longer matches its manifest entry."""


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_path() -> Path:
    """Location of the raw layer's manifest."""
    return paths.raw_dir() / "MANIFEST.json"


def read_manifest() -> dict[str, dict[str, object]]:
    """The manifest: ``"<source>/<file>"`` -> origin, retrieved_utc, sha256, bytes."""
    path = manifest_path()
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _write_manifest(manifest: dict[str, dict[str, object]]) -> None:
    path = manifest_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written to a temporary name first: parallel workers may read it while it is replaced.
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as tmp:
        json.dump(dict(sorted(manifest.items())), tmp, indent=2, ensure_ascii=False)
    os.replace(tmp.name, path)


def _make_read_only(path: Path) -> None:
    path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _verify(key: str, path: Path, entry: dict[str, object]) -> None:
    if sha256_of(path) != entry["sha256"]:
        raise RawDataError(
            f"{path} no longer matches its sha256 in {manifest_path()} ({key}). Raw files are "
            "never edited: delete the file to fetch it again, or restore the original."
        )


def ensure_raw(name: str) -> Path:
    """Make sure source ``name`` is present and intact in ``data/raw/<name>/``; return that folder.

    Mirror first (offline machines), original download second. Raises ``RawDataError`` naming
    the file when neither is possible or when a file on disk was changed.
    """
    try:
        source = SOURCES[name]
    except KeyError:
        raise RawDataError(f"unknown source {name!r}; known: {', '.join(SOURCES)}") from None
    target_dir = paths.raw_dir() / name
    manifest = read_manifest()
    # What was recorded decides, not ``source.files``: an online download holds other files
    # (a zip, StatLine JSON) than the mirror copy.
    recorded = {key: entry for key, entry in manifest.items() if key.startswith(f"{name}/")}
    if recorded and all((paths.raw_dir() / key).exists() for key in recorded):
        for key, entry in recorded.items():
            _verify(key, paths.raw_dir() / key, entry)
        return target_dir

    target_dir.mkdir(parents=True, exist_ok=True)
    retrieved = datetime.now(UTC).isoformat(timespec="seconds")
    mirror = paths.mirror_dir()
    if mirror is not None and (mirror / name).is_dir():
        for file in source.files:
            origin = mirror / name / file
            if not origin.exists():
                raise RawDataError(f"mirror {mirror / name} lacks {file} (source {name})")
            destination = target_dir / file
            if destination.exists():
                destination.chmod(destination.stat().st_mode | stat.S_IWUSR)
            shutil.copyfile(origin, destination)
            manifest[f"{name}/{file}"] = _entry(destination, f"mirror:{name}/{file}", retrieved)
            published = source.sha256.get(file)
            if published and manifest[f"{name}/{file}"]["sha256"] != published:
                destination.unlink()
                raise RawDataError(
                    f"{origin}: sha256 {manifest[f'{name}/{file}']['sha256']} is not the {published} of "
                    f"PROVENANCE.md (source {name}): the mirror holds another version; nothing was used"
                )
    elif source.download is not None:
        for destination in source.download(target_dir):
            key = f"{name}/{destination.relative_to(target_dir).as_posix()}"
            manifest[key] = _entry(destination, source.online, retrieved)
    else:
        raise RawDataError(
            f"source {name} is not in the mirror ({mirror or 'no mirror found'}; set "
            f"{paths.MIRROR_ENV}) and has no automatic download; fetch it from {source.online}"
        )
    _write_manifest(manifest)
    return target_dir


def _entry(path: Path, origin: str, retrieved: str) -> dict[str, object]:
    _make_read_only(path)
    return {
        "origin": origin,
        "retrieved_utc": retrieved,
        "sha256": sha256_of(path),
        "bytes": path.stat().st_size,
    }


def record_files(name: str, files: list[Path], origin: str) -> None:
    """Enter files fetched into ``data/raw/<name>/`` in the manifest (origin, time, sha256) and make them read-only.

    For raw files fetched outside :data:`SOURCES`: the online StatLine tables of
    :mod:`analysis.social.statline`, which are not in the mirror.
    """
    manifest = read_manifest()
    retrieved = datetime.now(UTC).isoformat(timespec="seconds")
    base = paths.raw_dir() / name
    for path in files:
        manifest[f"{name}/{path.relative_to(base).as_posix()}"] = _entry(path, origin, retrieved)
    _write_manifest(manifest)


def raw_file(name: str, file: str) -> Path:
    """Path of one raw file of source ``name``, fetched first when needed."""
    path = ensure_raw(name) / file
    if not path.exists():
        raise RawDataError(f"{path}: source {name} has no file {file!r}")
    return path
