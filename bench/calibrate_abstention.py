"""Choose the abstention threshold from the eval sets.

    .venv/bin/python bench/calibrate_abstention.py --store STORE [SET.jsonl ...]

For every question, what `Assistant.ask` decides abstention on (`Assistant.assess`): the
evidence score (`scqa.evidence.evidence_parts`) and the required terms that no retrieved
article mentions. Then, for each threshold, the share of unanswerable
questions declined (correct abstentions) and of answerable ones declined (false abstentions),
before the answerer's own type checks (which only add abstentions). The store must hold the
corpora of the sets (`scqa eval ... --corpus` builds one).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from scqa import Assistant, load_questions  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "sets",
        nargs="*",
        default=[str(ROOT / "eval/shared.jsonl"), str(ROOT / "eval/sample.jsonl")],
    )
    ap.add_argument("--store", required=True)
    args = ap.parse_args()
    rows = []
    with Assistant(store=args.store) as a:
        for q in load_questions(args.sets):
            judged = a.assess(q.question, history=list(q.history))
            rows.append((q, judged["score"], judged["missing"]))
    answerable = [r for r in rows if r[0].answerable]
    unanswerable = [r for r in rows if not r[0].answerable]
    print(f"{len(answerable)} answerable, {len(unanswerable)} unanswerable questions")
    print("threshold  correct-abstentions  false-abstentions")
    for t in [x / 100 for x in range(30, 76, 5)]:
        declined = [r for r in rows if r[1] < t or r[2]]
        correct = sum(1 for r in declined if not r[0].answerable) / len(unanswerable)
        false = sum(1 for r in declined if r[0].answerable) / len(answerable)
        print(f"  {t:.2f}       {correct:.3f}               {false:.3f}")
    print("\nanswerable questions declined at 0.50:")
    for q, score, missing in answerable:
        if score < 0.5 or missing:
            print(f"  {q.id} {score:.3f} {missing} {q.question[:80]}")
    print("unanswerable questions kept at 0.50:")
    for q, score, missing in unanswerable:
        if score >= 0.5 and not missing:
            print(f"  {q.id} {score:.3f} {q.question[:80]}")


if __name__ == "__main__":
    main()
