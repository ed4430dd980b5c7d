"""The jobs of a run and what happened to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analysis.pipeline.keys import JobKey


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
