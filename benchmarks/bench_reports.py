"""Time the report pipeline against a plain sequential papermill + nbconvert loop, side by side.

Prints, for the same municipalities in one run on this machine:
- the pipeline (`make reports FORCE=1` into a temporary folder): wall time and peak memory of the
  whole process tree;
- the baseline: for each report `papermill` then `jupyter nbconvert --to html --no-input` as
  separate commands, one after the other, and the annex the same way;
- re-runs without changes and with every input touched but unchanged (content keys: nothing renders);
- their ratio, and the floor: what one fresh kernel costs to start and import the libraries,
  against the pipeline's cost per report.

    python benchmarks/bench_reports.py                 # the twenty (issue 2: ratio; issue 6: >= 4x)
    python benchmarks/bench_reports.py --cases all --no-baseline   # all 388 (issue 6: < 6 min, < 3 GB)
"""

from __future__ import annotations

import argparse
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
from analysis.pipeline.run import select_codes  # noqa: E402

BIN = Path(sys.executable).parent


class PeakMemory:
    """Samples the summed resident memory of a process and all its children."""

    def __init__(self, interval_s: float = 0.1) -> None:
        self.interval_s = interval_s
        self.peak_bytes = 0
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
                total = 0
                for proc in tree:
                    try:
                        total += proc.memory_info().rss
                    except psutil.Error:
                        pass
                self.peak_bytes = max(self.peak_bytes, total)
            except psutil.Error:
                return
            time.sleep(self.interval_s)

    def stop(self) -> None:
        """Stop sampling."""
        self._stop.set()


def run_timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run ``command``; return wall seconds and the peak memory of its process tree in bytes."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = PeakMemory()
    memory.watch(process.pid)
    _, stderr = process.communicate()
    memory.stop()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr.decode()[-2000:]}")
    return time.perf_counter() - started, memory.peak_bytes


def time_pipeline(selection: str, output: Path, force: bool = True) -> tuple[float, int]:
    """`make reports` as a researcher runs it into ``output`` (forced: every report rendered)."""
    env = {**os.environ, "VIRTUAL_ENV": str(BIN.parent), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    forced = ["FORCE=1"] if force else []
    return run_timed(["make", "reports", f"CASES={selection}", *forced, f"OUTPUT={output}"], env=env)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="cases", help="cases (the twenty), all, or a comma list")
    parser.add_argument("--no-baseline", action="store_true", help="skip the sequential papermill loop")
    args = parser.parse_args()

    subprocess.run([sys.executable, "-m", "analysis", "build"], check=True, cwd=REPO, capture_output=True)
    municipalities = load_municipality_names()
    codes = select_codes(args.cases, municipalities, load_cases(municipalities=municipalities))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}"
    )
    print(f"reports: {len(codes)} municipalities + annex + index")

    floor = time_kernel_floor()
    with tempfile.TemporaryDirectory() as tmp:
        pipeline_s, peak = time_pipeline(args.cases, Path(tmp) / "pipeline")
        print(f"pipeline (make reports):        {pipeline_s:7.1f} s wall, peak memory {peak / 2**30:.2f} GiB")
        per_report = pipeline_s / (len(codes) + 1)
        print(
            f"pipeline per report:            {per_report:7.2f} s "
            f"(= {per_report * (os.cpu_count() or 1):.2f} s of one core)"
        )
        print(
            f"floor, one fresh kernel + imports: {floor:5.2f} s; "
            f"pipeline core-seconds per report / floor = {per_report * (os.cpu_count() or 1) / floor:.2f}"
        )
        noop_s, _ = time_pipeline(args.cases, Path(tmp) / "pipeline", force=False)
        print(f"re-run, nothing changed:        {noop_s:7.1f} s wall (content keys: every report up to date)")
        touch_inputs()
        touched_s, _ = time_pipeline(args.cases, Path(tmp) / "pipeline", force=False)
        print(f"re-run, inputs touched only:    {touched_s:7.1f} s wall")
        if not args.no_baseline:
            baseline_dir = Path(tmp) / "baseline"
            baseline_dir.mkdir()
            baseline_s = time_baseline(codes, baseline_dir)
            print(f"baseline (papermill + nbconvert, sequential): {baseline_s:7.1f} s wall")
            print(f"speed-up baseline / pipeline:   {baseline_s / pipeline_s:7.2f}x")
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
