# Kibaru: `make run` sets everything up and serves the demo; `make test` runs the suite.
PYTHON ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin
DB ?= kibaru.duckdb
HOST ?= 127.0.0.1
PORT ?= 8000
# GeoNames country dumps, imported when present so that villages resolve (see docs/geocoding.md).
GEONAMES ?= ../shared/geonames
GEONAMES_FILES := $(wildcard $(GEONAMES)/ML.txt $(GEONAMES)/BF.txt $(GEONAMES)/NE.txt)

.PHONY: install gazetteer run demo test test-fast eval bench lint clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || (echo "kibaru: no Python >= 3.12 found" >&2; exit 1)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

gazetteer: install
	$(if $(GEONAMES_FILES),$(BIN)/kibaru gazetteer import $(GEONAMES_FILES),@echo "no GeoNames dumps in $(GEONAMES); using the built-in gazetteer")

demo: install gazetteer
	$(BIN)/kibaru demo --db $(DB)

run: demo
	$(BIN)/kibaru serve --db $(DB) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow and not browser"

eval: install gazetteer
	$(BIN)/kibaru eval --split test

bench: install
	$(BIN)/python bench/run_all.py

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src/kibaru

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
