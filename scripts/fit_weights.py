"""Fit the two scoring passes on labelled pages and write boilerstrip/weights.py.

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
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from boilerstrip.features import NAMES, block_words, page_features  # noqa: E402
from boilerstrip.score import PASS2_NAMES, pass2_features  # noqa: E402
from boilerstrip.segment import segment  # noqa: E402

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


def pages(bench: Path, every: int, labeller: str = "ours"):
    oracle = load_oracle(bench)
    for name in TOKEN_FILES:
        with gzip.open(bench / "data" / name, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i % every:
                    continue
                r = json.loads(line)
                if labeller == "oracle":
                    labels = [keep for _, keep in oracle.label_lines(r["page_text"], r["gold"])]
                else:
                    labels = label_lines(r["page_text"], r["gold"])
                page = segment(r["page_text"])
                rows = page_features(page)
                y = [int(labels[i]) for i in page.line_nos]
                words = block_words(rows).tolist()
                total = sum(words) + len(words)
                w = [(x + 1) / total for x in words]
                group = r.get("page_type") or r["dataset"]
                yield {
                    "id": r["id"],
                    "group": f"{name.split('.')[0]}/{group}",
                    "rows": rows,
                    "y": y,
                    "w": w,
                    "lines": page.texts,
                    "gold": r["gold"],
                }


MODEL = "linear"


def fit(x, y, w, c):
    if MODEL == "gbdt":  # for comparison only (--model gbdt): the package ships the linear model
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(max_iter=150, max_depth=5, learning_rate=0.1).fit(x, y, sample_weight=w)
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, max_iter=2000).fit(scaler.transform(x), y, sample_weight=w)
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


def stack(ps, key):
    x = np.vstack([p[key] for p in ps if len(p[key])])
    y = np.asarray([v for p in ps for v in p["y"]])
    w = np.asarray([v for p in ps for v in p["w"]]) * 1000
    return x, y, w


def fold_of(page_id: str, k: int) -> int:
    return int(hashlib.sha1(page_id.encode()).hexdigest(), 16) % k


def train(ps, c, folds=3):
    x, y, w = stack(ps, "rows")
    m1 = fit(x, y, w, c)
    for k in range(folds):  # out-of-fold pass-1 scores for pass 2
        inside = [p for p in ps if fold_of(p["id"], folds) != k]
        m = fit(*stack(inside, "rows"), c)
        for p in ps:
            if fold_of(p["id"], folds) == k:
                p["rows2"] = pass2_features(p["rows"], predict(m, p["rows"]))
    m2 = fit(*stack(ps, "rows2"), c)
    return m1, m2


def page_f1(pred: str, gold: str, oracle) -> float:
    return oracle.f1(pred, gold)


def evaluate(ps, m1, m2, oracle, threshold=0.5):
    by = {}
    for p in ps:
        p1 = predict(m1, p["rows"])
        p2 = predict(m2, pass2_features(p["rows"], p1))
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


def write(m1, m2, path: Path):
    def table(model, names):
        bias, coef = model
        body = "".join(f"    {n!r}: {float(v):.6g},\n" for n, v in zip(names, coef))
        return f"{{\n    'bias': {bias:.6g},\n{body}}}"

    path.write_text(
        '"""Learned weights of the two scoring passes, written by scripts/fit_weights.py: do not edit by hand.\n\n'
        "Fitted by logistic regression on line labels of the bench's dev pages (see the script's docstring).\n"
        '"""\n\n'
        f"PASS1: dict[str, float] = {table(m1, NAMES)}\n\n"
        f"PASS2: dict[str, float] = {table(m2, PASS2_NAMES)}\n".replace("'", '"'),
        encoding="utf-8",
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--labels", choices=("ours", "oracle"), default="ours", help="which line labels to learn from")
    ap.add_argument("--model", choices=("linear", "gbdt"), default="linear", help="gbdt: comparison only")
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
    global MODEL
    MODEL = args.model
    oracle = load_oracle(args.bench)
    ps = list(pages(args.bench, args.every, args.labels))
    if args.drop:
        cols = [
            i
            for i, n in enumerate(NAMES)
            if any(n == d or (d.endswith("*") and n.startswith(d[:-1])) for d in args.drop)
        ]
        for p in ps:
            if len(p["rows"]):
                p["rows"][:, cols] = 0.0
    print(f"{len(ps)} pages, {sum(len(p['y']) for p in ps)} lines", file=sys.stderr)
    if args.write_two_thirds:
        m1, m2 = train([p for p in ps if fold_of("cv" + p["id"], 3)], args.c)
        write(m1, m2, ROOT / "boilerstrip" / "weights.py")
        args.write_two_thirds.write_text("".join(p["id"] + "\n" for p in ps if not fold_of("cv" + p["id"], 3)))
        return
    if args.holdout:
        m1, m2 = train([p for p in ps if fold_of("cv" + p["id"], 3)], args.c)
        print("held-out third of the pages:")
        report(evaluate([p for p in ps if not fold_of("cv" + p["id"], 3)], m1, m2, oracle))
        return
    if args.cv:
        by: dict[str, list[float]] = {}
        for k in range(args.cv):
            m1, m2 = train([p for p in ps if fold_of("cv" + p["id"], args.cv) != k], args.c)
            for group, scores in evaluate(
                [p for p in ps if fold_of("cv" + p["id"], args.cv) == k], m1, m2, oracle
            ).items():
                by.setdefault(group, []).extend(scores)
        print(f"{args.cv}-fold cross-validation (every page scored by a model that did not see it):")
        report(by)
        return
    m1, m2 = train(ps, args.c)
    report(evaluate(ps, m1, m2, oracle))
    write(m1, m2, ROOT / "boilerstrip" / "weights.py")


if __name__ == "__main__":
    main()
