#!/usr/bin/env python3
"""Vendor the web explorer's JavaScript libraries into ``src/dateline/web/static/vendor/``.

The explorer is served offline from the installed package, so its libraries are committed files, not
links to a CDN. This script fetches each pinned package tarball with ``npm pack`` (no install scripts
run, no dependencies resolved), checks it against the pinned sha512 integrity, and copies only the
dist files the page uses, each package's licence, and a ``VERSIONS.txt`` listing what is there.

Running it again changes nothing unless a pin changed (it prints ``unchanged`` for each such file).
``--check`` writes nothing and exits 1 if the vendored files differ from the pinned tarballs.

Usage: python scripts/vendor_web.py [--check] [--dest DIR]
"""

from __future__ import annotations

import argparse
import base64
import fnmatch
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "src" / "dateline" / "web" / "static" / "vendor"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    licence: str
    integrity: str  # the registry's sha512 of the tarball, as `npm view NAME@VERSION dist.integrity` shows it
    # (pattern inside the tarball, destination folder under vendor/NAME/); patterns use fnmatch.
    files: tuple[tuple[str, str], ...]
    note: str = ""


PACKAGES: tuple[Package, ...] = (
    Package(
        "leaflet", "1.9.4", "BSD-2-Clause",
        "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
        (("package/dist/leaflet.js", ""), ("package/dist/leaflet.css", ""),
         ("package/dist/images/*.png", "images"), ("package/LICENSE", ""))),
    Package(
        "leaflet.markercluster", "1.5.3", "MIT",
        "sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA==",
        (("package/dist/leaflet.markercluster.js", ""), ("package/dist/MarkerCluster.css", ""),
         ("package/dist/MarkerCluster.Default.css", ""), ("package/MIT-LICENCE.txt", ""))),
    Package(
        "topojson-client", "3.1.0", "ISC",
        "sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw==",
        (("package/dist/topojson-client.min.js", ""), ("package/LICENSE", ""))),
    Package(
        "world-atlas", "2.0.2", "ISC",
        "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
        (("package/countries-110m.json", ""), ("package/land-110m.json", ""), ("package/LICENSE", "")),
        note="data: Natural Earth, public domain"),
    Package(  # the API's /docs page, served offline
        "swagger-ui-dist", "5.35.0", "Apache-2.0",
        "sha512-U06rpMtW9V3XPGOBeamTUSr0Z09jMX4IJuANpE/EZbAhw0G8CgwrzU4YmXkn/h0wCDNsXdGarTNNHC3sU8yVUQ==",
        (("package/swagger-ui-bundle.js", ""), ("package/swagger-ui.css", ""), ("package/LICENSE", ""))),
)


def fetch(pkg: Package, workdir: Path) -> Path:
    """The package's tarball, fetched with ``npm pack`` and checked against the pinned integrity."""
    spec = f"{pkg.name}@{pkg.version}"
    cmd = ["npm", "pack", "--json", "--ignore-scripts", "--pack-destination", str(workdir), spec]
    done = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"npm pack {spec} failed:\n{done.stderr.strip()}")
    (info,) = json.loads(done.stdout)
    tarball = workdir / info["filename"]
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != pkg.integrity:
        raise SystemExit(f"{spec}: tarball integrity {digest} is not the pinned {pkg.integrity}")
    return tarball


def wanted(pkg: Package, tarball: Path) -> dict[str, bytes]:
    """Destination path (relative to vendor/) → content, for every file the page needs from the package."""
    out: dict[str, bytes] = {}
    with tarfile.open(tarball, "r:gz") as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        for pattern, folder in pkg.files:
            hits = [m for m in members if fnmatch.fnmatchcase(m.name, pattern)]
            if not hits:
                raise SystemExit(f"{pkg.name}@{pkg.version}: nothing in the tarball matches {pattern}")
            for member in hits:
                name = member.name.rsplit("/", 1)[-1]
                rel = "/".join(p for p in (pkg.name, folder, name) if p)
                handle = tar.extractfile(member)
                assert handle is not None
                out[rel] = handle.read()
    return out


def versions_text() -> bytes:
    lines = ["# Vendored by scripts/vendor_web.py from the npm registry; do not edit by hand.",
             "# package\tversion\tlicence\tintegrity"]
    for pkg in PACKAGES:
        licence = f"{pkg.licence} ({pkg.note})" if pkg.note else pkg.licence
        lines.append(f"{pkg.name}\t{pkg.version}\t{licence}\t{pkg.integrity}")
    return ("\n".join(lines) + "\n").encode()


def sync(files: dict[str, bytes], dest: Path, check: bool) -> int:
    """Make ``dest`` hold exactly ``files`` in the package folders; the number of files that differed."""
    differ = 0
    for rel, data in sorted(files.items()):
        target = dest / rel
        if target.is_file() and target.read_bytes() == data:
            print(f"unchanged  {rel} ({len(data):,} bytes)")
            continue
        differ += 1
        if check:
            print(f"DIFFERS    {rel}")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"copied     {rel} ({len(data):,} bytes)")
    # Files left over from an older pin, inside the folders this script owns.
    for pkg in PACKAGES:
        folder = dest / pkg.name
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(dest).as_posix()
            if rel not in files:
                differ += 1
                print(f"{'EXTRA     ' if check else 'removed   '} {rel}")
                if not check:
                    path.unlink()
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if vendored files differ")
    parser.add_argument("--dest", type=Path, default=DEST, help=f"vendor folder (default {DEST})")
    args = parser.parse_args(argv)
    if shutil.which("npm") is None:
        raise SystemExit("npm is not on PATH; it is needed to fetch the pinned packages")
    files: dict[str, bytes] = {"VERSIONS.txt": versions_text()}
    with tempfile.TemporaryDirectory(prefix="dateline-vendor-") as tmp:
        for pkg in PACKAGES:
            print(f"fetching   {pkg.name}@{pkg.version}")
            files.update(wanted(pkg, fetch(pkg, Path(tmp))))
    differ = sync(files, args.dest, args.check)
    total = sum(len(d) for d in files.values())
    print(f"{len(files)} files, {total:,} bytes in {args.dest}; {differ} {'differ' if args.check else 'changed'}")
    return 1 if args.check and differ else 0


if __name__ == "__main__":
    sys.exit(main())
