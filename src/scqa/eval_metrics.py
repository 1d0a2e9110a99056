"""Metrics of an evaluation run, computed without a language model.

Per question: the rank of the first passage from a gold source (hit@1, hit@k, reciprocal rank),
recall@k of gold sources, nDCG@10 over sources (a source counts once, at its best passage), the
key facts found in the answer, citation precision, whether the abstention decision was right.
Over a set of questions: their means, abstention precision / recall, false-abstention rate, answer
length and latency percentiles. Undefined values (no unanswerable question in a subset, no
citation) are None, never 0.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .eval_questions import Question
from .types import ABSTAIN_REASONS

RANK_DEPTH = 10  # passages ranked for MRR and nDCG@10, whatever k the answer used
PRIMARY_METRIC = "accuracy"


@dataclass
class QuestionResult:
    """What the assistant did with one question, and the metric values it earned."""

    question: Question
    answer: str
    abstained: bool
    ranked: list[tuple[str, ...]]  # per retrieved passage, best first: the file names it is from
    cited: list[str]  # per citation: the file name of its source
    latency_ms: float
    timings_ms: dict[str, float] = field(default_factory=dict)
    citations: list[dict[str, Any]] = field(default_factory=list)
    retrieved: list[dict[str, Any]] = field(default_factory=list)
    standalone_question: str | None = None
    translated_query: str | None = None
    restored_query: str | None = None
    abstain_reason: str | None = None  # types.ABSTAIN_REASONS, when it abstained
    faithfulness: float | None = None  # LLM-judged, 0..1, when a judge ran
    error: str | None = None
    values: dict[str, float | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        q = self.question
        return {
            "id": q.id,
            "set": q.set,
            "question": q.question,
            "language": q.language,
            "tags": list(q.tags),
            "history": list(q.history),
            "answerable": q.answerable,
            "gold_sources": list(q.sources),
            "standalone_question": self.standalone_question,
            "translated_query": self.translated_query,
            "restored_query": self.restored_query,
            "answer": self.answer,
            "abstained": self.abstained,
            "abstain_reason": self.abstain_reason,
            "citations": self.citations,
            "ranked_sources": [list(s) for s in self.ranked],
            "retrieved": self.retrieved,
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
            "latency_ms": round(self.latency_ms, 2),
            "error": self.error,
            "metrics": {k: _round(v) for k, v in self.values.items()},
        }


def normalise(s: str) -> str:
    return unicodedata.normalize("NFC", s).lower()


def key_facts_found(answer: str, groups: Sequence[Sequence[str]]) -> list[bool]:
    """Per `must_include` group: does one of its strings occur in the answer (NFC, lower-case)?"""
    text = normalise(answer)
    return [any(normalise(alt) in text for alt in group) for group in groups]


def first_rank(ranked: Sequence[Sequence[str]], gold: Sequence[str]) -> int | None:
    """1-based position of the first passage from a gold source, None when none is ranked."""
    for i, sources in enumerate(ranked, start=1):
        if any(s in gold for s in sources):
            return i
    return None


def recall_at(ranked: Sequence[Sequence[str]], gold: Sequence[str], k: int) -> float:
    found = {s for sources in ranked[:k] for s in sources if s in gold}
    return len(found) / len(set(gold))


def ndcg_at(ranked: Sequence[Sequence[str]], gold: Sequence[str], n: int = RANK_DEPTH) -> float:
    """Binary-relevance nDCG over sources: a passage gains 1 when it brings a gold source not
    seen higher up, so the ideal ranking puts one passage of each gold source first."""
    seen: set[str] = set()
    dcg = 0.0
    for i, sources in enumerate(ranked[:n], start=1):
        new = {s for s in sources if s in gold} - seen
        if new:
            seen |= new
            dcg += 1.0 / math.log2(i + 1)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(set(gold)), n) + 1))
    return dcg / ideal


def question_values(r: QuestionResult, k: int) -> dict[str, float | None]:
    """The per-question metric values; which ones exist depends on `answerable`."""
    q = r.question
    v: dict[str, float | None] = {
        "abstained": float(r.abstained),
        "latency_ms": r.latency_ms,
        "answer_chars": None if r.abstained else float(len(r.answer)),
    }
    if not q.answerable:
        v["correct"] = float(r.abstained and r.error is None)
        return v
    rank = first_rank(r.ranked, q.sources)
    found = key_facts_found(r.answer, q.must_include) if not r.abstained else []
    facts = all(found) if found else False
    v.update(
        {
            "rank": None if rank is None else float(rank),
            "hit@1": float(rank == 1),
            f"hit@{k}": float(rank is not None and rank <= k),
            f"recall@{k}": recall_at(r.ranked, q.sources, k),
            "rr": 0.0 if rank is None else 1.0 / rank,
            "ndcg@10": ndcg_at(r.ranked, q.sources),
            "key_facts": float(facts),
            "key_facts_partial": sum(found) / len(q.must_include),
            "citation_precision": (
                sum(s in q.sources for s in r.cited) / len(r.cited) if r.cited else None
            ),
            "correct": float(facts and not r.abstained and r.error is None),
        }
    )
    return v


def aggregate(results: Sequence[QuestionResult], k: int) -> dict[str, float | int | None]:
    """The metrics of a set of scored results (`values` filled by `question_values`)."""
    answerable = [r for r in results if r.question.answerable]
    unanswerable = [r for r in results if not r.question.answerable]
    m: dict[str, float | int | None] = {
        "questions": len(results),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        PRIMARY_METRIC: _mean(r.values.get("correct") for r in results),
    }
    for name, value_key in (
        ("hit@1", "hit@1"),
        (f"hit@{k}", f"hit@{k}"),
        (f"recall@{k}", f"recall@{k}"),
        ("mrr", "rr"),
        ("ndcg@10", "ndcg@10"),
        ("key_fact_accuracy", "key_facts"),
        ("key_fact_partial", "key_facts_partial"),
        ("citation_precision", "citation_precision"),
    ):
        m[name] = _mean(r.values.get(value_key) for r in answerable)
    tp = sum(r.abstained for r in unanswerable)
    fp = sum(r.abstained for r in answerable)
    m["abstention_precision"] = tp / (tp + fp) if tp + fp else None
    m["abstention_recall"] = tp / len(unanswerable) if unanswerable else None
    m["false_abstention_rate"] = fp / len(answerable) if answerable else None
    m["abstention_accuracy"] = (
        (tp + len(answerable) - fp) / len(results) if answerable and unanswerable else None
    )
    # why it declined: "declined:<reason>" counts the unanswerable questions declined for that
    # reason, "false:<reason>" the answerable ones
    for reason in ABSTAIN_REASONS:
        m[f"declined:{reason}"] = sum(r.abstain_reason == reason for r in unanswerable)
        m[f"false:{reason}"] = sum(r.abstain_reason == reason for r in answerable)
    m["answer_chars"] = _mean(r.values.get("answer_chars") for r in results)
    latencies = [r.latency_ms for r in results]
    m["latency_p50_ms"] = percentile(latencies, 50)
    m["latency_p95_ms"] = percentile(latencies, 95)
    judged = [r.faithfulness for r in results if r.faithfulness is not None]
    if judged:
        m["faithfulness_llm_judged"] = sum(judged) / len(judged)
    m["errors"] = sum(r.error is not None for r in results)
    return m


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear-interpolated percentile (numpy's default method); None for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * p / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _mean(values) -> float | None:
    xs = [v for v in values if v is not None]
    return sum(xs) / len(xs) if xs else None


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 6)
