#!/usr/bin/env bash
# commit-msg hook: enforce Conventional Commits headers and basic message hygiene.
# Install: cp commit-msg.sh .git/hooks/commit-msg && chmod +x .git/hooks/commit-msg
# Or with pre-commit: a local hook with `stages: [commit-msg]` pointing at this file.
# Test without committing: ./commit-msg.sh path/to/message.txt
set -euo pipefail

usage() {
  echo "usage: $(basename "$0") COMMIT_MSG_FILE"
  echo "Checks the commit message in COMMIT_MSG_FILE; exit 1 with reasons if it is bad."
}
if [[ $# -eq 1 && ( "$1" == "-h" || "$1" == "--help" ) ]]; then
  usage
  exit 0
fi
if [[ $# -ne 1 ]]; then
  usage >&2
  exit 2
fi

msg_file="$1"
types="feat|fix|docs|style|refactor|perf|test|build|ci|chore|revert"
max_header=72

# Drop comment lines that git strips itself, and everything below the scissors line.
message="$(sed -e '/^# ------------------------ >8 ------------------------$/,$d' -e '/^#/d' "$msg_file")"
header="$(printf '%s\n' "$message" | sed -n '1p')"
second_line="$(printf '%s\n' "$message" | sed -n '2p')"

# Let git's own generated messages through.
if [[ "$header" =~ ^(Merge|Revert\ \"|fixup!|squash!|amend!) ]]; then
  exit 0
fi

errors=()
pattern="^(${types})(\([a-z0-9._/-]+\))?!?: [^ ].*$"
if ! [[ "$header" =~ $pattern ]]; then
  errors+=("header must look like 'type(scope): subject' with type one of: ${types//|/, }")
fi
if (( ${#header} > max_header )); then
  errors+=("header is ${#header} characters; keep it at or under ${max_header}")
fi
if [[ "$header" =~ \.$ ]]; then
  errors+=("header must not end with a period")
fi
if [[ -n "$second_line" ]]; then
  errors+=("leave a blank line between the header and the body")
fi
if [[ "$header" =~ ^[a-z]+(\([^\)]*\))?!?:\ (WIP|wip|tmp|asdf|fix|update|changes)$ ]]; then
  errors+=("subject '${header#*: }' says nothing; describe what changed")
fi

if (( ${#errors[@]} > 0 )); then
  {
    echo "commit message rejected:"
    printf '  - %s\n' "${errors[@]}"
    echo "  header was: ${header}"
    echo "  example:    fix(api): return 404 for unknown order ids"
    echo "  (message kept in ${msg_file}; retry with: git commit -e -F ${msg_file})"
  } >&2
  exit 1
fi
