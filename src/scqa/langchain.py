"""scqa's retrieval stack as a LangChain `BaseRetriever`, for other people's chains."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .types import Hit


def hit_to_document(hit: Hit) -> LCDocument:
    c = hit.chunk
    return LCDocument(
        page_content=c.text,
        id=c.id,
        metadata={
            "source": c.source,
            "title": c.title,
            "page": c.page,
            "language": c.language,
            "headings": list(c.headings),
            "date": c.date,
            "doc_number": c.doc_number,
            "score": hit.score,
            "scores": dict(hit.scores),
            "also_in": list(hit.also_in),
        },
    )


class ScqaRetriever(BaseRetriever):
    """`assistant.as_retriever(k=5)`: hybrid search, fusion and all, as LangChain Documents."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    assistant: Any
    k: int = 5
    filters: dict[str, Any] = {}

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LCDocument]:
        _, _, hits = self.assistant.retrieve(query, k=self.k, filters=self.filters)
        return [hit_to_document(h) for h in hits]
