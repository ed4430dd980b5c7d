"""One checked copy of the codings per run, read by every kernel (issue 15 item 9)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.pipeline.inputs import share_codings
from analysis.qual import codings, codings_cache

HEADER = "gm_code,document,segment_id,code_id,coder,segment_text\n"


@pytest.fixture
def export(tmp_path, built_data):
    codes = [c for c in pd.read_csv(codings.EXAMPLE_CODINGS, comment="#")["code_id"].dropna().unique()][:2]
    rows = [f"GM0599,interview-r,{i},{codes[i % 2]},AB,tekst rotterdam {i}\n" for i in range(6)] + [
        f"GM0363,interview-a,{i},{codes[i % 2]},AB,tekst amsterdam {i}\n" for i in range(4)
    ]
    path = tmp_path / "export.csv"
    path.write_text(HEADER + "".join(rows) + "GM9999,x,1,onbekend,AB,weg\n", encoding="utf-8")
    return path


def test_kernels_read_the_shared_copy_not_the_export(export, tmp_path, monkeypatch):
    parsed = codings.import_report_codings(export)
    folder = share_codings(export, tmp_path / "run")
    monkeypatch.setenv(codings_cache.CACHE_ENV, str(folder))
    shared = codings.load_report_codings(str(export))
    pd.testing.assert_frame_equal(shared.accepted, parsed.accepted)
    pd.testing.assert_frame_equal(shared.rejected, parsed.rejected)
    assert (shared.n_read, shared.source, shared.codebook) == (parsed.n_read, parsed.source, parsed.codebook)
    # the export is not read again: a kernel that parsed it would fail on the broken file
    monkeypatch.setattr(codings, "import_report_codings", lambda path: pytest.fail("export parsed again"))
    assert len(codings.load_report_codings(str(export), text_for="GM0599").accepted) == len(parsed.accepted)


def test_a_municipal_report_reads_only_its_own_texts(export, tmp_path, monkeypatch):
    monkeypatch.setenv(codings_cache.CACHE_ENV, str(share_codings(export, tmp_path / "run")))
    sliced = codings.load_report_codings(str(export), text_for="GM0599").accepted
    own = sliced["gm_code"] == "GM0599"
    assert sliced.loc[own, "segment_text"].tolist() == [f"tekst rotterdam {i}" for i in range(6)]
    assert sliced.loc[~own, "segment_text"].isna().all() and (~own).sum() == 4
    assert list(sliced.columns) == list(codings.import_report_codings(export).accepted.columns)


def test_a_copy_of_another_file_version_is_not_used(export, tmp_path, monkeypatch):
    monkeypatch.setenv(codings_cache.CACHE_ENV, str(share_codings(export, tmp_path / "run")))
    export.write_text(HEADER + "GM0599,interview-r,1,x,AB,nieuw\n", encoding="utf-8")  # changed after the copy
    assert codings_cache.read_shared_codings(codings.report_codings_version(export)) is None
    assert codings.load_report_codings(str(export)).n_read == 1  # read from the file itself


def test_an_unreadable_export_is_left_to_the_reports(tmp_path):
    broken = tmp_path / "kapot.csv"
    broken.write_bytes(b"\xff\xfe niet utf-8")
    assert share_codings(broken, tmp_path / "run") is None
