"""Real runs of the command (one municipality, no annex): quiet terminal, reasons, and a killed run."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import psutil
import pytest

from analysis.core import paths
from analysis.pipeline import run

pytestmark = pytest.mark.slow


def reports(output, *extra: str) -> subprocess.CompletedProcess:
    command = [
        sys.executable,
        "-m",
        "analysis",
        "reports",
        "--cases",
        "GM0599",
        "--no-annex",
        "--output-dir",
        str(output),
    ]
    return subprocess.run([*command, *extra], capture_output=True, text=True, timeout=600)


def test_a_run_is_quiet_and_reruns_only_on_changed_content(built_data, tmp_path):
    codings = tmp_path / "export.csv"
    shutil.copy(paths.CONFIG_DIR / "codings_example.csv", codings)
    output = tmp_path / "rapporten"

    first = reports(output, "--codings", str(codings))
    assert first.returncode == 0, first.stderr
    terminal = first.stdout + first.stderr
    assert "1 rendered, 0 up to date, 0 failed" in terminal
    assert "nog geen uitvoer (1): GM0599-rotterdam" in terminal
    assert "WARNING" not in terminal and "without encryption" not in terminal
    # stderr holds the progress bar and nothing else; stdout the summary
    lines = [line for line in re.split(r"[\r\n]", first.stderr) if line.strip()]
    assert [line for line in lines if not line.startswith("reports:")] == []
    assert len(first.stdout.splitlines()) == 3, first.stdout  # counts, reason, log file
    assert f"details: {output / 'run.log'}" in terminal
    assert "without encryption" in (output / "run.log").read_text(encoding="utf-8")  # kept, not lost

    later = time.time() + 3600
    os.utime(codings, (later, later))  # touched, same bytes
    touched = reports(output, "--codings", str(codings))
    assert "0 rendered, 1 up to date" in touched.stdout, touched.stdout + touched.stderr

    with open(codings, "a", encoding="utf-8") as handle:  # new content, an old time (cp -p, unzip)
        handle.write("GM0599,extra interview,1,REG,anna\n")
    os.utime(codings, (0, 0))
    changed = reports(output, "--codings", str(codings))
    assert "1 rendered, 0 up to date" in changed.stdout, changed.stdout + changed.stderr
    assert "coderingen gewijzigd (1): GM0599-rotterdam" in changed.stdout


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


RUN_SLEEPERS = """
import sys
from pathlib import Path
import nbformat
from analysis.pipeline import run
folder = Path(sys.argv[1])
jobs = []
for number in range(3):
    notebook = folder / f"slaap{number}.ipynb"
    cell = nbformat.v4.new_code_cell("import time; time.sleep(120)")
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), notebook)
    jobs.append(run.Job(slug=f"GM000{number}-slaap", title="slaap", notebook=notebook, parameters={}))
run.execute_jobs(jobs, folder, workers=2, show_progress=False, engine=sys.argv[2])
"""


@pytest.mark.parametrize("engine", ["warm", "fresh"])
def test_sigkill_of_the_main_process_takes_workers_and_kernels_along(tmp_path, engine):
    main = subprocess.Popen([sys.executable, "-c", RUN_SLEEPERS, str(tmp_path), engine])
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # wait until both workers run a kernel
            tree = descendants(main.pid)
            kernels = [p for p in tree if "ipykernel" in " ".join(p.cmdline())]
            if len(kernels) >= 2:
                break
            assert main.poll() is None, "the run ended before it could be killed"
            time.sleep(0.2)
        else:
            pytest.fail("no kernels started within 120 s")
        time.sleep(1)
        tree = descendants(main.pid)
        main.send_signal(signal.SIGKILL)
        main.wait()
        _, alive = psutil.wait_procs(tree, timeout=10)
        assert alive == [], [" ".join(p.cmdline())[:120] for p in alive]
    finally:
        for process in descendants(main.pid):
            process.kill()
        if main.poll() is None:
            main.kill()


@pytest.mark.parametrize("engine", ["warm", "fresh"])
def test_both_engines_store_the_content_key_in_the_notebook(tmp_path, engine):
    template = tmp_path / "sjabloon.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")]), template)
    [job] = run.plan_keys([run.Job(slug="GM0001-proef", title="proef", notebook=template, parameters={})], template)
    outcome = run.execute_job(job, tmp_path, engine=engine)
    assert outcome.status == "done", outcome.error
    assert run.stale_reason(job, tmp_path) is None
    executed = nbformat.read(tmp_path / "GM0001-proef.ipynb", as_version=4)
    assert executed.metadata.papermill.input_path == str(template)
