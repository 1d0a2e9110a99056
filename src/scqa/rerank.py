"""Optional reranking of the fused list's head by a cross-encoder (off by default).

`SCQA_RERANKER` selects a backend by name: empty (none), or `cross-encoder:<hub name or local
path>` — e.g. `cross-encoder:BAAI/bge-reranker-v2-m3`, a multilingual model that must be in the
local Hugging Face cache here, since nothing is downloaded at run time. A bare name or path is
taken as a cross-encoder too. The `Reranker` protocol lives in retrieval.py.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from .errors import InvalidRequest, MissingDependency

log = logging.getLogger(__name__)


class CrossEncoderReranker:
    """A sentence-transformers `CrossEncoder` scoring (query, passage) pairs."""

    def __init__(self, model: str, batch_size: int = 16, max_length: int = 512) -> None:
        try:
            from sentence_transformers import CrossEncoder
        except ImportError as e:
            raise MissingDependency(
                "sentence-transformers", "st", "the cross-encoder reranker"
            ) from e
        try:
            self._model = CrossEncoder(model, max_length=max_length, device="cpu")
        except Exception as e:  # OSError for a missing model, ValueError for a bad config, ...
            raise InvalidRequest(
                f"cannot load the cross-encoder {model!r} ({type(e).__name__}: {e}); give a local "
                "path or a model already in the Hugging Face cache, or unset SCQA_RERANKER"
            ) from e
        self.name = f"cross-encoder:{model}"
        self.batch_size = batch_size

    def score(self, query: str, passages: Sequence[str]) -> list[float]:
        if not passages:
            return []
        pairs = [(query, p) for p in passages]
        scores = self._model.predict(pairs, batch_size=self.batch_size, show_progress_bar=False)
        return [float(s) for s in scores]


BACKENDS = {"cross-encoder": CrossEncoderReranker}


def get_reranker(spec: str) -> CrossEncoderReranker | None:
    """The reranker named by `spec` (SCQA_RERANKER), or None when it is empty or "none"."""
    spec = (spec or "").strip()
    if spec.lower() in ("", "none", "off"):
        return None
    backend, sep, model = spec.partition(":")
    if sep and backend in BACKENDS:
        return BACKENDS[backend](model)
    if sep and "/" not in backend and not backend.startswith("."):
        raise InvalidRequest(
            f"unknown reranker backend {backend!r} in SCQA_RERANKER={spec!r}; "
            f"valid: {sorted(BACKENDS)} (e.g. cross-encoder:BAAI/bge-reranker-v2-m3)"
        )
    return CrossEncoderReranker(spec)
