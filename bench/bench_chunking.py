"""Chunk size and overlap, chosen by measurement.

    .venv/bin/python bench/bench_chunking.py [--sizes 128,192,256,384] [--overlaps 0,32,48]

For each (size, overlap) it builds a store of ingest/ and ../shared/corpus and runs the answerable
questions of eval/*.jsonl through dense-only retrieval (the signal chunking affects most), then
prints hit@5, MRR, chunk count and ingest time. Gold = the question's source file names.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from scqa import Assistant, Settings  # noqa: E402
from scqa.filters import Filters  # noqa: E402


def questions() -> list[dict]:
    out = []
    for path in sorted((ROOT / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)
                if q["answerable"]:
                    out.append(q)
    return out


def measure(size: int, overlap: int, qs: list[dict]) -> dict:
    corpora = [ROOT / "ingest", ROOT.parent / "shared" / "corpus"]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env(
            store=Path(tmp) / "s", chunk_tokens=size, chunk_overlap=overlap
        )
        with Assistant(settings=settings) as a:
            t0 = time.perf_counter()
            a.ingest([c for c in corpora if c.is_dir()])
            took = time.perf_counter() - t0
            chunks = a.store.count()
            hits = rr = 0.0
            for q in qs:
                query = " ".join([*q.get("history", []), q["question"]])
                ranked = [Path(c.source).name for c, _ in a.retriever.dense(query, 10, Filters())]
                ranks = [i for i, s in enumerate(ranked) if s in q["sources"]]
                hits += bool(ranks and ranks[0] < 5)
                rr += 1 / (ranks[0] + 1) if ranks else 0.0
    return {
        "size": size,
        "overlap": overlap,
        "chunks": chunks,
        "ingest_s": round(took, 1),
        "hit@5": round(hits / len(qs), 3),
        "mrr": round(rr / len(qs), 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="128,192,256,384")
    ap.add_argument("--overlaps", default="48")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    qs = questions()
    print(f"{len(qs)} answerable questions")
    for size in map(int, args.sizes.split(",")):
        for overlap in map(int, args.overlaps.split(",")):
            if overlap < size // 2:
                print(json.dumps(measure(size, overlap, qs)), flush=True)


if __name__ == "__main__":
    main()
