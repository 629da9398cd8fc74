"""The static web explorer (index.html, app.js, app.css and vendored libraries) that the server mounts at /static."""

from pathlib import Path

STATIC = Path(__file__).parent / "static"
