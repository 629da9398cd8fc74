"""Settings: defaults, file, overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import SettingsError
from dateline.settings import DEFAULT, TABLE, Settings, load_settings


def test_every_setting_has_default_and_help() -> None:
    fields = set(Settings.__dataclass_fields__)
    assert {s.name for s in TABLE} == fields
    for s in TABLE:
        assert s.help.strip() and getattr(DEFAULT, s.name) == s.default


def test_file_then_overrides(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[dateline]\nbatch_size = 4\nmodel = "x"\nlanguages = ["en", "de"]\n', encoding="utf-8")
    s = load_settings(path, model="y", workers=None)
    assert (s.batch_size, s.model, s.languages, s.workers) == (4, "y", ("en", "de"), DEFAULT.workers)


@pytest.mark.parametrize("content, message", [
    ("nonsense = 1", "unknown setting 'nonsense'"),
    ("batch_size = 'many'", "must be int"),
    ("fetch_allow_private = 'yes'", "true or false"),
    ("[dateline\n", "not valid TOML"),
])
def test_bad_files_give_clear_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match=message):
        load_settings(path)


def test_missing_file() -> None:
    with pytest.raises(SettingsError, match="not found"):
        load_settings("/nonexistent/settings.toml")


def test_replace_is_checked() -> None:
    assert DEFAULT.replace(batch_size="8").batch_size == 8
    with pytest.raises(SettingsError):
        DEFAULT.replace(bogus=1)
