"""What a question's wording demands of any sentence that answers it, whatever it asks for.

Near misses that the answer types (answer_types.py) let through, because a sentence of the
right type stands close to the question's words:

- a superlative ("which province has the largest budget", "tỉnh nào đầu tư nhiều nhất"): the
  sentence must rank something too; a sentence naming one province does not say it is the largest;
- a definition ("X được định nghĩa như thế nào", "what is meant by X"): the sentence must name X
  and say what it is ("X là ...", "X: ...", "X means ..."); the definition of a neighbouring term
  is not X's, and a target for X does not define it;
- the head of an office ("Trưởng ban", "the chairman"): a sentence naming only its deputy
  ("Phó Ban", "vice chairman") names someone else;
- an edition ("lần thứ nhất", "the second version"): a sentence naming only other editions
  ("lần thứ ba", "phiên bản đầu tiên") is about another one;
- a question put in someone's words ("Theo Đại sứ X, ...", "According to Mr Y, ..."): the
  sentence must come from an article (what was retrieved of it) that names X;
- a person asked for by their body ("Which ADB official spoke?", "Đại diện VINASA là ai?"): a
  sentence naming someone without that body's acronym names someone else's person.

`meets` is checked on the lead sentence with the sentence before it and its chunk's headings.
"""

from __future__ import annotations

import re

from . import text as textmod
from .answerability import contains
from .events import happens
from .glossary import OTHER, matches
from .people import SURNAMES
from .places import named_places

_SUPERLATIVE_Q = re.compile(
    r"\b(lớn|nhiều|cao|thấp|ít|nhỏ|mạnh|tốt|sớm|lâu|rộng|đông|hiệu quả) nhất\b|"
    r"\b(largest|biggest|greatest|highest|lowest|smallest|fewest|best|worst|earliest|oldest|"
    r"most|least)\b"
)
_SUPERLATIVE_Q_FOLDED = re.compile(
    r"\b(lon|nhieu|cao|thap|it|nho|manh|tot|som|lau|rong|dong) nhat\b"
)
_SUPERLATIVE = re.compile(
    r"(?<!thống )(?<!duy )\bnhất\b|\b(hàng đầu|dẫn đầu|đứng đầu|xếp thứ|largest|biggest|"
    r"greatest|highest|lowest|smallest|fewest|best|worst|earliest|oldest|most|least|leading|"
    r"top|ranked|leads)\b"
)

# what a sentence that defines something says: "X là ...", "X: ...", "X means ..."
_DEFINES = re.compile(
    r"\b(là|nghĩa là|được hiểu|được định nghĩa|is|are|means|refers to|defined as)\b|:|\s[–-]\s"
)

_DEFINITION = (
    re.compile(
        r"^(?:theo [^,]{3,120}, )?(.{2,80}?) (?:duoc dinh nghia|duoc hieu|co nghia|nghia|"
        r"duoc giai thich) (?:la gi|nhu the nao|ra sao|the nao)"
    ),
    re.compile(r"^(?:theo [^,]{3,120}, )?(.{2,60}?) (?:la gi|nghia la gi)\W*$"),
    # the verb first: "sổ tay định nghĩa mô hình thành phố 15 phút như thế nào"
    re.compile(
        r"^(?:theo [^,]{3,120}, )?.{0,80}?\b(?:dinh nghia|giai thich) (.{2,80}?) "
        r"(?:nhu the nao|ra sao|the nao)\W*$"
    ),
    re.compile(
        r"\b(?:how is|how are|how does [^?]{2,60} define) (.{2,60}?) (?:defined|described)\b|"
        r"\bhow does [^?]{2,60}? define (.{2,60}?)\W*$|"
        r"\bwhat is meant by (.{2,60}?)\W*$|\bwhat does (.{2,60}?) mean\b|"
        r"\bdefinition of (.{2,60}?)\W*$|^\W*define (.{2,60}?)\W*$"
    ),
)

