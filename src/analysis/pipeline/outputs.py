"""The output folder of a run: where it may be, one run at a time, a working folder per run, the manifest.

- ``check_output_dir``: reports never go into the repository's sources (``notebooks/``, ``src/``,
  ``config/``, ``tests/``, ``.git``), its root or the data folders; a path that is a file is refused
  with a sentence, not a traceback.
- ``output_lock``: an exclusive ``fcntl`` lock on ``<output>/.lock`` for the whole run; a second run
  into the same folder is refused at once with the first run's pid (the lock dies with its process,
  so a killed run never blocks the next).
- ``run_work_dir``: ``<output>/.partial/<run-id>/`` for the half-written files of this run only.
- ``update_manifest``: ``<output>/manifest.json`` lists every report with its content key, parts,
  input digests and files.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from analysis.core import paths

LOCK_NAME = ".lock"
PARTIAL_NAME = ".partial"
MANIFEST_NAME = "manifest.json"
LOG_NAME = "run.log"


class OutputFolderError(ValueError):
    """The output folder cannot be used (inside the sources, a file, or busy); the CLI exits 2."""


def forbidden_dirs() -> list[Path]:
    """Folders no report may be written into (or below)."""
    root = paths.REPO_ROOT
    return [
        root / "notebooks",
        root / "src",
        paths.CONFIG_DIR,
        root / "tests",
        root / ".git",
        root / "data",
        paths.data_dir(),
    ]


def check_output_dir(path: Path | str) -> Path:
    """The absolute output folder, after checking that reports may be written there.

    Raises:
        OutputFolderError: the folder is the repository root, lies in one of ``forbidden_dirs``,
            is a file, or holds a ``.partial`` or ``.lock`` that is not what a run leaves there.
    """
    folder = Path(os.path.abspath(Path(path).expanduser()))
    real = folder.resolve()
    if real == paths.REPO_ROOT.resolve():
        raise OutputFolderError(f"{folder} is the repository itself; write reports to reports/ or another folder")
    for forbidden in forbidden_dirs():
        if real.is_relative_to(forbidden.resolve()):
            raise OutputFolderError(
                f"{folder} lies in {forbidden}, which holds the project's sources or data; "
                "choose another --output-dir (default: reports/)"
            )
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError(f"{folder} is a file, not a folder; choose another --output-dir")
    for name, kind in ((PARTIAL_NAME, "working folder"), (LOCK_NAME, "lock file")):
        inside = folder / name
        is_wrong = inside.is_dir() if name == LOCK_NAME else (inside.exists() and not inside.is_dir())
        if is_wrong:
            raise OutputFolderError(
                f"{inside} should be the runs' {kind} but is a {'folder' if inside.is_dir() else 'file'}; "
                "move it away and run again"
            )
    return folder


@contextmanager
def output_lock(folder: Path) -> Iterator[Path]:
    """Hold the exclusive lock on ``folder`` for the duration of the ``with`` block.

    Raises:
        OutputFolderError: another live run holds the lock.
    """
    lock_path = folder / LOCK_NAME
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise OutputFolderError(f"cannot create the lock file {lock_path}: {error.strerror}") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            holder = os.pread(descriptor, 200, 0).decode("utf-8", "replace").strip() or "unknown"
            raise OutputFolderError(
                f"another run (pid {holder}) is writing into {folder}; wait until it ends "
                "or choose another --output-dir"
            ) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, str(os.getpid()).encode(), 0)
        yield lock_path
    finally:
        os.close(descriptor)  # closing releases the lock


def run_work_dir(folder: Path, clear_leftovers: bool = True) -> Path:
    """A fresh working folder for this run under ``<folder>/.partial``.

    With ``clear_leftovers`` the folders of dead runs go too: only do that while holding
    ``output_lock``, when no other run is writing and every other folder there belongs to a run
    that was killed.
    """
    partial = folder / PARTIAL_NAME
    if clear_leftovers and partial.is_dir():
        for leftover in partial.iterdir():
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
    partial.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-", dir=partial))


def remove_work_dir(work: Path) -> None:
    """Remove this run's working folder, and ``.partial`` when no other run left anything in it."""
    shutil.rmtree(work, ignore_errors=True)
    try:
        work.parent.rmdir()
    except OSError:
        pass


def read_manifest(folder: Path) -> dict:
    """The manifest of ``folder``; an empty one when it is missing or damaged (it is rebuilt as reports run)."""
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"reports": {}}
    if not isinstance(manifest, dict) or not isinstance(manifest.get("reports"), dict):
        return {"reports": {}}
    return manifest


def update_manifest(folder: Path, entries: Mapping[str, dict]) -> Path:
    """Merge ``entries`` (slug -> key, parts, inputs, parameters, files) into ``<folder>/manifest.json``.

    Entries of earlier runs stay while their HTML is still in the folder.
    """
    manifest = read_manifest(folder)
    reports = {
        slug: entry
        for slug, entry in manifest["reports"].items()
        if isinstance(entry, dict) and (folder / f"{slug}.html").exists()
    }
    reports.update(entries)
    manifest = {"generated": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "reports": dict(sorted(reports.items()))}
    target = folder / MANIFEST_NAME
    partial = folder / f".{MANIFEST_NAME}.partial"
    partial.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, target)
    return target
