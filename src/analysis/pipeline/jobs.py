"""The jobs of a run, their content keys, and what happened to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.pipeline import keys
from analysis.pipeline.keys import JobKey

if TYPE_CHECKING:
    from analysis.pipeline.codings_slices import CodingsSlices


@dataclass(frozen=True)
class Job:
    """One notebook to execute and render."""

    slug: str
    title: str
    notebook: Path
    parameters: dict[str, str]
    gm_code: str | None = None
    is_case: bool = False
    printable: bool = False  #: also print the HTML to PDF
    key: JobKey | None = None  #: content key, stored in the executed notebook's metadata
    #: what the report was made from (``analysis.pipeline.provenance.job_record``): notebook
    #: metadata, manifest and the HTML footer
    provenance: dict | None = field(default=None, compare=False)


@dataclass
class Outcome:
    """What happened to one job."""

    job: Job
    status: str  #: "done", "skipped" or "failed"
    seconds: float = 0.0
    error: str = ""  #: why it failed, or for "done" a warning (e.g. no PDF)
    reason: str = ""  #: why it was (re-)rendered: a key of ``keys.REASONS``
    kept_notebook: Path | None = None  #: for "failed": the partly executed notebook, when one was written


@dataclass
class RunSummary:
    """All outcomes of a run, with the output folder and its log file."""

    output_dir: Path
    outcomes: list[Outcome] = field(default_factory=list)
    log_path: Path | None = None

    @property
    def failed(self) -> list[Outcome]:
        """Jobs that raised."""
        return [o for o in self.outcomes if o.status == "failed"]


def collect_shared_inputs(hasher: keys.ContentHasher, codings_file: Path) -> keys.SharedInputs:
    """The digests every job of the run shares: code, data and config, the codings and its side files."""
    from analysis.qual.codebook_choice import codebook_inputs
    from analysis.qual.codings import report_case_mapping

    return keys.SharedInputs.collect(
        hasher, codings_file, report_case_mapping(codings_file), codebook_inputs(codings_file)
    )


def plan_keys(
    jobs: list[Job],
    codings_file: Path,
    slices: CodingsSlices | None = None,
    hasher: keys.ContentHasher | None = None,
    shared: keys.SharedInputs | None = None,
) -> list[Job]:
    """The jobs with their content keys; every shared file is hashed once for all of them.

    With ``slices`` a municipal report is keyed on what it shows of the codings; the annex (and
    every job without ``slices``) on the whole codings file.
    """
    hasher = hasher or keys.ContentHasher()
    shared = shared or collect_shared_inputs(hasher, codings_file)
    return [
        replace(
            job,
            key=keys.job_key(
                hasher,
                shared,
                job.notebook,
                job.parameters,
                slices.digest_for(job.gm_code) if slices is not None and job.gm_code is not None else None,
            ),
        )
        for job in jobs
    ]


def key_jobs(
    jobs: list[Job],
    codings_file: Path,
    case_codes: Iterable[str],
    output_dir: Path,
    work_dir: Path,
    share_codings: bool = True,
) -> tuple[list[Job], Path | None]:
    """The jobs keyed as a run keys them: each municipal report on its slice of the codings.

    The codings are imported once, up front (or their slices read from ``output_dir`` when the
    inputs are the same as last time; :func:`analysis.pipeline.inputs.slice_run_codings`).

    Returns:
        The keyed jobs, and the shared codings copy's folder when the import wrote one.

    Raises:
        RunInputError: the codings file is refused by the reader (e.g. no codings found).
    """
    from analysis.pipeline import inputs

    hasher = keys.ContentHasher()
    shared = collect_shared_inputs(hasher, codings_file)
    slices, folder = inputs.slice_run_codings(
        codings_file, shared.fingerprint(hasher), case_codes, output_dir, work_dir, write_copy=share_codings
    )
    return plan_keys(jobs, codings_file, slices, hasher=hasher, shared=shared), folder