# (head forms, deputy forms), folded, both languages
_OFFICES = (
    (("truong ban",), ("pho ban", "pho truong ban")),
    (("bo truong", "minister"), ("thu truong", "deputy minister", "vice minister")),
    (
        ("chu tich", "chairman", "chairwoman", "president"),
        (
            "pho chu tich",
            "vice chairman",
            "vice-chairman",
            "deputy chairman",
            "vice president",
            "vice-president",
        ),
    ),
    (("giam doc", "director"), ("pho giam doc", "deputy director")),
    (("hieu truong",), ("pho hieu truong",)),
    (("vien truong",), ("pho vien truong",)),
    (("cuc truong",), ("pho cuc truong",)),
    (("head",), ("deputy head",)),
)


def meets(
    sentence: str, question: str, window: str = "", document: str = "", kind: str | None = None
) -> bool:
    """Whether `sentence` (with `window`: the sentence before it and its headings) can answer
    `question` as its wording demands; True when the question demands nothing of these. The
    person a question quotes must be named in the sentence's `document` (what was retrieved of
    it): reported speech runs on for sentences after the name ("Ông X cho biết ... . Theo đó,
    ...") and across paragraphs. A person the question asks for by their body's acronym ("Which
    ADB official", `kind` "person" or "who") must be named beside it."""
    text = f"{window} {sentence}"
    if superlative(question) and not _SUPERLATIVE.search(textmod.nfc(text).lower()):
        return False
    asked = ordinals(question)
    if asked and (said := ordinals(sentence)) and not asked & said:
        return False  # "lần thứ nhất" asked, "lần thứ ba" written: another edition
    body = affiliation(question) if kind in ("person", "who") else None
    if body and not contains(text, body):
        return False  # "Which ADB official spoke?": a provincial leader is not ADB's
    speaker = attributed(question)
    if speaker and speaker not in _capitalised(f"{text} {document}"):
        return False  # "Theo Đại sứ X, ...": the sentence must be X's
    if kind in ("person", "who") and not happens(text, question, every=False):
        return False  # "Who signed the agreement?": someone who spoke did not sign it
    signing = kind in ("person", "who") and _SIGNED.search(textmod.nfc(question).lower())
    if signing and not _SIGNED.search(textmod.nfc(text).lower()):
        return False  # "who signed": a body that adopted it is not who signed it
    if negated(question) and not _NEGATION.search(textmod.nfc(text).lower()):
        return False  # "những tỉnh nào chưa xây dựng đề án": those that have are not the answer
    term = defined_term(question)
    if term and not _names(text, term, textmod.detect_language(question)):
        return False
    if term and not _DEFINES.search(textmod.nfc(sentence).lower()):
        return False  # "80% dịch vụ công trực tuyến mức độ 4" names the term, defines nothing
    return _right_office(textmod.fold(sentence), textmod.fold(question))


def constrained(question: str) -> bool:
    """Whether `meets` can reject a sentence for this question at all."""
    folded = textmod.fold(question)
    return (
        superlative(question)
        or bool(ordinals(question))
        or attributed(question) is not None
        or affiliation(question) is not None
        or defined_term(question) is not None
        or negated(question)
        or any(_asks_head(folded, heads, deputies) for heads, deputies in _OFFICES)
    )


# a question for those that have not done something, the denial in its "which" clause ("những
# tỉnh nào còn lại chưa xây dựng đề án", "which provinces have not yet ..."): a closing "chưa /
# không" asks yes or no, a denial elsewhere is the question's premise, and
# "không gian" (space), "không dây" (wireless), "không chỉ" (not only) deny nothing
_NEGATED_Q = re.compile(
    r"\b\w+ nào( \w+){0,3} (chưa|không|chẳng)\s+(?!(gian|khí|dây|chỉ|những|ảnh|phận)\b)\w|"
    r"\b(which|what|who)\b[^?,;]{0,50}\b((have|has|had|did|do|does|is|are|was|were)(n't| not)|"
    r"not yet|yet to)\b"
)
_NEGATION = re.compile(r"\b(chưa|không|chẳng|not|no|none|yet to|without)\b|n't\b")


