"""Every install command on a skill page, run for real against the built site.

The site is built with MkDocs and served on 127.0.0.1 under a folder whose name would break
an unquoted command (`it's $(id) dir`). Each command is copied from the page's HTML and run
through bash in an empty project folder, with HOME set to an empty folder for user scope:

- `npx skills add ...` runs the `skills` CLI and Node 22 locked in package-lock.json
  (a two-line `npx` on PATH starts them instead of fetching them from the registry);
- `sh -c ... curl ...` runs as shown (curl, tar and sha256sum from the machine);
- `gh skill install ...`: the GitHub CLI is not installed here, so a `gh` on PATH records
  the arguments bash hands it; the test checks those, not an install.

The installed tree is compared with the catalog byte for byte (exec bits too, except for
the `skills` CLI, which writes every file without one). The repository's whole catalog is
installed once through the CLI and the curl commands as well.
"""

from __future__ import annotations

import functools
import json
import os
import shlex
import shutil
import stat
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest
from installbox import install_box_commands
from sitebuild import REPO, build_site
from sitecatalog import write_skill

from skillsite.install import Method, Scope, install_commands
from skillsite.install_paths import path_problem
from skillsite.loader import load_catalog
from skillsite.model import Skill
from skillsite.site_info import InstallTool, SiteInfo

pytestmark = pytest.mark.site

NODE = REPO / "node_modules/node/bin/node"
SKILLS_CLI = REPO / "node_modules/skills/bin/cli.mjs"
if not (NODE.is_file() and SKILLS_CLI.is_file()):
    pytestmark = [  # type: ignore[assignment]
        pytestmark,
        pytest.mark.skip(reason="node_modules is missing: run `npm ci` (make test does)"),
    ]

SITE_FOLDER = "it's $(id) dir"
REPOSITORY = "acme/skills"
# Where the `skills` CLI 1.7 puts a skill, per agent (its agent table).
CLI_PROJECT_FOLDERS = {
    "claude-code": ".claude/skills",
    "github-copilot": ".agents/skills",
    "cursor": ".agents/skills",
    "codex": ".agents/skills",
}
# User scope: agents that read .agents/skills in a project share ~/.agents/skills.
CLI_USER_FOLDERS = {
    "claude-code": ".claude/skills",
    "github-copilot": ".agents/skills",
    "cursor": ".agents/skills",
    "codex": ".agents/skills",
}
CURL_PROJECT_FOLDERS = {
    "claude-code": ".claude/skills",
    "github-copilot": ".github/skills",
    "cursor": ".cursor/skills",
    "codex": ".agents/skills",
}
CURL_USER_FOLDERS = {
    "claude-code": ".claude/skills",
    "github-copilot": ".copilot/skills",
    "cursor": ".cursor/skills",
    "codex": ".agents/skills",
}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass(frozen=True)
class Served:
    catalog: Path
    www: Path  # served as the host root
    site: Path  # the built site, inside www
    url: str
    tools: Path  # the `npx` and `gh` stand-ins

    def page(self, name: str) -> str:
        return (self.site / f"skills/{name}/index.html").read_text(encoding="utf-8")


def _write_tools(folder: Path) -> Path:
    folder.mkdir(parents=True)
    npx = folder / "npx"
    npx.write_text(
        "#!/bin/sh\n"
        '[ "$1" = skills ] || { echo "npx: only the locked skills CLI is here" >&2; exit 97; }\n'
        f'shift; exec {shlex.quote(str(NODE))} {shlex.quote(str(SKILLS_CLI))} "$@"\n'
    )
    gh = folder / "gh"
    gh.write_text('#!/bin/sh\nprintf \'%s\\0\' "$@" > "$RECORDED_ARGUMENTS"\n')
    for script in (npx, gh):
        script.chmod(0o755)
    return folder


def _catalog(root: Path) -> Path:
    token = write_skill(
        root,
        "alpha",
        "token-keeper",
        description="Rotates JWT refresh tokens. Use when sessions expire too often.",
        files={
            "references/lifecycle.md": "# Lifecycle\n\nIssue, use, rotate, revoke.\n",
            "scripts/check.sh": "#!/bin/sh\necho ok\n",
            "assets/it's a file.md": "refused by the index, kept by curl\n",
        },
    )
    (token / "scripts/check.sh").chmod(0o755)
    write_skill(root, "beta", "queue-tamer")
    return root


class Server(ThreadingHTTPServer):
    # The CLI fetches every skill of the index at once.
    request_queue_size = 128


