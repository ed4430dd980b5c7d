"""Provenance: the code, environment, parameters and inputs each report was made from.

The main process collects the run's environment once (``collect_environment``: the git commit and
whether the working tree had uncommitted changes, the sha256 of ``requirements.lock``, the versions
of the key packages). Each job adds its parameters and its content-key inputs
(``job_record``). The record goes into the executed notebook's metadata (``METADATA_KEY``), into
``manifest.json``, and, at HTML export, into a footer under the page (``add_footer``), so the
annex PDF printed from that HTML carries it too. The footer is made of report blocks and rendered
by :mod:`analysis.report.render`, which escapes every text; its words come from
:mod:`analysis.narrative.provenance` (Dutch, English when the notebook's ``language`` is ``"en"``).
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from analysis.core import paths
from analysis.core.format import Language
from analysis.narrative import say
from analysis.pipeline.keys import JobKey
from analysis.report.blocks import Block, Heading, Paragraph
from analysis.report.render import page_html

#: Key of the notebook metadata entry that holds the provenance record.
METADATA_KEY = "provenance"
#: Packages whose versions change numbers or figures; named on every page.
KEY_PACKAGES: tuple[str, ...] = ("pandas", "geopandas", "matplotlib", "statsmodels", "scipy", "papermill")
LOCK_FILE = paths.REPO_ROOT / "requirements.lock"
_SHORT = 12  # characters of a digest shown on the page; the manifest keeps them whole
_FOOTER_STYLE = "margin-top:2.5em;padding-top:.6em;border-top:1px solid #dddddd;font-size:.75em;color:#555555"


@dataclass(frozen=True)
class Environment:
    """What the whole run shares: code version and environment.

    ``commit`` is None outside a git repository (a tarball), ``lock_sha256`` None without
    ``requirements.lock``; ``packages`` maps each of ``KEY_PACKAGES`` to its version (or
    ``"not installed"``).
    """

    commit: str | None
    is_dirty: bool
    lock_sha256: str | None
    packages: dict[str, str] = field(default_factory=dict)


def git_state(root: Path = paths.REPO_ROOT) -> tuple[str | None, bool]:
    """The commit checked out at ``root`` and whether tracked files differ from it.

    A folder that is not itself the top of a git repository (a tarball unpacked inside some other
    repository, or no git at all) gives ``(None, False)``: a parent's commit would name the wrong code.
    """
    try:
        top = _git(root, "rev-parse", "--show-toplevel")
        if top is None or Path(top).resolve() != Path(root).resolve():
            return None, False
        commit = _git(root, "rev-parse", "HEAD")
        changes = _git(root, "status", "--porcelain", "--untracked-files=no")
    except OSError:  # no git program
        return None, False
    return commit, bool(changes)


def _git(root: Path, *arguments: str) -> str | None:
    done = subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, text=True, timeout=30, check=False)
    return done.stdout.strip() if done.returncode == 0 else None


def package_versions(names: tuple[str, ...] = KEY_PACKAGES) -> dict[str, str]:
    """The installed version of each package in ``names``."""
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def file_sha256(path: Path) -> str | None:
    """SHA-256 of a file's bytes, or None when there is no such file."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def collect_environment(root: Path = paths.REPO_ROOT, lock_file: Path = LOCK_FILE) -> Environment:
    """The run's environment, collected once in the main process."""
    commit, is_dirty = git_state(root)
    return Environment(commit, is_dirty, file_sha256(lock_file), package_versions())


def job_record(environment: Environment, parameters: dict[str, str], key: JobKey | None) -> dict:
    """The provenance of one report: the environment, its parameters, its content key and inputs."""
    return {
        **asdict(environment),
        "parameters": dict(parameters),
        "key": key.key if key is not None else None,
        "inputs": dict(key.inputs) if key is not None else {},
    }


def footer_blocks(record: dict, language: Language = "nl") -> list[Block]:
    """The footer's blocks: commit, environment, content key, parameters and input checksums."""
    commit = record.get("commit")
    if commit is None:
        made = say("provenance.no_commit", language)
    else:
        made = say(
            "provenance.commit_dirty" if record.get("is_dirty") else "provenance.commit", language, commit=commit[:7]
        )
    lock = record.get("lock_sha256")
    packages = ", ".join(f"{name} {version}" for name, version in (record.get("packages") or {}).items())
    environment = say(
        "provenance.environment",
        language,
        lock=lock[:_SHORT] if lock else say("provenance.no_lock", language),
        packages=packages,
    )
    blocks: list[Block] = [
        Heading(say("provenance.heading", language), level=4),
        Paragraph(f"{made}. {environment}"),
    ]
    if record.get("key"):
        blocks.append(Paragraph(say("provenance.key", language, digest=record["key"][:_SHORT])))
    parameters = record.get("parameters") or {}
    if parameters:
        listed = "; ".join(f"{name} = {value!r}" for name, value in sorted(parameters.items()))
        blocks.append(Paragraph(listed, lead=say("provenance.parameters", language)))
    inputs = record.get("inputs") or {}
    if inputs:
        listed = "; ".join(f"{name} {str(digest)[:_SHORT]}" for name, digest in sorted(inputs.items()))
        blocks.append(Paragraph(listed, lead=say("provenance.inputs", language)))
    return blocks


def footer_html(record: dict, language: Language = "nl") -> str:
    """The footer as HTML; every text in it escaped by the renderer."""
    return f'<footer class="provenance" style="{_FOOTER_STYLE}">{page_html(footer_blocks(record, language))}</footer>'


def add_footer(page: str, record: dict, language: Language = "nl") -> str:
    """``page`` with the provenance footer as the last element of its main content."""
    footer = footer_html(record, language)
    for closing in ("</main>", "</body>"):
        at = page.rfind(closing)
        if at >= 0:
            return page[:at] + footer + page[at:]
    return page + footer


def notebook_language(notebook_metadata: dict) -> Language:
    """The ``language`` a notebook ran with (papermill's recorded parameters); Dutch unless ``"en"``."""
    parameters = (notebook_metadata.get("papermill") or {}).get("parameters") or {}
    return "en" if parameters.get("language") == "en" else "nl"