_SIGNED = re.compile(r"\b(ký|signed|signs|sign|signing|signature|signatory)\b")


def negated(question: str) -> bool:
    """Whether the question asks which ones have not done something."""
    lower = textmod.nfc(question).lower().rstrip(" ?.!")
    return bool(_NEGATED_Q.search(lower))


def superlative(question: str) -> bool:
    lower = textmod.nfc(question).lower()
    return bool(_SUPERLATIVE_Q.search(lower) or _SUPERLATIVE_Q_FOLDED.search(textmod.fold(lower)))


def defined_term(question: str) -> str | None:
    """The term a definition question asks about (folded), or None."""
    folded = textmod.fold(question).strip()
    for pattern in _DEFINITION:
        m = pattern.search(folded)
        if m:
            term = next(g for g in m.groups() if g)
            term = re.sub(
                r"^(thuat ngu|khai niem|cum tu|tu|the term|the concept|an?|the) ", "", term
            )
            # "sổ tay ... giải thích dữ liệu mở là gì": the term is what is explained
            term = re.split(r"\b(?:giai thich|dinh nghia|mo ta|noi) (?:ve )?", term)[-1]
            if re.search(r"\b(tieng anh|tieng viet|in english|in vietnamese)\b", term):
                return None  # "X trong tiếng Anh là gì" asks for a name, not a definition
            if re.match(
                r"(\d+|hai|ba|bon|nam|sau|bay|tam|chin|muoi|nhung|cac|two|three|four) ", term
            ):
                return None  # "Bốn cấu phần chính của đề án là gì" asks for a list
            return term.strip(" \"'“”‘’") or None
    return None


