"""Discovery, categories, supporting files, digests and the Catalog model."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from core_cases import codes, load, only, skill_md, write_tree

from skillsite.codes import CODES
from skillsite.loader import CatalogRootError, LoadOptions, load_catalog
from skillsite.model import UNCATEGORIZED


def test_layout_categories_and_fallback_titles(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            "db-management/sql-tuner/SKILL.md": skill_md("sql-tuner"),
            "security/category.yml": "title: Security\ndescription: Keep it safe\n"
            "icon: material/shield\norder: 1\n",
            "security/secret-scan/SKILL.md": skill_md("secret-scan"),
            "empty-category/category.yml": "title: Nothing here\n",
            "empty-category/README.md": "no skills\n",
        },
    )
    assert [(c.key, c.title, c.order) for c in catalog.categories] == [
        ("security", "Security", 1),
        ("db-management", "Db Management", 1000),
    ]
    security = catalog.category("security")
    assert security is not None
    assert (security.description, security.icon) == ("Keep it safe", "material/shield")
    assert [(s.name, s.category) for s in catalog.skills] == [
        ("sql-tuner", "db-management"),
        ("secret-scan", "security"),
    ]
    assert catalog.diagnostics == ()


def test_skill_directly_under_root_takes_metadata_category(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            "placed-skill/SKILL.md": skill_md(
                "placed-skill", extra="metadata:\n  category: testing\n"
            ),
            "loose-skill/SKILL.md": skill_md("loose-skill"),
            "odd-skill/SKILL.md": skill_md("odd-skill", extra="metadata:\n  category: Not Valid\n"),
            "testing/category.yml": "title: Tests\n",
        },
    )
    by_name = {s.name: s.category for s in catalog.skills}
    assert by_name == {
        "placed-skill": "testing",
        "loose-skill": UNCATEGORIZED,
        "odd-skill": UNCATEGORIZED,
    }
    titles = {c.key: c.title for c in catalog.categories}
    assert titles == {"testing": "Tests", UNCATEGORIZED: "Uncategorized"}


def test_deeper_layouts_use_the_first_folder(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            ".curated/hidden-gem/SKILL.md": skill_md("hidden-gem"),
            "tools/group/deep-skill/SKILL.md": skill_md("deep-skill"),
            "My Tools/spaced-skill/SKILL.md": skill_md("spaced-skill"),
        },
    )
    assert {s.name: s.category for s in catalog.skills} == {
        "hidden-gem": "curated",
        "deep-skill": "tools",
        "spaced-skill": "my-tools",
    }
    assert only(catalog, "category-name").path == "My Tools/spaced-skill/SKILL.md"


def test_git_and_node_modules_are_skipped(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            ".git/x/not-a-skill/SKILL.md": "",
            "a/node_modules/pkg/SKILL.md": "",
            "a/real-skill/SKILL.md": skill_md("real-skill"),
        },
    )
    assert [s.name for s in catalog.skills] == ["real-skill"]


def test_invalid_category_file_is_a_diagnostic(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            "broken/category.yml": "title: [unclosed\n",
            "broken/one-skill/SKILL.md": skill_md("one-skill"),
            "typed/category.yml": "title: 5\norder: first\ncolour: red\n",
            "typed/two-skill/SKILL.md": skill_md("two-skill"),
        },
    )
    invalid = [d for d in catalog.diagnostics if d.code == "category-file-invalid"]
    assert sorted({d.path for d in invalid}) == ["broken/category.yml", "typed/category.yml"]
    assert only(catalog, "category-key-unknown").path == "typed/category.yml"
    titles = {c.key: (c.title, c.order) for c in catalog.categories}
    assert titles == {"broken": ("Broken", 1000), "typed": ("Typed", 1000)}


def test_tags_split_stripped_deduplicated_in_order(tmp_path: Path) -> None:
    extra = "metadata:\n  tags: 'jwt, auth , ,security, jwt'\n"
    catalog = load(tmp_path, {"a/tagged-skill/SKILL.md": skill_md("tagged-skill", extra=extra)})
    assert catalog.skills[0].tags == ("jwt", "auth", "security")


def test_fields_of_a_full_skill(tmp_path: Path) -> None:
    extra = (
        "license: Apache-2.0\ncompatibility: Needs git\n"
        "allowed-tools: Read Grep Bash(git:*)\nmetadata:\n  author: someone\n"
    )
    body = "# Full\n\nText.\n"
    catalog = load(
        tmp_path, {"a/full-skill/SKILL.md": skill_md("full-skill", extra=extra, body=body)}
    )
    skill = catalog.skills[0]
    assert skill.valid
    assert (skill.license, skill.compatibility) == ("Apache-2.0", "Needs git")
    assert skill.allowed_tools == ("Read", "Grep", "Bash(git:*)")
    assert dict(skill.metadata) == {"author": "someone"}
    assert skill.body == body
    assert skill.body_start_line == 10
    assert skill.line_count == 12
    assert (skill.folder, skill.skill_file) == ("a/full-skill", "a/full-skill/SKILL.md")
    with pytest.raises(TypeError):
        skill.metadata["x"] = "y"  # type: ignore[index]


def test_supporting_files(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            "a/files-skill/SKILL.md": skill_md("files-skill"),
            "a/files-skill/scripts/run.py": "print(1)\n",
            "a/files-skill/references/api.md": "# API\n",
            "a/files-skill/.hidden": "x",
            "a/files-skill/.cache/data": "x",
            "a/files-skill/inner-skill/SKILL.md": skill_md("inner-skill"),
            "a/shared.md": "shared\n",
        },
    )
    os.symlink("references/api.md", tmp_path / "a/files-skill/api-link.md")
    os.symlink("../shared.md", tmp_path / "a/files-skill/shared-link.md")
    os.symlink("references", tmp_path / "a/files-skill/refs")
    catalog = load_catalog(tmp_path)
    skill = next(s for s in catalog.skills if s.name == "files-skill")
    assert [f.path for f in skill.files] == ["api-link.md", "references/api.md", "scripts/run.py"]
    run = next(f for f in skill.files if f.path == "scripts/run.py")
    assert run.size == 9
    assert len(run.sha256) == 64
    assert skill.size == len(skill.raw) + 6 + 6 + 9
    not_followed = sorted(d.path for d in catalog.diagnostics if d.code == "link-not-followed")
    assert not_followed == ["a/files-skill/refs", "a/files-skill/shared-link.md"]


def test_digest_depends_on_content_not_place(tmp_path: Path) -> None:
    files = {"SKILL.md": skill_md("same-skill"), "references/a.md": "A\n"}
    first = load(tmp_path / "one", {f"x/same-skill/{k}": v for k, v in files.items()})
    moved = load(tmp_path / "two", {f"y/z/same-skill/{k}": v for k, v in files.items()})
    assert first.skills[0].sha256 == moved.skills[0].sha256
    changed = load(
        tmp_path / "three",
        {"x/same-skill/SKILL.md": files["SKILL.md"], "x/same-skill/references/a.md": "B\n"},
    )
    assert changed.skills[0].sha256 != first.skills[0].sha256
    renamed_file = load(
        tmp_path / "four",
        {"x/same-skill/SKILL.md": files["SKILL.md"], "x/same-skill/references/b.md": "A\n"},
    )
    assert renamed_file.skills[0].sha256 != first.skills[0].sha256


def test_invalid_skill_keeps_folder_name_and_is_counted(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            "a/no-name/SKILL.md": "---\ndescription: x\n---\n",
            "a/typed-name/SKILL.md": "---\nname: 3\ndescription: x\n---\n",
            "a/broken-yaml/SKILL.md": "---\nname: [\n---\n",
            "a/good-skill/SKILL.md": skill_md("good-skill"),
        },
    )
    names = sorted(s.name for s in catalog.skills)
    assert names == ["broken-yaml", "good-skill", "no-name", "typed-name"]
    assert len(catalog.valid_skills) == 1
    assert catalog.error_count == 3
    assert catalog.skills_in("a") == catalog.valid_skills


def test_every_reported_code_is_documented(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            "a/x-skill/SKILL.md": "---\nname: X\nlicense: 5\nallowed-tools: 5\n---\n<b>x</b>\n",
            "a/y-skill/skill.md": "",
            "My Cat/z-skill/SKILL.md": skill_md("z-skill", body="[a](../a.md) [b](b.md)\n```\n"),
        },
    )
    assert codes(catalog) <= CODES.keys()
    for diagnostic in catalog.diagnostics:
        assert CODES[diagnostic.code] is diagnostic.severity


def test_diagnostics_are_sorted_and_relative(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {"b/b-skill/SKILL.md": "", "a/a-skill/SKILL.md": "# no frontmatter\n"},
    )
    assert [d.path for d in catalog.diagnostics] == ["a/a-skill/SKILL.md", "b/b-skill/SKILL.md"]


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_unreadable_root_raises(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "catalog"
    if kind == "file":
        root.write_text("not a folder")
    with pytest.raises(CatalogRootError, match="catalog"):
        load_catalog(root)


def test_parallel_loading_gives_the_same_catalog(tmp_path: Path) -> None:
    files = {}
    for index in range(1100):
        name = f"skill-{index:04d}"
        files[f"c{index % 3}/{name}/SKILL.md"] = skill_md(
            name, extra="metadata:\n  tags: a, b\n", body=f"# {name}\n\n[x](missing.md)\n"
        )
    files["root-skill/SKILL.md"] = skill_md("root-skill", extra="metadata:\n  category: c1\n")
    files["root-skill/inner-skill/SKILL.md"] = skill_md("inner-skill")
    files[".curated/skill-0001/SKILL.md"] = skill_md("skill-0001")
    write_tree(tmp_path, files)
    os.symlink("nowhere", tmp_path / "c0" / "dangling")
    serial = load_catalog(tmp_path)
    parallel = load_catalog(tmp_path, LoadOptions(workers=2))
    assert parallel == serial
    assert len(parallel.skills) == 1103
    assert {d.code for d in parallel.diagnostics} == {
        "link-missing",
        "nested-skill",
        "name-duplicate",
        "link-broken",
    }


def test_categories_list_only_those_with_valid_skills(tmp_path: Path) -> None:
    catalog = load(
        tmp_path,
        {
            "good/good-skill/SKILL.md": skill_md("good-skill"),
            "bad/bad-skill/SKILL.md": "",
            "bad/category.yml": "title: [\n",
        },
    )
    assert [c.key for c in catalog.categories] == ["good"]
    assert {s.category for s in catalog.skills} == {"good", "bad"}
    assert only(catalog, "category-file-invalid").path == "bad/category.yml"


def test_a_check_reports_what_a_full_load_reports(tmp_path: Path) -> None:
    from fixtures.hostile.make_catalog import write_hostile_catalog

    root = write_hostile_catalog(tmp_path).root
    full = load_catalog(root)
    check = load_catalog(root, LoadOptions(diagnostics_only=True))
    assert check.diagnostics == full.diagnostics
    assert [s.name for s in check.skills] == [s.name for s in full.skills]
    assert all(s.raw == b"" and s.sha256 == "" for s in check.skills)
