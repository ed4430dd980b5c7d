"""Content keys: a report is up to date when what it was made from is byte for byte the same.

File times lie in both directions: a checkout or ``make data`` touches files without changing them,
and ``unzip``, ``cp -p`` or ``rsync -a`` put new content under an old time. So each job's key is a
hash of its parts, each itself a hash of content:

==============  ==========================================================================
part            what is hashed
==============  ==========================================================================
``parameters``  the papermill parameters (JSON, sorted keys)
``codings``     a municipal report: what it shows of the codings (its own rows and rejections,
                the aggregates of the twenty it draws, ``analysis.pipeline.codings_slices``);
                the annex (which shows every coding): the codings file's bytes, its
                case-mapping sidecar's and its project codebook files'. The file's digest is
                listed among every job's inputs (manifest, provenance) either way.
``code``        the notebook template and every ``.py`` file of the ``analysis`` package
``data``        every file in ``data/processed`` and ``config/``
==============  ==========================================================================

The key and its parts go into the executed notebook's metadata (``STORED_KEY``); comparing parts
tells why a report is stale. Files are hashed once per run (``ContentHasher`` keeps the digests),
never once per job.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from analysis.core import paths

#: Key of the notebook metadata entry that holds the content key and its parts.
STORED_KEY = "gemeenten3d"
#: The parts in the order a stale report is explained: the first that differs is the reason.
PARTS: tuple[str, ...] = ("parameters", "codings", "code", "data")
#: Why a report is re-rendered, for the summary (Dutch, as everything the user reads).
REASONS: dict[str, str] = {
    "no output": "nog geen uitvoer",
    "damaged output": "uitvoer beschadigd of zonder sleutel",
    "parameters": "parameters gewijzigd",
    "codings": "coderingen gewijzigd",
    "code": "code gewijzigd",
    "data": "data gewijzigd",
    "forced": "opnieuw op verzoek (--force)",
}
_CHUNK = 1 << 20


def digest_bytes(data: bytes) -> str:
    """SHA-256 of ``data`` as hex."""
    return hashlib.sha256(data).hexdigest()


class ContentHasher:
    """SHA-256 digests of files, each file read once per instance (one instance per run)."""

    def __init__(self) -> None:
        self._digests: dict[Path, str] = {}

    def file(self, path: Path) -> str:
        """Digest of one file's bytes; ``"missing"`` for a file that does not exist."""
        path = Path(path).absolute()
        if path not in self._digests:
            if not path.is_file():
                return "missing"
            sha = hashlib.sha256()
            with open(path, "rb") as handle:
                while chunk := handle.read(_CHUNK):
                    sha.update(chunk)
            self._digests[path] = sha.hexdigest()
        return self._digests[path]

    def files(self, named: Iterable[tuple[str, Path]]) -> dict[str, str]:
        """Digests of several files by the name they are listed under."""
        return {name: self.file(path) for name, path in named}

    def combined(self, named: Mapping[str, str]) -> str:
        """One digest over a listing of names and digests (order-independent)."""
        return digest_bytes(json.dumps(dict(sorted(named.items()))).encode())


def package_sources() -> list[tuple[str, Path]]:
    """Every ``.py`` file of the ``analysis`` package, named relative to the package."""
    package = Path(__file__).resolve().parents[1]
    return [(f"analysis/{p.relative_to(package).as_posix()}", p) for p in sorted(package.rglob("*.py"))]


def data_files() -> list[tuple[str, Path]]:
    """The processed layers and the configuration every report reads."""
    listed = []
    for folder, label in ((paths.processed_dir(), "processed"), (paths.CONFIG_DIR, "config")):
        if folder.is_dir():
            # Dot files are bookkeeping (the build's input digest, half-written temporaries), not layers.
            listed += [
                (f"{label}/{p.name}", p) for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")
            ]
    return listed


@dataclass(frozen=True)
class JobKey:
    """A job's content key, its parts, and the input files with their digests (for the manifest)."""

    key: str
    parts: dict[str, str]
    inputs: dict[str, str]

    def as_metadata(self) -> dict:
        """What goes into the executed notebook's metadata under ``STORED_KEY``."""
        return {"key": self.key, "parts": dict(self.parts)}


@dataclass(frozen=True)
class SharedInputs:
    """The digests all jobs of a run share, computed once: package code, data and config, codings."""

    code: dict[str, str]
    data: dict[str, str]
    codings: dict[str, str]

    @classmethod
    def collect(
        cls,
        hasher: ContentHasher,
        codings_file: Path,
        mapping_file: Path | None,
        codebook_files: Iterable[Path] = (),
    ) -> SharedInputs:
        """Hash the package, the processed data and config, and the codings (mapping sidecar, codebook files)."""
        codings = {f"codings:{codings_file}": hasher.file(codings_file)}
        if mapping_file is not None:
            codings[f"mapping:{mapping_file}"] = hasher.file(mapping_file)
        for codebook_file in codebook_files:
            codings[f"codebook:{codebook_file}"] = hasher.file(codebook_file)
        return cls(hasher.files(package_sources()), hasher.files(data_files()), codings)

    def fingerprint(self, hasher: ContentHasher) -> str:
        """One digest of everything shared: what a run's codings slices are computed from."""
        return hasher.combined(
            {
                "code": hasher.combined(self.code),
                "data": hasher.combined(self.data),
                "codings": hasher.combined(self.codings),
            }
        )


def job_key(
    hasher: ContentHasher,
    shared: SharedInputs,
    notebook: Path,
    parameters: Mapping[str, str],
    codings_slice: str | None = None,
) -> JobKey:
    """The content key of one notebook run with ``parameters`` over the ``shared`` inputs.

    Args:
        hasher: the run's hasher.
        shared: the run's shared digests.
        notebook: the template.
        parameters: the papermill parameters.
        codings_slice: for a municipal report, the digest of what it shows of the codings
            (:meth:`analysis.pipeline.codings_slices.CodingsSlices.digest_for`); None keys the
            job on the whole codings file (the annex, or a run whose codings could not be sliced).
    """
    notebook_entry = {f"notebook/{Path(notebook).name}": hasher.file(notebook)}
    codings_part = hasher.combined(shared.codings) if codings_slice is None else digest_bytes(codings_slice.encode())
    parts = {
        "parameters": digest_bytes(json.dumps(dict(parameters), sort_keys=True).encode()),
        "codings": codings_part,
        "code": hasher.combined({**shared.code, **notebook_entry}),
        "data": hasher.combined(shared.data),
    }
    key = digest_bytes(json.dumps(parts, sort_keys=True).encode())
    inputs = {**notebook_entry, **shared.codings, **shared.data}
    return JobKey(key, parts, inputs)


def read_stored_key(notebook_path: Path) -> dict | None:
    """The key stored in an executed notebook, or None when it is missing, damaged or keyless."""
    try:
        with open(notebook_path, encoding="utf-8") as handle:
            stored = json.load(handle)["metadata"][STORED_KEY]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return stored if isinstance(stored, dict) and isinstance(stored.get("key"), str) else None


def stale_reason(stored: dict | None, new: JobKey) -> str | None:
    """None when ``stored`` equals ``new``; else the first differing part (see ``REASONS``)."""
    if stored is None:
        return "damaged output"
    if stored.get("key") == new.key:
        return None
    old_parts = stored.get("parts") if isinstance(stored.get("parts"), dict) else {}
    for part in PARTS:
        if old_parts.get(part) != new.parts[part]:
            return part
    return "damaged output"  # same parts, other key: the stored entry was edited
