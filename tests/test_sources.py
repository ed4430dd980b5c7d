import json
import os
import stat

import pytest

from analysis.core import paths
from analysis.sources import raw


def test_raw_copy_has_manifest_entry_with_checksum_and_is_read_only(mirror, isolated_data):
    folder = raw.ensure_raw("kiesraad-gr2010")
    copied = folder / "GR2010.csv"
    manifest = json.loads((isolated_data / "raw" / "MANIFEST.json").read_text())
    entry = manifest["kiesraad-gr2010/GR2010.csv"]
    assert entry["sha256"] == raw.sha256_of(mirror / "kiesraad-gr2010" / "GR2010.csv")
    assert entry["bytes"] == copied.stat().st_size
    assert entry["origin"] == "mirror:kiesraad-gr2010/GR2010.csv"
    assert not copied.stat().st_mode & stat.S_IWUSR


def test_second_call_reuses_the_copy(mirror, isolated_data):
    first = raw.ensure_raw("kiesraad-gr2010") / "GR2010.csv"
    mtime = first.stat().st_mtime_ns
    raw.ensure_raw("kiesraad-gr2010")
    assert first.stat().st_mtime_ns == mtime


def test_a_changed_raw_file_stops_the_build(mirror, isolated_data):
    copied = raw.ensure_raw("kiesraad-gr2010") / "GR2010.csv"
    copied.chmod(0o644)
    with open(copied, "ab") as handle:
        handle.write(b"edited\n")
    with pytest.raises(raw.RawDataError, match="no longer matches its sha256"):
        raw.ensure_raw("kiesraad-gr2010")


def test_unknown_source_is_named(isolated_data):
    with pytest.raises(raw.RawDataError, match="unknown source 'cbs-nothing'"):
        raw.ensure_raw("cbs-nothing")


def test_source_without_mirror_or_download_says_where_to_get_it(tmp_path, isolated_data, monkeypatch):
    empty = tmp_path / "empty-mirror"
    empty.mkdir()
    monkeypatch.setenv(paths.MIRROR_ENV, str(empty))
    with pytest.raises(raw.RawDataError, match="data.overheid.nl"):
        raw.ensure_raw("kiesraad-gr2010")


def test_mirror_setting_must_exist(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.MIRROR_ENV, os.fspath(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="nowhere"):
        paths.mirror_dir()


def test_every_source_names_its_citation():
    for source in raw.SOURCES.values():
        assert source.citation.startswith("Bron:"), source.name


def test_published_checksum_guards_the_mirror_copy(tmp_path, isolated_data, monkeypatch):
    from analysis.social import councils

    source = raw.SOURCES[councils.SOURCE_NAME]
    assert set(source.sha256) == {councils.SEATS_FILE, councils.NATIONAL_PARTIES_FILE}
    # a mirror holding another version of the seat file than PROVENANCE.md describes
    fake = tmp_path / "mirror" / councils.SOURCE_NAME
    fake.mkdir(parents=True)
    for file in source.files:
        (fake / file).write_text("id;x\n", encoding="utf-8")
    monkeypatch.setenv(paths.MIRROR_ENV, str(tmp_path / "mirror"))
    with pytest.raises(raw.RawDataError, match="is not the 00aa8761.* of PROVENANCE.md"):
        raw.ensure_raw(councils.SOURCE_NAME)
    assert not (isolated_data / "raw" / councils.SOURCE_NAME / councils.SEATS_FILE).exists()


def test_real_gr2018_copy_matches_its_published_checksums(mirror, isolated_data):
    from analysis.social import councils

    folder = raw.ensure_raw(councils.SOURCE_NAME)
    for file, digest in raw.SOURCES[councils.SOURCE_NAME].sha256.items():
        assert raw.sha256_of(folder / file) == digest
