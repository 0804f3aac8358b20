# Two commands: `make reproduce` and `make test`. Both create .venv when it is missing and install
# the project into it, so nothing has to be installed by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install test lint typecheck pytest docs reproduce profiles bench test-min clean

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

# the lower bounds of pyproject.toml kept: a fresh venv outside the checkout with each dependency at
# its floor (tools/min-versions.txt), the checkout installed into it without its dependencies, and
# the suite run there. Not part of `make test` (it builds the venv afresh: about 6 minutes on two
# cores). Skipped: the slow tests, and the files that need the notebooks extra (nbformat); the
# frames and browser tests skip by themselves, and the statsmodels comparison is deselected.
# Hypothesis replays CI's examples (tests/conftest.py), so that two runs test the same cases.
MINVENV    ?= /tmp/wpsstats-minvenv
MIN_IGNORE := tests/test_notebooks.py tests/test_country_profile.py tests/test_profiles_sweep.py \
	tests/test_reports_decimals.py tests/test_reports_html.py
test-min:
	rm -rf $(MINVENV)
	$(PYTHON) -m venv $(MINVENV)
	$(MINVENV)/bin/python -m pip install --quiet --upgrade pip
	$(MINVENV)/bin/python -m pip install --quiet --only-binary=:all: -r tools/min-versions.txt
	$(MINVENV)/bin/python -m pip install --quiet --no-deps -e .
	$(MINVENV)/bin/python -m pip check
	HYPOTHESIS_PROFILE=ci $(MINVENV)/bin/python -m pytest -q -p no:cacheprovider -m "not slow" \
		$(addprefix --ignore=,$(MIN_IGNORE)) \
		--deselect tests/test_rates.py::test_intervals_match_statsmodels

clean:
	rm -rf build site dist .pytest_cache .mypy_cache .ruff_cache
