"""Fit the two scoring passes on labelled pages and write boilerstrip/models/<mode>.json.

    python scripts/fit_weights.py --bench ../shared/bench            # fit on both dev files, write weights
    python scripts/fit_weights.py --bench ../shared/bench --cv 3      # F1 on unseen pages, write nothing

Line labels: a line is content when most of its words are in the gold (see label_lines; --labels oracle
uses the bench's oracle instead).
Each line is weighted by its share of the page's words, so every page counts alike, as in the
per-page mean F1 we are judged by. Pass 2 is trained on pass-1 scores predicted out of fold, so it
learns how much to trust pass 1 on pages pass 1 has not seen. Needs scikit-learn (dev only).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from boilerstrip.features import BASE_NAMES, NAMES, block_words, page_features  # noqa: E402
from boilerstrip.html import HTML_NAMES, html_page  # noqa: E402
from boilerstrip.pagetype import PAGE_TYPES, page_vector, vector_names  # noqa: E402
from boilerstrip.score import CONTAINER_NAMES, PASS2_NAMES, pass2_features  # noqa: E402
from boilerstrip.segment import segment  # noqa: E402
from boilerstrip.votes import VOTE_NAMES, VOTERS, vote_columns, voter_output  # noqa: E402

#: What each --mode fits: the extra columns it adds to the base features, and the module it writes.
MODES = {
    "text": ((), "models/text.json"),
    "html": (HTML_NAMES, "models/html.json"),
    "votes": (HTML_NAMES + VOTE_NAMES, "models/votes.json"),
    "pagetype": ((), "models/pagetype-text.json and models/pagetype-html.json"),
}

TOKEN_FILES = ("dev.jsonl.gz", "wceb-dev.jsonl.gz")


def load_oracle(bench: Path):
    spec = importlib.util.spec_from_file_location("oracle", bench / "oracle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOKEN = re.compile(r"\w+")


def label_lines(page_text: str, gold: str) -> list[bool]:
    """Content labels per input line: like the bench's oracle, but longer lines claim gold words first.

    The oracle goes top to bottom, so a menu item ("Projects") takes a gold word that belongs to the
    article further down. Letting lines claim their words longest first gives cleaner labels to learn
    from; a line is content when at least half its words are still unclaimed gold words.
    """
    lines = page_text.splitlines()
    unused = Counter(TOKEN.findall(gold.lower()))
    tokens = [Counter(TOKEN.findall(line.lower())) for line in lines]
    labels = [False] * len(lines)
    for i in sorted(range(len(lines)), key=lambda i: -sum(tokens[i].values())):
        t = tokens[i]
        if t and sum((t & unused).values()) >= 0.5 * sum(t.values()):
            labels[i] = True
            unused -= t
    return labels


def load_votes(folder: Path | None) -> dict[str, tuple[str, ...]]:
    """Voters' outputs cached by page id (pickles of {id: outputs}), so refits need not rerun them."""
    cached: dict[str, tuple[str, ...]] = {}
    if folder is not None:
        import pickle

        for path in sorted(folder.glob("*.pkl")):
            cached.update(pickle.loads(path.read_bytes()))
    return cached


def page_input(r: dict, mode: str, cached_votes: dict[str, tuple[str, ...]]):
    """The text to segment, the extra columns and the containers of one page, as the package makes them."""
    if mode == "text":
        return r["page_text"], None, None
    hp = html_page(r["html"])
    if mode == "html":
        return hp.text, hp.columns, hp.containers
    outputs = cached_votes.get(r["id"]) or tuple(voter_output(v, r["html"]) for v in VOTERS)
    return hp.text, np.hstack((hp.columns, vote_columns(hp.text.splitlines(), outputs))), hp.containers


