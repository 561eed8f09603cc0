"""One-line POSIX shell install commands, one per tool in the install box."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from skillsite.model import Skill
from skillsite.site_info import InstallTool, SiteInfo


@dataclass(frozen=True, slots=True)
class InstallCommand:
    tool: InstallTool
    command: str


def archive_install_command(folder: str, archive_url: str) -> str:
    """Download the skill's archive and unpack it into `<folder>/<name>/`.

    The archive's members all sit under `<name>/`, so unpacking into the tool's skills
    folder creates exactly that skill's folder and nothing else.
    """
    quoted_folder = shlex.quote(folder)
    return (
        f"mkdir -p {quoted_folder} && curl -fsSL {shlex.quote(archive_url)}"
        f" | tar -xzf - -C {quoted_folder}"
    )


def custom_install_command(template: str, skill: Skill, site: SiteInfo, folder: str) -> str:
    # Every value is shell-quoted before it reaches the template, so no skill name,
    # category or URL can add shell syntax to the command.
    values = {
        "name": skill.name,
        "category": skill.category,
        "archive_url": site.archive_url(skill.name),
        "raw_url": site.raw_url(skill.name),
        "folder": folder,
    }
    return template.format_map({key: shlex.quote(value) for key, value in values.items()})


def install_commands(skill: Skill, site: SiteInfo) -> tuple[InstallCommand, ...]:
    commands = []
    for tool in site.tools:
        if tool.command:
            text = custom_install_command(tool.command, skill, site, tool.folder)
        else:
            text = archive_install_command(tool.folder, site.archive_url(skill.name))
        commands.append(InstallCommand(tool, text))
    return tuple(commands)