@contextmanager
def serving(base: Path, catalog: Path) -> Iterator[Served]:
    """Build the site for `catalog` and serve it below SITE_FOLDER on 127.0.0.1."""
    www = base / "www"
    www.mkdir()
    server = Server(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(www)))
    folder_in_url = quote(SITE_FOLDER, safe="'$()")
    url = f"http://127.0.0.1:{server.server_address[1]}/{folder_in_url}/"
    site = www / SITE_FOLDER
    built = build_site(
        site,
        catalog=catalog,
        SKILLSITE_SITE_URL=url,
        SKILLSITE_REPO_URL=f"https://github.com/{REPOSITORY}",
    )
    assert built.returncode == 0, built.output
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(catalog, www, site, url, _write_tools(base / "tools"))
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    base = tmp_path_factory.mktemp("install-clients")
    with serving(base, _catalog(base / "catalog")) as site:
        yield site


@dataclass
class Run:
    returncode: int
    output: str
    project: Path
    home: Path
    temp: Path
    recorded_arguments: list[str]


def run_pasted(command: str, served: Served, workspace: Path) -> Run:
    """Run `command` through bash as a reader would, in an empty project folder."""
    project, home, temp = workspace / "project", workspace / "home", workspace / "tmp"
    for folder in (project, home, temp):
        folder.mkdir(parents=True)
    recorded_file = workspace / "recorded-arguments"
    env = {
        "PATH": f"{served.tools}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "TMPDIR": str(temp),
        "LANG": "C.UTF-8",
        "RECORDED_ARGUMENTS": str(recorded_file),
        # The CLI sends usage data and asks an audit service unless told not to.
        "DISABLE_TELEMETRY": "1",
        "DO_NOT_TRACK": "1",
        "npm_config_offline": "true",
    }
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    arguments = recorded_file.read_bytes().split(b"\0")[:-1] if recorded_file.exists() else []
    return Run(
        result.returncode,
        result.stdout + result.stderr,
        project,
        home,
        temp,
        [argument.decode() for argument in arguments],
    )


def tree(folder: Path) -> dict[str, tuple[bytes, bool]]:
    """Relative path -> (bytes, executable) of every file below `folder`, links followed."""
    files = {}
    for directory, _, names in os.walk(folder, followlinks=True):
        for name in names:
            path = Path(directory) / name
            mode = path.stat().st_mode
            relative = path.relative_to(folder).as_posix()
            files[relative] = (path.read_bytes(), bool(mode & stat.S_IXUSR))
    return files


def catalog_tree(served: Served, name: str) -> dict[str, tuple[bytes, bool]]:
    folder = next(path for path in served.catalog.glob(f"*/{name}") if path.is_dir())
    return tree(folder)


def without_refused_files(files: dict[str, tuple[bytes, bool]]) -> dict[str, tuple[bytes, bool]]:
    """What the skills index publishes: files whose paths every client accepts."""
    return {path: value for path, value in files.items() if path_problem(path) is None}


def just_bytes(files: dict[str, tuple[bytes, bool]]) -> dict[str, bytes]:
    return {path: data for path, (data, _) in files.items()}


def argument_after(arguments: list[str], flag: str) -> str:
    return arguments[arguments.index(flag) + 1]


@pytest.mark.parametrize("name", ["token-keeper", "queue-tamer"])
def test_every_command_on_the_page_installs_the_skill(
    served: Served, name: str, tmp_path: Path
) -> None:
    commands = install_box_commands(served.page(name))
    kinds = [command.split()[0] for command in commands]
    # Four tools, two scopes, three ways each.
    assert kinds.count("npx") == kinds.count("gh") == kinds.count("sh") == 8, commands
    expected = catalog_tree(served, name)
    for index, command in enumerate(commands):
        run = run_pasted(command, served, tmp_path / str(index))
        assert run.returncode == 0, f"{command}\n{run.output}"
        words = shlex.split(command)
        if words[0] == "gh":
            scope = argument_after(words, "--scope")
            assert run.recorded_arguments == [
                "skill", "install", REPOSITORY, name,
                "--agent", argument_after(words, "--agent"), "--scope", scope,
            ]  # fmt: skip
            assert scope in ("project", "user")
            continue
        if words[0] == "npx":
            assert words[3] == served.url, "the CLI is pointed at the site itself"
            agent = argument_after(words, "-a")
            user = "-g" in words
            folder = (
                (run.home / CLI_USER_FOLDERS[agent])
                if user
                else (run.project / CLI_PROJECT_FOLDERS[agent])
            )
            installed = tree(folder / name)
            # The CLI writes every file without its exec bit; bytes are what it keeps.
            assert just_bytes(installed) == just_bytes(without_refused_files(expected)), command
        else:
            folder_argument = words[4]
            user = folder_argument.startswith("$HOME/")
            agent = next(
                key
                for key, value in (CURL_USER_FOLDERS if user else CURL_PROJECT_FOLDERS).items()
                if folder_argument.endswith(value)
            )
            base = run.home if user else run.project
            folders = CURL_USER_FOLDERS if user else CURL_PROJECT_FOLDERS
            assert tree(base / folders[agent] / name) == expected, command
            assert list(run.temp.iterdir()) == [], "the download is removed"
        assert not (run.project / "pwned").exists()