def _names(text: str, term: str, language: str) -> bool:
    """Whether `text` names the defined term: all its key words, in its own language or, where
    the glossary knows the term, in the other one. A term in brackets ("điện toán đám mây (cloud
    computing)") may be named either way."""
    folded = textmod.fold(text)
    variants = [v.strip() for v in re.split(r"[()]", term) if v.strip()]
    for variant in variants:
        words = textmod.key_terms(variant, language) or variant.split()
        if all(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", folded) for w in words):
            return True
        for matched, entry in matches(variant, language):
            if set(words) - set(re.findall(r"\w+", textmod.fold(matched))):
                continue  # "thành phố" translates one word of "mô hình thành phố 15 phút"
            forms = entry.forms(OTHER.get(language, "en"))
            if any(textmod.fold(f) in folded for f in forms):
                return True
    return False


def _asks_head(folded_question: str, heads: tuple[str, ...], deputies: tuple[str, ...]) -> bool:
    """The question names the head's title and no deputy's."""
    bare = _without_deputies(folded_question, deputies)
    return bare == folded_question and _names_head(bare, heads)


def _right_office(folded_sentence: str, folded_question: str) -> bool:
    """A question on the head of an office is not answered by a sentence naming its deputy
    only: the sentence, its deputy titles removed, must still hold the head's title."""
    for heads, deputies in _OFFICES:
        if not _asks_head(folded_question, heads, deputies):
            continue
        bare = _without_deputies(folded_sentence, deputies)
        if bare != folded_sentence and not _names_head(bare, heads):
            return False
    return True


def _without_deputies(folded: str, deputies: tuple[str, ...]) -> str:
    for d in deputies:
        folded = folded.replace(d, " ")
    return folded


def _names_head(folded: str, heads: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(h)}\b", folded) for h in heads)


_ORDINAL_WORDS = {
    "nhất": 1, "đầu tiên": 1, "hai": 2, "nhì": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5,
    "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_ORDINAL = re.compile(
    r"\bthứ (nhất|nhì|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười|\d{1,2})\b|\b(đầu tiên)\b|"
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b|\b(\d{1,2})(?:st|nd|rd|th)\b"
)
# a discourse marker, not an ordinal: "Thứ hai, ..." (secondly), "first of all", "at first"
_NOT_ORDINAL = re.compile(
    r"(?:^|[.:;!?]\s+|\n\s*[-•]?\s*)thứ \w+,|\bfirst of all\b|\bat first\b|(?:^|[.:;!?]\s+)"
    r"(?:first|second|third)(?:ly)?,"
)


def ordinals(text: str) -> set[int]:
    """The ordinals a text names, as numbers: "lần thứ ba", "phiên bản đầu tiên", "the third
    Industry Summit", "3rd". Matched with the marks: folded, "thu" is also "thủ" (Thủ tướng)."""
    lower = _NOT_ORDINAL.sub(" ", textmod.nfc(text).lower())
    out = set()
    for m in _ORDINAL.finditer(lower):
        word = next(g for g in m.groups() if g)
        out.add(int(word) if word.isdigit() else _ORDINAL_WORDS[word])
    return out


_ATTRIBUTION = re.compile(r"^\W*(?:theo|according to)\s+([^,]{3,80}),", re.IGNORECASE)
# a person, not a document or an office, is who the question quotes
_HONORIFIC = re.compile(
    r"\b(ông|bà|mr|ms|mrs|dr|đại sứ|thứ trưởng|bộ trưởng|chủ tịch|phó chủ tịch|giám đốc|"
    r"tổng giám đốc|viện trưởng|ambassador|minister|deputy minister|chairman|chairwoman|"
    r"director|professor|prof)\b\.?"
)


# the empty match before a Vietnamese name that opens the phrase ("Nguyễn Thành Phong at ...")
_SURNAME_START = re.compile(rf"(?=(?:{'|'.join(SURNAMES)})\s+[A-ZĐÀ-Ỹ])")


def attributed(question: str) -> str | None:
    """The family or given name (folded) of the person a question is put in the words of:
    "Theo Đại sứ Bertrand Lortholary, ..." → "lortholary"; "According to Mr Nguyễn Thành Phong,
    ..." → "phong". None when the question quotes no person by name."""
    m = _ATTRIBUTION.search(textmod.nfc(question))
    title = _HONORIFIC.search(m.group(1).lower()) if m else None
    if m and not title:  # a Vietnamese name alone: "According to Nguyễn Thành Phong at ..."
        title = _SURNAME_START.match(m.group(1))
    if not m or not title:
        return None
    named = []  # the capitalised run after the title: "VINASA Nguyễn Văn Khoa", not "tại Hà Nội"
    for word in m.group(1)[title.end() :].split():
        if not word[:1].isupper():
            break
        named.append(word.strip("\"'“”()"))
    if named_places(" ".join(named)):
        return None  # "According to Hồ Chí Minh City's scheme": a place, not a person
    return textmod.fold(named[-1]) if len(named) >= 2 else None


def _capitalised(text: str) -> set[str]:
    return {textmod.fold(w) for w in re.findall(r"\b[A-ZĐÀ-Ỹ][\wÀ-ỹ-]*", textmod.nfc(text))}


# a person asked for by the organisation they belong to, named by its acronym
_AFFILIATION = (
    re.compile(
        r"\b([A-Z][A-Z0-9&]{1,9})(?:'s)? (?i:official|officials|representative|representatives|"
        r"expert|experts|chairman|chairwoman|chair|president|director|leader|leaders|delegate|"
        r"delegates|speaker|speakers)\b"
    ),
    re.compile(
        r"\b(?i:đại diện|lãnh đạo|chủ tịch|giám đốc|chuyên gia|quan chức|đại biểu)(?: của)? "
        r"([A-Z][A-Z0-9&]{1,9})\b"
    ),
)


def affiliation(question: str) -> str | None:
    """The acronym of the body whose person the question asks about ("Which ADB official
    spoke?", "Đại diện VINASA là ai?"); None when it names none. Acronyms read the same in both
    languages, so the sentence must hold it."""
    text = textmod.nfc(question)
    for pattern in _AFFILIATION:
        m = pattern.search(text)
        if m:
            return m.group(1)
    return None
