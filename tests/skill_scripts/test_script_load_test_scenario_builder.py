import json

from scriptrun import run_script

LOG = (
    '10.0.0.1 - - [29/Nov/2026:10:00:00 +0000] "GET /api/orders/123 HTTP/1.1" 200 512 "-" "ua"\n'
    '10.0.0.1 - - [29/Nov/2026:10:00:01 +0000] "GET /api/orders/456 HTTP/1.1" 200 512 "-" "ua"\n'
    '10.0.0.2 - - [29/Nov/2026:10:00:02 +0000] "POST /api/cart HTTP/1.1" 201 100 "-" "ua"\n'
)


def test_help():
    result = run_script("load-test-scenario-builder", "scripts/traffic_mix.py", "--help")
    assert result.returncode == 0
    assert "--top" in result.stdout


def test_groups_ids_into_endpoints_with_shares(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(LOG)
    result = run_script("load-test-scenario-builder", "scripts/traffic_mix.py", str(log))
    assert result.returncode == 0, result.stderr
    assert "66.67 %" in result.stdout and "GET /api/orders/:id" in result.stdout
    assert "POST /api/cart" in result.stdout
    as_json = run_script("load-test-scenario-builder", "scripts/traffic_mix.py", str(log), "--json")
    json.loads(as_json.stdout)
