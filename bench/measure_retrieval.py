"""Retrieval quality on the eval sets: hit@5, MRR and abstention, per language and tag, per config.

A small stand-in until `scqa eval` covers it; it calls the same `Assistant.retrieve` the app uses.
A hit counts when the basename of a retrieved chunk's source (or of a source in its `also_in`)
is among the question's `sources`. Abstention uses the same evidence score and threshold as `ask`.

    .venv/bin/python bench/measure_retrieval.py --store /tmp/store eval/*.jsonl \
        --config dense --config bm25 --config hybrid --config hybrid+folded
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from scqa import Assistant  # noqa: E402


def load(paths: list[str]) -> list[dict]:
    out = []
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


def rank_of(hits, gold: set[str]) -> int | None:
    for n, h in enumerate(hits, 1):
        names = {Path(s).name for s in (h.chunk.source, *h.also_in)}
        if names & gold:
            return n
    return None


def run(a: Assistant, questions: list[dict], k: int) -> dict:
    per: list[dict] = []
    times = []
    for q in questions:
        t0 = time.perf_counter()
        language, query, hits = a.retrieve(q["question"], history=q.get("history"), k=k)
        times.append((time.perf_counter() - t0) * 1000)
        score = a.assess(q["question"], history=q.get("history"))["score"]  # as ask decides
        r = rank_of(hits, set(q["sources"])) if q["answerable"] else None
        per.append(
            {
                "id": q["id"],
                "answerable": q["answerable"],
                "groups": [f"lang:{q['language']}", *q["tags"]],
                "rank": r,
                "evidence": score,
                "abstain": score < a.settings.abstain_threshold,
            }
        )
    return {"per": per, "p50_ms": statistics.median(times)}


def summarise(per: list[dict]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for p in per:
        if p["answerable"]:
            groups["ALL"].append(p)
            for g in p["groups"]:
                groups[g].append(p)
    table = {}
    for g, items in sorted(groups.items()):
        hit = sum(1 for p in items if p["rank"] and p["rank"] <= 5) / len(items)
        mrr = sum(1 / p["rank"] for p in items if p["rank"]) / len(items)
        table[g] = {"n": len(items), "hit@5": hit, "mrr": mrr}
    ans = [p for p in per if p["answerable"]]
    una = [p for p in per if not p["answerable"]]
    table["abstention"] = {
        "n": len(una),
        "correct_abstain": sum(p["abstain"] for p in una) / max(1, len(una)),
        "false_abstain": sum(p["abstain"] for p in ans) / max(1, len(ans)),
    }
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--store", required=True)
    ap.add_argument("--config", action="append", default=[])
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--dump", help="write per-question evidence scores (JSON) here")
    args = ap.parse_args(argv)
    questions = load(args.sets)
    configs = args.config or ["default"]
    results = {}
    with Assistant(store=args.store) as a:
        for name in configs:
            if name != "default":
                a.retriever.configure(name)
            out = run(a, questions, args.k)
            results[name] = (summarise(out["per"]), out)
    show = ["ALL", "lang:vi", "lang:en", "crosslingual", "nodiacritics", "damaged-text", "followup"]
    print(f"{'group':16}" + "".join(f"{c:>22}" for c in configs))
    for g in show + sorted(
        {g for t, _ in results.values() for g in t} - set(show) - {"abstention"}
    ):
        cells = []
        for c in configs:
            row = results[c][0].get(g)
            cells.append(f"{row['hit@5']:.3f}/{row['mrr']:.3f} n={row['n']:<3}" if row else "-")
        print(f"{g:16}" + "".join(f"{x:>22}" for x in cells))
    for c in configs:
        ab = results[c][0]["abstention"]
        print(
            f"{c}: abstention correct {ab['correct_abstain']:.2f} (n={ab['n']}), "
            f"false {ab['false_abstain']:.3f}; retrieve p50 {results[c][1]['p50_ms']:.1f} ms"
        )
    if args.dump:
        Path(args.dump).write_text(
            json.dumps({c: r[1]["per"] for c, r in results.items()}, ensure_ascii=False, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
