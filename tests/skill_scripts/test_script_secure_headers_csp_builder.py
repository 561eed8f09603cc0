from http.server import BaseHTTPRequestHandler

from localserver import serve
from scriptrun import run_script


class Bare(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_help():
    result = run_script("secure-headers-csp-builder", "scripts/check_headers.py", "--help")
    assert result.returncode == 0
    assert "--csp" in result.stdout


def test_lints_a_weak_policy():
    result = run_script(
        "secure-headers-csp-builder",
        "scripts/check_headers.py",
        "--csp",
        "default-src * 'unsafe-inline'",
    )
    assert result.returncode == 1
    assert "'unsafe-inline'" in result.stdout
    assert "frame-ancestors missing" in result.stdout


def test_reports_missing_headers_of_a_real_response():
    with serve(Bare) as url:
        result = run_script("secure-headers-csp-builder", "scripts/check_headers.py", url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "Content-Security-Policy" in result.stdout
        or "content-security-policy" in result.stdout.lower()
    )
