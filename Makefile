# tcdesk — the two commands: `make run` (set up and serve with demo data) and `make test`.
# Everything else here is what those two stand on. `make help` lists the targets.

SHELL := /bin/bash
PYTHON_VERSION := $(shell cat .python-version)
TOOLS := .tools
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)

# Python: the one named in .python-version, from PATH or pyenv (uv cannot download one here).
PYTHON := $(shell for c in python$(PYTHON_VERSION) $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$(PYTHON_VERSION)*/bin/python$(PYTHON_VERSION) 2>/dev/null | sort -V -r); do \
	if $$c -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; then command -v $$c || echo $$c; break; fi; done)
UV := $(shell command -v uv 2>/dev/null || echo $(TOOLS)/bin/uv)

# Development targets run in debug mode (console e-mail, local hosts) unless told otherwise.
migrate demo run worker lint messages: export TCDESK_DEBUG ?= 1

.PHONY: help install run serve demo migrate worker test test-sqlite test-postgres test-axe lint format bench loadtest messages system-test-deps clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(TOOLS)/bin/uv:
	python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(BIN)/.installed: uv.lock pyproject.toml | $(UV)
	@test -n "$(PYTHON)" || { echo "Python $(PYTHON_VERSION) not found (PATH or pyenv)."; exit 1; }
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

# The parser compiled with mypyc (tcdesk/mandates/parsing/native.py): rebuilt when a module of the parser
# changes. Without a C compiler the build fails with a message and the interpreted parser is used.
PARSER_BUILD := .build/parser/modules/SOURCES.sha256
$(PARSER_BUILD): $(wildcard tcdesk/mandates/parsing/*.py) $(BIN)/.installed
	@echo "the parser: compiling it with mypyc if its sources changed (about a minute)…"; mkdir -p .build/parser
	@$(BIN)/python -m tcdesk.mandates.parsing.native build >.build/parser/build.log 2>&1 \
		&& tail -n1 .build/parser/build.log || tail -n5 .build/parser/build.log

install: $(BIN)/.installed $(PARSER_BUILD) ## Create .venv from the lock file and compile the parser (quick when nothing changed)

migrate: install ## Apply database migrations
	$(BIN)/tcdesk migrate --no-input -v0

demo: migrate ## Load reference and demo data (idempotent)
	$(BIN)/tcdesk demo --skip-if-loaded

run: demo ## Set up everything, load demo data and serve on http://127.0.0.1:8000 with a task worker
	@echo
	@echo "  tcdesk on http://$(HOST):$(PORT)/  — demo sign-ins (password: demo):"
	@echo "  admin, officer, finance, secretariat, auditor, focal-MLI, focal-COL, focal-UKR, donor-NOR, donor-DEU"
	@echo
	$(BIN)/python -m tcdesk.devserver $(HOST):$(PORT)

worker: install ## Run the background task worker (django.tasks database queue)
	$(BIN)/tcdesk db_worker

system-test-deps: ## Debian packages the tests need (Chromium for browser tests)
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Two pytest-xdist workers by default (PYTEST_WORKERS=0 runs in one process): each worker has its own
# test database, media and static folders (settings_test.py); conftest.py hands them the tests one at
# a time, in its order (pytest_xdist_make_scheduler).
PYTEST_WORKERS ?= 2

test: install system-test-deps ## Run the whole test suite (SQLite; DATABASE_URL=… for another database)
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --durations=20; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; exit $$rc

test-postgres: install system-test-deps ## The suite on PostgreSQL (PG_URL, default 127.0.0.1:5432)
	DATABASE_URL=$${PG_URL:-postgres://postgres@127.0.0.1:5432/test} $(MAKE) test

test-axe: install system-test-deps ## Only the axe-core run on every kind of page of the site crawl (part of `make test`)
	$(BIN)/pytest -q -n 0 -p no:randomly -m browser tests/browser/test_axe_crawl.py

lint: install ## ruff, import contracts, mypy, self-containment and permission-table checks, migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo --no-cache
	$(BIN)/mypy
	$(BIN)/pytest -q -p no:randomly tests/test_self_contained.py
	$(BIN)/tcdesk permissions_doc --check
	$(BIN)/tcdesk makemigrations --check --dry-run -v1

format: install ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install ## Run the benchmarks under bench/ and print their figures
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

loadtest: install ## Two app servers + two task workers on PostgreSQL and Redis under load, then checked (~5 min, 127.0.0.1 only)
	$(BIN)/python -m loadtest.run

messages: install ## Extract and compile translations (English, French, Spanish)
	@# The project-wide catalog (tcdesk/locale) takes the templates and settings, not the apps' folders.
	@apps=$$(for a in tcdesk/*/; do n=$$(basename $$a); case $$n in templates|static|locale) ;; *) echo "--ignore $$n/*";; esac; done); \
	for d in tcdesk $$(ls -d tcdesk/*/locale | xargs -n1 dirname); do \
		(cd $$d && set -f && DJANGO_SETTINGS_MODULE=tcdesk.settings_test $(CURDIR)/$(BIN)/tcdesk makemessages -l fr -l es --no-obsolete -v0 \
		$$( [ $$d = tcdesk ] && echo $$apps)); done
	DJANGO_SETTINGS_MODULE=tcdesk.settings_test $(BIN)/tcdesk compilemessages -v0

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) $(TOOLS) var .build
