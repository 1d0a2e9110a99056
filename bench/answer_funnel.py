"""Where the extractive answers lose their key facts: a funnel over the answerable questions.

    .venv/bin/python bench/answer_funnel.py --store STORE eval/heldout2.jsonl eval/heldout3.jsonl

For each answerable question, how far the key facts (`must_include`, every group) survive:

- retrieved: a gold source is among the k passages `ask` retrieves;
- quotable: one quotable sentence of the passages the answerer reads (with the list it
  introduces) holds all the key facts;
- candidate: one of the candidates the answerer scores (the best by term coverage) holds them;
- lead: the answerer's lead sentence holds them;
- answer: the answer `ask` gives holds them (not abstained).

A large drop from candidate to lead is a ranking loss (the right sentence was scored and lost);
from quotable to candidate, the coverage cut; from retrieved to quotable, retrieval or keys spread
over sentences. Only counts are printed, per set, so the script can run on a held-out set without
showing its questions. The store must hold the sets' corpora (`scqa eval ... --corpus` builds one).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from scqa import Assistant, load_questions  # noqa: E402
from scqa.eval_metrics import key_facts_found  # noqa: E402
from scqa.extractive import ExtractiveGenerator, _with_list  # noqa: E402
from scqa.generation import GenerationRequest  # noqa: E402

STAGES = ("retrieved", "quotable", "candidate", "lead", "answer")


def holds(text: str, groups) -> bool:
    return all(key_facts_found(text, groups))


def funnel(a: Assistant, gen: ExtractiveGenerator, question) -> dict[str, bool]:
    language, query, hits = a.retrieve(question.question, history=list(question.history))
    request = GenerationRequest(
        query, language, hits, list(question.history), a.settings.answer_chars
    )
    gold = set(question.sources)
    keys = question.must_include

    def quoted(c) -> str:
        return _with_list(c, hits[c.passage - 1].chunk.text, 10_000)

    chosen = gen.choose(request)
    answer = a.ask(question.question, history=list(question.history))
    return {
        "retrieved": any({Path(s).name for s in (h.chunk.source, *h.also_in)} & gold for h in hits),
        "quotable": any(holds(quoted(c), keys) for c in gen.candidates(request)),
        "candidate": any(holds(quoted(c), keys) for c in gen.select(request)),
        "lead": bool(chosen) and holds(chosen[0].sentence, keys),
        "answer": not answer.abstained and holds(answer.text, keys),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--store", required=True)
    args = ap.parse_args()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with Assistant(store=args.store) as a:
        gen = ExtractiveGenerator(a.embedder)
        for q in load_questions(args.sets):
            if not q.answerable:
                continue
            counts[q.set]["questions"] += 1
            for stage, ok in funnel(a, gen, q).items():
                counts[q.set][stage] += ok
    print(f"{'set':10s} {'questions':>9s} " + " ".join(f"{s:>9s}" for s in STAGES))
    total: dict[str, int] = defaultdict(int)
    for name, c in sorted(counts.items()):
        print(f"{name:10s} {c['questions']:9d} " + " ".join(f"{c[s]:9d}" for s in STAGES))
        for key, n in c.items():
            total[key] += n
    print(f"{'all':10s} {total['questions']:9d} " + " ".join(f"{total[s]:9d}" for s in STAGES))


if __name__ == "__main__":
    main()
