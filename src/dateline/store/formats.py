"""What an export may write: its formats and kinds (a module of names only, so that the CLI can offer them as
choices without loading DuckDB)."""

FORMATS = ("jsonl", "csv", "parquet", "geojson")
# What an export may hold: the query kinds, with events split into clusters and the raw events, and errors.
KINDS = ("articles", "entities", "quotes", "places", "events", "clusters", "stories", "errors")
GEO_KINDS = ("clusters", "events", "places")
