#!/usr/bin/env bash
# Delete Kubernetes preview namespaces whose pull request is no longer open.
# Namespaces are found by label (default preview=true) and must carry a pr=NUMBER
# label. Deleting the namespace also removes the Helm release stored in it.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: reap_previews.sh --repo OWNER/NAME [--selector LABELS] [--dry-run]

  --repo OWNER/NAME   repository the pr labels refer to (default: $GITHUB_REPOSITORY)
  --selector LABELS   namespace label selector (default: preview=true)
  --dry-run           print what would be deleted, delete nothing
  -h, --help          show this help

Needs kubectl (current context = preview cluster) and gh (authenticated, GH_TOKEN).
Exit codes: 0 done, 2 bad usage or missing tool.
USAGE
}

repo="${GITHUB_REPOSITORY:-}"
selector="preview=true"
dry_run=0

while [ $# -gt 0 ]; do
  case "$1" in
    --repo) repo="${2:?--repo needs a value}"; shift 2 ;;
    --selector) selector="${2:?--selector needs a value}"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "error: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [ -z "$repo" ]; then
  echo "error: pass --repo OWNER/NAME or set GITHUB_REPOSITORY" >&2
  exit 2
fi
for tool in kubectl gh; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: $tool not found on PATH" >&2
    exit 2
  fi
done

namespaces=$(kubectl get namespaces -l "$selector" \
  -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.metadata.labels.pr}{"\n"}{end}')

deleted=0
while read -r namespace pr; do
  [ -n "${namespace:-}" ] || continue
  if [ -z "${pr:-}" ]; then
    echo "skip   $namespace: no pr label"
    continue
  fi
  state=$(gh pr view "$pr" --repo "$repo" --json state --jq .state </dev/null 2>/dev/null || echo UNKNOWN)
  case "$state" in
    OPEN)
      echo "keep   $namespace (PR #$pr is open)" ;;
    CLOSED|MERGED)
      if [ "$dry_run" -eq 1 ]; then
        echo "would delete $namespace (PR #$pr is $state)"
      else
        kubectl delete namespace "$namespace" --wait=false </dev/null
        echo "delete $namespace (PR #$pr is $state)"
      fi
      deleted=$((deleted + 1)) ;;
    *)
      echo "skip   $namespace: cannot read state of PR #$pr" ;;
  esac
done <<< "$namespaces"

echo "done: $deleted namespace(s) $([ "$dry_run" -eq 1 ] && echo 'to delete' || echo 'deleted')"
