"""Time the report pipeline against a plain sequential papermill + nbconvert loop, side by side.

Prints, for the same municipalities in one run on this machine:
- the pipeline (`make reports FORCE=1` into a temporary folder): wall time and peak memory of the
  whole process tree;
- the baseline: for each report `papermill` then `jupyter nbconvert --to html --no-input` as
  separate commands, one after the other, and the annex the same way;
- re-runs without changes, with every input touched but unchanged (content keys: nothing renders),
  and with one coding of one municipality changed (how many reports that re-renders);
- where one report's time goes: kernel work per notebook cell (section and its rendering), PNG
  encoding inside those cells, HTML conversion, and writing the notebook and the HTML;
- the folder's disk use with figures stored once (linked PNG files), and what ``--self-contained``
  (figures embedded in each HTML) takes for the twenty against their share of the linked folder;
- their ratio, and the floor: what one fresh kernel costs to start and import the libraries,
  against the pipeline's cost per report.

The baseline is always the twenty: issue 13 asks for all 388 reports plus annex and index in at
most 1.25 times what the plain loop needs for the twenty alone, measured in the same run.

    python benchmarks/bench_reports.py                  # all 388 against the plain loop over the twenty
    python benchmarks/bench_reports.py --cases cases    # the twenty against the same loop
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from jupyter_client.manager import start_new_kernel

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from analysis.core import paths  # noqa: E402
from analysis.geo.cases import load_cases, load_municipality_names, slugify  # noqa: E402
from analysis.pipeline.kernels import PRELOAD_MODULES  # noqa: E402
from analysis.pipeline.run import plan_jobs, select_codes  # noqa: E402

BIN = Path(sys.executable).parent


class PeakMemory:
    """Samples the memory of a process and all its children; keeps the peak of two sums.

    ``peak_bytes`` sums the proportional set size (PSS): a page shared by several processes (the
    libraries every kernel and Chromium process maps) counts once in all, split between them, so
    the sum is what the tree takes from the machine. ``peak_rss_bytes`` sums the resident sets,
    which counts each shared page once per process: an upper bound, printed beside it.
    """

    def __init__(self, interval_s: float = 0.5) -> None:
        self.interval_s = interval_s
        self.peak_bytes = 0
        self.peak_rss_bytes = 0
        self._stop = threading.Event()
        self._process: psutil.Process | None = None

    def watch(self, pid: int) -> None:
        """Start sampling the tree below ``pid`` in a background thread."""
        self._process = psutil.Process(pid)
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                tree = [self._process, *self._process.children(recursive=True)]
                pss = rss = 0
                for proc in tree:
                    try:
                        info = proc.memory_full_info()
                    except psutil.Error:
                        continue
                    pss += info.pss
                    rss += info.rss
                self.peak_bytes = max(self.peak_bytes, pss)
                self.peak_rss_bytes = max(self.peak_rss_bytes, rss)
            except psutil.Error:
                return
            time.sleep(self.interval_s)

    def stop(self) -> None:
        """Stop sampling."""
        self._stop.set()


def run_timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, PeakMemory, str]:
    """Run ``command``; return wall seconds, the peak memory of its process tree, its output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    memory = PeakMemory()
    memory.watch(process.pid)
    stdout, stderr = process.communicate()
    memory.stop()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr.decode()[-2000:]}")
    return time.perf_counter() - started, memory, stdout.decode("utf-8", "replace")


def time_pipeline(
    selection: str, output: Path, force: bool = True, extra: tuple[str, ...] = ()
) -> tuple[float, PeakMemory, str]:
    """``python -m analysis reports`` as ``make reports`` runs it, into ``output`` (forced: every report rendered).

    Returns wall seconds, the peak memory of the process tree and the summary's first line.
    """
    command = [sys.executable, "-m", "analysis", "reports", "--cases", selection, "--output-dir", str(output)]
    command += ["--force"] * force + list(extra)
    seconds, peak, stdout = run_timed(command)
    counts = next((line for line in stdout.splitlines() if " rendered, " in line), "")
    return seconds, peak, counts.split(";")[0]


def copy_codings(folder: Path) -> Path:
    """A byte-identical copy of the illustrative codings, which the runs read (and one change edits)."""
    from analysis.qual.codings import EXAMPLE_CODINGS

    target = folder / "codings.csv"
    shutil.copyfile(EXAMPLE_CODINGS, target)
    return target


def change_one_coding(codings: Path) -> str:
    """Give the first coding in ``codings`` another coder (still valid); the municipality it belongs to."""
    lines = codings.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("GM"))
    cells = lines[first].split(",")
    cells[4] = cells[4] + "_herzien"  # the coder column
    lines[first] = ",".join(cells)
    codings.write_text("".join(lines), encoding="utf-8")
    return cells[0]


