"""Whether a sentence holds what a question asks for. No LLM needed.

Near misses sound answerable: the passages are on topic, but the asked-for fact is not there.
question_types.py reads what a question asks for (a date, a number counting X, a person, a
company, a reason, a statement by X, ...); `has_type` tells whether a sentence (with the sentence
before it, or its list's introduction) holds that, as a value the question does not already give.
`about_other_years` rejects a sentence about another year than the question's; what a count must
count is in counting.py, the event a date is of in events.py, and what else takes more than a
pattern (what a share is of, a company or ministry by name, a new place) in answer_evidence.py.
Evidence patterns are a table keyed by answer type, matched on accent-folded text so that they
work for both languages and for questions typed without diacritics; Vietnamese words that fold
into others ("nói" into "Nội", "để" into "đề") are matched with their marks.
"""

from __future__ import annotations

import re

from . import text as textmod
from .answer_evidence import (
    ORGANISATION,
    expands,
    new_place,
    organisation,
    other_ministry,
    set_aside,
    share_of,
)
from .answerability import DOC_NUMBER, contains
from .constraints import ordinals
from .counting import NUMBER, counts
from .events import happens
from .people import SPEECH_EN, holds_title, names_person, statement

_DM = (
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(ngay|hom|tu|den|sang|chieu|toi|on|from|to|until|by|"
    r"since|and|va)\s+\d{1,2}/\d{1,2}\b|\b\d{1,2}-\d{1,2}/\d{1,2}\b"
)


_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)


# evidence patterns (folded) for each type
EVIDENCE_TYPES: dict[str, str] = {
    "amount": r"\d[\d.,]*\s*(ty|trieu|nghin|dong|usd|vnd|euro|won|yen|\$|million|billion|"
    r"thousand)|(usd|vnd|\$|€)\s*\d",
    "year": r"\b(1[89]|20)\d\d\b",
    # a bare "d/m" is a date after "ngày / từ / on ..." only: "2/3 dân số" is two thirds
    "day": _DM + rf"|\bngay \d{{1,2}}\b|\b\d{{4}}-\d\d-\d\d\b|\b{_MONTHS} \d{{1,2}}\b|"
    rf"\b\d{{1,2}} {_MONTHS}\b",
    "date": _DM + rf"|\bngay \d{{1,2}}\b|\bthang \d{{1,2}}\b|\b\d{{4}}-\d\d-\d\d\b|\b{_MONTHS}\b|"
    r"\b(1[89]|20)\d\d\b",
    "number": NUMBER,
    "share": r"\d\s*%|\bphan tram\b|\bpercent|\b\d{1,2}/\d{1,2}\b(?!/)|\b(half|one third|"
    r"two thirds|a quarter|mot nua|mot phan ba|hai phan ba)\b",
    "statement": SPEECH_EN,  # with people.SPEECH_VI, matched with its marks
    # a period: "định kỳ" or "regularly" alone does not say how often
    "frequency": r"\b(annually|annual|yearly|monthly|quarterly|weekly|every (\w+ )?(years?|months?|"
    r"quarters?|weeks?|days?)|each (year|month|quarter|week)|(once|twice) (a|per|every) \w+|"
    r"per (year|month|quarter)|lan/nam|lan mot nam|\d+ thang (mot|1) lan)\b",
    "reason": r", so\b|\b(because|since|due to|owing to|in order to|so that|so as to|aims? to|aimed at|"
    r"reasons?|therefore|thus|as a result|given that|purpose|goal|ensure)\b",
    "venue": r"\b(khach san|hoi truong|trung tam hoi nghi|cung van hoa|nha hat|toa nha|so \d+ "
    r"duong|hotel|hall|convention|auditorium|venue|building|street|road)\b",
    # (a bare "may" is a verb: the month only beside a day)
    "month": _DM + rf"|\bthang \d{{1,2}}\b|\b{_MONTHS.replace('may|', '')}\b|\bmay \d{{1,2}}\b|"
    r"\b\d{1,2} may\b|\bthang (gieng|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi|chap)\b",
    "rank": r"\b(thu|hang|xep thu|rank|ranked|ranking|no\.?|number|position) ?#?\d+\b|"
    r"\b\d+(st|nd|rd|th)\b|\b(xep|dung|dat) (thu|hang) (nhat|nhi|ba|tu|nam)\b",
    # a length in km or metres; a loan's rate or period beside the word for it
    "length": r"\d[\d.,]*\s*(km|kilomet\w*|m|met|metres?|meters?)\b",
    "area": r"\d[\d.,]*\s*(km2|km²|ha|hecta|hec ta|hectares?|m2|m²|square (kilomet|met)\w*|"
    r"sq\.? ?km)(?!\w)",
    # a span of time by its unit ("18 tháng", "two weeks", "a little more than a year after")
    "duration": r"\b(\d+|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi|vai|nhieu|an?|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|several|few)\s+(ngay|tuan|thang|nam|gio|thap ky|thap nien|"
    r"days?|weeks?|months?|years?|hours?|decades?)\b",
    "loan_terms": r"^(?=[\s\S]*\b(lai suat|interest|repay|tra no|an han|grace))[\s\S]*"
    r"\d[\d.,]*\s*(%|phan tram|percent|nam|years?)\b",
    # a company or other organisation by name (see answer_evidence.organisation)
    "organisation": ORGANISATION,
    # a telephone line by its word, with a number
    "phone": r"^(?=[\s\S]*\b(hotline|dien thoai|duong day nong|tong dai|phone|telephone|call "
    r"cent(re|er)))[\s\S]*\d{3,}",
    # an event by its kind
    "event": r"\b(hoi nghi|hoi thao|dien dan|su kien|le (ky|khai mac|trao|ra mat|cong bo)|trien lam|"
    r"hoi cho|summit|conference|forum|workshop|ceremony|meeting|expo|exhibition|festival)\b",
}