def read_records(bench: Path, every: int = 1):
    """The dev pages of both bench files, each with the name of its file (``dev`` or ``wceb-dev``)."""
    for name in TOKEN_FILES:
        with gzip.open(bench / "data" / name, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i % every == 0:
                    yield {**json.loads(line), "file": name.split(".")[0]}


def example(r: dict, mode: str, labeller: str = "ours", oracle=None, cached_votes=None) -> dict:
    """One page as training data: its blocks' feature rows, labels, weights and what evaluation needs."""
    text, extra, containers = page_input(r, mode, cached_votes or {})
    if labeller == "oracle":
        labels = [keep for _, keep in oracle.label_lines(text, r["gold"])]
    else:
        labels = label_lines(text, r["gold"])
    page = segment(text)
    rows = page_features(page, cohesion=extra is None)
    if extra is not None:
        rows = np.hstack((rows, extra))
    y = [int(labels[i]) for i in page.line_nos]
    words = block_words(rows).tolist()
    total = sum(words) + len(words)
    group = r.get("page_type") or r["dataset"]
    return {
        "id": r["id"],
        "host": host_of(r),
        "group": f"{r['file']}/{group}",
        "rows": rows,
        "y": y,
        "w": [(x + 1) / total for x in words],
        "lines": page.texts,
        "containers": containers,
        "gold": r["gold"],
    }


def host_of(r: dict) -> str:
    """The page's site, for folds that never split a site (``www.`` and case ignored)."""
    host = (r.get("url") or "").split("//", 1)[-1].split("/", 1)[0].lower()
    host = host.removeprefix("www.")
    return host or r["id"]


def pages(bench: Path, every: int, labeller: str = "ours", mode: str = "text", votes_dir: Path | None = None):
    oracle = load_oracle(bench)
    cached_votes = load_votes(votes_dir) if mode == "votes" else {}
    for r in read_records(bench, every):
        yield example(r, mode, labeller, oracle, cached_votes)


MODEL = "gbdt"
#: What the text model is fitted as by fit_models ("gbdt" or "linear"; crossval.py --text-model).
TEXT_MODEL = "gbdt"

#: The vote model's trees (the accurate preset).
TREES = {"max_iter": 150, "max_depth": 5, "learning_rate": 0.1}
#: The HTML model's: leaves of 100 lines at least, with an L2 penalty of 1 on their values, as for
#: page text below (out of fold, three seeds: WCXB +0.0015 and WCEB +0.0004 on the means, against
#: scikit-learn's defaults of 20 lines and no penalty; WCXB gains in every fit).
HTML_TREES = {**TREES, "min_samples_leaf": 100, "l2_regularization": 1.0}
#: The text model's: half as many at twice the rate, the same F1 out of fold as 150 (WCXB 0.810,
#: WCEB 0.879 against 0.810 and 0.878) for half the time on the lines of page text, where the trees
#: are a larger share of the run than on HTML. Leaves of 100 lines at least, with an L2 penalty of 1
#: on their values: a page-text leaf fitted to a few dozen lines learns one site's layout (out of
#: fold, three seeds: WCXB +0.0009, WCEB +0.0003 against the defaults of 20 lines and no penalty).
TEXT_TREES = {"max_iter": 75, "max_depth": 5, "learning_rate": 0.2, "min_samples_leaf": 100, "l2_regularization": 1.0}
#: The options ``fit`` uses now (:func:`trees_for` the mode being fitted).
_OPTIONS = TREES


def trees_for(mode: str) -> dict:
    """The tree options of a mode's model: TEXT_TREES, HTML_TREES or (votes) TREES."""
    return TEXT_TREES if mode == "text" else HTML_TREES if mode == "html" else TREES


def tree_options(items: list[str]) -> dict:
    """``KEY=VALUE`` words (``max_depth=6 l2_regularization=1.0``) as HistGradientBoosting options."""
    options: dict = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"--trees wants KEY=VALUE, not {item!r}")
        if value in ("True", "False", "None"):  # early_stopping=False, max_leaf_nodes=None
            options[key] = {"True": True, "False": False, "None": None}[value]
            continue
        try:
            options[key] = int(value)
        except ValueError:
            try:
                options[key] = float(value)
            except ValueError:
                options[key] = value
    return options


