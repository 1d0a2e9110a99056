"""Follow-up questions made standalone.

Without an LLM: an elliptical follow-up ("Dự án đó được phê duyệt khi nào?") gets the key terms
of the earlier turns that it does not already carry, most recent first. With an LLM configured,
the generator rewrites the question itself (see generation backends).
"""

from __future__ import annotations

from . import text as textmod

MAX_CARRIED_TERMS = 8


def standalone_query(question: str, history: list[str], language: str) -> str:
    """The query to retrieve with: the question plus the earlier turns' missing key terms."""
    if not history:
        return question
    have = set(textmod.key_terms(question, language))
    carried: list[str] = []
    for turn in reversed(history[-3:]):
        for term in _surface_terms(turn):
            if textmod.fold(term) not in have and term not in carried:
                carried.append(term)
    if not carried:
        return question
    return f"{question} ({' '.join(carried[:MAX_CARRIED_TERMS])})"


def _surface_terms(turn: str) -> list[str]:
    """Key terms of an earlier turn in its own spelling (diacritics kept for the keyword index)."""
    language = textmod.detect_language(turn)
    keys = set(textmod.key_terms(turn, language))
    words = [w.strip("?.,!:;\"'()") for w in turn.split()]
    return [w for w in words if w and textmod.fold(w) in keys]
