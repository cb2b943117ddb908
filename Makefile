# Sabor — the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test e2e bench install system-libraries messages lint check-deploy clean

# Cairo, Pango, fonts and gettext come from the system: installed here when missing
# (as root or with sudo on Debian and Ubuntu), or make stops with the command to run.
system-libraries:
	@sh scripts/system-libraries

$(BIN)/python: | system-libraries
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: system-libraries $(STAMP) locale/bg/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.mo

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	DEBUG=1 $(BIN)/python manage.py compile_catalogues -v0

## Create the virtualenv, install, migrate SQLite, load the Lyaskovets demo and serve it.
run: install
	DEBUG=1 SABOR_DEFAULT_MUNICIPALITY=lyaskovets $(BIN)/python manage.py migrate --no-input -v0
	DEBUG=1 SABOR_DEFAULT_MUNICIPALITY=lyaskovets $(BIN)/python manage.py load_demo
	@echo "Serving Sabor on http://$(HOST):$(PORT)/ (with a background worker for reports and emails)"
	DEBUG=1 SABOR_DEFAULT_MUNICIPALITY=lyaskovets SABOR_SITE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 SABOR_DEFAULT_MUNICIPALITY=lyaskovets SABOR_SITE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# pytest exits 5 when it collected no tests; that is a failure, said plainly.
PYTEST_STRICT = status=0; $(BIN)/pytest $(1) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "FAILED: no tests were collected" >&2; exit 1; fi; exit $$status

## Install and run the whole suite (SQLite unless DATABASE_URL says otherwise).
test: install
	@$(call PYTEST_STRICT,-n 2 --dist loadgroup sabor)

# The W3C Nu HTML checker the browser tests run (with Debian's Java: default-jre-headless).
VNU_JAR := var/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR):
	npm install --prefix var/vnu --no-audit --no-fund --silent vnu-jar@26.9.27

## Browser tests in headless Chromium (/usr/bin/chromium), with the W3C HTML checker.
e2e: install $(VNU_JAR)
	@$(call PYTEST_STRICT,e2e)

## Style and correctness checks of the code, and the import contracts between the apps' layers.
lint: install
	$(BIN)/ruff check sabor e2e bench
	$(BIN)/lint-imports --no-cache

## Benchmarks (foundation pages, plan dashboard; participation pages under load, PostgreSQL
## and wrk only: skipped with a message on SQLite); figures go to bench/RESULTS.md.
bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/plans.py
	$(BIN)/python bench/participation.py

## Re-extract translatable strings into the catalogues.
messages: install
	DEBUG=1 $(BIN)/python manage.py makemessages -l bg -l en --ignore=.venv --ignore=var --ignore=e2e --ignore=bench --no-obsolete
	DEBUG=1 $(BIN)/python manage.py compile_catalogues -v0

check-deploy: install
	$(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var
