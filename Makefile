# Two commands: `make reproduce` and `make test`. Both create .venv when it is missing and install
# the project into it, so nothing has to be installed by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install test lint typecheck pytest docs reproduce profiles bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@# the browser check (docs/browser_check.py, tests/test_browser.py) opens the pages in Debian's
	@# chromium: installed here when missing and we are root, else that check skips and says why
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -qq && apt-get install -y -qq chromium; } \
		|| echo "chromium is not installed: the browser check will skip"
	touch $(STAMP)

install: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

# strict: a warning (an unresolved cross-reference included) fails the build; -E reads every page
# afresh, because an incremental build leaves the sidebar of an unchanged page without a page added
# since (about 25 s instead of 10)
docs: $(STAMP)
	@# a site left by another generator (the former MkDocs one) would keep its stale pages
	@test -f build/site/.buildinfo || rm -rf build/site
	$(BIN)/sphinx-build -E -W --keep-going -n -q -b html -d build/doctrees docs build/site

# the docs are built before the tests, so the browser check (tests/test_browser.py) opens them
test: lint typecheck docs pytest

reproduce: $(STAMP)
	$(BIN)/python notebooks/reproduce.py --out build

# every country and region (234 places), two kernels at a time: about 3 minutes on two cores;
# build/profiles/index.html links them all
profiles: $(STAMP)
	$(BIN)/python notebooks/reproduce.py --out build --profiles all

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/python -m benchmarks

clean:
	rm -rf build site dist .pytest_cache .mypy_cache .ruff_cache
