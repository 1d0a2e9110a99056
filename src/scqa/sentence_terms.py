"""Which of the question's terms a candidate answer sentence holds, and how much each counts.

The question's key terms become groups of alternatives (in the other language, a policy term the
glossary knows becomes its translations); a group's weight falls with the share of candidate
sentences that hold it (`local_weights`); words only in the question's opening scope clause
("Theo bản tóm tắt Đề án 950, ...") weigh `SCOPE_WEIGHT` of the rest. Used by the extractive
answerer (extractive.py) to score its candidates.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from . import text as textmod
from .answerability import contains, term_weight
from .glossary import OTHER, matches

SCOPE_WEIGHT = 0.3  # a term only in the question's opening scope clause (see term_groups)


def term_groups(question: str, language: str, target: str) -> dict[tuple[str, ...], float]:
    """The question's key terms as groups of alternatives to look for in a sentence in `target`
    language, with their base weights. In the question's own language each term is its own
    group; in the other language a policy term the glossary knows becomes the group of its
    translations or itself ("workshop" finds "hội thảo"), weighing what the question words it
    stands for weigh, and the rest (names, figures) stay as they are. Words only in the question's opening
    scope ("Theo bản tóm tắt Đề án 950, ...", "According to the ODA overview, ...") say where to look,
    not what to quote: they weigh `SCOPE_WEIGHT` of the rest."""
    terms = textmod.key_terms(question, language)
    scope = scope_words(question)

    def weight(t: str) -> float:
        return term_weight(t) * (SCOPE_WEIGHT if t in scope else 1.0)

    if target == language or target not in OTHER.values():
        return {(t,): weight(t) for t in terms}
    found = matches(question, language, general=True)  # passages found: no drift to fear
    spans = [set(re.findall(r"\w+", textmod.fold(words))) for words, _ in found]
    groups = {(t,): weight(t) for t in terms if not any(t in span for span in spans)}
    for (words, entry), span in zip(found, spans, strict=True):
        w = sum(weight(t) for t in terms if t in span)
        # the question's own words too: names stay in English in Vietnamese text ("Industry
        # Summit 4.0"), and a Vietnamese passage may quote an English term
        forms = tuple(textmod.fold(f) for f in (*entry.forms(OTHER[language]), words))
        if w and forms:
            groups[forms] = groups.get(forms, 0.0) + w
    return groups


_SCOPE = re.compile(r"^\s*(?:theo|according to|as reported (?:by|in))\b[^,?:;]{3,200},")


def scope_words(question: str) -> set[str]:
    """The folded words of the question's opening scope clause that the rest does not repeat."""
    folded = textmod.fold(question)
    m = _SCOPE.match(folded)
    if not m:
        return set()
    rest = set(re.findall(r"\w+", folded[m.end() :]))
    return set(re.findall(r"[\w.]+", m.group(0))) - rest


def holds(folded: str, alternatives: tuple[str, ...]) -> bool:
    """Whether the folded text holds one of the alternatives as whole words (a translation's
    punctuation, as in "công nghiệp hóa, hiện đại hóa", need not match the text's)."""
    if len(alternatives) == 1 and contains(folded, alternatives[0]):
        return True
    return any(_phrase(a).search(folded) for a in alternatives)


@lru_cache(maxsize=4096)
def _phrase(folded_form: str) -> re.Pattern[str]:
    words = re.findall(r"\w+", folded_form)
    return re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)")


def local_weights(
    groups: dict[tuple[str, ...], float], folded: list[str]
) -> dict[tuple[str, ...], float]:
    """Term weights with an inverse document frequency over the candidate sentences: the words
    every candidate shares (the event's name repeated in each) say least about the answer."""
    n = len(folded)
    weights: dict[tuple[str, ...], float] = {}
    for alts, base in groups.items():
        df = sum(1 for f in folded if holds(f, alts))
        weights[alts] = base * math.log(1.0 + n / (1.0 + df))
    return weights


def unit_pattern(question: str) -> str | None:
    """For "bao nhiêu phiên" / "how many sessions": a number followed by that noun (or a percent
    sign for "phần trăm" / "percent") in a sentence marks the likely answer."""
    m = re.search(r"\b(?:bao nhieu|how many|may)\s+(\w+)", textmod.fold(question))
    if not m:
        return None
    unit = m.group(1)
    if unit in ("phan", "percent", "percentage"):
        return r"\d\s*(%|phan tram|percent)"
    return rf"\d[\d.,]*\s+{re.escape(unit)}"
