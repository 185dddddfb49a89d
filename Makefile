# Two commands do all the set-up (see README.md):
#   make run   — virtualenv, install, translations, migrate, demo data, worker + server
#   make test  — the whole test suite (SQLite by default; DATABASE_URL for PostgreSQL)
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
PYTEST_ARGS ?= -n auto

# Find Python 3.12+: on PATH, or installed through pyenv (whose shim may not be active).
PYTHON ?= $(shell scripts/find-python)

# Production installs the runtime requirements only: make install-prod (or INSTALL_DEV=0).
INSTALL_DEV ?= 1
REQUIREMENTS := $(if $(filter 0,$(INSTALL_DEV)),requirements.txt,requirements-dev.txt)

.PHONY: run test install install-prod lint format messages bench clean

$(VENV)/.installed$(if $(filter 0,$(INSTALL_DEV)),-prod): requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "Python 3.12+ not found (see README.md)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r $(REQUIREMENTS)
	touch $@

install: $(VENV)/.installed$(if $(filter 0,$(INSTALL_DEV)),-prod)
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0

install-prod:
	$(MAKE) install INSTALL_DEV=0

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	@echo "Portal: http://$(HOST)/  (worker for handbook builds runs alongside)"
	$(PY) manage.py db_worker --no-reload & WORKER=$$!; trap "kill $$WORKER" EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint:
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=staticfiles --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
