"""The template notebooks: clean, paired with their py:percent source, one literal parameters cell."""

import ast

import jupytext
import nbformat
import pytest

from analysis.core import paths

TEMPLATES = ["municipality", "annex"]


@pytest.mark.parametrize("name", TEMPLATES)
def test_committed_without_outputs(name):
    notebook = nbformat.read(paths.NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("name", TEMPLATES)
def test_ipynb_matches_its_py_percent_source(name):
    ipynb = nbformat.read(paths.NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    source = jupytext.read(paths.NOTEBOOKS_DIR / f"{name}.py")
    assert [(c.cell_type, c.source) for c in ipynb.cells] == [(c.cell_type, c.source) for c in source.cells], (
        "run `make notebooks` to regenerate the .ipynb from the .py"
    )


@pytest.mark.parametrize("name", TEMPLATES)
def test_one_parameters_cell_of_typed_literals(name):
    notebook = nbformat.read(paths.NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert notebook.cells.index(tagged[0]) == 0
    tree = ast.parse(tagged[0].source)
    for statement in tree.body:
        assert isinstance(statement, ast.AnnAssign), ast.dump(statement)
        assert isinstance(statement.value, ast.Constant)
    for line in tagged[0].source.splitlines():
        assert "  # " in line, f"parameter without a comment: {line}"
