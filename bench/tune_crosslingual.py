"""Sweep the cross-lingual boost (Settings.crosslingual_boost) on the eval sets.

    .venv/bin/python bench/tune_crosslingual.py --store STORE eval/shared.jsonl eval/sample.jsonl
    .venv/bin/python bench/tune_crosslingual.py --store STORE eval/heldout.jsonl --boost 0 0.04

e5-small scores a passage in the question's own language higher than an equally relevant one in
the other language; the boost is added to the other language's passages before the dense ranking
(retrieval.Retriever.dense). For each value this prints hit@5 / MRR of the answerable questions,
per group: Vietnamese and English questions, English questions over Vietnamese text ("x:en") and
Vietnamese questions over English text ("x:vi"), questions typed without diacritics, and the
Vietnamese questions typed with their marks over Vietnamese text ("vi-marked"). MRR is the
eval's: the rank of the first retrieved chunk from a gold source. The store must hold the sets'
corpora (`scqa eval ... --corpus` builds one).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

sys.path.insert(0, str(Path(__file__).parent))
from measure_retrieval import load, rank_of  # noqa: E402

from scqa import Assistant  # noqa: E402


def groups(q: dict) -> list[str]:
    out = ["ALL", f"lang:{q['language']}"]
    if "crosslingual" in q["tags"]:
        out.append(f"x:{q['language']}")
    if "nodiacritics" in q["tags"]:
        out.append("nodiacritics")
    if q["language"] == "vi" and not {"crosslingual", "nodiacritics"} & set(q["tags"]):
        out.append("vi-marked")  # Vietnamese typed with its marks, over Vietnamese text
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--store", required=True)
    ap.add_argument("--boost", type=float, nargs="+", default=[0.0, 0.02, 0.03, 0.04, 0.05, 0.06])
    args = ap.parse_args(argv)
    questions = [q for q in load(args.sets) if q["answerable"]]
    with Assistant(store=args.store) as a:
        retriever = a.retriever
        for boost in args.boost:
            retriever.crosslingual_boost = boost
            rr: dict[str, list[float]] = defaultdict(list)
            hit: dict[str, list[int]] = defaultdict(list)
            for q in questions:
                _, _, hits = a.retrieve(q["question"], history=q.get("history"), k=10)
                rank = rank_of(hits, set(q["sources"]))
                for g in groups(q):
                    rr[g].append(1 / rank if rank else 0.0)
                    hit[g].append(1 if rank and rank <= 5 else 0)
            cells = [
                f"{g} {statistics.mean(hit[g]):.3f}/{statistics.mean(rr[g]):.3f} (n={len(rr[g])})"
                for g in sorted(rr)
            ]
            print(f"boost {boost:.2f}: " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
