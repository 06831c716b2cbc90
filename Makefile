# warta — the two commands a new machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# pytest-xdist is not used: the suite is kept fast enough on its own.
PYTEST_ARGS ?=

.PHONY: demo test bench install install-dev data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the project's dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/warta demo

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: install-dev
	$(BIN)/python bench/run.py

# Rebuild the committed language artefacts from ../shared (developers only).
data: install-dev
	$(BIN)/python scripts/build_actors.py
	$(BIN)/python scripts/build_ner_lexicon.py
	$(BIN)/python scripts/train_ner.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
