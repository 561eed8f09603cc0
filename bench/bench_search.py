"""Site search at 150, 1,000 and 5,000 synthetic skills: bytes and time in Chromium.

For each size, `bench/gen_catalog.py` writes a catalog, the core builds its search index
(`search/skills.json` and `search/skill-details.json`, as the build hook does), and the
index replaces the one of a site built once from the repository's catalog. Chromium
(Debian's, through Playwright) then opens the home page and reports:

- bytes fetched before the first result: everything requested after the page loaded and
  received before the first query was answered (summary index, search library and ranking
  script), raw and gzip-compressed;
- time from opening the search (pressing "/") to the first result: fetch, parse, index;
- time to the results ranked with the details file, and all bytes fetched by then;
- time from a keystroke to results while the details file is fetched and indexed (how
  many keystrokes fitted in, and the worst);
- time from the last keystroke to results for a set of queries (median and worst, and
  the query that was worst), once all is in.

`--cpu-slowdown 4` has Chromium run the page four times slower (its CPU throttling), as
on a loaded or slower machine.

    .venv/bin/python bench/bench_search.py [--sizes 150 1000 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("SKILLSITE_CHROMIUM", "/usr/bin/chromium")
QUERIES = (
    "cache",
    "query schema",
    "retry backoff worker",
    "how do I add a policy for session cookies",
    "migraton",
    "skill-00042-pipeline",
    "zzzz nothing here",
)
MEASURE_KEYSTROKE = """async (query) => {
  const box = document.querySelector('[data-skillsite-search] input[name=q]');
  const list = document.querySelector('[data-skillsite-results]');
  const done = new Promise(resolve => {
    const observer = new MutationObserver(() => {
      if (list.getAttribute('aria-busy') === 'false') { observer.disconnect(); resolve(); }
    });
    observer.observe(list, {attributes: true});
  });
  box.value = query;
  const start = performance.now();
  box.dispatchEvent(new Event('input', {bubbles: true}));
  await done;
  return performance.now() - start;
}"""


# The same, for a keystroke while the details file is still being indexed: the results
# list stays aria-busy then, so the end is the status line being written.
MEASURE_EARLY_KEYSTROKE = """async (query) => {
  const box = document.querySelector('[data-skillsite-search] input[name=q]');
  const status = document.querySelector('[data-skillsite-status]');
  const done = new Promise(resolve => {
    const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
    observer.observe(status, {childList: true, characterData: true, subtree: true});
  });
  box.value = query;
  const start = performance.now();
  box.dispatchEvent(new Event('input', {bubbles: true}));
  await done;
  return performance.now() - start;
}"""
EARLY_KEYSTROKES = 40  # at most, between the first results and the ranking with details
EARLY_QUERIES = QUERIES[1:]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build_base_site(target: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    env.pop("SKILLSITE_CATALOG", None)
    subprocess.run(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(REPO / "mkdocs.yml"), "-d", str(target)],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )


def synthetic_index(size: int) -> dict[str, bytes]:
    from skillsite.loader import load_catalog
    from skillsite.search_index import search_index_files

    catalog_dir = OUT / f"search-{size}"
    if not catalog_dir.is_dir():
        generate = [sys.executable, str(BENCH / "gen_catalog.py"), str(catalog_dir)]
        subprocess.run(
            [*generate, "--skills", str(size)],
            check=True,
            capture_output=True,
        )
    catalog = load_catalog(catalog_dir)
    return search_index_files(catalog)


WATCH_STAGES = """() => {
  const list = document.querySelector('[data-skillsite-results]');
  const seen = {start: performance.now(), first: null, full: null};
  window.__benchStages = seen;
  new MutationObserver(() => {
    const stage = list.getAttribute('data-skillsite-stage');
    if (stage && seen.first === null) seen.first = performance.now();
    const idle = list.getAttribute('aria-busy') === 'false';
    if (stage === 'full' && idle && seen.full === null) seen.full = performance.now();
  }).observe(list, {attributes: true});
}"""
RESOURCES = """start => performance.getEntriesByType('resource')
  .filter(entry => entry.startTime >= start)
  .map(entry => [entry.name, entry.responseEnd])"""


def open_search(browser, url: str, slowdown: float):
    context = browser.new_context()
    page = context.new_page()
    if slowdown > 1:
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate(WATCH_STAGES)
    page.keyboard.press("/")
    page.keyboard.type("deploy")
    return context, page


def early_keystrokes(browser, url: str, slowdown: float) -> list[float]:
    """Keystroke to results while the details are fetched and indexed, in a page of its
    own (they hold the details back)."""
    context, page = open_search(browser, url, slowdown)
    page.wait_for_function("() => window.__benchStages.first !== null")
    early: list[float] = []
    full = "() => window.__benchStages.full !== null"
    while len(early) < EARLY_KEYSTROKES and not page.evaluate(full):
        query = EARLY_QUERIES[len(early) % len(EARLY_QUERIES)]
        early.append(page.evaluate(MEASURE_EARLY_KEYSTROKE, query))
    context.close()
    return early


def measure(browser, url: str, site: Path, repeat: int, slowdown: float) -> dict[str, float]:
    context, page = open_search(browser, url, slowdown)
    page.wait_for_function("() => window.__benchStages.full !== null")
    stages = page.evaluate("() => window.__benchStages")
    resources = page.evaluate(RESOURCES, stages["start"])

    def served(ended_by: float) -> list[bytes]:
        paths = [urlsplit(name).path.lstrip("/") for name, end in resources if end <= ended_by]
        return [(site / path).read_bytes() for path in paths]

    before_first = served(stages["first"])
    everything = served(stages["full"])
    timed = [(page.evaluate(MEASURE_KEYSTROKE, q), q) for _ in range(repeat) for q in QUERIES]
    timings = [time for time, _ in timed]
    context.close()
    early = early_keystrokes(browser, url, slowdown)
    return {
        "raw": sum(len(data) for data in before_first),
        "gzip": sum(len(gzip.compress(data)) for data in before_first),
        "files": len(before_first),
        "all_gzip": sum(len(gzip.compress(data)) for data in everything),
        "first": stages["first"] - stages["start"],
        "full": stages["full"] - stages["start"],
        "median": statistics.median(timings),
        "worst": max(timings),
        "worst_query": max(timed)[1],
        "early": len(early),
        "early_worst": max(early, default=0.0),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--cpu-slowdown",
        type=float,
        default=1,
        help="Chromium's CPU throttling rate (4: a page four times slower), for a busy machine",
    )
    args = parser.parse_args()
    if not Path(CHROMIUM).is_file():
        print(f"{CHROMIUM} not found: install Debian's chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    site = OUT / "search-site"
    if site.exists():
        shutil.rmtree(site)
    build_base_site(site)
    handler = functools.partial(Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for size in args.sizes:
            files = synthetic_index(size)
            for path, data in files.items():
                (site / path).write_bytes(data)
            summary = files["search/skills.json"]
            result = measure(browser, url, site, args.repeat, args.cpu_slowdown)
            result["load"] = os.getloadavg()[0]
            rows.append((size, len(summary), len(gzip.compress(summary)), result))
        browser.close()
    server.shutdown()
    print(
        "| skills | first index file | gzip | fetched before the first result (gzip) "
        "| open to first result | to ranked with details (all fetched, gzip) "
        "| keystroke to results, median | worst | worst query "
        "| while the details are indexed: keystrokes, worst | load average |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
    for size, raw, packed, r in rows:
        print(
            f"| {size:,} | {raw / 1024:,.0f} KB | {packed / 1024:,.0f} KB "
            f"| {r['raw'] / 1024:,.0f} KB ({r['gzip'] / 1024:,.0f} KB, {r['files']} files) "
            f"| {r['first']:,.0f} ms | {r['full']:,.0f} ms ({r['all_gzip'] / 1024:,.0f} KB) "
            f"| {r['median']:,.1f} ms | {r['worst']:,.1f} ms | {r['worst_query']} "
            f"| {r['early']}, {r['early_worst']:,.1f} ms | {r['load']:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