# "Quyết định số 950", "Nghị quyết 52", "Decision No. 749": a document named by its number
_NUMBERED_DOC = re.compile(
    r"\b(?:Quyết định|Nghị quyết|Nghị định|Thông tư|Chỉ thị|Decision|Resolution|Decree|"
    r"Circular|Directive)(?:\s+(?:số|No\.?))?\s+(\d+)",
    re.IGNORECASE,
)


# a resolution or decision by its name: "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII"
_TITLED_DOC = re.compile(r"\b(?:Nghị quyết|Quyết định|Resolution|Decision) (?:of the )?([A-ZĐ]\w+)")


# a day with its month in words (folded): "1 August 2018", "August 1", "ngày 13", "tháng 9"
_DAY_MONTH = re.compile(
    rf"\b\d{{1,2}} {_MONTHS}\b|\b{_MONTHS} \d{{1,2}}\b|\b(?:ngay|thang) \d{{1,2}}\b(?!/)"
)
_DATE_OR_YEAR = re.compile(  # a day and month that can be one: "41/63" is a fraction
    r"\b(?:[0-2]?\d|3[01])/(?:0?[1-9]|1[0-2])(/\d{2,4})?\b|\b\d{1,2}[.-]\d{1,2}[.-]\d{2,4}\b|"
    r"\b(1[89]|20)\d\d\b"
)


# a question whether a text states something, and a sentence saying it does not (folded)
_IF_STATED = re.compile(
    r"\bco (neu|de cap|noi|cho biet|ghi|cong bo|liet ke|dua ra)\b[^?]*\bkhong\W*$|^\W*(does|do|did)"
    r"\b[^?]*\b(say|state|mention|give|list|disclose|specify|provide)\b"
)
_NOT_STATED = re.compile(
    r"\b(khong|chua) (neu|de cap|cong bo|cho biet|liet ke|dua ra|trinh bay)\b|\b(does|do|did) not "
    r"(state|give|say|list|mention|disclose|specify|provide|include)\b|\bnot (stated|given|"
    r"disclosed|listed|mentioned)\b"
)


