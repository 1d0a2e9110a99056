"""Evidence that takes more than a pattern: what a share is of, a company or ministry by name,
a place the question does not name (what happens at the time a question asks about is
events.py).

Each answers, for one answer type (question_types.py, answer_types.py), whether a sentence
(with its window: the sentence before it, or its list's introduction) holds what the question
asks for, beyond the type's evidence pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import text as textmod
from .answerability import DOC_NUMBER, contains
from .glossary import load, matches
from .places import inside_name, places
from .question_types import DISTRICT_QUESTION
from .vi_syllables import is_damaged

# a company, an institute or a university, folded
ORGANISATION = (
    r"\b(cong ty|tap doan|tong cong ty|company|corporation|corp|group|inc|ltd|jsc|llc|vien|dai hoc|"
    r"hoc vien|university|institute)\b"
)


# what a share is of: the words after "tỷ lệ", "bao nhiêu phần trăm", "what share of"
# (after "chiếm ... bao nhiêu phần trăm" come the whole's words: "chiếm bao nhiêu % GDP")
_SHARE_OF = re.compile(
    r"(?:tỷ lệ|tỉ lệ|(?<!chiếm )(?<!khoảng )(?:bao nhiêu phần trăm|bao nhiêu %|mấy phần trăm)|"
    r"what (?:share|percentage|proportion) of)\s+((?:[^\W\d_]+\s*){1,3})"
)
_SHARE_SKIP = frozenset(["các", "những", "số", "lượng", "the", "all", "a", "an", "its", "their"])
# the words after the subject: "phủ bao nhiêu phần trăm số xã đến năm 2025" is of "xã"
_SHARE_END = frozenset([
    "đến", "vào", "trong", "của", "ở", "tại", "là", "được", "theo", "năm", "mỗi", "trên", "có", "so",
    "với", "và", "hay", "hoặc", "in", "by", "of", "for", "at", "to", "and", "or",
])  # fmt: skip


def share_of(window: str, question: str) -> bool:
    """Whether `window` names what the question's share is of: a pair of adjacent words of its
    first three, up to a function word ("dân số có ..." → "dân số"; "hộ gia đình"; "số xã đến
    năm 2025" → "xã"), in a Vietnamese question, a word in an English one; True when the
    question names nothing, or the window is in another language or too damaged to read."""
    m = _SHARE_OF.search(textmod.nfc(question).lower())
    if not m or textmod.detect_language(window) != textmod.detect_language(question):
        return True
    if is_damaged(window):
        return True
    words = []
    for w in m.group(1).split():
        if w in _SHARE_END and words:
            break
        if (words or w not in _SHARE_SKIP) and w not in _SHARE_END:  # "số xã", but "dân số"
            words.append(w)
    words = words[:3]
    lower = textmod.nfc(window).lower()
    if textmod.detect_language(question) == "en":
        return not words or any(contains(lower, w.rstrip("s")) or contains(lower, w) for w in words)
    pairs = [" ".join(words[i : i + 2]) for i in range(len(words) - 1)] or words
    return any(contains(lower, p) for p in pairs)


def other_ministry(window: str, question: str) -> bool:
    """Whether `window` names ministries and none of those the question names: "Bộ Xây dựng ban
    hành ... theo quyết định số mấy" is not answered by the decision of "Bộ Thông tin và Truyền
    thông". Only when both are in one language (a name is spelt differently in the other)."""
    asked = [textmod.fold(m.group(0)) for m in _MINISTRY.finditer(question)]
    if not asked or textmod.detect_language(question) != textmod.detect_language(window):
        return False
    said = textmod.fold(window)
    return bool(_MINISTRY.search(window)) and not any(contains(said, a) for a in asked)


def organisation(sentence: str, question: str) -> bool:
    """A named company or organisation the question does not name: "công ty / tập đoàn /
    Corporation ..." by a capitalised name, or an acronym in capitals that is not policy
    vocabulary (CNTT, UBND and the glossary's other acronyms are not companies). A ministry or
    agency answers only a question that does not ask for a company ("tập đoàn nào")."""
    folded = textmod.fold(sentence)
    countries = places()["country"]  # "16 công ty Hàn Quốc" names no company
    if re.search(ORGANISATION, folded) and any(
        not any(contains(textmod.fold(m.group(m.lastindex)), c) for c in countries)
        for m in re.finditer(
            r"(?:công ty|tập đoàn|tổng công ty|Công ty|Tập đoàn|Tổng công ty|Viện|Trường Đại học|"
            r"Đại học|Học viện)\s+((?:\w+\s+){0,3}[A-ZĐ][\w-]*(?:\s+[A-ZĐ][\w-]*)*)|"
            r"(?:University|Institute) (of [A-Z]\w*)|([A-Z][\w&-]*)\s+(?:Corporation|Corp|Group|"
            r"Inc|Ltd|JSC|LLC|Company)\b",
            sentence,
        )
    ):
        return True
    asked = textmod.fold(question)
    if _COMPANY.search(asked):  # a ministry or agency is no company, nor its acronym ("TT&TT"),
        sentence = _BODY.sub(" ", sentence)  # nor is a project or a centre ("Dự án VKC")
        sentence = _PROJECT_ACRONYM.sub(" ", sentence)
    for m in _BODY.finditer(sentence):  # a ministry or agency by name, not the question's
        if not _named_in(sentence[m.start() : m.start() + 80], m.group(0), asked):
            return True
    known = _vocabulary_acronyms()
    return any(  # an acronym, not inside a document's number ("38/QĐ-BXD")
        a not in question and a not in known
        for a in re.findall(r"\b[A-Z][A-Z0-9&]{1,9}\b", DOC_NUMBER.sub(" ", sentence))
    )


# an acronym that names a project, a centre or a programme, not a company
_PROJECT_ACRONYM = re.compile(
    r"\b(?:[Dd]ự án|[Tt]rung tâm|[Cc]hương trình|[Pp]roject|[Cc]ent(?:re|er)|[Pp]rogramme)\s+"
    r"[A-Z][A-Z0-9&]{1,9}\b"
)


def _named_in(window: str, body: str, asked: str) -> bool:
    """Whether the question (folded) names the body whose name opens `window` (its first words
    `body`), as itself or in the glossary's other language ("Ban Kinh tế Trung ương" is "the
    Central Economic Commission")."""
    if contains(asked, textmod.fold(body)):
        return True
    return any(
        contains(asked, textmod.fold(f))
        for words, entry in matches(window, "vi", general=True)
        if textmod.fold(words).startswith(textmod.fold(body))
        for f in entry.en
        if len(f.split()) > 1
    )


# a question asking for a company, not any organisation
_COMPANY = re.compile(
    r"\b(cong ty|doanh nghiep|tap doan|nha dau tu|nha thau|don vi tu van)( \w+){0,3} nao\b|"
    r"\b(which|what) (\w+ ){0,2}(company|companies|firm|firms|corporation|corporations|investor|"
    r"investors|vendor|vendors|contractor|contractors|developer|developers|consultant|"
    r"consultants|consultancy)\b"
)


# what the question sets aside: "Ngoài ông Phan Thảo Nguyên, ...", "Besides VINASA, ..."
_SET_ASIDE = re.compile(
    r"^\W*(?:ngoài|ngoai|besides|apart from|aside from|other than|in addition to)\s+([^,?]{3,80}),",
    re.IGNORECASE,
)


def set_aside(question: str) -> list[str]:
    """The names in the question's opening "ngoài X, / besides X," clause: its runs of
    capitalised words ("Phan Thảo Nguyên", "VINASA"), or, in a question typed in lower case,
    the clause's words after a title ("ông phan thảo nguyên" → "phan thảo nguyên")."""
    m = _SET_ASIDE.match(textmod.nfc(question))
    if not m:
        return []
    clause = m.group(1)
    runs, run = [], []
    for word in [*clause.split(), ""]:
        if word[:1].isupper():
            run.append(word)
        elif run:  # a name, or an acronym: not the title's first word ("Chủ tịch")
            if len(run) > 1 or run[0].isupper():
                runs.append(" ".join(run))
            run = []
    if runs:
        return runs
    bare = re.sub(r"^(?:ông|bà|ong|ba|mr|ms|mrs|dr)\.?\s+", "", clause.strip(), flags=re.I)
    return [bare] if len(bare.split()) >= 2 else []


def expands(sentence: str, question: str) -> bool:
    """Whether the sentence spells out an acronym the question asks about: the acronym in
    brackets after its long form, or the long form in brackets after it ("Trung tâm Điều hành
    ... (IOC)", "VINASA (Hiệp hội ...)"), or a name given in words ("known in Vietnamese as");
    True when the question names no acronym."""
    acronyms = set(re.findall(r"\b[A-Z][A-Z0-9&]{1,9}\b", question))
    if not acronyms:
        return True
    return any(
        re.search(rf"\(\s*{re.escape(a)}\s*[)\-–,]|\b{re.escape(a)}\s*\(\s*\w+\s+\w+", sentence)
        or re.search(rf"\b{re.escape(a)}\b\s+(?:là viết tắt|stands for|is short for)", sentence)
        for a in acronyms
    ) or bool(_NAMED_AS.search(sentence))


# a name given in words: "known in Vietnamese as "...", "thường gọi là ..."
_NAMED_AS = re.compile(
    r"\b(known (in \w+ )?as|(usually |also |officially )?called|gọi là|gọi tắt là|có tên( đầy đủ)? là|"
    r"tên đầy đủ)\b",
    re.IGNORECASE,
)


# a public body by name: "Bộ Thông tin và Truyền thông", "Cục Hạ tầng", "Ministry of Construction"
# (its first words stand for it: a Vietnamese name capitalises its first word only)
_BODY = re.compile(
    r"\b(?:Bộ|Cục|Vụ|Sở|Tổng cục|Ban)\s+(?:[A-ZĐ][\wÀ-ỹ]*\s+[\wÀ-ỹ]+|[A-ZĐ]+&[A-ZĐ]+\b)|"
    r"\b(?:Ministry|Department|Agency) (?:of|for) (?:the )?[A-Z]\w*"
)
_MINISTRY = re.compile(r"\bBộ\s+[A-ZĐ][\wÀ-ỹ]*\s+[\wÀ-ỹ]+|\bMinistry (?:of|for) (?:the )?[A-Z]\w*")


@lru_cache(maxsize=1)
def _vocabulary_acronyms() -> frozenset[str]:
    out = {f for e in load() for f in (*e.en, *e.vi) if f.isupper() and " " not in f}
    return frozenset(out | {"TP", "HCM", "TPHCM", "CMCN", "KPI", "GDP", "USD", "VND", "QĐ", "TTG"})


# the first word of an organisation's name, before its acronym in brackets
_ORGANISATION_HEAD = (
    r"(?:Tổ chức|Hiệp hội|Hội|Ngân hàng|Cơ quan|Quỹ|Viện|Trung tâm|Liên minh|Mạng lưới|"
    r"Organi[sz]ation|Association|Bank|Agency|Federation|Alliance|Network|Fund)"
)


def new_place(sentence: str, question: str) -> bool:
    """A place the question does not already name: for "which country" a country, for "which
    city / tỉnh nào" a city or province (of the list, or a capitalised name after "tại / ở /
    in / at": "in Eindhoven"), for "where / ở đâu" either. A place in the name of a body given
    with its acronym is not one ("Tổ chức ... châu Á – Thái Bình Dương (ASOCIO)" does not say
    which ASOCIO countries, nor "Ngân hàng Phát triển Châu Á (ADB)" where a workshop was)."""
    asked = textmod.fold(question)
    country = re.search(r"\b(quoc gia|nuoc)( \w+){0,2} (nao|gi)\b|\bwhich (\w+ ){0,3}countr", asked)
    city = re.search(
        r"\b(thanh pho|tinh|thanh|dia phuong)(,? (thanh|thanh pho|tinh))? (nao|gi)\b|"
        r"\bwhich (\w+ ){0,3}(cit|provinc|town|localit)",
        asked,
    )
    if re.search(DISTRICT_QUESTION, asked):
        return any(  # a district by its name or number, not the question's
            not contains(asked, textmod.fold(m.group(0)))
            for m in re.finditer(
                r"\b(?:[Qq]uận|[Hh]uyện|[Tt]hị xã|[Pp]hường|District)\s+[A-ZĐ0-9][\wÀ-ỹ]*", sentence
            )
        )
    kinds = ["country"] if country else ["city"] if city else ["city", "country"]
    # "Ngân hàng Phát triển Châu Á (ADB)": a place in a body's name before its acronym
    sentence = re.sub(rf"\b{_ORGANISATION_HEAD}[^()]{{0,90}}\([A-Z][A-Z0-9&-]+\)", " ", sentence)
    folded = textmod.fold(sentence)
    marked = textmod.nfc(sentence)
    for place in (p for kind in kinds for p in places()[kind]):
        if contains(asked, place) or contains(asked, place.replace(" ", "")):
            continue  # "Vietnam" asked: "Việt Nam" is not new
        for m in re.finditer(rf"(?<!\w){re.escape(place)}(?!\w)", folded):
            if len(marked) != len(folded) or not inside_name(marked, m.start(), m.end()):
                return True
    if "city" not in kinds:
        return False
    for m in _PLACE_AFTER.finditer(sentence):
        name = m.group(1).strip()
        if name.split()[0].lower() in _NOT_PLACES or contains(asked, textmod.fold(name)):
            continue
        if not any(contains(textmod.fold(name), c) for c in places()["country"]):
            return True
    return False


_PLACE_AFTER = re.compile(r"\b(?:tại|ở|in|at)\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ-]*\s?){1,3})")


# capitalised words after "tại / in" that start an event or a document, not a place
_NOT_PLACES = frozenset(
    [
        "hội",
        "diễn",
        "lễ",
        "phiên",
        "chương",
        "đề",
        "quyết",
        "nghị",
        "điều",
        "khoản",
        "mục",
        "kỳ",
        "buổi",
        "trung",
        "the",
        "a",
        "an",
        "this",
        "that",
        "conference",
        "workshop",
        "forum",
        "summit",
        "session",
        "meeting",
        "article",
        "decision",
        "resolution",
        "vietnamese",
        "english",
    ]
)
