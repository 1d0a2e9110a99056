"""What a question asks for: its answer type, read from its wording. No LLM needed.

`expected_type` reads the question proper ("when / ngày nào" asks for a date, "how many / bao
nhiêu X" a number counting X, "là ai" a person, "công ty nào" a company, "vì sao" a reason, "what
did X say" a verb of speech attributed to X, "tháng mấy" a month, "xếp thứ mấy" a rank, "how large
was the loan" an amount of money, ...). Whether a sentence holds what the type asks for is
answer_types.py's `has_type`. Patterns are matched on accent-folded text, so they work for both
languages and for questions typed without diacritics.
"""

from __future__ import annotations

import re

from . import text as textmod

# a district asked for: "quận nào", "which district" (not "cơ quan nào", "địa huyện")
DISTRICT_QUESTION = r"(?<!co )(?<!dia )\b(quan|huyen|thi xa)( \w+)? nao\b|\b(which|what) district"

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
    # a telephone line: "số hotline", "tổng đài nào", "what is the hotline number", "số điện
    # thoại ... là bao nhiêu" (not "how many days must hotline 1022 answer in": that counts days)
    (
        r"^(?![^?]*\b(bao nhieu|how many|how much|how long)\b\s*\w)[^?]*"
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
    # an area: "diện tích bao nhiêu", "rộng bao nhiêu ha", "the land area, in square kilometres"
    (
        r"\b(dien tich|rong bao nhieu|bao nhieu (ha|hecta|hec ta|km2|m2)|(land|surface|total) area|"
        r"area of|square (kilomet|met)\w*|how many (hectares|square))\b",
        "area",
    ),
    # a duration: "trong bao lâu", "for how long", "how long did it take" (not "how long after X
    # did Y", "sớm hơn ... bao lâu": two dates answer that; nor "how many weeks": a count)
    (
        r"^(?![^?]*\b(som|muon) hon\b)[^?]*\b(bao lau|mat bao nhieu thoi gian|trong bao nhieu "
        r"(ngay|tuan|thang|nam)|how long (did|does|do|will|would|was|were|has|have|had|it|to)|for "
        r"(roughly |about )?how long)\b",
        "duration",
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
        rf"\b(o dau|tai dau|dia diem nao|noi nao|(?:{DISTRICT_QUESTION})|"
        r"(thanh pho|tinh|dia phuong|quoc gia|nuoc)"
        r"(,? (thanh|thanh pho|tinh))?( nao| gi)|(thanh pho|dia phuong|quoc gia)( \w+){1,2}"
        r"(?<!thong minh) nao|which smart (city|cities)|"
        r"which (\w+ ){0,3}(?<!smart )(city|cities|province|provinces|country|countries|town|towns|"
        r"locality|localities)|in which (city|province|country))\b|^\W*where\b|"
        r"\bwhere (is|was|are|were|did|does|do|will)\b",
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
        r"\bwho (represented|spoke|chaired|delivered|presented|headed|addressed|led|founded|"
        r"moderated|hosted|facilitated)\b|^\W*ai (dang|da|se|la|duoc|phu trach|chu tri|lanh dao|"
        r"phat bieu|dai dien|dung dau)\b|"
        r"(?<!lay )\bai (lam|giu chuc|dam nhan|dam nhiem|dieu phoi|dan dat)\b|"
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
    # ... as does "do ai / bởi ai" (by whom: "Nghị quyết 52 do ai ký?")
    (
        r"^\W*(\w+ )?(who|whom)\b|\b(who|whom) (is|was|are|were|did|does|do|will|has|have)\b|"
        r"\b(do|boi) ai\b",
        "who",
    ),
)


SOFT_TYPES = ("who",)  # preferred in the answer, never a reason to abstain


def expected_type(question: str) -> str | None:
    """What the question asks for, read from its question proper: the last of its sentences
    ("The page closes with a teaser. In which month is it set?"), without an opening "When X
    did Y," clause ("When Phong opened the workshop, what did he say?" asks what he said)."""
    folded = _HABITUAL_WHEN.sub(" ", textmod.fold(_asked(textmod.nfc(question))))
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


def question_parts(question: str) -> list[str]:
    """The questions a question joins, each asking its own thing: "From what date was Binh
    Duong merged into Ho Chi Minh City, and from what date did Hue's status take effect?", "Thủ
    Đức ra đời và tuyến metro bắt đầu đón khách lần lượt vào ngày nào?" ("respectively": each
    subject its own). One part when it joins none."""
    text = textmod.nfc(question).strip()
    parts: list[str] = []
    for p in _JOINED.split(text):
        if p and re.fullmatch(r"\(.*\)\s*", p) and parts:  # a follow-up's carried-over terms
            parts[-1] = f"{parts[-1]} {p}"
        elif p and p.strip(" ,;?"):
            parts.append(p)
    if _RESPECTIVELY.search(textmod.fold(text)):
        parts = [q for p in parts for q in re.split(r"\s+(?:và|and)\s+", p) if q.strip(" ,;?")]
    return parts or [text]


# a second question: after a question mark, a semicolon, or "and / , và / , còn" that opens one
# ("According to X, what ..." is one question)
_JOINED = re.compile(
    r"(?<=\?)\s+(?=\S)|;\s*|(?:,\s*|\s+)and\s+(?=(?:what|which|who|when|where|how|"
    r"(?:from|by|in|on|since|until|under) (?:what|which|when))\b)|,\s*(?:và|còn)\s+(?=[^,;?]*\b(?:"
    r"nào|gì|bao nhiêu|mấy|ai|đâu)\b)",
    re.I,
)
_RESPECTIVELY = re.compile(r"\b(lan luot|respectively)\b")


# "when" that tells what usually happens asks for no date: "what issues do provinces face when
# they want to use ODA", "what do residents attach when they report a problem"; "when it joined
# the network in 2018" (one past event) still asks about a time
_HABITUAL_WHEN = re.compile(
    r"(?<=\w)\s+when (they|you|we|people|residents|citizens|users|provinces|cities|localities|"
    r"businesses|companies|firms) (?!(were|was|had|did|first)\b)\w+(?<!ed)\b"
)

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
