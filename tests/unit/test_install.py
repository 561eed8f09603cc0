"""Install commands per tool and scope, run by a real POSIX shell against stand-in tools.

`npx`, `gh`, `curl` and a custom tool are small scripts on PATH that record the arguments
they were given (curl hands over a local archive), so each command is checked the way a
reader runs it: pasted into `sh`, whatever the skill, folder or site URL is called.
"""

from __future__ import annotations

import hashlib
import io
import os
import shlex
import stat
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from skillsite.install import Method, Scope, install_commands
from skillsite.model import Skill
from skillsite.site_info import DEFAULT_TOOLS, InstallTool, SiteInfo

# Names a validated catalog never has, but the commands must survive anyway.
HOSTILE_NAME = 'it\'s $(touch pwned) `touch pwned` "x"; touch pwned & | > out'
HOSTILE_FOLDER = ".my tools/$(touch pwned)/it's skills"
HOSTILE_URL = "https://example.org/a b/'$(touch pwned)'/"
RECORDER = '#!/bin/sh\n{ printf "%s\\n" "$(basename "$0")"; printf "%s\\0" "$@"; } > "$ARGS_FILE"\n'
# `curl -fsSL URL -o FILE`: record the URL, hand over the local archive.
FAKE_CURL = '#!/bin/sh\nprintf "%s" "$2" > "$URL_FILE"\ncp "$ARCHIVE" "$4"\n'


def skill(name: str = "table-builder", category: str = "data") -> Skill:
    return Skill(name=name, category=category, folder=f"{category}/{name}", skill_file="x/SKILL.md")


def site(**changes: object) -> SiteInfo:
    values: dict[str, object] = {
        "site_url": "https://skills.example.org/",
        "download_base": "https://skills.example.org/",
    }
    values.update(changes)
    return SiteInfo(**values)  # type: ignore[arg-type]


def archive_of(name: str) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        data = b"---\nname: x\n---\n"
        member = tarfile.TarInfo(f"{name}/SKILL.md")
        member.size = len(data)
        tar.addfile(member, io.BytesIO(data))
    return buffer.getvalue()


@dataclass
class Shell:
    """A workspace, a home folder and stand-in tools on PATH."""

    root: Path

    def __post_init__(self) -> None:
        self.bin = self.root / "bin"
        self.work = self.root / "work"
        self.home = self.root / "home"
        for folder in (self.bin, self.work, self.home):
            folder.mkdir(parents=True)
        for tool, script in (("npx", RECORDER), ("gh", RECORDER), ("mytool", RECORDER)):
            self._script(tool, script)
        self._script("curl", FAKE_CURL)
        self.archive = self.root / "archive.tar.gz"

    def _script(self, name: str, text: str) -> None:
        path = self.bin / name
        path.write_text(text, encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR)

    def run(self, command: str) -> subprocess.CompletedProcess[str]:
        env = {
            "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}",
            "HOME": str(self.home),
            "ARGS_FILE": str(self.root / "args"),
            "URL_FILE": str(self.root / "url"),
            "ARCHIVE": str(self.archive),
        }
        return subprocess.run(
            ["sh", "-c", command], cwd=self.work, env=env, capture_output=True, text=True
        )

    def arguments(self) -> tuple[str, list[str]]:
        """The stand-in tool that ran last and the arguments it received."""
        program, _, rest = (self.root / "args").read_text(encoding="utf-8").partition("\n")
        return program, rest.split("\0")[:-1]

    def nothing_was_injected(self) -> bool:
        return not any(path.name in ("pwned", "out") for path in self.root.rglob("*"))


@pytest.fixture
def shell(tmp_path: Path) -> Shell:
    return Shell(tmp_path)


def test_every_tool_has_a_tab_per_scope_with_each_way_to_install() -> None:
    commands = install_commands(skill(), site(github_repository="acme/skills"), "0" * 64)
    for tool in DEFAULT_TOOLS:
        for scope in (Scope.PROJECT, Scope.USER):
            methods = [c.method for c in commands if c.tool is tool and c.scope is scope]
            assert methods == [Method.SKILLS_CLI, Method.GH, Method.CURL], (tool.key, scope)
    assert all(c.label for c in commands)  # each block says what it needs


def test_gh_commands_appear_only_for_a_github_repository() -> None:
    commands = install_commands(skill(), site(), "0" * 64)
    assert commands and Method.GH not in {c.method for c in commands}


def test_a_tool_gets_only_the_scopes_and_methods_its_settings_allow() -> None:
    user_only = InstallTool("home-tool", "Home tool", user_folder=".home-tool/skills")
    custom = InstallTool("mine", "Mine", folder="vendor/skills", command="mytool get {name}")
    commands = install_commands(skill(), site(tools=(user_only, custom)), "0" * 64)
    assert [(c.tool.key, c.scope, c.method) for c in commands] == [
        ("home-tool", Scope.USER, Method.CURL),
        ("mine", None, Method.CUSTOM),  # one command, shown once for both scopes
    ]


