import json

from scriptrun import run_script

SOURCE = '''
def list_orders(db, tenant_id):
    return db.execute("SELECT id, total FROM orders WHERE tenant_id = %s", (tenant_id,))


def order_by_id(db, order_id):
    return db.execute("SELECT * FROM orders WHERE id = %s", (order_id,))


def report(db):
    # tenant-check: allow nightly cross-tenant billing report
    return db.execute("SELECT tenant_id, sum(total) FROM invoices GROUP BY tenant_id")


def cancel(db, order_id):
    db.execute(
        """
        UPDATE orders SET status = 'cancelled'
        WHERE id = %s
        """,
        (order_id,),
    )


def users(db):
    return db.execute("SELECT * FROM users")
'''


def test_help():
    result = run_script("multi-tenant-safety-checker", "scripts/find_unscoped_queries.py", "--help")
    assert result.returncode == 0
    assert "--tenant-column" in result.stdout


def test_reports_unscoped_statements_on_tenant_tables_only(tmp_path):
    (tmp_path / "repo.py").write_text(SOURCE)
    result = run_script(
        "multi-tenant-safety-checker",
        "scripts/find_unscoped_queries.py",
        str(tmp_path),
        "--tables",
        "orders,invoices",
        "--json",
    )
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    assert [(f["line"], f["table"]) for f in findings] == [(7, "orders"), (18, "orders")]
    assert findings[0]["statement"] == "SELECT * FROM orders WHERE id = %s"


def test_scoped_code_is_clean(tmp_path):
    (tmp_path / "ok.sql").write_text("SELECT * FROM orders WHERE tenant_id = 1 AND id = 2;\n")
    result = run_script(
        "multi-tenant-safety-checker",
        "scripts/find_unscoped_queries.py",
        str(tmp_path),
        "--tables",
        "orders",
    )
    assert result.returncode == 0, result.stdout
    assert "0 finding(s) in 1 file(s)" in result.stdout
