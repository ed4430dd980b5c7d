"""The papermill portfolio: every municipal report and the annex in one run.

``run_reports`` builds the data if needed, executes ``notebooks/municipality.ipynb`` once per
municipality in parallel worker processes, executes ``notebooks/annex.ipynb``, converts each
executed notebook to HTML (code hidden) inside the worker, and writes ``index.html``. Outputs are
written under temporary names and renamed when complete, so an interrupted run never leaves a
report that looks finished; a later run skips reports that are newer than all their inputs.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat
from tqdm.auto import tqdm

from analysis.core import paths
from analysis.pipeline import pdf

if TYPE_CHECKING:
    import pandas as pd

# Worker processes import this module to run jobs; the data libraries (pandas, geopandas through
# analysis.pipeline.build and analysis.geo.cases) are imported inside the functions that plan a run, so that a
# worker stays small (about 100 MB instead of 200 MB) next to its kernel.

MUNICIPALITY_NOTEBOOK = paths.NOTEBOOKS_DIR / "municipality.ipynb"
ANNEX_NOTEBOOK = paths.NOTEBOOKS_DIR / "annex.ipynb"
ANNEX_SLUG = "annex"


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


@dataclass
class Outcome:
    """What happened to one job."""

    job: Job
    status: str  #: "done", "skipped" or "failed"
    seconds: float = 0.0
    error: str = ""  #: why it failed, or for "done" a warning (e.g. no PDF)


@dataclass
class RunSummary:
    """All outcomes of a run, with the output folder."""

    output_dir: Path
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        """Jobs that raised."""
        return [o for o in self.outcomes if o.status == "failed"]


def select_codes(selection: str, municipalities: pd.DataFrame, cases: pd.DataFrame) -> list[str]:
    """``"cases"`` (the twenty), ``"all"`` (every municipality of 2017) or a comma list of codes/names."""
    from analysis.geo.cases import resolve_municipality

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


def newest_input_mtime(codings_path: str = "") -> float:
    """Newest modification time among the inputs every report shares: code, config, processed data, codings."""
    from analysis.pipeline import build
    from analysis.qual.codings import default_codings_path

    codings = Path(codings_path) if codings_path else default_codings_path()
    shared = [*paths.processed_dir().glob("*"), codings]
    return max([build.newest_input_mtime(), *(p.stat().st_mtime for p in shared if p.exists())])


def is_up_to_date(job: Job, output_dir: Path, newest_input: float) -> bool:
    """True when the job's HTML and notebook are newer than every input and were made with its parameters.

    The parameters matter as much as the times: a report made from other codings (an older file
    than the report) is out of date too.
    """
    outputs = [output_dir / f"{job.slug}.html", output_dir / f"{job.slug}.ipynb"]
    if not all(p.exists() for p in outputs):
        return False
    if min(p.stat().st_mtime for p in outputs) <= max(newest_input, job.notebook.stat().st_mtime):
        return False
    recorded = json.loads(outputs[1].read_text(encoding="utf-8"))["metadata"].get("papermill", {})
    return recorded.get("parameters") == job.parameters


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
    return exporter


def render_html(notebook: nbformat.NotebookNode, title: str) -> str:
    """HTML for reviewers: outputs only, code hidden, cells tagged ``remove_cell`` left out."""
    notebook.metadata["title"] = title
    body, _ = _html_exporter().from_notebook_node(notebook)
    return body


def execute_job(job: Job, output_dir: Path, engine: str = "warm") -> Outcome:
    """Execute one notebook with papermill and render it; never raises (the runner collects errors).

    ``engine`` is ``"warm"`` (one reused kernel per worker, see ``analysis.pipeline.kernels``) or
    ``"fresh"`` (papermill's default: a new kernel per notebook).
    """
    import papermill

    from analysis.pipeline import kernels

    kernels.register()

    started = time.perf_counter()
    work_dir = output_dir / ".partial"
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
            engine_name=kernels.ENGINE_NAME if engine == "warm" else None,
        )
        partial_html = work_dir / f"{job.slug}.html"
        partial_html.write_text(render_html(executed, job.title), encoding="utf-8")
        os.replace(partial_nb, output_dir / f"{job.slug}.ipynb")
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
        failed_dir = output_dir / "failed"
        failed_dir.mkdir(exist_ok=True)
        if partial_nb.exists():
            os.replace(partial_nb, failed_dir / f"{job.slug}.ipynb")
        message = _describe_error(error)
        return Outcome(job, "failed", time.perf_counter() - started, message)


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
) -> RunSummary:
    """Build the data, execute and render every selected report and the annex, write the index.

    Args:
        selection: ``"cases"``, ``"all"`` or a comma list of codes or names.
        output_dir: where reports go (default ``reports/``).
        workers: parallel worker processes (default: the machine's cores).
        codings_path: a codings file instead of the illustrative example.
        force: re-run reports that are up to date.
        with_annex: also run the cross-case annex.
        show_progress: draw a progress bar.
        engine: ``"warm"`` (a reused kernel per worker) or ``"fresh"`` (a new kernel per report).
    """
    from analysis.geo.cases import load_cases, load_municipality_names
    from analysis.pipeline import build

    output_dir = (output_dir or paths.REPORTS_DIR).resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    build.build()
    municipalities = load_municipality_names()
    cases = load_cases(municipalities=municipalities)
    codes = select_codes(selection, municipalities, cases)
    jobs = plan_jobs(codes, output_dir, codings_path=codings_path, with_annex=with_annex)
    summary = RunSummary(output_dir)
    newest_input = newest_input_mtime(codings_path)
    todo = []
    for job in jobs:
        if not force and is_up_to_date(job, output_dir, newest_input):
            summary.outcomes.append(Outcome(job, "skipped"))
        else:
            todo.append(job)
    summary.outcomes += execute_jobs(todo, output_dir, workers=workers, show_progress=show_progress, engine=engine)
    write_index(summary, plan_jobs(indexed_codes(codes, output_dir, municipalities, cases), output_dir))
    return summary


def default_workers(engine: str) -> int:
    """Worker processes for the machine's cores.

    With warm kernels a worker and its kernel take turns (the kernel computes, then the worker
    writes and converts), so one worker more than there are cores keeps every core busy; measured
    on 2 cores: 60 reports in 76 s with 2 workers, 66 s with 3.
    """
    cores = os.cpu_count() or 1
    return cores + 1 if engine == "warm" else cores


def execute_jobs(
    jobs: list[Job],
    output_dir: Path,
    workers: int | None = None,
    show_progress: bool = True,
    engine: str = "warm",
) -> list[Outcome]:
    """Run ``jobs`` in parallel worker processes; a failure is reported and the others go on."""
    outcomes: list[Outcome] = []
    if not jobs:
        return outcomes
    workers = max(1, min(workers or default_workers(engine), len(jobs)))
    # The annex takes several times as long as a municipal report: start it first so that it does
    # not run alone at the end.
    ordered = sorted(jobs, key=lambda job: job.gm_code is not None)
    with tqdm(total=len(jobs), desc="reports", unit="report", disable=not show_progress) as bar:
        survivors = _run_pool(ordered, output_dir, workers, engine, outcomes, bar)
        # A worker died and took every unfinished job with it. Which job killed it is unknown, so
        # the rest run one per pool: a job that kills its own worker is reported, the others finish.
        for job in survivors:
            _run_pool([job], output_dir, 1, engine, outcomes, bar)
    shutil.rmtree(output_dir / ".partial", ignore_errors=True)
    return outcomes


def _run_pool(
    jobs: list[Job], output_dir: Path, workers: int, engine: str, outcomes: list[Outcome], bar: tqdm
) -> list[Job]:
    """Run ``jobs`` in one pool, appending to ``outcomes``; return the jobs lost with a dead worker.

    A single job whose worker dies is reported as failed instead of returned.
    """
    lost: list[Job] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        pending = {pool.submit(execute_job, job, output_dir, engine): job for job in jobs}
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


def indexed_codes(codes: list[str], output_dir: Path, municipalities: pd.DataFrame, cases: pd.DataFrame) -> list[str]:
    """Every municipality with a report in ``output_dir`` or in this run: the twenty first, then by name.

    A run for a few municipalities must not hide the reports an earlier run left in the folder.
    """
    known = set(municipalities["gm_code"])
    present = {path.name.split("-", 1)[0] for path in output_dir.glob("GM*.html")} & known
    listed = set(codes) | present
    case_order = [code for code in cases["gm_code"] if code in listed]
    names = municipalities.set_index("gm_code")["gm_name"]
    others = sorted(listed - set(case_order), key=lambda code: (names[code], code))
    return case_order + others


def write_index(summary: RunSummary, jobs: list[Job]) -> Path:
    """``index.html``: the annex first, then every municipality with a search box."""
    status = {o.job.slug: o for o in summary.outcomes}
    out = summary.output_dir
    rows = []
    for job in jobs:
        if job.gm_code is None:
            continue
        outcome = status.get(job.slug)
        available = (out / f"{job.slug}.html").exists()
        link = (
            f'<a href="{html.escape(job.slug)}.html">{html.escape(job.title)}</a>'
            if available
            else html.escape(job.title)
        )
        note = (
            "mislukt: " + html.escape(outcome.error.splitlines()[0][:160])
            if outcome and outcome.status == "failed"
            else ""
        )
        rows.append(
            f'<tr data-search="{html.escape((job.title + " " + job.gm_code).lower())}">'
            f"<td>{link}</td><td>{job.gm_code}</td><td>{'ja' if job.is_case else ''}</td>"
            f'<td><a href="{html.escape(job.slug)}.ipynb">notebook</a></td><td class="note">{note}</td></tr>'
        )
    annex = (
        f'<p><a href="{ANNEX_SLUG}.html"><strong>Bijlage: de twintig gemeenten naast elkaar</strong></a>'
        + (f' (<a href="{ANNEX_SLUG}.pdf">PDF om te printen</a>)' if (out / f"{ANNEX_SLUG}.pdf").exists() else "")
        + "</p>"
        if (out / f"{ANNEX_SLUG}.html").exists()
        else ""
    )
    page = INDEX_TEMPLATE.format(
        count=len(rows), annex=annex, rows="\n".join(rows), generated=time.strftime("%Y-%m-%d %H:%M")
    )
    target = out / "index.html"
    partial = out / ".index.html.partial"
    partial.write_text(page, encoding="utf-8")
    os.replace(partial, target)
    return target


def disk_use_bytes(folder: Path) -> int:
    """Bytes used by the files under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


INDEX_TEMPLATE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<title>Gemeenten in 3D — kwantitatieve bijlage</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ text-align: left; padding: .25rem .6rem; border-bottom: 1px solid #eee; }}
input {{ font-size: 1rem; padding: .3rem; width: 20rem; }}
.note {{ color: #b00; font-size: .85rem; }}
</style></head>
<body>
<h1>Gemeenten in 3D — kwantitatieve bijlage</h1>
<p>Rapporten per gemeente (grenzen en kerncijfers van 1 januari 2017) en de bijlage over de twintig
gemeenten die de Raad voor het openbaar bestuur volgde. Gegenereerd {generated}.</p>
{annex}
<p><label>Zoek een gemeente: <input id="zoek" type="search" placeholder="naam of GM-code"></label>
<span id="aantal">{count}</span> rapporten</p>
<table><thead><tr><th>gemeente</th><th>code</th><th>een van de twintig</th><th>notebook</th><th></th></tr></thead>
<tbody id="rapporten">
{rows}
</tbody></table>
<script>
const box = document.getElementById('zoek');
box.addEventListener('input', () => {{
  const q = box.value.trim().toLowerCase();
  let n = 0;
  for (const tr of document.querySelectorAll('#rapporten tr')) {{
    const hit = tr.dataset.search.includes(q);
    tr.style.display = hit ? '' : 'none';
    if (hit) n++;
  }}
  document.getElementById('aantal').textContent = n;
}});
</script>
</body></html>
"""
