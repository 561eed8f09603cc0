# Everything runs inside a self-bootstrapping .venv: a fresh machine needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
# `make build ENGINE=properdocs|zensical`: the same site from another engine.
ENGINES := mkdocs properdocs zensical
ENGINE ?= mkdocs

# Silence the end-of-life banners printed by Material 9.8 (and by properdocs-based tools).
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
	$(if $(filter-out $(ENGINES),$(ENGINE))$(filter-out 1,$(words $(ENGINE))),$(error ENGINE must be one of: $(ENGINES)))
	$(BIN)/skillsite build --engine $(ENGINE) --strict

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
# The values reach the publish command through the environment, never as shell text:
# `$(value ...)` keeps make from expanding them, `unexport` keeps make from expanding
# them to pass them on, and "$$VAR" is expanded once by the shell, never parsed again.
# A VERSION such as '1.0"; touch pwned' is then only a bad version, which Python refuses.
unexport VERSION ALIAS REMOTE
publish: export SKILLSITE_PUBLISH_VERSION = $(value VERSION)
publish: export SKILLSITE_PUBLISH_ALIAS = $(value ALIAS)
publish: export SKILLSITE_PUBLISH_REMOTE = $(value REMOTE)
publish: $(STAMP)
	@test -n "$$SKILLSITE_PUBLISH_VERSION" || { echo "usage: make publish VERSION=x.y [ALIAS=latest] [REMOTE=origin]"; exit 2; }
	$(BIN)/python -m skillsite.publish --remote "$$SKILLSITE_PUBLISH_REMOTE" --version "$$SKILLSITE_PUBLISH_VERSION" --alias "$$SKILLSITE_PUBLISH_ALIAS"

clean:
	rm -rf site build .pytest_cache .ruff_cache tests/artifacts bench/out
