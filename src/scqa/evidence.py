"""How well the retrieved passages cover a question: the score abstention is decided on.

It mixes the best dense similarity (rescaled from e5's narrow band) with the weighted share of
the question's key terms that the top passages hold (accent-folded).
"""

from __future__ import annotations

from . import text as textmod
from .extractive import coverage
from .types import Hit

DENSE_FLOOR = 0.78  # e5-small cosine of unrelated text sits around here
DENSE_CEIL = 0.90
TOP_PASSAGES = 3


def evidence_score(query: str, language: str, hits: list[Hit]) -> float:
    if not hits:
        return 0.0
    dense = max((h.scores.get("dense", 0.0) for h in hits[:TOP_PASSAGES]), default=0.0)
    dense_part = min(1.0, max(0.0, (dense - DENSE_FLOOR) / (DENSE_CEIL - DENSE_FLOOR)))
    terms = textmod.key_terms(query, language)
    folded = textmod.fold(" ".join(h.chunk.context for h in hits[:TOP_PASSAGES]))
    cov = coverage(terms, folded) if terms else 0.0
    return 0.5 * dense_part + 0.5 * cov
