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
import unicodedata

from . import text as textmod
from .answerability import contains, coverage, term_weight
from .glossary import OTHER, matches
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


def translated_coverage(question: str, language: str, folded: str) -> float | None:
    """The question's coverage by `folded` as if it were asked in the other language: each
    policy term the glossary knows counts as found to the degree its best other-language form
    is (any one form will do), with the weight of the question words it stands for; the other
    terms (names, figures, words the glossary lacks) count as they are. None when the glossary
    knows none of the question's terms. A question the glossary covers little keeps most of its
    own words, so a passage cannot cover it through one translated word ("bò" is not "Bộ")."""
    found = matches(question, language)
    if not found:
        return None
    terms = question_terms(question, language)
    spans = [set(re.findall(r"\w+", textmod.fold(words))) for words, _ in found]
    total = got = 0.0
    for t in terms:
        if not any(set(t.split()) <= span for span in spans):
            total += term_weight(t)
            got += term_weight(t) if contains(folded, t) else 0.0
    other = OTHER[language]
    for (_, entry), span in zip(found, spans, strict=True):
        weight = sum(term_weight(t) for t in terms if set(t.split()) <= span)
        best = max(coverage(question_terms(f, other), folded) for f in entry.forms(other))
        total += weight
        got += weight * best
    return got / total if total else None


_TONES = {"\u0300": "1", "\u0301": "2", "\u0303": "3", "\u0309": "4", "\u0323": "5"}


def tone_key(word: str) -> str:
    """A Vietnamese word with its tone as a trailing digit, its other marks kept: "hóa" and
    "hoá" (old tone placement) are both "hoa2"; "thị" is "thi5", not "thi" (exam)."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = "".join(_TONES[c] for c in nfd if c in _TONES)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES)) + tones


def marked_terms(question: str) -> list[str]:
    """`question_terms` of a Vietnamese question typed with its marks, as tone keys."""
    keys = set(textmod.key_terms(question, "vi"))
    words = re.findall(r"\w+", textmod.nfc(question).lower())
    keyed = [tone_key(w) if textmod.fold(w) in keys else None for w in words]
    pairs = [f"{a} {b}" for a, b in zip(keyed, keyed[1:], strict=False) if a and b]
    return [*dict.fromkeys(k for k in keyed if k), *dict.fromkeys(pairs)]


def keyed_text(text: str) -> str:
    return " ".join(tone_key(w) for w in re.findall(r"\w+", textmod.nfc(text)))


def evidence_parts(
    query: str,
    language: str,
    hits: list[Hit],
    crosslingual_boost: float = 0.0,
    typed_marks: bool = False,
) -> dict[str, float]:
    """The evidence score and its two parts. A passage in the other language has its cosine
    raised by `crosslingual_boost` (Settings.crosslingual_boost, the embedder's same-language
    bias), so that both languages are judged on one scale. A Vietnamese question the user typed
    with its marks (`typed_marks`) is matched with them against Vietnamese passages: folded,
    "thi bằng lái" (a driving test) is covered by every "đô thị"."""
    top = hits[:TOP_PASSAGES]
    if not top:
        return {"dense": 0.0, "coverage": 0.0, "score": 0.0}
    dense = max(
        (
            h.scores["dense"] + (crosslingual_boost if h.chunk.language != language else 0.0)
            for h in top
            if "dense" in h.scores
        ),
        default=0.0,
    )
    dense_part = min(1.0, max(0.0, (dense - DENSE_FLOOR) / (DENSE_CEIL - DENSE_FLOOR)))
    folded = textmod.fold(" ".join(h.chunk.context for h in top))
    if typed_marks and language == "vi" and top[0].chunk.language == "vi":
        keyed = keyed_text(" ".join(h.chunk.context for h in top))
        cov = coverage(marked_terms(query), keyed)
    else:
        cov = coverage(question_terms(query, language), folded)
    if top[0].chunk.language != language:  # the best passage is in the other language
        translated = translated_coverage(query, language, folded)
        if translated is not None:
            cov = max(cov, translated)
    return {"dense": dense_part, "coverage": cov, "score": 0.5 * dense_part + 0.5 * cov}
