"""Peak memory and time of reading a large tidy codings CSV: the old reader against the new, side by side.

Builds a tidy codings CSV of ``--rows`` rows (default 2 million, about 150 MB, the size of issue 15
item 9) in a temporary folder, then reads it in two fresh child processes, one after the other:

- ``old``: ``read_tidy_csv`` as it was before the streaming reader (taken from git history,
  commit :data:`OLD_COMMIT`, and run against today's package for everything else);
- ``new``: :func:`analysis.qual.codings.load_codings`, what ``codings check`` calls.

Each child reads the file, builds the summary ``codings check`` prints, and reports its counts;
the parent measures the child's wall time and peak resident memory (``ru_maxrss`` from
``os.wait4``) and prints both with their ratio.

    python benchmarks/bench_codings_memory.py              # 2,000,000 rows
    python benchmarks/bench_codings_memory.py --rows 200000 --keep
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from analysis.core.paths import CONFIG_DIR  # noqa: E402
from analysis.qual.codebook import load_codebook  # noqa: E402

#: The last commit with the row-by-row CSV reader (``read_utf8`` + ``csv.reader`` + a dict per row).
OLD_COMMIT = "ac983fd"
OLD_MODULE = "src/analysis/qual/codings.py"

_CHILD = r"""
import csv, json, sys, time
sys.path.insert(0, {src!r})
from analysis.qual.codebook import load_codebook
variant, path, old_module = sys.argv[1], sys.argv[2], sys.argv[3]
with open({cases!r}, encoding="utf-8", newline="") as handle:
    municipalities = {{row["gm_code"]: row["gm_name"] for row in csv.DictReader(handle)}}
codebook = load_codebook()
started = time.perf_counter()
if variant == "old":
    import importlib.util
    spec = importlib.util.spec_from_file_location("old_codings", old_module)
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_codings"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    result = module.read_tidy_csv(path, codebook, municipalities)
else:
    from analysis.qual.codings import load_codings
    result = load_codings(path, codebook, municipalities)
summary = result.summary()
print(json.dumps({{"seconds": time.perf_counter() - started, "n_read": result.n_read,
                  "accepted": len(result.accepted), "rejected": len(result.rejected),
                  "summary_lines": summary.count("\n") + 1}}))
"""


def write_codings(path: Path, n_rows: int) -> int:
    """A tidy CSV with ``n_rows`` distinct, valid codings of the twenty cases; returns its size in bytes."""
    import csv

    with (CONFIG_DIR / "cases.csv").open(encoding="utf-8", newline="") as handle:
        cases = [row["gm_code"] for row in csv.DictReader(handle)]
    codes = load_codebook().ids
    coders = ["coder_a", "coder_b", "coder_c"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("gm_code,document,segment_id,code_id,coder,start,end\n")
        for i in range(n_rows):
            segment = i // 3
            gm_code = cases[segment % len(cases)]
            document = f"{gm_code.lower()}_interview_{segment % 7:02d}.txt"
            start = (segment * 37) % 90_000
            handle.write(
                f"{gm_code},{document},seg-{segment:07d},{codes[(i * 7) % len(codes)]},{coders[i % 3]},"
                f"{start},{start + 150}\n"
            )
    return path.stat().st_size


def run_child(variant: str, csv_path: Path, old_module: Path) -> dict[str, float]:
    """Read the CSV in a fresh interpreter; its wall time, peak RSS and what it read."""
    code = _CHILD.format(src=str(REPO / "src"), cases=str(CONFIG_DIR / "cases.csv"))
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, variant, str(csv_path), str(old_module)], stdout=subprocess.PIPE, text=True
    )
    output = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{variant}: the child failed with exit code {child.returncode}")
    report = json.loads(output.strip().splitlines()[-1])
    # ru_maxrss is in kilobytes on Linux.
    return report | {"wall": wall, "peak_mb": usage.ru_maxrss / 1024}


def main() -> None:
    """Build the file, measure both readers, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=2_000_000, help="codings in the CSV (default 2,000,000)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench_codings_"))
    csv_path = folder / "codings_large.csv"
    old_module = folder / "old_codings.py"
    old_source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{OLD_COMMIT}:{OLD_MODULE}"], capture_output=True, text=True, check=True
    ).stdout
    old_module.write_text(old_source, encoding="utf-8")
    size = write_codings(csv_path, args.rows)
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"file: {args.rows:,} rows, {size / 1e6:.0f} MB ({csv_path})")
    results = {variant: run_child(variant, csv_path, old_module) for variant in ("old", "new")}
    print(f"{'reader':<8}{'wall s':>10}{'read s':>10}{'peak MB':>10}{'accepted':>12}{'rejected':>10}")
    for variant, result in results.items():
        print(
            f"{variant:<8}{result['wall']:>10.1f}{result['seconds']:>10.1f}{result['peak_mb']:>10.0f}"
            f"{result['accepted']:>12,}{result['rejected']:>10,}"
        )
    old, new = results["old"], results["new"]
    if (old["accepted"], old["rejected"]) != (new["accepted"], new["rejected"]):
        print("WARNING: the two readers disagree on what they accept")
    print(
        f"new/old: peak memory {new['peak_mb'] / old['peak_mb']:.2f}x "
        f"({old['peak_mb'] / new['peak_mb']:.1f}x less), wall time {new['wall'] / old['wall']:.2f}x"
    )
    if args.keep:
        print(f"kept {folder}")
    else:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
