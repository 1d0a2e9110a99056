"""Counting: what "how many / bao nhiêu X" counts, whether a sentence gives a number counting it,
and whether a sentence counts differently from the question (a false premise: "the five
lessons" asked, "three lessons" written). Used by the answer types (answer_types.py) and the
extractive answerer.
"""

from __future__ import annotations

import re

from . import text as textmod
from .vi_syllables import is_damaged

# a number in folded text: digits, or an English number word
NUMBER = r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred)\b"


# Vietnamese counting words, matched with their marks ("năm" is left out: it also means year)
_VI_COUNT = re.compile(r"\b(một|hai|ba|bốn|sáu|bảy|tám|chín|mười|trăm|nghìn|ngàn)\b")


def counts(sentence: str, folded: str, question: str) -> bool:
    """A number, and for "how many X / bao nhiêu X" a number counting X: X or a glossary form of
    it (in either language) within three words after the number ("27 doanh nghiệp" for "how many
    companies"). When the sentence is in the other language and the glossary does not know X,
    any number will do: nothing says what X is called there."""
    counting = _ORDINAL.sub(" ", sentence.lower())
    if not (_VI_COUNT.search(counting) or re.search(NUMBER, folded)):
        return False
    # with nothing to say what is counted, "một / one" is an article: "một nhóm chuyên gia"
    uncounted = _VI_COUNT.search(_ONE.sub(" ", counting)) or re.search(
        NUMBER, _ONE.sub(" ", folded)
    )
    own, translated = counted_nouns(question)
    if not own:
        return bool(uncounted)
    if is_damaged(sentence):  # damaged text spells the noun in ways no form matches ("70 im cu")
        return bool(uncounted) and _readable_count(counting, own + translated)
    other_language = textmod.detect_language(sentence) != textmod.detect_language(question)
    forms = translated if other_language else own + translated
    if not forms:
        return bool(uncounted)
    number = r"(?:\d[\d.,/%]*|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|tram|nghin|ngan|one|two|"
    number += r"three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?)"
    alternatives = "|".join(re.escape(f) for f in forms)
    pattern = rf"\b{number}\s+(?:\S+\s+){{0,2}}?(?:{alternatives})\b"
    return re.search(pattern, textmod.fold(_ORDINAL.sub(" ", sentence))) is not None


def _readable_count(sentence: str, forms: list[str]) -> bool:
    """In damaged text, whether some number may count the noun asked about: one followed by a
    word that kept its marks (so is read as written, "14 phiên") counts only a form of it; one
    followed by an unmarked word may be the noun, damaged ("70 im cu" for "70 điểm cầu")."""
    for m in _COUNT_WORD.finditer(sentence):
        word = m.group(2)
        if textmod.fold(word) == word:  # unmarked: perhaps the noun with its letters lost
            return True
        after = textmod.fold(sentence[m.start(2) :])
        if any(after.startswith(f) for f in forms):
            return True
    return False


# a number (not a date's, a year's or a document's: those touch "/", "-" or are 19xx / 20xx)
# and the word after it
_COUNT_WORD = re.compile(r"(?<![\d/.,-])(?!(?:19|20)\d\d\b)(\d+(?:[.,]\d+)*)(?![\d/-])\s+(\w+)")

_COUNTED = re.compile(r"\b(?:bao nhieu|how many|so luong)\s+([^?.,;:]+)")


_COUNT_SKIP = frozenset(
    [
        "of",
        "the",
        "a",
        "an",
        "main",
        "key",
        "major",
        "new",
        "different",
        "other",
        "such",
        "more",
        "total",
        "distinct",
        "separate",
        "cac",
        "nhung",
    ]
)


def counted_nouns(question: str) -> tuple[list[str], list[str]]:
    """What "how many / bao nhiêu" counts, as folded first words: the question's own (the first
    word after the trigger that is not "of / the / main ..."), and the first words of the
    glossary's forms (both languages) of the term that word begins or belongs to."""
    m = _COUNTED.search(textmod.fold(question))
    if not m:
        return [], []
    words = [w for w in m.group(1).split() if w not in _COUNT_SKIP][:3]
    if not words:
        return [], []
    from .glossary import matches  # glossary imports text only; import here keeps layers flat

    language = textmod.detect_language(question)
    translated: list[str] = []
    for matched, entry in matches(" ".join(words), language if language in ("vi", "en") else "en"):
        if words[0] not in textmod.fold(matched).split():
            continue  # a term about something else ("took part" in "how many delegates took part")
        for form in (*entry.en, *entry.vi):
            first = textmod.fold(form).split()[0]
            if first not in translated and first != words[0]:
                translated.append(first)
    return [words[0]], translated


_ONE = re.compile(r"\b(?:một|mot|one)\b")


# counting words that count nothing: "lần thứ ba" (the third), "một số" (some), "một trong" (one of)
_ORDINAL = re.compile(r"\b(?:lần\s+)?thứ\s+\w+|\bmột\s+(?:số|trong|cách|phần|lúc)\b")


_COUNT_WORDS = {
    **{
        w: i
        for i, w in enumerate(
            ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]
        )
    },
    **{
        w: i
        for i, w in enumerate(
            ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        )
    },
}


_COUNT_PHRASE = re.compile(
    r"\b(\d{1,3}|" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + r")\s+([^\W\d_]+)"
)


def _counted_things(text: str) -> dict[str, int]:
    """{noun: count} for "five lessons", "ba bài học", "26 pilot cities" (numbers up to 999;
    Vietnamese number words with their marks, so "sau khi" is not six). A count of those of a
    named place or body counts a part ("ba thành phố của Việt Nam" of the 26 pilot cities)."""
    out: dict[str, int] = {}
    nfc = textmod.nfc(text)
    for m in _COUNT_PHRASE.finditer(nfc.lower()):
        n = int(m.group(1)) if m.group(1).isdigit() else _COUNT_WORDS[m.group(1)]
        noun = textmod.fold(m.group(2))
        if noun in ("nam", "year", "years", "thang", "ngay", "percent", "phan"):
            continue
        if _PART_OF.match(nfc, m.end()):
            continue
        out.setdefault(noun, n)
    return out


# after a counted noun (and a second syllable of it): "của / of / in / tại / ở" and a name
_PART_OF = re.compile(r"(?:\s+[^\W\d_]+)?\s+(?:của|of|in|tại|ở)\s+[A-ZĐ]")


def contradicts(sentence: str, question: str) -> bool:
    """The sentence counts what the question counts, differently: "the five lessons" asked,
    "three lessons" written. A false premise: the text does not answer the question as put."""
    asked = _counted_things(question)
    if not asked or textmod.detect_language(sentence) != textmod.detect_language(question):
        return False
    said = _counted_things(sentence)
    return any(noun in said and said[noun] != n for noun, n in asked.items())
