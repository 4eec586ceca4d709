# Two commands on a fresh clone: `make serve` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# Reproducible output: anything that needs a date uses the last commit's, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
export SOURCE_DATE_EPOCH

.PHONY: serve test test-unit test-build test-browser check site site-properdocs site-zensical engines validate links bench bench-scale offline scorm clean help chromium pango web-servers libreoffice scorm-again lighthouse

help:
	@echo "make serve     install, check the content, serve on http://127.0.0.1:$(PORT) with live reload"
	@echo "make test      install test dependencies (and Chromium, as root) and run every test"
	@echo "make check     lint (ruff), formatting, types (mypy) and content; CI runs it before the tests"
	@echo "make test-unit, test-build, test-browser  one tier of the tests"
	@echo "make site      check the content, build strictly and publish to site/ only if the whole build succeeds, with PDF and Word downloads"
	@echo "               and the offline zip; writes the server configuration to build/hosting/ (see README, Hosting)"
	@echo "make site-properdocs, make site-zensical  the same site built with ProperDocs or Zensical (generate, build, finish) into site-ENGINE/"
	@echo "make engines   install ProperDocs and Zensical into their own environments in .cache/engines (make test does)"
	@echo "make validate  check the content only"
	@echo "make links     rewrite docs/links.lock, the baseline of public links"
	@echo "make bench     measure build time, toolkit share, rebuild, 10x growth, page weight, search index, and Lighthouse"
	@echo "               beside a default Material site (bench/*.json)"
	@echo "make bench-scale  build 1,000 synthetic tools and 300 pages; time validate, build and a search (bench/scale.json)"
	@echo "make offline   build the zip that works unzipped from file:// (build/$(OFFLINE_ZIP))"
	@echo "make scorm     one SCORM 1.2 package per learning path for Moodle and other learning platforms (build/scorm/<path id>.zip)"
	@echo "make clean     remove the virtual environment and build output"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

validate: $(VENV)/.installed
	$(BIN)/toolkit validate

# Serving skips making PDF and Word downloads (it reuses any in .cache/downloads); `make site` makes them.
# --dirty: after the first build, an edit rebuilds only the pages it changes (the adapter's fast author loop).
serve: validate
	@echo "note: make serve does not build new PDF/Word downloads (TOOLKIT_DOWNLOADS=0); make site does"
	TOOLKIT_DOWNLOADS=0 $(BIN)/mkdocs serve --livereload --dirty --dev-addr 127.0.0.1:$(PORT)

# The hosted site offers the offline zip, so the offline build comes first.
site: validate pango offline
	$(OFFLINE_ZIP_ENV)=build/$(OFFLINE_ZIP) $(BIN)/toolkit build --out site
	$(BIN)/python -m toolkit.site.hosting site build/hosting

# The same site from another engine: `toolkit generate` writes build/tree-ENGINE, the engine builds it, `toolkit finish` finishes it.
site-properdocs site-zensical: validate engines
	$(BIN)/toolkit build --engine $(@:site-%=%) --out $@

# ProperDocs and Zensical, each in its own environment (they never import the toolkit); made once, then kept.
engines: $(VENV)/.installed
	$(BIN)/python -m toolkit.engine.engines properdocs
	$(BIN)/python -m toolkit.engine.engines zensical

links: $(VENV)/.installed
	$(BIN)/toolkit links --update

# WeasyPrint (the PDF downloads) needs Pango and a font; Debian has them, install when missing.
pango:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0'; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Pango and fonts for the PDF downloads"; \
	    (apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-dejavu-core >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation fonts-dejavu-core >/dev/null)); \
	  else echo "note: Pango is missing; run 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation' to build PDF downloads" >&2; fi; \
	fi

# A site that works from file:// (Material's offline plugin, vendored iframe-worker shim), zipped.
# Built like `make site`: strictly, and swapped in only if the whole build succeeds.
OFFLINE_ZIP := lived-experience-toolkit-offline.zip
OFFLINE_ZIP_ENV := TOOLKIT_OFFLINE_ZIP
offline: validate pango
	env -u $(OFFLINE_ZIP_ENV) OFFLINE=true $(BIN)/toolkit build --out build/offline-site
	$(BIN)/python -m toolkit.site.offline build/offline-site build/$(OFFLINE_ZIP)

# One SCORM 1.2 package per learning path, made from the offline site (build/scorm/<path id>.zip).
scorm: offline
	$(BIN)/python -m toolkit.engine.scorm build/offline-site build/scorm

