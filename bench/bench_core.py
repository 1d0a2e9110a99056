"""Core ingest benchmark: what the pipeline adds to the embedder, re-ingest cost, peak memory.

    .venv/bin/python bench/bench_core.py [--runs 3]

1. Embedding rate of the raw embedder on exactly the texts the pipeline embeds, vs a whole first
   ingest (load, repair, chunk, embed, upsert) of the same corpus: the pipeline's overhead.
2. Re-ingest of the unchanged corpus as a share of the first ingest.
3. Peak RSS of the process.
Medians over --runs fresh stores. Corpora: ingest/ and ../shared/corpus.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from scqa import Assistant  # noqa: E402
from scqa.embeddings import get_embedder  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    corpora = [ROOT / "ingest", ROOT.parent / "shared" / "corpus"]
    corpora = [c for c in corpora if c.is_dir()]
    embedder = get_embedder("e5-small")
    firsts, agains, raws, n_chunks = [], [], [], 0
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp, Assistant(store=Path(tmp) / "s") as a:
            t0 = time.perf_counter()
            report = a.ingest(corpora)
            firsts.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            a.ingest(corpora)
            agains.append(time.perf_counter() - t0)
            texts = [c.context for c in a.store.get_chunks()]
            n_chunks = len(texts)
            t0 = time.perf_counter()
            for i in range(0, len(texts), 32):
                embedder.embed_passages(texts[i : i + 32])
            raws.append(time.perf_counter() - t0)
        print(
            f"run {run + 1}: first {firsts[-1]:.2f}s, again {agains[-1]:.3f}s, "
            f"raw embed {raws[-1]:.2f}s, {report.chunks_written} chunks",
            flush=True,
        )
    first, again, raw = (statistics.median(x) for x in (firsts, agains, raws))
    print(f"\nchunks: {n_chunks} from {len(report.files)} files")
    print(f"raw embedder: {n_chunks / raw:.2f} passages/s (median {raw:.2f}s)")
    print(f"whole pipeline: {n_chunks / first:.2f} chunks/s (median {first:.2f}s)")
    print(f"pipeline overhead over the embedder: {(first / raw - 1) * 100:+.1f}% (goal ≤ 10%)")
    print(
        f"re-ingest unchanged: {again:.3f}s = {again / first * 100:.2f}% of a first ingest "
        "(goal ≤ 2%)"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
