"""The scoring models: the tree ensemble evaluator and the HTML models it reads."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boilerstrip import score
from boilerstrip.features import COLUMN, NAMES, page_features, windowed_mean
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


def _stacked_pass2_extra(p1: np.ndarray) -> np.ndarray:
    """The pass-2 neighbourhood columns by their definition, stacked (what _pass2_extra fills in place)."""
    n = len(p1)
    start, end = score.best_stretch((p1 - score.REGION_PIVOT).tolist())
    idx = np.arange(n)
    distance = np.where(idx < start, start - idx, np.where(idx >= end, idx - end + 1, 0))
    positive = (p1 >= score.REGION_PIVOT).astype(float)
    total_positive = positive.sum() or 1.0
    seen = np.cumsum(positive) - positive
    clipped = np.clip(p1, 1e-4, 1 - 1e-4)
    near = [windowed_mean(p1, half, include_self=True) for half in (1, 3, 8)]
    extra = np.column_stack(
        (p1, np.log(clipped / (1 - clipped)) / 5.0, *near, np.concatenate(([0.0], p1[:-1])),
         np.concatenate((p1[1:], [0.0])), (distance == 0) & (end > start), np.minimum(distance / 20.0, 1.0),
         seen / total_positive, 1.0 - (seen + positive) / total_positive)
    )  # fmt: skip
    bins = [np.eye(len(edges) + 1)[np.digitize(extra[:, score.PASS2_EXTRA.index(name)], edges)]
            for name, edges in score.PASS2_BINS.items()]  # fmt: skip
    return np.hstack((extra, *bins))


def _sorted_container_columns(p1: np.ndarray, words: np.ndarray, containers: np.ndarray) -> np.ndarray:
    """The container columns with every level's ids grouped by np.unique (a sort)."""
    out = np.zeros((len(p1), len(score.CONTAINER_NAMES)))
    weight = words + 1.0
    for j in range(containers.shape[1]):
        _, group = np.unique(containers[:, j], return_inverse=True)
        total = np.bincount(group, weights=weight)
        out[:, 2 * j] = (np.bincount(group, weights=weight * p1) / total)[group]
        out[:, 2 * j + 1] = np.log(np.bincount(group)[group]) / 4.0
    return out


_SCORES = st.lists(st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0]) | st.floats(0.0, 1.0), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(_SCORES)
def test_pass2_columns_are_their_definition(p1: list[float]) -> None:
    array = np.array(p1)
    assert score._pass2_extra(array).tobytes() == _stacked_pass2_extra(array).tobytes()


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_container_columns_group_as_a_sort_would(data: st.DataObject) -> None:
    p1 = np.array(data.draw(_SCORES))
    n = len(p1)
    words = np.array(data.draw(st.lists(st.integers(0, 300), min_size=n, max_size=n)), dtype=float)
    span = data.draw(st.sampled_from([3, n, 50 * n, 10**9]))  # narrow ids, and ids too wide to count
    ids = data.draw(st.lists(st.integers(-span, span), min_size=4 * n, max_size=4 * n))
    containers = np.array(ids, dtype=np.intp).reshape(n, 4)
    got = score.container_columns(p1, words, containers)
    assert got.tobytes() == _sorted_container_columns(p1, words, containers).tobytes()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ΑΣσςΒ\u0301\u00ad İIiı.aA\u00df", max_size=8), min_size=1, max_size=6))
def test_lower_case_line_by_line_is_the_pages_lower_case(lines: list[str]) -> None:
    # page_features lower-cases each line alone; a capital sigma's final form depends on its neighbours,
    # and a line break stops that look-around, so the page's lower case split at its breaks is the same.
    assert list(map(str.lower, lines)) == "\n".join(lines).lower().split("\n")


_ARTICLE = [
    "Volunteers pull two tonnes of rubbish from the Alder River",
    "More than three hundred volunteers waded along the banks of the Alder River on Saturday, hauling trolleys,"
    " tyres and plastic sheeting out of the water between the old mill and the railway bridge.",
    "The cleanup, organised by the Alder River Trust, covered six kilometres of riverbank; volunteers filled"
    " four hundred bags, and a council lorry carried away the heavier finds from the river.",
    "The trust has asked the council to install cameras near the railway bridge, where fly-tipping on the"
    " riverbank remains a problem for residents and for the volunteers who clear it.",
    "Bakery wins national award",
    "A family bakery on Mill Lane has won a national award for its sourdough loaf, beating more than two"
    " hundred entries from across the country.",
    "Share",
]


def test_cohesion_tells_the_articles_lines_from_a_teaser_for_another_story() -> None:
    from boilerstrip.segment import segment

    x = page_features(segment("\n".join(_ARTICLE)), full=False)
    cohesion = x[:, COLUMN["cohesion"]]
    assert cohesion[0] >= 0.5  # the headline's words run through the article
    assert min(cohesion[1:4]) > 0.3  # each paragraph shares its topic with the others
    assert cohesion[5] < 0.2  # the teaser's long line shares little: its words are its own
    assert cohesion[4] > 0.5  # (its title repeats them: a line is judged against every long line)
    assert cohesion[6] == 0.0  # no content word at all


def test_html_input_leaves_cohesion_to_the_markup() -> None:
    from boilerstrip.segment import segment

    page = segment("\n".join(_ARTICLE))
    assert not page_features(page, full=False, cohesion=False)[:, COLUMN["cohesion"]].any()
    assert np.array_equal(
        np.delete(page_features(page, full=False, cohesion=False), COLUMN["cohesion"], axis=1),
        np.delete(page_features(page, full=False), COLUMN["cohesion"], axis=1),
    )
