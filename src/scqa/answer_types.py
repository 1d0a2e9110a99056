"""Answer types: what a question asks for, and whether a sentence holds it. No LLM needed.

Near misses sound answerable: the passages are on topic, but the asked-for fact is not there.
`expected_type` reads the question ("when / ngày nào" asks for a date, "how many / bao nhiêu X" a
number counting X, "là ai" a person, "công ty nào" a company, "vì sao" a reason, "what did X say"
a verb of speech attributed to X, "tháng mấy" a month, "xếp thứ mấy" a rank, "how large was the
loan" an amount of money, ...); `has_type` tells whether a sentence (with the sentence before it,
or its list's introduction) holds that, as a value the question does not already give.
`about_other_years` rejects a sentence about another year than the question's; what a count must
count is in counting.py, and what takes more than a pattern (the event a date is of, what a share
is of, a company or ministry by name, a new place) in answer_evidence.py.
Patterns are tables keyed by answer type, matched on accent-folded text so that they work for
both languages and for questions typed without diacritics; Vietnamese words that fold into
others ("nói" into "Nội", "để" into "đề") are matched with their marks.
"""

from __future__ import annotations

import re

from . import text as textmod
from .answer_evidence import (
    ORGANISATION,
    expands,
    happens,
    new_place,
    organisation,
    other_ministry,
    set_aside,
    share_of,
)
from .answerability import DOC_NUMBER, contains
from .constraints import ordinals
from .counting import NUMBER, counts
from .people import SPEECH_EN, holds_title, names_person, statement

