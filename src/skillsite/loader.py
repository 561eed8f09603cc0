"""discover -> parse -> validate -> an immutable `Catalog`.

`load_catalog` never raises for bad catalog content: every problem becomes a
`Diagnostic`. Only a root that cannot be read at all raises `CatalogRootError`.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from skillsite.categories import (
    CategoryPlace,
    category_name_warning,
    category_of,
    load_category,
)
from skillsite.codes import diagnostic
from skillsite.diagnostics import Diagnostic, Severity
from skillsite.digest import file_sha256, folder_sha256
from skillsite.discover import Folder, FoundSkill, discover, frontier, walk
from skillsite.install_paths import path_problem
from skillsite.layout import SKILL_FILE
from skillsite.model import Catalog, Category, Skill, SupportingFile, frozen_mapping
from skillsite.parse import normalized_text, parse_skill_file
from skillsite.published import is_served_raw
from skillsite.related import body_line_hashes
from skillsite.risk import RiskFinding, ScriptFile, risk_diagnostics, scan_file, script_entry
from skillsite.safe_files import (
    FileRefused,
    FileTooLarge,
    read_regular_file,
    shown_name,
    unsafe_name_reason,
)
from skillsite.skill_links import check_skill_links
from skillsite.validate import Fields, check_body, check_fields, split_tags


class CatalogRootError(Exception):
    """The catalog root does not exist, is not a folder or cannot be read."""


DEFAULT_MAX_FILE_BYTES = 1024 * 1024
DEFAULT_MAX_FRONTMATTER_BYTES = 64 * 1024
# A skill is a handful of instructions, scripts and references: these leave room for
# large ones while keeping one skill from filling pages, the API and archives.
DEFAULT_MAX_SKILL_FILES = 1000
DEFAULT_MAX_SKILL_BYTES = 50 * 1024 * 1024


# Below this many skills a process pool costs more than it saves.
PARALLEL_MIN_SKILLS = 1000


@dataclass(frozen=True, slots=True)
class LoadOptions:
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES  # SKILL.md over this is an error
    max_frontmatter_bytes: int = DEFAULT_MAX_FRONTMATTER_BYTES
    max_skill_files: int = DEFAULT_MAX_SKILL_FILES  # supporting files per skill
    max_skill_bytes: int = DEFAULT_MAX_SKILL_BYTES  # SKILL.md plus supporting files
    # Processes reading and checking skills. More than 1 forks workers: meant for the
    # command line, not for a long-running multi-threaded host such as `mkdocs serve`.
    workers: int = 1
    # Only the diagnostics are wanted (`skillsite check`): supporting files are checked
    # and sized but not read, no digests are computed, and no skill keeps its bytes or
    # body, which keeps a large catalog's check fast and small in memory.
    diagnostics_only: bool = False


def load_catalog(root: Path, options: LoadOptions = LoadOptions()) -> Catalog:
    root_real = _check_root(Path(root))
    loaded, loose = _discover_and_load(root_real, options)
    loaded.sort(key=lambda item: item[0].folder)  # walk order differs between runs
    skills: list[Skill] = []
    name_lines: list[int] = []
    places: dict[str, CategoryPlace] = {}
    for skill, place, name_line in loaded:
        skills.append(skill)
        name_lines.append(name_line)
        known = places.get(place.key)
        # Two folders can map to one key (`.curated` and `curated`): prefer the plain one.
        if known is None or (known.folder != place.key and place.folder == place.key):
            places[place.key] = place

    skills = check_skill_links(_mark_duplicates(skills, name_lines))
    diagnostics: list[Diagnostic] = list(loose)
    categories: list[Category] = []
    published = {skill.category for skill in skills if skill.valid}
    for place in places.values():
        category, problems = load_category(root_real, place)
        diagnostics.extend(problems)
        if place.key in published:  # a category page needs a skill to show
            categories.append(category)
    for skill in skills:
        diagnostics.extend(skill.diagnostics)
    categories.sort(key=lambda c: (c.order, c.title.lower(), c.key))
    skills.sort(key=lambda s: (s.category, s.name, s.folder))
    diagnostics.sort(key=Diagnostic.sort_key)
    return Catalog(
        root=Path(root_real),
        categories=tuple(categories),
        skills=tuple(skills),
        diagnostics=tuple(diagnostics),
    )


Loaded = tuple[Skill, CategoryPlace, int]
# Read by forked workers: the folders to walk, and how.
_pending: tuple[str, Sequence[Folder], LoadOptions] | None = None


def _discover_and_load(
    root_real: str, options: LoadOptions
) -> tuple[list[Loaded], tuple[Diagnostic, ...]]:
    workers = min(options.workers, os.cpu_count() or 1)
    split = None
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        split = frontier(root_real)
    if split is None or len(split[0]) < PARALLEL_MIN_SKILLS:
        found = discover(root_real)
        return [_load_skill(root_real, item, options) for item in found.skills], found.diagnostics
    # Forked workers inherit the folder list; only index ranges go out, and finished
    # skills come back.
    folders, on_the_way = split
    global _pending
    _pending = (root_real, folders, options)
    chunk = -(-len(folders) // (workers * 4))
    ranges = [(start, min(start + chunk, len(folders))) for start in range(0, len(folders), chunk)]
    try:
        context = multiprocessing.get_context("fork")
        loaded: list[Loaded] = []
        loose = list(on_the_way.diagnostics)
        with context.Pool(workers) as pool:
            # Unpack each share as it arrives, while the workers go on with the next.
            for packed, problems in pool.imap_unordered(_walk_and_load, ranges):
                loaded.extend(_unpack(item) for item in packed)
                loose.extend(problems)
    finally:
        _pending = None
    return loaded, tuple(loose)


def _walk_and_load(bounds: tuple[int, int]) -> tuple[list[Packed], tuple[Diagnostic, ...]]:
    assert _pending is not None
    root_real, folders, options = _pending
    found = walk(root_real, list(folders[bounds[0] : bounds[1]]))
    return [
        _pack(_load_skill(root_real, item, options)) for item in found.skills
    ], found.diagnostics


# Skills travel back from workers as plain tuples, without the body (a suffix of the
# decoded SKILL.md, rebuilt here): half the bytes and a fraction of the pickling time.
_SKILL_FIELDS = tuple(f.name for f in fields(Skill))
Packed = tuple[tuple[Any, ...], CategoryPlace, int]


def _pack(loaded: Loaded) -> Packed:
    skill, place, name_line = loaded
    row = {name: getattr(skill, name) for name in _SKILL_FIELDS}
    # The parent rebuilds the body from the raw bytes when it has them (half the data
    # to send); a body kept without them (`check`) goes as it is.
    row["body"] = len(skill.body) if skill.raw else skill.body
    row["files"] = tuple((f.path, f.size, f.sha256) for f in skill.files)
    row["metadata"] = dict(skill.metadata)
    # Plain tuples pickle several times faster than slotted dataclasses.
    row["diagnostics"] = tuple(
        (d.path, d.line, d.column, d.severity.value, d.code, d.message, d.hint)
        for d in skill.diagnostics
    )
    return tuple(row.values()), place, name_line


def _unpack(packed: Packed) -> Loaded:
    values, place, name_line = packed
    row: dict[str, Any] = dict(zip(_SKILL_FIELDS, values, strict=True))
    body = row["body"]
    if isinstance(body, int):
        row["body"] = normalized_text(row["raw"])[-body:] if body else ""
    row["files"] = tuple(SupportingFile(*f) for f in row["files"])
    row["metadata"] = frozen_mapping(row["metadata"])
    row["diagnostics"] = tuple(
        Diagnostic(path, line, column, Severity(severity), code, message, hint)
        for path, line, column, severity, code, message, hint in row["diagnostics"]
    )
    return Skill(**row), place, name_line


def _check_root(root: Path) -> str:
    try:
        root_real = os.path.realpath(root)
        if not os.path.isdir(root_real):
            raise CatalogRootError(f"{root}: catalog folder does not exist or is not a folder")
        with os.scandir(root_real):
            pass
    except CatalogRootError:
        raise
    except (OSError, ValueError) as error:
        raise CatalogRootError(f"{root}: catalog folder cannot be read ({error})") from error
    return root_real


def _load_skill(root_real: str, item: FoundSkill, options: LoadOptions) -> Loaded:
    """The skill, where its category comes from, and the line of its `name` key."""
    diagnostics: list[Diagnostic] = list(item.diagnostics)
    path = item.skill_file
    folder_name = posixpath.basename(item.folder) if item.folder != "." else Path(root_real).name
    skill_file_name = posixpath.basename(path)

    raw = b""
    too_large = False
    unsafe = unsafe_name_reason(item.skill_file)
    if unsafe:
        diagnostics.append(
            diagnostic(
                "file-name-unsafe",
                path,
                f"the path of this skill file {unsafe}, so it cannot be published",
                hint="rename the folder or file to printable UTF-8 text without backslashes",
            )
        )
    try:
        raw = read_regular_file(item.skill_path, options.max_file_bytes)
    except FileTooLarge:
        too_large = True
    except FileRefused as refused:
        code = "skill-file-not-regular" if refused.code == "file-not-regular" else refused.code
        diagnostics.append(diagnostic(code, path, refused.message, hint=refused.hint))
    except OSError as error:
        diagnostics.append(
            diagnostic(
                "file-unreadable",
                path,
                f"cannot read: {error.strerror}",
                hint="fix the file's permissions",
            )
        )
    too_large = too_large or len(raw) > options.max_file_bytes
    if too_large:
        raw = b""
        diagnostics.append(
            diagnostic(
                "file-too-large",
                path,
                f"SKILL.md is over the limit of {options.max_file_bytes} bytes",
                hint="keep SKILL.md short; move long material into files under references/",
            )
        )

    files, file_problems, scanned = _supporting_files(item, options, len(raw))
    diagnostics.extend(file_problems)
    risks = [*scan_file(skill_file_name, raw), *scanned.risks]
    diagnostics.extend(risk_diagnostics(item.folder, risks))

    parsed = parse_skill_file(path, raw, options.max_frontmatter_bytes)
    if too_large:
        parsed_diagnostics: tuple[Diagnostic, ...] = ()
    else:
        parsed_diagnostics = parsed.diagnostics
    diagnostics.extend(parsed_diagnostics)
    fields = Fields()
    if parsed.frontmatter is not None:
        fields = check_fields(path, parsed.frontmatter, parsed.key_lines, folder_name)
        diagnostics.extend(fields.diagnostics)
    if parsed.text:
        published = _published_paths(skill_file_name, files)
        diagnostics.extend(check_body(path, parsed.body, parsed.body_start_line, published))

    if item.outer is not None:
        diagnostics.append(
            diagnostic(
                "nested-skill",
                path,
                f"skill folder is inside the skill folder {item.outer.folder!r}",
                hint="move it next to the other skills; it is not published as part of "
                f"{item.outer.folder!r}",
            )
        )

    wanted_category = fields.metadata.get("category")
    place = category_of(item.folder, wanted_category)
    warning = category_name_warning(place, path)
    if warning:
        diagnostics.append(warning)
    if wanted_category is not None and "/" not in item.folder and place.key != wanted_category:
        diagnostics.append(
            diagnostic(
                "category-invalid",
                path,
                f"metadata.category {wanted_category!r} is not a category key; "
                f"the skill is listed under {place.key!r}",
                line=parsed.key_lines.get("metadata", 1),
                hint="use lowercase letters, digits and hyphens, e.g. category: db-management",
            )
        )

    body_fingerprint = b""
    if options.diagnostics_only:
        # The body is kept only when it may link to another skill (skill_links.py); its
        # line hashes serve the near-duplicate check.
        links_out = "../" in parsed.body or "..\\" in parsed.body
        digest, body, raw_kept = "", parsed.body if links_out else "", b""
        body_fingerprint = body_line_hashes(parsed.body)
    else:
        digest_entries = [(skill_file_name, file_sha256(raw))]
        digest_entries.extend((f.path, f.sha256) for f in files)
        digest, body, raw_kept = folder_sha256(digest_entries), parsed.body, raw
    skill = Skill(
        name=fields.name or shown_name(folder_name),
        category=place.key,
        folder=item.folder,
        skill_file=path,
        description=fields.description,
        license=fields.license,
        compatibility=fields.compatibility,
        allowed_tools=fields.allowed_tools,
        metadata=frozen_mapping(fields.metadata),
        tags=split_tags(fields.metadata.get("tags", "")),
        body=body,
        body_start_line=parsed.body_start_line,
        raw=raw_kept,
        body_fingerprint=body_fingerprint,
        files=files,
        sha256=digest,
        size=len(raw) + sum(f.size for f in files),
        line_count=parsed.line_count,
        risks=tuple(risks),
        scripts=tuple(scanned.scripts),
        diagnostics=tuple(sorted(diagnostics, key=Diagnostic.sort_key)),
    )
    return skill, place, parsed.key_lines.get("name", 1)


@dataclass(slots=True)
class _Scanned:
    risks: list[RiskFinding] = field(default_factory=list)
    scripts: list[ScriptFile] = field(default_factory=list)


def _supporting_files(
    item: FoundSkill, options: LoadOptions, skill_file_size: int
) -> tuple[tuple[SupportingFile, ...], list[Diagnostic], _Scanned]:
    diagnostics: list[Diagnostic] = []
    scanned = _Scanned()
    candidates: list[tuple[str, str, str]] = []
    for rel, os_path in item.files:
        shown = rel if item.folder == "." else f"{item.folder}/{rel}"
        unsafe = unsafe_name_reason(rel)
        if unsafe:
            diagnostics.append(
                diagnostic(
                    "file-name-unsafe",
                    shown,
                    f"the name of this file of the skill {_skill_label(item)} {unsafe} "
                    f"(shown escaped: {shown_name(rel)}); it cannot be published safely, "
                    "so the skill is not published",
                    hint="rename the file to printable UTF-8 text without backslashes "
                    "(e.g. `git mv`)",
                )
            )
            continue
        candidates.append((rel, os_path, shown))

    if len(candidates) > options.max_skill_files:
        diagnostics.append(
            diagnostic(
                "skill-too-many-files",
                item.skill_file,
                f"the skill has {len(candidates)} files besides SKILL.md, over the limit "
                f"of {options.max_skill_files}; none of them is read and the skill is "
                "not published",
                hint="pack many small files into fewer ones, or raise the limit "
                "(`--max-skill-files`, `max_skill_files` in extra.skillsite)",
            )
        )
        return (), diagnostics, scanned
    total = skill_file_size + sum(_size(os_path) for _, os_path, _ in candidates)
    if total > options.max_skill_bytes:
        return (), [*diagnostics, _too_large(item, total, options)], scanned

    files: list[SupportingFile] = []
    budget = options.max_skill_bytes - skill_file_size
    for rel, os_path, shown in candidates:
        try:
            # Read in both modes: the risk scan needs the text; `check` skips only the hash.
            data = read_regular_file(os_path, budget)
            size = len(data)
            sha256 = "" if options.diagnostics_only else file_sha256(data)
        except FileTooLarge as error:
            # The file grew after it was measured above.
            return (), [*diagnostics, _too_large(item, error.size, options)], scanned
        except FileRefused as refused:
            # The table gives the severity: a FIFO or socket is a warning, a hard link
            # an error.
            diagnostics.append(diagnostic(refused.code, shown, refused.message, hint=refused.hint))
            continue
        except OSError as error:
            diagnostics.append(
                diagnostic(
                    "file-unreadable",
                    shown,
                    f"cannot read: {error.strerror}",
                    hint="fix the file's permissions or remove the file",
                )
            )
            continue
        if size > budget:
            return (), [*diagnostics, _too_large(item, size, options)], scanned
        budget -= size
        if size > options.max_file_bytes:
            diagnostics.append(
                diagnostic(
                    "supporting-file-too-large",
                    shown,
                    f"file is {size} bytes, over {options.max_file_bytes}",
                )
            )
        if not is_served_raw(rel):
            diagnostics.append(
                diagnostic(
                    "file-not-served",
                    shown,
                    "only plain text, Markdown, code, JSON, YAML and images (not SVG) are "
                    "served as raw files of the site; this one ships in the skill's "
                    "archive only",
                    hint="fine for a file the agent uses; give it a plain type (e.g. `.txt`) "
                    "if readers should open it on the site",
                )
            )
        problem = path_problem(rel)
        if problem:
            diagnostics.append(
                diagnostic(
                    "file-not-installable",
                    shown,
                    f"install tools refuse this path ({problem}); the well-known index "
                    "and `npx skills add` leave the file out, the curl command installs it",
                    hint="rename it to ASCII letters, digits, `.`, `_`, `+` and `-`",
                )
            )
        files.append(SupportingFile(path=rel, size=size, sha256=sha256))
        scanned.risks.extend(scan_file(rel, data))
        script = script_entry(rel, data)
        if script:
            scanned.scripts.append(script)
    files.sort(key=lambda f: f.path)
    scanned.risks.sort(key=lambda r: (r.path, r.line, r.code))
    scanned.scripts.sort(key=lambda s: s.path)
    return tuple(files), diagnostics, scanned


def _skill_label(item: FoundSkill) -> str:
    return repr(shown_name(posixpath.basename(item.folder) if item.folder != "." else "."))


def _size(os_path: str) -> int:
    try:
        return os.stat(os_path).st_size
    except OSError:
        return 0  # reported when it is read


def _too_large(item: FoundSkill, total: int, options: LoadOptions) -> Diagnostic:
    return diagnostic(
        "skill-too-large",
        item.skill_file,
        f"the skill's files add up to {total} bytes or more, over the limit of "
        f"{options.max_skill_bytes}; they are not read and the skill is not published",
        hint="keep large data out of the skill folder, or raise the limit "
        "(`--max-skill-bytes`, `max_skill_bytes` in extra.skillsite)",
    )


def _published_paths(skill_file_name: str, files: tuple[SupportingFile, ...]) -> set[str]:
    published = {skill_file_name, SKILL_FILE}
    for supporting in files:
        path = supporting.path
        published.add(path)
        while "/" in path:
            path = path.rsplit("/", 1)[0]
            if path in published:
                break
            published.add(path)
    return published


def _mark_duplicates(skills: list[Skill], name_lines: list[int]) -> list[Skill]:
    by_name: dict[str, list[int]] = defaultdict(list)
    for index, skill in enumerate(skills):
        if any(d.code in ("name-missing", "name-type") for d in skill.diagnostics):
            continue
        by_name[skill.name].append(index)
    result = list(skills)
    for name, indexes in by_name.items():
        if len(indexes) < 2:
            continue
        for index in indexes:
            skill = skills[index]
            others = sorted(skills[i].skill_file for i in indexes if i != index)
            line = name_lines[index]
            duplicate = diagnostic(
                "name-duplicate",
                skill.skill_file,
                f"name {name!r} is also used by {', '.join(others)}",
                line=line,
                hint="skill names must be unique across the catalog: rename one of them "
                "(and its folder)",
            )
            result[index] = _with_diagnostic(skill, duplicate)
    return result


def _with_diagnostic(skill: Skill, diagnostic: Diagnostic) -> Skill:
    diagnostics = tuple(sorted((*skill.diagnostics, diagnostic), key=Diagnostic.sort_key))
    return replace(skill, diagnostics=diagnostics)
