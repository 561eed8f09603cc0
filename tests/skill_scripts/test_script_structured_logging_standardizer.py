import json

from scriptrun import run_script

LOG = "\n".join(
    [
        '{"timestamp":"2026-11-30T10:15:00.123Z","level":"info","message":"order created",'
        '"service":"orders","order_id":42}',
        '{"timestamp":"2026-11-30 10:15:01","level":"INFO","message":"paid","service":"orders",'
        '"userId":7}',
        "plain text line",
        '{"level":"error","message":"","service":"orders","http":{"statusCode":500}}',
    ]
)


def test_help():
    result = run_script("structured-logging-standardizer", "scripts/check_log_schema.py", "--help")
    assert result.returncode == 0
    assert "--require" in result.stdout


def test_reports_each_deviation_with_its_line(tmp_path):
    log = tmp_path / "svc.log"
    log.write_text(LOG + "\n")
    result = run_script(
        "structured-logging-standardizer", "scripts/check_log_schema.py", str(log), "--json"
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)
    problems = {p["problem"]: p["first"] for p in report["problems"]}
    assert report["lines"] == 4
    assert problems["not JSON"] == ["svc.log:3"]
    assert problems["timestamp not ISO 8601 with time zone"] == ["svc.log:2"]
    assert problems["field name not snake_case: userId"] == ["svc.log:2"]
    assert problems["field name not snake_case: http.statusCode"] == ["svc.log:4"]
    assert problems["missing message"] == ["svc.log:4"]
    assert "svc.log:1" not in json.dumps(report)


def test_conforming_log_passes(tmp_path):
    log = tmp_path / "ok.log"
    log.write_text(
        '{"timestamp":"2026-11-30T10:15:00+01:00","level":"warn","message":"slow",'
        '"service":"api","http":{"status_code":200}}\n'
    )
    result = run_script("structured-logging-standardizer", "scripts/check_log_schema.py", str(log))
    assert result.returncode == 0, result.stdout