def disk_use(folder: Path, pattern: str = "*") -> int:
    """Bytes of the files under ``folder`` matching ``pattern``."""
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def touch_inputs() -> None:
    """Give every input a new modification time without changing a byte (as a checkout or copy does)."""
    for folder in (paths.processed_dir(), paths.CONFIG_DIR, paths.NOTEBOOKS_DIR):
        for file in folder.iterdir():
            if file.is_file():
                file.touch()


def time_baseline(codes: list[str], output: Path) -> float:
    """One papermill and one nbconvert command per report, sequentially."""
    municipalities = load_municipality_names()
    names = dict(zip(municipalities["gm_code"], municipalities["gm_name"], strict=True))
    started = time.perf_counter()
    notebooks = [
        (paths.NOTEBOOKS_DIR / "municipality.ipynb", slugify(c, names[c]), ["-p", "municipality_code", c])
        for c in codes
    ]
    notebooks.append((paths.NOTEBOOKS_DIR / "annex.ipynb", "annex", []))
    for template, slug, parameters in notebooks:
        executed = output / f"{slug}.ipynb"
        subprocess.run(
            [str(BIN / "papermill"), str(template), str(executed), *parameters, "--log-level", "ERROR"],
            check=True,
            cwd=paths.NOTEBOOKS_DIR,
            capture_output=True,
        )
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True,
            capture_output=True,
        )
    return time.perf_counter() - started


