"""Retrieval: dense search in Chroma, keyword signals beside it, fused into one ranked list.

Each signal returns (chunk id, score) lists best first; reciprocal rank fusion combines them with
the weights in `FusionWeights`, and every hit keeps each signal's own score for display. The
signals are named "dense" (Chroma), "bm25" (word tokens) and "folded" (accent-free syllables, see
keyword.py); `PRESETS` names the configurations the evaluation compares. Given the query's
translation into the other language (by the LLM, when one is configured), each signal searches
that too, and its list joins the fusion as "<signal>_translated". Near-duplicate chunks
(one paragraph quoted in two articles) collapse into the best-ranked one, whose `also_in` lists
the other sources; an optional reranker (rerank.py) reorders the head of the fused list.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from . import text as textmod
from .embeddings import Embedder
from .errors import InvalidRequest
from .filters import Filters
from .glossary import OTHER
from .named_source import prefer_named, prefer_person
from .near_duplicates import collapse_duplicates
from .store import Store
from .types import Chunk, Hit

log = logging.getLogger(__name__)

RRF_K = 60
BOOST_POOL = 300  # nearest ids the cross-lingual boost reorders (ids and distances only)

# Fusion weights per configuration, tuned on eval/shared.jsonl + eval/sample.jsonl
# (bench/measure_retrieval.py); "hybrid+folded" is the default (SCQA_FUSION).
PRESETS: dict[str, dict[str, float]] = {
    "dense": {"dense": 1.0},
    "bm25": {"bm25": 1.0},
    "hybrid": {"dense": 1.0, "bm25": 1.0},
    "hybrid+folded": {"dense": 1.0, "bm25": 1.0, "folded": 1.5},
    "hybrid+rerank": {"dense": 1.0, "bm25": 1.0, "folded": 1.5},
}
# A Vietnamese query typed without marks cannot match the exact-word field (and pyvi cannot
# segment it), and e5 embeds it poorly (closer to English text than to the Vietnamese it means),
# so the folded field leads: these weights replace the preset's non-zero ones.
UNMARKED_WEIGHTS: dict[str, float] = {"dense": 0.5, "bm25": 0.0, "folded": 2.5}


def unmarked_vietnamese(query: str, language: str) -> bool:
    """A Vietnamese query typed without any diacritics ("de an 950 duoc phe duyet ngay nao")."""
    return language == "vi" and textmod.fold(query) == query.lower()


class Signal(Protocol):
    """A ranked list of (chunk id, score) for a query; the keyword indexes implement this."""

    name: str

    def search(
        self, query: str, language: str, k: int, filters: Filters
    ) -> list[tuple[str, float]]: ...


@dataclass
class FusionWeights:
    weights: dict[str, float] = field(default_factory=lambda: {"dense": 1.0})
    depth: int = 30  # how deep each signal's list goes into fusion

    def of(self, name: str) -> float:
        return self.weights.get(name, 0.0)

    def for_query(self, query: str, language: str) -> FusionWeights:
        """These weights, or for an unmarked Vietnamese query the folded-first ones."""
        if not unmarked_vietnamese(query, language):
            return self
        weights = {
            n: (UNMARKED_WEIGHTS.get(n, w) if w > 0 else 0.0) for n, w in self.weights.items()
        }
        return FusionWeights(weights, self.depth)

    @classmethod
    def parse(cls, spec: str, depth: int = 30) -> FusionWeights:
        """A preset name ("hybrid+folded") or "dense=1,bm25=0.8,folded=0.5"."""
        if spec in PRESETS:
            return cls(dict(PRESETS[spec]), depth)
        weights: dict[str, float] = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            name, _, value = part.partition("=")
            try:
                weights[name.strip()] = float(value)
            except ValueError as e:
                raise InvalidRequest(
                    f"fusion {spec!r}: use a preset {sorted(PRESETS)} or 'dense=1,bm25=0.8'"
                ) from e
        if not weights:
            raise InvalidRequest(f"fusion {spec!r}: use a preset {sorted(PRESETS)}")
        return cls(weights, depth)


class Retriever:
    """Dense search plus any keyword signals, fused by weighted reciprocal rank."""

    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        signals: Sequence[Signal] = (),
        weights: FusionWeights | None = None,
        reranker: Reranker | None = None,
        rerank_depth: int = 20,
        crosslingual_boost: float = 0.0,
        language_of: Callable[[str], str | None] | None = None,
    ) -> None:
        self.store = store
        self.crosslingual_boost = crosslingual_boost
        self.language_of = language_of
        self.embedder = embedder
        self.signals = list(signals)
        self.weights = weights or FusionWeights()
        self.reranker = reranker
        self.rerank_depth = rerank_depth
        self._use_reranker = reranker is not None
        self.boost_translation = False  # boost the translated query's dense search too (bench)

    def configure(self, name: str) -> Retriever:
        """Switch to a named configuration of `PRESETS` (the evaluation's ablations)."""
        if name not in PRESETS:
            raise InvalidRequest(f"unknown retrieval config {name!r}; valid: {sorted(PRESETS)}")
        if name.endswith("+rerank") and self.reranker is None:
            raise InvalidRequest(f"config {name!r} needs a reranker: set SCQA_RERANKER")
        self.weights = FusionWeights(dict(PRESETS[name]), self.weights.depth)
        self._use_reranker = name.endswith("+rerank")
        return self

    def dense(
        self, query: str, k: int, filters: Filters, language: str | None = None
    ) -> list[tuple[Chunk, float]]:
        """The k nearest chunks by cosine, best first, as `dense_ids` ranks them."""
        ranked = self.dense_ids(query, k, filters, language)
        chunks = {c.id: c for c in self.store.get_chunks([cid for cid, _ in ranked])}
        return [(chunks[cid], s) for cid, s in ranked if cid in chunks]

    def dense_ids(
        self, query: str, k: int, filters: Filters, language: str | None = None
    ) -> list[tuple[str, float]]:
        """The ids of the k nearest chunks with their cosine (ids and distances only: `search`
        reads the texts of the fused head in one call). Given the query's language, passages in
        the other language get `crosslingual_boost` added: a multilingual embedder scores a
        passage in the query's own language higher than an equally relevant one in the other,
        so without it an English question ranks English text on the topic above the Vietnamese
        text that answers it. The boost reorders a wider pool of nearest ids (`BOOST_POOL`,
        languages from `language_of`), so it can lift passages the plain search left below its
        k; each passage keeps its plain cosine as its score."""
        vector = self.embedder.embed_query(query)
        other = OTHER.get(language or "")
        boost, language_of = self.crosslingual_boost, self.language_of
        if (
            not (other and boost and language_of)
            or filters.language
            or unmarked_vietnamese(query, language or "")
        ):
            return self.store.nearest(vector, k, filters.where())
        pool = self.store.nearest(vector, max(BOOST_POOL, 10 * k), filters.where())
        ranked = sorted(pool, key=lambda t: -(t[1] + (boost if language_of(t[0]) == other else 0)))
        return ranked[:k]

    def search(
        self,
        query: str,
        language: str,
        k: int,
        filters: Filters | None = None,
        translation: str | None = None,
    ) -> list[Hit]:
        """The k best chunks for `query` (asked in `language`). Given `translation`, the query in
        the other language, that is searched too and its lists join the fusion as
        "<signal>_translated" (see `_translated_lists`)."""
        filters = filters or Filters()
        weights = self.weights.for_query(query, language)
        depth = max(weights.depth, k)
        lists: dict[str, list[tuple[str, float]]] = {}
        chunks: dict[str, Chunk] = {}
        if weights.of("dense") > 0 or not self.signals:
            lists["dense"] = self.dense_ids(query, depth, filters, language)
        for signal in self.signals:
            if weights.of(signal.name) > 0:
                lists[signal.name] = signal.search(query, language, depth, filters)
        if translation and translation.strip() and language in OTHER:
            weights = self._translated_lists(
                translation.strip(), language, depth, filters, lists, weights
            )
        fused = fuse(lists, weights)
        rerank = self._use_reranker and self.reranker is not None
        head = fused[: max(2 * k + 5, self.rerank_depth if rerank else 0)]
        missing = [cid for cid, _ in head if cid not in chunks]
        if missing:
            chunks.update((c.id, c) for c in self.store.get_chunks(missing))
        by_signal = {name: dict(ranked) for name, ranked in lists.items()}
        hits = [
            Hit(chunks[cid], score, {n: m[cid] for n, m in by_signal.items() if cid in m})
            for cid, score in head
            if cid in chunks
        ]
        hits = collapse_duplicates(hits)
        if rerank:
            hits = self._rerank(query, hits)
        return prefer_named(query, prefer_person(query, hits))[:k]

    def _translated_lists(
        self,
        translation: str,
        language: str,
        depth: int,
        filters: Filters,
        lists: dict[str, list[tuple[str, float]]],
        weights: FusionWeights,
    ) -> FusionWeights:
        """Search `translation` (the query in the other language than `language`) with each
        signal, in the translation's language, adding the ranked lists to `lists`
        as "<signal>_translated"; return the fusion weights of all the lists, each translated
        list weighted as the configuration weighs its signal for a query like the translation.
        The translation's dense search runs without the cross-lingual boost (unless
        `boost_translation`): it is there to reach the passages in its own language, which the
        boosted search of the original may still rank low (bench/tune_crosslingual.py
        --translations measures both)."""
        target = OTHER[language]
        own = self.weights.for_query(translation, target)
        out = dict(weights.weights)
        if not self.signals:  # dense alone kept its cosine as one list; two lists are fused
            out["dense"] = out.get("dense") or 1.0
            own = FusionWeights({"dense": own.of("dense") or 1.0})
        if own.of("dense") > 0:
            boost = target if self.boost_translation else None
            lists["dense_translated"] = self.dense_ids(translation, depth, filters, boost)
            out["dense_translated"] = own.of("dense")
        for signal in self.signals:
            if own.of(signal.name) > 0:
                name = f"{signal.name}_translated"
                lists[name] = signal.search(translation, target, depth, filters)
                out[name] = own.of(signal.name)
        return FusionWeights(out, weights.depth)

    def _rerank(self, query: str, hits: list[Hit]) -> list[Hit]:
        assert self.reranker is not None
        top, rest = hits[: self.rerank_depth], hits[self.rerank_depth :]
        scores = self.reranker.score(query, [h.chunk.context for h in top])
        for h, s in zip(top, scores, strict=True):
            h.scores["rerank"] = float(s)
        return sorted(top, key=lambda h: -h.scores["rerank"]) + rest


class Reranker(Protocol):
    """Scores (query, passage) pairs; higher is more relevant. See rerank.py."""

    name: str

    def score(self, query: str, passages: Sequence[str]) -> list[float]: ...


def fuse(
    lists: dict[str, list[tuple[str, float]]], weights: FusionWeights
) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion; a single list keeps its own scores."""
    if len(lists) == 1:
        return list(next(iter(lists.values())))
    total: dict[str, float] = {}
    for name, ranked in lists.items():
        w = weights.of(name) if weights.weights else 1.0
        for rank, (cid, _) in enumerate(ranked):
            total[cid] = total.get(cid, 0.0) + w / (RRF_K + rank + 1)
    return sorted(total.items(), key=lambda t: -t[1])
