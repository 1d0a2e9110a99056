"""Can the retrieved evidence answer this question at all? The terms it must hold.

Required terms: document numbers, multi-digit numbers, versions ("phiên bản 2.0"), the Vietnamese
cities and provinces the question names, and (in the passages' own language) its acronyms and
proper names must occur in the evidence; `missing_terms` lists those none of the passages holds.
The answer-type checks (a date for "when", a number counting X for "how many X", ...) are in
answer_types.py, the evidence score in evidence.py. Also the term weights and the accent-folded
whole-word matching they share.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import text as textmod
from .glossary import Entry
from .glossary import matches as glossary_matches
from .places import named_places, place_forms, places
from .types import Hit
from .vi_syllables import is_folded_syllable

DOC_NUMBER = re.compile(
    r"\b\d+(?:/\d{4})?/[A-ZĐa-zđ]+\d*(?:-[A-ZĐa-zđ]+\d*)*|\b\d+-[A-ZĐ]+/[A-ZĐ]+"
)


_NUMBER = re.compile(r"\b\d{3,}\b")


_GENERATION = re.compile(r"\b\d[A-Z]\b")


_VERSION = re.compile(r"(?<![\d.,/])\d{1,2}\.\d(?![\d.,/])")


_ACRONYM = re.compile(r"\b[A-ZĐ][A-ZĐ&]{1,}[A-Z]?\b")
# abbreviations of common nouns, not names: "TP" thành phố, "TX" thị xã, "TT" thị trấn ("TP Hồ
# Chí Minh" is "Thành phố Hồ Chí Minh" in the text; the city itself is required as a place)
_COMMON_ABBREVIATIONS = frozenset(["TP", "TX", "TT"])


def term_weight(term: str) -> float:
    """Numbers and multi-syllable terms say more than single common syllables."""
    w = 1.0 + 0.5 * (term.count("_") + term.count(" "))
    return w + 1.0 if any(ch.isdigit() for ch in term) else w


def coverage(terms: list[str], folded_text: str) -> float:
    """The weighted share of `terms` (folded) present in `folded_text` as whole words."""
    if not terms:
        return 0.0
    total = sum(term_weight(t) for t in terms)
    found = sum(term_weight(t) for t in terms if contains(folded_text, t))
    return found / total


def contains(folded: str, term: str) -> bool:
    term = term.replace("_", " ")
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", folded) is not None


def required_terms(question: str, language: str, evidence_language: str) -> list[str]:
    """Terms of the question that any answer's evidence must contain. Acronyms and names count
    only when the evidence is in the question's language ("TP.HCM" is "Ho Chi Minh City" in an
    English text), and a Vietnamese question's names also when the evidence mixes languages;
    document numbers and figures count always."""
    terms = [m.group(0) for m in DOC_NUMBER.finditer(question)]
    terms += [m.group(0) for m in _NUMBER.finditer(question)]
    terms += _VERSION.findall(question)  # "phiên bản 2.0", "Industry 4.0"
    terms += _GENERATION.findall(question)  # "5G", "4G", "3D"
    terms += named_places(question)  # "Lam Dong" reads "Lâm Đồng" folded, in either language
    terms += [words for words, _ in _bodies(question, language)]  # "Ministry of Finance"
    if language == evidence_language:
        terms += [
            m.group(0)
            for m in _ACRONYM.finditer(question)
            if m.group(0) not in _COMMON_ABBREVIATIONS
        ]
    if language == "vi":  # "iphone", "android", "brainport": written the same in any text
        terms += foreign_words(question)
    if language == evidence_language:
        terms += proper_names(question)
    elif language == "vi" and evidence_language == "mixed":
        # a Vietnamese name (one with marks) reads the same, folded, in English text ("Cần Thơ",
        # "Can Tho"); an English one inside a Vietnamese question ("Industry Summit") may not
        terms += [n for n in proper_names(question) if not n.isascii()]
    unique = list(dict.fromkeys(terms))
    return [t for t in unique if not any(t != u and t in u for u in unique)]


# loanwords a Vietnamese text may well put in Vietnamese ("trực tuyến", "thư điện tử")
_LOANWORDS = frozenset(
    [
        "online",
        "offline",
        "internet",
        "website",
        "web",
        "email",
        "video",
        "camera",
        "data",
        "startup",
        "startups",
        "covid",
        "wifi",
        "smartphone",
        "blockchain",
        "cloud",
    ]
)


def foreign_words(question: str) -> list[str]:
    """The words of a Vietnamese question that are no Vietnamese syllable, typed with marks or
    without, nor a glossary term nor a common loanword: names and brands ("iphone", "android",
    "Brainport"), which any text writes the same way."""
    known = {w for words, _ in glossary_matches(question, "en") for w in words.split()}
    out = []
    for word in re.findall(r"(?<![\w.&/-])[^\W\d_]{4,}(?![\w.&/-])", textmod.nfc(question)):
        folded = textmod.fold(word)
        if word.isupper() or folded in known or folded in _LOANWORDS:
            continue  # acronyms are required terms of their own
        if not is_folded_syllable(folded) and folded == word.lower():
            out.append(word)
    return out


def proper_names(question: str) -> list[str]:
    """Runs of two or more capitalised words (not all capitals), the first word excluded:
    "Cần Thơ", "Trần Văn Tùng", "Bertrand Lortholary". A possessive ends a name ("the
    Politburo's Resolution" is two), and a country or city before a name is no part of it
    ("Đại sứ Pháp Bertrand Lortholary": the text says "Bertrand Lortholary, Đại sứ ... Pháp")."""
    raw = question.split()
    names: list[str] = []
    run: list[str] = []
    for i, r in enumerate([*raw, ""]):
        w = r.strip("?.,!:;\"'()“”")
        possessive = w.endswith(("'s", "’s"))
        w = w[:-2] if possessive else w
        capital = i > 0 and len(w) > 1 and w[0].isupper() and any(c.islower() for c in w)
        if capital:
            run.append(w)
            if not possessive and not r.endswith((",", ";", ":", ".", ")", "?", "!")):
                continue  # punctuation after a word, or a possessive, ends the name
        if len(run) >= 2:
            names.append(" ".join(_without_leading_place(run)))
        run = []
    return names


def _without_leading_place(run: list[str]) -> list[str]:
    """`run` without the longest leading country or city that leaves a name of two words."""
    known = places()
    for i in range(len(run) - 2, 0, -1):
        head = textmod.fold(" ".join(run[:i]))
        if head in known["city"] or head in known["country"]:
            return run[i:]
    return run


def missing_terms(question: str, language: str, hits: list[Hit]) -> list[str]:
    """Required terms of the question found in none of the passages (accent-folded)."""
    if not hits:
        return []
    languages = {h.chunk.language for h in hits}
    evidence_language = languages.pop() if len(languages) == 1 else "mixed"
    folded = textmod.fold(" ".join(h.chunk.context for h in hits))
    out = []
    bodies = dict(_bodies(question, language))
    for term in required_terms(question, language, evidence_language):
        keys = place_forms(term) or _body_forms(bodies.get(term)) or (textmod.fold(term),)
        if not any(re.search(_loose(k), folded) for k in keys):
            out.append(term)
    return out


def _loose(folded_term: str) -> str:
    """A whole-word pattern in which "và / and / &" may be left out ("Bộ Khoa học Công nghệ")."""
    out = ""
    for w in folded_term.split():
        out += r"(?:(?:va|and|&)\s+)?" if w in ("va", "and", "&") else re.escape(w) + r"\s+"
    body = out.removesuffix(r"\s+")
    return rf"(?<!\w){body}(?!\w)"


# a public body the glossary knows, in either language: "Ministry of Natural Resources and
# Environment" is "Bộ Tài nguyên và Môi trường" in a Vietnamese text
_BODY_FORM = re.compile(r"^(?:Ministry|Department|Bộ|Sở|Cục|Tổng cục)\s")


@lru_cache(maxsize=512)  # required_terms and missing_terms both ask, for the same question
def _bodies(question: str, language: str) -> tuple[tuple[str, Entry], ...]:
    out = []
    for words, entry in glossary_matches(question, language):
        if any(_BODY_FORM.match(f) for f in (*entry.en, *entry.vi)):
            typed = re.search(re.escape(words), question, re.IGNORECASE)  # as the user wrote it
            out.append((typed.group(0) if typed else words, entry))
    return tuple(out)


def _body_forms(entry: Entry | None) -> tuple[str, ...]:
    return tuple(textmod.fold(f) for f in (*entry.en, *entry.vi)) if entry else ()