# question patterns (folded, lower case) → the answer type they ask for; first match wins
QUESTION_TYPES: tuple[tuple[str, str], ...] = (
    # a question that opens with "vì sao / why" asks for a reason, whatever else it names ("vì
    # sao bài viết không đưa ra tổng vốn đầu tư" is not asking for the amount)
    (r"^\W*(vi sao|tai sao|why)\b", "reason"),
    (
        r"\bbao nhieu (tien|ty|trieu|nghin|dong|usd|vnd|von|kinh phi)|\bhow much (money|funding|"
        r"investment|did .* cost)|\b(total|overall) (budget|investment|cost|funding)\b|"
        r"\btong (kinh phi|von|muc dau tu|so von)\b|"
        r"\b(gia tri|kinh phi|ngan sach|chi phi|so tien|muc dau tu|tong von|von (oda|dau tu|"
        r"vay|vien tro))\b.{0,80}\bbao nhieu\b|\bhow (much|large|big) (was|is|were|are) the "
        r"(\w+ ){0,4}(loan|grant|budget|investment|funding|fund|cost|aid|capital|package)\b|"
        r"\bwhat (was|is) the (total |overall )?(value|amount|size|cost|budget) of the "
        r"(\w+ ){0,4}(loan|grant|investment|funding|fund|aid|project|package)\b",
        "amount",
    ),
    (
        r"\b(phat bieu|noi|trao doi|chia se|nhan manh|khang dinh|de xuat)( ve)?"
        r"( nhung)?( noi dung| dieu| van de)? gi\b|\bwhat did\b.{0,60}\b(say|state|stress|"
        r"emphasi[sz]e|note|tell|announce|propose)\b|\bwhat (was|were)\b.{0,40}\b(said|stated)\b",
        "statement",
    ),
    (r"\b(nam nao|nam bao nhieu|what year|which year|in what year)\b", "year"),
    # a telephone line: "số hotline", "tổng đài nào", "what is the hotline number"
    (  # (not "how many days must hotline 1022 answer in": that counts days)
        r"^(?![^?]*\b(bao nhieu|how many|how much|how long)\b)[^?]*"
        r"\b(hotlines?|so dien thoai|duong day nong|tong dai|(tele)?phone numbers?|call cent(re|er)|"
        r"telephone line)\b",
        "phone",
    ),
    # what an acronym stands for: "IDC là viết tắt của gì", "what does IOC stand for"
    (
        r"\b(stands? for|viet tat (cua|la|tu)|ten day du|full (name|form)|spelled out|"
        r"what does \w+ mean)\b",
        "expansion",
    ),
    # an event: "tại sự kiện nào", "at which conference"
    (
        r"\b(su kien|hoi nghi|hoi thao|dien dan|buoi le|le) nao\b|\b(at|during|in) (which|what) "
        r"(event|conference|forum|meeting|workshop|summit|ceremony|occasion)\b|^\W*(which|what) "
        r"(event|conference|forum|summit|workshop|ceremony|occasion)\b",
        "event",
    ),
    # a loan's terms: a rate or a period, beside the word for it
    (
        r"\b(lai suat|interest rates?|repayment (period|terms?)|grace period|thoi gian an han|"
        r"thoi han (vay|tra no))\b",
        "loan_terms",
    ),
    (
        r"\b(xep (thu|hang) (may|bao nhieu)|dung thu (may|bao nhieu)|thu hang (may|bao nhieu)|"
        r"hang (may|bao nhieu)|what rank|which rank|ranked where)\b|"
        r"\bwhere did\b.{0,60}\brank\b",
        "rank",
    ),
    (
        r"\b(ty le|bao nhieu phan( tram)?|may phan( tram)?|what shares?|what percentages?|"
        r"what proportions?|what fractions?|how large a share)\b",
        "share",
    ),
    (
        r"\b(bao lau mot lan|bao lau 1 lan|dinh ky nhu the nao|how often|how frequently)\b",
        "frequency",
    ),
    (
        r"\b((?<!thuong )ngay nao|ngay bao nhieu|ngay may|what date|which date|(what|which) day)\b",
        "day",
    ),
    (r"\b(thang may|thang nao|(what|which) month)\b", "month"),
    # "là lần thứ mấy" asks which edition: an ordinal ("lần thứ ba", "the third")
    # ("lần tổ chức thứ mấy": the event's word may come between)
    (r"\b(lan (\w+ ){0,2}thu (may|bao nhieu)|(which|what) edition)\b", "ordinal"),
    # an award ("giải thưởng nào", "won any award"): a sentence naming one, not a "giải pháp"
    (
        r"\bgiai thuong\b[^?]{0,30}\b(nao|gi)\b|\b(which|what|any) (\w+ ){0,2}(awards?|prizes?)\b|"
        r"\b(won|win|received|receive|given) (any |an? |the )?(\w+ )?(awards?|prizes?)\b",
        "award",
    ),
    (
        r"\b(quyet dinh|nghi quyet|nghi dinh|thong tu|van ban|chi thi) (so may|so bao nhieu)\b|"
        r"\b(quyet dinh|nghi quyet|nghi dinh|thong tu|chi thi) nao\b|"
        r"\bso (hieu|may)\b|\b(which|what) (decision|resolution|decree|circular|document) "
        r"(number|no)\b|\bunder which (decision|resolution|decree)\b|"
        r"\b(which|what) (decision|resolution|decree|circular|directive) (approved|issued|"
        r"established|set|created|adopted|amended|replaced)\b",
        "docnumber",
    ),
    # "what was its population when it was set up" asks for a number, not a date
    (r"\bwhat (was|is|will be) [^?]{0,40}\b(population|headcount|workforce)\b", "number"),
    (
        r"\b(khi nao|bao gio|thoi diem nao|thoi gian nao|thoi han nao|han chot|when|deadline|by what "
        r"date)\b",
        "date",
    ),
    # a length: "how long is the line, in kilometres", "dài bao nhiêu km"
    (
        r"\b(in kilomet(re|er)s|how many (kilomet(re|er)s|km|metres|meters)|dai bao nhieu|"
        r"chieu dai|bao nhieu km|what is the length|how long is the \w+ (line|road|route))\b",
        "length",
    ),
    (
        r"\b(bao nhieu|how many|how much|what number|so luong)\b",
        "number",
    ),
    (r"\b(vi sao|tai sao|ly do|nguyen nhan|why|for what reason)\b", "reason"),
    (
        r"\b(khach san|hoi truong|dia diem|trung tam hoi nghi|toa nha|dia chi|venue|hotel|"
        r"hall)( \w+){0,2} (nao|gi)\b|\b(which|what) (venue|hotel|hall|building|street|"
        r"address)\b|\bdat tai (toa nha|duong|dia chi)\b",
        "venue",
    ),
    (
        r"\b(o dau|tai dau|dia diem nao|noi nao|(?<!co )(?<!dia )(quan|huyen|thi xa)( \w+)? nao|"
        r"(which|what) district|(thanh pho|tinh|dia phuong|quoc gia|nuoc)"
        r"(,? (thanh|thanh pho|tinh))?( nao| gi)|which smart (city|cities)|which (\w+ ){0,3}(?<!smart )(city|cities|province|"
        r"provinces|country|countries|town|towns|locality|localities)|in which (city|province|"
        r"country))\b|^\W*where\b|\bwhere (is|was|are|were|did|does|do|will)\b",
        "place",
    ),
    (
        r"\b(cong ty|doanh nghiep|tap doan|nha dau tu|nha thau|don vi tu van|vien nghien cuu|"
        r"truong dai hoc)( \w+){0,3} nao\b|\b(which|what) (\w+ ){0,2}(company|companies|firm|"
        r"firms|corporation|corporations|investor|investors|vendor|vendors|contractor|"
        r"contractors|developer|developers|university|universities|institute|institutes|ministry|"
        r"ministries)\b|\bbo nao\b",
        "organisation",
    ),
    (
        r"\b(la ai|ai la|ai da|ai phat bieu|ai chu tri|nguoi nao|ong nao|ba nao)\b|"
        # (not "who signed / ai ký": a title answers that, "Bộ trưởng Bộ Xây dựng ký ...";
        # nor "who wrote": "nhóm biên soạn", an editorial team)
        r"\bwho (represented|spoke|chaired|delivered|presented|headed|addressed|led|founded)\b|^\W*ai (dang|da|se|la|duoc|phu trach|chu tri|lanh dao|phat bieu|"
        r"dai dien|dung dau)\b|"
        r"\b(thu truong|bo truong|chu tich|giam doc|dai su|pho chu tich|lanh dao|quan chuc|"
        r"dai dien)\b[^?]{0,30}\bnao\b|\b(which|what) (\w+ ){0,2}(official|officials|leader|"
        r"leaders|speaker|speakers|minister|ministers|ambassador|chairman|director|expert|"
        r"experts|representative|representatives)\b|\bchuyen gia nao\b|"
        r"\bname of the (\w+ ){0,3}(prime minister|minister|ambassador|chairman|chairwoman|"
        r"director|president|governor|mayor|official|speaker|expert|representative)\b|"
        r"\bten (cua )?(vi |ong |ba )?(thu tuong|bo truong|dai su|chu tich|giam doc)\b|"
        r"\b(who|whom) (is|was|were|are) (the|its|their) (\w+ ){0,3}(chairman|chairwoman|chair|"
        r"head|director|minister|ambassador|president|governor|mayor|secretary|ceo)\b",
        "person",
    ),
    # English "who" asks as often for an organisation ("who supported the project?"); "residents
    # who submit reports" is not a question about a person
    (r"^\W*(\w+ )?(who|whom)\b|\b(who|whom) (is|was|are|were|did|does|do|will|has|have)\b", "who"),
)


