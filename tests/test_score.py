"""The scoring models: the tree ensemble evaluator and the HTML models it reads."""

from __future__ import annotations

import numpy as np
import pytest

from boilerstrip import score
from boilerstrip.features import NAMES
from boilerstrip.html import HTML_NAMES
from boilerstrip.thresholds import FOREST_ROWS


def _stump_table(names: tuple[str, ...]) -> dict[str, object]:
    # tree 0: x0 <= 0.5 -> -1 else (x1 <= 2 -> 0.5 else 2); tree 1: a single leaf of 0.25
    return {
        "names": list(names),
        "bias": 0.1,
        "feature": [0, 0, 1, 0, 0, 0],
        "threshold": [0.5, 0, 2.0, 0, 0, 0],
        "left": [1, 0, 3, 0, 0, 0],
        "right": [2, 0, 4, 0, 0, 0],
        "value": [0, -1.0, 0, 0.5, 2.0, 0.25],
        "leaf": [0, 1, 0, 1, 1, 1],
        "roots": [0, 5],
        "depth": 2,
    }


def test_forest_follows_each_tree_to_its_leaf() -> None:
    forest = score.Forest(_stump_table(("a", "b")), ("a", "b"))
    x = np.array([[0.2, 9.0], [0.9, 1.0], [0.9, 3.0], [0.5, 0.0]])
    assert forest(x).tolist() == pytest.approx([-0.65, 0.85, 2.35, -0.65])


def test_forest_gives_the_same_in_slices() -> None:
    forest = score.Forest(_stump_table(("a", "b")), ("a", "b"))
    x = np.random.default_rng(1).uniform(0, 4, size=(FOREST_ROWS * 2 + 17, 2))
    whole = forest(x)
    assert len(whole) == len(x)
    assert whole.tolist() == [forest(row[None, :])[0] for row in x]


def test_forest_refuses_other_feature_names() -> None:
    with pytest.raises(ValueError, match="refit"):
        score.Forest(_stump_table(("a", "b")), ("a", "c"))


def test_shipped_html_models_match_the_features() -> None:
    shipped = score.ModelSet()
    for model in (shipped.html, shipped.votes):
        assert isinstance(model, score.TreeModel)  # loading raises if the names differ from the package's
        pass1, pass2 = model._forests
        assert pass1.feature.max() < len(NAMES) + len(model.extra_names)
        assert len(pass2.roots) > 0
    assert shipped.html.extra_names == HTML_NAMES


def test_the_shipped_text_model_is_trees_over_the_base_features() -> None:
    model = score.ModelSet().text
    assert isinstance(model, score.TreeModel) and model.extra_names == ()
    pass1, pass2 = model._forests
    assert pass1.feature.max() < len(NAMES) and len(pass2.roots) == len(pass1.roots)
    p1, p2 = model.score(np.zeros((4, len(score.BASE_NAMES))))  # no extra columns, no containers
    assert p1.shape == p2.shape == (4,) and ((p2 >= 0) & (p2 <= 1)).all()


def test_models_refuse_missing_columns() -> None:
    base = np.zeros((3, len(score.BASE_NAMES)))
    with pytest.raises(ValueError):
        score.models().html.score(base)
    with pytest.raises(ValueError):
        score.Model({}, {}, ("x",)).score(base)
