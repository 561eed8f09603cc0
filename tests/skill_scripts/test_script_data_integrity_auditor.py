from scriptrun import run_script

SCHEMA = """
CREATE TABLE public.customers (
    id bigint NOT NULL,
    email text NOT NULL,
    CONSTRAINT customers_pkey PRIMARY KEY (id)
);
CREATE TABLE public.orders (
    id bigint NOT NULL,
    customer_id bigint REFERENCES public.customers(id),
    total numeric(12,2),
    PRIMARY KEY (id)
);
CREATE TABLE public.order_lines (
    id bigint NOT NULL,
    order_id bigint NOT NULL,
    product_id bigint
);
CREATE TABLE public.products (id bigint PRIMARY KEY, name text);
ALTER TABLE ONLY public.order_lines
    ADD CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES public.orders(id);
"""


def test_help():
    result = run_script("data-integrity-auditor", "scripts/orphan_queries.py", "--help")
    assert result.returncode == 0
    assert "--implied" in result.stdout


def test_one_orphan_query_per_declared_and_implied_key(tmp_path):
    schema = tmp_path / "schema.sql"
    schema.write_text(SCHEMA)
    declared = run_script("data-integrity-auditor", "scripts/orphan_queries.py", str(schema))
    assert declared.returncode == 0, declared.stderr
    assert declared.stdout.count("SELECT '") == 2
    assert 'FROM "public"."orders" c' in declared.stdout
    assert 'NOT EXISTS (SELECT 1 FROM "public"."orders" p WHERE p."id" = c."order_id")' in (
        declared.stdout
    )
    assert "product_id" not in declared.stdout
    implied = run_script(
        "data-integrity-auditor", "scripts/orphan_queries.py", str(schema), "--implied"
    )
    assert "public.order_lines.product_id -> public.products: implied" in implied.stdout
    assert "2 declared, 1 implied" in implied.stdout


def test_schema_without_keys_exits_one(tmp_path):
    schema = tmp_path / "schema.sql"
    schema.write_text("CREATE TABLE notes (id bigint PRIMARY KEY, body text);\n")
    result = run_script("data-integrity-auditor", "scripts/orphan_queries.py", str(schema))
    assert result.returncode == 1
    assert "no foreign keys" in result.stderr
