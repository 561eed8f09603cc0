#!/usr/bin/env bash
# Idempotent developer set-up: safe to run on a fresh clone and again at any time.
# Copy to scripts/bootstrap.sh, delete the stacks the project does not use.
# Environment: SKIP_SERVICES=1 skips docker compose; CI=1 also skips git hooks.
set -euo pipefail

# Run from the repository root; the fallback assumes this file lives in scripts/.
cd "$(git rev-parse --show-toplevel 2>/dev/null || echo "$(dirname "$0")/..")"

log() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    printf 'error: %s is required. %s\n' "$1" "$2" >&2
    exit 1
  fi
}

# 1. Pinned tool versions (mise reads mise.toml and .tool-versions).
if [[ -f mise.toml || -f .mise.toml || -f .tool-versions ]]; then
  need mise "Install it: https://mise.jdx.dev/getting-started.html"
  log "installing pinned tools with mise"
  mise install
fi

# 2. Local configuration, never overwritten once created.
if [[ -f .env.example && ! -f .env ]]; then
  cp .env.example .env
  log "created .env from .env.example: fill in the values marked CHANGE_ME"
fi

# 3. Python dependencies, from the lock file that exists.
if [[ -f uv.lock ]]; then
  need uv "Install it: https://docs.astral.sh/uv/getting-started/installation/"
  log "python: uv sync --frozen"
  uv sync --frozen
elif [[ -f poetry.lock ]]; then
  need poetry "Install it: https://python-poetry.org/docs/#installation"
  log "python: poetry install"
  poetry install --no-interaction
elif [[ -f requirements.txt ]]; then
  need python3 "Install Python 3 or pin it in mise.toml"
  [[ -d .venv ]] || python3 -m venv .venv
  log "python: pip install -r requirements.txt into .venv"
  .venv/bin/python -m pip install --quiet -r requirements.txt
fi

# 4. Node dependencies, from the lock file that exists.
if [[ -f pnpm-lock.yaml ]]; then
  need pnpm "Run: corepack enable"
  log "node: pnpm install --frozen-lockfile"
  pnpm install --frozen-lockfile
elif [[ -f yarn.lock ]]; then
  need yarn "Run: corepack enable"
  log "node: yarn install (lockfile must not change)"
  if [[ -f .yarnrc.yml ]]; then yarn install --immutable; else yarn install --frozen-lockfile; fi
elif [[ -f package-lock.json ]]; then
  need npm "Install Node.js or pin it in mise.toml"
  log "node: npm ci"
  npm ci
fi

# 5. Compiled stacks: download modules so the first build works offline.
if [[ -f go.mod ]]; then need go "Pin go in mise.toml"; log "go: go mod download"; go mod download; fi
if [[ -f Cargo.toml ]]; then need cargo "Install via rustup"; log "rust: cargo fetch"; cargo fetch; fi

# 6. Backing services (databases, queues) from the compose file.
compose_file=""
for candidate in compose.yaml compose.yml docker-compose.yaml docker-compose.yml; do
  if [[ -f "$candidate" ]]; then compose_file="$candidate"; break; fi
done
if [[ -n "$compose_file" && "${SKIP_SERVICES:-0}" != "1" ]]; then
  need docker "Install Docker Engine or Docker Desktop, or set SKIP_SERVICES=1"
  log "services: docker compose up -d --wait"
  docker compose -f "$compose_file" up -d --wait
fi

# 7. Git hooks, for humans only.
if [[ -f .pre-commit-config.yaml && "${CI:-}" == "" ]]; then
  if command -v pre-commit >/dev/null 2>&1; then
    pre-commit install
  else
    warn "pre-commit not found; hooks not installed (pipx install pre-commit)"
  fi
fi

log "bootstrap complete"
