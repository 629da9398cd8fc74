"""Fitting the resolver's weights: a conditional logit over each mention's candidates.

For every gold mention with at least one right candidate (within 161 km of the gold point), the model
``P(candidate) = softmax(weights · features)`` over the mention's candidates is fitted to put its mass on
the right ones (L2-regularised, plain gradient descent); and the logistic score calibration. Both are
printed by ``python -m dateline.evaluation.geo fit …`` / ``calibrate …`` and written into
:data:`dateline.geo.resolve.WEIGHTS` / :data:`dateline.geo.calibrate.COEFFICIENTS` by hand: fitting is a
development step, never done at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

ACCURATE_KM = 161.0


@dataclass(frozen=True)
class Group:
    """One mention: its candidates' features and which candidates are right."""

    rows: list[dict[str, float]]
    right: list[bool]


def fit(groups: Sequence[Group], *, start: dict[str, float], fixed: frozenset[str] = frozenset(),
        l2: float = 0.001, steps: int = 3000, rate: float = 0.3) -> dict[str, float]:
    """Weights that maximise the probability of the right candidates (starting from ``start``); the
    ``fixed`` ones (evidence too rare in the corpora to fit, such as explicit qualifiers) keep their value."""
    usable = [g for g in groups if any(g.right) and len(g.rows) > 1]
    names = sorted({n for g in usable for row in g.rows for n in row} | set(start))
    index = {n: i for i, n in enumerate(names)}
    mats = [_matrix(g.rows, index) for g in usable]
    masks = [np.array(g.right, dtype=float) for g in usable]
    w = np.array([start.get(n, 0.0) for n in names])
    free = np.array([n not in fixed for n in names], dtype=float)
    for _ in range(steps):
        grad = l2 * w
        for x, right in zip(mats, masks, strict=True):
            p = _softmax(x @ w)
            q = p * right / max(float((p * right).sum()), 1e-12)
            grad += (x.T @ (p - q)) / len(mats)
        w -= rate * grad * free
    return {n: round(float(v), 3) for n, v in zip(names, w, strict=True)}


def log_likelihood(groups: Sequence[Group], weights: dict[str, float]) -> float:
    """Mean log-probability of the right candidates (higher is better)."""
    usable = [g for g in groups if any(g.right) and len(g.rows) > 1]
    total = 0.0
    for g in usable:
        scores = np.array([sum(weights.get(n, 0.0) * v for n, v in row.items()) for row in g.rows])
        p = _softmax(scores)
        total += float(np.log(max(float(p[np.array(g.right)].sum()), 1e-12)))
    return total / max(1, len(usable))


def _matrix(rows: list[dict[str, float]], index: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(rows), len(index)))
    for i, row in enumerate(rows):
        for name, value in row.items():
            x[i, index[name]] = value
    return x


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def fit_logistic(rows: Sequence[dict[str, float]], labels: Sequence[bool], *, l2: float = 0.01,
                 steps: int = 2000, rate: float = 0.5) -> dict[str, float]:
    """A logistic regression (the score calibration): weights for ``P(label) = σ(weights · row)``."""
    names = sorted({n for row in rows for n in row})
    x = _matrix(list(rows), {n: i for i, n in enumerate(names)})
    y = np.array(labels, dtype=float)
    w = np.zeros(len(names))
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= rate * (x.T @ (p - y) / len(y) + l2 * w)
    return {n: round(float(v), 3) for n, v in zip(names, w, strict=True)}
