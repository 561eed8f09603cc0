import json

from scriptrun import run_script

POLICY = (
    "role,action,expected\n"
    "viewer,project.read,allow\n"
    "viewer,project.delete,deny\n"
    "editor,project.read,allow\n"
    "editor,project.delete,deny\n"
)
OBSERVED = (
    "role,action,observed\n"
    "viewer,project.read,200\n"
    "viewer,project.delete,204\n"
    "editor,project.read,403\n"
    "admin,project.delete,204\n"
)


def test_help():
    result = run_script("rbac-policy-tester", "scripts/permission_matrix.py", "--help")
    assert result.returncode == 0
    assert "ESCALATION" in result.stdout


def test_template_lists_every_role_and_action():
    result = run_script(
        "rbac-policy-tester",
        "scripts/permission_matrix.py",
        "--template",
        "viewer,editor",
        "project.read,project.delete",
    )
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "role,action,expected",
        "viewer,project.read,",
        "viewer,project.delete,",
        "editor,project.read,",
        "editor,project.delete,",
    ]


def test_escalation_comes_first_and_fails(tmp_path):
    (tmp_path / "policy.csv").write_text(POLICY)
    (tmp_path / "observed.csv").write_text(OBSERVED)
    result = run_script(
        "rbac-policy-tester",
        "scripts/permission_matrix.py",
        str(tmp_path / "policy.csv"),
        str(tmp_path / "observed.csv"),
        "--json",
    )
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert [(p["kind"], p["role"], p["action"]) for p in problems] == [
        ("ESCALATION", "viewer", "project.delete"),
        ("DENIED", "editor", "project.read"),
        ("UNTESTED", "editor", "project.delete"),
        ("UNKNOWN", "admin", "project.delete"),
    ]


def test_matching_matrix_passes(tmp_path):
    (tmp_path / "policy.csv").write_text(POLICY)
    observed = POLICY.replace("expected", "observed").replace("allow", "200").replace("deny", "403")
    (tmp_path / "observed.csv").write_text(observed)
    result = run_script(
        "rbac-policy-tester",
        "scripts/permission_matrix.py",
        str(tmp_path / "policy.csv"),
        str(tmp_path / "observed.csv"),
    )
    assert result.returncode == 0, result.stdout