def time_kernel_floor(repeats: int = 3) -> float:
    """Median seconds for a fresh kernel to start and import what a report imports."""
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        manager, client = start_new_kernel(kernel_name="python3")
        client.execute_interactive(f"import {', '.join(PRELOAD_MODULES)}, analysis.report.annex_views_qca", timeout=120)
        timings.append(time.perf_counter() - started)
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return sorted(timings)[len(timings) // 2]


_PNG_TIMER = """
import time as _time
from matplotlib.backends.backend_agg import FigureCanvasAgg as _Canvas
from analysis.viz import style as _style
_png_seconds = {"draw": 0.0, "encode": 0.0}
def _timed(key, function):
    def timed(*args, **kwargs):
        _started = _time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _png_seconds[key] += _time.perf_counter() - _started
    return timed
_Canvas.draw = _timed("draw", _Canvas.draw)
_style.encode_png = _timed("encode", _style.encode_png)
"""


def profile_report(code: str, folder: Path) -> dict[str, object]:
    """Where one municipal report's time goes, measured in this process and one fresh kernel.

    Per notebook cell: papermill's own cell durations (a section's computation and its rendering);
    figures: whole-figure draws to pixels (``FigureCanvasAgg.draw``) and PNG encoding
    (``style.encode_png``), timed inside the kernel (a cell added before the notebook's own, and one
    after that prints the totals); HTML conversion: the runner's ``render_html``;
    writing: the executed notebook and the HTML written to disk.
    """
    import nbformat
    import papermill

    from analysis.pipeline.run import render_html

    template = nbformat.read(paths.NOTEBOOKS_DIR / "municipality.ipynb", as_version=4)
    template.cells.insert(0, nbformat.v4.new_code_cell(_PNG_TIMER))
    template.cells.append(nbformat.v4.new_code_cell("print('PNG', _png_seconds['draw'], _png_seconds['encode'])"))
    source = folder / "profile-template.ipynb"
    nbformat.write(template, source)
    figures = folder / "profile" / "figures" / code
    started = time.perf_counter()
    executed = papermill.execute_notebook(
        str(source),
        str(folder / "profile-executed.ipynb"),
        parameters={"municipality_code": code, "figures_dir": str(figures)},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(paths.NOTEBOOKS_DIR),
    )
    execute_s = time.perf_counter() - started
    timer_cell = executed.cells.pop()
    _, draw_s, encode_s = next(o["text"] for o in timer_cell.outputs if o.get("name") == "stdout").split()
    executed.cells.pop(0)
    cells = []
    for cell in executed.cells:
        duration = cell.metadata.get("papermill", {}).get("duration")
        if cell.cell_type == "code" and duration:
            lines = [line for line in cell.source.splitlines() if line.strip() and not line.startswith("#")]
            cells.append(((lines or ["(empty)"])[0][:60], float(duration)))
    render_html(nbformat.from_dict(executed), code)  # the first conversion loads the templates, once per worker
    started = time.perf_counter()
    page = render_html(executed, code)
    html_s = time.perf_counter() - started
    started = time.perf_counter()
    nbformat.write(executed, folder / "profile" / f"{code}.ipynb")
    (folder / "profile" / f"{code}.html").write_text(page, encoding="utf-8")
    write_s = time.perf_counter() - started
    return {
        "execute_s": execute_s,
        "cells": cells,
        "draw_s": float(draw_s),
        "encode_s": float(encode_s),
        "html_s": html_s,
        "write_s": write_s,
    }


def print_profile(code: str, profile: dict) -> None:
    """The profile of one report, largest cells first."""
    cells = sorted(profile["cells"], key=lambda cell: -cell[1])
    kernel_s = sum(seconds for _, seconds in cells)
    print(f"where one report's time goes ({code}, one fresh kernel; papermill total {profile['execute_s']:.2f} s):")
    for label, seconds in cells[:10]:
        print(f"  cell {seconds:6.2f} s  {label}")
    print(
        f"  kernel work in cells {kernel_s:6.2f} s, of which drawing whole figures {profile['draw_s']:6.2f} s"
        f" and PNG encoding {profile['encode_s']:6.2f} s"
    )
    print(f"  HTML conversion      {profile['html_s']:6.2f} s (templates already loaded, as in a worker)")
    print(f"  writing .ipynb+.html {profile['write_s']:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="all", help="the pipeline's reports: all (default), cases, or a comma list")
    parser.add_argument("--no-baseline", action="store_true", help="skip the sequential papermill loop")
    args = parser.parse_args()

    subprocess.run([sys.executable, "-m", "analysis", "build"], check=True, cwd=REPO, capture_output=True)
    municipalities = load_municipality_names()
    cases = load_cases(municipalities=municipalities)
    codes = select_codes(args.cases, municipalities, cases)
    twenty = list(cases["gm_code"])
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}"
    )
    print(f"reports: {len(codes)} municipalities + annex + index")

    floor = time_kernel_floor()
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "pipeline"
        codings = copy_codings(Path(tmp))
        read = ("--codings", str(codings))
        pipeline_s, peak, counts = time_pipeline(args.cases, output, extra=read)
        print(
            f"pipeline (analysis reports):    {pipeline_s:7.1f} s wall, peak memory {peak.peak_bytes / 2**30:.2f} GiB "
            f"(PSS; summed resident sets {peak.peak_rss_bytes / 2**30:.2f} GiB); {counts}"
        )
        per_report = pipeline_s / (len(codes) + 1)
        print(
            f"pipeline per report:            {per_report:7.2f} s "
            f"(= {per_report * (os.cpu_count() or 1):.2f} s of one core)"
        )
        print(
            f"floor, one fresh kernel + imports: {floor:5.2f} s; "
            f"pipeline core-seconds per report / floor = {per_report * (os.cpu_count() or 1) / floor:.2f}"
        )
        linked_b, png_b = disk_use(output), disk_use(output / "figures", "*.png")
        noop_s, _, counts = time_pipeline(args.cases, output, force=False, extra=read)
        print(f"re-run, nothing changed:        {noop_s:7.1f} s wall; {counts}")
        touch_inputs()
        touched_s, _, counts = time_pipeline(args.cases, output, force=False, extra=read)
        print(f"re-run, inputs touched only:    {touched_s:7.1f} s wall; {counts}")
        changed = change_one_coding(codings)
        change_s, _, counts = time_pipeline(args.cases, output, force=False, extra=read)
        print(f"re-run, one coding of {changed} changed: {change_s:7.1f} s wall; {counts}")
        print(
            f"disk use ({len(codes)} reports): {linked_b / 1e6:.1f} MB with figures stored once "
            f"(PNG files {png_b / 1e6:.1f} MB)"
        )
        contained = Path(tmp) / "self-contained"
        time_pipeline("cases", contained, extra=(*read, "--self-contained"))
        slugs = [job.slug for job in plan_jobs(twenty, output, with_annex=True)]
        linked_twenty_b = sum(disk_use(output, f"{slug}.*") + disk_use(output / "figures" / slug) for slug in slugs)
        contained_twenty_b = sum(disk_use(contained, f"{slug}.*") for slug in slugs)
        print(
            f"disk use (the twenty + annex): linked figures {linked_twenty_b / 1e6:.1f} MB, "
            f"--self-contained {contained_twenty_b / 1e6:.1f} MB"
        )
        print_profile(codes[0], profile_report(codes[0], Path(tmp)))
        results = {
            "reports": len(codes),
            "pipeline_s": pipeline_s,
            "peak_gib": peak.peak_bytes / 2**30,
            "noop_s": noop_s,
        }
        results |= {"touched_s": touched_s, "change_s": change_s}
        if not args.no_baseline:
            baseline_dir = Path(tmp) / "baseline"
            baseline_dir.mkdir()
            baseline_s = time_baseline(twenty, baseline_dir)
            ratio = pipeline_s / baseline_s
            print(f"baseline (papermill + nbconvert, sequential, the twenty + annex): {baseline_s:7.1f} s wall")
            print(
                f"pipeline for {len(codes)} + annex + index / baseline for the twenty: {ratio:5.2f} "
                f"(issue 13 asks at most 1.25: {'met' if ratio <= 1.25 else 'not met'})"
            )
            results |= {"baseline_s": baseline_s, "ratio": ratio}
        print(json.dumps(results))
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
