"""Step 2: a score per block, from its features and, in a second pass, its neighbours' scores.

Pass 1 rates each block by what it looks like and where it stands (a logistic model over
:data:`boilerstrip.features.NAMES`). Pass 2 adds what the neighbours look like to pass 1: the
mean score around the block, the scores right before and after, and whether it lies inside the
page's best-scoring stretch. Content comes in runs and boilerplate in runs, so a doubtful line
is judged by the company it keeps.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, cast

import numpy as np

from .features import (
    BASE_NAMES,
    BIN_SOURCES,
    COLUMN,
    INTERACTING_COLUMNS,
    LIST_PAGE_INTERACTIONS,
    NAMES,
    bin_names,
    block_words,
    expand,
    load_compiled,
    windowed_mean,
)
from .html import HTML_NAMES
from .pagetype import PageTypeModel, vector_names
from .thresholds import CONTAINER_LEVELS, FOREST_ROWS, GROUP_SPAN_PER_LINE
from .timing import lap
from .votes import VOTE_NAMES

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
#: Pass 2's extra columns on HTML input: per container level (``thresholds.CONTAINER_LEVELS``), the
#: word-weighted mean pass-1 score of the lines sharing the block ancestor, and how many they are.
CONTAINER_NAMES: tuple[str, ...] = tuple(
    f"c{level}_{what}" for level in CONTAINER_LEVELS for what in ("p1_mean", "log_lines")
)
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
            z += values[edges.searchsorted(base[:, source], side="right")]  # np.digitize: the edges rise
        return z


def best_stretch(values: Sequence[float] | np.ndarray) -> tuple[int, int]:
    """The contiguous run ``[start, end)`` with the largest positive sum (Kadane); none -> (0, 0).

    The compiled core runs the same loop over an array of doubles (the same additions and
    comparisons, so the same run); the Python loop reads a list.
    """
    if _compiled_stretch is not None and isinstance(values, np.ndarray) and values.dtype == np.float64:
        return cast("tuple[int, int]", _compiled_stretch(np.ascontiguousarray(values)))
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, v in enumerate(values.tolist() if isinstance(values, np.ndarray) else values):
        if total <= 0:
            total, start = v, i
        else:
            total += v
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


#: Where each binned pass-2 column's one-hot bins start in :func:`_pass2_extra`'s columns, and its edges.
_PASS2_BIN_SOURCES = [
    (PASS2_EXTRA.index(name), PASS2_NAMES.index(f"{name}_bin0") - len(NAMES), np.array(edges))
    for name, edges in PASS2_BINS.items()
]


def _pass2_extra(p1: np.ndarray) -> np.ndarray:
    """The neighbourhood of the pass-1 scores: :data:`PASS2_EXTRA` and their bins.

    Written column by column into one array: a page has a few hundred rows, so each numpy call's
    fixed cost counts, and stacking the columns, then the bins, cost more calls and copies.
    """
    n = len(p1)
    out = np.zeros((n, len(PASS2_NAMES) - len(NAMES)))
    start, end = best_stretch(p1 - REGION_PIVOT)
    idx = np.arange(n)
    distance = np.where(idx < start, start - idx, np.where(idx >= end, idx - end + 1, 0))
    positive = (p1 >= REGION_PIVOT).astype(float)
    total_positive = positive.sum() or 1.0
    seen = np.cumsum(positive) - positive
    clipped = np.clip(p1, 1e-4, 1 - 1e-4)
    out[:, 0] = p1
    out[:, 1] = np.log(clipped / (1 - clipped)) / 5.0
    out[:, 2] = windowed_mean(p1, 1, include_self=True)
    out[:, 3] = windowed_mean(p1, 3, include_self=True)
    out[:, 4] = windowed_mean(p1, 8, include_self=True)
    out[1:, 5] = p1[:-1]  # the score before (0.0 for the first line)
    out[:-1, 6] = p1[1:]  # and after (0.0 for the last)
    out[:, 7] = (distance == 0) & (end > start)
    out[:, 8] = np.minimum(distance / 20.0, 1.0)
    out[:, 9] = seen / total_positive
    out[:, 10] = 1.0 - (seen + positive) / total_positive
    for column, first, edges in _PASS2_BIN_SOURCES:
        out[idx, first + edges.searchsorted(out[:, column], side="right")] = 1.0  # np.digitize: the edges rise
    return out


def _groups(ids: np.ndarray) -> np.ndarray:
    """Labels of ``ids`` for ``np.bincount``, equal where the ids are equal: the ids less the least,
    where they span few values for the lines (the walk's ids nearly always do), else ``np.unique``'s
    inverse, which costs a sort. Per label, ``np.bincount`` adds in the lines' order either way."""
    if not len(ids):
        return ids
    least = int(ids.min())
    if int(ids.max()) - least <= GROUP_SPAN_PER_LINE * len(ids):
        return ids - least
    return np.unique(ids, return_inverse=True)[1]


def container_columns(p1: np.ndarray, words: np.ndarray, containers: np.ndarray) -> np.ndarray:
    """Columns :data:`CONTAINER_NAMES`: how the lines sharing each block ancestor scored in pass 1."""
    out = np.zeros((len(p1), len(CONTAINER_NAMES)))
    weight = words + 1.0
    weighted = weight * p1
    for j in range(containers.shape[1]):
        group = _groups(containers[:, j])
        out[:, 2 * j] = np.bincount(group, weights=weighted)[group] / np.bincount(group, weights=weight)[group]
        out[:, 2 * j + 1] = np.log(np.bincount(group)[group]) / 4.0
    return out


def pass2_features(x: np.ndarray, p1: np.ndarray, containers: np.ndarray | None = None) -> np.ndarray:
    """Pass-1 features plus the neighbourhood of the pass-1 scores (columns: :data:`PASS2_NAMES`,
    then :data:`CONTAINER_NAMES` when the lines' containers are given)."""
    if not len(p1):
        return np.zeros(
            (0, x.shape[1] + len(PASS2_NAMES) - len(NAMES) + (0 if containers is None else len(CONTAINER_NAMES)))
        )
    parts = [x, _pass2_extra(p1)]
    if containers is not None:
        parts.append(container_columns(p1, block_words(x), containers))
    return np.hstack(parts)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


class Scorer(Protocol):
    """What the pipeline needs of a model: its extra column names and the two passes' scores."""

    extra_names: tuple[str, ...]

    def score(
        self, base: np.ndarray, extra: np.ndarray | None = None, containers: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]: ...


class Model:
    """The two passes' weights for one kind of input: base features plus that input's extra columns."""

    def __init__(self, pass1: dict[str, float], pass2: dict[str, float], extra_names: tuple[str, ...] = ()) -> None:
        self.extra_names = extra_names
        self._pass1 = _BaseScorer(pass1)
        self._pass1_extra = np.array([pass1.get(name, 0.0) for name in extra_names])
        self._pass2 = _BaseScorer(pass2)
        self._pass2_extra = np.array([pass2.get(name, 0.0) for name in extra_names])
        # The neighbourhood columns' weights; pass 2's one bias is in self._pass2.
        self._pass2_context = np.array([pass2.get(name, 0.0) for name in PASS2_NAMES[len(NAMES) :]])
        self._pass2_containers = np.array([pass2.get(name, 0.0) for name in CONTAINER_NAMES])

    def score(
        self, base: np.ndarray, extra: np.ndarray | None = None, containers: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Pass-1 and final (pass-2) probability that each block is main content.

        Takes the base features (``page_features(page, full=False)``) and, for inputs that add
        features, their columns (``extra_names``), and for HTML the lines' block ancestors; pass 2
        adds the neighbourhood's share to the same kind of sum, so neither pass builds a joined matrix.
        """
        if not len(base):
            return np.zeros(0), np.zeros(0)
        z1, z2 = self._pass1(base), self._pass2(base)
        if self.extra_names:
            if extra is None or extra.shape != (len(base), len(self.extra_names)):
                raise ValueError(f"this model needs {len(self.extra_names)} extra columns per block")
            z1 += extra @ self._pass1_extra
            z2 += extra @ self._pass2_extra
        p1 = _sigmoid(z1)
        lap("pass 1")
        z2 += _pass2_extra(p1) @ self._pass2_context
        if containers is not None:
            z2 += container_columns(p1, block_words(base), containers) @ self._pass2_containers
        return p1, _sigmoid(z2)


class Forest:
    """A sum of regression trees (gradient boosting), evaluated for all rows and all trees at once.

    The trees come as flat arrays: node ``k`` sends a row left when ``x[feature[k]] <= threshold[k]``,
    and a leaf's ``value`` is its share of the log-odds. On loading, each tree's nodes are renumbered
    so that a node's two children sit side by side and a leaf is its own child (with an infinite
    threshold): one step is then ``node = first_child[node] + (x > threshold)``, five array
    operations over rows x trees per level, and a page costs ``depth`` steps, never a Python loop
    over nodes.
    """

    def __init__(self, table: dict[str, object], names: tuple[str, ...]) -> None:
        if tuple(table["names"]) != names:  # type: ignore[arg-type]
            raise ValueError("the model's feature names differ from the package's: refit it")
        self.names = names
        self.bias = float(table["bias"])  # type: ignore[arg-type]
        self.depth = int(table["depth"])  # type: ignore[call-overload]
        feature, threshold = cast(list[int], table["feature"]), cast(list[float], table["threshold"])
        value, leaf = cast(list[float], table["value"]), cast(list[int], table["leaf"])
        left, right = cast(list[int], table["left"]), cast(list[int], table["right"])
        order: list[int] = []  # old node ids in their new order
        first: list[int] = []  # new id of each new node's left child (its own id for a leaf)
        roots = []
        for root in cast(list[int], table["roots"]):
            roots.append(len(order))
            order.append(root)
            first.append(-1)
            k = len(order) - 1
            while k < len(order):  # breadth first: children are appended in pairs
                old = order[k]
                if leaf[old]:
                    first[k] = k
                else:
                    first[k] = len(order)
                    order += [left[old], right[old]]
                    first += [-1, -1]
                k += 1
        self.roots = np.array(roots, dtype=np.intp)
        self.first_child = np.array(first, dtype=np.intp)
        is_leaf = np.array([leaf[k] for k in order], dtype=np.bool_)
        self.feature = np.where(is_leaf, 0, np.array([feature[k] for k in order], dtype=np.intp))
        self.threshold = np.where(is_leaf, np.inf, np.array([threshold[k] for k in order], dtype=np.float64))
        self.value = np.array([value[k] for k in order], dtype=np.float64)

    @cached_property
    def _table(self) -> object | None:
        """The compiled core's copy of the trees, packed once and expanding each row from the base
        features as it walks it; None where the core is not there or the model's columns do not
        start with :data:`~boilerstrip.features.NAMES`."""
        if _compiled_forest_table is None or self.names[: len(NAMES)] != NAMES:
            return None
        return _compiled_forest_table(self.roots, self.first_child, self.feature, self.threshold, self.value,
                                      self.depth, *_EXPANSION)  # fmt: skip

    @property
    def compiled(self) -> bool:
        """Whether :meth:`from_base` can run: the compiled trees are in use (``_compiled_forest``, which
        the checks turn off to run the pure path) and the core has this model's table."""
        return _compiled_forest is not None and self._table is not None

    def from_base(self, base: np.ndarray, tail: np.ndarray) -> np.ndarray:
        """``self(np.hstack((expand(base), tail)))``, where the compiled core expands the rows itself
        (:attr:`compiled`): the full rows of a page, 200 columns and more, are never built."""
        if self._table is None or _compiled_forest_rows is None:
            raise ValueError("the compiled trees are not in use")
        base, tail = np.ascontiguousarray(base, dtype=float), np.ascontiguousarray(tail, dtype=float)
        sums = _compiled_forest_rows(self._table, base, tail, tail.shape[1])
        return np.frombuffer(sums, dtype=np.float64) + self.bias

    def __call__(self, x: np.ndarray) -> np.ndarray:
        # In slices of rows, so a huge page's rows x trees index arrays stay small.
        if not len(x):
            return np.zeros(0)
        return np.concatenate([self._raw(x[i : i + FOREST_ROWS]) for i in range(0, len(x), FOREST_ROWS)])

    def _raw(self, x: np.ndarray) -> np.ndarray:
        flat = np.ascontiguousarray(x, dtype=float).ravel()
        if _compiled_forest is not None:  # the same walk and the same sums, a row at a time in C
            sums = _compiled_forest(flat, x.shape[1], self.roots, self.first_child, self.feature,
                                    self.threshold, self.value, self.depth)  # fmt: skip
            return np.frombuffer(sums, dtype=np.float64) + self.bias
        offsets = (np.arange(len(x)) * x.shape[1])[:, None]
        node = np.broadcast_to(self.roots, (len(x), len(self.roots)))
        for _ in range(self.depth):
            right = flat[offsets + self.feature[node]] > self.threshold[node]
            node = self.first_child[node] + right
        # Tree by tree, in order (cumsum adds one at a time, as the compiled walk does; sum() pairs).
        return np.cumsum(self.value[node], axis=1)[:, -1] + self.bias


_compiled_forest = load_compiled("forest_sum")
_compiled_stretch = cast("Callable[[np.ndarray], tuple[int, int]] | None", load_compiled("best_stretch"))
_compiled_forest_table = load_compiled("forest_table")
_compiled_forest_rows = load_compiled("forest_rows")


def _expansion() -> tuple[object, ...]:
    """How :func:`~boilerstrip.features.expand` lays a row out, as the compiled core reads it: the
    base columns, the interacting columns and prose's, then per binned column its source, edges and
    their count. Checked against :data:`~boilerstrip.features.COLUMN`: the bins follow the
    interactions, each binned column's bins right after the one before."""
    at = len(BASE_NAMES) + len(INTERACTING_COLUMNS)
    for name, _, edges in BIN_SOURCES:
        if COLUMN[f"{name}_bin0"] != at:
            raise ValueError("features.expand's layout is not the compiled core's")
        at += len(edges) + 1
    if at != len(NAMES):
        raise ValueError("features.expand's layout is not the compiled core's")
    sources = np.array([source for _, source, _ in BIN_SOURCES], dtype=np.intp)
    edges = np.concatenate([np.asarray(e, dtype=np.float64) for _, _, e in BIN_SOURCES])
    counts = np.array([len(e) for _, _, e in BIN_SOURCES], dtype=np.intp)
    return len(BASE_NAMES), INTERACTING_COLUMNS, COLUMN["prose"], sources, edges, counts


_EXPANSION = _expansion()


class TreeModel:
    """Both passes as tree ensembles over the full feature columns. An input with extra columns (HTML)
    also gives the lines' containers, which pass 2 reads; page text gives neither."""

    def __init__(self, table: dict[str, Any], extra_names: tuple[str, ...]) -> None:
        names1 = NAMES + extra_names
        self.extra_names = extra_names
        self._pass1 = Forest(table["pass1"], names1)
        context = PASS2_NAMES[len(NAMES) :] + (CONTAINER_NAMES if extra_names else ())
        self._pass2 = Forest(table["pass2"], names1 + context)

    @property
    def _forests(self) -> tuple[Forest, Forest]:
        return self._pass1, self._pass2

    def score(
        self, base: np.ndarray, extra: np.ndarray | None = None, containers: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Pass-1 and final probabilities, as :meth:`Model.score`."""
        if not len(base):
            return np.zeros(0), np.zeros(0)
        if not self.extra_names:
            extra, containers = np.zeros((len(base), 0)), None
        elif extra is None or containers is None or extra.shape != (len(base), len(self.extra_names)):
            raise ValueError(f"this model needs {len(self.extra_names)} extra columns per block and containers")
        if self._pass1.compiled and self._pass2.compiled:
            return self._compiled_score(base, extra, containers)
        # Slices of rows: the full feature rows (about 200 columns) are built a slice at a time, twice,
        # rather than held for the whole page (a page of 500,000 blocks would need 1.4 GB for them).
        slices = [slice(i, i + FOREST_ROWS) for i in range(0, len(base), FOREST_ROWS)]
        whole = np.hstack((expand(base), extra)) if len(slices) == 1 else None  # nearly every page: built once

        def rows(s: slice) -> np.ndarray:
            return whole if whole is not None else np.hstack((expand(base[s]), extra[s]))

        p1 = np.concatenate([_sigmoid(self._pass1(rows(s))) for s in slices])
        lap("pass 1")
        context = self._context(p1, base, containers)
        p2 = [_sigmoid(self._pass2(np.hstack((rows(s), context[s])))) for s in slices]
        return p1, np.concatenate(p2)

    def _compiled_score(
        self, base: np.ndarray, extra: np.ndarray, containers: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`score` in the compiled core, which expands each row as it walks it: the same sums."""
        p1 = _sigmoid(self._pass1.from_base(base, extra))
        lap("pass 1")
        context = self._context(p1, base, containers)
        # Pass 2's own columns follow the input's: joined a slice of rows at a time, so a huge page's
        # joined rows stay small (as the pure path's do).
        slices = [slice(i, i + FOREST_ROWS) for i in range(0, len(base), FOREST_ROWS)]
        sums = [self._pass2.from_base(base[s], np.hstack((extra[s], context[s]))) for s in slices]
        return p1, _sigmoid(sums[0] if len(sums) == 1 else np.concatenate(sums))

    @staticmethod
    def _context(p1: np.ndarray, base: np.ndarray, containers: np.ndarray | None) -> np.ndarray:
        """Pass 2's columns after the input's own: the neighbourhood of the pass-1 scores, and (HTML)
        how the lines sharing each container scored."""
        context = _pass2_extra(p1)
        if containers is not None:
            context = np.hstack((context, container_columns(p1, block_words(base), containers)))
        return context


def load_scorer(table: dict[str, Any], extra_names: tuple[str, ...]) -> Scorer:
    """A scorer from a model file's table: ``kind`` is ``linear`` (weights by feature name) or ``trees``."""
    if table.get("kind") == "linear":
        return Model(table["pass1"], table["pass2"], extra_names)
    if table.get("kind") == "trees":
        return TreeModel(table, extra_names)
    raise ValueError(f"unknown model kind {table.get('kind')!r}: refit it with scripts/fit_weights.py")


class ModelSet:
    """The learned models, one JSON file each in one folder (the package's ``models/``).

    Every learned part of the pipeline is read from here, lazily, so importing the package costs
    nothing and a cross-validation run can point the whole pipeline at models fitted on other folds
    (:func:`use_models`).
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder

    def table(self, name: str) -> dict[str, Any]:
        if self.folder is not None and (self.folder / f"{name}.json").exists():
            text = (self.folder / f"{name}.json").read_text(encoding="utf-8")
        else:
            text = resources.files(__package__).joinpath("models", f"{name}.json").read_text(encoding="utf-8")
        return cast(dict[str, Any], json.loads(text))

    @cached_property
    def text(self) -> Scorer:
        """Text input: both passes over the base features."""
        return load_scorer(self.table("text"), ())

    @cached_property
    def html(self) -> Scorer:
        """HTML input, boilerstrip's own features (the fast preset)."""
        return load_scorer(self.table("html"), HTML_NAMES)

    @cached_property
    def votes(self) -> Scorer:
        """HTML input with trafilatura's and readability's votes (the accurate preset)."""
        return load_scorer(self.table("votes"), HTML_NAMES + VOTE_NAMES)

    @cached_property
    def pagetype_text(self) -> PageTypeModel:
        """Page type from page text."""
        return PageTypeModel(self.table("pagetype-text"), vector_names(BASE_NAMES, text=True))

    @cached_property
    def pagetype_html(self) -> PageTypeModel:
        """Page type from HTML (the walk's columns too)."""
        return PageTypeModel(self.table("pagetype-html"), vector_names(BASE_NAMES + HTML_NAMES, hints=True))


_ACTIVE = [ModelSet()]


def models() -> ModelSet:
    """The models the pipeline uses now."""
    return _ACTIVE[-1]


@contextmanager
def use_models(folder: Path) -> Iterator[ModelSet]:
    """Score with the models in ``folder`` (files missing there come from the package) inside the block.

    For evaluation scripts: cross-validation fits models on some folds and runs the whole pipeline
    on the others with them.
    """
    _ACTIVE.append(ModelSet(folder))
    try:
        yield _ACTIVE[-1]
    finally:
        _ACTIVE.pop()
