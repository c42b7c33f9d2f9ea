# Two commands set everything up on a fresh machine (see README):
#   make demo   install the package into .venv (nothing else) and run the main job on the sample corpus
#   make test   install the package and the dev tools into .venv, run lint, types and the whole test suite
# and one opens the worked examples: `make notebooks` (the package, pandas and JupyterLab).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
BASE := $(VENV)/.installed
DEV := $(VENV)/.installed-dev
NOTEBOOKS := $(VENV)/.installed-notebooks

.PHONY: demo test fuzz install notebooks bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# What `kg` needs to run, and no more.
$(BASE): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

# The package with the test, lint and type-check tools (the dev extra holds the package too).
$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@ $(BASE)

$(NOTEBOOKS): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[notebooks]'
	touch $@ $(BASE)

install: $(DEV)

demo: $(BASE)
	$(BIN)/kg demo

test: $(DEV)
	bash scripts/test-setup.sh
	$(BIN)/ruff check kg benchmarks tests
	$(BIN)/ruff format --check kg benchmarks tests
	$(BIN)/mypy
	$(BIN)/pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

# The fuzz suite at length: 10,000 examples a property (the test suite runs 100).
fuzz: $(DEV)
	$(BIN)/pytest tests/test_fuzz.py --hypothesis-profile=fuzz

notebooks: $(NOTEBOOKS)
	$(BIN)/jupyter lab notebooks/

bench: $(BASE)
	$(BIN)/kg bench

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
