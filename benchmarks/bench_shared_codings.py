"""Peak memory of a report run with a large codings export: every kernel parsing it, against one shared copy.

Builds a tidy codings CSV of ``--rows`` rows (default 500,000, with a segment text each) over the
twenty cases in a temporary folder, then runs ``--reports`` municipal reports (default 3, no annex,
one worker per report) twice in fresh child processes, one after the other:

- ``per kernel``: ``run_reports(share_codings=False)``, each kernel parses and checks the export;
- ``shared``: ``run_reports()``, the main process imports it once into the run's folder and each
  kernel reads its slice of the parquet copy (:mod:`analysis.qual.codings_cache`).

The parent samples the resident memory of the child's whole process tree (main process, workers,
kernels) with psutil every 0.1 s and prints the peak sum, the wall time and the ratio.

    python benchmarks/bench_shared_codings.py
    python benchmarks/bench_shared_codings.py --rows 100000 --reports 2
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from analysis.core.paths import CONFIG_DIR  # noqa: E402
from analysis.qual.codebook import load_codebook  # noqa: E402

_CHILD = """
import sys
from pathlib import Path
from analysis.pipeline.run import run_reports
summary = run_reports({codes!r}, output_dir=Path({output!r}), workers={workers}, codings_path={csv!r},
                      with_annex=False, show_progress=False, share_codings={share})
sys.exit(1 if summary.failed else 0)
"""


def case_codes() -> list[str]:
    """The twenty cases in the registry's order."""
    with (CONFIG_DIR / "cases.csv").open(encoding="utf-8", newline="") as handle:
        return [row["gm_code"] for row in csv.DictReader(handle)]


def write_codings(path: Path, n_rows: int) -> int:
    """A tidy CSV of ``n_rows`` valid codings of the twenty cases with a text each; its size in bytes."""
    cases, codes = case_codes(), load_codebook().ids
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("gm_code,document,segment_id,code_id,coder,segment_text\n")
        for i in range(n_rows):
            segment = i // 3
            gm_code = cases[segment % len(cases)]
            text = f"Fragment {segment} uit het gesprek over jeugdzorg en de rol van het rijk, regel {i % 97}. " * 2
            handle.write(
                f"{gm_code},{gm_code.lower()}_interview_{segment % 7:02d},seg-{segment:07d},"
                f"{codes[(i * 7) % len(codes)]},coder_{'abc'[i % 3]},{text.strip()}\n"
            )
    return path.stat().st_size


def tree_rss(process: psutil.Process, peaks: dict[str, int]) -> int:
    """Resident bytes of ``process`` and all its descendants (processes that end meanwhile count 0).

    ``peaks`` keeps the largest single process per role (main, kernel, other) on the way.
    """
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            rss = member.memory_info().rss
            role = (
                "main"
                if member.pid == process.pid
                else "kernel"
                if "ipykernel" in " ".join(member.cmdline())
                else "other"
            )
        except psutil.Error:
            continue
        total += rss
        peaks[role] = max(peaks.get(role, 0), rss)
    return total


def run_variant(share: bool, csv_path: Path, codes: list[str], folder: Path) -> tuple[float, int, int, dict[str, int]]:
    """Run the reports in a child; wall seconds, peak tree RSS in bytes, exit code, largest process per role."""
    output = folder / ("shared" if share else "per-kernel")
    code = _CHILD.format(codes=",".join(codes), output=str(output), workers=len(codes), csv=str(csv_path), share=share)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env=env)
    watched, peak, peaks = psutil.Process(child.pid), 0, {}
    while child.poll() is None:
        peak = max(peak, tree_rss(watched, peaks))
        time.sleep(0.1)
    return time.perf_counter() - started, peak, child.returncode, peaks


def main() -> None:
    """Build the CSV, run both variants side by side, print peak memory, time and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--reports", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-shared-codings-") as temporary:
        folder = Path(temporary)
        csv_path = folder / "codings.csv"
        size = write_codings(csv_path, args.rows)
        codes = case_codes()[: args.reports]
        print(f"{args.rows:,} codings, {size / 1e6:.0f} MB; {len(codes)} reports ({', '.join(codes)}), no annex")
        results = {}
        for share in (False, True):
            seconds, peak, returncode, peaks = run_variant(share, csv_path, codes, folder)
            label = "shared copy" if share else "per kernel"
            results[share] = peak
            largest = ", ".join(f"{role} {rss / 1e6:.0f} MB" for role, rss in sorted(peaks.items()))
            print(
                f"{label:>12}: peak {peak / 1e9:.2f} GB over the process tree, {seconds:.0f} s, exit {returncode}; "
                f"largest single process: {largest}"
            )
        print(f"peak memory shared / per kernel: {results[True] / results[False]:.2f}")


if __name__ == "__main__":
    main()
