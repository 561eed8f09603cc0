import gzip
import json

from scriptrun import run_script

CARD = "4242 4242 4242 4242"  # a documented test card number, not a real one
LOG = "\n".join(
    [
        '{"level":"info","msg":"login ok","user":{"email":"ada@example.com"},"ip":"203.0.113.9"}',
        '{"level":"info","msg":"charge","card":"' + CARD + '","amount":2500}',
        '{"level":"info","msg":"order 1234567890123 shipped"}',
        '{"level":"debug","headers":{"authorization":"Bearer abcdefghijklmnop123456"}}',
        '{"level":"info","msg":"signup","password":"hunter22"}',
        "2026-11-29T10:00:00Z INFO payout to DE89 3704 0044 0532 0130 00 done",
        "2026-11-29T10:00:01Z INFO call +44 20 7946 0958 scheduled",
    ]
)


def test_help():
    result = run_script(
        "pii-redaction-logging-policy-builder", "scripts/scan_logs_for_pii.py", "--help"
    )
    assert result.returncode == 0
    assert "--allow" in result.stdout


def test_finds_each_kind_with_its_field_and_never_prints_values(tmp_path):
    log = tmp_path / "app.log.gz"
    with gzip.open(log, "wt") as stream:
        stream.write(LOG + "\n")
    result = run_script(
        "pii-redaction-logging-policy-builder",
        "scripts/scan_logs_for_pii.py",
        str(log),
        "--allow",
        "ipv4",
        "--json",
    )
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert set(findings) == {"email", "card", "bearer", "password", "iban", "phone"}
    assert findings["email"]["fields"] == ["user.email"]
    assert findings["card"]["first"] == ["app.log.gz:2"]
    assert findings["bearer"]["fields"] == ["headers.authorization"]
    for secret in ("ada@example.com", CARD, "hunter22", "abcdefghijklmnop"):
        assert secret not in result.stdout
    # An order number that fails the Luhn check is not a card.
    assert "app.log.gz:3" not in findings["card"]["first"]


def test_clean_log_exits_zero(tmp_path):
    log = tmp_path / "clean.log"
    log.write_text('{"level":"info","msg":"order shipped","order_id":42}\n')
    result = run_script(
        "pii-redaction-logging-policy-builder", "scripts/scan_logs_for_pii.py", str(log)
    )
    assert result.returncode == 0, result.stdout
