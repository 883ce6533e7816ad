# Two commands: `make run` (Schakel with demo data on http://127.0.0.1:8000) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint format install clean vertalingen bench

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,embedded]"
	touch $@

install: $(BIN)/.installed

# Another port: `make run PORT=8010` (or PORT in the environment); e-mailed links follow it.
PORT ?= 8000
run: install
	PORT=$(PORT) $(BIN)/python -m config.run

# The whole suite against PostgreSQL (DATABASE_URL) and Redis (REDIS_URL): those set, else the
# machine's own on the default addresses, else private ones for this run (config/testdiensten.py).
test: install
	$(BIN)/python -m config.testdiensten -n 2

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The kandidaat's pages in a second language (docs/portaal.md): collect their texts into
# portaal/locale/*/django.po (needs GNU gettext), translate, then compile to django.mo (pure
# Python, no gettext needed). The suite fails when a .mo is older than its .po.
vertalingen: install
	cd portaal && PYTHONPATH=.. DJANGO_SETTINGS_MODULE=config.settings ../$(BIN)/django-admin \
		makemessages -l en -l ar --no-obsolete --no-location --ignore='*_beheer.py'
	$(BIN)/python -m portaal.vertalingen

# Pages, signal scan and PDFs at national scale under gunicorn; writes docs/performance.md.
# Smaller on a busy machine: make bench BENCH="--regios 5 --herhalingen 15"
bench: install
	$(BIN)/python bench/paginas.py $(BENCH)

clean:
	rm -rf $(VENV) .data .staticfiles .media