def fit(x, y, w, c):
    if MODEL == "gbdt":
        from sklearn.ensemble import HistGradientBoostingClassifier

        # Seed 0 unless the options name one (``--trees random_state=1``: another fit's noise, measured).
        return HistGradientBoostingClassifier(**{"random_state": 0, **_OPTIONS}).fit(x, y, sample_weight=w)
    from sklearn.linear_model import LogisticRegression  # (the fit extra: imported where a fit needs it)
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    # Newton-Cholesky: a few exact steps, fast for many rows and a few hundred columns (lbfgs took minutes).
    model = LogisticRegression(C=c, solver="newton-cholesky", max_iter=100).fit(scaler.transform(x), y, sample_weight=w)
    coef = model.coef_[0] / scaler.scale_
    bias = float(model.intercept_[0] - np.sum(model.coef_[0] * scaler.mean_ / scaler.scale_))
    return bias, coef


def predict(model, rows):
    if not len(rows):
        return np.zeros(0)
    if not isinstance(model, tuple):
        return model.predict_proba(rows)[:, 1]
    bias, coef = model
    z = rows @ coef + bias
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))


def predict_pages(model, matrices):
    """Predictions for many pages in one call (a tree model's per-call cost is high), split back by page."""
    sizes = [len(m) for m in matrices]
    full = [m for m in matrices if len(m)]
    if not full:
        return [np.zeros(0) for _ in matrices]
    flat = predict(model, np.vstack(full))
    return np.split(flat, np.cumsum(sizes)[:-1])


def stack(ps, key):
    x = np.vstack([p[key] for p in ps if len(p[key])])
    y = np.asarray([v for p in ps for v in p["y"]])
    w = np.asarray([v for p in ps for v in p["w"]]) * 1000
    return x, y, w


def fold_of(key: str, k: int) -> int:
    """A stable fold number for a page id or a host."""
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % k


def train(ps, c, folds=3):
    x, y, w = stack(ps, "rows")
    m1 = fit(x, y, w, c)
    for k in range(folds):  # out-of-fold pass-1 scores for pass 2, folds grouped by site
        inside = [p for p in ps if fold_of(p["host"], folds) != k]
        m = fit(*stack(inside, "rows"), c)
        outside = [p for p in ps if fold_of(p["host"], folds) == k]
        for p, p1 in zip(outside, predict_pages(m, [p["rows"] for p in outside])):
            p["rows2"] = pass2_features(p["rows"], p1, p["containers"])
    m2 = fit(*stack(ps, "rows2"), c)
    return m1, m2


PAGETYPE_C = 0.1
#: The classic sets' pages (WCEB) carry no page type; they are news and general articles, and enter
#: the page-type fit as articles at this weight each (a WCXB page weighs 1; 0 leaves them out). From
#: page text, without them, the model called 31% of WCEB pages forums and 9% listings (out of fold);
#: at 0.3, 1% and 0.6%, for 1.4 points of WCXB type accuracy. From HTML it called 7% and 16%, but
#: those listings are where the list-page rule recovered WCEB text (+0.0017 F1), so there they stay out.
UNTYPED_WEIGHT = {"text": 0.3, "html": 0.0}
UNTYPED_LABEL = "article"


def pagetype_rows(records, source: str):
    """Page vectors, page-type labels, ids and weights: the WCXB records with their type, the others
    (WCEB) as :data:`UNTYPED_LABEL` at :data:`UNTYPED_WEIGHT` (left out at 0)."""
    xs, ys, ids, ws = [], [], [], []
    for r in records:
        if not r.get("page_type") and UNTYPED_WEIGHT[source] <= 0:
            continue
        if source == "text":
            page = segment(r["page_text"])
            columns = page_features(page, full=False)
        else:
            hp = html_page(r["html"])
            page = segment(hp.text)
            columns = np.hstack((page_features(page, full=False, cohesion=False), hp.columns))
        markup = r["html"] if source == "html" else None
        lines = page.stripped if source == "text" else None
        xs.append(page_vector(columns, block_words(columns).tolist(), markup, lines))
        ys.append(PAGE_TYPES.index(r.get("page_type") or UNTYPED_LABEL))
        ids.append(r["id"])
        ws.append(1.0 if r.get("page_type") else UNTYPED_WEIGHT[source])
    return np.vstack(xs), np.asarray(ys), ids, np.asarray(ws)


