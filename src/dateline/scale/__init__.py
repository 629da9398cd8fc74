"""Scaled engines: the same extraction over sharded inputs on a Ray cluster (or all cores of one machine).

``dateline.scale.run(sources, db=...)`` is the Python entry point of ``dateline ingest --engine ray``; see
docs/scaling.md. Ray is imported only when a run starts (``pip install 'dateline[ray]'``).
"""

from __future__ import annotations

from ..errors import EngineError
from .output import SCHEMA, iter_outputs
from .ray_engine import RayRun, ShardResult, run
from .shards import Shard, list_shards

__all__ = ["run", "RayRun", "ShardResult", "EngineError", "Shard", "list_shards", "iter_outputs", "SCHEMA"]
