import hashlib
import hmac

from scriptrun import run_script


def test_help():
    result = run_script("webhook-receiver-hardener", "scripts/sign_webhook.py", "--help")
    assert result.returncode == 0
    assert "Standard Webhooks" in result.stdout


def test_github_signature_matches_hmac_of_the_body():
    body = '{"action":"opened"}'
    result = run_script(
        "webhook-receiver-hardener",
        "scripts/sign_webhook.py",
        "--scheme",
        "github",
        "--secret",
        "s3cret",
        "--body",
        body,
    )
    assert result.returncode == 0, result.stderr
    expected = hmac.new(b"s3cret", body.encode(), hashlib.sha256).hexdigest()
    assert f"X-Hub-Signature-256: sha256={expected}" in result.stdout


def test_stripe_signature_covers_timestamp_and_body():
    body = '{"id":"evt_1"}'
    result = run_script(
        "webhook-receiver-hardener",
        "scripts/sign_webhook.py",
        "--scheme",
        "stripe",
        "--secret",
        "whsec_test",
        "--body",
        body,
        "--timestamp",
        "1700000000",
    )
    assert result.returncode == 0, result.stderr
    expected = hmac.new(b"whsec_test", f"1700000000.{body}".encode(), hashlib.sha256).hexdigest()
    assert f"t=1700000000,v1={expected}" in result.stdout
