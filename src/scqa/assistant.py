"""The façade every face uses: ingest, ask, stream, stats, delete, as_retriever."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from . import text as textmod
from .answerability import missing_terms
from .citations import check
from .config import Settings
from .diacritics import marks_missing
from .embeddings import Embedder, Memo, get_embedder
from .errors import InvalidRequest
from .evidence import evidence_parts
from .filters import Filters
from .followup import standalone_query
from .generation import ABSTAIN_TEXT, GenerationRequest, Generator, get_generator, why
from .ingestion import ProgressCallback, delete_source, ingest
from .keyword import KeywordIndex
from .query_translation import translated_query
from .rerank import get_reranker
from .retrieval import FusionWeights, Retriever
from .store import Store
from .types import Answer, FileResult, Hit, IngestReport

log = logging.getLogger(__name__)


class _Found(NamedTuple):
    """What the retrieval half of `ask` found, and the queries it searched."""

    language: str
    query: str  # the standalone question
    translation: str | None  # the query in the other language, also searched (LLM)
    restored: str | None  # the query with its diacritics put back, searched instead
    hits: list[Hit]


class Assistant:
    """scqa's one entry point.

    >>> a = Assistant(store="vectorstore")
    >>> a.ingest(["ingest/"])
    >>> a.ask("Đề án 950 được phê duyệt ngày nào?").text
    """

    def __init__(
        self,
        store: str | Path | None = None,
        *,
        settings: Settings | None = None,
        embedder: str | Embedder | None = None,
        llm: str | None = None,
        chroma_url: str | None = None,
    ) -> None:
        self.settings = settings or Settings.from_env(
            store=store,
            chroma_url=chroma_url,
            llm=llm,
            embedder=embedder if isinstance(embedder, str) else None,
        )
        if isinstance(embedder, str) or embedder is None:
            self.embedder = get_embedder(self.settings.embedder)
        else:
            self.embedder = embedder
        # questions and answer sentences recur: the ask path embeds through this memo
        self.memo = Memo(self.embedder)
        self._store: Store | None = None
        self._retriever: Retriever | None = None
        self._keyword: KeywordIndex | None = None
        self._generators: dict[str, Generator] = {}
        self._plumbing = threading.RLock()  # app threads race to open the store on first use

    # -- plumbing ------------------------------------------------------------------------------
    def _open(self, create: bool) -> Store:
        with self._plumbing:
            if self._store is None:
                s, e = self.settings, self.embedder
                self._store = Store(s, e.name, e.dim, create=create)
            return self._store

    @property
    def store(self) -> Store:
        return self._open(create=True)

    @property
    def retriever(self) -> Retriever:
        with self._plumbing:
            return self._build_retriever()

    def _build_retriever(self) -> Retriever:
        if self._retriever is None:
            s = self.settings
            self._retriever = Retriever(
                self._open(create=False),
                self.memo,
                signals=self.keyword_index.signals(),
                weights=FusionWeights.parse(s.fusion, s.fusion_depth),
                reranker=get_reranker(s.reranker),
                rerank_depth=s.rerank_depth,
                crosslingual_boost=s.crosslingual_boost,
                language_of=self.keyword_index.language_of,
            )
        return self._retriever

    @property
    def keyword_index(self) -> KeywordIndex:
        """The BM25 / folded index beside Chroma, loaded once and checked against it."""
        with self._plumbing:
            if self._keyword is None:
                self._keyword = KeywordIndex.open(self.settings, self._open(create=False))
            return self._keyword

    def generator(self, spec: str | None = None) -> Generator:
        spec = spec or self.settings.llm
        with self._plumbing:
            if spec not in self._generators:
                self._generators[spec] = get_generator(spec, embedder=self.memo)
            return self._generators[spec]

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
            self._retriever = None
            self._keyword = None

    def __enter__(self) -> Assistant:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents -----------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | Path] | str | Path,
        progress: ProgressCallback | None = None,
        prune: bool = False,
    ) -> IngestReport:
        if isinstance(paths, (str, Path)):
            paths = [paths]
        store = self.store
        return ingest(
            paths,
            store,
            self.embedder,
            self.settings,
            progress=progress,
            prune=prune,
            listener=self.keyword_index,
        )

    def delete(self, source: str) -> FileResult:
        store = self._open(create=False)
        if store.record(source) is None and not store.ids_for_source(source):
            raise InvalidRequest(f"no document {source!r} in the store; see `scqa stats`")
        return delete_source(source, store, self.keyword_index)

    def documents(self) -> list[dict[str, Any]]:
        return [r.to_meta() for r in self._open(create=False).records()]

    def stats(self) -> dict[str, Any]:
        store = self._open(create=False)
        records = store.records()
        return {
            "store": store.location,
            "mode": "server" if store.server else "embedded",
            "embedder": self.embedder.name,
            "answerer": self.settings.llm,
            "documents": len(records),
            "chunks": store.count(),
            "recorded_chunks": sum(r.chunks for r in records),
            "languages": _tally(r.language for r in records),
            "flags": _tally(f for r in records for f in r.flags),
        }

    # -- questions -----------------------------------------------------------------------------
    def _check_request(self, question: str, history: list[str] | None, k: int | None) -> int:
        s = self.settings
        if not question or not question.strip():
            raise InvalidRequest("the question is empty")
        if len(question) > s.max_question_chars:
            raise InvalidRequest(
                f"the question has {len(question)} characters; the limit is "
                f"{s.max_question_chars} (SCQA_MAX_QUESTION_CHARS)"
            )
        if history and len(history) > s.max_history:
            raise InvalidRequest(
                f"{len(history)} history turns; the limit is {s.max_history} (SCQA_MAX_HISTORY)"
            )
        k = s.k if k is None else int(k)
        if not 1 <= k <= s.max_k:
            raise InvalidRequest(f"k={k} must be between 1 and {s.max_k} (SCQA_MAX_K)")
        return k

    def retrieve(
        self,
        question: str,
        history: list[str] | None = None,
        k: int | None = None,
        filters: Filters | dict[str, Any] | None = None,
        llm: str | None = None,
    ) -> tuple[str, str, list[Hit]]:
        """(language, standalone query, hits) — the retrieval half of `ask`."""
        found = self._retrieve(question, history, k, filters, llm)
        return found.language, found.query, found.hits

    def _retrieve(
        self,
        question: str,
        history: list[str] | None,
        k: int | None,
        filters: Filters | dict[str, Any] | None,
        llm: str | None,
    ) -> _Found:
        k = self._check_request(question, history, k)
        language = textmod.detect_language(question)
        where = Filters.coerce(filters)
        query = self._standalone(question.strip(), list(history or []), language, llm)
        restored = self._restored(query, language)
        translation = translated_query(
            self.generator(llm), query, language, where, self.settings, self.memo
        )
        hits = self.retriever.search(restored or query, language, k, where, translation)
        return _Found(language, query, translation, restored, hits)

    def _restored(self, query: str, language: str) -> str | None:
        """A Vietnamese query with the marks its words were typed without put back, for the
        search and the answer, or None when there is nothing to do (all typed, or unknown)."""
        if not (self.settings.restore_diacritics and language == "vi" and marks_missing(query)):
            return None
        restored = self.keyword_index.restore(query)
        return restored if restored != query else None

    def _standalone(self, question: str, history: list[str], language: str, llm: str | None) -> str:
        """A follow-up made standalone: by the LLM when the generator can rewrite and its rewrite
        looks like a question, else by carrying the earlier turns' key terms over."""
        rewrite = getattr(self.generator(llm), "rewrite", None) if history else None
        rewritten = rewrite(question, history, language) if rewrite else None
        return rewritten or standalone_query(question, history, language)

    def assess(self, question: str, history: list[str] | None = None) -> dict[str, Any]:
        """What abstention is decided on before any answer is written, as `ask` decides it:
        the evidence score and its parts (`evidence.evidence_parts`) and the required terms
        that no retrieved article mentions ("missing"). bench/calibrate_abstention.py reads it."""
        return self._judge(question, self._retrieve(question, history, None, None, None))

    def _judge(self, question: str, found: _Found) -> dict[str, Any]:
        language, query, hits = found.language, found.restored or found.query, found.hits
        missing = missing_terms(question, language, hits)
        if missing:  # the names that identify the topic may stand elsewhere in the article
            missing = [
                t for t in missing if t in missing_terms(question, language, self._whole(hits))
            ]
        # a question typed with its marks is matched with them (not one whose marks were restored)
        typed_marks = found.restored is None and textmod.fold(query) != query.lower()
        parts = evidence_parts(query, language, hits, self.settings.crosslingual_boost, typed_marks)
        return {**parts, "missing": missing}

    def _whole(self, hits: list[Hit]) -> list[Hit]:
        """Every chunk of the documents `hits` come from, as hits."""
        sources = list(dict.fromkeys(h.chunk.source for h in hits))
        chunks = [c for src in sources for c in self.store.get_chunks(where={"source": src})]
        return [Hit(c, 0.0) for c in chunks]

    def stream(
        self,
        question: str,
        history: list[str] | None = None,
        k: int | None = None,
        filters: Filters | dict[str, Any] | None = None,
        llm: str | None = None,
    ) -> Iterator[str | Answer]:
        """Yield pieces of answer text as they come, then the final `Answer`."""
        t0 = time.perf_counter()
        found = self._retrieve(question, history, k, filters, llm)
        # the answer reads the query as searched: with its diacritics restored, when they were
        language, query, hits = found.language, found.restored or found.query, found.hits
        t1 = time.perf_counter()
        generator = self.generator(llm)
        s = self.settings
        judged = self._judge(question, found)
        missing, evidence = judged["missing"], judged["score"]
        weak = evidence < s.abstain_threshold
        abstain = weak or bool(missing)
        reason, detail = None, ""
        if missing:
            reason, detail = "missing_terms", ", ".join(missing)
        elif weak:
            reason, detail = "weak_evidence", f"{evidence:.2f} < {s.abstain_threshold:g}"
        raw = ""
        if not abstain:
            request = GenerationRequest(
                query, language, hits, list(history or []), self.settings.answer_chars
            )
            for piece in generator.stream(request):
                raw += piece
                yield piece
        checked = check(raw, hits, self.memo) if raw else None
        if not abstain and (checked is None or not checked.has_support):
            abstain = True
            # nothing written, or nothing cited (a model saying the passages do not tell),
            # else citations none of which holds up
            cited = checked is not None and bool(checked.citations)
            reason = "unsupported" if cited else "no_answer_sentence"
        text = ABSTAIN_TEXT[language] if abstain else checked.text
        if abstain and raw.strip() == text:
            pass  # the model itself said the refusal, word for word: not twice
        elif abstain and raw:
            yield "\n\n" + text  # the streamed text is taken back visibly
        elif abstain:
            yield text
        t2 = time.perf_counter()
        yield Answer(
            question=question,
            text=text,
            language=language,
            abstained=abstain,
            citations=[] if abstain else checked.citations,
            retrieved=hits,
            timings_ms={
                "retrieve": (t1 - t0) * 1000,
                "generate": (t2 - t1) * 1000,
                "total": (t2 - t0) * 1000,
            },
            backend=generator.name,
            standalone_question=found.query if found.query != question.strip() else None,
            translated_query=found.translation,
            restored_query=found.restored,
            abstain_reason=reason,
            abstain_detail=detail,
            why=why(reason, detail, language),
            flags=(
                *(f"missing: {t}" for t in missing),
                *(f"unsupported: {u}" for u in (checked.unsupported if checked else [])),
            ),
        )

    def ask(
        self,
        question: str,
        history: list[str] | None = None,
        k: int | None = None,
        filters: Filters | dict[str, Any] | None = None,
        llm: str | None = None,
    ) -> Answer:
        for item in self.stream(question, history, k, filters, llm):
            if isinstance(item, Answer):
                return item
        raise AssertionError("stream ended without an Answer")  # pragma: no cover

    def as_retriever(self, k: int = 5, filters: dict[str, Any] | None = None):
        from .langchain import ScqaRetriever

        return ScqaRetriever(assistant=self, k=k, filters=filters or {})


def _tally(values: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out
