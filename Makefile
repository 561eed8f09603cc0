# Everything runs inside a self-bootstrapping .venv: a fresh machine needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000

# Silence the end-of-life banners printed by Material 9.8 and mkdocs-gen-files.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build test lint bench check publish clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

build: $(STAMP)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/skillsite check catalog --strict

test: $(STAMP) node_modules/.installed
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src hooks tests bench
	$(BIN)/ruff format --check src hooks tests bench
	$(BIN)/zizmor --offline .github/workflows
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

bench: $(STAMP)
	$(BIN)/python bench/run.py

REMOTE ?= origin
VERSION ?=
ALIAS ?=
publish: $(STAMP)
	@test -n "$(VERSION)" || { echo "usage: make publish VERSION=x.y [ALIAS=latest] [REMOTE=origin]"; exit 2; }
	$(BIN)/python -m skillsite.publish --remote "$(REMOTE)" --version "$(VERSION)" --alias "$(ALIAS)"

clean:
	rm -rf site build .pytest_cache .ruff_cache tests/artifacts bench/out
