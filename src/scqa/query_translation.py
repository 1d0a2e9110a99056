"""The query in the other language, searched beside it (`Retriever.search`), when the answerer is
an LLM that can translate: a second way across languages besides the glossary's expansion. A
translation that does not look like one, or whose embedding is not near the question's, is not
used."""

from __future__ import annotations

import logging
from typing import Any

import numpy as np

from .config import Settings
from .embeddings import Embedder
from .errors import LLMUnavailable
from .filters import Filters

log = logging.getLogger(__name__)


def translated_query(
    generator: Any,
    query: str,
    language: str,
    filters: Filters,
    settings: Settings,
    embedder: Embedder,
) -> str | None:
    """The query in the other language: by the generator when it can translate and
    `translate_queries` is on, and the filters do not hold the search to the query's own
    language. A failed or rejected translation is logged and the search goes without it."""
    translate = getattr(generator, "translate", None)
    if not (translate and settings.translate_queries) or filters.language == language:
        return None
    try:
        translation = translate(query, language)
    except LLMUnavailable as e:
        log.warning("searching without a translated query: %s", e)
        return None
    if translation is None:
        log.info("the LLM's translation of %r did not look like one; not used", query)
        return None
    near = similarity(embedder, query, translation)
    if near < settings.translation_min_similarity:
        log.info(
            "the LLM's translation %r is too far from %r (cosine %.3f < %s); not used",
            translation,
            query,
            near,
            settings.translation_min_similarity,
        )
        return None
    return translation


def similarity(embedder: Embedder, query: str, translation: str) -> float:
    """Cosine of the two texts' query embeddings: the e5 models put Vietnamese and English in
    one space, so a faithful translation lands near its question, unrelated text far."""
    a, b = embedder.embed_query(query), embedder.embed_query(translation)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
