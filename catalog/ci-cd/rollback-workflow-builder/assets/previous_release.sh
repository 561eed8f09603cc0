#!/usr/bin/env bash
# Print the release tag a rollback should target: the newest release tag older
# than a given tag (default: older than the newest release tag). Pre-release tags
# (containing "-", such as v2.0.0-rc.1) are skipped unless asked for.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: previous_release.sh [--before TAG] [--pattern GLOB] [--include-prereleases]

  --before TAG             find the release before TAG (default: before the newest tag)
  --pattern GLOB           tag glob (default: v*)
  --include-prereleases    also consider tags containing "-"
  -h, --help               show this help

Run inside a git clone with tags fetched (git fetch --tags).
Prints one tag on stdout. Exit codes: 0 found, 1 no earlier release, 2 bad usage.
USAGE
}

before=""
pattern="v*"
prereleases=0

while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="${2:?--before needs a tag}"; shift 2 ;;
    --pattern) pattern="${2:?--pattern needs a glob}"; shift 2 ;;
    --include-prereleases) prereleases=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

if ! git rev-parse --git-dir >/dev/null 2>&1; then
  echo "error: not inside a git repository" >&2
  exit 2
fi

tags=$(git tag --list "$pattern" --sort=-v:refname)
if [ "$prereleases" -eq 0 ]; then
  tags=$(printf '%s\n' "$tags" | grep -v -- '-' || true)
fi
if [ -z "$tags" ]; then
  echo "error: no tags match '$pattern'" >&2
  exit 1
fi

if [ -z "$before" ]; then
  before=$(printf '%s\n' "$tags" | head -n 1)
elif ! git rev-parse -q --verify "refs/tags/$before" >/dev/null; then
  echo "error: tag '$before' does not exist" >&2
  exit 2
fi

found=0
while read -r tag; do
  if [ "$found" -eq 1 ]; then
    printf '%s\n' "$tag"
    exit 0
  fi
  [ "$tag" = "$before" ] && found=1
done <<< "$tags"

echo "error: no release older than '$before' matches '$pattern'" >&2
exit 1
