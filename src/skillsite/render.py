"""Pure functions from the catalog model to page Markdown (with Material front matter).

Every string that comes from the catalog is untrusted: it reaches pages either through
front matter (escaped by the templates in overrides/) or through HTML written here with
`html.escape`. Skill bodies are rendered to sanitised HTML here (`body_html`), so the
engine receives finished HTML for everything that comes from content; the Markdown it
renders itself (install box) is made here from quoted values.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from urllib.parse import quote

from skillsite import layout
from skillsite.body_html import LinkContext, RenderedBody, render_body
from skillsite.install import SCOPE_LABELS, InstallCommand, install_commands, tool_scopes
from skillsite.model import Catalog, Category, Skill
from skillsite.published import is_served_raw
from skillsite.site_info import SiteInfo
from skillsite.trust import history_meta, json_ld, scan_meta

# Separates the generated top of a skill page from its untrusted body in the rendered
# HTML; the MkDocs adapter sanitizes everything after the first occurrence.
BODY_MARKER = "<!-- skillsite:body -->"
# Printed by overrides/skill.html after the page content (a body shows raw HTML as text,
# so it cannot print either marker itself).
BODY_END_MARKER = "<!-- skillsite:body-end -->"
SKILL_SEARCH_BOOST = 4
RECENT_SKILLS_ON_HOME = 10

# Everything but printable ASCII is written as an escape in front matter.
_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A Material icon such as "material/database"; the theme includes it by this path.
_ICON_NAME = re.compile(r"[a-z0-9-]+/[a-z0-9-]+")
# Allow comments of the risk scan (risk.py): shown on the page as the finding's reason,
# not as stray text in the body.
_ALLOW_COMMENT = re.compile(r"[ \t]*<!--[ \t]*skillsite-allow:[^\n]*?-->[ \t]*$", re.M)
_LEADING_H1 = re.compile(r"\A\s*#[ \t]+(?P<title>[^\n]+?)[ \t#]*(?:\n|\Z)")


# overrides/skill.html: the skill header around the page content.
SKILL_TEMPLATE = "skill.html"

skill_page_uri = layout.skill_page
category_page_uri = layout.category_page


def skill_source_text(skill: Skill) -> str:
    """The SKILL.md as a reader copies it: UTF-8 text without a byte order mark."""
    return skill.raw.decode("utf-8", errors="replace").removeprefix("\ufeff")


def page_title(text: str) -> str:
    """A title safe wherever Material prints it, escaped or not (nav, <title>, search)."""
    return html.escape(text.replace("<", "").replace(">", ""), quote=True)


def meta_text(text: str) -> str:
    """Front matter text Material prints unescaped: <meta> description, search tags."""
    return html.escape(text, quote=True)


def _no_surrogates(value: object) -> object:
    """Lone surrogates (from file names that are not UTF-8) as visible `\\xNN` text."""
    if isinstance(value, str):
        return _SURROGATE.sub(_surrogate_text, value)
    if isinstance(value, dict):
        return {_no_surrogates(k): _no_surrogates(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_surrogates(item) for item in value]
    return value


def _surrogate_text(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    # surrogateescape maps an undecodable byte b to U+DC00 + b.
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _ascii_escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def front_matter_value(value: object) -> str:
    """JSON that YAML reads back as the same value, in printable ASCII only.

    JSON is YAML, except for characters YAML refuses or reads as line breaks and for
    astral characters (YAML does not join JSON's surrogate pairs): every character
    outside printable ASCII is written as a YAML escape, so no value can make the
    engine's front matter parser fail (and keep the block as page text).
    """
    text = json.dumps(_no_surrogates(value), ensure_ascii=False)
    return _NOT_PLAIN_ASCII.sub(_ascii_escape, text)


def _front_matter(meta: dict[str, object]) -> str:
    """Front matter with one `key: <JSON>` line per key.

    Emitting JSON is many times faster than PyYAML's representer, and a site has a page
    per skill.
    """
    lines = "".join(f"{key}: {front_matter_value(value)}\n" for key, value in meta.items())
    return "---\n" + lines + "---\n\n"


def strip_allow_comments(body: str) -> str:
    """The body without its risk-scan allow comments (their reasons show in the header)."""
    return _ALLOW_COMMENT.sub("", body)


def split_body_title(body: str) -> tuple[str, str]:
    """Take a leading `# Title` off the body: the page header already has the h1."""
    match = _LEADING_H1.match(body)
    if not match:
        return "", body
    return match.group("title"), body[match.end() :]


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


def format_date(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment else ""


def _indented(lines: list[str], depth: int) -> list[str]:
    return [("    " * depth + line) if line else "" for line in lines]


def _command_block(entry: InstallCommand) -> list[str]:
    label = [entry.label, ""] if entry.label else []
    return [*label, "```bash", entry.command, "```", ""]


def _tab_label(title: str) -> str:
    return title.replace('"', "'")


def _install_box(skill: Skill, site: SiteInfo, archive_sha256: str) -> str:
    """Tabs per tool, each with tabs per scope (same labels on every tool, so Material's
    linked tabs remember both choices across pages), each with its commands."""
    lines = ["## Install {#install}", ""]
    commands = install_commands(skill, site, archive_sha256)
    for tool in site.tools:
        lines += [f'=== "{_tab_label(tool.title)}"', ""]
        own = [entry for entry in commands if entry.tool is tool]
        custom = [entry for entry in own if entry.scope is None]
        for entry in custom:
            lines += _indented(_command_block(entry), 1)
        for scope in tool_scopes(tool):
            lines += _indented([f'=== "{SCOPE_LABELS[scope]}"', ""], 1)
            for entry in own:
                if entry.scope is scope:
                    lines += _indented(_command_block(entry), 2)
    return "\n".join(lines)


def file_url(path: str) -> str:
    """A supporting file's link from its skill page: always a relative path, never a scheme."""
    return "./" + quote(path, safe="/", errors="surrogateescape")


def skill_header_meta(skill: Skill, category: Category, site: SiteInfo, subtitle: str) -> dict:
    """Everything the skill header template shows; plain data, escaped by the template."""
    updated = site.updated.get(skill.folder)
    return {
        "name": skill.name,
        "subtitle": subtitle,
        "description": skill.description,
        "category": {"key": category.key, "title": category.title},
        "license": skill.license,
        "compatibility": skill.compatibility,
        "allowed_tools": list(skill.allowed_tools),
        "tags": list(skill.tags),
        "updated": format_date(updated),
        "size": format_size(skill.size),
        "size_bytes": skill.size,
        "lines": skill.line_count,
        "version": skill.metadata.get("version", ""),
        "history": history_meta(skill, site),
        "scan": scan_meta(skill),
        "raw_url": layout.SKILL_FILE,
        "archive": layout.archive_name(skill.name),
        "files": [
            {
                "path": f.path,
                "url": file_url(f.path) if is_served_raw(f.path) else "",
                "size": format_size(f.size),
            }
            for f in skill.files
        ],
        "source_url": site.source_url(skill.skill_file),
        "edit_url": site.edit_url(skill.skill_file),
    }


def skill_page(
    skill: Skill,
    category: Category,
    site: SiteInfo,
    archive_sha256: str,
    skills: Mapping[str, str] | None = None,
    *,
    rendered: RenderedBody | None = None,
    related: Sequence[Skill] = (),
) -> str:
    """The page of a valid skill; `skills` maps published skill folders to names."""
    subtitle, body = split_body_title(skill.body)
    if rendered is None:
        rendered = render_body(strip_allow_comments(body), LinkContext(skill.folder, skills or {}))
    header = skill_header_meta(skill, category, site, subtitle)
    header["json_ld"] = json_ld(skill, site)
    header["related"] = [
        {"name": other.name, "description": other.description, "url": f"../{other.name}/"}
        for other in related
    ]
    meta = {
        "template": SKILL_TEMPLATE,
        "title": skill.name,
        "description": meta_text(skill.description),
        "search": {"boost": SKILL_SEARCH_BOOST},
        "tags": [meta_text(tag) for tag in skill.tags],
        "skill": header,
        "skill_toc": rendered.toc,
        # The exact text behind the "Copy SKILL.md" button (see skill-source.html).
        "skill_source": skill_source_text(skill),
    }
    return (
        _front_matter(meta)
        + _install_box(skill, site, archive_sha256)
        + "\n\n"
        + BODY_MARKER
        + "\n\n"
        + html_block(rendered.html)
    )


def html_block(content: str) -> str:
    """Finished HTML as one raw block the engine passes through untouched."""
    return f'<div class="skillsite-body">\n{content}\n</div>\n'


def _heading(text: str) -> str:
    # Written as HTML, not as `# title`: a title is text, never Markdown.
    return f"<h1>{html.escape(text)}</h1>\n\n"


def _skill_card(skill: Skill) -> str:
    tags = "".join(
        f'<a class="skillsite-tag" href="../../{layout.BROWSE_FOLDER}?tag={quote(tag, safe="")}">'
        f"{html.escape(tag)}</a> "
        for tag in skill.tags
    )
    return (
        f'<li class="skillsite-card">'
        f'<a class="skillsite-card__name" href="../../{layout.skill_folder(skill.name)}">'
        f"{html.escape(skill.name)}</a>"
        f'<p class="skillsite-card__description">{html.escape(skill.description)}</p>'
        + (f'<p class="skillsite-card__tags">{tags}</p>' if tags else "")
        + "</li>"
    )


def _card_list(cards: Iterable[str]) -> str:
    # Material's grid cards (`.grid.cards > ul > li`), written as HTML rather than as a
    # Markdown list inside `<div markdown>`: every text in a card is catalog text, and
    # escaped HTML cannot be read as Markdown. Zensical's theme ships the same classes.
    return '<div class="grid cards">\n<ul>\n' + "\n".join(cards) + "\n</ul>\n</div>\n"


def category_page(category: Category, skills: tuple[Skill, ...]) -> str:
    meta: dict[str, object] = {"title": page_title(category.title)}
    if category.description:
        meta["description"] = meta_text(category.description)
    if _ICON_NAME.fullmatch(category.icon):
        meta["icon"] = category.icon  # shown in the navigation by Material
    intro = f'<p class="skillsite-lead">{html.escape(category.description)}</p>\n\n'
    count = f"{len(skills)} skill{'s' if len(skills) != 1 else ''}"
    return (
        _front_matter(meta)
        + _heading(category.title)
        + (intro if category.description else "")
        + f'<p class="skillsite-count">{count}</p>\n\n'
        + _card_list(_skill_card(s) for s in skills)
    )


def _category_card(category: Category, count: int) -> str:
    return (
        f'<li class="skillsite-card">'
        f'<a class="skillsite-card__name" href="{layout.category_folder(category.key)}">'
        f"{html.escape(category.title)}</a>"
        f'<p class="skillsite-card__description">{html.escape(category.description)}</p>'
        f'<p class="skillsite-count">{count} skill{"s" if count != 1 else ""}</p>'
        "</li>"
    )


def _recent_card(skill: Skill, site: SiteInfo) -> str:
    date = format_date(site.updated.get(skill.folder))
    return (
        f'<li class="skillsite-card">'
        f'<a class="skillsite-card__name" href="{layout.skill_folder(skill.name)}">'
        f"{html.escape(skill.name)}</a>"
        f'<p class="skillsite-card__description">{html.escape(skill.description)}</p>'
        + (f'<p class="skillsite-count">Updated {date}</p>' if date else "")
        + "</li>"
    )


def recently_updated(catalog: Catalog, site: SiteInfo, limit: int) -> list[Skill]:
    dated = [s for s in catalog.valid_skills if s.folder in site.updated]
    dated.sort(key=lambda s: (site.updated[s.folder], s.name), reverse=True)
    return dated[:limit]


def _home_search(count: int) -> str:
    """The home page's search field; assets/skillsite-search.js hands it to the search
    dialog (without scripts the form still leads to /?q=)."""
    return (
        '<form class="skillsite-home-search" action="." method="get" role="search" '
        'aria-label="Find a skill">'
        '<label class="skillsite-home-search__label" for="skillsite-home-q">Find a skill</label>'
        '<input id="skillsite-home-q" type="text" name="q" data-skillsite-search-start '
        f'autocomplete="off" placeholder="Search {count} skills: a task, a tool or a name">'
        '<button class="md-button md-button--primary" type="submit">Search</button>'
        "</form>\n"
    )


def home_page(catalog: Catalog, site: SiteInfo, intro: str = "") -> str:
    skills = catalog.valid_skills
    counts = {c.key: len(catalog.skills_in(c.key)) for c in catalog.categories}
    categories = [c for c in catalog.categories if counts[c.key]]
    lead = intro or (
        f"{page_title(site.site_name)} publishes agent skills: folders with a SKILL.md "
        "that teach a coding agent a procedure. Read one, copy its install command for "
        "your tool, and your agent has it."
    )
    recent = recently_updated(catalog, site, RECENT_SKILLS_ON_HOME)
    parts = [
        _front_matter({"title": "Home", "search": {"exclude": True}, "hide": ["toc"]}),
        f"# {page_title(site.site_name)}\n",
        f'<p class="skillsite-lead">{html.escape(lead)}</p>\n',
        _home_search(len(skills)),
        f'<p class="skillsite-count">{len(skills)} skills in {len(categories)} categories · '
        '<a href="skills/">browse and filter all skills</a></p>\n',
        "## Categories\n",
        _card_list(_category_card(c, counts[c.key]) for c in categories),
    ]
    if recent:
        parts += [
            "## Recently updated\n",
            _card_list(_recent_card(s, site) for s in recent),
        ]
    return "\n".join(parts)


def invalid_skill_page(skill: Skill) -> str:
    """Shown only while serving: the author sees why the skill is not published."""
    items = "\n".join(
        f"<li><code>{html.escape(d.location())}</code> {html.escape(d.severity.value)} "
        f"<code>{html.escape(d.code)}</code>: {html.escape(d.message)}"
        + (f" <em>{html.escape(d.hint)}</em>" if d.hint else "")
        + "</li>"
        for d in skill.diagnostics
    )
    return (
        _front_matter({"title": page_title(skill.name), "search": {"exclude": True}})
        + _heading(skill.name)
        + '<div class="admonition failure skillsite-errors">'
        + '<p class="admonition-title">This skill has errors and is not published</p>\n'
        + f"<ul>\n{items}\n</ul>\n"
        + "<p>Fix the file and save: this page reloads with the skill.</p></div>\n"
    )
