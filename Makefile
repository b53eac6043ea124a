# Two commands on a fresh clone: `make dataset` (set up + build), `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup dataset test lint bench score clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip uninstall --quiet --yes pipeline 2>/dev/null || true  # the distribution's old name
	$(PY) -m pip install --quiet -e '.[test,ray]'
	touch $(STAMP)

dataset: $(STAMP)
	$(PY) -m pipeline build --input seeds --output data --config pipeline.toml

test: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests
	$(PY) -m pytest

SIZE ?= 50
bench: $(STAMP)
	$(PY) -m pipeline.bench --size $(SIZE)

score: $(STAMP)
	$(PY) ../shared/tools/score.py --gold ../shared/dev/gold --raw seeds --out $$(ls -d data/seeds/v* | sort -V | tail -n 1)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
