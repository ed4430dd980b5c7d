"""The run's guards, without kernels: content keys, the output folder, the lock, paths, usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from analysis import __main__ as cli
from analysis.core import paths
from analysis.pipeline import inputs, keys, outputs, run


@pytest.fixture
def cli_run(capsys, monkeypatch):
    """Run the command line in this process (a subprocess costs seconds of imports); return (code, stderr)."""

    def invoke(*args: str, cwd: Path | None = None) -> tuple[int, str]:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        code = cli.main(list(args))
        return code, capsys.readouterr().err

    return invoke


# --- freshness by content -------------------------------------------------------------------


@pytest.fixture
def keyed_job(tmp_path, isolated_data):
    """A tiny notebook, a codings file and outputs that carry the key they were made with."""
    notebook = tmp_path / "sjabloon.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), notebook)
    codings = tmp_path / "export.qdpx"
    codings.write_bytes(b"eerste inhoud")
    output = tmp_path / "out"
    output.mkdir()
    job = run.Job(slug="GM0001-proef", title="proef", notebook=notebook, parameters={"codings_path": str(codings)})

    def keyed(job=job, codings=codings):
        return run.plan_keys([job], codings)[0]

    def write_outputs(made_from):
        (output / f"{job.slug}.html").write_text("<p>rapport</p>", encoding="utf-8")
        executed = nbformat.read(notebook, as_version=4)
        executed.metadata[keys.STORED_KEY] = made_from.key.as_metadata()
        nbformat.write(executed, output / f"{job.slug}.ipynb")

    write_outputs(keyed())
    return job, codings, output, keyed, write_outputs


def test_touching_inputs_without_changing_them_renders_nothing(keyed_job):
    job, codings, output, keyed, _ = keyed_job
    future = time.time() + 3600
    os.utime(codings, (future, future))
    os.utime(job.notebook, (future, future))
    assert run.stale_reason(keyed(), output) is None


def test_new_codings_content_with_an_older_time_is_stale(keyed_job):
    # what unzip, cp -p and rsync -a leave: other content, an old modification time
    _, codings, output, keyed, _ = keyed_job
    codings.write_bytes(b"andere inhoud")
    os.utime(codings, (0, 0))
    assert run.stale_reason(keyed(), output) == "codings"


def test_a_new_or_edited_mapping_sidecar_is_stale(keyed_job):
    _, codings, output, keyed, write_outputs = keyed_job
    sidecar = codings.with_name(codings.name + ".mapping.csv")
    sidecar.write_text("source_name_or_guid,gm_code\nInterview A,GM0599\n", encoding="utf-8")
    assert run.stale_reason(keyed(), output) == "codings"
    write_outputs(keyed())
    assert run.stale_reason(keyed(), output) is None
    sidecar.write_text("source_name_or_guid,gm_code\nInterview A,GM0632\n", encoding="utf-8")
    os.utime(sidecar, (0, 0))
    assert run.stale_reason(keyed(), output) == "codings"


def test_other_parameters_or_template_are_stale_and_named(keyed_job):
    job, codings, output, keyed, _ = keyed_job
    other = run.Job(**{**job.__dict__, "parameters": {**job.parameters, "data_dir": "/elders"}})
    assert run.stale_reason(keyed(job=other), output) == "parameters"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 2")]), job.notebook)
    assert run.stale_reason(keyed(), output) == "code"


def test_a_damaged_or_missing_output_is_stale_not_an_error(keyed_job):
    job, _, output, keyed, _ = keyed_job
    (output / f"{job.slug}.ipynb").write_text('{"cells": [', encoding="utf-8")
    assert run.stale_reason(keyed(), output) == "damaged output"
    (output / f"{job.slug}.ipynb").write_text(json.dumps({"metadata": {keys.STORED_KEY: "x"}}), encoding="utf-8")
    assert run.stale_reason(keyed(), output) == "damaged output"
    (output / f"{job.slug}.html").unlink()
    assert run.stale_reason(keyed(), output) == "no output"


def test_each_file_is_hashed_once_per_run(tmp_path, monkeypatch):
    big = tmp_path / "groot.parquet"
    big.write_bytes(b"0" * 100_000)
    hasher = keys.ContentHasher()
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: (opened.append(Path(path)), real_open(path, *a, **k))[1])
    digests = {hasher.file(big) for _ in range(50)}
    assert len(digests) == 1 and opened.count(big) == 1


def test_manifest_lists_outputs_with_key_and_inputs(tmp_path):
    (tmp_path / "GM0001-a.html").write_text("a", encoding="utf-8")
    (tmp_path / "GM0002-oud.html").write_text("b", encoding="utf-8")
    outputs.update_manifest(tmp_path, {"GM0002-oud": {"key": "k0"}, "GM0003-weg": {"key": "k9"}})
    (tmp_path / "GM0003-weg.html").unlink(missing_ok=True)
    outputs.update_manifest(tmp_path, {"GM0001-a": {"key": "k1", "inputs": {"codings:x": "abc"}}})
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reports"]["GM0001-a"] == {"key": "k1", "inputs": {"codings:x": "abc"}}
    assert manifest["reports"]["GM0002-oud"] == {"key": "k0"}  # an earlier report still in the folder
    assert "GM0003-weg" not in manifest["reports"]  # its HTML is gone


# --- the output folder ------------------------------------------------------------------------


@pytest.mark.parametrize("inside", ["notebooks", "src/analysis", "config", "data/processed", ".", "tests"])
def test_outputs_never_go_into_the_sources(cli_run, inside):
    code, err = cli_run("reports", "--cases", "GM0599", "--output-dir", inside, cwd=paths.REPO_ROOT)
    assert code == 2, err
    assert "choose another --output-dir" in err or "the repository itself" in err
    assert not (paths.NOTEBOOKS_DIR / "run.log").exists()


def test_an_output_path_that_is_a_file_is_refused(cli_run, tmp_path):
    target = tmp_path / "rapporten"
    target.write_text("geen map", encoding="utf-8")
    assert cli_run("reports", "--cases", "GM0599", "--output-dir", str(target)) == (
        2,
        f"error: {target} is a file, not a folder; choose another --output-dir\n",
    )


def test_a_stray_partial_file_is_refused(cli_run, tmp_path):
    (tmp_path / ".partial").write_text("", encoding="utf-8")
    code, err = cli_run("reports", "--cases", "GM0599", "--output-dir", str(tmp_path))
    assert code == 2
    assert f"{tmp_path / '.partial'} should be the runs' working folder but is a file" in err


def test_a_second_run_into_a_busy_folder_exits_2(cli_run, tmp_path):
    with outputs.output_lock(tmp_path):  # flock conflicts between two opens even in one process
        code, err = cli_run("reports", "--cases", "GM0599", "--output-dir", str(tmp_path))
    assert code == 2
    assert f"another run (pid {os.getpid()}) is writing into {tmp_path}" in err


def test_the_lock_is_free_again_after_a_run_and_after_a_killed_holder(tmp_path):
    with outputs.output_lock(tmp_path):
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import fcntl, os, time; f = os.open({str(tmp_path / '.lock')!r}, os.O_RDWR | os.O_CREAT); "
            "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(outputs.OutputFolderError, match="another run"):
        with outputs.output_lock(tmp_path):
            pass
    holder.kill()
    holder.wait()
    with outputs.output_lock(tmp_path):  # a killed run never blocks the next
        pass


def test_each_run_works_in_its_own_folder_and_clears_dead_runs(tmp_path):
    dead = tmp_path / ".partial" / "20260101-000000-1"
    dead.mkdir(parents=True)
    (dead / "half.ipynb").write_text("", encoding="utf-8")
    work = outputs.run_work_dir(tmp_path)
    assert work.parent == tmp_path / ".partial" and work.is_dir()
    assert not dead.exists()
    outputs.remove_work_dir(work)
    assert not (tmp_path / ".partial").exists()


# --- paths and usage --------------------------------------------------------------------------


def test_empty_cases_is_a_usage_error(cli_run, tmp_path):
    code, err = cli_run("reports", "--cases", "", "--output-dir", str(tmp_path))
    assert code == 2
    assert "--cases is empty" in err


def test_a_missing_codings_file_is_named_from_the_callers_folder(cli_run, tmp_path):
    code, err = cli_run(
        "reports", "--cases", "GM0599", "--codings", "weg/export.csv", "--output-dir", "out", cwd=tmp_path
    )
    assert code == 2
    assert f"the codings file {tmp_path / 'weg' / 'export.csv'} does not exist" in err


def test_a_relative_codings_path_reaches_the_kernel_absolute(tmp_path, monkeypatch):
    (tmp_path / "export.csv").write_text("gm_code,document,segment_id,code_id,coder\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    parameter, file = inputs.resolve_codings_path("export.csv")
    assert parameter == str(tmp_path / "export.csv") and file == tmp_path / "export.csv"


def test_an_unreadable_codings_file_is_refused(tmp_path):
    folder = tmp_path / "map.csv"
    folder.mkdir()
    with pytest.raises(inputs.RunInputError, match="is not a file"):
        inputs.resolve_codings_path(str(folder))


def test_a_non_utf8_file_name_fails_before_any_notebook_runs(tmp_path):
    name = os.fsencode(tmp_path) + b"/export-\xff.csv"
    with open(name, "wb") as handle:
        handle.write(b"gm_code,document,segment_id,code_id,coder\n")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "reports", "--cases", "GM0599", "--codings", name, "--output-dir", str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "not valid UTF-8" in result.stderr and "export-\\xff.csv" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "failed").exists()


def test_a_failed_job_points_only_at_a_kept_notebook(tmp_path):
    missing_template = tmp_path / "bestaat-niet.ipynb"
    job = run.Job(slug="GM0000-weg", title="weg", notebook=missing_template, parameters={})
    outcome = run.execute_job(job, tmp_path, work_dir=tmp_path / ".partial" / "r1")
    assert outcome.status == "failed"
    assert outcome.kept_notebook is None
    assert not (tmp_path / "failed").exists() or not any((tmp_path / "failed").iterdir())


def test_an_empty_mirror_ends_build_with_a_sentence(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(paths.MIRROR_ENV, str(tmp_path / "leeg"))
    (tmp_path / "leeg").mkdir()
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "data"))

    def offline(*_args, **_kwargs):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert "not in the data mirror" in err and paths.MIRROR_ENV in err


def test_a_direct_job_run_leaves_other_runs_working_folders_alone(tmp_path):
    other = outputs.run_work_dir(tmp_path)
    mine = outputs.run_work_dir(tmp_path, clear_leftovers=False)
    assert other.is_dir() and mine.is_dir() and mine != other


def test_the_summary_gives_reasons_and_points_only_at_kept_notebooks(tmp_path, capsys):
    def job(slug):
        return run.Job(slug=slug, title=slug, notebook=tmp_path / "x.ipynb", parameters={})

    kept = tmp_path / "failed" / "GM0002-b.ipynb"
    kept.parent.mkdir()
    kept.write_text("{}", encoding="utf-8")
    summary = run.RunSummary(
        tmp_path,
        [
            run.Outcome(job("GM0001-a"), "done", reason="codings"),
            run.Outcome(job("GM0002-b"), "failed", error="RuntimeError: kapot", reason="code", kept_notebook=kept),
            run.Outcome(job("GM0003-c"), "failed", error="OSError: geen naam", reason="no output"),
            run.Outcome(job("GM0004-d"), "skipped"),
        ],
        log_path=tmp_path / "run.log",
    )
    cli.print_summary(summary, 2_000_000)
    out, err = capsys.readouterr()
    assert "1 rendered, 1 up to date, 2 failed" in out
    assert "coderingen gewijzigd (1): GM0001-a" in out and "code gewijzigd (1): GM0002-b" in out
    assert f"details: {tmp_path / 'run.log'}" in out
    assert f"notebook kept at {kept}" in err
    assert err.count("notebook kept at") == 1  # GM0003-c left no notebook: no pointer to nothing


# --- the data build: stale by content ---------------------------------------------------------


def test_the_data_build_is_stale_by_content_not_by_file_times(mirror, isolated_data, monkeypatch):
    from analysis.pipeline import build
    from analysis.sources import raw

    layer = paths.processed_dir() / "proef.parquet"
    runs = []

    def write_layer():
        layer.parent.mkdir(parents=True, exist_ok=True)
        layer.write_bytes(b"laag")
        runs.append(layer)

    monkeypatch.setattr(build, "STEPS", (build.Step("proef", (lambda: layer,), (), write_layer),))
    build.build(say=lambda _: None)
    assert len(runs) == 1 and build.stamp_path().is_file()

    future = time.time() + 3600  # a checkout or copy: every input newer than the layers, none changed
    for file in [*paths.raw_dir().rglob("*"), paths.CONFIG_DIR / "cases.csv"]:
        if file.is_file():
            os.utime(file, (future, future))
    build.build(say=lambda _: None)
    assert len(runs) == 1

    # A new version of a raw source: other bytes, recorded in the manifest as a re-fetch records them.
    manifest = raw.read_manifest()
    key = next(iter(manifest))
    file = paths.raw_dir() / key
    file.chmod(0o644)
    file.write_bytes(file.read_bytes() + b"\n")
    manifest[key] = {**manifest[key], "sha256": raw.sha256_of(file), "bytes": file.stat().st_size}
    raw.manifest_path().write_text(json.dumps(manifest), encoding="utf-8")
    os.utime(file, (0, 0))
    os.utime(raw.manifest_path(), (0, 0))  # older than the layer: file times would call it fresh
    build.build(say=lambda _: None)
    assert len(runs) == 2

    layer.unlink()  # a missing layer is rebuilt whatever the digest says
    build.build(say=lambda _: None)
    assert len(runs) == 3


def test_the_build_digest_is_no_layer_of_the_reports_key(isolated_data):
    from analysis.pipeline import build

    build.stamp_path().parent.mkdir(parents=True)
    build.stamp_path().write_text("abc\n", encoding="utf-8")
    assert all(not name.endswith(build.STAMP_NAME) for name, _ in keys.data_files())
