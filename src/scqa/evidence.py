"""How well the retrieved passages cover a question: the score abstention is decided on.

It mixes the best dense similarity of the top passages (rescaled from e5's narrow band) with the
weighted share of the question's key terms they hold, accent-folded. The terms are the question's
content syllables plus the pairs of them that stand next to each other in the question, so that
"gia vang" is not covered by a text that says "giá" in one place and "vàng" in another (a pair
weighs 1.5, a syllable 1: weighting pairs more was measured and abstained wrongly more often). When the
passages are in the other language, the glossary's translations of the question's policy terms
are counted too when the best passage is in the other language (an English question over
Vietnamese text shares few words with it).
Calibrated on the eval sets: see `bench/calibrate_abstention.py` and `Settings.abstain_threshold`.
"""

from __future__ import annotations

import re

from . import text as textmod
from .answerability import coverage
from .glossary import expand
from .types import Hit

DENSE_FLOOR = 0.78  # e5-small cosine of unrelated text sits around here
DENSE_CEIL = 0.90
TOP_PASSAGES = 3


def question_terms(question: str, language: str) -> list[str]:
    """Key terms plus adjacent pairs of them ("gia vang"), all folded."""
    keys = textmod.key_terms(question, language)
    keyset = set(keys)
    words = re.findall(r"\w+", textmod.fold(question))
    pairs = [
        f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if a in keyset and b in keyset
    ]
    return [*keys, *dict.fromkeys(pairs)]


def translated_terms(question: str, language: str) -> list[str]:
    """The terms of the glossary's other-language forms of the question's policy terms."""
    out: list[str] = []
    for form, other in expand(question, language):
        out += question_terms(form, other)
    return list(dict.fromkeys(out))


def evidence_parts(query: str, language: str, hits: list[Hit]) -> dict[str, float]:
    top = hits[:TOP_PASSAGES]
    if not top:
        return {"dense": 0.0, "coverage": 0.0, "score": 0.0}
    dense = max(h.scores.get("dense", 0.0) for h in top)
    dense_part = min(1.0, max(0.0, (dense - DENSE_FLOOR) / (DENSE_CEIL - DENSE_FLOOR)))
    folded = textmod.fold(" ".join(h.chunk.context for h in top))
    cov = coverage(question_terms(query, language), folded)
    if top[0].chunk.language != language:  # the best passage is in the other language
        translated = translated_terms(query, language)
        if translated:
            cov = max(cov, coverage(translated, folded))
    return {"dense": dense_part, "coverage": cov, "score": 0.5 * dense_part + 0.5 * cov}


def evidence_score(query: str, language: str, hits: list[Hit]) -> float:
    return evidence_parts(query, language, hits)["score"]
