# The two commands a newcomer needs: `make run` and `make test`. Every target honours
# DATABASE_URL, CELERY_BROKER_URL and PORT from the environment.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WEB_CONCURRENCY ?= 3
export PORT WEB_CONCURRENCY

.PHONY: setup migrate demo serve run test lint bench messages clean

# Django 6.1 needs Python >= 3.12: PYTHON if set, else python3.13, python3.12, a pyenv 3.13/3.12, python3.
$(PY):
	@py="$${PYTHON:-}"; \
	if [ -z "$$py" ]; then \
	  pyenv_root="$${PYENV_ROOT:-$$HOME/.pyenv}"; \
	  for c in python3.13 python3.12 $$(ls -d $$pyenv_root/versions/3.13*/bin/python $$pyenv_root/versions/3.12*/bin/python 2>/dev/null | sort -rV) python3; do \
	    if "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then py="$$c"; break; fi; \
	  done; \
	fi; \
	if [ -z "$$py" ]; then \
	  echo "No Python 3.12 or newer found. Install Python 3.13 (e.g. 'apt install python3.13' or 'pyenv install 3.13')," \
	       "or point PYTHON=/path/to/python3.13 at one." >&2; exit 1; \
	fi; \
	echo "Creating $(VENV) with $$py ($$($$py --version))"; \
	"$$py" -m venv $(VENV)

$(VENV)/.installed: $(PY) pyproject.toml requirements.lock
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock ".[dev]"
	@touch $@

setup: $(VENV)/.installed

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo

serve: setup
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(VENV)/bin/gunicorn config.wsgi:application --bind 127.0.0.1:$(PORT) --workers $(WEB_CONCURRENCY)

run: demo
	$(PY) manage.py runall --port $(PORT)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

test: lint
	$(PY) manage.py makemigrations --check --dry-run > /dev/null
	$(PY) -m tests.suites

# Each benchmark runs on databases of its own (a test database, and for the servers one more),
# so the configured database need not exist: `DATABASE_URL=postgres://…/anything make bench`.
# With a DATABASE_URL that is not PostgreSQL, the PostgreSQL-only figures run on the local test
# server (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/ohjaamo) when it answers.
# Only BENCH lines on stdout: make's own output (and setup's) goes to stderr.
bench:
	@$(MAKE) --no-print-directory setup >&2
	@$(PY) -m bench

# Translations: each app keeps its own catalogue (<app>/locale); templates/ and core share locale/.
APPS_WITH_CATALOGUES := practice services bookings events series calendar_sync workspace api mediation invoicing notifications privacy
messages: setup
	@for app in $(APPS_WITH_CATALOGUES); do \
	  mkdir -p $$app/locale; \
	  (cd $$app && ../$(PY) ../manage.py makemessages -l fi -l sv --no-obsolete --no-location >/dev/null); done
	$(PY) manage.py makemessages -l fi -l sv --no-obsolete --no-location \
	  $(foreach app,$(APPS_WITH_CATALOGUES) demo,--ignore '$(app)/*') \
	  --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*' >/dev/null
	$(PY) manage.py compilemessages --ignore .venv >/dev/null

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
