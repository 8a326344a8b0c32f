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
# The lock names every file by its hash, so a user's pip configuration (extra indexes,
# find-links) can add nothing but noise. To install through a private index or proxy
# anyway: make sheet PIP_ENV=
PIP_ENV ?= PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS=

.PHONY: sheet check test test-fast test-latest lint typecheck unit bench bench-serve docs schema serve lock clean

# build validates every sheet it builds (--strict: warnings fail too) and skips sheets
# whose inputs are unchanged since they last built cleanly.
sheet: $(STAMP)
	$(BIN)/factsheet build --strict facts --out build $(ARCHIVE_OPT)

check: $(STAMP)
	$(BIN)/factsheet check facts $(ARCHIVE_OPT)

test: lint typecheck unit

# The inner loop: the suite without the slow tests, over every core.
test-fast: $(STAMP)
	$(BIN)/pytest -q -n auto -m "not slow"

# Drift on purpose: the newest versions pyproject's ranges allow, in a separate venv, then
# the whole suite. CI keeps testing the lock; run this before `make lock`.
LATEST := .venv-latest
test-latest: $(TOOLS)
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[dev]'
	$(LATEST)/bin/python -m pip freeze --exclude-editable > $(LATEST)/versions.txt
	FACTSHEET_LATEST=1 $(LATEST)/bin/pytest -q -n auto -p no:cacheprovider

# Regenerate the lock from pyproject's ranges (newest allowed versions, with hashes). Then
# run `make test` and compare the example's PDF bytes (docs/development.md).
# uv lives in a venv of its own, so the project's venv holds exactly the lock.
LOCKER := .venv-lock
lock:
	test -x $(LOCKER)/bin/uv || ($(PYTHON) -m venv $(LOCKER) && $(LOCKER)/bin/pip install --quiet "uv==0.13.10")
	$(LOCKER)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
	  --python-version 3.11 --custom-compile-command "make lock" --quiet \
	  --output-file requirements.lock

lint: $(STAMP)
	$(BIN)/ruff check factsheet tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy factsheet

unit: $(STAMP) $(TOOLS)
	$(BIN)/pytest -q

# Generated docs: the Errors and Warnings sections of docs/format.md (from the rules table)
# and docs/commands.md (from the parser). Tests fail when either is stale.
docs: $(STAMP)
	$(BIN)/factsheet rules --update docs/format.md
	$(BIN)/python -c "import factsheet.cli as c; print(c.command_reference(), end='')" \
	  > docs/commands.md

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

# Re-install whenever the lock or the project's metadata changes; a missing venv is created
# first. Exactly the lock's versions, checked against its hashes; then the project itself,
# with no resolving (--no-deps) and no download (--no-build-isolation: setuptools is locked).
# setuptools cautions on every editable install that sys.path is extended: nothing to act on,
# so that one message is filtered. Bytecode is compiled up front, so a shell with
# PYTHONDONTWRITEBYTECODE set does not compile the package on every command (0.1 CPU-s).
$(STAMP): requirements.lock pyproject.toml
	@echo "Installing requirements.lock into $(VENV)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP_ENV) $(BIN)/python -m pip install --quiet 'pip>=25'
	@$(PIP_ENV) $(BIN)/python -m pip install --quiet --disable-pip-version-check \
	  --require-hashes --only-binary :all: -r requirements.lock
	@$(PIP_ENV) PYTHONWARNINGS="ignore:Editable installation" \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
	  --no-build-isolation -e .
	@$(BIN)/python -m compileall -q factsheet
	@touch $(STAMP)

# The pinned HTML checkers (W3C Nu, axe-core). Without npm the tests that need them skip.
$(TOOLS): tests/tools/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tests/tools && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch node_modules/.installed; \
	else \
	  echo "npm not found: the HTML checker tests will be skipped (install Node.js to run them)"; \
	fi

clean:
	rm -rf build .factsheet-cache $(LATEST)
