"""environment.yml and pyproject.toml must list the same dependencies."""

import re
import tomllib

import yaml

from analysis.core import paths


def names(requirements):
    return {re.split(r"[<>=!~ ]", item, maxsplit=1)[0].lower() for item in requirements}


def test_conda_environment_lists_the_pyproject_dependencies():
    project = tomllib.loads((paths.REPO_ROOT / "pyproject.toml").read_text())["project"]
    wanted = names(project["dependencies"]) | names(project["optional-dependencies"]["test"])
    environment = yaml.safe_load((paths.REPO_ROOT / "environment.yml").read_text())
    conda = names(d for d in environment["dependencies"] if isinstance(d, str)) - {"python", "pip"}
    assert conda == wanted
