# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := seeds/000_16f81fd0a8824d6f.txt
SHARED_DATA ?= ../shared/data
# Rendered and labelled corpora are cached in the checkout.
export CLEANER_CACHE ?= $(CURDIR)/.cache

.PHONY: run test model bench lint setup browser text-browsers clean-venv

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/cleaner clean $(SEED)

# The review report's browser test needs Chromium: installed from Debian's
# packages when missing (as root); otherwise that one test skips, saying why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser test"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	      || echo "could not install chromium: the browser test will skip"; \
	  else echo "chromium not found and not root: the browser test will skip"; fi; }

# Text browsers whose wrapped dumps the reflow tests and `make bench` read:
# installed from Debian's packages when missing (as root); otherwise those
# tests and benchmark rows skip, saying why.
TEXT_BROWSERS = lynx w3m links elinks
text-browsers:
	@missing=""; for b in $(TEXT_BROWSERS); do command -v $$b >/dev/null 2>&1 || missing="$$missing $$b"; done; \
	[ -z "$$missing" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's$$missing for the text-browser tests"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; } \
	      || echo "could not install$$missing: their tests will skip"; \
	  else echo "$$missing not found and not root: their tests will skip"; fi; }

test: $(STAMP) browser text-browsers
	$(BIN)/python -m pytest

model: $(STAMP)
	$(BIN)/python -m cleaner.training.shipped --data $(SHARED_DATA) --out models/default.joblib

bench: $(STAMP) text-browsers
	$(BIN)/python -m bench.run --data $(SHARED_DATA)
	$(BIN)/python -m bench.html --data $(SHARED_DATA)
	$(BIN)/python -m bench.stages --data $(SHARED_DATA)
	$(BIN)/python -m bench.kshot --data $(SHARED_DATA)
	$(BIN)/python -m bench.batch --data $(SHARED_DATA)
	$(BIN)/python -m bench.fuzz

lint: $(STAMP)
	$(BIN)/ruff check cleaner tests bench
	$(BIN)/mypy

clean-venv:
	rm -rf $(VENV)
