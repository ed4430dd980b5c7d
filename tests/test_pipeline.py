"""End to end: the papermill run for two municipalities into a temporary folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from analysis.geo.cases import load_cases
from analysis.pipeline import run
from analysis.social.statline import SOCIAL_DOMAIN_TABLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_reports(built_data, tmp_path_factory):
    output = tmp_path_factory.mktemp("reports")
    summary = run.run_reports("GM0599,Bergen (L.)", output_dir=output, workers=2, show_progress=False)
    return summary, output


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_every_job_rendered(two_reports):
    summary, output = two_reports
    assert sorted(o.job.slug for o in summary.outcomes if o.status == "done") == [
        "GM0599-rotterdam",
        "GM0893-bergen-l",
        "annex",
    ]
    assert not (output / ".partial").exists()


def test_rotterdam_report_shows_real_cbs_figures_without_code(two_reports):
    _, output = two_reports
    html = (output / "GM0599-rotterdam.html").read_text(encoding="utf-8")
    text = text_of(html)
    assert "Rotterdam (GM0599)" in text
    assert "634.660" in text  # inhabitants on 1 January 2017
    assert "zeer sterk stedelijk" in text
    assert "Bron: CBS, Kadaster" in text and "sha256" in text
    assert "open_context(" not in html  # code cells hidden for reviewers
    # location and neighbours, structural peers map, 2 peer charts, 2 region maps, bijstand, democracy,
    # theme profile: each linked once as its PNG file, none embedded again in the HTML or the notebook
    linked = re.findall(r'src="(figures/GM0599-rotterdam/[^"]+\.png)"', html)
    assert len(linked) == 9 and all((output / link).is_file() for link in linked)
    assert 'src="data:image/png' not in html
    assert "image/png" not in (output / "GM0599-rotterdam.ipynb").read_text(encoding="utf-8")
    assert "Let op: de coderingen in dit rapport zijn illustratief" in text
    assert 'alt="Rotterdam in Nederland — Rotterdam en de ' in html
    assert "Rijnmond (AM22)" in text
    assert "45 zetels" in text  # Gemeentewet art. 8 for more than 200,000 inhabitants
    # the table id follows the StatLine registry (ids were corrected once), never a literal here
    [youth_care] = [t.table_id for t in SOCIAL_DOMAIN_TABLES.values() if t.topic == "jeugdhulp"]
    assert f"Cijfers jeugdhulp (CBS {youth_care}) zijn niet in de lokale kopie beschikbaar" in text
    assert "Structureel vergelijkbaar met Rotterdam, de meest gelijkende eerst:" in text
    assert "2010 en 2018 meten iets anders." in text


def test_executed_notebook_records_its_parameters(two_reports):
    _, output = two_reports
    notebook = nbformat.read(output / "GM0893-bergen-l.ipynb", as_version=4)
    assert notebook.metadata.papermill.parameters["municipality_code"] == "GM0893"
    text = "".join(str(o.get("data", {}).get("text/html", "")) for c in notebook.cells for o in c.get("outputs", []))
    assert "Bergen (L.) (GM0893)" in text


def test_every_page_and_notebook_carry_their_provenance(two_reports):
    from analysis.pipeline.provenance import METADATA_KEY, git_state

    _, output = two_reports
    commit, is_dirty = git_state()
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))["reports"]
    for slug in ("GM0599-rotterdam", "annex"):
        text = text_of((output / f"{slug}.html").read_text(encoding="utf-8"))
        expected = "Gemaakt met commit " + (commit[:7] if commit else "onbekend")
        assert expected in text and "requirements.lock sha256" in text and "papermill " in text
        assert ("niet-vastgelegde wijzigingen" in text) == bool(is_dirty)
        record = nbformat.read(output / f"{slug}.ipynb", as_version=4).metadata[METADATA_KEY]
        assert record["commit"] == commit and set(record["packages"]) >= {"pandas", "geopandas", "scipy"}
        assert record["inputs"] == manifest[slug]["inputs"] and record["parameters"] == manifest[slug]["parameters"]
        assert manifest[slug]["provenance"]["commit"] == commit
        # the footer lists the content-key inputs with their checksums
        assert (
            "processed/" in text
            and record["inputs"]["notebook/" + ("annex" if slug == "annex" else "municipality") + ".ipynb"][:12] in text
        )


def test_figures_saved_as_png(two_reports):
    _, output = two_reports
    names = sorted(p.name for p in (output / "figures" / "GM0599-rotterdam").glob("*.png"))
    assert names == [
        "bijstand.png",
        "democratie-2010.png",
        "ligging.png",
        "omvang-dichtheid.png",
        "profiel.png",
        "regio-labour_market_region.png",
        "regio-youth_care_region.png",
        "themaprofiel.png",
        "vergelijkbare-gemeenten.png",
    ]


def test_index_links_reports_and_annex(two_reports):
    _, output = two_reports
    index = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="GM0599-rotterdam.html"' in index and 'href="GM0893-bergen-l.html"' in index
    assert 'href="annex.html"' in index
    assert 'id="zoek"' in index  # search box


def test_annex_places_the_twenty(two_reports):
    _, output = two_reports
    text = text_of((output / "annex.html").read_text(encoding="utf-8"))
    assert "volgde 20 gemeenten" in text
    assert "Súdwest-Fryslân" in text and "634.660" in text


def test_second_run_skips_up_to_date_reports_and_keeps_the_index_whole(two_reports):
    _, output = two_reports
    again = run.run_reports("GM0599", output_dir=output, workers=1, show_progress=False, with_annex=False)
    assert [o.status for o in again.outcomes] == ["skipped"]
    index = (output / "index.html").read_text(encoding="utf-8")
    # the earlier run's Bergen (L.) report is still listed, in the registry order of the cases
    assert index.index('href="GM0893-bergen-l.html"') < index.index('href="GM0599-rotterdam.html"')


def test_a_report_made_with_other_parameters_is_out_of_date(two_reports, tmp_path):
    _, output = two_reports
    [same], _ = run.key_jobs(  # keyed as the run keys it: on its slice of the codings
        run.plan_jobs(["GM0599"], output, with_annex=False),
        run.resolve_codings_path("")[1],
        load_cases()["gm_code"],
        output,
        tmp_path / "werk",
        share_codings=False,
    )
    assert run.stale_reason(same, output) is None
    other_codings = tmp_path / "older-export.csv"  # older than the report, but not what it was made from
    other_codings.write_text("gm_code,document,segment_id,code_id,coder\n", encoding="utf-8")
    os.utime(other_codings, (0, 0))
    [other] = run.plan_keys(
        run.plan_jobs(["GM0599"], output, codings_path=str(other_codings), with_annex=False), other_codings
    )
    assert run.stale_reason(other, output) == "parameters"


def test_the_manifest_lists_every_report_with_its_key(two_reports):
    summary, output = two_reports
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))["reports"]
    assert sorted(manifest) == ["GM0599-rotterdam", "GM0893-bergen-l", "annex"]
    rotterdam = nbformat.read(output / "GM0599-rotterdam.ipynb", as_version=4)
    assert manifest["GM0599-rotterdam"]["key"] == rotterdam.metadata["gemeenten3d"]["key"]
    assert any(name.startswith("processed/") for name in manifest["annex"]["inputs"])
    assert "annex.pdf" in manifest["annex"]["files"] or any(o.error for o in summary.outcomes)
    if (output / "annex.pdf").exists() and shutil.which("pdftotext"):
        printed = subprocess.run(
            ["pdftotext", str(output / "annex.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Herkomst van deze pagina" in printed and "requirements.lock sha256" in printed


def test_a_failing_notebook_is_kept_and_the_others_finish(built_data, tmp_path):
    broken = tmp_path / "broken.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("raise RuntimeError('kapot')")])
    nbformat.write(notebook, broken)
    good = run.plan_jobs(["GM0599"], tmp_path, with_annex=False)[0]
    bad = run.Job(slug="GM0000-kapot", title="kapot", notebook=broken, parameters={})
    outcomes = {o.job.slug: o for o in run.execute_jobs([bad, good], tmp_path, workers=2, show_progress=False)}
    assert outcomes["GM0599-rotterdam"].status == "done"
    assert outcomes["GM0000-kapot"].status == "failed"
    assert "RuntimeError: kapot" in outcomes["GM0000-kapot"].error
    assert (tmp_path / "failed" / "GM0000-kapot.ipynb").exists()
    assert not (tmp_path / "GM0000-kapot.html").exists()


def test_cli_refuses_an_unknown_municipality(built_data, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "reports", "--cases", "Rotterdm", "--output-dir", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "closest: GM0599 Rotterdam" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_real_codings_file_replaces_the_example_and_drops_the_banner(built_data, tmp_path):
    codings = tmp_path / "interviews.csv"
    codings.write_text(
        "gm_code,document,segment_id,code_id,coder\n"
        "GM0599,interview wethouder,1,REG,anna\n"
        "GM0599,interview wethouder,2,RIJK,anna\n"
        "GM0599,interview griffie,1,REG,anna\n",
        encoding="utf-8",
    )
    job = run.plan_jobs(["GM0599"], tmp_path, codings_path=str(codings), with_annex=False)[0]
    [outcome] = run.execute_jobs([job], tmp_path, workers=1, show_progress=False)
    assert outcome.status == "done", outcome.error
    text = text_of((tmp_path / "GM0599-rotterdam.html").read_text(encoding="utf-8"))
    assert "illustratief" not in text.lower()
    assert "3 coderingen op 3 fragmenten in 2 documenten" in text


def test_no_report_carries_error_or_warning_output(two_reports):
    # A worker's kernel runs several reports in turn; nothing of that may leak into a report.
    summary, output = two_reports
    for outcome in summary.outcomes:
        notebook = nbformat.read(output / f"{outcome.job.slug}.ipynb", as_version=4)
        streams = [
            o.get("text", "")
            for c in notebook.cells
            for o in c.get("outputs", [])
            if o.get("output_type") == "stream" and o.get("name") == "stderr"
        ]
        assert streams == [], (outcome.job.slug, streams)


def test_warm_kernel_starts_every_notebook_clean(tmp_path):
    # Two notebooks in turn in this process's warm kernel: nothing of the first is visible in the second.
    first, second = tmp_path / "first.ipynb", tmp_path / "second.ipynb"
    # The first cell's value lands in the output history (_1, _oh, _), which must go too.
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("leak = 42\nimport json\nleak")]), first)
    check = (
        "assert 'leak' not in globals(), 'state leaked'\nassert 'json' not in globals()\n"
        "assert '_1' not in globals() and not _oh and _ == '', 'output history leaked'\nprint('clean')"
    )
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(check)]), second)
    outcomes = [
        run.execute_job(run.Job(slug=path.stem, title=path.stem, notebook=path, parameters={}), tmp_path)
        for path in (first, second)
    ]
    assert [o.status for o in outcomes] == ["done", "done"], outcomes[1].error
    executed = nbformat.read(tmp_path / "second.ipynb", as_version=4)
    assert executed.cells[0].outputs[0]["text"] == "clean\n"
    assert executed.cells[0].execution_count == 1


def test_a_killed_worker_fails_its_report_only(built_data, tmp_path):
    # The first notebook kills its own worker process (os._exit in the worker is what a crash or an
    # OOM kill looks like to the pool); the run goes on and only that notebook is reported failed.
    killer = tmp_path / "killer.ipynb"
    code = "import os, psutil\nos.kill(psutil.Process(os.getpid()).parent().pid, 9)"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]), killer)
    bad = run.Job(slug="GM0000-killer", title="killer", notebook=killer, parameters={})
    good = run.plan_jobs(["GM0599"], tmp_path, with_annex=False)[0]
    outcomes = {o.job.slug: o for o in run.execute_jobs([bad, good], tmp_path, workers=1, show_progress=False)}
    assert outcomes["GM0599-rotterdam"].status == "done"
    assert outcomes["GM0000-killer"].status == "failed"
    assert "the worker process died running this report" in outcomes["GM0000-killer"].error
    assert not (tmp_path / "GM0000-killer.html").exists()
