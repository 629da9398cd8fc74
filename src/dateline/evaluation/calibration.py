"""Whether a confidence means what it says: a reliability diagram of (confidence, right) pairs."""

from __future__ import annotations

from typing import Any

RELIABLE_BIN_N = 30  # bins with fewer records say too little to count in the gap


def reliability(scored: list[tuple[float, bool]], *, width: float = 0.1) -> dict[str, Any]:
    """A reliability diagram of ``(confidence, right)`` pairs: per confidence bin its records, mean confidence
    and share right; ``calibration_gap`` is the largest |share right − mean confidence| over bins with at
    least ``RELIABLE_BIN_N`` records (None when there is none)."""
    bins: dict[int, list[tuple[float, bool]]] = {}
    for confidence, right in scored:
        bins.setdefault(min(int(confidence / width), int(round(1 / width)) - 1), []).append((confidence, right))
    rows: list[dict[str, Any]] = []
    gaps: list[float] = []
    for k in sorted(bins):
        items = bins[k]
        confidence = sum(c for c, _ in items) / len(items)
        share = sum(r for _, r in items) / len(items)
        rows.append({"bin": f"{k * width:.1f}-{(k + 1) * width:.1f}", "n": len(items),
                     "confidence": round(confidence, 3), "right": round(share, 3)})
        if len(items) >= RELIABLE_BIN_N:
            gaps.append(abs(share - confidence))
    return {"reliability": rows, "calibration_gap": round(max(gaps), 3) if gaps else None}
