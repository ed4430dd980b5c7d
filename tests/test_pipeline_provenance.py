"""Provenance footer and metadata, and figures stored once (issue 13 items 2 and 4)."""

from __future__ import annotations

import base64
import re
import subprocess

import nbformat
import pytest

from analysis.pipeline import provenance
from analysis.pipeline.keys import JobKey
from analysis.pipeline.run import render_html
from analysis.report.blocks import FigureBlock
from analysis.report.render import Renderer, embed_linked_figures, page_html

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def record(**changes) -> dict:
    environment = provenance.Environment("0123456789abcdef", False, "f" * 64, {"pandas": "9.9"})
    key = JobKey("a" * 64, {}, {"processed/x.parquet": "b" * 64, "codings:/tmp/<evil>.csv": "c" * 64})
    return {**provenance.job_record(environment, {"municipality_code": "GM0599"}, key), **changes}


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def git(folder, *arguments):
    subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True)


def test_footer_names_commit_environment_parameters_and_inputs():
    text = text_of(provenance.footer_html(record()))
    assert "Gemaakt met commit 0123456." in text
    assert "requirements.lock sha256 ffffffffffff" in text and "pandas 9.9" in text
    assert "Inhoudssleutel aaaaaaaaaaaa" in text
    assert "municipality_code = &#x27;GM0599&#x27;" in text  # quotes escaped too
    assert "processed/x.parquet bbbbbbbbbbbb" in text


def test_footer_wording_follows_dirty_tree_missing_git_and_language():
    assert "(met niet-vastgelegde wijzigingen)" in provenance.footer_html(record(is_dirty=True))
    assert "commit onbekend" in provenance.footer_html(record(commit=None))
    english = text_of(provenance.footer_html(record(is_dirty=True, lock_sha256=None), "en"))
    assert "Made with commit 0123456 (with uncommitted changes)" in english and "no requirements.lock" in english


def test_footer_text_is_escaped():
    html = provenance.footer_html(record(parameters={"codings_path": "<script>alert(1)</script>"}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<evil>" not in html and "&lt;evil&gt;" in html


def test_footer_goes_at_the_end_of_the_main_content():
    page = "<html><body><main><p>rapport</p></main></body></html>"
    placed = provenance.add_footer(page, record())
    assert placed.index("rapport") < placed.index('class="provenance"') < placed.index("</main>")


def test_git_state_of_a_tarball_clean_and_dirty_tree(tmp_path):
    assert provenance.git_state(tmp_path) == (None, False)  # no repository: "commit onbekend"
    repository = tmp_path / "repo"
    repository.mkdir()
    git(repository, "init", "-q")
    (repository / "a.txt").write_text("een")
    git(repository, "add", "a.txt")
    git(repository, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "first")
    commit, is_dirty = provenance.git_state(repository)
    assert re.fullmatch(r"[0-9a-f]{40}", commit) and not is_dirty
    (repository / "a.txt").write_text("twee")
    assert provenance.git_state(repository) == (commit, True)
    # a folder inside another repository is not that repository's code
    inner = repository / "unpacked"
    inner.mkdir()
    assert provenance.git_state(inner) == (None, False)


def test_environment_hashes_the_lock_file_and_names_key_packages(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("pandas==1\n")
    environment = provenance.collect_environment(tmp_path, lock)
    assert environment.lock_sha256 == provenance.file_sha256(lock) and len(environment.lock_sha256) == 64
    assert set(environment.packages) == set(provenance.KEY_PACKAGES)
    assert provenance.collect_environment(tmp_path, tmp_path / "none.lock").lock_sha256 is None


def test_exported_html_gets_the_footer_in_the_notebooks_language():
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_markdown_cell("tekst"))
    notebook.metadata["papermill"] = {"parameters": {"language": "en"}}
    page = render_html(notebook, "titel", record())
    assert "Provenance of this page" in page and "Made with commit 0123456" in page
    assert "Herkomst" not in render_html(nbformat.v4.new_notebook(), "titel")  # no record, no footer


def figure() -> FigureBlock:
    return FigureBlock(png=PNG, alt="kaart", name="ligging")


def test_renderer_links_figures_in_the_runners_folder_and_embeds_otherwise(tmp_path):
    linked = Renderer(tmp_path / "figures" / "GM0599-rotterdam")
    assert page_html([figure()], linked.figures_href).count('src="figures/GM0599-rotterdam/ligging.png"') == 1
    for renderer in (
        Renderer(),  # a researcher in JupyterLab
        Renderer(tmp_path / "eigen-map"),  # a folder the page does not sit beside
        Renderer(tmp_path / "figures" / "GM0599-rotterdam", self_contained=True),
    ):
        assert 'src="data:image/png;base64,' in page_html([figure()], renderer.figures_href)


def test_self_contained_export_embeds_linked_figures_only_from_the_figures_folder(tmp_path):
    (tmp_path / "figures" / "GM0599-rotterdam").mkdir(parents=True)
    (tmp_path / "figures" / "GM0599-rotterdam" / "ligging.png").write_bytes(PNG)
    (tmp_path / "geheim.png").write_bytes(PNG)
    page = page_html([figure()], "figures/GM0599-rotterdam")
    embedded = embed_linked_figures(page + '<img src="figures/GM0599-rotterdam/ontbreekt.png">', tmp_path)
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in embedded
    assert 'src="figures/GM0599-rotterdam/ontbreekt.png"' in embedded  # a missing file stays a link
    outside = '<img src="figures/a..b/../../geheim.png">'
    assert embed_linked_figures(outside, tmp_path) == outside


@pytest.mark.parametrize("language", ["nl", "en"])
def test_notebook_language_defaults_to_dutch(language):
    assert provenance.notebook_language({"papermill": {"parameters": {"language": language}}}) == language
    assert provenance.notebook_language({}) == "nl"