def fit_pagetype(x, y, c: float = PAGETYPE_C, weights=None) -> dict:
    """A softmax model's table (models/pagetype-*.json) from page vectors, labels and row weights."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=c, max_iter=3000).fit((x - scaler.mean_) / scale, y, sample_weight=weights)
    return {"mean": scaler.mean_.tolist(), "scale": scale.tolist(), "coef": model.coef_.tolist(),
            "bias": model.intercept_.tolist()}  # fmt: skip


def write_pagetype(x, y, source: str, path: Path, weights=None) -> None:
    names = vector_names(BASE_NAMES + (HTML_NAMES if source == "html" else ()), source == "html", source == "text")
    doc = (
        f"written by scripts/fit_weights.py --mode pagetype: softmax (C={PAGETYPE_C}) over page vectors, {source};"
        f" WCEB pages as {UNTYPED_LABEL} at weight {UNTYPED_WEIGHT[source]}"
    )
    table = {"_doc": doc, "kind": "softmax", "names": list(names), "classes": list(PAGE_TYPES),
             **fit_pagetype(x, y, weights=weights)}  # fmt: skip
    path.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")


PAGETYPE_CS = (0.01, 0.03, 0.1, 0.3, 1.0)


def pagetype_cv(records, folds: int = 5, sources=("text", "html")) -> dict:
    """Out-of-fold accuracy of the page-type classifier, folds grouped by site, for each C of
    :data:`PAGETYPE_CS` (the capacity is chosen by this figure); per-type recall at PAGETYPE_C."""
    rows = {}
    for source in sources:
        x, y, ids, w = rows[source] = pagetype_rows(records, source)
        hosts = {r["id"]: host_of(r) for r in records}
        fold = np.array([fold_of(hosts[i], folds) for i in ids])
        typed = w == 1.0  # accuracy is measured on the pages labelled with a type (WCXB)
        for c in PAGETYPE_CS:
            predicted = np.zeros(len(y), dtype=int)
            for k in range(folds):
                table = fit_pagetype(x[fold != k], y[fold != k], c, w[fold != k])
                z = ((x[fold == k] - table["mean"]) / table["scale"]) @ np.asarray(table["coef"]).T + table["bias"]
                predicted[fold == k] = z.argmax(axis=1)
            right = np.mean(predicted[typed] == y[typed])
            print(f"page type from {source}, C={c}: out-of-fold accuracy {right:.3f} ({typed.sum()} WCXB pages)")
            if c == PAGETYPE_C:
                chosen = predicted
        predicted, y = chosen[typed], y[typed]
        for c, name in enumerate(PAGE_TYPES):
            mine = y == c
            print(f"  {name:14} recall {np.mean(predicted[mine] == c):.3f} ({mine.sum()})")
    return rows


def fit_models(
    records, modes, fold: dict[str, int], folds: int, folder: Path, votes_dir: Path | None = None, c: float = 1.0
):
    """Every learned model, once per held-out fold: ``folder/fold{k}/{mode}.json`` from the other folds.

    The cross-validation script runs the whole pipeline on fold k with the models in ``fold{k}``.
    Models already in ``folder`` are kept (delete them to refit). Each takes :func:`trees_for` its
    mode (the text model may be linear instead, with :data:`TEXT_MODEL`);
    ``c`` is the linear (text) models' inverse regularisation.
    """
    global MODEL, _OPTIONS
    cached_votes = load_votes(votes_dir) if "votes" in modes else {}
    for source in ("text", "html") if "pagetype" in modes else ():
        todo = [k for k in range(folds) if not (folder / f"fold{k}" / f"pagetype-{source}.json").exists()]
        if todo:
            x, y, ids, w = pagetype_rows(records, source)
            for k in todo:
                inside = np.array([fold[i] != k for i in ids])
                (folder / f"fold{k}").mkdir(parents=True, exist_ok=True)
                path = folder / f"fold{k}" / f"pagetype-{source}.json"
                write_pagetype(x[inside], y[inside], source, path, w[inside])
    for mode in (m for m in modes if m != "pagetype"):
        todo = [k for k in range(folds) if not (folder / f"fold{k}" / f"{mode}.json").exists()]
        if not todo:
            continue
        MODEL = TEXT_MODEL if mode == "text" else "gbdt"
        _OPTIONS = trees_for(mode)
        examples = [example(r, mode, cached_votes=cached_votes) for r in records]
        for k in todo:
            m1, m2 = train([e for e in examples if fold[e["id"]] != k], c)
            (folder / f"fold{k}").mkdir(parents=True, exist_ok=True)
            write(m1, m2, mode, folder / f"fold{k}" / f"{mode}.json")
            print(f"  {mode} fold {k} fitted", file=sys.stderr)


def page_f1(pred: str, gold: str, oracle) -> float:
    return oracle.f1(pred, gold)


def evaluate(ps, m1, m2, oracle, threshold=0.5):
    by = {}
    p1s = predict_pages(m1, [p["rows"] for p in ps])
    p2s = predict_pages(m2, [pass2_features(p["rows"], p1, p["containers"]) for p, p1 in zip(ps, p1s)])
    for p, p2 in zip(ps, p2s):
        out = "\n".join(line for line, q in zip(p["lines"], p2) if q >= threshold)
        by.setdefault(p["group"], []).append(oracle.f1(out, p["gold"]))
    return by


def report(by):
    for prefix in ("dev", "wceb-dev"):
        vals = [v for g, vs in by.items() if g.startswith(prefix + "/") for v in vs]
        if vals:
            print(f"{prefix}: F1 {statistics.fmean(vals):.3f} ({len(vals)} pages)")
    for g, vs in sorted(by.items()):
        print(f"  {g:28} {statistics.fmean(vs):.3f} ({len(vs)})")


def forest_table(model, names) -> dict:
    """A fitted HistGradientBoostingClassifier as the flat arrays boilerstrip.score.Forest reads."""
    table = {
        "names": list(names),
        "bias": float(np.ravel(model._baseline_prediction)[0]),
        "feature": [],
        "threshold": [],
        "left": [],
        "right": [],
        "value": [],
        "leaf": [],
        "roots": [],
        "depth": 0,
    }
    for (tree,) in model._predictors:
        nodes, start = tree.nodes, len(table["feature"])
        table["roots"].append(start)
        table["feature"] += [int(v) for v in nodes["feature_idx"]]
        table["threshold"] += [float(v) for v in nodes["num_threshold"]]
        table["left"] += [int(v) + start for v in nodes["left"]]
        table["right"] += [int(v) + start for v in nodes["right"]]
        table["value"] += [float(v) for v in nodes["value"]]
        table["leaf"] += [int(v) for v in nodes["is_leaf"]]
        table["depth"] = max(table["depth"], int(nodes["depth"].max()))
    return table


def model_table(m1, m2, mode: str) -> dict:
    """Both passes as one model file's table (the one format of boilerstrip/models/*.json)."""
    extra_names, _ = MODES[mode]
    names = NAMES + extra_names
    names2 = names + PASS2_NAMES[len(NAMES) :] + (CONTAINER_NAMES if extra_names else ())
    if isinstance(m1, tuple) and extra_names:
        raise SystemExit("the package reads HTML models as trees: fit them with --model gbdt (the default)")
    if not isinstance(m1, tuple):
        doc = f"written by scripts/fit_weights.py --mode {mode}: gradient-boosted trees, {_OPTIONS}"
        return {"_doc": doc, "kind": "trees", "pass1": forest_table(m1, names), "pass2": forest_table(m2, names2)}

    def weights(model, names):
        bias, coef = model
        return {"bias": float(bias), **{n: float(f"{v:.6g}") for n, v in zip(names, coef)}}

    doc = f"written by scripts/fit_weights.py --mode {mode}: logistic regression on line labels of the dev pages"
    return {"_doc": doc, "kind": "linear", "pass1": weights(m1, names), "pass2": weights(m2, names2)}


