"""Side-by-side of the search engines the site could use, measured in Chromium.

Needs sites built beforehand (see bench/README.md, "search engines compared"):

- `--material DIR`: the repository's catalog built with Material's search plugin (the
  site before the skill search), with Pagefind run over it (`pagefind --site DIR`);
- `--skillsite DIR`: the same catalog built with this repository's mkdocs.yml;
- `--scale DIR...`: synthetic catalogs built with Material's search plugin and indexed by
  Pagefind, for index sizes and Pagefind's bytes and time per query.

For each engine it types every query of tests/browser/search_queries.yml, keeps the skill
pages among the results (in order) and reports the top-1 and top-3 rates.

    .venv/bin/python bench/compare_engines.py --material M --skillsite S --scale A B C
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import statistics
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("SKILLSITE_CHROMIUM", "/usr/bin/chromium")
QUERIES = yaml.safe_load((REPO / "tests/browser/search_queries.yml").read_text("utf-8"))

MATERIAL_QUERY = """async (query) => {
  const box = document.querySelector('input.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  box.focus();
  box.value = query;
  const before = meta.textContent;
  box.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
  box.dispatchEvent(new Event('input', {bubbles: true}));
  for (let i = 0; i < 400; i++) {
    await new Promise(r => setTimeout(r, 25));
    if (/matching/i.test(meta.textContent) && meta.textContent !== before) break;
    if (/matching/i.test(meta.textContent) && i > 40) break;
  }
  return [...document.querySelectorAll('li.md-search-result__item > a')].map(a => a.href);
}"""

PAGEFIND_QUERY = """async (query) => {
  const pagefind = await import('./pagefind/pagefind.js');
  const start = performance.now();
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  return {ms: performance.now() - start, urls: data.map(d => d.url)};
}"""

SKILLSITE_QUERY = """async (query) => {
  const box = document.querySelector('[data-skillsite-search] input[name=q]');
  const list = document.querySelector('[data-skillsite-results]');
  box.focus();
  box.value = query;
  box.dispatchEvent(new Event('input', {bubbles: true}));
  while (list.getAttribute('aria-busy') !== 'false') await new Promise(r => setTimeout(r, 10));
  return [...list.querySelectorAll('a')].map(a => a.href);
}"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def skills_in(urls: list[str]) -> list[str]:
    names: list[str] = []
    for url in urls:
        path = urlsplit(url).path
        if "/skills/" not in path:
            continue
        name = path.split("/skills/", 1)[1].split("/", 1)[0]
        if name and name not in names:
            names.append(name)
    return names


def rates(answers: list[list[str]], verbose: bool = False) -> tuple[float, float]:
    top1 = top3 = 0
    for row, found in zip(QUERIES, answers, strict=True):
        if row["expect"] is None:
            hit1 = hit3 = not found
        else:
            hit1, hit3 = found[:1] == [row["expect"]], row["expect"] in found[:3]
        top1 += hit1
        top3 += hit3
        if verbose and not hit1:
            print(f"    {row['query']!r}: wanted {row['expect']}, got {found[:3]}")
    return top1 / len(QUERIES), top3 / len(QUERIES)


def run_queries(browser, url: str, script: str) -> list[list[str]]:
    page = browser.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    answers = []
    for row in QUERIES:
        result = page.evaluate(script, row["query"])
        answers.append(skills_in(result["urls"] if isinstance(result, dict) else result))
    page.close()
    return answers


def pagefind_first_query(browser, url: str, folder: Path) -> tuple[int, int, float]:
    """Bytes (raw, compressed as served by a gzip server) and ms for the first query."""
    page = browser.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    fetched: list[str] = []
    page.on("response", lambda response: fetched.append(response.url))
    first = page.evaluate(PAGEFIND_QUERY, "cache query")
    timings = [page.evaluate(PAGEFIND_QUERY, q)["ms"] for q in ("cache", "retry backoff worker")]
    page.close()
    raw = packed = 0
    for address in fetched:
        data = (folder / urlsplit(address).path.lstrip("/")).read_bytes()
        raw += len(data)
        packed += min(len(data), len(gzip.compress(data)))
    return raw, packed, statistics.median([first["ms"], *timings])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--material", type=Path, required=True)
    parser.add_argument("--skillsite", type=Path, required=True)
    parser.add_argument("--scale", type=Path, nargs="*", default=[])
    parser.add_argument("--verbose", action="store_true", help="list each engine's misses")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        print("| engine | top-1 | top-3 |")
        print("| --- | ---: | ---: |")
        server, url = serve(args.material)
        for name, script in (("Material search", MATERIAL_QUERY), ("Pagefind", PAGEFIND_QUERY)):
            top1, top3 = rates(run_queries(browser, url, script), args.verbose)
            print(f"| {name} | {top1:.1%} | {top3:.1%} |")
        server.shutdown()
        server, url = serve(args.skillsite)
        top1, top3 = rates(run_queries(browser, url, SKILLSITE_QUERY), args.verbose)
        print(f"| skill search (MiniSearch) | {top1:.1%} | {top3:.1%} |")
        server.shutdown()

        print()
        print(
            "| site | skills | Material index (gzip), fetched by every page "
            "| Pagefind bytes before first result (gzip) | Pagefind query time |"
        )
        print("| --- | ---: | ---: | ---: | ---: |")
        for folder in args.scale:
            index = (folder / "search" / "search_index.json").read_bytes()
            skills = len(json.loads((folder / "api" / "skills.json").read_text())["skills"])
            server, url = serve(folder)
            raw, packed, ms = pagefind_first_query(browser, url, folder)
            server.shutdown()
            print(
                f"| {folder.name} | {skills:,} | {len(index) / 1024:,.0f} KB "
                f"({len(gzip.compress(index)) / 1024:,.0f} KB) "
                f"| {raw / 1024:,.0f} KB ({packed / 1024:,.0f} KB) | {ms:,.0f} ms |"
            )
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