def has_type(sentence: str, kind: str | None, question: str = "", before: str = "") -> bool:
    """Whether `sentence` holds what a question of this kind asks for. For a count, dates,
    years and the numbers the question itself names ("Industry 4.0", "13/9") do not count.
    A sentence naming other years and none of the question's is about another time. `before`
    is the sentence preceding it in its passage: reported speech often runs on past the verb
    ("Ông X nhận định: ... . Do đó, phía Pháp sẽ ...")."""
    if kind is None:
        return True
    if _IF_STATED.search(textmod.fold(question)) and _NOT_STATED.search(textmod.fold(sentence)):
        return True  # "có nêu tổng kinh phí không": "Bản tóm tắt này không nêu tổng kinh phí"
    if kind != "year" and _other_years(sentence, question):
        return False  # asked for a year, the answer's is not the question's ("by what year")
    if kind in (*_TIMES, "docnumber") and not happens(f"{before} {sentence}", question):
        return False  # "dự kiến hoàn thành năm nào" is not answered by the approval's date
    if kind in (*_TIMES, "docnumber") and other_ministry(sentence, question):
        return False  # "Bộ Xây dựng ban hành ... số mấy": another ministry's decision
    if kind in ("person", "who"):  # not the one the question sets aside ("ngoài ông X, ...")
        return names_person(_without(sentence, set_aside(question))) and holds_title(
            f"{before} {sentence}", question
        )
    if kind == "expansion":
        return expands(sentence, question)
    if kind == "statement":
        return statement(f"{before} {sentence}", question)
    if kind == "place":
        return new_place(sentence, question)
    if kind == "organisation":
        return organisation(_without(sentence, set_aside(question)), question)
    if kind == "frequency":
        lower = textmod.nfc(sentence).lower()
        return bool(_FREQUENCY_VI.search(lower)) or bool(
            re.search(EVIDENCE_TYPES["frequency"], textmod.fold(sentence))
        )
    if kind == "reason":  # the window: a list item's purpose is stated in its introduction
        window = f"{before} {sentence}"
        lower = textmod.nfc(window).lower()
        return bool(_REASON_VI.search(lower)) or bool(
            re.search(EVIDENCE_TYPES["reason"], textmod.fold(window))
        )
    if kind == "award":  # with the marks: folded, "giai" is also "giai đoạn", "giải pháp"
        lower = textmod.nfc(sentence).lower()
        return bool(_AWARD_VI.search(lower)) or bool(
            re.search(r"\b(awards?|awarded|prizes?|honou?red)\b", textmod.fold(sentence))
        )
    if kind == "ordinal":  # an edition the question does not name
        return bool(ordinals(sentence) - ordinals(question))
    if kind == "docnumber":
        asked = {m.group(0) for m in DOC_NUMBER.finditer(question)}
        asked |= {m.group(1) for m in _NUMBERED_DOC.finditer(question)}
        named = (m.group(1) for m in _TITLED_DOC.finditer(sentence))  # "Nghị quyết Đại hội ..."
        return (
            any(m.group(0) not in asked for m in DOC_NUMBER.finditer(sentence))
            or any(m.group(1) not in asked for m in _NUMBERED_DOC.finditer(sentence))
            or any(not contains(textmod.fold(question), textmod.fold(n)) for n in named)
        )
    if kind == "year":  # a year the question does not name ("2/11/2021" for "... 2021 ...")
        return bool(set(YEAR.findall(sentence)) - set(YEAR.findall(question)))
    folded = textmod.fold(sentence)
    if kind == "number":  # a count is not a date, a year, a document's number ("38/QĐ-BXD")
        sentence = DOC_NUMBER.sub(" ", sentence)  # nor a figure the question names
        folded = _DAY_MONTH.sub(" ", _DATE_OR_YEAR.sub(" ", DOC_NUMBER.sub(" ", folded)))
        folded = _without_values(folded, question, ".,")
        return counts(sentence, folded, question)
    if kind == "share" and not share_of(f"{before} {sentence}", question):
        return False  # "tỷ lệ dân số có tài khoản ..." is not answered by "30% GDP"
    if kind in _VALUES:  # the value asked for is not one the question already gives
        folded = _without_values(folded, question)
    return re.search(EVIDENCE_TYPES[kind], folded) is not None


def _without(sentence: str, names: list[str]) -> str:
    for name in names:
        sentence = re.sub(re.escape(name), " ", sentence, flags=re.IGNORECASE)
    return sentence


_VALUES = ("year", "day", "month", "date", "share", "amount", "rank", "area", "duration")
_TIMES = ("year", "day", "month", "date")


def _without_values(folded: str, question: str, separators: str = "./,") -> str:
    """`folded` without the years, dates and figures the question names: "by what year ... at
    the 2023 conference" is not answered by the sentence about the 2023 conference. A figure is
    digits joined by `separators` (a count's "1.200" or "2,5"; a date's "13/9" too)."""
    sep = f"[{re.escape(separators)}]"
    for n in sorted(set(re.findall(rf"\d+(?:{sep}\d+)*", textmod.fold(question))), key=len)[::-1]:
        folded = re.sub(rf"(?<![\d{re.escape(separators)}]){re.escape(n)}(?!{sep}*\d)", " ", folded)
    return folded


YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def about_other_years(sentence: str, question: str, intro: str = "") -> bool:
    """The sentence (or, for a list item, the sentence introducing its list: "Đến năm 2025: -
    ...") names years, none of them the question's: it is about another time."""
    return _other_years(f"{intro} {sentence}" if intro else sentence, question)


def _other_years(sentence: str, question: str) -> bool:
    """Years, none of them the question's; or periods ("giai đoạn 2021-2025"), none of them the
    question's: the scheme for 2017-2020 is not the one for 2021-2025."""
    asked = set(YEAR.findall(question))
    named = set(YEAR.findall(sentence))
    if asked and named and not asked & named:
        return True
    periods = set(_PERIOD.findall(question))
    said = set(_PERIOD.findall(sentence))
    return bool(periods and said and not periods & said)


# a period of years, "2021-2025", "2018 - 2025", "2021–2025", as (start, end)
_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b")


# reasons, matched with their marks: folded, "vì" (because) is "vi" and "để" (to) is "de" (đề án)
_REASON_VI = re.compile(
    r"\b(vì|bởi vì|bởi|nhằm|để|nên|lý do|nguyên nhân|do đó|vì vậy|vì thế|nhờ|giúp|mục đích|"
    r"mục tiêu|bảo đảm|đảm bảo)\b"
)


_AWARD_VI = re.compile(
    r"\b(giải thưởng|giải (nhất|nhì|ba|vàng|bạc|đồng)|(đạt|trao|nhận) giải|vinh danh)"
)
_FREQUENCY_VI = re.compile(
    r"\b(hằng|hàng) (năm|quý|tháng|tuần)\b|\bmỗi (năm|quý|tháng|tuần)\b|\bthường niên\b|"
    r"\blần (mỗi|một|trong) (năm|quý|tháng)\b|\d+ tháng (một|1) lần"
)
