"""`extra.skillsite` from mkdocs.yml, parsed once into a frozen, typed object.

Every command (check, diff, generate) and the build read settings through
`parse_settings`, and find the catalog through `resolve_catalog`, so they agree. An
unknown key is an error that names the nearest known one: a misspelt setting must not
be silently ignored.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from skillsite.dates import source_date_epoch
from skillsite.loader import DEFAULT_MAX_SKILL_BYTES, DEFAULT_MAX_SKILL_FILES

CATALOG_ENV = "SKILLSITE_CATALOG"
REPO_URL_ENV = "SKILLSITE_REPO_URL"
SITE_URL_ENV = "SKILLSITE_SITE_URL"
VERSION_ENV = "SKILLSITE_VERSION"
DEFAULT_CATALOG = "catalog"
WHERE = "extra.skillsite"


class SiteConfigError(ValueError):
    """A setting is unknown or has a value of the wrong type."""


@dataclass(frozen=True, slots=True)
class Settings:
    catalog: str = DEFAULT_CATALOG  # catalog folder, relative to mkdocs.yml
    branch: str = "main"  # branch for "Source" and "Edit" links
    tools: tuple[Mapping[str, Any], ...] | None = None  # replaces the built-in install tabs
    extra_tools: tuple[Mapping[str, Any], ...] = ()  # more install tabs after them
    nav: tuple[Any, ...] = ()  # hand-written pages after the categories
    max_skill_files: int = DEFAULT_MAX_SKILL_FILES  # supporting files per skill
    max_skill_bytes: int = DEFAULT_MAX_SKILL_BYTES  # SKILL.md plus supporting files


KNOWN_KEYS = tuple(f.name for f in fields(Settings))


def parse_settings(raw: object) -> Settings:
    """`extra.skillsite` as found in mkdocs.yml (None when absent) -> Settings."""
    if raw is None:
        return Settings()
    if not isinstance(raw, Mapping):
        raise SiteConfigError(f"{WHERE} in mkdocs.yml must be a mapping of settings")
    for key in raw:
        if key not in KNOWN_KEYS:
            nearest = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1, cutoff=0.5)
            suggestion = f"did you mean {nearest[0]!r}? " if nearest else ""
            raise SiteConfigError(
                f"{WHERE}.{key} is not a setting; {suggestion}"
                f"the settings are {', '.join(KNOWN_KEYS)}"
            )
    values: dict[str, Any] = {}
    for key in ("catalog", "branch"):
        if raw.get(key) is not None:
            if not isinstance(raw[key], str) or not raw[key].strip():
                raise SiteConfigError(f"{WHERE}.{key} must be a non-empty string")
            values[key] = raw[key]
    for key in ("max_skill_files", "max_skill_bytes"):
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise SiteConfigError(f"{WHERE}.{key} must be a positive whole number")
            values[key] = value
    for key in ("tools", "extra_tools", "nav"):
        if raw.get(key) is not None:
            if not isinstance(raw[key], list):
                raise SiteConfigError(f"{WHERE}.{key} must be a list")
            values[key] = tuple(raw[key])
    return Settings(**values)


@dataclass(frozen=True, slots=True)
class BuildEnvironment:
    """What the environment changes about a build, read once by the command or the
    MkDocs adapter (the core itself reads no environment variable)."""

    catalog: str | None = None  # SKILLSITE_CATALOG: another catalog on disk
    repo_url: str | None = None  # SKILLSITE_REPO_URL: for "Source" and "Edit" links
    version: str = ""  # SKILLSITE_VERSION: set while mike publishes a version
    source_date: datetime | None = None  # SOURCE_DATE_EPOCH, see dates.build_date
    # SKILLSITE_SITE_URL: mkdocs.yml reads it as the site URL (`!ENV`); here it only
    # says that the address was chosen on purpose, even a local one.
    site_url: str | None = None

    @classmethod
    def read(cls, environ: Mapping[str, str]) -> BuildEnvironment:
        """Raises SourceDateEpochError for an unusable SOURCE_DATE_EPOCH."""
        return cls(
            catalog=environ.get(CATALOG_ENV) or None,
            repo_url=environ.get(REPO_URL_ENV) or None,
            version=environ.get(VERSION_ENV, "").strip("/"),
            source_date=source_date_epoch(environ),
            site_url=environ.get(SITE_URL_ENV) or None,
        )


def resolve_catalog(config_dir: Path, settings: Settings, override: str | None = None) -> Path:
    """The catalog folder: `override` (a command-line argument, or SKILLSITE_CATALOG read
    by the caller) wins, else the `catalog` setting; relative paths start at the folder
    of mkdocs.yml."""
    return (config_dir / (override or settings.catalog)).resolve()


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running anything: `!ENV` resolves, other tags are None."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml read with a safe loader (the parts the commands need)."""
    with path.open(encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}


def settings_from_file(path: Path) -> Settings:
    """The settings in a mkdocs.yml; Settings() when the file does not exist."""
    if not path.is_file():
        return Settings()
    try:
        config = read_mkdocs_config(path)
    except (OSError, yaml.YAMLError) as error:
        raise SiteConfigError(f"{path}: cannot be read ({error})") from error
    extra = config.get("extra") or {}
    return parse_settings(extra.get("skillsite") if isinstance(extra, dict) else None)
