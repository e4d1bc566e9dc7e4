# Konzeptwerk: `make run` serves the app with a demo project, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
# Playwright must use Debian's Chromium, never download its own browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: install install-dev run dev test migrate demo translations compile-translations bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed compile-translations  ## set up .venv with the pinned dependencies

install-dev: install $(VENV)/.installed-dev

# Two gettext domains (see README, "Languages"): `messages` for staff pages (German source,
# English), `participant` for everything participants read (German source, every participant language).
CATALOGS := app/translations
STAFF_KEYWORDS := -k _ -k gettext -k ngettext:1,2 -k _l -k lazy_gettext -k lazy_ngettext:1,2
PARTICIPANT_KEYWORDS := -k _p -k _pl -k _pn:1,2 -k _pnl:1,2 -k _pc:1c,2
COMPILE_CATALOGS := $(BIN)/pybabel compile -D "messages participant" -d $(CATALOGS) --statistics 2>&1 | grep -v '^compiling' || true

translations: $(VENV)/.installed  ## extract all strings, update every catalog, compile them
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords $(STAFF_KEYWORDS) --add-comments=Translators: \
		--project=Konzeptwerk --copyright-holder="" -o $(CATALOGS)/messages.pot .
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords $(PARTICIPANT_KEYWORDS) --add-comments=Translators: \
		--project=Konzeptwerk --copyright-holder="" -o $(CATALOGS)/participant.pot .
	$(BIN)/pybabel update -D messages -i $(CATALOGS)/messages.pot -d $(CATALOGS) --ignore-obsolete
	$(BIN)/pybabel update -D participant -i $(CATALOGS)/participant.pot -d $(CATALOGS) --ignore-obsolete
	$(COMPILE_CATALOGS)

compile-translations: $(VENV)/.installed  ## compile the catalogs (.po -> .mo; the .mo files are not in git)
	$(COMPILE_CATALOGS)

migrate: install  ## apply database migrations
	$(FLASK) db upgrade

demo: migrate  ## load the demo project (idempotent)
	$(FLASK) demo load

run: demo  ## set everything up and serve on http://$(HOST):$(PORT) with gunicorn (see gunicorn.conf.py)
	@echo "Konzeptwerk runs on http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@SESSION_COOKIE_SECURE=0 HOST=$(HOST) PORT=$(PORT) exec $(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

dev: demo  ## the same with Flask's auto-reloading development server (never in production)
	SESSION_COOKIE_SECURE=0 $(FLASK) run --debug --host $(HOST) --port $(PORT)

test: install-dev  ## run the whole test suite
	$(BIN)/python -m pytest

bench: install-dev  ## run the benchmarks (see bench/RESULTS.md)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache
