"""People in answers: a person named in a sentence, and who said what.

A question asking for a person ("là ai", "which official") is answered by a sentence naming one: a
Vietnamese name after a common family name, a title before a name ("Ông X", "Ambassador Y"), or a
foreign name after a title ("Chủ tịch ASOCIO David Wong"). A question asking what someone said is
answered by a verb of speech, attributed to the person the question names (by given name) or,
failing a name, to the role it names ("Giám đốc Học viện AMC đã phát biểu gì?").
"""

from __future__ import annotations

import re

from . import text as textmod
from .answerability import contains

# common family names that are rarely also place names ("Hà Nội", "Bình Dương", "Hồ Chí Minh")
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Đinh",
    "Trương",
    "Lương",
    "Trịnh",
    "Đoàn",
]


_PERSON = re.compile(
    rf"\b(?:{'|'.join(SURNAMES)})(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){{1,3}}"
    r"|\b(?:ông|bà|Ông|Bà|Mr|Ms|Mrs|Dr|Ambassador|Minister|Đại sứ)\.?\s+[A-ZĐ]"
)


# a foreign name after a title: "Chủ tịch ASOCIO David Wong", "Ambassador Bertrand Lortholary"
_TITLED = re.compile(
    r"\b(?:Chủ tịch|Giám đốc|Tổng giám đốc|Đại sứ|Bộ trưởng|Thứ trưởng|Chairman|chairman|"
    r"Director|director|President|Ambassador|Minister|CEO)\b(?:\s+[A-Z&.]{2,})*"
    r"\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+"
)


def names_person(sentence: str) -> bool:
    return _PERSON.search(sentence) is not None or _TITLED.search(sentence) is not None


# a verb of speech, English (matched folded) and Vietnamese (matched with its marks: folded,
# "nói" is "Nội")
SPEECH_EN = (
    r"\b(said|says|stated|noted|stressed|emphasi[sz]ed|told|remarked|argued|added|according to)\b"
)
_SPEECH_VI = re.compile(
    r"\b(phát biểu|cho biết|nhấn mạnh|khẳng định|nhận định|chia sẻ|cho rằng|nói|bày tỏ|nêu rõ|"
    r"đề nghị|đề xuất|kêu gọi|đánh giá)\b"
)


# roles a question may name instead of a person ("Giám đốc Học viện AMC đã phát biểu gì?")
_ROLES = (
    "tong giam doc",
    "giam doc",
    "pho chu tich",
    "chu tich",
    "thu truong",
    "bo truong",
    "dai su",
    "vien truong",
    "dai dien",
    "chairman",
    "chairwoman",
    "director",
    "minister",
    "ambassador",
    "president",
    "representative",
)


# a title in either language (folded): who holds it is asked for by its name in either
_TITLES = (
    ("tong giam doc", "general director", "ceo"),
    ("giam doc", "director"),
    ("pho chu tich", "vice chairman", "vice-chairman", "vice president", "deputy chairman"),
    ("chu tich", "chairman", "chairwoman", "chair", "president"),
    ("thu truong", "deputy minister", "vice minister"),
    ("bo truong", "minister"),
    ("dai su", "ambassador"),
    ("vien truong",),
    ("thu tuong", "prime minister"),
    ("to truong",),
    # a role at an event: who moderated a session
    ("dieu phoi", "dan dat", "chu toa", "moderator", "moderated", "moderate", "moderating",
     "facilitator", "facilitated"),
)  # fmt: skip


def titles_asked(question: str) -> list[tuple[str, ...]]:
    """The titles a question asking for a person names ("Ai đang là Giám đốc ...", "which
    deputy minister"), each as its forms in both languages; a longer title hides the shorter
    one inside it ("Phó Chủ tịch" is not "Chủ tịch")."""
    asked = textmod.fold(question)
    out = []
    for forms in _TITLES:
        for f in forms:
            m = re.search(rf"(?<!\w){re.escape(f)}(?!\w)", asked)
            if m and not any(
                other is not forms and any(f in o and f != o and contains(asked, o) for o in other)
                for other in _TITLES
            ):
                out.append(forms)
                break
    return out


def holds_title(window: str, question: str) -> bool:
    """Whether the window names each title the question asks about, in either language."""
    folded = textmod.fold(window)
    return all(any(contains(folded, f) for f in forms) for forms in titles_asked(question))


def statement(window: str, question: str) -> bool:
    """A verb of speech in the window (Vietnamese with its marks: folded, "nói" is "Nội"), and
    the speaker the question names: by given name (accent-folded), or else by role."""
    folded = textmod.fold(window)
    if not (_SPEECH_VI.search(textmod.nfc(window).lower()) or re.search(SPEECH_EN, folded)):
        return False
    # the given name: the last capitalised word of each person the question names
    given = {textmod.fold(n[-1]) for n in speakers(question) if len(n) > 1}
    if given:
        return bool(given & set(re.findall(r"\w+", folded)))
    asked = textmod.fold(question)
    roles = [
        r
        for r in _ROLES
        if contains(asked, r) and not any(r in o and r != o for o in _ROLES if contains(asked, o))
    ]
    return not roles or any(contains(folded, r) for r in roles)


def speakers(question: str) -> list[list[str]]:
    """The people the question names, each as its run of capitalised words: "Nguyễn Thanh
    Bình", "Ambassador Bertrand Lortholary" (the title's match reaches only the initial)."""
    out = []
    for m in _PERSON.finditer(question):
        run = []
        for i, word in enumerate(question[m.start() :].split()):
            bare = word.strip("?.,!:;\"'()“”")
            if not bare[:1].isupper():
                if i == 0:
                    continue  # "ông", "bà"
                break
            run.append(bare)
            if bare != word:
                break  # punctuation after a word ends the name
        out.append(run)
    return out
