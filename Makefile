# Parentescence — two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-postgres install install-dev content messages clean

$(VENV)/bin/activate:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the pinned requirements change.
$(VENV)/.installed: requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Create the venv, install, migrate, build the site's content, start web + worker.
run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: install
	mkdir -p var
	$(PY) bin/compile_messages.py
	$(PY) manage.py migrate --noinput
	$(PY) manage.py build_content
	$(PY) manage.py create_demo_accounts
	PORT=$(PORT) PY=$(PY) bin/run-dev

# The suite runs on every core (pytest-xdist; each worker has its own test database). The
# default `load` distribution keeps pytest-django's order (transactional tests last) on each
# worker; `--dist loadfile` would not. PYTEST_ARGS adds options (e.g. PYTEST_ARGS="-n 0 -x").
PYTEST_ARGS ?=
PYTEST := $(PY) -m pytest -n auto $(PYTEST_ARGS)

## The import contracts (.importlinter, docs/architecture.md), then the whole test suite, on SQLite.
## The tests that time real processes (the worker's and run-dev's stop, marked `processes`)
## run after the rest, alone: on a machine busy with the parallel suite, "stops within 10 s"
## would measure the load, not the worker.
test: install-dev
	$(VENV)/bin/lint-imports
	$(PY) bin/compile_messages.py
	bin/ensure-test-tools
	env -u DATABASE_URL $(PYTEST) -m "not processes"
	env -u DATABASE_URL $(PY) -m pytest -n 0 -m processes

## The suite again on PostgreSQL (POSTGRES_URL; used by .ci/run).
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
test-postgres: install-dev
	$(PY) bin/compile_messages.py
	bin/ensure-test-tools
	DATABASE_URL=$(POSTGRES_URL) $(PYTEST) -m "not processes"

## Update the translation catalogues after changing UI strings, then compile them.
messages: install
	$(PY) manage.py makemessages -l en -l fr --ignore=.venv --ignore=var --ignore=node_modules
	$(PY) bin/compile_messages.py

clean:
	rm -rf $(VENV) var node_modules
