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

.PHONY: serve test site site-properdocs site-zensical engines validate links bench bench-scale offline clean help chromium pango

help:
	@echo "make serve     install, check the content, serve on http://127.0.0.1:$(PORT) with live reload"
	@echo "make test      install test dependencies (and Chromium, as root) and run every test"
	@echo "make site      check the content, build strictly and publish to site/ only if the whole build succeeds, with PDF and Word downloads"
	@echo "make site-properdocs, make site-zensical  the same site built with ProperDocs or Zensical (generate, build, finish) into site-ENGINE/"
	@echo "make engines   install ProperDocs and Zensical into their own environments in .cache/engines (make test does)"
	@echo "make validate  check the content only"
	@echo "make links     rewrite docs/links.lock, the baseline of public links"
	@echo "make bench     measure build time, toolkit share, rebuild, 10x growth, page weight, search index (bench/*.json)"
	@echo "make bench-scale  build 1,000 synthetic tools and 300 pages; time validate, build and a search (bench/scale.json)"
	@echo "make offline   build the zip that works unzipped from file:// (build/*-offline.zip)"
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

site: validate pango
	$(BIN)/toolkit build --out site

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
offline: validate
	OFFLINE=true $(BIN)/toolkit build --out build/offline-site
	$(BIN)/python -m toolkit.engine.offline build/offline-site build/lived-experience-toolkit-offline.zip

# Browser tests drive Debian's Chromium; install it when missing and we are allowed to.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)); \
	  else echo "note: /usr/bin/chromium is missing; run 'sudo apt-get install chromium' to run the browser tests" >&2; fi; \
	fi

test: $(VENV)/.installed-test chromium pango engines
	$(BIN)/python -m pytest -q -n auto --dist loadgroup --durations=15 $(PYTEST_ARGS)

# Measurements, never timed tests: writes JSON to bench/ and prints it.
bench: $(VENV)/.installed-bench
	$(BIN)/python scripts/bench_assets.py --out bench/assets.json
	$(BIN)/python scripts/bench.py --out bench/bench.json

bench-scale: $(VENV)/.installed-test
	$(BIN)/python scripts/bench_scale.py --out bench/scale.json

clean:
	rm -rf $(VENV) site build .pytest_cache .cache
