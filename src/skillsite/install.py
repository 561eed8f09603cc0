"""One-line POSIX shell install commands for the install box: per tool, per scope.

Every value that comes from the catalog, the settings or the site URL is shell-quoted, so
a command pasted into a shell runs exactly as shown whatever a skill is called.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from enum import Enum

from skillsite.model import Skill
from skillsite.site_info import InstallTool, SiteInfo


class Scope(Enum):
    PROJECT = "project"
    USER = "user"


class Method(Enum):
    SKILLS_CLI = "skills"
    GH = "gh"
    CURL = "curl"
    CUSTOM = "custom"


SCOPE_LABELS = {Scope.PROJECT: "This project", Scope.USER: "All projects (user)"}

METHOD_LABELS = {
    Method.SKILLS_CLI: "With the `skills` CLI (Node.js 22.20 or later):",
    Method.GH: "With the GitHub CLI (2.90 or later), from the repository:",
    Method.CURL: "With no dependencies (curl, tar; checks the archive's sha256 first):",
    Method.CUSTOM: "",
}

# Positional arguments: $1 skills folder, $2 archive URL, $3 its sha256, $4 skill name.
# The script is constant text; only the arguments vary, each quoted on its own. It
# refuses to touch an existing copy, writes the download to a temporary file, and
# unpacks only after the digest matches, so a bad download leaves nothing behind.
CURL_SCRIPT = (
    'd="$1/$4"; if [ -e "$d" ]; then echo "$d already exists: remove it to reinstall" >&2;'
    " exit 1; fi;"
    ' t=$(mktemp) || exit 1; if curl -fsSL "$2" -o "$t"'
    ' && [ "$( (sha256sum || shasum -a 256) <"$t" 2>/dev/null | cut -c1-64)" = "$3" ];'
    ' then mkdir -p "$1" && tar -xzf "$t" -C "$1"; r=$?;'
    ' else echo "download failed or sha256 mismatch: nothing installed" >&2; r=1; fi;'
    ' rm -f "$t"; exit $r'
)


@dataclass(frozen=True, slots=True)
class InstallCommand:
    tool: InstallTool
    scope: Scope | None  # None for a custom command, shown once for both scopes
    method: Method
    command: str

    @property
    def label(self) -> str:
        return METHOD_LABELS[self.method]


def curl_install_command(folder_argument: str, archive_url: str, sha256: str, name: str) -> str:
    """`folder_argument` is already shell syntax (quoted, or `"$HOME"/...`)."""
    return (
        f"sh -c {shlex.quote(CURL_SCRIPT)} sh {folder_argument}"
        f" {shlex.quote(archive_url)} {shlex.quote(sha256)} {shlex.quote(name)}"
    )


def skills_cli_command(source_url: str, name: str, agent: str, scope: Scope) -> str:
    command = (
        f"npx skills add {shlex.quote(source_url)} --skill {shlex.quote(name)}"
        f" -a {shlex.quote(agent)} -y"
    )
    return command + (" -g" if scope is Scope.USER else "")


def gh_command(repository: str, name: str, agent: str, scope: Scope) -> str:
    return (
        f"gh skill install {shlex.quote(repository)} {shlex.quote(name)}"
        f" --agent {shlex.quote(agent)} --scope {scope.value}"
    )


def folder_argument(tool: InstallTool, scope: Scope) -> str:
    if scope is Scope.USER:
        # "$HOME" expands in the reader's shell; `~` would not expand once quoted.
        return '"$HOME"/' + shlex.quote(tool.user_folder)
    return shlex.quote(tool.folder)


def custom_install_command(
    template: str, skill: Skill, site: SiteInfo, folder: str, archive_sha256: str
) -> str:
    # Every value is shell-quoted before it reaches the template, so no skill name,
    # category or URL can add shell syntax to the command.
    values = {
        "name": skill.name,
        "category": skill.category,
        "archive_url": site.archive_url(skill.name),
        "archive_sha256": archive_sha256,
        "raw_url": site.raw_url(skill.name),
        "source_url": site.install_source_url,
        "folder": folder,
    }
    return template.format_map({key: shlex.quote(value) for key, value in values.items()})


def tool_scopes(tool: InstallTool) -> tuple[Scope, ...]:
    if tool.command:
        return ()
    scopes = [Scope.PROJECT] if tool.folder or tool.skills_agent else []
    if tool.user_folder or tool.skills_agent:
        scopes.append(Scope.USER)
    return tuple(scopes)


def install_commands(
    skill: Skill, site: SiteInfo, archive_sha256: str
) -> tuple[InstallCommand, ...]:
    """The commands of every tab, in the order shown: per tool, per scope, per method."""
    commands = []
    for tool in site.tools:
        if tool.command:
            text = custom_install_command(tool.command, skill, site, tool.folder, archive_sha256)
            commands.append(InstallCommand(tool, None, Method.CUSTOM, text))
            continue
        for scope in tool_scopes(tool):
            if tool.skills_agent:
                text = skills_cli_command(
                    site.install_source_url, skill.name, tool.skills_agent, scope
                )
                commands.append(InstallCommand(tool, scope, Method.SKILLS_CLI, text))
            if tool.gh_agent and site.github_repository:
                text = gh_command(site.github_repository, skill.name, tool.gh_agent, scope)
                commands.append(InstallCommand(tool, scope, Method.GH, text))
            if tool.user_folder if scope is Scope.USER else tool.folder:
                text = curl_install_command(
                    folder_argument(tool, scope),
                    site.archive_url(skill.name),
                    archive_sha256,
                    skill.name,
                )
                commands.append(InstallCommand(tool, scope, Method.CURL, text))
    return tuple(commands)
