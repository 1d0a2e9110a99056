"""Grid search of fusion weights on the eval sets, from each signal's ranked list computed once.

    .venv/bin/python bench/tune_fusion.py --store /tmp/store eval/shared.jsonl eval/sample.jsonl

Prints hit@5 / MRR of the answerable questions (overall, Vietnamese, English, no-diacritics) for
each weight combination, best MRR first. Near-duplicate collapse is not applied here.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

sys.path.insert(0, str(Path(__file__).parent))
from measure_retrieval import load  # noqa: E402

from scqa import Assistant  # noqa: E402
from scqa.filters import Filters  # noqa: E402
from scqa.retrieval import RRF_K, unmarked_vietnamese  # noqa: E402


def signal_lists(a: Assistant, questions: list[dict], depth: int) -> list[dict]:
    r = a.retriever
    out = []
    for q in questions:
        language, query, _ = a.retrieve(q["question"], history=q.get("history"), k=1)
        dense = r.dense(query, depth, Filters(), language)  # with the cross-lingual boost
        lists = {"dense": [(c.source, s) for c, s in dense]}
        for sig in r.signals:
            ranked = sig.search(query, language, depth, Filters())
            chunks = {c.id: c for c in a.store.get_chunks([i for i, _ in ranked])}
            lists[sig.name] = [(chunks[i].source, s) for i, s in ranked]
        ids = {"dense": [c.id for c, _ in dense]}
        for sig in r.signals:
            ids[sig.name] = [i for i, _ in sig.search(query, language, depth, Filters())]
        out.append(
            {"q": q, "ids": ids, "lists": lists, "unmarked": unmarked_vietnamese(query, language)}
        )
    return out


def score(data: list[dict], w: dict[str, float], unmarked_w: dict[str, float]) -> dict[str, tuple]:
    groups: dict[str, list[float]] = {}
    for d in data:
        q = d["q"]
        if not q["answerable"]:
            continue
        weights = unmarked_w if d["unmarked"] else w
        total: dict[str, float] = {}
        source: dict[str, str] = {}
        for name, ids in d["ids"].items():
            for rank, (cid, (src, _)) in enumerate(zip(ids, d["lists"][name], strict=True)):
                total[cid] = total.get(cid, 0.0) + weights.get(name, 0.0) / (RRF_K + rank + 1)
                source[cid] = src
        ranked = sorted(total, key=lambda c: -total[c])[:5]
        gold = set(q["sources"])
        rr = next((1 / n for n, c in enumerate(ranked, 1) if Path(source[c]).name in gold), 0.0)
        keys = ["ALL", f"lang:{q['language']}"] + [
            t for t in q["tags"] if t in ("nodiacritics", "crosslingual")
        ]
        for key in keys:
            groups.setdefault(key, []).append(rr)
    return {
        k: (sum(1 for x in v if x > 0) / len(v), sum(v) / len(v), len(v)) for k, v in groups.items()
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--store", required=True)
    ap.add_argument("--depth", type=int, default=30)
    args = ap.parse_args()
    with Assistant(store=args.store) as a:
        data = signal_lists(a, load(args.sets), args.depth)
    rows = []
    grid = [0.0, 0.3, 0.6, 1.0, 1.5]
    for b, f in itertools.product(grid, grid):
        w = {"dense": 1.0, "bm25": b, "folded": f}
        for ub, uf in itertools.product([0.0, 0.3, 1.0], [1.0, 1.5, 2.5]):
            m = score(data, w, {"dense": 1.0, "bm25": ub, "folded": uf})
            rows.append((m["ALL"][1], m["ALL"][0], w, (ub, uf), m))
    rows.sort(key=lambda r: (-r[0], -r[1]))
    for _mrr, _hit, w, u, m in rows[:15]:
        cells = " ".join(f"{k}={v[0]:.3f}/{v[1]:.3f}" for k, v in sorted(m.items()))
        print(f"bm25={w['bm25']} folded={w['folded']} unmarked(bm25,folded)={u}: {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
