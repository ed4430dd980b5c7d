"""The environment files agree, and the Makefile hands user text to the CLI untouched."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from analysis.core import paths

LOCK_FILE = paths.REPO_ROOT / "requirements.lock"


def pyproject_requirements() -> dict[str, Requirement]:
    project = tomllib.loads((paths.REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return {canonicalize_name(r.name): r for r in map(Requirement, listed)}


def conda_specs() -> dict[str, str]:
    """Conda package name -> version spec ("" when unpinned), without python and pip."""
    environment = yaml.safe_load((paths.REPO_ROOT / "environment.yml").read_text(encoding="utf-8"))
    specs = {}
    for item in environment["dependencies"]:
        if isinstance(item, str):
            name, spec = re.match(r"([A-Za-z0-9_.\-]+)\s*(.*)", item).groups()
            specs[canonicalize_name(name)] = spec.replace(" ", "")
    return {name: spec for name, spec in specs.items() if name not in {"python", "pip"}}


def lock_pins(text: str) -> dict[str, str]:
    """Package -> pinned version of a compiled requirements file (comments and annotations ignored)."""
    pins = {}
    for number, line in enumerate(text.splitlines(), start=1):
        requirement = line.split("#", 1)[0].strip()
        if not requirement:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", requirement)
        assert match, f"requirements.lock, line {number}: not an exact pin: {requirement!r}"
        pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def test_conda_environment_lists_the_pyproject_dependencies_with_the_same_bounds() -> None:
    wanted = {name: str(r.specifier) for name, r in pyproject_requirements().items()}
    assert conda_specs() == wanted


def test_lock_pins_every_dependency_within_its_pyproject_bounds() -> None:
    pins = lock_pins(LOCK_FILE.read_text(encoding="utf-8"))
    for name, requirement in pyproject_requirements().items():
        assert name in pins, f"{name} is in pyproject.toml but not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name]}, outside pyproject's {requirement.specifier}: run `make lock`"
        )
    assert canonicalize_name("gemeenten-in-3d") not in pins, "the package itself is installed with -e, not pinned"


def test_lock_respects_the_constraints_file() -> None:
    """``make lock`` compiles with constraints.txt (matplotlib below 3.11: see its comment)."""
    pins = lock_pins(LOCK_FILE.read_text(encoding="utf-8"))
    constraints = paths.REPO_ROOT / "constraints.txt"
    assert "--constraint constraints.txt" in (paths.REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    lines = [line.split("#", 1)[0].strip() for line in constraints.read_text(encoding="utf-8").splitlines()]
    bounds = [Requirement(line) for line in lines if line]
    assert bounds, "constraints.txt names no bound"
    for bound in bounds:
        assert canonicalize_name(bound.name) in pins, f"constraints.txt bounds {bound.name}, which the lock lacks"
        pinned = pins[canonicalize_name(bound.name)]
        assert bound.specifier.contains(pinned), f"requirements.lock pins {bound.name}=={pinned}, outside {bound}"


def test_lock_reader_rejects_loose_lines() -> None:
    assert lock_pins("pandas==2.2.3  # via x\n\n# note\n") == {"pandas": "2.2.3"}
    with pytest.raises(AssertionError, match="line 2: not an exact pin"):
        lock_pins("pandas==2.2.3\ngeopandas>=1.0\n")


# --- the Makefile passes report options literally -----------------------------------------------

HOSTILE_NAMES = [
    "codings `touch {marker}-backtick`.csv",
    "codings $(touch {marker}-dollar).csv",
    "codings $(shell touch {marker}-make).csv",
    'it\'s "quoted" ; touch {marker}-semicolon $$HOME.qdpx',
]


@pytest.fixture
def fake_python(tmp_path: Path) -> tuple[Path, Path]:
    """An executable that records its arguments as JSON instead of running the pipeline."""
    record = tmp_path / "argv.json"
    script = tmp_path / "fake-python"
    script.write_text(
        f"#!{sys.executable}\nimport json, sys\njson.dump(sys.argv[1:], open({str(record)!r}, 'w'))\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script, record


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("template", HOSTILE_NAMES)
def test_make_reports_hands_the_codings_name_over_literally(
    template: str, fake_python: tuple[Path, Path], tmp_path: Path
) -> None:
    script, record = fake_python
    marker = tmp_path / "executed"
    name = template.format(marker=marker)
    command = ["make", "-s", "reports", f"PYTHON={script}", "ENV_STAMP=", f"CODINGS={name}", f"OUTPUT={name}"]
    dry = subprocess.run(["make", "-n", *command[2:]], cwd=paths.REPO_ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    done = subprocess.run(command, cwd=paths.REPO_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.glob("executed*")), "a part of the name was executed"
    argv = json.loads(record.read_text(encoding="utf-8"))
    assert argv == ["-m", "analysis", "reports", "--cases", "cases", "--codings", name, "--output-dir", name]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_reports_leaves_out_options_not_given(fake_python: tuple[Path, Path]) -> None:
    script, record = fake_python
    command = ["make", "-s", "reports", f"PYTHON={script}", "ENV_STAMP=", "CASES=GM0599,Woerden", "WORKERS=2"]
    subprocess.run(command, cwd=paths.REPO_ROOT, check=True, capture_output=True)
    argv = json.loads(record.read_text(encoding="utf-8"))
    assert argv == ["-m", "analysis", "reports", "--cases", "GM0599,Woerden", "--workers", "2"]
