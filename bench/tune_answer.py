"""Weights of the extractive answerer's sentence score, measured: how often its lead sentence
holds every key fact of an answerable question.

    .venv/bin/python bench/tune_answer.py --store STORE --dev A.jsonl B.jsonl --test C.jsonl

Retrieval runs once per question; then, for each weighting of coverage / similarity / passage
rank (extractive.COVERAGE_WEIGHT, SIMILARITY_WEIGHT, PASSAGE_WEIGHT), the answerer chooses again
and the lead sentence is checked against the key (`must_include`, as the eval scores it). The
weights are chosen on --dev and reported on --test as well; only counts are printed.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from scqa import (  # noqa: E402
    Assistant,
    extractive,  # noqa: E402
    load_questions,
)
from scqa.eval_metrics import key_facts_found  # noqa: E402
from scqa.generation import GenerationRequest  # noqa: E402


def leads(a: Assistant, prepared: list) -> int:
    gen = extractive.ExtractiveGenerator(a.memo)
    held = 0
    for q, request in prepared:
        chosen = gen.choose(request)
        if chosen and all(key_facts_found(chosen[0].sentence, q.must_include)):
            held += 1
    return held


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--dev", nargs="+", required=True)
    ap.add_argument("--test", nargs="*", default=[])
    args = ap.parse_args()
    with Assistant(store=args.store) as a:
        sets = {}
        for name, paths in (("dev", args.dev), ("test", args.test)):
            prepared = []
            for q in load_questions(paths):
                if not q.answerable:
                    continue
                found = a._retrieve(q.question, list(q.history), None, None, None)
                query = found.restored or found.query
                request = GenerationRequest(
                    query, found.language, found.hits, list(q.history), a.settings.answer_chars
                )
                prepared.append((q, request))
            sets[name] = prepared
        grid = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
        rows = []
        for cov, psg in itertools.product(grid, [0.0, 0.05, 0.1, 0.2]):
            extractive.COVERAGE_WEIGHT = cov
            extractive.SIMILARITY_WEIGHT = round(0.9 - cov, 2)
            extractive.PASSAGE_WEIGHT = psg
            rows.append((cov, psg, *(leads(a, sets[n]) for n in ("dev", "test"))))
        print(f"{len(sets['dev'])} dev, {len(sets['test'])} test answerable questions")
        print("coverage  similarity  passage   dev-leads  test-leads")
        for cov, psg, dev, test in sorted(rows, key=lambda r: -r[2]):
            print(f"  {cov:.2f}      {0.9 - cov:.2f}      {psg:.2f}      {dev:5d}      {test:5d}")


if __name__ == "__main__":
    main()
