# Two commands set everything up on a fresh machine (see README):
#   make demo   install into .venv and run the main job on the sample corpus
#   make test   install into .venv (with dev tools) and run lint, types and the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: demo test fuzz install bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg demo

test: $(STAMP)
	bash scripts/test-setup.sh
	$(BIN)/ruff check kg tests
	$(BIN)/ruff format --check kg tests
	$(BIN)/mypy
	$(BIN)/pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

# The fuzz suite at length: 10,000 examples a property (the test suite runs 100).
fuzz: $(STAMP)
	$(BIN)/pytest tests/test_fuzz.py --hypothesis-profile=fuzz

bench: $(STAMP)
	$(BIN)/kg bench

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
