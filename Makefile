# ecuapass-tui: `make run` starts the app, `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench lint lock i18n clean

# pip compiles the packages one file at a time; compileall does it on every core (5 s less on a
# fresh clone), before the test workers would each compile what they import.
$(STAMP): requirements/dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-compile --require-hashes -r requirements/dev.lock
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib > /dev/null
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/ecuapass-tui --demo $(ARGS)

# Two workers per core (pytest-xdist; `make test WORKERS=0` runs in one process): many tests
# wait on timers, worker threads and the real program in a pty, so one worker per core leaves
# the cores idle (measured: 5:00 with 2 workers, 4:27 with 4 on 2 cores); worksteal keeps the
# slow end-to-end and snapshot tests from piling up at the end of one worker.
WORKERS ?= $(shell $(PYTHON) -c 'import os; print(2 * (os.cpu_count() or 1))')
test: $(STAMP)
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture

# Regenerate the lock files (needs network and uv: pip install uv).
lock:
	cd requirements && uv pip compile ../pyproject.toml --python-version 3.11 --generate-hashes -o runtime.lock
	cd requirements && uv pip compile ../pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o dev.lock

# Re-extract messages and compile the gettext catalogs.
i18n: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location --sort-output \
		-o src/ecuapass_tui/locale/ecuapass_tui.pot .
	$(BIN)/pybabel update -i src/ecuapass_tui/locale/ecuapass_tui.pot -d src/ecuapass_tui/locale \
		-D ecuapass_tui --no-fuzzy-matching --ignore-obsolete -w 100
	$(BIN)/pybabel compile -d src/ecuapass_tui/locale -D ecuapass_tui

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
