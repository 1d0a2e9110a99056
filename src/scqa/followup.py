"""Follow-up questions made standalone.

Without an LLM: an elliptical follow-up ("Dự án đó được phê duyệt khi nào?", "How many delegates
took part in it?") gets the key terms of the earlier turns that it does not already carry, most
recent first. A question that stands on its own ("What is Hue-S?" after questions on Decision
950) changes the topic and carries nothing. With an LLM configured, the generator rewrites the
question itself (see generation backends).
"""

from __future__ import annotations

import re

from . import text as textmod

MAX_CARRIED_TERMS = 8
MIN_OWN_TERMS = 3  # a question with fewer key terms of its own leans on the conversation

# words that point back into the conversation, by language (matched on lower-case text)
ANAPHORS = {
    "vi": r"\b(đó|này|ấy|kia|nói trên|trên đây|nó|họ|vậy|thế)\b",
    "en": r"\b(it|its|they|them|their|he|him|his|she|her|this|that|these|those|there|"
    r"the (province|city|project|programme|program|scheme|decision|resolution|centre|center|"
    r"summit|conference|workshop|event|document|plan))\b",
}


def is_elliptical(question: str, language: str) -> bool:
    """Whether the question needs the conversation to be understood."""
    if re.search(ANAPHORS.get(language, ANAPHORS["en"]), question.lower()):
        return True
    if _names_something(question):
        return False
    return len(textmod.key_terms(question, language)) < MIN_OWN_TERMS


def _names_something(question: str) -> bool:
    """A capitalised word after the first, or a figure: "What is Hue-S?", "Quyết định 749?"."""
    words = question.split()
    return any(w[:1].isupper() or any(c.isdigit() for c in w) for w in words[1:])


def standalone_query(question: str, history: list[str], language: str) -> str:
    """The query to retrieve with: the question plus the earlier turns' missing key terms."""
    if not history or not is_elliptical(question, language):
        return question
    have = set(textmod.key_terms(question, language))
    carried: list[str] = []
    for turn in reversed(history[-3:]):
        for term in _surface_terms(turn):
            if textmod.fold(term) not in have and term not in carried:
                carried.append(term)
    if not carried:
        return question
    # names, acronyms and figures first: "(IOC) của Thừa Thiên Huế" picks out the centre that
    # "giám sát, điều hành đô thị thông minh" does not, and the budget keeps the first few
    openers = {turn.split()[0] for turn in history if turn.split()}  # capitalised as first
    carried.sort(key=lambda t: t in openers or not _distinctive(t))
    return f"{question} ({' '.join(carried[:MAX_CARRIED_TERMS])})"


def _distinctive(term: str) -> bool:
    return term[:1].isupper() or any(c.isdigit() for c in term)


def _surface_terms(turn: str) -> list[str]:
    """Key terms of an earlier turn in its own spelling (diacritics kept for the keyword index)."""
    language = textmod.detect_language(turn)
    keys = set(textmod.key_terms(turn, language))
    words = re.findall(r"\w[\w\-./&]*\w|\w", turn)
    return [w for w in words if _is_key(textmod.fold(w), keys)]


def _is_key(folded: str, keys: set[str]) -> bool:
    parts = [p for p in re.split(r"[-./&]", folded) if p]
    return folded in keys or any(p in keys for p in parts)
