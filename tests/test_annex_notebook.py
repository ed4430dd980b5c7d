"""The annex notebook executed with papermill in both languages (slow)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from analysis.core import paths

pytestmark = pytest.mark.slow

#: Words that give a Dutch sentence away on the English page (quotes, place names, the study's
#: title, source titles and file names are removed before the check).
DUTCH_WORDS = (
    "gemeenten", "inwoners", "Leeswijzer", "Bron:", "coderingen", "fragmenten", "samenhang", "toets",
    "aanwezig", "overeenstemming", "Berekend", "waarheidstabel", "mediaan", "aandeel", "gebeurtenissen",
    "voldoende", "consistentie", "dekking", "drempel", "Interpretatie", " niet ", " het ", " zijn ",
)  # fmt: skip


def _page_text(notebook: Path) -> str:
    """The HTML outputs of an executed notebook as plain text, without quotes and the sources panel."""
    nb = nbformat.read(notebook, as_version=4)
    parts = [
        output["data"]["text/html"]
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "text/html" in output.get("data", {})
    ]
    page = "".join(parts)
    page = page.split("<h2>Sources</h2>")[0].split("<h2>Bronnen</h2>")[0]
    page = re.sub(r"<blockquote.*?</blockquote>", " ", page, flags=re.S)
    page = re.sub(r"<img[^>]*>", " ", page)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return re.sub(r"analysis\.[\w.]+|figures/annex/\S+", " ", text)


@pytest.fixture(scope="module")
def executed(built_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    runs = {}
    for language in ("nl", "en"):
        folder = tmp_path_factory.mktemp(f"annex-{language}")
        output = folder / "annex.ipynb"
        papermill.execute_notebook(
            str(paths.NOTEBOOKS_DIR / "annex.ipynb"),
            str(output),
            parameters={"language": language, "figures_dir": str(folder / "figures")},
            kernel_name="python3",
            progress_bar=False,
        )
        runs[language] = (output, folder / "figures")
    return runs


def test_english_page_has_no_dutch_words(executed):
    text = _page_text(executed["en"][0])
    assert "Reading guide" in text and "Spearman" in text
    found = [w for w in DUTCH_WORDS if w in text]
    assert not found, found


def test_dutch_page_traces_every_number_to_a_csv(executed):
    text = _page_text(executed["nl"][0])
    assert "Leeswijzer" in text and "Berekend door" in text
    figures = executed["nl"][1]
    for name in ("kerncijfers", "fisher-tabel", "citaatmatrix", "qca-oplossingen", "thema-aandelen"):
        assert (figures / f"{name}.csv").stat().st_size > 0, name
    assert (figures / "waarheidstabel.png").read_bytes().startswith(b"\x89PNG")
