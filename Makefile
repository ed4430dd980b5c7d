# Gemeenten in 3D — one task runner. `make help` lists the targets.
#
# With a conda environment (environment.yml) or another virtualenv active, the targets use it.
# Otherwise they bootstrap .venv/ with pip from requirements.lock (pinned, compiled from
# pyproject.toml by `make lock`), then install the package itself without dependencies.

SHELL := /bin/bash
.DEFAULT_GOAL := help

ifneq ($(strip $(CONDA_PREFIX)$(VIRTUAL_ENV)),)
PYTHON := python
ENV_STAMP :=
else
PYTHON := .venv/bin/python
ENV_STAMP := .venv/.installed
endif

# Report options. Their values are user text (file names may hold quotes, backticks or `$(...)`):
# they are never expanded by make nor pasted into the shell command. `$(value ...)` takes them
# literally into the recipe's environment, and the recipe quotes the environment variables.
# `unexport`: make would otherwise expand a command-line variable while exporting it.
CASES ?= cases
WORKERS ?=
CODINGS ?=
MAPPING ?=
FORCE ?=
OUTPUT ?=
ONLINE ?=
unexport CASES WORKERS CODINGS MAPPING FORCE OUTPUT ONLINE
NOTEBOOKS := notebooks/municipality.ipynb notebooks/annex.ipynb
PYTEST_TIMINGS := --durations=15

.venv/.installed: requirements.lock pyproject.toml
	test -x .venv/bin/python || python3 -m venv .venv
	.venv/bin/python -m pip install --quiet --upgrade pip
	.venv/bin/python -m pip install --quiet -r requirements.lock
	.venv/bin/python -m pip install --quiet --no-deps -e .
	touch $@

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

.PHONY: env
env: $(ENV_STAMP) ## create or update the environment (.venv from requirements.lock when none is active)

.PHONY: lock
lock: ## recompile requirements.lock from pyproject.toml (needs uv: pip install uv)
	uv pip compile pyproject.toml --extra test --constraint constraints.txt --python-version 3.11.7 --python-platform x86_64-unknown-linux-gnu \
		--annotation-style line --custom-compile-command "make lock" -o requirements.lock

.PHONY: data
data: $(ENV_STAMP) ## fetch raw sources (mirror or online) and rebuild data/processed; ONLINE=1 also fetches the StatLine tables not in the mirror
	$(PYTHON) -m analysis build $(if $(filter 1,$(ONLINE)),--online)

.PHONY: reports
reports: export REPORT_CASES := $(value CASES)
reports: export REPORT_WORKERS := $(value WORKERS)
reports: export REPORT_CODINGS := $(value CODINGS)
reports: export REPORT_MAPPING := $(value MAPPING)
reports: export REPORT_FORCE := $(value FORCE)
reports: export REPORT_OUTPUT := $(value OUTPUT)
reports: export REPORT_SELF_CONTAINED := $(value SELF_CONTAINED)
reports: $(ENV_STAMP) ## regenerate reports/ (CASES=cases|all|GM0599,GM0632 WORKERS=n CODINGS=path MAPPING=csv FORCE=1 OUTPUT=dir SELF_CONTAINED=1)
	$(PYTHON) -m analysis reports --cases "$$REPORT_CASES" $${REPORT_WORKERS:+--workers "$$REPORT_WORKERS"} \
		$${REPORT_CODINGS:+--codings "$$REPORT_CODINGS"} $${REPORT_MAPPING:+--mapping "$$REPORT_MAPPING"} \
		$${REPORT_FORCE:+--force} \
		$${REPORT_OUTPUT:+--output-dir "$$REPORT_OUTPUT"} $${REPORT_SELF_CONTAINED:+--self-contained}

.PHONY: test
test: $(ENV_STAMP) data lint ## everything: ruff, unit tests, notebooks under nbval, the end-to-end run (CI runs this)
	$(PYTHON) -m pytest tests $(NOTEBOOKS) --nbval-lax --nbval-current-env $(PYTEST_TIMINGS)

.PHONY: test-fast
test-fast: $(ENV_STAMP) ## the unit tier: tests not marked slow, no notebooks, no lint (under a minute)
	$(PYTHON) -m pytest tests -m "not slow" $(PYTEST_TIMINGS)

.PHONY: lint
lint: $(ENV_STAMP) ## ruff over the package, tests and notebook sources
	$(PYTHON) -m ruff check src tests benchmarks scripts notebooks/*.py

.PHONY: notebooks
notebooks: $(ENV_STAMP) ## regenerate the .ipynb templates from their py:percent sources (jupytext pairs)
	$(PYTHON) -m jupytext --to ipynb --update notebooks/*.py

.PHONY: benchmark
benchmark: $(ENV_STAMP) data ## time the pipeline against a sequential papermill + nbconvert loop
	$(PYTHON) benchmarks/bench_reports.py

.PHONY: clean
clean: ## remove generated reports and derived data (raw copies stay)
	rm -rf reports/*.html reports/*.ipynb reports/*.pdf reports/figures reports/failed data/interim data/processed
