# The one task runner: CI calls `make test`; users call `make sheet`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: sheet test lint typecheck unit bench clean

sheet: $(STAMP)
	$(BIN)/factsheet validate --strict facts
	$(BIN)/factsheet build facts --out build

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check factsheet tests bench

typecheck: $(STAMP)
	$(BIN)/mypy factsheet

unit: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Re-install whenever the project's metadata changes; a missing venv is created first.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf build .factsheet-cache
