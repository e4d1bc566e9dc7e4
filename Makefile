# Konzeptwerk: `make run` serves the app with a demo project, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
# Playwright must use Debian's Chromium, never download its own browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: install install-dev run test migrate demo translations bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed translations  ## set up .venv with the pinned dependencies

install-dev: install $(VENV)/.installed-dev

translations: $(VENV)/.installed  ## compile the interface translations (.po -> .mo)
	$(BIN)/pybabel compile --use-fuzzy -d app/translations -f --statistics 2>&1 | tail -n 1

migrate: install  ## apply database migrations
	$(FLASK) db upgrade

demo: migrate  ## load the demo project (idempotent)
	$(FLASK) demo load

run: demo  ## set everything up and serve on http://$(HOST):$(PORT)
	@echo "Konzeptwerk runs on http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	SESSION_COOKIE_SECURE=0 $(FLASK) run --host $(HOST) --port $(PORT)

test: install-dev  ## run the whole test suite
	$(BIN)/python -m pytest

bench: install-dev  ## run the benchmarks (see bench/RESULTS.md)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache
