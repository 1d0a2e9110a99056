"""scqa's own small data types. Chroma dicts and loader objects are converted to these at the
boundary; the rest of the code sees nothing else."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """A run of text from one place in a file: a PDF page (1-based), or the whole text (None)."""

    text: str
    number: int | None = None


@dataclass
class Document:
    """One loaded, repaired file."""

    source: str  # path relative to the ingested root, POSIX separators
    title: str
    language: str  # "vi" | "en"
    content_hash: str  # sha256 of the raw bytes
    pages: list[Page]
    date: str | None = None  # ISO yyyy-mm-dd, the first date found in the text
    doc_number: str | None = None  # e.g. "950/QĐ-TTg"
    flags: tuple[str, ...] = ()  # e.g. "damaged_diacritics", "encoding:tcvn3"
    format: str = "txt"  # pdf | txt | md | html

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)


@dataclass(frozen=True)
class Chunk:
    """A piece of a document sized for the embedder, with its structural context."""

    id: str
    text: str
    source: str
    title: str
    language: str
    index: int  # position within its document
    page: int | None = None
    headings: tuple[str, ...] = ()  # outermost first: "Chương I", "Điều 2", "## Goals", ...
    date: str | None = None
    doc_number: str | None = None
    flags: tuple[str, ...] = ()
    content_hash: str = ""

    @property
    def context(self) -> str:
        """The text as it is embedded and shown: title and headings before the body."""
        head = " > ".join((self.title, *self.headings)) if self.title else " > ".join(self.headings)
        return f"{head}\n{self.text}" if head else self.text


@dataclass
class Hit:
    """A retrieved chunk with its fused score and each signal's score."""

    chunk: Chunk
    score: float
    scores: dict[str, float] = field(default_factory=dict)
    also_in: tuple[str, ...] = ()  # other sources holding a near-duplicate of this chunk

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.chunk.source,
            "chunk_id": self.chunk.id,
            "score": round(self.score, 6),
            "scores": {k: round(v, 6) for k, v in self.scores.items()},
            "title": self.chunk.title,
            "page": self.chunk.page,
            "also_in": list(self.also_in),
            "text": self.chunk.text,
        }


@dataclass
class Citation:
    n: int
    source: str
    title: str
    page: int | None
    chunk_id: str
    score: float
    text: str  # the quoted sentence(s), verbatim from the chunk
    verified: bool = True

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["score"] = round(self.score, 6)
        return d


# why an answer was declined: a question term no passage holds, evidence under the threshold,
# no sentence that says what is asked (or a model that cited nothing), citations that fail
ABSTAIN_REASONS = ("missing_terms", "weak_evidence", "no_answer_sentence", "unsupported")


@dataclass
class Answer:
    question: str
    text: str
    language: str
    abstained: bool
    citations: list[Citation]
    retrieved: list[Hit]
    timings_ms: dict[str, float]
    backend: str = "extractive"
    standalone_question: str | None = None  # the rewritten query when history was used
    translated_query: str | None = None  # the query in the other language, also searched (LLM)
    restored_query: str | None = None  # the query typed without diacritics, searched with them
    flags: tuple[str, ...] = ()
    # when abstained, why (ABSTAIN_REASONS) and its detail: the terms no passage holds ("5G"),
    # or the evidence score under its threshold ("0.41 < 0.45"); `why` says it in the question's
    # language (generation.why), "" when it answered
    abstain_reason: str | None = None
    abstain_detail: str = ""
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "language": self.language,
            "answer": self.text,
            "abstained": self.abstained,
            "backend": self.backend,
            "standalone_question": self.standalone_question,
            "translated_query": self.translated_query,
            "restored_query": self.restored_query,
            "citations": [c.to_dict() for c in self.citations],
            "retrieved": [h.to_dict() for h in self.retrieved],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
            "flags": list(self.flags),
            "abstain_reason": self.abstain_reason,
            "why": self.why,
        }


STATUSES = ("added", "updated", "unchanged", "removed", "duplicate", "failed")


@dataclass
class FileResult:
    source: str
    status: str  # one of STATUSES
    chunks: int = 0
    reason: str = ""


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def chunks_written(self) -> int:
        return sum(f.chunks for f in self.files if f.status in ("added", "updated"))

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        summary = {s: self.count(s) for s in STATUSES}
        summary["chunks_written"] = self.chunks_written
        return {"summary": summary, "files": [asdict(f) for f in self.files]}
