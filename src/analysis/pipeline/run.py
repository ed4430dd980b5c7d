"""The papermill portfolio: every municipal report and the annex in one run.

``run_reports`` builds the data if needed, executes ``notebooks/municipality.ipynb`` once per
municipality in parallel worker processes, executes ``notebooks/annex.ipynb``, converts each
executed notebook to HTML (code hidden) inside the worker, and writes ``index.html`` and
``manifest.json``. A report is re-rendered only when its content key (``analysis.pipeline.keys``:
notebook, package code, processed data, parameters, and what the report shows of the codings)
differs from the one stored in its
executed notebook, and the summary says why. One run at a time holds the output folder
(``analysis.pipeline.outputs``); its half-written files live in ``.partial/<run-id>/`` and are
renamed into place when complete, so an interrupted run never leaves a report that looks finished.
Workers and kernels die with the main process (``analysis.pipeline.lifetime``). Third-party chatter
(kernel warnings, library warnings) goes to ``run.log`` in the output folder, not the terminal.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from functools import cache
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
from tqdm.auto import tqdm

from analysis.core import layers, paths
from analysis.pipeline import inputs, keys, outputs, pdf, provenance
from analysis.pipeline.index import ANNEX_SLUG, indexed_codes, write_index
from analysis.pipeline.inputs import check_selection, resolve_codings_path
from analysis.pipeline.jobs import Job, Outcome, RunSummary, key_jobs, plan_keys  # noqa: F401 (run.plan_keys for tests)
from analysis.pipeline.runlog import init_worker, log_to

if TYPE_CHECKING:
    import pandas as pd


# Worker processes import this module to run jobs; the data libraries (pandas, geopandas through
# analysis.pipeline.build and analysis.geo.cases) are imported inside the functions that plan a run, so that a
# worker stays small (about 100 MB instead of 200 MB) next to its kernel.

MUNICIPALITY_NOTEBOOK = paths.NOTEBOOKS_DIR / "municipality.ipynb"
ANNEX_NOTEBOOK = paths.NOTEBOOKS_DIR / "annex.ipynb"

log = logging.getLogger(__name__)


def select_codes(selection: str, municipalities: pd.DataFrame, cases: pd.DataFrame) -> list[str]:
    """``"cases"`` (the twenty), ``"all"`` (every municipality of 2017) or a comma list of codes/names."""
    from analysis.geo.cases import resolve_municipality

    check_selection(selection)
    if selection == "cases":
        return list(cases["gm_code"])
    if selection == "all":
        return sorted(municipalities["gm_code"])
    codes = [resolve_municipality(item, municipalities) for item in selection.split(",") if item.strip()]
    return list(dict.fromkeys(codes))


def plan_jobs(codes: list[str], output_dir: Path, codings_path: str = "", with_annex: bool = True) -> list[Job]:
    """One job per municipality (in the order given) plus the annex."""
    from analysis.geo.cases import load_cases, load_municipality_names, slugify

    municipalities = load_municipality_names()
    names = dict(zip(municipalities["gm_code"], municipalities["gm_name"], strict=True))
    case_codes = set(load_cases(municipalities=municipalities)["gm_code"])
    common = {"codings_path": codings_path, "data_dir": str(paths.data_dir())}
    jobs = [
        Job(
            slug=(slug := slugify(code, names[code])),
            title=names[code],
            notebook=MUNICIPALITY_NOTEBOOK,
            parameters={
                "municipality_code": code,
                **common,
                "figures_dir": str(output_dir / "figures" / slug),
            },
            gm_code=code,
            is_case=code in case_codes,
        )
        for code in codes
    ]
    if with_annex:
        jobs.append(
            Job(
                slug=ANNEX_SLUG,
                title="Bijlage over de twintig gemeenten",
                notebook=ANNEX_NOTEBOOK,
                parameters={**common, "figures_dir": str(output_dir / "figures" / ANNEX_SLUG)},
                printable=True,
            )
        )
    return jobs


def stale_reason(job: Job, output_dir: Path) -> str | None:
    """Why ``job`` must be rendered (a key of ``keys.REASONS``), or None when its outputs are up to date.

    Up to date means: the HTML and the executed notebook exist, and the key stored in the notebook
    equals the job's key. A damaged or keyless notebook is out of date, never an error.
    """
    html, notebook = output_dir / f"{job.slug}.html", output_dir / f"{job.slug}.ipynb"
    if not (html.is_file() and notebook.is_file()):
        return "no output"
    assert job.key is not None, "plan_keys gives every job its key"
    return keys.stale_reason(keys.read_stored_key(notebook), job.key)


#: Cells with this tag speak to a researcher reading the notebook (what a cell computes); the
#: reviewer's page takes every heading and sentence from the rendered blocks instead.
REMOVE_CELL_TAG = "remove_cell"


@cache
def _html_exporter():  # one per worker process: building it loads the templates
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {REMOVE_CELL_TAG}
    exporter = HTMLExporter(config=config, template_name="lab")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    # The notebook is checked once, after the last preprocessor, instead of after each of twelve.
    exporter.optimistic_validation = True
    return exporter


def render_html(
    notebook: nbformat.NotebookNode,
    title: str,
    provenance_record: dict | None = None,
    figures_root: Path | None = None,
) -> str:
    """HTML for reviewers: outputs only, code hidden, cells tagged ``remove_cell`` left out.

    Args:
        notebook: the executed notebook.
        title: the page title.
        provenance_record: when given, a footer says what the page was made from
            (``analysis.pipeline.provenance``), in the notebook's language.
        figures_root: when given (``--self-contained``), the figures the page links under
            ``figures/`` are read from this folder and embedded, so the HTML travels alone.
    """
    from analysis.pipeline.provenance import add_footer, notebook_language
    from analysis.report.render import embed_linked_figures

    notebook.metadata["title"] = title
    body, _ = _html_exporter().from_notebook_node(notebook)
    if figures_root is not None:
        body = embed_linked_figures(body, figures_root)
    if provenance_record is not None:
        body = add_footer(body, provenance_record, notebook_language(notebook.metadata))
    return body


def execute_job(
    job: Job, output_dir: Path, engine: str = "warm", work_dir: Path | None = None, self_contained: bool = False
) -> Outcome:
    """Execute one notebook with papermill and render it; never raises (the runner collects errors).

    ``engine`` is ``"warm"`` (one reused kernel per worker, see ``analysis.pipeline.kernels``) or
    ``"fresh"`` (papermill's default: a new kernel per notebook). Half-written files go to
    ``work_dir`` (this run's own folder) and are renamed into ``output_dir`` when complete; the
    job's content key and provenance go into the executed notebook's metadata. With
    ``self_contained`` the HTML embeds its figures instead of linking the PNG files.
    """
    import papermill

    from analysis.pipeline import kernels

    kernels.register()

    started = time.perf_counter()
    work_dir = work_dir or output_dir / outputs.PARTIAL_NAME / f"single-{os.getpid()}"
    work_dir.mkdir(parents=True, exist_ok=True)
    partial_nb = work_dir / f"{job.slug}.ipynb"
    try:
        executed = papermill.execute_notebook(
            str(job.notebook),
            str(partial_nb),
            parameters=job.parameters,
            kernel_name="python3",
            progress_bar=False,
            report_mode=True,
            cwd=str(paths.NOTEBOOKS_DIR),
            engine_name=kernels.ENGINE_NAME if engine == "warm" else kernels.FRESH_ENGINE_NAME,
            notebook_metadata=_notebook_metadata(job),
        )
        final_nb = output_dir / f"{job.slug}.ipynb"
        partial_html = work_dir / f"{job.slug}.html"
        page = render_html(executed, job.title, job.provenance, output_dir if self_contained else None)
        partial_html.write_text(page, encoding="utf-8")
        os.replace(partial_nb, final_nb)
        os.replace(partial_html, output_dir / f"{job.slug}.html")
        note = ""
        if job.printable:
            try:
                pdf.print_to_pdf(output_dir / f"{job.slug}.html", output_dir / f"{job.slug}.pdf")
            except pdf.PdfUnavailable as missing:
                # The HTML report stands on its own; the PDF is an extra that needs Chromium.
                note = str(missing)
        return Outcome(job, "done", time.perf_counter() - started, note)
    except Exception as error:  # noqa: BLE001 - one report's failure must not stop the others
        log.info("%s failed", job.slug, exc_info=True)
        return Outcome(
            job,
            "failed",
            time.perf_counter() - started,
            _describe_error(error),
            kept_notebook=_keep_failed(partial_nb, output_dir),
        )


def _notebook_metadata(job: Job) -> dict:
    """What papermill writes into the executed notebook's metadata: content key and provenance."""
    from analysis.pipeline.provenance import METADATA_KEY

    entries: dict = {}
    if job.key is not None:
        entries[keys.STORED_KEY] = job.key.as_metadata()
    if job.provenance is not None:
        entries[METADATA_KEY] = job.provenance
    return entries


def _keep_failed(partial_nb: Path, output_dir: Path) -> Path | None:
    """Move a partly executed notebook to ``failed/``; an empty or unreadable one is dropped, not kept."""
    if not partial_nb.is_file():
        return None
    if partial_nb.stat().st_size == 0:
        partial_nb.unlink()
        return None
    kept = output_dir / "failed" / partial_nb.name
    kept.parent.mkdir(exist_ok=True)
    os.replace(partial_nb, kept)
    return kept


def _describe_error(error: Exception) -> str:
    ename = getattr(error, "ename", type(error).__name__)
    evalue = getattr(error, "evalue", str(error))
    if ename == type(error).__name__ and not evalue:
        return "".join(traceback.format_exception_only(error)).strip()
    return f"{ename}: {evalue}".strip()


def run_reports(
    selection: str = "cases",
    output_dir: Path | None = None,
    workers: int | None = None,
    codings_path: str = "",
    force: bool = False,
    with_annex: bool = True,
    show_progress: bool = True,
    engine: str = "warm",
    self_contained: bool = False,
    share_codings: bool = True,
) -> RunSummary:
    """Build the data, execute and render every selected report that is out of date, write index and manifest.

    Args:
        selection: ``"cases"``, ``"all"`` or a comma list of codes or names.
        output_dir: where reports go (default ``reports/``); relative to the caller's working folder.
        workers: parallel worker processes (default: the machine's cores).
        codings_path: a codings file instead of the illustrative example; relative to the caller's
            working folder.
        force: re-run reports that are up to date.
        with_annex: also run the cross-case annex.
        show_progress: draw a progress bar.
        engine: ``"warm"`` (a reused kernel per worker) or ``"fresh"`` (a new kernel per report).
        self_contained: embed the figures in each HTML (it then travels alone) instead of linking
            the PNG files under ``figures/``, where every figure is stored once.
        share_codings: import the codings once for all kernels (``analysis.qual.codings_cache``);
            False makes every kernel parse the file itself (for the memory benchmark).

    Raises:
        RunInputError: the selection is empty or the codings file cannot be used.
        outputs.OutputFolderError: the output folder is not allowed, a file, or busy with another run.
    """
    from analysis.geo.cases import load_cases, load_municipality_names
    from analysis.pipeline import build

    check_selection(selection)
    codings_parameter, codings_file = resolve_codings_path(codings_path)
    output_dir = outputs.check_output_dir(output_dir or paths.REPORTS_DIR)
    output_dir.mkdir(parents=True, exist_ok=True)
    with outputs.output_lock(output_dir), log_to(output_dir / outputs.LOG_NAME) as log_path:
        work_dir = outputs.run_work_dir(output_dir)
        try:
            # What the build says (layers written, sources missing offline) is detail for the log.
            said = io.StringIO()
            with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
                build.build()
            for line in said.getvalue().splitlines():
                log.info("build: %s", line)
            municipalities = load_municipality_names()
            cases = load_cases(municipalities=municipalities)
            codes = select_codes(selection, municipalities, cases)
            # The codings are imported once, up front: a file the reader refuses stops the run here.
            jobs, shared = key_jobs(
                plan_jobs(codes, output_dir, codings_path=codings_parameter, with_annex=with_annex),
                codings_file,
                cases["gm_code"],
                output_dir,
                work_dir,
                share_codings=share_codings,
            )
            environment = provenance.collect_environment()
            jobs = [
                replace(job, provenance=provenance.job_record(environment, job.parameters, job.key)) for job in jobs
            ]
            summary = RunSummary(output_dir, log_path=log_path)
            todo = []
            for job in jobs:
                reason = "forced" if force else stale_reason(job, output_dir)
                if reason is None:
                    summary.outcomes.append(Outcome(job, "skipped"))
                else:
                    todo.append((job, reason))
            reasons = {job.slug: reason for job, reason in todo}
            if shared is None and todo and share_codings:
                shared = inputs.share_codings(codings_file, work_dir)
            for outcome in execute_jobs(
                [job for job, _ in todo],
                output_dir,
                workers=workers,
                show_progress=show_progress,
                engine=engine,
                work_dir=work_dir,
                log_path=log_path,
                self_contained=self_contained,
                shared_codings=str(shared or ""),
            ):
                outcome.reason = reasons[outcome.job.slug]
                log.info(
                    "%s %s (%s) %.1f s %s",
                    outcome.job.slug,
                    outcome.status,
                    outcome.reason,
                    outcome.seconds,
                    outcome.error,
                )
                summary.outcomes.append(outcome)
            outputs.update_manifest(output_dir, manifest_entries(summary))
            write_index(summary, plan_jobs(indexed_codes(codes, output_dir, municipalities, cases), output_dir))
        finally:
            outputs.remove_work_dir(work_dir)
    return summary


def manifest_entries(summary: RunSummary) -> dict[str, dict]:
    """Manifest entries for the reports of this run whose outputs are in the folder (rendered or up to date)."""
    entries = {}
    for outcome in summary.outcomes:
        job = outcome.job
        if outcome.status == "failed" or job.key is None:
            continue
        files = [f"{job.slug}.{suffix}" for suffix in ("html", "ipynb", "pdf")]
        entries[job.slug] = {
            "key": job.key.key,
            "parts": job.key.parts,
            "parameters": job.parameters,
            "inputs": job.key.inputs,
            "files": [name for name in files if (summary.output_dir / name).exists()],
        }
        if job.provenance is not None:
            # Parameters and inputs are listed above; the code and environment come from the record.
            entries[job.slug]["provenance"] = {
                name: job.provenance[name] for name in ("commit", "is_dirty", "lock_sha256", "packages")
            }
    return entries


def default_workers() -> int:
    """One worker process per core.

    A worker once converted and wrote for a good part of each report, and one worker more than
    there were cores kept the cores busy (60 reports: 76 s with 2 workers, 66 s with 3). Now the
    kernel does nearly all the work, and a third worker on 2 cores only contends: measured
    2026-12-02, 60 reports in 46-52 s with 2 workers against 49-55 s with 3 and 56 s with 4; the
    twenty + annex in 29-31 s against 31-32 s; and one kernel less in memory.
    """
    return os.cpu_count() or 1


def execute_jobs(
    jobs: list[Job],
    output_dir: Path,
    workers: int | None = None,
    show_progress: bool = True,
    engine: str = "warm",
    work_dir: Path | None = None,
    log_path: Path | None = None,
    self_contained: bool = False,
    shared_codings: str = "",
) -> list[Outcome]:
    """Run ``jobs`` in parallel worker processes; a failure is reported and the others go on."""
    outcomes: list[Outcome] = []
    if not jobs:
        return outcomes
    own_work_dir = work_dir is None
    # Without the run's folder (a direct call), a folder of its own that leaves other runs' folders alone.
    work_dir = work_dir or outputs.run_work_dir(output_dir, clear_leftovers=False)
    workers = max(1, min(workers or default_workers(), len(jobs)))
    ordered = run_order(jobs)
    pool_args = (output_dir, engine, work_dir, str(log_path) if log_path else None, self_contained, shared_codings)
    try:
        with tqdm(total=len(jobs), desc="reports", unit="report", disable=not show_progress) as bar:
            survivors = _run_pool(ordered, workers, pool_args, outcomes, bar)
            # A worker died and took every unfinished job with it. Which job killed it is unknown, so
            # the rest run one per pool: a job that kills its own worker is reported, the others finish.
            for job in survivors:
                _run_pool([job], 1, pool_args, outcomes, bar)
    finally:
        if own_work_dir:
            outputs.remove_work_dir(work_dir)
    return outcomes


def run_order(jobs: list[Job]) -> list[Job]:
    """The annex first, then the municipal reports grouped by youth-care region, in code order within one.

    The annex takes several times as long as a municipal report: started first, it does not run
    alone at the end. A region's members in a row let each kernel re-use the region's map backdrop
    (``viz.region_maps.region_png``): about 4 in 5 region maps of a full run instead of 2 in 3 in
    code order.
    """
    try:
        memberships = layers.read_processed(layers.MEMBERSHIPS_FILE)
        regions = dict(zip(memberships["gm_code"], memberships["youth_care_region_code"], strict=True))
    except FileNotFoundError:  # the notebooks will say what to build; the order only saves time
        regions = {}
    return sorted(jobs, key=lambda job: (job.gm_code is not None, str(regions.get(job.gm_code, "")), job.gm_code or ""))


def _run_pool(jobs: list[Job], workers: int, pool_args: tuple, outcomes: list[Outcome], bar: tqdm) -> list[Job]:
    """Run ``jobs`` in one pool, appending to ``outcomes``; return the jobs lost with a dead worker.

    A single job whose worker dies is reported as failed instead of returned.
    """
    output_dir, engine, work_dir, log_path, self_contained, shared_codings = pool_args
    lost: list[Job] = []
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=init_worker,
        initargs=(os.getpid(), log_path, shared_codings),
    ) as pool:
        pending = {pool.submit(execute_job, job, output_dir, engine, work_dir, self_contained): job for job in jobs}
        try:
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    job = pending.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool as broken:
                        if len(jobs) > 1:
                            lost.append(job)
                            continue
                        outcome = Outcome(
                            job, "failed", error=f"the worker process died running this report ({broken})"
                        )
                    outcomes.append(outcome)
                    bar.update(1)
                    if outcome.status == "failed":
                        bar.write(f"FAILED {outcome.job.slug}: {outcome.error.splitlines()[0][:200]}")
        except KeyboardInterrupt:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return lost


def disk_use_bytes(folder: Path) -> int:
    """Bytes used by the files under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
