"""The CAMEO→PLOVER table (lines ``CODE: PLOVERTYPE, mode, context # description``); a later line for a code
wins. A CAMEO code maps by its longest prefix of two digits or more; codes outside the table (statements,
``---``, a dictionary's own test codes) map to nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from ..errors import DictionaryError

_ROW = re.compile(r"^(\d+):\s*([A-Z]+)")


def read_mapping(path: str | Path) -> dict[str, str]:
    """CAMEO code → PLOVER type from the table at ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DictionaryError(f"cannot read the CAMEO→PLOVER table {path}: {exc.strerror or exc}",
                              source=str(path)) from exc
    table = {m.group(1): m.group(2) for line in text.splitlines() if (m := _ROW.match(line))}
    if not table:
        raise DictionaryError(f"{path}: no 'CODE: PLOVERTYPE' line; is it a CAMEO→PLOVER table?", source=str(path))
    return table


def plover_of(code: str, table: Mapping[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code: its longest prefix (of two digits or more) in the table."""
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None