# Browser tests drive Debian's Chromium; install it when missing and we are allowed to.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)); \
	  else echo "note: /usr/bin/chromium is missing; run 'sudo apt-get install chromium' to run the browser tests" >&2; fi; \
	fi

# tests/test_hosting.py serves the site with Debian's nginx and Apache httpd (apache2-bin: the
# server without Debian's service set-up); install them when missing and we are allowed to.
web-servers:
	@if [ ! -x /usr/sbin/nginx ] || [ ! -x /usr/sbin/apache2 ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's nginx and Apache httpd for the hosting tests"; \
	    (DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx apache2-bin >/dev/null 2>&1 || (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx apache2-bin >/dev/null)); \
	  else echo "note: nginx or apache2 is missing; run 'sudo apt-get install nginx apache2-bin' to run the hosting tests" >&2; fi; \
	fi

# tests/test_word_in_libreoffice.py opens the Word downloads in LibreOffice (headless `soffice --convert-to`);
# Debian's Writer without the desktop parts; install it when missing and we are allowed to.
libreoffice:
	@if [ ! -x /usr/bin/soffice ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's LibreOffice Writer (no GUI) for the Word file tests"; \
	    (DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libreoffice-writer-nogui >/dev/null 2>&1 || (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libreoffice-writer-nogui >/dev/null)); \
	  else echo "note: /usr/bin/soffice is missing; run 'sudo apt-get install libreoffice-writer-nogui' to run the Word file tests" >&2; fi; \
	fi

# tests/test_scorm.py runs each SCORM package inside scorm-again, a SCORM 1.2 run-time from npm.
SCORM_AGAIN_VERSION := 3.4.3
scorm-again: .cache/scorm-again/node_modules/scorm-again/dist/scorm12.js
.cache/scorm-again/node_modules/scorm-again/dist/scorm12.js:
	@command -v npm >/dev/null || { echo "note: npm is missing; run 'sudo apt-get install npm' to run the SCORM tests" >&2; exit 0; }; \
	  mkdir -p .cache/scorm-again && npm install --prefix .cache/scorm-again --no-audit --no-fund --silent scorm-again@$(SCORM_AGAIN_VERSION)

test: $(VENV)/.installed-test chromium pango web-servers libreoffice scorm-again engines
	$(BIN)/python -m pytest -q -n auto --dist loadgroup --durations=15 $(PYTEST_ARGS)

# The same tests in tiers: unit (no site built, about a minute), build (sites built, no browser), browser.
test-unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -n auto -m "not build and not browser" $(PYTEST_ARGS)
test-build: $(VENV)/.installed-test pango engines
	$(BIN)/python -m pytest -q -n auto --dist loadgroup -m "build and not browser" $(PYTEST_ARGS)
test-browser: $(VENV)/.installed-test chromium pango web-servers libreoffice scorm-again engines
	$(BIN)/python -m pytest -q -n auto --dist loadgroup -m browser $(PYTEST_ARGS)

# Static checks, before the tests (CI runs this first): lint and format (ruff), types (mypy), content.
check: $(VENV)/.installed-dev
	$(BIN)/ruff check toolkit hooks
	$(BIN)/ruff format --check toolkit hooks
	$(BIN)/mypy
	$(BIN)/toolkit validate

# Measurements, never timed tests: writes JSON to bench/ and prints it.
# Lighthouse's mobile performance of toolkit pages beside a default Material site's comes last.
bench: $(VENV)/.installed-bench chromium lighthouse
	$(BIN)/python scripts/bench_assets.py --out bench/assets.json
	$(BIN)/python scripts/bench.py --out bench/bench.json
	$(BIN)/python scripts/bench_lighthouse.py --out bench/lighthouse.json

# make bench runs Lighthouse from npm, pinned (Lighthouse 13 needs Node 22; Debian's is 20).
LIGHTHOUSE_VERSION := 12.2.3
lighthouse: .cache/lighthouse/node_modules/.bin/lighthouse
.cache/lighthouse/node_modules/.bin/lighthouse:
	@command -v npm >/dev/null || { echo "note: npm is missing; run 'sudo apt-get install npm' for make bench's Lighthouse comparison" >&2; exit 0; }; \
	  mkdir -p .cache/lighthouse && npm install --prefix .cache/lighthouse --no-audit --no-fund --silent -E lighthouse@$(LIGHTHOUSE_VERSION)

bench-scale: $(VENV)/.installed-test
	$(BIN)/python scripts/bench_scale.py --out bench/scale.json

clean:
	rm -rf $(VENV) site build .pytest_cache .cache
