"""Retrieval: dense search in Chroma, keyword signals beside it, fused into one ranked list.

Each signal returns (chunk id, score) lists best first; reciprocal rank fusion combines them with
the weights in `FusionWeights`, and every hit keeps each signal's own score for display.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from .embeddings import Embedder
from .errors import InvalidRequest
from .store import Store
from .types import Chunk, Hit

log = logging.getLogger(__name__)

RRF_K = 60


@dataclass(frozen=True)
class Filters:
    """Restrict a search: to sources, a language, a date range (ISO yyyy-mm-dd, inclusive)."""

    sources: tuple[str, ...] = ()
    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def coerce(cls, value: Filters | dict[str, Any] | None) -> Filters:
        if value is None:
            return cls()
        if isinstance(value, Filters):
            return value
        known = {"sources", "source", "language", "date_from", "date_to"}
        unknown = set(value) - known
        if unknown:
            raise InvalidRequest(
                f"unknown filter(s) {sorted(unknown)}; valid: {sorted(known - {'source'})}"
            )
        sources = value.get("sources") or value.get("source") or ()
        if isinstance(sources, str):
            sources = (sources,)
        language = value.get("language") or None
        if language not in (None, "vi", "en"):
            raise InvalidRequest(f"language filter {language!r}: choose 'vi' or 'en'")
        return cls(tuple(sources), language, value.get("date_from"), value.get("date_to"))

    def where(self) -> dict[str, Any] | None:
        """The Chroma `where` clause for these filters."""
        parts: list[dict[str, Any]] = []
        if self.sources:
            parts.append({"source": {"$in": list(self.sources)}})
        if self.language:
            parts.append({"language": self.language})
        if self.date_from:
            parts.append({"date_int": {"$gte": _date_int(self.date_from)}})
        if self.date_to:
            parts.append({"date_int": {"$lte": _date_int(self.date_to)}})
        if self.date_from and not self.date_to:
            parts.append({"date_int": {"$gt": 0}})
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else {"$and": parts}

    def admits(self, chunk: Chunk) -> bool:
        """The same test in Python, for signals that do not run inside Chroma."""
        if self.sources and chunk.source not in self.sources:
            return False
        if self.language and chunk.language != self.language:
            return False
        d = _date_int(chunk.date) if chunk.date else 0
        if self.date_from and not (d and d >= _date_int(self.date_from)):
            return False
        return not (self.date_to and d > _date_int(self.date_to))

    def __bool__(self) -> bool:
        return bool(self.sources or self.language or self.date_from or self.date_to)


def _date_int(iso: str) -> int:
    digits = iso.replace("-", "")
    if len(digits) != 8 or not digits.isdigit():
        raise InvalidRequest(f"date {iso!r} is not in the form yyyy-mm-dd")
    return int(digits)


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


class Retriever:
    """Dense search plus any keyword signals, fused by weighted reciprocal rank."""

    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        signals: Sequence[Signal] = (),
        weights: FusionWeights | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.signals = list(signals)
        self.weights = weights or FusionWeights()

    def dense(self, query: str, k: int, filters: Filters) -> list[tuple[Chunk, float]]:
        vector = self.embedder.embed_query(query)
        return self.store.query(vector, k, filters.where())

    def search(
        self, query: str, language: str, k: int, filters: Filters | None = None
    ) -> list[Hit]:
        filters = filters or Filters()
        depth = max(self.weights.depth, k)
        lists: dict[str, list[tuple[str, float]]] = {}
        chunks: dict[str, Chunk] = {}
        if self.weights.of("dense") > 0 or not self.signals:
            dense = self.dense(query, depth, filters)
            chunks.update((c.id, c) for c, _ in dense)
            lists["dense"] = [(c.id, s) for c, s in dense]
        for signal in self.signals:
            if self.weights.of(signal.name) > 0:
                lists[signal.name] = signal.search(query, language, depth, filters)
        fused = fuse(lists, self.weights)
        missing = [cid for cid, _ in fused[:k] if cid not in chunks]
        if missing:
            chunks.update((c.id, c) for c in self.store.get_chunks(missing))
        hits = []
        for cid, score in fused:
            if cid in chunks:
                scores = {name: s for name, ranked in lists.items() for i, s in ranked if i == cid}
                hits.append(Hit(chunks[cid], score, scores))
            if len(hits) == k:
                break
        return hits


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