def write(m1, m2, mode: str, path: Path | None = None):
    path = path or ROOT / "boilerstrip" / MODES[mode][1]
    path.write_text(json.dumps(model_table(m1, m2, mode), separators=(",", ":")) + "\n", encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--mode", choices=tuple(MODES), default="text", help="which input's model to fit")
    ap.add_argument("--output", type=Path, help="write the model here instead of into the package")
    ap.add_argument("--votes-cache", type=Path, help="folder of pickled voter outputs by page id (--mode votes)")
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--labels", choices=("ours", "oracle"), default="ours", help="which line labels to learn from")
    ap.add_argument("--model", choices=("linear", "gbdt"), help="default: gbdt (the package reads linear too)")
    ap.add_argument(
        "--trees",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help=f"tree options over the default ({TEXT_TREES} for text, {HTML_TREES} for html, {TREES} for votes)",
    )
    ap.add_argument("--holdout", action="store_true", help="fit on 2/3 of the pages, report the other third")
    ap.add_argument(
        "--write-two-thirds",
        type=Path,
        metavar="IDS_FILE",
        help="fit on the --holdout training pages, write the weights and the held-out ids to IDS_FILE "
        "(for: evaluate.py --ids IDS_FILE, an out-of-sample figure of the whole pipeline)",
    )
    ap.add_argument("--drop", nargs="*", default=[], help="feature names (or prefixes*) to zero, for ablations")
    ap.add_argument(
        "--cv", type=int, default=0, help="k-fold cross-validation: report F1 on unseen pages, write nothing"
    )
    args = ap.parse_args()
    global MODEL, _OPTIONS
    MODEL = args.model or "gbdt"
    _OPTIONS = trees_for(args.mode)
    _OPTIONS.update(tree_options(args.trees))
    if args.mode == "pagetype":
        records = list(read_records(args.bench, args.every))
        rows = pagetype_cv(records, sources=("html",) if args.every > 1 else ("text", "html"))
        if not (args.cv or args.holdout):
            for source in ("text", "html"):
                x, y, _, w = rows[source] if source in rows else pagetype_rows(records, source)
                write_pagetype(x, y, source, ROOT / "boilerstrip" / "models" / f"pagetype-{source}.json", w)
        return
    oracle = load_oracle(args.bench)
    ps = list(pages(args.bench, args.every, args.labels, args.mode, args.votes_cache))
    if args.drop:
        cols = [
            i
            for i, n in enumerate(NAMES + MODES[args.mode][0])
            if any(n == d or (d.endswith("*") and n.startswith(d[:-1])) for d in args.drop)
        ]
        for p in ps:
            if len(p["rows"]):
                p["rows"][:, cols] = 0.0
    print(f"{len(ps)} pages, {sum(len(p['y']) for p in ps)} lines", file=sys.stderr)
    if args.write_two_thirds:
        m1, m2 = train([p for p in ps if fold_of("cv" + p["host"], 3)], args.c)
        write(m1, m2, args.mode, args.output)
        args.write_two_thirds.write_text("".join(p["id"] + "\n" for p in ps if not fold_of("cv" + p["host"], 3)))
        return
    if args.holdout:
        m1, m2 = train([p for p in ps if fold_of("cv" + p["host"], 3)], args.c)
        print("held-out third of the pages:")
        report(evaluate([p for p in ps if not fold_of("cv" + p["host"], 3)], m1, m2, oracle))
        return
    if args.cv:
        by: dict[str, list[float]] = {}
        for k in range(args.cv):
            m1, m2 = train([p for p in ps if fold_of("cv" + p["host"], args.cv) != k], args.c)
            for group, scores in evaluate(
                [p for p in ps if fold_of("cv" + p["host"], args.cv) == k], m1, m2, oracle
            ).items():
                by.setdefault(group, []).extend(scores)
        print(f"{args.cv}-fold cross-validation (every page scored by a model that did not see it):")
        report(by)
        return
    m1, m2 = train(ps, args.c)
    write(m1, m2, args.mode, args.output)
    report(evaluate(ps, m1, m2, oracle))


if __name__ == "__main__":
    main()
