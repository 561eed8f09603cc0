"""Collect real third-party skills from npm and PyPI packages into a catalog for benchmarks.

    .venv/bin/python bench/collect_real_skills.py [--packages bench/real_skill_packages.txt]
        [--downloads /tmp/corpus-dl] [--out /tmp/real-corpus] [--jobs 4]

Each line of the package list is `npm:NAME[@VERSION]` or `pypi:NAME[==VERSION]` (`#` starts
a comment). Every package is fetched with the registry's own client (`npm pack`,
`pip download --no-deps`) into the download folder (kept, so a second run fetches only
what is missing), unpacked in memory, and every folder holding a file named exactly
`SKILL.md` is copied with its supporting files to `OUT/<package>/<skill folder>/`: the
catalog layout `skillsite check` reads, one category per package. Folders under
`node_modules/` are skipped, as are nested skill folders inside a copied skill (each is
collected on its own). A SKILL.md whose bytes were already collected from an earlier
package (or earlier in the same one) is counted as a duplicate and not copied again.

The manifest (`OUT.manifest.jsonl`, next to the catalog, not in it) has one line per
collected skill: package, registry, version, the folder inside the package, the catalog
folder, the SKILL.md's sha256, files and bytes; then one line per package with its
counts. Nothing collected is committed: the skills belong to their authors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import tarfile
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
SKILL_FILE = "SKILL.md"
MAX_MEMBER_BYTES = 5 * 1024 * 1024  # supporting files larger than this are left out
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024
SKIPPED_PARTS = {"node_modules", "__pycache__", ".git"}


@dataclass(frozen=True)
class Package:
    registry: str  # "npm" or "pypi"
    name: str
    pin: str  # "" or the version asked for

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", f"{self.registry}-{self.name}".lower()).strip("-")


@dataclass
class Fetched:
    package: Package
    archive: Path | None
    version: str
    error: str = ""


@dataclass
class PackageReport:
    package: Package
    version: str
    error: str = ""
    skills: int = 0
    duplicates: int = 0
    files: int = 0
    left_out: list[str] = field(default_factory=list)


def read_package_list(path: Path) -> list[Package]:
    packages = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        registry, sep, spec = line.partition(":")
        if not sep or registry not in ("npm", "pypi"):
            raise SystemExit(f"{path}:{number}: expected npm:NAME or pypi:NAME, got {raw!r}")
        if registry == "npm":
            name, _, pin = spec.rpartition("@") if spec.rfind("@") > 0 else (spec, "", "")
        else:
            name, _, pin = spec.partition("==")
        packages.append(Package(registry, name.strip(), pin.strip()))
    return packages


def fetch(package: Package, downloads: Path) -> Fetched:
    folder = downloads / package.slug
    existing = sorted(p for p in folder.glob("*") if p.is_file()) if folder.exists() else []
    if not existing:
        folder.mkdir(parents=True, exist_ok=True)
        for command in download_commands(package, folder):
            done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
            existing = sorted(p for p in folder.glob("*") if p.is_file())
            if done.returncode == 0 and existing:
                break
        if done.returncode != 0 or not existing:
            message = (done.stderr or done.stdout).strip().splitlines()
            return Fetched(package, None, "", message[-1] if message else "download failed")
    archive = existing[0]
    return Fetched(package, archive, version_of(package, archive))


def download_commands(package: Package, folder: Path) -> list[list[str]]:
    if package.registry == "npm":
        spec = f"{package.name}@{package.pin}" if package.pin else package.name
        return [["npm", "pack", spec, "--silent", "--pack-destination", str(folder)]]
    spec = f"{package.name}=={package.pin}" if package.pin else package.name
    pip = ["pip", "download", "--no-deps", "--quiet", "-d", str(folder)]
    # A wheel for any recent Python first (many skill packs require a newer one than this
    # interpreter, and their files are the same), else the source distribution.
    return [[*pip, "--python-version", "3.13", "--only-binary", ":all:", spec], [*pip, spec]]


def version_of(package: Package, archive: Path) -> str:
    stem = archive.name
    for suffix in (".tgz", ".tar.gz", ".zip", ".whl", ".tar.bz2"):
        stem = stem.removesuffix(suffix)
    if package.registry == "npm":  # scope-name-1.2.3.tgz
        match = re.search(r"-(\d+\.\d+\.\d+[^/]*)$", stem)
    else:  # name-1.2.3-py3-none-any.whl or name-1.2.3.tar.gz
        parts = stem.split("-")
        match = re.match(r"(.+)", parts[1]) if len(parts) > 1 else None
    return match.group(1) if match else "?"


def members(archive: Path) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of every regular file of a tarball, wheel or zip, within the bounds."""
    if archive.stat().st_size > MAX_ARCHIVE_BYTES:
        return
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as bundle:
            for info in bundle.infolist():
                if not info.is_dir() and info.file_size <= MAX_MEMBER_BYTES:
                    yield info.filename, bundle.read(info)
        return
    with tarfile.open(archive) as bundle:
        for info in bundle:
            if info.isfile() and info.size <= MAX_MEMBER_BYTES:
                handle = bundle.extractfile(info)
                if handle is not None:
                    yield info.name, handle.read()


