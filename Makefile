# Capdev: `make demo` and `make test` are the Quick start; see README.md.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
SEED   ?= ../shared/seeds/000_eacd3102e0b2e2d6.txt
DEMO_PASSWORD ?= capdev-demo-password
PG_CTL := $(shell ls -1d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)

.PHONY: install demo demo-data serve test test-sqlite test-postgresql lint clean vendor bench messages compilemessages

$(BIN)/capdev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/capdev compilemessages

# The translation catalogues (capdev/locale/<lang>/LC_MESSAGES/django.po, committed) compiled to the .mo files
# Django reads (built, not committed: docs/languages.md). msgfmt is Debian's gettext; without it the interface
# is in English only, and this says so.
LOCALES := ar zh_Hans fr ru es
compilemessages: $(BIN)/capdev
	@if command -v msgfmt >/dev/null; then \
		$(BIN)/capdev compilemessages --ignore=.venv --ignore=node_modules -v 0; \
	else \
		echo "msgfmt not found (apt-get install gettext): the interface will be in English only."; \
	fi

# Extract the interface's strings into the catalogues after adding or changing some (docs/languages.md). The
# front end's scripts have no strings of their own (they take their text from the page), so no djangojs domain.
messages: $(BIN)/capdev
	$(BIN)/capdev makemessages $(addprefix -l ,$(LOCALES)) --ignore=.venv --ignore=node_modules --ignore=bench \
		--ignore="*/tests/*"
	$(MAKE) compilemessages

# Migrate, load reference data and the seed portfolio; running it again changes nothing.
demo-data: install
	$(BIN)/capdev migrate --noinput
	$(BIN)/capdev load-reference
	$(BIN)/capdev load-framework capdev/assessments/data/example-digital-government.yaml
	@if [ -f "$(SEED)" ]; then \
		$(BIN)/capdev import-legacy --publish "$(SEED)"; \
	else \
		echo "No seed portfolio at $(SEED): reference data only."; \
	fi
	$(BIN)/capdev demo-users --password "$(DEMO_PASSWORD)"
	@if [ -f "$(SEED)" ]; then $(BIN)/capdev demo-people --password "$(DEMO_PASSWORD)"; fi

# The web server and, beside it, the worker that runs the import page's background tasks from the queue in the
# database (capdev db_worker): one command, and the worker stops with the server (Ctrl-C, or the server ending).
demo: demo-data
	@echo "Capdev is at http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	@$(BIN)/capdev db_worker --no-reload --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=0 $(BIN)/capdev runserver $(HOST):$(PORT)

# Production-like: gunicorn + whitenoise, DEBUG off, the PostgreSQL given by DATABASE_URL.
serve: install
	@test -n "$$DATABASE_URL" || { echo "make serve needs DATABASE_URL=postgres://..."; exit 2; }
	@test -n "$$SECRET_KEY" || { echo "make serve needs SECRET_KEY (50+ random characters)"; exit 2; }
	DJANGO_SETTINGS_MODULE=capdev.settings.production $(BIN)/capdev migrate --noinput
	DJANGO_SETTINGS_MODULE=capdev.settings.production $(BIN)/capdev collectstatic --noinput
	DJANGO_SETTINGS_MODULE=capdev.settings.production $(BIN)/gunicorn capdev.wsgi \
		--bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

# The whole suite on SQLite and, at the same time, again on PostgreSQL where its binaries are installed: the two
# runs share no database, port or file, and side by side they take about half the time of one after the other
# (CI's 30-minute budget). The PostgreSQL run writes to var/test-postgresql.log, printed when both have ended,
# and leaves out the browser tests (what a page shows in chromium: the SQLite run drives them) and the tests that
# touch no database (conftest.py); `make test-postgresql` runs them too.
test: install
	@if [ -n "$(PG_CTL)" ]; then \
		mkdir -p var; \
		echo "== SQLite here; PostgreSQL ($(PG_CTL)) beside it, its output in var/test-postgresql.log"; \
		CAPDEV_PG_CTL=$(PG_CTL) $(BIN)/pytest -q -p no:cacheprovider --db=postgresql -m "not browser" \
			>var/test-postgresql.log 2>&1 & pg=$$!; \
		$(BIN)/pytest -q; sqlite=$$?; \
		wait $$pg; postgresql=$$?; \
		echo "== PostgreSQL, the browser tests left to the SQLite run:"; cat var/test-postgresql.log; \
		echo "== SQLite exit $$sqlite, PostgreSQL exit $$postgresql"; \
		test $$sqlite -eq 0 && test $$postgresql -eq 0; \
	else \
		echo "PostgreSQL binaries not found: the PostgreSQL run is skipped (apt-get install postgresql)."; \
		$(BIN)/pytest -q; \
	fi

test-sqlite: install
	$(BIN)/pytest -q

test-postgresql: install
	CAPDEV_PG_CTL=$(PG_CTL) CAPDEV_PG_RUN_ALL=1 $(BIN)/pytest -q --db=postgresql

