from http.server import BaseHTTPRequestHandler

from localserver import serve
from scriptrun import run_script


class LimitAfterThree(BaseHTTPRequestHandler):
    seen = 0

    def do_GET(self):
        type(self).seen += 1
        limited = type(self).seen > 3
        self.send_response(429 if limited else 200)
        if limited:
            self.send_header("Retry-After", "30")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_help():
    result = run_script("rate-limiting-abuse-protection", "scripts/probe_rate_limit.py", "--help")
    assert result.returncode == 0
    assert "--concurrency" in result.stdout


def test_reports_where_limiting_starts():
    with serve(LimitAfterThree) as url:
        result = run_script(
            "rate-limiting-abuse-protection", "scripts/probe_rate_limit.py", url, "--requests", "6"
        )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "429" in result.stdout
