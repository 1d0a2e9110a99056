"""Questions typed without diacritics, made from the eval sets' marked Vietnamese questions.

Each answerable Vietnamese question written with its marks is searched as written, with every
mark removed ("folded", as typed without a Vietnamese keyboard) and with the marks of about half
its words removed ("half-folded", as typed in a hurry), each form with and without restoring
its diacritics (SCQA_RESTORE_DIACRITICS: only a query with most words bare is restored). Prints hit@5 and MRR per form, and how much
of each folded question the restoration gives back exactly as written (per syllable, and whole
questions). Many more questions than the sets' own "nodiacritics" ones, and each has its marked
twin to compare with.

    .venv/bin/python bench/bench_diacritics.py --store S eval/shared.jsonl eval/sample.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure_retrieval import load, rank_of  # noqa: E402

from scqa import Assistant  # noqa: E402
from scqa import text as textmod  # noqa: E402
from scqa.config import Settings  # noqa: E402
from scqa.diacritics import BREAK, marks_missing, syllables  # noqa: E402


def half_folded(question: str, rng: random.Random) -> str:
    """The question with the marks of about half its words removed."""
    return " ".join(textmod.fold(w) if rng.random() < 0.5 else w for w in question.split())


def agreement(restored: str, written: str) -> tuple[int, int]:
    """(syllables restored as written, syllables) of one question."""
    a = [s for s in syllables(restored) if s != BREAK]
    b = [s for s in syllables(written) if s != BREAK]
    if len(a) != len(b):
        return 0, len(b)
    return sum(x == y for x, y in zip(a, b, strict=True)), len(b)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--store", required=True)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    questions = [
        q
        for q in load(args.sets)
        if q["answerable"]
        and q["language"] == "vi"
        and not q.get("history")
        and textmod.fold(q["question"]) != q["question"].lower()
    ]
    on = Settings.from_env(store=args.store)
    off = dataclasses.replace(on, restore_diacritics=False)
    forms = {
        "written": lambda q: q,
        "folded": textmod.fold,
        "half-folded": lambda q: half_folded(q, rng),
    }
    typed = {name: [make(q["question"]) for q in questions] for name, make in forms.items()}
    rows: dict[str, list[int | None]] = {}
    with Assistant(settings=off) as plain, Assistant(settings=on) as restoring:
        for name, texts in typed.items():
            for label, a in (("", plain), (" + restored", restoring)):
                rows[name + label] = [
                    rank_of(a.retrieve(t, k=5)[2], set(q["sources"]))
                    for t, q in zip(texts, questions, strict=True)
                ]
        index = restoring.keyword_index
        same = {
            name: [
                agreement(index.restore(t) if marks_missing(t) else t, q["question"])
                for t, q in zip(texts, questions, strict=True)
            ]
            for name, texts in typed.items()
        }
    n = len(questions)
    print(f"{n} answerable Vietnamese questions with marks, from {', '.join(args.sets)}")
    print(f"{'form':26}{'hit@5':>8}{'MRR':>8}")
    for name, ranks in rows.items():
        hit = sum(r is not None for r in ranks) / n
        mrr = sum(1 / r for r in ranks if r) / n
        print(f"{name:26}{hit:8.3f}{mrr:8.3f}")
    print("restored as written:")
    for name, pairs in same.items():
        right, total = map(sum, zip(*pairs, strict=True))
        whole = sum(r == t for r, t in pairs)
        print(f"  {name:24}{right / total:8.3f} of syllables, {whole}/{n} whole questions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
