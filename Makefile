# TrainingDB. `make run` sets up and serves; `make test` sets up and passes every check;
# `make serve` serves production.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Exported: in development, certificates print their verification links on this port.
export PORT ?= 8000
# Development mode for both targets; production leaves DEBUG off (see README, "Production").
export DEBUG ?= true
# Test processes for `make test`: one per core (pytest-xdist); TEST_WORKERS=0 runs the suite in one.
TEST_WORKERS ?= auto
# The development settings that `make run` writes once, for manage.py commands typed in the shell.
ENV_FILE ?= .env

.PHONY: help run serve worker production-environment test lint format lock clean system-deps browser benchmark translations messages

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-8s %s\n", $$1, $$2}'

run: system-deps $(VENV)/.installed-runtime translations $(ENV_FILE) ## install, migrate, load the seed, ensure an admin login, serve on http://127.0.0.1:$(PORT)
	$(BIN)/python manage.py migrate --noinput
	@# Only what is not there yet: a start never undoes a registrar's edit of a seeded record.
	$(BIN)/python manage.py load_records --only-new fixtures/ipcp_2026_logistics.json
	$(BIN)/python manage.py ensure_admin_login
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production reads its settings from the environment only: never the development .env.
serve: export DEBUG := false
serve: export ENV_FILE :=
serve: PRODUCTION_TARGET := serve
serve: production-environment system-deps $(VENV)/.installed-runtime translations ## production: collect static files, migrate, serve with gunicorn on $(PORT) (needs SECRET_KEY, ALLOWED_HOSTS, SITE_BASE_URL)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	exec $(BIN)/gunicorn --config python:trainingdb.gunicorn_config trainingdb.wsgi:application

# A Celery worker renders certificate PDFs off the request; the same environment as `make serve`
# (the same database, MEDIA_ROOT and Redis) and the broker. Start it once `make serve` has migrated.
worker: export DEBUG := false
worker: export ENV_FILE :=
worker: WORKER_VARIABLES := CELERY_BROKER_URL
worker: PRODUCTION_TARGET := worker
worker: production-environment system-deps $(VENV)/.installed-runtime translations ## production: a Celery worker rendering certificate PDFs (needs CELERY_BROKER_URL too; WORKER_CONCURRENCY processes, default one per core)
	exec $(BIN)/celery --app trainingdb worker --loglevel INFO \
		$${WORKER_CONCURRENCY:+--concurrency $$WORKER_CONCURRENCY}

production-environment:
	@missing=""; \
	for name in SECRET_KEY ALLOWED_HOSTS SITE_BASE_URL $(WORKER_VARIABLES); do \
		[ -n "$${!name}" ] || missing="$$missing $$name"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "make $(PRODUCTION_TARGET) needs these environment variables, unset:$$missing (see README, Production)" >&2; \
		exit 1; \
	fi

test: system-deps browser $(VENV)/.installed-dev translations ## install the dev tools; ruff, the import contracts, Django's checks, migrations and translations checks, the whole pytest suite (browser tests included)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check_translations
	$(BIN)/pytest --numprocesses $(TEST_WORKERS) --dist worksteal

benchmark: system-deps $(VENV)/.installed-dev ## measure certificates, list endpoints, fixture loading, duplicates and imports, print tables
	$(BIN)/python benchmarks/certificate_pdf.py
	$(BIN)/python benchmarks/list_endpoints.py
	$(BIN)/python benchmarks/list_overhead.py
	$(BIN)/python benchmarks/list_profile.py
	$(BIN)/python benchmarks/admin_changelists.py
	$(BIN)/python benchmarks/fixture_loading.py
	$(BIN)/python benchmarks/duplicates.py
	$(BIN)/python benchmarks/enrolment_import.py

system-deps: ## WeasyPrint renders certificates with Pango and HarfBuzz, gettext compiles the translations: install them if missing (Debian, as root)
	@missing=""; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	ldconfig -p | grep -q libharfbuzz-subset || missing="$$missing libharfbuzz-subset0"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "TrainingDB needs these Debian packages (PDFs, translations):$$missing"; exit 1; \
		fi; \
	fi

browser: ## the browser tests drive Debian's Chromium: install it if missing (Debian, as root)
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "The browser tests need Chromium at /usr/bin/chromium (Debian: apt-get install chromium)"; \
		fi; \
	fi

# The French catalogues, compiled (never committed): each .mo rebuilt when its .po is newer.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po apps/*/locale/*/LC_MESSAGES/django.po)

translations: system-deps $(PO_FILES:.po=.mo) ## compile the translation catalogues (.po to .mo) that changed

%.mo: %.po
	msgfmt --check -o $@ $<

messages: $(VENV)/.installed-dev ## gather the strings to translate into each app's catalogue (and locale/ for templates and settings)
	$(BIN)/python manage.py makemessages -l fr --ignore=tests --ignore=benchmarks --ignore=.venv --no-obsolete

lint: $(VENV)/.installed-dev ## ruff: fix what it can, format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: ## re-resolve the dependencies of pyproject.toml and pin them all in requirements.lock
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet ".[dev]"
	echo "# Pinned versions for reproducible installs; regenerate with 'make lock'." > requirements.lock
	.lock-venv/bin/pip freeze --exclude trainingdb >> requirements.lock
	rm -rf .lock-venv build trainingdb.egg-info

clean: ## remove the virtual environment and caches (keeps the database)
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Written once and never overwritten. Its key starts "django-insecure-", which production
# (DEBUG off) refuses: this file can never pass for a production configuration.
$(ENV_FILE):
	@umask 077 && { \
		echo "# Development settings written by 'make run' (git-ignored); production sets its own."; \
		echo "DEBUG=true"; \
		echo "SECRET_KEY=django-insecure-$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	} > $@
	@echo "Wrote $@ (DEBUG on, a generated development key) for manage.py commands typed in the shell."

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-runtime: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	touch $@