def test_the_skill_folder_is_in_a_tab_per_tool_and_scope(served: Served) -> None:
    commands = install_box_commands(served.page("token-keeper"))
    user_curl = [c for c in commands if c.startswith("sh -c") and '"$HOME"/' in c]
    assert [shlex.split(c.replace('"$HOME"', "/h"))[4] for c in user_curl] == [
        "/h/.claude/skills",
        "/h/.copilot/skills",
        "/h/.cursor/skills",
        "/h/.agents/skills",
    ]
    agents = [argument_after(shlex.split(c), "-a") for c in commands if c.startswith("npx")]
    assert agents == [a for a in CLI_PROJECT_FOLDERS for _ in range(2)]


def _tamper(path: Path) -> bytes:
    original = path.read_bytes()
    path.write_bytes(original[:-8] + bytes(8))
    return original


def test_a_tampered_archive_is_refused_and_nothing_is_written(
    served: Served, tmp_path: Path
) -> None:
    commands = install_box_commands(served.page("token-keeper"))
    curl = next(c for c in commands if c.startswith("sh -c"))
    npx = next(c for c in commands if c.startswith("npx"))
    archives = [
        served.site / "skills/token-keeper/token-keeper.tar.gz",
        served.site / ".well-known/agent-skills/token-keeper.tar.gz",
    ]
    originals = [_tamper(path) for path in archives]
    try:
        refused_curl = run_pasted(curl, served, tmp_path / "curl")
        refused_cli = run_pasted(npx, served, tmp_path / "cli")
    finally:
        for path, original in zip(archives, originals, strict=True):
            path.write_bytes(original)
    assert refused_curl.returncode != 0
    assert "sha256 mismatch: nothing installed" in refused_curl.output
    assert list(refused_curl.project.rglob("*")) == []
    assert list(refused_curl.temp.iterdir()) == []
    assert refused_cli.returncode != 0, refused_cli.output
    assert not any(p.name == "token-keeper" for p in refused_cli.project.rglob("*"))
    assert not any(p.name == "token-keeper" for p in refused_cli.home.rglob("*"))


def test_the_curl_command_never_overwrites_an_existing_copy(served: Served, tmp_path: Path) -> None:
    curl = next(
        c for c in install_box_commands(served.page("queue-tamer")) if c.startswith("sh -c")
    )
    first = run_pasted(curl, served, tmp_path)
    assert first.returncode == 0, first.output
    skill_md = first.project / ".claude/skills/queue-tamer/SKILL.md"
    skill_md.write_text("my local edits\n")
    again = subprocess.run(
        ["bash", "-c", curl], cwd=first.project, capture_output=True, text=True, check=False
    )
    assert again.returncode == 1
    assert "already exists: remove it to reinstall" in again.stderr
    assert skill_md.read_text() == "my local edits\n"


def test_clients_of_the_older_index_shape_install_from_the_same_site(
    served: Served, tmp_path: Path
) -> None:
    """Without `$schema` the CLI reads `files[]` and fetches each file beside the index,
    as clients from before v0.2.0 do."""
    older = tmp_path / "older"
    shutil.copytree(served.site, older / "site")
    index_path = older / "site/.well-known/agent-skills/index.json"
    index = json.loads(index_path.read_text())
    skills = [{k: e[k] for k in ("name", "description", "files")} for e in index["skills"]]
    index_path.write_text(json.dumps({"skills": skills}))
    older_served = Served(served.catalog, older, older / "site", served.url, served.tools)
    server = Server(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(older / "site"))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        run = run_pasted(
            f"npx skills add {url} --skill token-keeper -a codex -y", older_served, tmp_path / "run"
        )
    finally:
        server.shutdown()
        server.server_close()
    assert run.returncode == 0, run.output
    installed = tree(run.project / ".agents/skills/token-keeper")
    assert just_bytes(installed) == just_bytes(
        without_refused_files(catalog_tree(served, "token-keeper"))
    )


HOSTILE_FOLDER = 'it\'s a $(touch pwned) `touch pwned` "dir"/skills'


