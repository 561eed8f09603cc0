"""Whatever bytes a SKILL.md holds, loading reports diagnostics and never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillsite.diagnostics import Diagnostic
from skillsite.loader import LoadOptions, load_catalog
from skillsite.parse import parse_skill_file

FRONTMATTER_PIECES = st.sampled_from(
    [
        "---\n",
        "---\r\n",
        "\ufeff",
        "name: a-skill\n",
        "description: x: y\n",
        "description: 'a --- b'\n",
        "metadata:\n  k: v\n",
        "  - item\n",
        "&a [*a]\n",
        "key: [[[{\n",
        "```\n",
        "<div>\n",
        "[l](../x)\n",
        "\t\n",
        "\0",
        "\xff",
        ": \n",
        "? x\n",
    ]
)


def _check(catalog_root: Path, data: bytes) -> None:
    (catalog_root / "cat" / "a-skill").mkdir(parents=True, exist_ok=True)
    (catalog_root / "cat" / "a-skill" / "SKILL.md").write_bytes(data)
    catalog = load_catalog(catalog_root, LoadOptions(max_frontmatter_bytes=4096))
    assert len(catalog.skills) == 1
    skill = catalog.skills[0]
    assert all(
        isinstance(d, Diagnostic) and d.line >= 1 and d.column >= 1 for d in catalog.diagnostics
    )
    assert skill.raw == data
    assert skill.valid == (not any(d.is_error for d in skill.diagnostics))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_give_diagnostics_not_exceptions(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _check(Path(folder), data)


@settings(max_examples=200, deadline=None)
@given(st.lists(FRONTMATTER_PIECES | st.text(max_size=20), max_size=25))
def test_frontmatter_like_text_gives_diagnostics_not_exceptions(pieces: list[str]) -> None:
    data = "".join(pieces).encode("utf-8", "surrogatepass")
    result = parse_skill_file("cat/a-skill/SKILL.md", data, 4096)
    for diagnostic in result.diagnostics:
        assert diagnostic.line >= 1 and diagnostic.column >= 1
    with tempfile.TemporaryDirectory() as folder:
        _check(Path(folder), data)
