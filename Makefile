# One command to run the product, one to test it. Both create .venv and install
# from the pinned constraints first, so they work on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help venv venv-dev run test lint fmt demo-data migrate messages bench schema clean diagrams

help:
	@echo "make run        start the product on http://$(HOST):$(PORT) (SQLite, mail to var/mail/)"
	@echo "make test       run the test suite (SQLite; set DATABASE_URL for PostgreSQL)"
	@echo "make lint       ruff (style, imports, security rules), the layering of the apps"
	@echo "make demo-data  a few providers, contracts and contacts to look at"

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

venv: $(VENV)/.installed
venv-dev: $(VENV)/.installed-dev

migrate: venv
	mkdir -p var/mail var/static
	DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-true} $(PY) manage.py load_regio

# Links in e-mails point to the server started here, unless SITE_URL is set.
run: migrate
	DEBUG=$${DEBUG:-true} $(PY) manage.py create_demo_users
	DEBUG=$${DEBUG:-true} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} \
	  $(PY) manage.py runserver $(HOST):$(PORT)

demo-data: migrate
	DEBUG=$${DEBUG:-true} $(PY) manage.py demo_data

# The suite on both cores (pytest-xdist); TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 2
test: venv-dev
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

fmt: venv-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages:
	cd locale && msgfmt -o nl/LC_MESSAGES/django.mo nl/LC_MESSAGES/django.po

schema: venv
	DEBUG=true $(PY) manage.py spectacular --file docs/openapi.yaml

clean:
	rm -rf $(VENV) var

diagrams: venv
	for flow in MeldingFlow HandhavingFlow BezwaarFlow MeerwerkFlow; do \
	  DEBUG=true $(PY) manage.py flowexport workflows/flows.$$flow -o docs/processen/$$flow.svg; \
	  DEBUG=true $(PY) manage.py flowexport workflows/flows.$$flow --format bpmn -o docs/processen/$$flow.bpmn; \
	done

$(VENV)/.installed-bench: $(VENV)/.installed-dev
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,bench]"
	touch $@

# Benchmarks on PostgreSQL at full volume; writes docs/benchmarks.md and docs/benchmarks.json.
# The load measurements need gunicorn, locust and aiosmtpd: the dev and bench groups.
bench: $(VENV)/.installed-bench
	$(PY) bench/run.py
