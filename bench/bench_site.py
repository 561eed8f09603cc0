"""Time the site build against a plain Material build of the same pages.

For each size, a synthetic catalog is written (bench/gen_catalog.py), then:
- skillsite: `mkdocs build` with the repository's mkdocs.yml (hooks load the catalog,
  render pages, write archives, raw files, API, feed);
- plain: `skillsite generate` writes the same Markdown pages, and `mkdocs build` renders
  them with the same theme, features, extensions, overrides and nav but no hooks.

    python bench/bench_site.py [--sizes 1000 5000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from gen_catalog import generate  # noqa: E402

from skillsite.settings import read_mkdocs_config  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def timed(command: list[str], env: dict[str, str], cwd: Path, clean: Path) -> float:
    """Wall-clock seconds; the CPU seconds of the build are printed beside them.

    Both builds start from an empty output folder, so neither pays for removing a
    previous build's files.
    """
    shutil.rmtree(clean, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"  {elapsed:6.2f} s wall, {cpu:6.2f} s CPU: {' '.join(command[1:4])}", flush=True)
    return elapsed


def plain_config(generated_docs: Path, out: Path) -> Path:
    """The repository's mkdocs.yml without hooks, over the generated pages."""
    config = read_mkdocs_config(REPO / "mkdocs.yml")
    config.pop("hooks", None)
    config["extra"].pop("version", None)
    config["docs_dir"] = str(generated_docs)
    config["site_url"] = "http://127.0.0.1:8000/"
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    categories = sorted(p.name for p in (generated_docs / "categories").iterdir())
    config["nav"] = [
        {"Home": "index.md"},
        {"Categories": [f"categories/{key}/index.md" for key in categories]},
        {"About": "about.md"},
    ]
    path = out / "mkdocs.plain.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def bench_size(size: int, repeat: int, work: Path) -> tuple[float, float]:
    """Best of `repeat` for each build; the two builds alternate, so a slow spell of the
    machine does not fall on one of them only."""
    catalog = work / f"catalog-{size}"
    if not catalog.exists():
        generate(catalog, size, 20, 1)
    env = {**ENV, "SKILLSITE_CATALOG": str(catalog)}
    generated = work / f"generated-{size}"
    subprocess.run(
        [str(BIN / "skillsite"), "generate", "--out", str(generated)],
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    config = plain_config(generated / "docs", work)
    site, plain_site = work / f"site-{size}", work / "plain"
    ours_times, plain_times = [], []
    for _ in range(repeat):
        ours_times.append(
            timed([str(BIN / "mkdocs"), "build", "-q", "-d", str(site)], env, REPO, clean=site)
        )
        plain_command = [str(BIN / "mkdocs"), "build", "-q", "-f", str(config)]
        plain_times.append(timed([*plain_command, "-d", str(plain_site)], ENV, REPO, plain_site))
    shutil.rmtree(plain_site, ignore_errors=True)
    return min(ours_times), min(plain_times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, default=HERE / "out" / "site")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    results = {}
    for size in args.sizes:
        ours, plain = bench_size(size, args.repeat, args.work)
        results[size] = ours
        print(
            f"{size:>6} skills: skillsite {ours:6.2f} s, plain Material {plain:6.2f} s, "
            f"ratio {ours / plain:.2f}",
            flush=True,
        )
    if len(results) >= 2:
        small, large = min(results), max(results)
        print(
            f"t({large})/t({small}) = {results[large] / results[small]:.2f} "
            f"(linear would be {large / small:.2f})"
        )


if __name__ == "__main__":
    main()
