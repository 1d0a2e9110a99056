"""The evaluation runner: every reference question through `Assistant.ask`, as the UI asks it.

>>> from scqa import Assistant, evaluate, load_questions
>>> report = evaluate(Assistant(store="vectorstore"), load_questions("eval/shared.jsonl"))
>>> report.metrics[report.primary_metric]

The primary metric is `accuracy`, the share of questions handled correctly end to end: an
answerable question counts when the answer is given (not abstained) and holds every key fact of
its `must_include`; an unanswerable one counts when the assistant abstains. It is what a user
experiences, and it cannot be gamed by one stage alone: always abstaining scores only the
unanswerable share, never abstaining scores none of it, and retrieval that misses the source
leaves the extractive answer without its facts. The gate (eval/thresholds.json) also holds
hit@k, MRR, key-fact accuracy, abstention recall and the false-abstention rate, so a regression
says where it happened.

Configurations (`CONFIGS`) are named overrides of Settings and of the retrieval signals, so one
run can compare dense only / BM25 only / hybrid / extractive vs an LLM.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .assistant import Assistant
from .config import Settings
from .embeddings import Embedder
from .errors import InvalidRequest
from .eval_judge import Judge, get_judge
from .eval_metrics import (
    PRIMARY_METRIC,
    RANK_DEPTH,
    QuestionResult,
    aggregate,
    question_values,
)
from .eval_questions import Question, QuestionSetError, load_questions

log = logging.getLogger(__name__)

EvalProgress = Callable[[int, int, QuestionResult], None]


@dataclasses.dataclass(frozen=True)
class EvalConfig:
    """A named variant of the assistant: Settings overrides (`fusion` names a preset of
    retrieval.PRESETS, where the tuned weights live), and what it needs from the user."""

    description: str
    settings: tuple[tuple[str, Any], ...] = ()
    needs_llm: bool = False  # the answerer comes from --llm / llm=
    needs_reranker: bool = False  # the model comes from SCQA_RERANKER


def _fusion(preset: str, restore: bool = False) -> tuple[tuple[str, Any], ...]:
    """A retrieval ablation: the fusion preset, without reranking, and without restoring the
    diacritics of a query typed without them unless `restore`."""
    return (("fusion", preset), ("reranker", ""), ("restore_diacritics", restore))


CONFIGS: dict[str, EvalConfig] = {
    "default": EvalConfig("the assistant as configured (SCQA_* settings)"),
    "dense": EvalConfig("dense (e5) retrieval only", _fusion("dense")),
    "bm25": EvalConfig("BM25 keyword retrieval only", _fusion("bm25")),
    "hybrid": EvalConfig("dense + BM25, reciprocal rank fusion", _fusion("hybrid")),
    "hybrid+folded": EvalConfig("dense + BM25 + accent-folded BM25", _fusion("hybrid+folded")),
    "hybrid+folded+restored": EvalConfig(
        "hybrid + folded, an unmarked Vietnamese query searched with its diacritics restored",
        _fusion("hybrid+folded", restore=True),
    ),
    "hybrid+rerank": EvalConfig(
        "hybrid + folded, then the SCQA_RERANKER cross-encoder",
        (("fusion", "hybrid+rerank"),),
        needs_reranker=True,
    ),
    "extractive": EvalConfig("the offline extractive answerer", (("llm", "extractive"),)),
    "llm": EvalConfig("the answerer named by --llm / llm=", needs_llm=True),
}


def get_config(name: str) -> EvalConfig:
    try:
        return CONFIGS[name]
    except KeyError:
        raise InvalidRequest(
            f"unknown evaluation config {name!r}; valid: {', '.join(CONFIGS)}"
        ) from None


def check_config(name: str, settings: Settings, llm: str | None = None) -> EvalConfig:
    """Config `name`, when it can run with these settings: a run of several configs checks
    them all first, so that the last one does not fail after the others have run."""
    config = get_config(name)
    if config.needs_llm and not llm:
        raise InvalidRequest(f"config {name!r} needs an LLM: pass --llm SPEC (or llm=...)")
    if config.needs_reranker and not getattr(settings, "reranker", ""):
        raise InvalidRequest(
            f"config {name!r} needs a reranker: set SCQA_RERANKER=cross-encoder:<model>"
        )
    return config


def open_config(
    name: str,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    llm: str | None = None,
) -> Assistant:
    """An Assistant set up as config `name` over `settings` (default: from the environment).
    `llm` is the answerer for every config that does not fix its own."""
    settings = settings or Settings.from_env()
    config = check_config(name, settings, llm)
    overrides = dict(config.settings)
    if llm and "llm" not in overrides:
        overrides["llm"] = llm
    known = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise InvalidRequest(f"config {name!r} sets unknown setting(s) {unknown}")
    assistant = Assistant(
        settings=dataclasses.replace(settings, **overrides).validated(), embedder=embedder
    )
    try:
        _check_signals(assistant, name)
    except BaseException:
        assistant.close()
        raise
    return assistant


def _check_signals(assistant: Assistant, name: str) -> None:
    """A config that weights a signal the retriever lacks would silently measure something else."""
    retriever = assistant.retriever
    available = ["dense", *(s.name for s in retriever.signals)]
    missing = [s for s, w in retriever.weights.weights.items() if w > 0 and s not in available]
    if missing:
        raise InvalidRequest(
            f"config {name!r} weights retrieval signal(s) {missing}, which this retriever does "
            f"not have (it has {available})"
        )


def describe(assistant: Assistant) -> dict[str, Any]:
    """What a report records about the assistant it measured."""
    s = assistant.settings
    out: dict[str, Any] = {
        "embedder": assistant.embedder.name,
        "answerer": s.llm,
        "k": s.k,
        "abstain_threshold": s.abstain_threshold,
        "fusion": getattr(s, "fusion", None),
        "reranker": getattr(s, "reranker", None) or None,
    }
    retriever = assistant.retriever
    out["signals"] = ["dense", *(sig.name for sig in retriever.signals)]
    out["weights"] = dict(retriever.weights.weights)
    return out


@dataclasses.dataclass
class EvalReport:
    """The results of one run of one configuration, with metrics overall and per subset."""

    results: list[QuestionResult]
    k: int
    config: str = "default"
    setup: dict[str, Any] = dataclasses.field(default_factory=dict)
    warnings: list[str] = dataclasses.field(default_factory=list)
    duration_s: float = 0.0
    primary_metric: str = PRIMARY_METRIC

    def __post_init__(self) -> None:
        self.metrics = aggregate(self.results, self.k)
        self.by_set = self._split(lambda q: [q.set])
        self.by_language = self._split(lambda q: [q.language])
        self.by_tag = self._split(lambda q: list(q.tags))

    def _split(self, keys: Callable[[Question], list[str]]) -> dict[str, dict[str, Any]]:
        groups: dict[str, list[QuestionResult]] = {}
        for r in self.results:
            for key in keys(r.question):
                groups.setdefault(key, []).append(r)
        return {key: aggregate(rs, self.k) for key, rs in sorted(groups.items())}

    def metric(self, key: str) -> float | int | None:
        """A metric by path: `accuracy`, `set:shared/hit@5`, `lang:en/mrr`, `tag:list/...`."""
        scope, _, name = key.rpartition("/")
        if not scope:
            return self.metrics.get(name)
        kind, _, value = scope.partition(":")
        table = {"set": self.by_set, "lang": self.by_language, "tag": self.by_tag}.get(kind)
        if table is None:
            raise InvalidRequest(f"metric {key!r}: scope must be set:, lang: or tag:")
        return table.get(value, {}).get(name)

    def to_dict(self, results: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "config": self.config,
            "description": CONFIGS[self.config].description if self.config in CONFIGS else "",
            "k": self.k,
            "primary_metric": self.primary_metric,
            "setup": self.setup,
            "duration_s": round(self.duration_s, 2),
            "warnings": self.warnings,
            "metrics": _rounded(self.metrics),
            "by_set": {k: _rounded(v) for k, v in self.by_set.items()},
            "by_language": {k: _rounded(v) for k, v in self.by_language.items()},
            "by_tag": {k: _rounded(v) for k, v in self.by_tag.items()},
        }
        if results:
            d["results"] = [r.to_dict() for r in self.results]
        return d


def evaluate(
    assistant: Assistant,
    questions: Iterable[Question] | str | Path,
    *,
    k: int | None = None,
    progress: EvalProgress | None = None,
    llm: str | None = None,
    judge: Judge | str | None = None,
    config: str = "default",
) -> EvalReport:
    """Ask every question through `assistant.ask` (with its history) and score the answers.

    `k` is the passages the answer uses (default: the assistant's); ranking metrics always look
    at least RANK_DEPTH passages deep. `llm` names the answerer (default: the assistant's).
    `judge` (a Judge or an LLM spec) adds an LLM-judged faithfulness score; without one the
    run needs no language model.
    """
    if isinstance(questions, (str, Path)):
        questions = load_questions(questions)
    questions = list(questions)
    k = assistant.settings.k if k is None else int(k)
    judge = get_judge(judge, assistant)
    warnings = _missing_sources(assistant, questions)
    t0 = time.perf_counter()
    results: list[QuestionResult] = []
    for i, q in enumerate(questions, start=1):
        r = _run_one(assistant, q, k, llm, judge)
        r.values = question_values(r, k)
        results.append(r)
        if progress is not None:
            progress(i, len(questions), r)
    setup = describe(assistant)
    setup.update(k=k, answerer=llm or setup["answerer"], judge=getattr(judge, "name", None))
    return EvalReport(results, k, config, setup, warnings, duration_s=time.perf_counter() - t0)


def _run_one(
    assistant: Assistant, q: Question, k: int, llm: str | None, judge: Judge | None
) -> QuestionResult:
    history = list(q.history)
    t0 = time.perf_counter()
    try:
        answer = assistant.ask(q.question, history=history, k=k, llm=llm)
    except InvalidRequest as e:
        log.warning("%s: %s", q.key, e)
        ms = (time.perf_counter() - t0) * 1000
        return QuestionResult(q, "", False, [], [], ms, error=str(e))
    latency = (time.perf_counter() - t0) * 1000
    hits = answer.retrieved
    if k < RANK_DEPTH:
        extra = {"llm": llm} if llm else {}
        _, _, hits = assistant.retrieve(q.question, history, k=RANK_DEPTH, **extra)
    cited = [Path(c.source).name for c in answer.citations]
    result = QuestionResult(
        question=q,
        answer=answer.text,
        abstained=answer.abstained,
        ranked=[_names(h) for h in hits],
        cited=cited,
        latency_ms=latency,
        timings_ms=dict(answer.timings_ms),
        citations=[
            {"n": c.n, "source": c.source, "page": c.page, "verified": c.verified}
            for c in answer.citations
        ],
        retrieved=[
            {"source": h.chunk.source, "score": round(h.score, 6), "scores": h.scores}
            for h in answer.retrieved
        ],
        standalone_question=answer.standalone_question,
        translated_query=answer.translated_query,
        restored_query=answer.restored_query,
        abstain_reason=answer.abstain_reason,  # None when it answered
    )
    if judge is not None and not answer.abstained:
        passages = [h.chunk.text for h in answer.retrieved]
        result.faithfulness = judge.faithfulness(q.question, answer.text, passages, q.language)
    return result


def _names(hit) -> tuple[str, ...]:
    return tuple(Path(s).name for s in (hit.chunk.source, *hit.also_in))


def _missing_sources(assistant: Assistant, questions: list[Question]) -> list[str]:
    """Gold sources the store does not hold: such questions cannot be answered, say so."""
    indexed = {Path(d["source"]).name for d in assistant.documents()}
    missing = sorted({s for q in questions for s in q.sources} - indexed)
    if missing:
        msg = f"{len(missing)} gold source(s) are not in the store: {', '.join(missing[:10])}"
        log.warning(msg)
        return [msg]
    return []


def _rounded(m: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 6) if isinstance(v, float) else v for k, v in m.items()}


__all__ = [
    "CONFIGS",
    "EvalConfig",
    "EvalReport",
    "Question",
    "QuestionResult",
    "QuestionSetError",
    "check_config",
    "evaluate",
    "get_config",
    "load_questions",
    "open_config",
]
