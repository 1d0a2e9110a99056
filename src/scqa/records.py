"""What a chunk and an ingested file keep in Chroma's metadata, and back.

A chunk's metadata holds scalars only (Chroma's rule): headings as JSON, flags comma-joined, the
date also as an integer (`date_int`, YYYYMMDD) for range filters. A file record lives in the
store's `<name>_files` collection under `record_id(source)`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .types import Chunk


@dataclass
class FileRecord:
    source: str
    content_hash: str
    chunks: int
    title: str = ""
    language: str = ""
    date: str = ""
    doc_number: str = ""
    flags: tuple[str, ...] = ()
    format: str = ""
    root: str = ""
    size: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_meta(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "content_hash": self.content_hash,
            "chunks": self.chunks,
            "title": self.title,
            "language": self.language,
            "date": self.date or "",
            "doc_number": self.doc_number or "",
            "flags": ",".join(self.flags),
            "format": self.format,
            "root": self.root,
            "size": self.size,
        }

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> FileRecord:
        return cls(
            source=str(meta["source"]),
            content_hash=str(meta.get("content_hash", "")),
            chunks=int(meta.get("chunks", 0)),
            title=str(meta.get("title", "")),
            language=str(meta.get("language", "")),
            date=str(meta.get("date", "")),
            doc_number=str(meta.get("doc_number", "")),
            flags=tuple(f for f in str(meta.get("flags", "")).split(",") if f),
            format=str(meta.get("format", "")),
            root=str(meta.get("root", "")),
            size=int(meta.get("size", 0)),
        )


def chunk_meta(c: Chunk) -> dict[str, Any]:
    date_int = int(c.date.replace("-", "")) if c.date else 0
    return {
        "source": c.source,
        "title": c.title,
        "language": c.language,
        "index": c.index,
        "page": c.page if c.page is not None else -1,
        "headings": json.dumps(list(c.headings), ensure_ascii=False),
        "date": c.date or "",
        "date_int": date_int,
        "doc_number": c.doc_number or "",
        "flags": ",".join(c.flags),
        "content_hash": c.content_hash,
    }


def chunk_from(cid: str, text: str, meta: dict[str, Any]) -> Chunk:
    page = int(meta.get("page", -1))
    return Chunk(
        id=cid,
        text=text or "",
        source=str(meta.get("source", "")),
        title=str(meta.get("title", "")),
        language=str(meta.get("language", "")),
        index=int(meta.get("index", 0)),
        page=None if page < 0 else page,
        headings=tuple(json.loads(meta.get("headings") or "[]")),
        date=str(meta.get("date")) or None,
        doc_number=str(meta.get("doc_number")) or None,
        flags=tuple(f for f in str(meta.get("flags", "")).split(",") if f),
        content_hash=str(meta.get("content_hash", "")),
    )


def record_id(source: str) -> str:
    return f"file:{source}"
