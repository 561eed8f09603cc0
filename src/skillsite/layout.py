"""Where everything the site publishes lives: the one place URLs and paths are built.

Paths are POSIX and relative to the site (or version) root; `*_page` paths are the
Markdown sources MkDocs renders (`skills/x/index.md` becomes `skills/x/`). Other modules
ask here instead of writing `skills/` or `.tar.gz` themselves.
"""

from __future__ import annotations

from urllib.parse import quote

SKILL_FILE = "SKILL.md"  # the skill file's name, in the catalog and on the site

HOME_PAGE = "index.md"
API_SKILLS = "api/skills.json"
API_CATEGORIES = "api/categories.json"
FEED = "feed.xml"
LLMS = "llms.txt"
WELL_KNOWN_DIR = ".well-known/agent-skills"  # the skills index install tools read


def skill_folder(name: str) -> str:
    """The skill's folder on the site: its page, raw files and archive."""
    return f"skills/{name}/"


def skill_page(name: str) -> str:
    return f"{skill_folder(name)}index.md"


def archive_name(name: str) -> str:
    return f"{name}.tar.gz"


def archive_path(name: str) -> str:
    return skill_folder(name) + archive_name(name)


def raw_file_path(name: str, relative_path: str = SKILL_FILE) -> str:
    """A published copy of a file of the skill (`relative_path` inside its folder)."""
    return skill_folder(name) + relative_path


def api_skill_path(name: str) -> str:
    return f"api/skills/{name}.json"


BROWSE_FOLDER = "skills/"  # the "All skills" page: the folder above every skill
BROWSE_PAGE = f"{BROWSE_FOLDER}index.md"


def category_folder(key: str) -> str:
    """The category's page as a URL path (keys are URL-safe; quoted all the same)."""
    return f"categories/{quote(key)}/"


def category_page(key: str) -> str:
    return f"categories/{key}/index.md"
