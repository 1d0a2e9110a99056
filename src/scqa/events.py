"""What happens at the time a question asks about: approval, completion, opening, founding,
joining, taking office, taking effect, amending. A date, a year or a document number answers
"khi nào hoàn thành" only from a sentence that says the completion (answer_types.has_type), and
"who signed" only from one that says the signing (constraints.py)."""

from __future__ import annotations

import re
from functools import lru_cache

from . import text as textmod
from .answerability import contains
from .question_types import question_parts
from .vi_syllables import is_damaged

# what happens at the time a question asks for, each with the words that say it (Vietnamese
# with its marks, English lower case); "ký" is "kỳ" and "kỹ" folded
_EVENTS = (
    ("phê duyệt", "thông qua", "ban hành", "ký", "chấp thuận", "approved", "approve", "approving",
     "adopted", "adopt", "adopting", "issued", "issue", "issuing", "signed", "sign", "signing",
     "passed"),
    ("hoàn thành", "hoàn tất", "kết thúc", "completed", "complete", "completing", "completion",
     "finished", "finish", "concluded"),
    ("đi vào hoạt động", "vận hành", "khai trương", "đưa vào sử dụng", "khánh thành", "mở cửa",
     "operation", "operational", "operating", "opened", "open", "opening", "launched", "launch",
     "commissioned", "bắt đầu", "khởi công", "began", "begin", "begins", "started", "start",
     "starts", "commenced"),
    ("thành lập", "ra đời", "established", "establish", "establishing", "establishment",
     "founded", "founding", "set up", "created", "creating", "came into being"),
    ("tham gia", "gia nhập", "joined", "join", "joining", "became a member", "became members"),
    ("giữ chức", "nhậm chức", "đảm nhiệm", "bổ nhiệm", "nhiệm kỳ", "được bầu", "took office",
     "take office", "appointed", "appoint", "elected", "assumed the post", "term of office"),
    ("hiệu lực", "take effect", "took effect", "takes effect", "in force", "effective"),
    ("sửa đổi", "bổ sung", "điều chỉnh", "thay thế", "amended", "amend", "amending", "amendment",
     "revised", "replaced", "supplemented"),
)  # fmt: skip


def names_event(question: str) -> bool:
    """Whether the question names an event of `_EVENTS` ("who signed", "khi nào hoàn thành")."""
    return bool(_asked_events(question))


def _asked_events(question: str) -> list[tuple[str, ...]]:
    asked = _SPEECH.sub(" ", textmod.nfc(question).lower())
    return [g for g in _EVENTS if any(contains(asked, w) for w in g)]


@lru_cache(maxsize=256)
def _asked_by_part(question: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The events each part of the question names, of the parts that name some (`happens` asks
    it of one question for every candidate sentence)."""
    return tuple(tuple(g) for g in map(_asked_events, question_parts(question)) if g)


# a name in quotes after what it names: "Dự án “Thành lập Trung tâm ...”" says no founding (a
# quoted statement still says what it says)
_NAMES = re.compile(
    r"\b(?:dự án|đề án|chương trình|hội thảo|hội nghị|chủ đề|kế hoạch|nghị quyết|quyết định|"
    r"project|scheme|programme|program|plan|workshop|conference|called|named|titled)\s+"
    r"(?:\w+\s+){0,2}(?:“[^”]{3,}”|\"[^\"]{3,}\")",
    re.IGNORECASE,
)
_SPEECH = re.compile(r"\bopening (speech|remarks|address)\b")  # a speech, not an opening


def happens(window: str, question: str, every: bool = True) -> bool:
    """Whether `window` says what happens at the time (or by the document) the question asks
    about, when the question says it in words of `_EVENTS` (approval, completion, opening,
    founding, joining, taking effect, amending): every kind of event the question names ("Dự án
    thành lập Trung tâm VKC dự kiến hoàn thành năm nào" asks when it ends, not when the project
    named after a founding was approved); of a question that joins several (`question_parts`),
    those of one of them. With `every` False, one of them is enough: "Ai là
    người ký Nghị quyết 52 về chủ động tham gia ..." asks who signed, and the joining is in the
    resolution's name. True when it names none, or the text is too damaged to read."""
    asked = _asked_by_part(question)
    if not asked or is_damaged(window):
        return True
    said = _NAMES.sub(" ", textmod.nfc(window)).lower()  # not in a name it quotes
    test = all if every else any  # of a question joining several, the events of one of them
    return any(test(any(contains(said, w) for w in g) for g in groups) for groups in asked)