SOFT_TYPES = ("who",)  # preferred in the answer, never a reason to abstain


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


def expected_type(question: str) -> str | None:
    """What the question asks for, read from its question proper: the last of its sentences
    ("The page closes with a teaser. In which month is it set?"), without an opening "When X
    did Y," clause ("When Phong opened the workshop, what did he say?" asks what he said)."""
    folded = textmod.fold(_asked(textmod.nfc(question)))
    for pattern, kind in QUESTION_TYPES:
        if re.search(pattern, folded):
            if kind == "place" and _LOOK_UP.search(folded):
                return None  # "tra cứu ở đâu": a document to read, not a place
            if kind == "place" and re.search(r"\bwhere\b[^?]*\bfrom\W*$", folded):
                return None  # "where does it gather its information from": a source
            if kind in ("organisation", "person", "place") and _KIND_OF.search(folded):
                return None  # "loại doanh nghiệp nào": a kind, not one by its name
            return kind
    return None


_KIND_OF = re.compile(r"\b(loai|kieu) (\w+ ){1,4}nao\b|\b(what|which) (kinds?|types?|sorts?) of\b")


_LOOK_UP = re.compile(
    r"\b(tra cuu|tim hieu|tham khao|doc them|xem them|look up|find out|consult|refer to|read more)"
    r"\b[^?]{0,40}\b(o dau|where)\b|\bwhere (is|are|was|were) [^?]{3,80} (published|posted|"
    r"available|found)\b|\b(dang|cong bo|dang tai) (o|tai) dau\b"
)


def _asked(question: str) -> str:
    sentences = [x for x in _SENTENCE_END.split(question.strip()) if x.strip()]
    asked = next((x for x in reversed(sentences) if x.rstrip().endswith("?")), None)
    asked = asked if asked and len(sentences) > 1 else question
    m = re.match(
        r"^\W*when\b[^?,]{3,200},\s*(?=(what|which|who|whom|how|where|why)\b)", asked, re.I
    )
    return asked[m.end() :] if m else asked


# a sentence ends before a capital, not after "No." or "Mr." ("Resolution No. 175/2024/QH15")
_SENTENCE_END = re.compile(
    r"(?<=[.?!])(?<!\bNo\.)(?<!\bMr\.)(?<!\bDr\.)(?<!\bMs\.)\s+(?=[A-ZĐÀ-Ỹ])"
)


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


_VALUES = ("year", "day", "month", "date", "share", "amount", "rank")
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
