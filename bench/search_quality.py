"""Search ranking quality: top-1 and top-3 rates of a query set over a catalog.

`.venv/bin/python bench/search_quality.py [--catalog DIR] [--queries FILE] [--misses]`
builds the search index of the catalog (the same `search/skills.json` the site ships)
and ranks every query with the site's own ranking code (`docs/assets/skillsite-rank.js`
and the vendored MiniSearch) under Node, without a site build or a browser. Defaults:
the repository's catalog and `tests/browser/search_queries.yml`, which the browser test
types into the real search box. A query file is a YAML list of `{query, expect}` rows
(`expect: null`: nothing should match), as in that file. `--summary-only` ranks as the
first results do, before the details file (example requests, headings, body words) is in.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "src"))


def answered_well(expect: str | None, found: list[str], top: int) -> bool:
    if expect is None:
        return found == []
    return expect in found[:top]


def rank_queries(catalog_dir: Path, queries: list[str], summary_only: bool) -> list[list[str]]:
    from skillsite.loader import load_catalog
    from skillsite.search_index import SEARCH_DETAILS_PATH, SEARCH_INDEX_PATH, search_index_files

    files = search_index_files(load_catalog(catalog_dir))
    with tempfile.TemporaryDirectory() as work:
        index_file = Path(work) / "skills.json"
        details_file = Path(work) / "skill-details.json"
        query_file = Path(work) / "queries.json"
        index_file.write_bytes(files[SEARCH_INDEX_PATH])
        details_file.write_bytes(files[SEARCH_DETAILS_PATH])
        query_file.write_text(json.dumps(queries), "utf-8")
        script = str(BENCH / "search_quality.js")
        done = subprocess.run(
            ["node", script, str(index_file), str(details_file), str(query_file)]
            + (["--summary-only"] if summary_only else []),
            check=True,
            capture_output=True,
            text=True,
        )
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", type=Path, default=REPO / "catalog")
    parser.add_argument(
        "--queries", type=Path, default=REPO / "tests" / "browser" / "search_queries.yml"
    )
    parser.add_argument("--misses", action="store_true", help="list queries not ranked first")
    parser.add_argument(
        "--summary-only",
        action="store_true",
        help="rank as the first results do, before search/skill-details.json arrives",
    )
    args = parser.parse_args()
    rows = yaml.safe_load(args.queries.read_text("utf-8"))
    found = rank_queries(args.catalog, [row["query"] for row in rows], args.summary_only)
    top1 = sum(answered_well(row["expect"], f, 1) for row, f in zip(rows, found, strict=True))
    top3 = sum(answered_well(row["expect"], f, 3) for row, f in zip(rows, found, strict=True))
    print(
        f"{args.queries.name} over {args.catalog}: {len(rows)} queries, "
        f"top-1 {top1} ({top1 / len(rows):.1%}), top-3 {top3} ({top3 / len(rows):.1%})"
    )
    if args.misses:
        for row, f in zip(rows, found, strict=True):
            if not answered_well(row["expect"], f, 1):
                where = "top-3" if answered_well(row["expect"], f, 3) else "MISS "
                print(f"  {where} {row['query']!r}: wanted {row['expect']}, got {f[:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
