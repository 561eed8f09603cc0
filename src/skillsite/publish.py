"""Deploy the site as a version on the gh-pages branch with mike (`make publish`).

    python -m skillsite.publish --remote origin --version 1.2 [--alias latest]

1. Bring the local gh-pages branch up to date with the remote's (mike never fetches, so
   without this a deploy from a stale clone would diverge from the published branch).
2. `mike deploy --push --update-aliases VERSION [ALIAS]`, with SKILLSITE_VERSION=VERSION so
   that the install commands and raw/API URLs of the version point into the version.
3. With an alias: `mike set-default --push ALIAS`, so the site root redirects to it, and
   the version's `.well-known/` folder is copied to the root of gh-pages (one more
   commit, pushed), so that `npx skills add <site root>` finds the skills index too.

With `--no-push` nothing talks to the remote: the local branch is brought up to date from
the remote-tracking branch (`git fetch REMOTE gh-pages:refs/remotes/REMOTE/gh-pages` first)
and mike only commits, so that a CI job can build without credentials and push in a step
of its own (see .github/workflows/deploy.yml).

Run it from the repository root (where mkdocs.yml is).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from skillsite.site_config import VERSION_ENV
from skillsite.wellknown import WELL_KNOWN_DIR

PAGES_BRANCH = "gh-pages"
# A version or alias becomes a folder name and part of every URL of the version.
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class PublishError(Exception):
    """Something that stops the deploy; the message says what to do."""


class UsageError(PublishError):
    """A bad argument."""


@dataclass(frozen=True, slots=True)
class Target:
    remote: str
    version: str
    alias: str = ""
    branch: str = PAGES_BRANCH
    push: bool = True


def parse_args(argv: Sequence[str] | None) -> Target:
    parser = argparse.ArgumentParser(
        prog="python -m skillsite.publish",
        description="Deploy the site as VERSION on the gh-pages branch with mike.",
    )
    parser.add_argument("--remote", default="origin", help="git remote (name, URL or path)")
    parser.add_argument("--version", required=True, help="version to deploy, e.g. 1.2 or dev")
    parser.add_argument(
        "--alias", default="", help="alias to point at VERSION and make the default, e.g. latest"
    )
    parser.add_argument(
        "--no-push",
        action="store_true",
        help="commit to the local gh-pages branch only; never contact the remote",
    )
    args = parser.parse_args(argv)
    target = Target(
        args.remote.strip(), args.version.strip(), args.alias.strip(), push=not args.no_push
    )
    check_target(target)
    return target


def check_target(target: Target) -> None:
    if not target.remote or target.remote.startswith("-"):
        raise UsageError(f"remote {target.remote!r} is not a git remote name, URL or path")
    for label, value in (("version", target.version), ("alias", target.alias)):
        if label == "alias" and not value:
            continue
        if not NAME_PATTERN.fullmatch(value):
            raise UsageError(
                f"{label} {value!r} is not usable: use letters, digits, '.', '_' or '-', "
                "starting with a letter or digit (e.g. 1.2, dev, latest)"
            )
    if target.alias and target.alias == target.version:
        raise UsageError(f"alias and version are both {target.version!r}; pick another alias")


def git(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        detail = result.stderr.strip() or result.stdout.strip()
        raise PublishError(f"`git {' '.join(args)}` failed: {detail}")
    return result


def sync_pages_branch(remote: str, branch: str, *, offline: bool = False) -> str:
    """Make the local `branch` contain the remote's; return what was done, for the log.

    `offline`: take the remote's branch from the remote-tracking ref instead of fetching.
    """
    if git("rev-parse", "--is-inside-work-tree", check=False).returncode != 0:
        raise PublishError("run this inside the site's git repository (where mkdocs.yml is)")
    ref = f"refs/heads/{branch}"
    if offline:
        tracking = f"refs/remotes/{remote}/{branch}"
        fetched = git("rev-parse", "--verify", "--quiet", tracking, check=False).stdout.strip()
        if not fetched:
            return f"no {tracking} here (fetch it first); mike will start {branch}"
    else:
        listed = git("ls-remote", "--heads", remote, ref, check=False)
        if listed.returncode != 0:
            raise PublishError(f"cannot read the remote {remote!r}: {listed.stderr.strip()}")
        if not listed.stdout.strip():
            return f"{remote} has no {branch} branch yet; mike will create it"
    if git("symbolic-ref", "-q", "HEAD", check=False).stdout.strip() == ref:
        raise PublishError(f"{branch} is checked out here; check out another branch first")
    if not offline:
        git("fetch", "--quiet", remote, ref)
        fetched = git("rev-parse", "FETCH_HEAD").stdout.strip()
    local = git("rev-parse", "--verify", "--quiet", ref, check=False).stdout.strip()
    if not local:
        git("update-ref", ref, fetched)
        return f"created {branch} from {remote}"
    if local == fetched:
        return f"{branch} is up to date with {remote}"
    if _is_ancestor(local, fetched):
        git("update-ref", ref, fetched, local)
        return f"fast-forwarded {branch} to {remote}'s"
    if _is_ancestor(fetched, local):
        return f"{branch} is ahead of {remote}'s; the deploy pushes the local commits too"
    raise PublishError(
        f"the local {branch} branch and {remote}'s have diverged. If the local commits "
        f"are not wanted (an earlier deploy that was never pushed), reset the branch with "
        f"`git fetch {remote} {branch} && git branch -f {branch} FETCH_HEAD` and publish again"
    )


def _is_ancestor(older: str, newer: str) -> bool:
    return git("merge-base", "--is-ancestor", older, newer, check=False).returncode == 0


def mike_command(target: Target, bin_dir: Path) -> list[list[str]]:
    mike = str(bin_dir / "mike")
    remote = ["--remote", target.remote, "--branch", target.branch]
    if target.push:
        remote.insert(0, "--push")
    commands = [
        [mike, "deploy", *remote, "--update-aliases", target.version]
        + ([target.alias] if target.alias else [])
    ]
    if target.alias:
        commands.append([mike, "set-default", *remote, target.alias])
    return commands


def mike_environment(target: Target, bin_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env[VERSION_ENV] = target.version
    # mike runs `mkdocs build` by name: the venv's mkdocs must come first on PATH.
    env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    return env


def publish(target: Target, bin_dir: Path) -> None:
    if not (bin_dir / "mike").exists():
        raise PublishError(f"mike is not installed in {bin_dir}; run `make build` first")
    if not Path("mkdocs.yml").is_file():
        raise PublishError("no mkdocs.yml here; run this from the repository root")
    synced = sync_pages_branch(target.remote, target.branch, offline=not target.push)
    print(f"publish: {synced}", flush=True)
    env = mike_environment(target, bin_dir)
    for command in mike_command(target, bin_dir):
        print(f"publish: {' '.join(command[1:])}", flush=True)
        if subprocess.run(command, env=env, check=False).returncode != 0:
            raise PublishError(f"`mike {command[1]}` failed; its message is above")
    if target.alias:
        print(f"publish: {publish_root_well_known(target)}", flush=True)


def publish_root_well_known(target: Target) -> str:
    """Put `<version>/.well-known` at the root of the pages branch and push it.

    The index's URLs are relative to it, so the copy works as it is. Done with git's
    plumbing on the branch (no checkout): the root tree gets the version's `.well-known`
    tree, everything else stays as mike left it.
    """
    branch = f"refs/heads/{target.branch}"
    top = WELL_KNOWN_DIR.split("/", 1)[0]
    listed = git("ls-tree", f"{branch}:{target.version}", "--", top, check=False).stdout.split()
    if len(listed) < 4 or listed[1] != "tree":
        return f"{target.version} has no {top}/ folder; the site root has no skills index"
    version_tree = listed[2]
    root_entries = [
        line for line in git("ls-tree", branch).stdout.splitlines() if line.split("\t", 1)[1] != top
    ]
    root_entries.append(f"040000 tree {version_tree}\t{top}")
    new_tree = _git_input("mktree", "\n".join(root_entries) + "\n")
    if new_tree == git("rev-parse", f"{branch}^{{tree}}").stdout.strip():
        return f"the site root's {top}/ is already {target.version}'s"
    parent = git("rev-parse", branch).stdout.strip()
    message = f"Skills index at the site root from {target.version}"
    commit = git("commit-tree", new_tree, "-p", parent, "-m", message).stdout.strip()
    git("update-ref", branch, commit, parent)
    git("push", "--quiet", target.remote, f"{branch}:{branch}")
    return f"copied {target.version}/{top}/ to the site root"


def _git_input(command: str, text: str) -> str:
    result = subprocess.run(
        ["git", command], input=text, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise PublishError(f"`git {command}` failed: {result.stderr.strip()}")
    return result.stdout.strip()


def main(argv: Sequence[str] | None = None) -> int:
    try:
        target = parse_args(argv)
        publish(target, Path(sys.executable).parent)
    except PublishError as error:
        print(f"publish: error: {error}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except KeyboardInterrupt:
        return 130
    alias = f" (alias {target.alias}, the default)" if target.alias else ""
    if not target.push:
        print(
            f"publish: committed version {target.version}{alias} to the local {target.branch}; "
            f"push it with `git push {target.remote} {target.branch}`"
        )
        return 0
    print(f"publish: deployed version {target.version}{alias} to {target.remote} {target.branch}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
