"""Could a fitted model tell the near misses the abstention rules let through from answerable
questions? A logistic model over retrieval, evidence and lead-sentence features, fitted
leave-one-set-out (the development sets count as one set), scored on the questions the rules
answer.

    .venv/bin/python bench/abstention_model.py --store STORE eval/shared.jsonl eval/heldout3.jsonl

Prints the cross-validated AUC and, per threshold, how many unanswerable questions the model
would decline and how many answerable ones it would lose. Only counts are printed, so it can run
on held-out sets. scikit-learn comes with sentence-transformers. The store must hold the sets'
corpora (`scqa eval ... --corpus` builds one).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from scqa import Assistant, load_questions  # noqa: E402
from scqa.answer_types import has_type  # noqa: E402
from scqa.extractive import ExtractiveGenerator  # noqa: E402
from scqa.generation import GenerationRequest  # noqa: E402
from scqa.question_types import expected_type  # noqa: E402

DEVELOPMENT = {"shared", "sample", "probe", "probe2", "heldout2"}
TYPES = [
    "date",
    "day",
    "month",
    "year",
    "number",
    "amount",
    "share",
    "person",
    "who",
    "place",
    "organisation",
    "reason",
    "statement",
    "docnumber",
]


def features(a: Assistant, gen: ExtractiveGenerator, question) -> dict[str, float]:
    """What the abstention decision could read: the evidence score and its parts, the fused and
    per-signal scores of the top passage, the answerer's best sentence, the answer type."""
    history = list(question.history)
    judged = a.assess(question.question, history)
    language, query, hits = a.retrieve(question.question, history=history)
    request = GenerationRequest(query, language, hits, history, a.settings.answer_chars)
    ranked = gen.select(request)
    kind = expected_type(query)
    top = ranked[0] if ranked else None
    first = hits[0] if hits else None
    f = {
        "score": judged["score"],
        "dense": judged.get("dense", 0.0),
        "coverage": judged.get("coverage", 0.0),
        "missing": len(judged["missing"]),
        "top_dense": first.scores.get("dense", 0.0) if first else 0.0,
        "top_bm25": first.scores.get("bm25", 0.0) if first else 0.0,
        "top_folded": first.scores.get("folded", 0.0) if first else 0.0,
        "top_fused": first.score if first else 0.0,
        "margin": hits[0].score - hits[1].score if len(hits) > 1 else 0.0,
        "lead_coverage": top.coverage if top else 0.0,
        "lead_similarity": top.similarity if top else 0.0,
        "lead_score": top.score if top else 0.0,
        "typed": sum(has_type(c.sentence, kind, query, c.before) for c in ranked[:6]),
        "untyped": kind is None,
        "english": language == "en",
        "other_language": bool(first) and first.chunk.language != language,
        "followup": bool(history),
        "words": len(query.split()),
    }
    f.update({f"type_{t}": kind == t for t in TYPES})
    return {k: float(v) for k, v in f.items()}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--store", required=True)
    p.add_argument("sets", nargs="+")
    args = p.parse_args()
    rows = []
    with Assistant(store=args.store) as a:
        gen = ExtractiveGenerator(a.memo)
        for path in args.sets:
            group = "development" if Path(path).stem in DEVELOPMENT else Path(path).stem
            for q in load_questions(path):
                answered = not a.ask(q.question, history=list(q.history)).abstained
                rows.append((group, q.answerable, answered, features(a, gen, q)))
    keys = sorted(rows[0][3])
    scores, labels = [], []
    for group in sorted({r[0] for r in rows}):
        train = [r for r in rows if r[0] != group and r[2]]
        test = [r for r in rows if r[0] == group and r[2]]
        if not test:
            continue
        x = np.array([[r[3][k] for k in keys] for r in train])
        y = [0 if r[1] else 1 for r in train]
        scale = StandardScaler().fit(x)
        model = LogisticRegression(max_iter=2000, C=0.5).fit(scale.transform(x), y)
        xt = np.array([[r[3][k] for k in keys] for r in test])
        scores += list(model.predict_proba(scale.transform(xt))[:, 1])
        labels += [0 if r[1] else 1 for r in test]
    s, y = np.array(scores), np.array(labels)
    print(f"questions the rules answer: {len(y)}, of them unanswerable: {int(y.sum())}")
    print(f"leave-one-set-out AUC: {roc_auc_score(y, s):.3f}")
    for t in (0.1, 0.2, 0.3, 0.5):
        caught = int(((s > t) & (y == 1)).sum())
        lost = int(((s > t) & (y == 0)).sum())
        print(f"threshold {t}: declines {caught} of {int(y.sum())} unanswerable, {lost} answerable")


if __name__ == "__main__":
    main()
