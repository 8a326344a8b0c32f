# The one task runner: CI calls `make test`; users call `make sheet`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TOOLS := tests/tools/node_modules/.installed
# Optional: a folder of archived article copies to verify quotes against, e.g.
#   make sheet ARCHIVE_DIR=../shared/archive/kazakhstan-2022-01
ARCHIVE_DIR ?=
ARCHIVE_OPT := $(if $(ARCHIVE_DIR),--archive-dir $(ARCHIVE_DIR),)

.PHONY: sheet check test lint typecheck unit bench bench-serve docs schema serve clean

# build validates every sheet it builds (--strict: warnings fail too) and skips sheets
# whose inputs are unchanged since they last built cleanly.
sheet: $(STAMP)
	$(BIN)/factsheet build --strict facts --out build $(ARCHIVE_OPT)

check: $(STAMP)
	$(BIN)/factsheet check facts $(ARCHIVE_OPT)

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check factsheet tests bench

typecheck: $(STAMP)
	$(BIN)/mypy factsheet

unit: $(STAMP) $(TOOLS)
	$(BIN)/pytest -q

# The Errors and Warnings sections of docs/format.md are generated from the rules table.
docs: $(STAMP)
	$(BIN)/factsheet rules --update docs/format.md

# The fact-file JSON Schema editors read (see docs/authoring.md); a test fails when it is stale.
schema: $(STAMP)
	$(BIN)/factsheet schema > schema/factsheet.schema.json

# A live preview of the example while you edit it: http://127.0.0.1:8000/
serve: $(STAMP)
	$(BIN)/factsheet serve facts/kazakhstan-2022-01 $(ARCHIVE_OPT)

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Save -> updated preview (docs/performance.md, "Live preview"); needs node and chromium.
bench-serve: $(STAMP) $(TOOLS)
	$(BIN)/python bench/serve_bench.py

# Re-install whenever the project's metadata changes; a missing venv is created first.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# Bytecode now, so a shell with PYTHONDONTWRITEBYTECODE set does not compile the package
	# from source on every command (0.1 CPU-s of a 0.45 s HTML build).
	$(BIN)/python -m compileall -q factsheet
	touch $(STAMP)

# The pinned HTML checkers (W3C Nu, axe-core). Without npm the tests that need them skip.
$(TOOLS): tests/tools/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tests/tools && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch node_modules/.installed; \
	else \
	  echo "npm not found: the HTML checker tests will be skipped (install Node.js to run them)"; \
	fi

clean:
	rm -rf build .factsheet-cache
