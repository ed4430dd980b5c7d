"""``python -m analysis diff OLD NEW`` on report folders built here."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image, PngImagePlugin

from analysis.__main__ import main
from analysis.core import paths
from analysis.pipeline import diff
from analysis.pipeline.keys import STORED_KEY

KEY_TABLE = (
    "gm_code,name,population_count,bijstand_per_1000\nGM0599,Rotterdam,634660,61.2\nGM0344,Utrecht,343038,31.1\n"
)


def png(colour: tuple[int, int, int], note: str = "", level: int = 6) -> bytes:
    """A small PNG; ``note`` and ``level`` change its bytes, not its pixels."""
    info = PngImagePlugin.PngInfo()
    if note:
        info.add_text("Comment", note)
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), colour).save(buffer, format="PNG", pnginfo=info, compress_level=level)
    return buffer.getvalue()


def write_report(folder: Path, slug: str, tables: dict[str, str], figures: dict[str, bytes], codings_part="c1"):
    """One report as ``make reports`` leaves it: the executed notebook, its figures and CSV tables."""
    folder.mkdir(parents=True, exist_ok=True)
    metadata = {
        "papermill": {
            "parameters": {
                "municipality_code": slug.split("-")[0],
                "figures_dir": str((folder / "figures" / slug).resolve()),
                "codings_path": "",
            }
        },
        STORED_KEY: {"key": f"k-{codings_part}", "parts": {"parameters": str(folder), "codings": codings_part}},
    }
    notebook = {"cells": [], "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    (folder / f"{slug}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    figures_dir = folder / "figures" / slug
    figures_dir.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (figures_dir / name).write_text(text, encoding="utf-8")
    for name, data in figures.items():
        (figures_dir / name).write_bytes(data)


@pytest.fixture
def two_runs(tmp_path):
    """Two folders where one table value and one figure differ, and nothing else that counts.

    The new run also wrote a float with more digits, the rows in another order, and one figure
    encoded again with the same pixels: none of those is a change.
    """
    old, new = tmp_path / "old", tmp_path / "new"
    shared_table = "theme,share\nDEM,0.1\nRIJK,0.25\n"
    write_report(
        old,
        "GM0599-rotterdam",
        {"kerncijfers.csv": KEY_TABLE, "themas.csv": shared_table},
        {"profiel.png": png((10, 20, 30)), "themaprofiel.png": png((200, 0, 0)), "ligging.png": png((0, 90, 0))},
    )
    write_report(
        new,
        "GM0599-rotterdam",
        {
            "kerncijfers.csv": "gm_code,name,population_count,bijstand_per_1000\n"
            "GM0344,Utrecht,343038,31.10\nGM0599,Rotterdam,634660,61.9\n",
            "themas.csv": "theme,share\nDEM,0.10000000000000001\nRIJK,0.25\n",
        },
        {
            "profiel.png": png((10, 20, 30), note="encoded again", level=9),
            "themaprofiel.png": png((0, 0, 200)),
            "ligging.png": png((0, 90, 0)),
        },
    )
    for folder in (old, new):
        write_report(folder, "annex", {"fisher.csv": "theme,p_value\nDEM,0.5\n"}, {"fisher.png": png((1, 2, 3))})
    return old, new


def test_lists_exactly_the_changed_value_and_figure(two_runs):
    found = diff.compare_folders(*two_runs)
    assert not found.identical
    assert (found.added, found.removed, found.same) == ([], [], ["annex"])
    (report,) = found.reports
    assert report.slug == "GM0599-rotterdam"
    assert report.values == [
        diff.ValueChange("kerncijfers.csv", "GM0599", "bijstand_per_1000", "61.2", "61.9"),
    ]
    assert report.figures_changed == ["themaprofiel.png"]
    assert (report.figures_added, report.figures_removed, report.tables_added, report.tables_removed) == (
        [],
        [],
        [],
        [],
    )
    assert (report.parameters, report.key_parts, report.columns_added, report.columns_removed) == ([], [], [], [])


def test_the_same_pixels_in_other_bytes_are_no_change(tmp_path):
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    first.write_bytes(png((5, 5, 5)))
    second.write_bytes(png((5, 5, 5), note="other bytes", level=1))
    assert first.read_bytes() != second.read_bytes()
    assert diff.same_pixels(first, second)
    second.write_bytes(png((5, 5, 6)))
    assert not diff.same_pixels(first, second)


def test_reports_added_and_removed_and_key_and_parameter_changes(two_runs, tmp_path):
    old, new = two_runs
    write_report(old, "GM0362-amstelveen", {}, {})
    write_report(new, "GM0307-amersfoort", {}, {})
    (new / "annex.ipynb").unlink()
    write_report(new, "annex", {"fisher.csv": "theme,p_value\nDEM,0.5\n"}, {"fisher.png": png((1, 2, 3))}, "c2")
    notebook = json.loads((new / "annex.ipynb").read_text(encoding="utf-8"))
    notebook["metadata"]["papermill"]["parameters"]["codings_path"] = "/data/codings.qdpx"
    (new / "annex.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    found = diff.compare_folders(old, new)
    assert (found.added, found.removed) == (["GM0307-amersfoort"], ["GM0362-amstelveen"])
    annex = next(r for r in found.reports if r.slug == "annex")
    # the key's "parameters" part holds the folder and differs between any two folders: not listed
    assert annex.key_parts == ["codings"]
    assert annex.parameters == [diff.ParameterChange("codings_path", "", "/data/codings.qdpx")]


def test_rows_and_columns_matched_by_label(tmp_path):
    (tmp_path / "old.csv").write_text("gm_code,year,count\nGM1,2015,3\nGM1,2016,4\nGM2,2015,5\n", encoding="utf-8")
    (tmp_path / "new.csv").write_text(
        "gm_code,year,count,extra\nGM2,2015,5,x\nGM1,2016,4,y\nGM3,2015,1,z\n", encoding="utf-8"
    )
    old, new = diff.read_table(tmp_path / "old.csv"), diff.read_table(tmp_path / "new.csv")
    values, added, removed = diff.compare_tables("t.csv", old, new)
    assert values == [
        diff.ValueChange("t.csv", "GM1 / 2015", "count", "3", None),
        diff.ValueChange("t.csv", "GM3 / 2015", "count", None, "1"),
    ]
    assert (added, removed) == ([("t.csv", "extra")], [])


def test_cli_exit_codes_text_and_escaped_html(two_runs, tmp_path, capsys):
    old, new = two_runs
    assert main(["diff", str(old), str(old)]) == 0
    assert "Geen verschillen" in capsys.readouterr().out
    page = tmp_path / "page" / "diff.html"
    assert main(["diff", str(old), str(new), "--html", str(page)]) == 1
    out = capsys.readouterr().out
    assert "61.2" in out and "61.9" in out and "themaprofiel.png: gewijzigd" in out
    assert "profiel.png: gewijzigd" not in out.replace("themaprofiel.png", "")
    text = page.read_text(encoding="utf-8")
    assert ">61.2</td>" in text and ">61.9</td>" in text
    hostile = "GM0599-<img src=x onerror=alert(1)>"
    write_report(new, hostile, {}, {})
    assert main(["diff", str(old), str(new), "--html", str(page), "--language", "en"]) == 1
    text = page.read_text(encoding="utf-8")
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "Reports added" in text and "Rapport" not in text


@pytest.mark.parametrize("damage", ["missing", "file", "empty", "notebook", "png", "csv"])
def test_unreadable_input_exits_2_naming_the_file(two_runs, tmp_path, capsys, damage):
    old, new = two_runs
    figures = new / "figures" / "GM0599-rotterdam"
    if damage == "missing":
        shutil.rmtree(new)
        named = str(new)
    elif damage == "file":
        shutil.rmtree(new)
        new.write_text("not a folder", encoding="utf-8")
        named = str(new)
    elif damage == "empty":
        shutil.rmtree(new)
        new.mkdir()
        named = str(new)
    elif damage == "notebook":
        (new / "GM0599-rotterdam.ipynb").write_text("{broken", encoding="utf-8")
        named = "GM0599-rotterdam.ipynb"
    elif damage == "png":
        (figures / "ligging.png").write_bytes(b"\x89PNG not really")
        named = "ligging.png"
    else:
        (figures / "themas.csv").write_bytes(b'theme,share\n"DEM,0.1\n\xff\xfe')
        named = "themas.csv"
    assert main(["diff", str(old), str(new)]) == 2
    err = capsys.readouterr().err
    assert named in err and "Traceback" not in err


def test_label_skips_columns_that_tell_no_more_rows_apart():
    table = pd.DataFrame(
        {
            "characteristic": ["size", "size", "size", "size"],
            "theme": ["DEM", "DEM", "RIJK", "RIJK"],
            "label_nl": ["Democratie", "Democratie", "Rijk", "Rijk"],
            "group": ["klein", "groot", "klein", "groot"],
            "n_fragments": ["82", "40", "3", "3"],
            "share": ["0.5", "0.25", "0.1", "0.15"],
        }
    )
    assert diff.label_columns(table) == ["characteristic", "theme", "group"]
    assert diff.label_columns(table.drop(columns=["group", "n_fragments"])) == []  # by position then


@pytest.mark.slow
def test_two_real_runs_with_one_coding_changed(built_data, tmp_path, capsys):
    """Rotterdam rendered twice, one of its codings moved from RIJK to DEM: only that shows."""
    example = (paths.CONFIG_DIR / "codings_example.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    moved = next(i for i, line in enumerate(example) if line.startswith("GM0599,") and ",RIJK.BZK,codeur_A," in line)
    changed = [*example]
    changed[moved] = changed[moved].replace(",RIJK.BZK,codeur_A,", ",DEM.POLITIEK,codeur_A,")
    folders = []
    for name, lines in (("old", example), ("new", changed)):
        codings = tmp_path / name / "codings.csv"  # the same path relative to each run
        codings.parent.mkdir()
        codings.write_text("".join(lines), encoding="utf-8")
        output = tmp_path / name / "rapporten"
        command = [sys.executable, "-m", "analysis", "reports", "--cases", "GM0599", "--no-annex"]
        done = subprocess.run(
            [*command, "--output-dir", str(output), "--codings", str(codings)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        folders.append(output)
    found = diff.compare_folders(*folders)
    (report,) = found.reports
    assert {change.table for change in report.values} == {"themaprofiel.csv"}
    assert {change.row for change in report.values if change.column == "n_segments"} == {"DEM", "RIJK"}
    assert report.figures_changed == ["themaprofiel.png"]
    assert report.key_parts == ["codings"]
    assert [p.name for p in report.parameters] == ["codings_path"]
    assert main(["diff", *map(str, folders)]) == 1
    assert "themaprofiel.png: gewijzigd" in capsys.readouterr().out