def safe_parts(name: str) -> tuple[str, ...] | None:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not parts or parts[0] == "/" or ".." in parts or SKIPPED_PARTS.intersection(parts):
        return None
    return parts


def collect_package(
    fetched: Fetched, out: Path, seen: dict[str, str], manifest: list[dict]
) -> PackageReport:
    package = fetched.package
    report = PackageReport(package, fetched.version, fetched.error)
    if fetched.archive is None:
        return report
    try:
        files = {
            parts: data for name, data in members(fetched.archive) if (parts := safe_parts(name))
        }
    except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError) as error:
        report.error = f"unreadable archive: {error}"
        return report
    skill_dirs = sorted(parts[:-1] for parts in files if parts[-1] == SKILL_FILE and len(parts) > 1)
    taken: set[str] = set()
    for skill_dir in skill_dirs:
        text = files[(*skill_dir, SKILL_FILE)]
        digest = hashlib.sha256(text).hexdigest()
        if digest in seen:
            report.duplicates += 1
            continue
        nested = [d for d in skill_dirs if d != skill_dir and d[: len(skill_dir)] == skill_dir]
        name = skill_dir[-1] if skill_dir[-1] not in taken else f"{skill_dir[-1]}-{len(taken)}"
        taken.add(name)
        target = out / package.slug / name
        count = size = 0
        for parts, data in files.items():
            if parts[: len(skill_dir)] != skill_dir:
                continue
            if any(parts[: len(d)] == d for d in nested):
                continue
            destination = target.joinpath(*parts[len(skill_dir) :])
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
            count += 1
            size += len(data)
        seen[digest] = f"{package.slug}/{name}"
        report.skills += 1
        report.files += count
        manifest.append(
            {
                "skill": f"{package.slug}/{name}",
                "registry": package.registry,
                "package": package.name,
                "version": fetched.version,
                "path_in_package": "/".join(skill_dir),
                "sha256": digest,
                "files": count,
                "bytes": size,
            }
        )
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=Path, default=HERE / "real_skill_packages.txt")
    parser.add_argument("--downloads", type=Path, default=Path("/tmp/corpus-dl"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/real-corpus"))
    parser.add_argument("--jobs", type=int, default=4, help="downloads at once")
    args = parser.parse_args()

    packages = read_package_list(args.packages)
    args.downloads.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        fetched = list(pool.map(lambda package: fetch(package, args.downloads), packages))

    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    seen: dict[str, str] = {}
    manifest: list[dict] = []
    reports = [collect_package(item, args.out, seen, manifest) for item in fetched]

    manifest_path = args.out.with_name(args.out.name + ".manifest.jsonl")
    with manifest_path.open("w", encoding="utf-8") as stream:
        for entry in manifest:
            stream.write(json.dumps(entry, sort_keys=True) + "\n")
        for report in reports:
            line = {
                "package": report.package.name,
                "registry": report.package.registry,
                "version": report.version,
                "skills": report.skills,
                "duplicates": report.duplicates,
                "files": report.files,
                "error": report.error,
            }
            stream.write(json.dumps(line, sort_keys=True) + "\n")

    failed = [r for r in reports if r.error]
    with_skills = [r for r in reports if r.skills]
    duplicates = sum(r.duplicates for r in reports)
    listed, fetched_none = len(reports), len(failed)
    print(f"packages: {listed} listed, {fetched_none} not fetched, {len(with_skills)} with skills")
    print(f"skills: {len(manifest)} collected, {duplicates} duplicates skipped")
    print(f"files: {sum(r.files for r in reports)}, bytes: {sum(e['bytes'] for e in manifest)}")
    print(f"catalog: {args.out}; manifest: {manifest_path}")
    for report in failed:
        print(f"  not fetched: {report.package.registry}:{report.package.name}: {report.error}")
    for report in sorted(reports, key=lambda r: -r.skills):
        if report.skills or report.duplicates:
            slug, version = report.package.slug, report.version
            print(f"  {report.skills:5d} (+{report.duplicates} dup) {slug} {version}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
