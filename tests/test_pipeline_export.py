"""The reviewer's HTML: code hidden, researcher-only cells dropped (no kernel needed)."""

from __future__ import annotations

import nbformat

from analysis.pipeline import run


def test_cells_tagged_remove_cell_are_left_out_of_the_html():
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("Deze cel berekent de kerncijfers", metadata={"tags": ["remove_cell"]}),
            nbformat.v4.new_markdown_cell("Kerncijfers voor de lezer"),
            nbformat.v4.new_code_cell("geheime_code = 1", metadata={"tags": ["remove_cell"]}),
        ]
    )
    html = run.render_html(notebook, "proef")
    assert "Kerncijfers voor de lezer" in html
    assert "Deze cel berekent" not in html


def test_code_stays_hidden():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("zichtbare_code_niet = 42")])
    assert "zichtbare_code_niet" not in run.render_html(notebook, "proef")
