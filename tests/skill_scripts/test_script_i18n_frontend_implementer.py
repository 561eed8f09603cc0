import json

from scriptrun import run_script


def test_help():
    result = run_script("i18n-frontend-implementer", "scripts/check_locale_keys.py", "--help")
    assert result.returncode == 0
    assert "--ref" in result.stdout


def test_reports_missing_keys_and_placeholder_mismatch(tmp_path):
    (tmp_path / "en.json").write_text(json.dumps({"hello": "Hello {{name}}", "bye": "Bye"}))
    (tmp_path / "de.json").write_text(json.dumps({"hello": "Hallo {{user}}"}))
    result = run_script("i18n-frontend-implementer", "scripts/check_locale_keys.py", str(tmp_path))
    assert result.returncode == 1
    assert "de: bye: missing" in result.stdout
    assert "placeholders differ" in result.stdout
    (tmp_path / "de.json").write_text(json.dumps({"hello": "Hallo {{name}}", "bye": "Tschüss"}))
    clean = run_script("i18n-frontend-implementer", "scripts/check_locale_keys.py", str(tmp_path))
    assert clean.returncode == 0, clean.stdout
