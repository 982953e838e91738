"""Step 2: a score per block, from its features and, in a second pass, its neighbours' scores.

Pass 1 rates each block by what it looks like and where it stands (a logistic model over
:data:`boilerstrip.features.NAMES`). Pass 2 adds what the neighbours look like to pass 1: the
mean score around the block, the scores right before and after, and whether it lies inside the
page's best-scoring stretch. Content comes in runs and boilerplate in runs, so a doubtful line
is judged by the company it keeps.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import weights
from .features import (
    BASE_NAMES,
    BIN_SOURCES,
    COLUMN,
    INTERACTING_COLUMNS,
    LIST_PAGE_INTERACTIONS,
    NAMES,
    bin_names,
    windowed_mean,
)

PASS2_EXTRA = (
    "p1", "p1_logit", "p1_near1", "p1_near3", "p1_near8", "p1_prev", "p1_next", "p1_in_region",
    "p1_region_distance", "p1_share_before", "p1_share_after",
)  # fmt: skip
#: Pass-1 scores that also enter pass 2 as one-hot bins (edges).
PASS2_BINS: dict[str, tuple[float, ...]] = {
    "p1": (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
    "p1_near3": (0.2, 0.4, 0.6, 0.8),
}
PASS2_NAMES = NAMES + PASS2_EXTRA + bin_names(PASS2_BINS)
#: Pass-1 probability around which the best stretch of the page is sought.
REGION_PIVOT = 0.5


class _BaseScorer:
    """A linear model's sum over the full feature columns, computed from the base columns alone.

    The interaction columns are base columns times (1 - prose), and the bin columns are one-hot: so
    their share of the sum is one small product and one table look-up per binned feature, and the
    full matrix (two and a half times wider) is never built.
    """

    def __init__(self, table: dict[str, float]) -> None:
        self.bias = table.get("bias", 0.0)
        self.base = np.array([table.get(name, 0.0) for name in BASE_NAMES])
        self.interaction = np.array([table.get("list_x_" + name, 0.0) for name in LIST_PAGE_INTERACTIONS])
        self.bins = [
            (column, edges, np.array([table.get(b, 0.0) for b in bin_names({name: tuple(edges)})]))
            for name, column, edges in BIN_SOURCES
        ]

    def __call__(self, base: np.ndarray) -> np.ndarray:
        z = base @ self.base + self.bias
        z += (1.0 - base[:, COLUMN["prose"]]) * (base[:, INTERACTING_COLUMNS] @ self.interaction)
        for source, edges, values in self.bins:
            z += values[np.digitize(base[:, source], edges)]
        return z


_PASS1 = _BaseScorer(weights.PASS1)
_PASS2_BASE = _BaseScorer(weights.PASS2)
# The extra columns' weights; pass 2's one bias is in _PASS2_BASE.
_PASS2_EXTRA = np.array([weights.PASS2.get(name, 0.0) for name in PASS2_NAMES[len(NAMES) :]])


def best_stretch(values: Sequence[float]) -> tuple[int, int]:
    """The contiguous run ``[start, end)`` with the largest positive sum (Kadane); none -> (0, 0)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, v in enumerate(values):
        if total <= 0:
            total, start = v, i
        else:
            total += v
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _pass2_extra(p1: np.ndarray) -> np.ndarray:
    """The neighbourhood of the pass-1 scores: :data:`PASS2_EXTRA` and their bins."""
    n = len(p1)
    start, end = best_stretch((p1 - REGION_PIVOT).tolist())
    idx = np.arange(n)
    distance = np.where(idx < start, start - idx, np.where(idx >= end, idx - end + 1, 0))
    positive = (p1 >= REGION_PIVOT).astype(float)
    total_positive = positive.sum() or 1.0
    seen = np.cumsum(positive) - positive
    clipped = np.clip(p1, 1e-4, 1 - 1e-4)
    extra = np.column_stack(
        (
            p1,
            np.log(clipped / (1 - clipped)) / 5.0,
            windowed_mean(p1, 1, include_self=True),
            windowed_mean(p1, 3, include_self=True),
            windowed_mean(p1, 8, include_self=True),
            np.concatenate(([0.0], p1[:-1])),
            np.concatenate((p1[1:], [0.0])),
            (distance == 0) & (end > start),
            np.minimum(distance / 20.0, 1.0),
            seen / total_positive,
            1.0 - (seen + positive) / total_positive,
        )
    )
    bins = [np.eye(len(edges) + 1)[np.digitize(extra[:, PASS2_EXTRA.index(name)], edges)]
            for name, edges in PASS2_BINS.items()]  # fmt: skip
    return np.hstack((extra, *bins))


def pass2_features(x: np.ndarray, p1: np.ndarray) -> np.ndarray:
    """Pass-1 features plus the neighbourhood of the pass-1 scores (columns: :data:`PASS2_NAMES`)."""
    if not len(p1):
        return np.zeros((0, len(PASS2_NAMES)))
    return np.hstack((x, _pass2_extra(p1)))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def score(base: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pass-1 and final (pass-2) probability that each block is main content.

    Takes the base features (``page_features(page, full=False)``); pass 2 adds the extra columns'
    share to the same kind of sum, so neither pass builds a joined matrix.
    """
    if not len(base):
        return np.zeros(0), np.zeros(0)
    p1 = _sigmoid(_PASS1(base))
    return p1, _sigmoid(_PASS2_BASE(base) + _pass2_extra(p1) @ _PASS2_EXTRA)
