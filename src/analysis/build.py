"""Rebuild the derived data layers from ``data/raw``: ``python -m analysis build``.

Each step reads the layer before it and writes its outputs atomically; a step is skipped when its
outputs are newer than its inputs, unless ``force``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis import geography, paths, sources


@dataclass(frozen=True)
class Step:
    """One derived file, the raw sources it needs and the function that writes it."""

    output: Callable[[], Path]
    sources: tuple[str, ...]
    write: Callable[[Path], None]


def _write_municipalities(target: Path) -> None:
    raw_dir = sources.ensure_raw(geography.SOURCE_NAME)
    raw_path = next((p for p in (raw_dir / "gemeente_2017.gpkg", raw_dir / "buurt_2017.zip") if p.exists()))
    frame = geography.build_municipalities(geography.read_raw_municipalities(raw_path))
    frame.to_parquet(target, index=False)


STEPS: tuple[Step, ...] = (
    Step(geography.processed_path, (geography.SOURCE_NAME,), _write_municipalities),
)


def _is_fresh(step: Step) -> bool:
    output = step.output()
    if not output.exists():
        return False
    built = output.stat().st_mtime
    manifest = sources.manifest_path()
    inputs = [Path(__file__).parent / "geography.py"]
    if manifest.exists():
        inputs.append(manifest)
    return all(path.stat().st_mtime <= built for path in inputs)


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``target`` and rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=target.suffix)
    os.close(handle)
    try:
        write(Path(tmp_name))
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def build(force: bool = False) -> list[Path]:
    """Fetch the raw sources and (re)write every processed file; returns the files written."""
    written = []
    for step in STEPS:
        for name in step.sources:
            sources.ensure_raw(name)
        if force or not _is_fresh(step):
            write_atomically(step.output(), step.write)
            written.append(step.output())
    return written


if __name__ == "__main__":  # pragma: no cover
    for path in build():
        print(f"wrote {path.relative_to(paths.REPO_ROOT) if path.is_relative_to(paths.REPO_ROOT) else path}")
