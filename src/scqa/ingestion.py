"""load → repair → chunk → embed → upsert, incremental and crash-safe.

For each file: its chunks are computed; only chunks whose id the store lacks are embedded; they
are upserted; the file's stale chunks are deleted; then, last, the file record (content hash and
chunk count) is written. A run killed at any point leaves a store that the next run completes
without duplicates or orphans, and a file whose hash matches its record costs no embedding call.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from . import loaders
from .chunking import chunk_document
from .config import Settings
from .embeddings import Embedder
from .errors import LoadError, StoreError
from .records import FileRecord
from .store import Store
from .types import Chunk, Document, FileResult, IngestReport

log = logging.getLogger(__name__)

EMBED_BATCH = 32


@dataclass(frozen=True)
class Progress:
    """What ingest is doing now; the faces render it as a bar."""

    files_done: int
    files_total: int
    source: str
    stage: str  # "scan" | "load" | "embed" | "done"
    chunks_done: int = 0
    chunks_total: int = 0


ProgressCallback = Callable[[Progress], None]


class IndexListener(Protocol):
    """Something kept in step with the chunk store (the keyword index)."""

    def update(self, added: Sequence[Chunk], removed_ids: Sequence[str]) -> None: ...

    def flush(self) -> None: ...


def discover(paths: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """(file, root) pairs, sorted, hidden files and folders skipped. A file given alone is its
    own root's child; a missing path is kept so that loading reports it by name."""
    found: list[tuple[Path, Path]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = path
            for folder, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        found.append((Path(folder) / name, root))
        else:
            found.append((path, path.parent))
    return found


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    embedder: Embedder,
    settings: Settings,
    *,
    progress: ProgressCallback | None = None,
    prune: bool = False,
    listener: IndexListener | None = None,
) -> IngestReport:
    files = discover(paths)
    report = IngestReport()
    notify = progress or (lambda _p: None)
    by_hash = {r.content_hash: r.source for r in store.records()}
    seen_sources: set[str] = set()
    for n, (path, root) in enumerate(files):
        notify(Progress(n, len(files), str(path), "load"))
        result = _ingest_file(
            path,
            root,
            store,
            embedder,
            settings,
            by_hash,
            seen_sources,
            listener,
            lambda d, t, p=path, i=n: notify(Progress(i, len(files), str(p), "embed", d, t)),
        )
        report.files.append(result)
        if result.status == "failed":
            log.warning("failed: %s: %s", path, result.reason)
    if prune:
        report.files += _prune(files, store, listener, seen_sources)
    if listener is not None:
        listener.flush()
    notify(Progress(len(files), len(files), "", "done"))
    return report


def _ingest_file(
    path: Path,
    root: Path,
    store: Store,
    embedder: Embedder,
    settings: Settings,
    by_hash: dict[str, str],
    seen_sources: set[str],
    listener: IndexListener | None,
    on_embed: Callable[[int, int], None],
) -> FileResult:
    try:
        doc = loaders.load(path, root, max_bytes=settings.max_file_bytes)
    except LoadError as e:
        return FileResult(_source_of(path, root), "failed", reason=e.reason)
    except OSError as e:
        return FileResult(_source_of(path, root), "failed", reason=f"cannot read: {e.strerror}")
    seen_sources.add(doc.source)
    twin = by_hash.get(doc.content_hash)
    if twin is not None and twin != doc.source:
        return FileResult(doc.source, "duplicate", reason=f"same content as {twin}")
    record = store.record(doc.source)
    if record is not None and record.content_hash == doc.content_hash:
        return FileResult(doc.source, "unchanged", chunks=record.chunks)
    try:
        written = _write(doc, root, store, embedder, settings, listener, on_embed)
    except LoadError as e:
        return FileResult(doc.source, "failed", reason=e.reason)
    except StoreError:
        raise
    except Exception as e:  # a bad document must not stop the batch
        log.exception("ingest of %s failed", path)
        return FileResult(doc.source, "failed", reason=f"{type(e).__name__}: {e}")
    by_hash[doc.content_hash] = doc.source
    return FileResult(doc.source, "added" if record is None else "updated", chunks=written)


def _write(
    doc: Document,
    root: Path,
    store: Store,
    embedder: Embedder,
    settings: Settings,
    listener: IndexListener | None,
    on_embed: Callable[[int, int], None],
) -> int:
    chunks = chunk_document(
        doc, embedder.token_count, settings.chunk_tokens, settings.chunk_overlap
    )
    if not chunks:
        raise LoadError(doc.source, "no text to index after cleaning")
    old_ids = set(store.ids_for_source(doc.source))
    fresh = [c for c in chunks if c.id not in old_ids]
    for start in range(0, len(fresh), EMBED_BATCH):
        on_embed(start, len(fresh))
        batch = fresh[start : start + EMBED_BATCH]
        store.upsert(batch, embedder.embed_passages([c.context for c in batch]))
    on_embed(len(fresh), len(fresh))
    # a kept chunk (same id) may sit at another index or carry the file's new hash or title
    store.update_metadata([c for c in chunks if c.id in old_ids])
    new_ids = {c.id for c in chunks}
    stale = sorted(old_ids - new_ids)
    store.delete_ids(stale)
    if listener is not None:
        listener.update(chunks, stale)
    store.put_record(
        FileRecord(
            source=doc.source,
            content_hash=doc.content_hash,
            chunks=len(chunks),
            title=doc.title,
            language=doc.language,
            date=doc.date or "",
            doc_number=doc.doc_number or "",
            flags=doc.flags,
            format=doc.format,
            root=str(root.resolve()),
            size=sum(len(p.text) for p in doc.pages),
        )
    )
    return len(chunks)


def _prune(
    files: list[tuple[Path, Path]],
    store: Store,
    listener: IndexListener | None,
    seen: set[str],
) -> list[FileResult]:
    """Remove files recorded under the ingested roots that are gone from them."""
    roots = {str(root.resolve()) for _, root in files}
    present = seen | {_source_of(p, r) for p, r in files}
    gone = [r for r in store.records() if r.root in roots and r.source not in present]
    return [delete_source(r.source, store, listener) for r in gone]


def delete_source(source: str, store: Store, listener: IndexListener | None) -> FileResult:
    ids = store.ids_for_source(source)
    store.delete_ids(ids)
    store.delete_record(source)
    if listener is not None:
        listener.update([], ids)
        listener.flush()
    return FileResult(source, "removed", chunks=len(ids))


def _source_of(path: Path, root: Path) -> str:
    try:
        rel = path.relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return rel.as_posix() if str(rel) != "." else path.name
