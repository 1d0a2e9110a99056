"""Ask latency of the default offline configuration, with and without the embedding memo.

    .venv/bin/python bench/bench_ask.py [--runs 3] [--sets eval/shared.jsonl ...]

Builds one store from ingest/ and ../shared/corpus, then asks every question of the sets
(default: the five development sets) on a fresh Assistant per pass:
- "no memo": the memo's size set to 0, so every question and answer sentence is embedded, which
  is how scqa answered before the memo;
- "memo, first pass": a fresh memo, the questions asked once each in order (later questions
  reuse the sentences of earlier ones, as in a chat session or an eval run);
- "memo, same question again": each question asked a second time, right after the first.
Prints the median and p95 of the per-question latency and of its retrieve / generate parts,
as medians over --runs passes, and the ratios to "no memo".
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from scqa import Assistant  # noqa: E402

DEV = ("shared", "sample", "probe", "probe2", "heldout2")


def p95(xs: list[float]) -> float:
    return sorted(xs)[min(len(xs) - 1, int(0.95 * len(xs)))]


def one_pass(store: Path, questions: list[str], mode: str) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"total": [], "retrieve": [], "generate": []}
    with Assistant(store=store) as a:
        a.ask("warm-up: Đề án 950 là gì?")  # model, store and keyword index loaded
        a.memo.clear()
        if mode == "no memo":
            a.memo.size = 0  # every text is forgotten as soon as it is stored
        for q in questions:
            if mode == "memo, same question again":
                a.ask(q)
            t = a.ask(q).timings_ms
            for key in out:
                out[key].append(t[key])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sets", nargs="*", default=[f"eval/{s}.jsonl" for s in DEV])
    args = ap.parse_args()
    questions = [
        json.loads(line)["question"]
        for s in args.sets
        for line in (ROOT / s).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    corpora = [c for c in (ROOT / "ingest", ROOT.parent / "shared" / "corpus") if c.is_dir()]
    modes = ("no memo", "memo, first pass", "memo, same question again")
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "s"
        with Assistant(store=store) as a:
            a.ingest(corpora)
            chunks = a.stats()["chunks"]
        print(f"{len(questions)} questions, {chunks} chunks, {args.runs} passes per mode\n")
        figures: dict[str, dict[str, float]] = {}
        for mode in modes:
            passes = [one_pass(store, questions, mode) for _ in range(args.runs)]
            figures[mode] = {
                f"{stat} {key}": statistics.median(f(p[key]) for p in passes)
                for key in ("total", "retrieve", "generate")
                for stat, f in (("p50", statistics.median), ("p95", p95))
            }
    cols = list(figures[modes[0]])
    print("| mode | " + " | ".join(f"{c} ms" for c in cols) + " | p50 total / no memo |")
    print("|---" * (len(cols) + 2) + "|")
    base = figures["no memo"]["p50 total"]
    for mode, f in figures.items():
        cells = " | ".join(f"{f[c]:.1f}" for c in cols)
        print(f"| {mode} | {cells} | {f['p50 total'] / base:.2f} |")


if __name__ == "__main__":
    main()