@pytest.mark.parametrize("scope", [Scope.PROJECT, Scope.USER])
def test_skills_cli_gets_each_value_as_one_argument(shell: Shell, scope: Scope) -> None:
    tool = InstallTool("t", "T", skills_agent="agent $(touch pwned)")
    info = site(download_base=HOSTILE_URL, tools=(tool,))
    commands = install_commands(skill(HOSTILE_NAME), info, "0" * 64)
    [command] = [c for c in commands if c.scope is scope and c.method is Method.SKILLS_CLI]
    result = shell.run(command.command)
    assert result.returncode == 0, result.stderr
    program, arguments = shell.arguments()
    assert program == "npx"
    assert arguments == [
        "skills", "add", HOSTILE_URL, "--skill", HOSTILE_NAME, "-a", "agent $(touch pwned)", "-y",
    ] + (["-g"] if scope is Scope.USER else [])  # fmt: skip
    assert shell.nothing_was_injected()


@pytest.mark.parametrize("scope", [Scope.PROJECT, Scope.USER])
def test_gh_gets_each_value_as_one_argument(shell: Shell, scope: Scope) -> None:
    tool = InstallTool("t", "T", folder=".t", user_folder=".t", gh_agent="copilot; touch pwned")
    info = site(github_repository="acme/skills", tools=(tool,))
    commands = install_commands(skill(HOSTILE_NAME), info, "0" * 64)
    [command] = [c for c in commands if c.scope is scope and c.method is Method.GH]
    result = shell.run(command.command)
    assert result.returncode == 0, result.stderr
    assert shell.arguments() == (
        "gh",
        ["skill", "install", "acme/skills", HOSTILE_NAME, "--agent", "copilot; touch pwned",
         "--scope", scope.value],
    )  # fmt: skip
    assert shell.nothing_was_injected()


def _curl_command(shell: Shell, scope: Scope, name: str, *, good_digest: bool = True) -> str:
    shell.archive.write_bytes(archive_of(name))
    digest = hashlib.sha256(shell.archive.read_bytes()).hexdigest() if good_digest else "f" * 64
    tool = InstallTool("t", "T", folder=HOSTILE_FOLDER, user_folder=HOSTILE_FOLDER)
    info = site(download_base=HOSTILE_URL, tools=(tool,))
    [command] = [c for c in install_commands(skill(name), info, digest) if c.scope is scope]
    assert command.method is Method.CURL
    return command.command


@pytest.mark.parametrize("scope", [Scope.PROJECT, Scope.USER])
def test_curl_installs_into_the_tools_folder_whatever_the_names(shell: Shell, scope: Scope) -> None:
    result = shell.run(_curl_command(shell, scope, HOSTILE_NAME))
    assert result.returncode == 0, result.stderr
    base = shell.work if scope is Scope.PROJECT else shell.home  # "$HOME" expands
    assert (base / HOSTILE_FOLDER / HOSTILE_NAME / "SKILL.md").read_bytes().startswith(b"---")
    assert (shell.root / "url").read_text() == site(download_base=HOSTILE_URL).archive_url(
        HOSTILE_NAME
    )
    assert shell.nothing_was_injected()


def test_curl_installs_nothing_when_the_checksum_differs(shell: Shell) -> None:
    result = shell.run(_curl_command(shell, Scope.PROJECT, "table-builder", good_digest=False))
    assert result.returncode == 1
    assert "sha256 mismatch: nothing installed" in result.stderr
    assert not (shell.work / HOSTILE_FOLDER).exists()


def test_curl_never_overwrites_an_installed_copy(shell: Shell) -> None:
    command = _curl_command(shell, Scope.PROJECT, "table-builder")
    assert shell.run(command).returncode == 0
    installed = shell.work / HOSTILE_FOLDER / "table-builder" / "SKILL.md"
    installed.write_text("edited by the reader\n")
    again = shell.run(command)
    assert again.returncode == 1 and "already exists: remove it to reinstall" in again.stderr
    assert installed.read_text() == "edited by the reader\n"


def test_custom_command_templates_receive_quoted_values(shell: Shell) -> None:
    template = "mytool get {name} --category {category} --from {archive_url} --into {folder}"
    tool = InstallTool("mine", "Mine", folder=HOSTILE_FOLDER, command=template)
    info = site(download_base=HOSTILE_URL, tools=(tool,))
    [command] = install_commands(skill(HOSTILE_NAME, "it's data"), info, "0" * 64)
    result = shell.run(command.command)
    assert result.returncode == 0, result.stderr
    assert shell.arguments() == (
        "mytool",
        ["get", HOSTILE_NAME, "--category", "it's data", "--from",
         info.archive_url(HOSTILE_NAME), "--into", HOSTILE_FOLDER],
    )  # fmt: skip
    assert shell.nothing_was_injected()


def test_commands_are_one_line_each() -> None:
    commands = install_commands(
        skill(HOSTILE_NAME), site(github_repository="acme/skills"), "0" * 64
    )
    for command in commands:
        assert "\n" not in command.command
        assert shlex.split(command.command)  # a complete shell line, quotes balanced
