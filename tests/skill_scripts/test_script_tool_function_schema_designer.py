import json

from scriptrun import run_script


def test_help():
    result = run_script("tool-function-schema-designer", "scripts/lint_tool_schema.py", "--help")
    assert result.returncode == 0
    assert "Anthropic" in result.stdout


def test_bad_name_is_an_error_and_a_good_tool_is_clean(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "type": "function",
                "function": {
                    "name": "get weather",
                    "description": "x",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
                },
            }
        )
    )
    result = run_script("tool-function-schema-designer", "scripts/lint_tool_schema.py", str(bad))
    assert result.returncode == 1
    assert "name must match" in result.stdout
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps(
            {
                "name": "get_weather",
                "description": "Get the current weather for a city. Use when the user asks about "
                "weather now; returns temperature in Celsius and conditions.",
                "input_schema": {
                    "type": "object",
                    "properties": {
                        "city": {"type": "string", "description": "City name, e.g. Paris"}
                    },
                    "required": ["city"],
                    "additionalProperties": False,
                },
            }
        )
    )
    clean = run_script("tool-function-schema-designer", "scripts/lint_tool_schema.py", str(good))
    assert clean.returncode == 0, clean.stdout
    assert "0 error(s), 0 warning(s)" in clean.stdout
