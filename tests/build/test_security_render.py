"""Findings of the second security review that need their own catalog or build.

- XSS 3: a supporting file name that is not UTF-8 must not break the page's front matter;
- XSS 5: `skillsite generate` output built by an engine without the hooks is as inert as
  a hook build;
- XSS 2 (serve): the page listing an invalid skill's errors prints the name as text;
- DoS: bodies that made rendering take minutes or crash end with a diagnostic or a page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data
from clirun import run_cli
from htmlscan import all_attributes, scan_html
from sitebuild import HOSTILE_FIXTURES, REPO, SKILLSITE, build_site, quiet_env

from skillsite.diagnostics import Diagnostic, Severity
from skillsite.model import Skill
from skillsite.render import invalid_skill_page

sys.path.insert(0, str(HOSTILE_FIXTURES))
from make_catalog import hostile_bodies, write_hostile_catalog

pytestmark = pytest.mark.site

ALERT_IMG = "<img src=x onerror=alert(document.domain)>"


def _skill(root: Path, folder: str, name: str, extra: str = "", body: str = "Body.\n") -> Path:
    path = root / folder / name
    path.mkdir(parents=True)
    (path / "SKILL.md").write_text(
        f"---\nname: {name}\ndescription: Hostile case. Use when testing.\n{extra}---\n\n{body}",
        encoding="utf-8",
    )
    return path


def test_file_names_that_are_not_utf8_cannot_break_out_of_the_front_matter(
    tmp_path: Path,
) -> None:
    root = tmp_path / "catalog"
    for name, file_name in (("with-backslash", b"\xff\\x.txt"), ("no-backslash", b"caf\xe9.txt")):
        folder = _skill(root, "files", name, f'license: "{ALERT_IMG}"\n')
        (folder / "SKILL.md").write_text(
            (folder / "SKILL.md")
            .read_text(encoding="utf-8")
            .replace("Hostile case.", f"{ALERT_IMG} Hostile case."),
            encoding="utf-8",
        )
        (folder / os.fsdecode(file_name)).write_bytes(b"data\n")
    site = build_site(tmp_path / "site", catalog=root)
    assert site.returncode == 0, site.output
    assert "Traceback" not in site.output and "UnicodeEncodeError" not in site.output
    for name in ("with-backslash", "no-backslash"):
        page_path = site.path / "skills" / name / "index.html"
        if not page_path.exists():
            # Not published: then the build must say why, naming the skill.
            assert f"files/{name}/" in site.output
            continue
        page = page_path.read_text(encoding="utf-8")
        assert ALERT_IMG not in page
        assert "&lt;img src=x onerror=alert(document.domain)&gt;" in page
        assert "skill_toc:" not in page and '"subtitle":' not in page  # front matter parsed
        assert scan_html(page, str(page_path)).findings == [] or all(
            "alert" not in finding.what for finding in scan_html(page, "").findings
        )


def _plain_config(out: Path) -> Path:
    """The repository's mkdocs.yml without the hooks (and without the guard that fails a
    build which skips them), for the generated pages."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("hooks:\n  - hooks/skillsite_hooks.py\n", "")
    text = text.replace("  - skillsite.engine_guard\n", "")
    text = text.replace("docs_dir: docs", f"docs_dir: {out / 'docs'}")
    text = text.replace("custom_dir: overrides", f"custom_dir: {REPO / 'overrides'}")
    assert "hooks/" not in text and "engine_guard" not in text
    config = out / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def test_generated_pages_are_inert_when_built_without_the_hooks(tmp_path: Path) -> None:
    catalog = write_hostile_catalog(tmp_path)
    out = tmp_path / "out"
    generated = run_cli(
        "generate", "--out", str(out), "--catalog", str(catalog.root), cwd=REPO, env=quiet_env()
    )
    assert "Traceback" not in generated.stderr, generated.stderr
    assert (out / "docs/skills/markdown-links/index.md").is_file(), generated.stderr
    site = tmp_path / "site"
    built = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "-f", str(_plain_config(out)),
         "-d", str(site)],
        cwd=out,
        env=quiet_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    pages = sorted((site / "skills").glob("*/index.html")) + sorted(
        (site / "categories").glob("*/index.html")
    )
    assert len(pages) > 10
    for page_path in pages:
        page = page_path.read_text(encoding="utf-8")
        article = page.partition("<article")[2].partition("</article>")[0]
        assert article, page_path
        scan = scan_html(article, str(page_path))
        assert scan.findings == [], scan.findings
        assert not {tag for tag in scan.guarded if tag.split()[0] != "svg"}, scan.guarded
        names = {name for _, name, _ in all_attributes(article)}
        assert not names & {"autofocus", "onfocus", "style", "tabindex"}, page_path
    body = (site / "skills/markdown-links/index.html").read_text(encoding="utf-8")
    assert '<a href="../good-skill/"' in body
    toc = (site / "skills/toc-breakout/index.html").read_text(encoding="utf-8")
    assert 'id="alpha"' in toc
    assert not {name for _, name, _ in all_attributes(toc)} & {"autofocus", "onfocus"}


def test_the_serve_page_of_an_invalid_skill_prints_its_name_as_text() -> None:
    name = "Tools [guide](javascript:alert(document.domain)) {: autofocus onfocus=alert(1) }"
    skill = Skill(
        name=name,
        category="c",
        folder="c/x",
        skill_file="c/x/SKILL.md",
        diagnostics=(
            Diagnostic("c/x/SKILL.md", 2, 1, Severity.ERROR, "name-format", ALERT_IMG, "fix"),
        ),
    )
    text, meta = get_data(invalid_skill_page(skill))
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html", "toc"])
    assert meta["title"]
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # only in text, never a URL
    assert "autofocus" not in re.sub(r">[^<]*<", "><", html)
    assert ALERT_IMG not in html


ISSUE_BODIES = (
    "code-span-backticks-4-kb",
    "brackets-20000",
    "nested-ordered-list-330",
    "headings-1-mib",
    "entities-1-mib",
    "abbreviations",
    "star-a-1-mib",
)


def test_hostile_bodies_end_with_a_diagnostic_or_a_page(tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    bodies = hostile_bodies()
    for name in ISSUE_BODIES:
        _skill(root, "dos", name, body=bodies[name])
    _skill(root, "dos", "control", body="# Control\n\nFine.\n")
    site = build_site(tmp_path / "site", catalog=root)
    assert site.returncode == 0, site.output
    assert "Traceback" not in site.output and "RecursionError" not in site.output
    for name in ISSUE_BODIES:
        page = site.path / "skills" / name / "index.html"
        reported = re.search(rf"dos/{name}/SKILL.md:\d+:\d+: error body-too-(complex|not-rendered)",
                             site.output)  # fmt: skip
        assert page.exists() or reported, name
        if page.exists() and not reported:
            assert 'class="skillsite-body"' in page.read_text(encoding="utf-8")
    assert (site.path / "skills/control/index.html").exists()
    strict = build_site(tmp_path / "strict", catalog=root, strict=True)
    assert strict.returncode != 0 and "body-too-complex" in strict.output
