# Gemeenten in 3D — one task runner. `make help` lists the targets.
#
# With a conda environment (environment.yml) or another virtualenv active, the targets use it.
# Otherwise they bootstrap .venv/ with pip from pyproject.toml, the same dependency list.

SHELL := /bin/bash
.DEFAULT_GOAL := help

ifneq ($(strip $(CONDA_PREFIX)$(VIRTUAL_ENV)),)
PYTHON := python
ENV_STAMP :=
else
PYTHON := .venv/bin/python
ENV_STAMP := .venv/.installed
endif

CASES ?= cases
WORKERS ?=
CODINGS ?=
FORCE ?=
OUTPUT ?=
REPORT_ARGS := --cases "$(CASES)" $(if $(WORKERS),--workers $(WORKERS)) $(if $(CODINGS),--codings "$(CODINGS)") $(if $(FORCE),--force) $(if $(OUTPUT),--output-dir "$(OUTPUT)")
NOTEBOOKS := notebooks/municipality.ipynb notebooks/annex.ipynb

.venv/.installed: pyproject.toml
	test -x .venv/bin/python || python3 -m venv .venv
	.venv/bin/python -m pip install --quiet --upgrade pip
	.venv/bin/python -m pip install --quiet -e ".[test]"
	touch $@

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

.PHONY: env
env: $(ENV_STAMP) ## create or update the environment (.venv when none is active)

.PHONY: data
data: $(ENV_STAMP) ## fetch raw sources (mirror or online) and rebuild data/interim and data/processed
	$(PYTHON) -m analysis build

.PHONY: reports
reports: $(ENV_STAMP) ## regenerate reports/ (CASES=cases|all|GM0599,GM0632 WORKERS=n CODINGS=path FORCE=1 OUTPUT=dir)
	$(PYTHON) -m analysis reports $(REPORT_ARGS)

.PHONY: test
test: $(ENV_STAMP) data lint ## ruff, unit tests, notebooks under nbval, the end-to-end run
	$(PYTHON) -m pytest tests $(NOTEBOOKS) --nbval-lax --nbval-current-env

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
