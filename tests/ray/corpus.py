"""Small sharded corpora for the Ray engine's tests, built in a temporary folder: short BBC articles when
../shared/data is beside the repository (read at run time, never copied into it), else the bundled demo's."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

BBC = Path(__file__).resolve().parents[3] / "shared" / "data" / "corpus" / "bbc-fulltext" / "bbc"
SETTINGS = ("[dateline]\nbatch_size = 2\nstore_batch_size = 4\nray_cpus = 2\nray_object_store_mb = 200\n"
            "ray_actors = 2\n")


def articles(n: int) -> list[dict[str, str]]:
    """``n`` distinct articles: the shortest of a spread of BBC texts, else demo articles with variants."""
    if BBC.exists():
        files = sorted(BBC.glob("*/*.txt"))[::40]
        shortest = sorted(files, key=lambda p: (p.stat().st_size, str(p)))[:n]
        return [{"id": f"bbc-{p.parent.name}-{p.stem}", "text": p.read_text(encoding="utf-8", errors="replace"),
                 "published": "2005-03-01"} for p in sorted(shortest)]
    lines = (resources.files("dateline") / "samples" / "demo" / "articles.jsonl").read_text(encoding="utf-8")
    base = [json.loads(line) for line in lines.splitlines() if line.strip()]
    out = []
    for i in range(n):
        obj, round_ = base[i % len(base)], i // len(base)
        extra = f"\n\nUpdate {round_}: officials gave no further details." if round_ else ""
        out.append({**obj, "id": f"{obj['id']}-{round_}", "text": obj["text"] + extra})
    return out


def write_shards(folder: Path, shards: int = 3, per_shard: int = 4) -> Path:
    """``shards`` JSON Lines files of ``per_shard`` articles each (a multiple of the tests' batch_size)."""
    folder.mkdir(parents=True, exist_ok=True)
    objs = articles(shards * per_shard)
    for s in range(shards):
        lines = "".join(json.dumps(o) + "\n" for o in objs[s * per_shard:(s + 1) * per_shard])
        (folder / f"shard-{s}.jsonl").write_text(lines, encoding="utf-8")
    return folder
