"""The vector store: the only module that imports chromadb.

Two collections per store: `<name>_chunks` (one record per chunk, cosine space, the embedder's
name and dimension in its metadata) and `<name>_files` (one record per ingested file: its content
hash and chunk count, written last, so a file is complete only once its record says so).
Chroma's raw dicts become scqa `Chunk`s here and nowhere else (the mapping is records.py's).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from .config import Settings
from .errors import EmbedderMismatch, StoreError, StoreLocked, StoreNotFound, StoreUnavailable
from .records import FileRecord, chunk_from, chunk_meta, record_id
from .types import Chunk

log = logging.getLogger(__name__)

LOCK_NAME = ".scqa.lock"
NEAREST_POOL = 300  # the fewest nearest ids asked of HNSW (see Store.nearest)
_CLIENT_LOCK = threading.Lock()


class _ProcessLock:
    """An exclusive lock on an embedded store directory, shared by all users in this process.

    Chroma's embedded store has one writer; two processes on one directory hang (Chroma #7040),
    so a second process fails at once instead.
    """

    _held: dict[Path, tuple[Any, int]] = {}
    _guard = threading.Lock()

    def __init__(self, directory: Path) -> None:
        self.path = directory.resolve() / LOCK_NAME
        with self._guard:
            handle, users = self._held.get(self.path, (None, 0))
            if handle is None:
                handle = open(self.path, "a+")  # noqa: SIM115 - held for the store's lifetime
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError as e:
                    handle.seek(0)
                    holder = handle.read().strip() or "?"
                    handle.close()
                    raise StoreLocked(
                        f"the store {directory} is in use by another process (pid {holder}); "
                        "an embedded Chroma store has one writer. To serve several processes, run "
                        "`chroma run --path DIR` and set SCQA_CHROMA_URL=http://host:port"
                    ) from e
                handle.seek(0)
                handle.truncate()
                handle.write(str(os.getpid()))
                handle.flush()
            self._held[self.path] = (handle, users + 1)

    def release(self) -> None:
        with self._guard:
            handle, users = self._held.get(self.path, (None, 0))
            if handle is None:
                return
            if users <= 1:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
                del self._held[self.path]
            else:
                self._held[self.path] = (handle, users - 1)


class Store:
    """Chunks and file records in Chroma, embedded (`settings.store`) or on a server."""

    def __init__(
        self, settings: Settings, embedder_name: str, dim: int, *, create: bool = True
    ) -> None:
        self.settings = settings
        self.embedder_name = embedder_name
        self.dim = dim
        self.server = bool(settings.chroma_url)
        self.location = settings.chroma_url or str(settings.store)
        self._lock: _ProcessLock | None = None
        import chromadb  # imported here: only this module knows Chroma
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if self.server:
            url = urlparse(settings.chroma_url)
            with self._guarded():
                self._client = chromadb.HttpClient(
                    host=url.hostname or "127.0.0.1",
                    port=url.port or 8000,
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                )
        else:
            directory = Path(settings.store)
            if not create and not directory.exists():
                raise StoreNotFound(f"no store at {directory}: run `scqa ingest PATH` first")
            directory.mkdir(parents=True, exist_ok=True)
            self._lock = _ProcessLock(directory)
            with _CLIENT_LOCK:  # Chroma's shared-system cache is not safe to fill from threads
                self._client = chromadb.PersistentClient(
                    path=str(directory), settings=chroma_settings
                )
        with self._guarded():
            self.max_batch = int(self._client.get_max_batch_size())
            self._chunks = self._open_chunks(create)
            self._files = self._client.get_or_create_collection(
                f"{settings.collection}_files", embedding_function=None
            )

    # -- opening -------------------------------------------------------------------------------
    def _open_chunks(self, create: bool):
        name = f"{self.settings.collection}_chunks"
        existing = {c if isinstance(c, str) else c.name for c in self._client.list_collections()}
        if name not in existing and not create:
            raise StoreNotFound(f"the store {self.location} holds no scqa index yet: run ingest")
        col = self._client.get_or_create_collection(
            name,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedder": self.embedder_name, "dim": self.dim},
            embedding_function=None,
        )
        meta = col.metadata or {}
        built_with = meta.get("embedder")
        if built_with and (built_with != self.embedder_name or int(meta.get("dim", 0)) != self.dim):
            raise EmbedderMismatch(
                f"the store {self.location} was built with the embedder {built_with!r} "
                f"({meta.get('dim')} dimensions), not {self.embedder_name!r} ({self.dim}): "
                f"set SCQA_EMBEDDER={built_with} or use another store"
            )
        return col

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """Translate a lost server into StoreUnavailable; embedded errors pass through."""
        try:
            yield
        except StoreError:
            raise
        except Exception as e:
            if self.server and _is_connection_error(e):
                raise StoreUnavailable(
                    f"the Chroma server at {self.settings.chroma_url} is not answering ({e}); "
                    "start it with `chroma run --path DIR --port P` and try again"
                ) from e
            raise

    def close(self) -> None:
        # Chroma caches one in-memory system per path: unless closed, a later Store on this path
        # in this process reuses it, with an HNSW index stale after other processes wrote.
        client, self._client = getattr(self, "_client", None), None
        if client is not None:
            try:
                client.close()
            except Exception:  # closing must never hide the caller's own error
                log.debug("closing the Chroma client of %s failed", self.location, exc_info=True)
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __del__(self) -> None:  # a store dropped without close() still frees the directory
        lock = getattr(self, "_lock", None)
        if lock is not None:
            lock.release()

    # -- chunks --------------------------------------------------------------------------------
    def count(self) -> int:
        with self._guarded():
            return self._chunks.count()

    def ids_for_source(self, source: str) -> list[str]:
        with self._guarded():
            return list(self._chunks.get(where={"source": source}, include=[])["ids"])

    def all_ids(self) -> list[str]:
        """Every chunk id, read in pages without texts (the keyword index's fingerprint)."""
        out: list[str] = []
        offset = 0
        while True:
            with self._guarded():
                res = self._chunks.get(limit=self.max_batch, offset=offset, include=[])
            out += res["ids"]
            if len(res["ids"]) < self.max_batch:
                return out
            offset += self.max_batch

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        for start in range(0, len(chunks), self.max_batch):
            part = chunks[start : start + self.max_batch]
            with self._guarded():
                self._chunks.upsert(
                    ids=[c.id for c in part],
                    embeddings=np.asarray(vectors[start : start + len(part)], dtype=np.float32),
                    documents=[c.text for c in part],
                    metadatas=[chunk_meta(c) for c in part],
                )

    def update_metadata(self, chunks: Sequence[Chunk]) -> None:
        """Refresh the metadata of chunks already stored (same id, so same text), keeping their
        embeddings: passing documents would make Chroma ask for an embedding function."""
        for start in range(0, len(chunks), self.max_batch):
            part = chunks[start : start + self.max_batch]
            with self._guarded():
                self._chunks.update(
                    ids=[c.id for c in part], metadatas=[chunk_meta(c) for c in part]
                )

    def delete_ids(self, ids: Sequence[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), self.max_batch):
            with self._guarded():
                self._chunks.delete(ids=ids[start : start + self.max_batch])

    def query(
        self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[Chunk, float]]:
        """The k nearest chunks with cosine similarity, best first."""
        with self._guarded():
            res = self._chunks.query(
                query_embeddings=[np.asarray(vector, dtype=np.float32)],
                n_results=k,
                where=where or None,
                include=["documents", "metadatas", "distances"],
            )
        ids, docs = res["ids"][0], res["documents"][0]
        metas, dists = res["metadatas"][0], res["distances"][0]
        return [
            (chunk_from(i, d, m), 1.0 - float(dist))
            for i, d, m, dist in zip(ids, docs, metas, dists, strict=True)
        ]

    def nearest(
        self, vector: np.ndarray, n: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """The ids of the n nearest chunks with their cosine similarity, best first: without
        texts and metadata, a few hundred cost about what 30 full chunks do. HNSW is approximate:
        asked for 30, a new client over a new 192-chunk store missed one of the exact 30 nearest
        in 3 of 12 reopenings; asked for `NEAREST_POOL`, in none."""
        with self._guarded():
            res = self._chunks.query(
                query_embeddings=[np.asarray(vector, dtype=np.float32)],
                n_results=max(n, NEAREST_POOL),
                where=where or None,
                include=["distances"],
            )
        return [
            (i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)
        ][:n]

    def get_chunks(
        self, ids: Sequence[str] | None = None, where: dict[str, Any] | None = None
    ) -> list[Chunk]:
        """Chunks by id (in the order asked) or by filter, read in pages."""
        out: list[Chunk] = []
        if ids is not None:
            ids = list(ids)
            for start in range(0, len(ids), self.max_batch):
                with self._guarded():
                    res = self._chunks.get(
                        ids=ids[start : start + self.max_batch], include=["documents", "metadatas"]
                    )
                out += _chunks_of(res)
            order = {cid: n for n, cid in enumerate(ids)}
            return sorted(out, key=lambda c: order.get(c.id, 0))
        offset = 0
        while True:
            with self._guarded():
                res = self._chunks.get(
                    where=where or None,
                    limit=self.max_batch,
                    offset=offset,
                    include=["documents", "metadatas"],
                )
            out += _chunks_of(res)
            if len(res["ids"]) < self.max_batch:
                return out
            offset += self.max_batch

    def embeddings_for(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        with self._guarded():
            res = self._chunks.get(ids=list(ids), include=["embeddings"])
        pairs = zip(res["ids"], res["embeddings"], strict=True)
        return {i: np.asarray(e, dtype=np.float32) for i, e in pairs}

    # -- file records --------------------------------------------------------------------------
    def record(self, source: str) -> FileRecord | None:
        with self._guarded():
            res = self._files.get(ids=[record_id(source)], include=["metadatas"])
        return FileRecord.from_meta(res["metadatas"][0]) if res["ids"] else None

    def records(self) -> list[FileRecord]:
        with self._guarded():
            res = self._files.get(include=["metadatas"])
        return sorted((FileRecord.from_meta(m) for m in res["metadatas"]), key=lambda r: r.source)

    def put_record(self, record: FileRecord) -> None:
        with self._guarded():
            self._files.upsert(
                ids=[record_id(record.source)], embeddings=[[1.0]], metadatas=[record.to_meta()]
            )

    def delete_record(self, source: str) -> None:
        with self._guarded():
            self._files.delete(ids=[record_id(source)])


def _chunks_of(res: dict[str, Any]) -> list[Chunk]:
    rows = zip(res["ids"], res["documents"], res["metadatas"], strict=True)
    return [chunk_from(*row) for row in rows]


def _is_connection_error(e: BaseException) -> bool:
    names = {type(x).__name__ for x in _chain(e)}
    wanted = {
        "ConnectError",
        "ConnectionError",
        "ConnectTimeout",
        "ReadError",
        "RemoteProtocolError",
        "ConnectionRefusedError",
        "ReadTimeout",
        "TimeoutException",
        "NetworkError",
    }
    text = str(e).lower()
    return bool(names & wanted) or "connection" in text or "could not connect" in text


def _chain(e: BaseException | None) -> Iterator[BaseException]:
    while e is not None:
        yield e
        e = e.__cause__ or e.__context__
