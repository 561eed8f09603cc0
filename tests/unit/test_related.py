"""Related skills on each page, and near-duplicate warnings from `skillsite check`."""

from __future__ import annotations

from pathlib import Path

from sitecatalog import write_skill

from skillsite.cli import main
from skillsite.loader import load_catalog
from skillsite.related import related_skills, with_near_duplicates

BODY = "\n".join(f"Step {n}: check the {n}th item of the list carefully." for n in range(12))


def test_related_skills_share_tags_and_words(tmp_path: Path) -> None:
    write_skill(
        tmp_path, "db", "sql-tuner", description="Tunes slow SQL queries.", tags="sql, index"
    )
    write_skill(
        tmp_path, "db", "index-advisor", description="Suggests SQL indexes.", tags="sql, index"
    )
    write_skill(
        tmp_path, "web", "query-cache", description="Caches slow SQL queries.", tags="cache"
    )
    write_skill(tmp_path, "web", "css-linter", description="Lints stylesheets.", tags="css")
    write_skill(tmp_path, "web", "font-loader", description="Loads web fonts.", tags="fonts")
    catalog = load_catalog(tmp_path)
    related = related_skills(catalog.valid_skills)
    assert related["sql-tuner"][:2] == ("index-advisor", "query-cache")
    assert all(3 <= len(names) <= 5 for names in related.values())
    assert all(name not in names for name, names in related.items())


def test_near_duplicates_are_warned_about(tmp_path: Path) -> None:
    write_skill(tmp_path, "a", "first", description="Does the thing. Use when needed.", body=BODY)
    write_skill(
        tmp_path,
        "b",
        "second",
        description="Different words here.",
        body=BODY + "\nOne more line here.\n",
    )
    write_skill(tmp_path, "b", "third", description="does the  THING. Use when needed.")
    write_skill(tmp_path, "b", "fourth", description="Unrelated.", body=BODY.replace("item", "row"))
    catalog = with_near_duplicates(load_catalog(tmp_path))
    warnings = sorted(
        (d.path, d.message) for d in catalog.diagnostics if d.code == "near-duplicate"
    )
    assert warnings == [
        ("a/first/SKILL.md", "has a body 92% the same as b/second/SKILL.md"),
        ("a/first/SKILL.md", "has the same description as b/third/SKILL.md"),
        ("b/second/SKILL.md", "has a body 92% the same as a/first/SKILL.md"),
        ("b/third/SKILL.md", "has the same description as a/first/SKILL.md"),
    ]
    assert len(catalog.valid_skills) == 4


def test_check_reports_near_duplicates(tmp_path: Path, capsys) -> None:
    write_skill(tmp_path, "a", "first", description="Same words. Use when needed.")
    write_skill(tmp_path, "b", "second", description="Same words.  Use when needed.")
    assert main(["check", str(tmp_path), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "a/first/SKILL.md:1:1: warning near-duplicate: has the same description as" in out
    assert main(["check", str(tmp_path)]) == 0