# Every Python file of the repository (capdev, bench, conftest.py, ...) against the rules of pyproject.toml's
# [tool.ruff] (docs/development.md#lint); migrations and vendored files are excluded there. Quick: CI runs it
# before `make test`. It needs only the virtualenv and ruff (the dev extra), not the compiled catalogues.
$(BIN)/ruff: pyproject.toml $(BIN)/capdev
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

lint: $(BIN)/ruff
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis

# Refresh the vendored front-end libraries from npm (frontend/package.json); the result is committed,
# so neither `make demo` nor a production server needs npm or a CDN.
VENDOR := capdev/portal/static/vendor
vendor:
	cd frontend && npm install --no-audit --no-fund
	mkdir -p $(VENDOR)/htmx $(VENDOR)/chartjs $(VENDOR)/d3 $(VENDOR)/topojson $(VENDOR)/world-atlas capdev/core/testing/files
	cp frontend/node_modules/htmx.org/dist/htmx.min.js frontend/node_modules/htmx.org/LICENSE $(VENDOR)/htmx/
	cp frontend/node_modules/chart.js/dist/chart.umd.min.js frontend/node_modules/chart.js/dist/chart.umd.min.js.map frontend/node_modules/chart.js/LICENSE.md $(VENDOR)/chartjs/
	cp frontend/node_modules/d3/dist/d3.min.js frontend/node_modules/d3/LICENSE $(VENDOR)/d3/
	cp frontend/node_modules/topojson-client/dist/topojson-client.min.js frontend/node_modules/topojson-client/LICENSE $(VENDOR)/topojson/
	cp frontend/node_modules/world-atlas/countries-50m.json frontend/node_modules/world-atlas/LICENSE $(VENDOR)/world-atlas/
	cp frontend/node_modules/axe-core/axe.min.js capdev/core/testing/files/axe.min.js

# Benchmarks (bench/README.md, docs/performance.md) at a small default size: a 10,000-project SQLite
# portfolio generated once under $(BENCH_DIR), each script printing its figures and writing its JSON summary
# to $(BENCH_DIR)/results (bench/results/ keeps the committed figures of docs/performance.md).
# The sizes of docs/performance.md:
#   .venv/bin/python bench/search_facets.py --projects 100000
#   .venv/bin/python bench/facet_queries.py --projects 100000
#   .venv/bin/python bench/page_throughput.py --projects 100000
#   .venv/bin/python bench/iati_import.py --copies 1 4
#   .venv/bin/python bench/iati_export.py --projects 10000 100000
#   .venv/bin/python bench/similar_projects.py --projects 100000 (and 1000000 --baseline-queries 1)
#   DATABASE_URL=postgres://... capdev generate-portfolio --projects 1000000 --seed 1, then
#   .venv/bin/python bench/search_facets.py --database-url postgres://... --label postgresql-1m
BENCH_DIR      ?= /tmp/capdev-bench
BENCH_PROJECTS ?= 10000
bench: install
	$(BIN)/pip install --quiet -e '.[bench]'
	CAPDEV_BENCH_DIR=$(BENCH_DIR) CAPDEV_BENCH_RESULTS=$(BENCH_DIR)/results $(BIN)/python bench/search_facets.py --projects $(BENCH_PROJECTS) --rounds 3
	CAPDEV_BENCH_DIR=$(BENCH_DIR) CAPDEV_BENCH_RESULTS=$(BENCH_DIR)/results $(BIN)/python bench/facet_queries.py --projects $(BENCH_PROJECTS) --rounds 2
	CAPDEV_BENCH_DIR=$(BENCH_DIR) CAPDEV_BENCH_RESULTS=$(BENCH_DIR)/results $(BIN)/python bench/page_throughput.py --projects $(BENCH_PROJECTS) --duration 5
	CAPDEV_BENCH_DIR=$(BENCH_DIR) CAPDEV_BENCH_RESULTS=$(BENCH_DIR)/results $(BIN)/python bench/dashboard.py --projects $(BENCH_PROJECTS) --rounds 3
	CAPDEV_BENCH_DIR=$(BENCH_DIR) CAPDEV_BENCH_RESULTS=$(BENCH_DIR)/results $(BIN)/python bench/iati_import.py --copies 1
	CAPDEV_BENCH_DIR=$(BENCH_DIR) CAPDEV_BENCH_RESULTS=$(BENCH_DIR)/results $(BIN)/python bench/iati_export.py --projects $(BENCH_PROJECTS)
	CAPDEV_BENCH_DIR=$(BENCH_DIR) CAPDEV_BENCH_RESULTS=$(BENCH_DIR)/results $(BIN)/python bench/narrative_profile.py --records 100
	CAPDEV_BENCH_DIR=$(BENCH_DIR) CAPDEV_BENCH_RESULTS=$(BENCH_DIR)/results $(BIN)/python bench/similar_projects.py --projects $(BENCH_PROJECTS) --queries 20 --baseline-queries 1
