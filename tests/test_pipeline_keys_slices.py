"""A municipal report's key holds what it shows of the codings, not the whole file (issue 13 item 1)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from analysis import __main__ as cli
from analysis.geo.cases import load_cases
from analysis.pipeline import inputs, keys, run
from analysis.pipeline.codings_slices import slice_codings
from analysis.qual import codings

HEADER = "gm_code,document,segment_id,code_id,coder,segment_text\n"
# Rotterdam and Amstelveen (cases) with codings, Apeldoorn (a case) and a non-case municipality without any.
ROTTERDAM, AMSTERDAM, UTRECHT, NON_CASE = "GM0599", "GM0362", "GM0200", "GM0014"


def _export(path: Path, rotterdam_first_code: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [
        f"{ROTTERDAM},interview-r,1,{rotterdam_first_code},AB,tekst r 1\n",
        f"{ROTTERDAM},interview-r,2,FIN.KORTINGEN,AB,tekst r 2\n",
        f"{AMSTERDAM},interview-a,1,DEM.POLITIEK,AB,tekst a 1\n",
        f"{AMSTERDAM},interview-a,2,REG.SCHAKELEN.LOKAAL,AB,tekst a 2\n",
        f"{UTRECHT},interview-u,1,onbekende-code,AB,afgewezen\n",  # rejected, names Apeldoorn
    ]
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


@pytest.fixture
def case_codes(built_data) -> list[str]:
    codes = list(load_cases()["gm_code"])
    assert {ROTTERDAM, AMSTERDAM, UTRECHT} <= set(codes) and NON_CASE not in codes
    return codes


def _slices(path: Path, case_codes: list[str]):
    return slice_codings(codings.import_report_codings(path), case_codes)


def test_a_coding_changed_within_its_theme_changes_only_its_municipality(tmp_path, case_codes):
    old = _slices(_export(tmp_path / "oud" / "export.csv", "DEM.POLITIEK"), case_codes)
    new = _slices(_export(tmp_path / "nieuw" / "export.csv", "DEM.INWONERS"), case_codes)  # same theme DEM
    changed = {code for code in [*case_codes, NON_CASE] if old.digest_for(code) != new.digest_for(code)}
    assert changed == {ROTTERDAM}


def test_a_coding_moved_to_another_theme_changes_the_profiles_that_show_the_mean(tmp_path, case_codes):
    old = _slices(_export(tmp_path / "oud" / "export.csv", "DEM.POLITIEK"), case_codes)
    # Rotterdam's first coding moves from DEM to RIJK: the mean of the twenty moves.
    new = _slices(_export(tmp_path / "nieuw" / "export.csv", "RIJK.SYSTEEM"), case_codes)
    changed = {code for code in [*case_codes, NON_CASE] if old.digest_for(code) != new.digest_for(code)}
    # Amstelveen draws the twenty's mean beside its own profile; Apeldoorn (only a rejection) and the
    # others show no profile, so nothing of theirs changed.
    assert changed == {ROTTERDAM, AMSTERDAM}


def test_what_every_report_states_reaches_every_report(tmp_path, case_codes):
    old = _slices(_export(tmp_path / "oud" / "export.csv", "DEM.POLITIEK"), case_codes)
    fewer = tmp_path / "minder" / "export.csv"
    fewer.parent.mkdir()
    fewer.write_text("".join(_export(tmp_path / "x.csv", "DEM.POLITIEK").read_text().splitlines(True)[:-1]))
    new = _slices(fewer, case_codes)  # one rejection less: the counts every page states change
    assert all(old.digest_for(code) != new.digest_for(code) for code in [*case_codes, NON_CASE])


def test_only_the_changed_reports_and_the_annex_get_new_keys(tmp_path, case_codes):
    export = _export(tmp_path / "export.csv", "DEM.POLITIEK")
    notebook = tmp_path / "sjabloon.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), notebook)
    jobs = [
        run.Job(slug=code, title=code, notebook=notebook, parameters={}, gm_code=code)
        for code in (ROTTERDAM, AMSTERDAM, UTRECHT, NON_CASE)
    ] + [run.Job(slug="bijlage", title="bijlage", notebook=notebook, parameters={})]

    def planned() -> dict[str, str]:
        return {job.slug: job.key.key for job in run.plan_keys(jobs, export, _slices(export, case_codes))}

    before = planned()
    _export(export, "DEM.INWONERS")
    after = planned()
    assert {slug for slug in before if before[slug] != after[slug]} == {ROTTERDAM, "bijlage"}
    # the provenance and the manifest still name the file each report read, with its digest
    [municipal, *_] = run.plan_keys(jobs, export, _slices(export, case_codes))
    assert municipal.key.inputs[f"codings:{export}"] == keys.ContentHasher().file(export)


def test_slices_are_kept_beside_the_reports_and_reused_for_the_same_inputs(tmp_path, case_codes):
    export = _export(tmp_path / "export.csv", "DEM.POLITIEK")
    output = tmp_path / "out"
    output.mkdir()
    first, folder = inputs.slice_run_codings(export, "vingerafdruk", case_codes, output, tmp_path / "run")
    assert folder is not None and (output / inputs.SLICES_CACHE_NAME).is_file()
    export.unlink()  # a second import would find no file: the kept slices are read instead
    again, folder = inputs.slice_run_codings(export, "vingerafdruk", case_codes, output, tmp_path / "run")
    assert again == first and folder is None
    export.write_text(HEADER, encoding="utf-8")  # other inputs, other fingerprint: imported again
    with pytest.raises(inputs.RunInputError, match="no codings found"):
        inputs.slice_run_codings(export, "andere", case_codes, output, tmp_path / "run2")


def test_an_export_without_codings_is_refused_once_before_any_notebook(tmp_path, built_data, capsys, monkeypatch):
    empty = tmp_path / "kop.csv"
    empty.write_text(HEADER, encoding="utf-8")
    monkeypatch.setattr(run, "execute_jobs", lambda *a, **k: pytest.fail("a notebook ran"))
    code = cli.main(["reports", "--cases", "GM0599", "--codings", str(empty), "--output-dir", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("no codings found") == 1 and "kop.csv" in err


def _shown_of_codings(coded: codings.CodingImport, gm_code: str) -> str:
    """Everything a municipal report shows from the codings: themes, fragments, their CSV files."""
    import pandas as pd

    from analysis.report import municipal_sections as sections
    from analysis.report import municipal_views_themes as views
    from analysis.report.blocks import FigureBlock, Group, Table
    from analysis.report.common import codebook_in_use
    from analysis.report.context import MunicipalContext
    from analysis.report.render import page_html

    names = pd.DataFrame({"gm_code": [ROTTERDAM, AMSTERDAM, UTRECHT, NON_CASE], "gm_name": list("RAUN")})
    unused = dict.fromkeys(
        ("memberships", "region_sizes", "region_outlines", "bijstand", "elections_2010", "councils_2018")
    )
    ctx = MunicipalContext(
        gm_code=gm_code,
        municipalities=names,
        cases=load_cases(),
        structural_peers=None,
        peer_method={},
        coded=coded,
        codebook=codebook_in_use(coded),
        **unused,
    )
    blocks = views.themes_blocks(sections.themes(ctx)) + views.fragments_blocks(sections.fragments(ctx))
    flat = [b for block in blocks for b in (block.blocks if isinstance(block, Group) else (block,))]
    data = [
        b.data.to_csv() for b in flat if isinstance(b, Table | FigureBlock) and getattr(b, "data", None) is not None
    ]
    return page_html(blocks) + "".join(data) + repr(sections.sources(ctx).codings)


@pytest.mark.slow
def test_an_unchanged_slice_means_an_unchanged_page(tmp_path, case_codes):
    # The guard between the slice and the pages: a report whose digest stayed shows the same
    # themes, fragments, their CSV files and codings facts. (The converse need not hold: the slice
    # holds each coding's code, the page shows themes, so a code moved within its theme re-renders
    # a page that comes out the same.)
    old = codings.import_report_codings(_export(tmp_path / "oud" / "export.csv", "DEM.POLITIEK"))
    new = codings.import_report_codings(_export(tmp_path / "nieuw" / "export.csv", "RIJK.SYSTEEM"))
    old_slices, new_slices = slice_codings(old, case_codes), slice_codings(new, case_codes)
    kept = [
        code
        for code in (ROTTERDAM, AMSTERDAM, UTRECHT, NON_CASE)
        if old_slices.digest_for(code) == new_slices.digest_for(code)
    ]
    assert kept == [UTRECHT, NON_CASE]
    for gm_code in kept:
        assert _shown_of_codings(old, gm_code) == _shown_of_codings(new, gm_code), gm_code
    assert _shown_of_codings(old, AMSTERDAM) != _shown_of_codings(new, AMSTERDAM)  # the twenty's mean moved


def test_reports_run_annex_first_then_region_by_region(built_data, tmp_path):
    """A region's members one after the other: each kernel re-uses the region's map backdrop."""
    from analysis.core import layers

    memberships = layers.read_processed(layers.MEMBERSHIPS_FILE).set_index("gm_code")["youth_care_region_code"]
    codes = ["GM0599", "GM0003", "GM0632", "GM0014", "GM0344", "GM0010"]  # Rotterdam, Groningen and Utrecht regions
    ordered = run.run_order(run.plan_jobs(codes, tmp_path))
    assert ordered[0].gm_code is None  # the annex, the longest job
    regions = [memberships[job.gm_code] for job in ordered[1:]]
    assert regions == sorted(regions)
    by_region = [job.gm_code for job in ordered[1:] if memberships[job.gm_code] == memberships["GM0003"]]
    assert by_region == sorted(by_region) and len(by_region) >= 2  # code order within a region