def test_commands_survive_hostile_folders_and_templates(served: Served, tmp_path: Path) -> None:
    """Tool folders and custom templates from the settings are quoted too: the commands
    built for them install into the literal folder and run nothing else."""
    catalog = load_catalog(served.catalog)
    skill = next(s for s in catalog.valid_skills if s.name == "token-keeper")
    api = json.loads((served.site / "api/skills/token-keeper.json").read_text())
    tools = (
        InstallTool("odd", "Odd", folder=HOSTILE_FOLDER, user_folder=HOSTILE_FOLDER),
        InstallTool(
            "custom", "Custom", folder=HOSTILE_FOLDER, command="printf '%s\\n' {name} {folder}"
        ),
    )
    site = SiteInfo(site_url=served.url, download_base=served.url, tools=tools)
    commands = install_commands(skill, site, api["archive_sha256"])
    curl = [c for c in commands if c.method is Method.CURL]
    assert [c.scope for c in curl] == [Scope.PROJECT, Scope.USER]
    for index, entry in enumerate(curl):
        run = run_pasted(entry.command, served, tmp_path / str(index))
        assert run.returncode == 0, run.output
        base = run.home if entry.scope is Scope.USER else run.project
        assert tree(base / HOSTILE_FOLDER / "token-keeper") == catalog_tree(served, "token-keeper")
        assert not (run.project / "pwned").exists() and not (run.home / "pwned").exists()
    custom = next(c for c in commands if c.method is Method.CUSTOM)
    run = run_pasted(custom.command, served, tmp_path / "custom")
    assert run.output.splitlines() == ["token-keeper", HOSTILE_FOLDER]
    assert not (run.project / "pwned").exists()


HOSTILE_NAMES = ["it's", 'a "b" $(touch pwned)', "x; touch pwned #", "`touch pwned`", "ü ß\ttab"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_skill_names_reach_each_tool_as_one_argument(
    served: Served, name: str, tmp_path: Path
) -> None:
    """The loader never publishes such names; the commands stay safe if one slipped through."""
    recorders = tmp_path / "recorders"
    recorders.mkdir()
    for tool in ("npx", "gh"):
        script = recorders / tool
        script.write_text('#!/bin/sh\nprintf \'%s\\0\' "$@" > "$RECORDED_ARGUMENTS"\n')
        script.chmod(0o755)
    recording = Served(served.catalog, served.www, served.site, served.url, recorders)
    skill = Skill(name=name, category="alpha", folder="alpha/x", skill_file="alpha/x/SKILL.md")
    site = SiteInfo(site_url=served.url, download_base=served.url, github_repository=REPOSITORY)
    commands = install_commands(skill, site, "0" * 64)
    assert {c.method for c in commands} == {Method.SKILLS_CLI, Method.GH, Method.CURL}
    for index, entry in enumerate(commands):
        run = run_pasted(entry.command, recording, tmp_path / str(index))
        if entry.method is Method.CURL:
            assert run.returncode == 1  # no such archive: nothing installed
            assert "nothing installed" in run.output
            assert list(run.project.rglob("*")) == list(run.home.rglob("*")) == []
        else:
            assert run.returncode == 0, run.output
            assert run.recorded_arguments[run.recorded_arguments.index(name) - 1] in (
                "--skill",
                REPOSITORY,
            )
        assert not (run.project / "pwned").exists()


def test_every_skill_of_the_repository_catalog_installs_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The whole catalog through both clients that need no account: one `npx skills add`
    naming every skill, and each skill's curl command."""
    base = tmp_path_factory.mktemp("catalog-install")
    with serving(base, REPO / "catalog") as served:
        names = sorted(path.parent.name for path in (served.site / "skills").glob("*/SKILL.md"))
        assert len(names) >= 50
        skill_args = " ".join(shlex.quote(name) for name in names)
        cli = run_pasted(
            f"npx skills add {shlex.quote(served.url)} --skill {skill_args} -a claude-code -y",
            served,
            base / "cli",
        )
        assert cli.returncode == 0, cli.output
        curls = [
            next(c for c in install_box_commands(served.page(name)) if c.startswith("sh -c"))
            for name in names
        ]
        curl = run_pasted(" && ".join(curls), served, base / "curl")
        assert curl.returncode == 0, curl.output
        for name in names:
            expected = catalog_tree(served, name)
            assert tree(curl.project / ".claude/skills" / name) == expected, name
            installed = tree(cli.project / ".claude/skills" / name)
            assert just_bytes(installed) == just_bytes(without_refused_files(expected)), name
