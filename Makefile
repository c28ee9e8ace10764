# Two commands for a newcomer: `make run` (the demo on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000
# make test runs on every core (pytest-xdist; each worker has its own scratch database and files).
PYTEST_WORKERS ?= auto

.PHONY: run test bench loadtest cluster-smoke scan screenshots lint format messages compilemessages migrate seed system-packages clean

run: $(VENV)/.installed-run system-packages compilemessages
	$(PY) manage.py migrate --noinput
	SITE_BASE_URL=$${SITE_BASE_URL:-http://$(HOST)} $(PY) manage.py seed_demo
	SITE_BASE_URL=$${SITE_BASE_URL:-http://$(HOST)} $(PY) manage.py runserver $(HOST)

test: $(VENV)/.installed-test
	bash .ci/system-packages test
	$(MAKE) compilemessages
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# gunicorn on a throwaway PostgreSQL database (LOADTEST_DATABASE_URL, default incubator_load on
# 127.0.0.1, dropped and recreated), driven for LOADTEST_SECONDS (60); fails on any 5xx or
# broken invariant. See tools/loadtest/runner.py for the other LOADTEST_* variables.
loadtest: $(VENV)/.installed-load system-packages compilemessages
	$(PY) -m tools.loadtest

# Two gunicorn instances and a db_worker on a throwaway PostgreSQL database (CLUSTER_DATABASE_URL,
# default incubator_cluster on 127.0.0.1, dropped and recreated), Redis on 127.0.0.1:6379
# (CLUSTER_REDIS_URL, database 13, emptied) and moto's S3 server: a letter issued through one
# instance, rendered by the worker, downloaded and verified through the other. About a minute.
cluster-smoke: $(VENV)/.installed-cluster system-packages compilemessages
	$(PY) -m tools.cluster

# An outside web vulnerability scanner (wapiti, the `scan` extra, in its own .venv-scan) against
# a throwaway demo on 127.0.0.1:$(SCAN_PORT), as a visitor, an organisation member and a bureau
# officer with the second factor; fails on any 5xx or any finding above low. Long: not in CI.
# Reading its report: docs/operations.md. SCAN_MAX_SECONDS, SCAN_MODULES, SCAN_ROLES: tools/scan.py.
SCAN_VENV := .venv-scan
SCAN_PORT ?= 8765

scan: $(VENV)/.installed-load system-packages compilemessages $(SCAN_VENV)/.installed
	SCAN_PORT=$(SCAN_PORT) WAPITI=$(CURDIR)/$(SCAN_VENV)/bin/wapiti $(PY) tools/scan.py

$(SCAN_VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(SCAN_VENV)
	$(SCAN_VENV)/bin/pip install --quiet --upgrade pip
	$(SCAN_VENV)/bin/pip install --quiet "$$(grep -E '^wapiti3==' requirements.lock)"
	touch $@

# City-scale benchmark on its own throwaway PostgreSQL database (dropped and created here):
# prints a table and writes JSON lines to $(BENCH_OUTPUT). See docs/benchmarks/README.md.
BENCH_DB ?= incubator_bench
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_OUTPUT ?= bench.jsonl
# The city's size: 1 is full size (measured after one tenth), 10 ten times it (make bench SCALE=10).
# BENCH_ARGS="--only vouchers": the city once without vouchers, then only the care vouchers.
SCALE ?= 1
BENCH_ENV := DJANGO_SETTINGS_MODULE=incubator.settings.bench DATABASE_URL=$(BENCH_PG)/$(BENCH_DB)

bench: $(VENV)/.installed-test
	bash .ci/system-packages run
	$(MAKE) compilemessages
	$(PY) -c "import psycopg; c = psycopg.connect('$(BENCH_PG)/postgres', autocommit=True); \
	c.execute('DROP DATABASE IF EXISTS $(BENCH_DB) WITH (FORCE)'); c.execute('CREATE DATABASE $(BENCH_DB)')"
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v 0
	$(BENCH_ENV) $(PY) manage.py bench --scale $(SCALE) --output $(BENCH_OUTPUT) $(BENCH_ARGS)

# The README's pictures of each role's journey: a throwaway demo (SQLite) on a free port, photographed
# by headless Chromium in Chinese at 1280 and 375 px into docs/screenshots/ (tools/screenshots).
screenshots: $(VENV)/.installed-test
	bash .ci/system-packages test
	$(MAKE) compilemessages
	$(PY) -m tools.screenshots

# Style, then the architecture's dependency rules (import-linter: [tool.importlinter] in
# pyproject.toml; a second or so).
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-run: $(VENV)/bin/python pyproject.toml requirements.lock
	$(PIP) install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml requirements.lock
	$(PIP) install --quiet -c requirements.lock -e ".[test]"
	touch $@ $(VENV)/.installed-run

$(VENV)/.installed-cluster: $(VENV)/bin/python pyproject.toml requirements.lock
	$(PIP) install --quiet -c requirements.lock -e ".[cluster]"
	touch $@ $(VENV)/.installed-run

$(VENV)/.installed-load: $(VENV)/bin/python pyproject.toml requirements.lock
	$(PIP) install --quiet -c requirements.lock -e ".[load]"
	touch $@ $(VENV)/.installed-run

system-packages:
	bash .ci/system-packages run

compilemessages: $(VENV)/.installed-run
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# Refresh the zh-Hans catalogue after changing strings; then translate what is new.
messages: $(VENV)/.installed-run
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=tests --no-obsolete

migrate: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput

seed: $(VENV)/.installed-run
	$(PY) manage.py seed_demo

clean:
	rm -rf $(VENV) $(SCAN_VENV) scan-report db.sqlite3 db.sqlite3-* media private staticfiles .pytest_cache
