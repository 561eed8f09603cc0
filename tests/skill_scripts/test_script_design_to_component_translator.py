"""The design-to-component-translator tokens converter on a small DTCG file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scriptrun import run_script

SCRIPT = (
    Path(__file__).resolve().parents[2]
    / "catalog/frontend/design-to-component-translator/scripts/tokens_to_css.py"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_script("design-to-component-translator", "scripts/tokens_to_css.py", *args)


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--prefix" in result.stdout


def test_converts_tokens_and_aliases(tmp_path: Path) -> None:
    tokens = {
        "color": {
            "$type": "color",
            "blue": {
                "600": {
                    "$value": {
                        "colorSpace": "srgb",
                        "components": [0.1, 0.3, 0.8],
                        "hex": "#1a4dcc",
                    }
                }
            },
            "scrim": {"$value": {"colorSpace": "oklch", "components": [0.2, 0, 0], "alpha": 0.4}},
            "action": {"primary": {"$value": "{color.blue.600}"}},
        },
        "space": {"$type": "dimension", "sm": {"$value": {"value": 8, "unit": "px"}}},
        "radius": {"card": {"$type": "dimension", "$value": "12px"}},
    }
    source = tmp_path / "tokens.json"
    source.write_text(json.dumps(tokens))

    result = run(str(source), "--prefix", "ds")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        ":root {",
        "  --ds-color-blue-600: #1a4dcc;",
        "  --ds-color-scrim: oklch(0.2 0 0 / 0.4);",
        "  --ds-color-action-primary: var(--ds-color-blue-600);",
        "  --ds-space-sm: 8px;",
        "  --ds-radius-card: 12px;",
        "}",
    ]


def test_broken_alias_and_css_injection_are_reported(tmp_path: Path) -> None:
    tokens = {
        "color": {"$type": "color", "link": {"$value": "{color.missing}"}},
        "size": {"evil": {"$type": "dimension", "$value": "1px; } body { display: none"}},
    }
    source = tmp_path / "tokens.json"
    source.write_text(json.dumps(tokens))

    result = run(str(source))

    assert result.returncode == 1
    assert "unresolved color.link: alias {color.missing} names no token" in result.stderr
    assert "skipped size.evil" in result.stderr
    assert "display: none" not in result.stdout
