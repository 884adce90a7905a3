# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := resources/sample/sample_article.md

.PHONY: run test test-fast lint package benchmark screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/copydesk $(SAMPLE)

# The layer contracts run inside the suite (tests/unit/test_layers.py), so pytest's summary is last.
test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

test-fast: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check desktop_app tests benchmarks

$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[package]"
	touch $@

# One-folder bundle in dist/copydesk (and dist/Copydesk.app on macOS); see packaging/copydesk.spec.
package: $(VENV)/.installed-package
	@if [ "$$(uname -s)" = Linux ] && ! command -v strip >/dev/null; then \
		echo "make package: strip is missing (apt-get install binutils)" >&2; exit 1; fi
	$(BIN)/pyinstaller --noconfirm --clean packaging/copydesk.spec
	@du -sh dist/copydesk

# Every script runs even if one fails or misses its target; a Copydesk vs bare-Qt table ends the run.
benchmark: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run_all.py

screenshots: $(VENV)/.installed
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf build dist .pytest_cache
