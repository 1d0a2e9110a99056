"""Hybrid retrieval latency at 1k and 10k chunks, and its ratio to dense-only in the same run.

The scaled corpus is synthetic: the distinct chunks of an existing store built from
../shared/corpus and ingest/ (a few hundred, embedded for real) are copied with perturbed text
(a copy number appended), fresh ids and their vectors slightly jittered and re-normalised, so
10k chunks cost no 20 minutes of embedding. Their keyword tokens are the base chunk's tokens
plus the copy's own token (tokenised once per distinct chunk). It also prints the keyword index's
in-memory build time and its load + fingerprint check at start-up, the cost of the
cross-lingual boost (a second, language-restricted dense search) as a ratio, and for questions
typed without diacritics the one-off build of the restoration model and the restoring itself.

    .venv/bin/python bench/bench_retrieval.py --base-store /tmp/store [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import numpy as np  # noqa: E402

from scqa import Assistant  # noqa: E402
from scqa import text as textmod  # noqa: E402
from scqa.keyword import KeywordIndex, _Doc, chunk_tokens  # noqa: E402
from scqa.retrieval import unmarked_vietnamese  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def questions() -> list[str]:
    out = []
    for name in ("shared.jsonl", "sample.jsonl"):
        for line in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not json.loads(line).get("history"):
                out.append(json.loads(line)["question"])
    return out


def build(base: Assistant, size: int, directory: Path) -> None:
    chunks = base.store.get_chunks()
    vectors = base.store.embeddings_for([c.id for c in chunks])
    tokens = {c.id: chunk_tokens(c) for c in chunks}
    rng = np.random.default_rng(0)
    with Assistant(store=directory, embedder=base.embedder) as a:
        a.store  # noqa: B018 - creates the empty store
        index = a.keyword_index
        batch, vecs = [], []
        for n in range(size):
            c = chunks[n % len(chunks)]
            copy = replace(
                c, id=f"{c.id}-{n}", text=f"{c.text} (bản {n})", source=f"{n}/{c.source}"
            )
            v = vectors[c.id] + rng.normal(0, 0.01, vectors[c.id].shape).astype(np.float32)
            batch.append(copy)
            vecs.append(v / np.linalg.norm(v))
            t = tokens[c.id]
            index._docs[copy.id] = _Doc(  # the base chunk's tokens, not re-tokenised
                copy.source,
                copy.language,
                copy.date or "",
                {
                    "bm25": [*t["bm25"], f"bản_{n}"],
                    "folded": [*t["folded"], f"ban_{n}"],
                    "syllables": t["syllables"],
                },
            )
            if len(batch) == 500 or n == size - 1:
                a.store.upsert(batch, np.stack(vecs))
                batch, vecs = [], []
        index.flush()


def timed(a: Assistant, qs: list[str], config: str) -> list[float]:
    """Per-question latency of `config`; "+noboost" turns the cross-lingual boost off (its
    second, language-restricted dense search with it)."""
    boost = a.settings.crosslingual_boost
    a.retriever.configure(config.removesuffix("+noboost"))
    a.retriever.crosslingual_boost = 0.0 if config.endswith("+noboost") else boost
    out = []
    for q in qs:
        language = textmod.detect_language(q)
        a.memo.clear()  # each search embeds its question, as a question not asked before does
        t0 = time.perf_counter()
        a.retriever.search(q, language, 5)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def restoring(a: Assistant, qs: list[str]) -> None:
    """The restoration model's one-off build (at the first unmarked question) and the median
    time to restore one unmarked question (the search after it is timed above)."""
    unmarked = [q for q in qs if unmarked_vietnamese(q, textmod.detect_language(q))]
    t0 = time.perf_counter()
    a.keyword_index.restore(unmarked[0])
    print(f"  diacritics model build (first unmarked question): {_ms(t0):.0f} ms")
    times = []
    for q in unmarked * 5:
        t0 = time.perf_counter()
        a.keyword_index.restore(q)
        times.append(_ms(t0))
    print(f"  restoring an unmarked question: p50 {pct(times, 50):.2f} ms ({len(unmarked)} q)")


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def pct(xs: list[float], p: float) -> float:
    return float(np.percentile(xs, p))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-store", required=True, help="a store built from both corpora")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    qs = questions()
    base = Assistant(store=args.base_store)
    for size in args.sizes:
        directory = Path(tempfile.mkdtemp(prefix=f"scqa-bench-{size}-"))
        t0 = time.perf_counter()
        build(base, size, directory / "store")
        print(f"\n{size} chunks: synthetic store built in {time.perf_counter() - t0:.1f} s")
        with Assistant(store=directory / "store", embedder=base.embedder) as a:
            t0 = time.perf_counter()
            index = KeywordIndex.open(a.settings, a.store)
            print(
                f"  keyword index load + fingerprint check: {(time.perf_counter() - t0) * 1e3:.0f} ms"
            )
            t0 = time.perf_counter()
            index._build()
            print(f"  keyword index in-memory build: {(time.perf_counter() - t0) * 1e3:.0f} ms")
            a._keyword = index
            for q in qs[:3]:  # warm-up: pyvi, the embedder, Chroma's HNSW
                a.retriever.search(q, textmod.detect_language(q), 5)
            rows = {"dense": [], "hybrid+folded": [], "hybrid+folded+noboost": []}
            for _ in range(args.runs):
                for config in rows:
                    rows[config].append(timed(a, qs, config))
            for config, runs in rows.items():
                p50 = statistics.median(pct(r, 50) for r in runs)
                p95 = statistics.median(pct(r, 95) for r in runs)
                rows[config] = [p50, p95]  # type: ignore[assignment]
                print(f"  {config:22} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  ({args.runs} runs)")
            restoring(a, qs)
            ratio = rows["hybrid+folded"][0] / rows["dense"][0]  # type: ignore[operator]
            print(f"  hybrid / dense-only p50 ratio: {ratio:.2f}")
            boost = rows["hybrid+folded"][0] / rows["hybrid+folded+noboost"][0]  # type: ignore[operator]
            print(f"  hybrid with / without the cross-lingual boost p50 ratio: {boost:.2f}")
        shutil.rmtree(directory, ignore_errors=True)
    base.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
