"""The api-contract-normalizer OpenAPI consistency checker on a small document."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scriptrun import run_script

SCRIPT = (
    Path(__file__).resolve().parents[2]
    / "catalog/backend/api-contract-normalizer/scripts/openapi_consistency.py"
)

PROBLEM = {"application/problem+json": {"schema": {"type": "object"}}}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_script("api-contract-normalizer", "scripts/openapi_consistency.py", *args)


def spec(paths: dict, schemas: dict) -> dict:
    return {
        "openapi": "3.1.1",
        "info": {"title": "Shop", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def test_help_exits_zero() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--case" in result.stdout


def test_reports_each_inconsistency(tmp_path: Path) -> None:
    document = spec(
        paths={
            "/orders/{orderId}": {
                "get": {
                    "operationId": "getOrder",
                    "responses": {
                        "200": {"description": "ok"},
                        "404": {
                            "description": "missing",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                    },
                }
            },
            "/getCustomers/": {"get": {"responses": {"200": {"description": "ok"}}}},
        },
        schemas={
            "Order": {
                "type": "object",
                "properties": {
                    "orderId": {"type": "string"},
                    "customerName": {"type": "string"},
                    "created_at": {"type": "string"},
                },
            }
        },
    )
    source = tmp_path / "openapi.json"
    source.write_text(json.dumps(document))

    result = run(str(source))

    assert result.returncode == 1
    lines = set(result.stdout.splitlines())
    assert (
        "property-case: components.schemas.Order.created_at: 'created_at' is not camelCase" in lines
    )
    assert (
        "timestamp-format: components.schemas.Order.created_at: string without format date-time"
        in lines
    )
    assert "path-style: /getCustomers/: trailing slash" in lines
    assert "path-style: /getCustomers/: 'getCustomers' is not lowercase kebab-case" in lines
    assert "operation-id: GET /getCustomers/: missing operationId" in lines
    assert "error-format: GET /orders/{orderId} 404: not application/problem+json" in lines
    assert "6 finding(s)" in lines


def test_consistent_snake_case_document_passes(tmp_path: Path) -> None:
    document = spec(
        paths={
            "/order-items/{item_id}": {
                "delete": {
                    "operationId": "deleteOrderItem",
                    "responses": {
                        "204": {"description": "gone"},
                        "409": {"description": "conflict", "content": PROBLEM},
                    },
                }
            }
        },
        schemas={
            "Item": {
                "properties": {
                    "item_id": {"type": "string"},
                    "updated_at": {"type": "string", "format": "date-time"},
                }
            }
        },
    )
    source = tmp_path / "openapi.json"
    source.write_text(json.dumps(document))
    result = run(str(source), "--case", "snake")
    assert result.returncode == 0, result.stdout
    assert "0 finding(s)" in result.stdout


def test_yaml_input_is_refused_with_advice(tmp_path: Path) -> None:
    source = tmp_path / "openapi.yaml"
    source.write_text("openapi: 3.1.0\ninfo: {}\n")
    result = run(str(source))
    assert result.returncode == 2
    assert "YAML must be converted to JSON first" in result.stderr
