"""The document a question names as its source: "Theo bản tóm tắt Đề án 950, ...", "According
to the background note on Resolution 52-NQ/TW, ...", "Trong đề án 2017-2020 của TP.HCM, ...".

A question put that way asks what that document says, and a neighbour on the same topic that
ranks a little higher (an article that quotes Resolution 52, the ICT framework beside Scheme
950) is not it. `prefer_named` moves the named document's passages ahead of the others when
they rank close to the top. A document is named by the marks that read the same in both
languages: a figure or document number ("950", "52-NQ/TW") or an acronym ("ODA", "ICT") of the
phrase that its title or file name bears. Words are not enough: "bài tổng quan về ODA và hợp
tác quốc tế" shares "hợp tác quốc tế" with an article's headline, and is the English ODA
overview; "Theo ông Nguyễn Thành Phong, ..." names no document. `prefer_person` does the same
for the documents that name a person the question names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from . import text as textmod
from .answerability import contains
from .people import speakers
from .types import Hit

NAMED_SHARE = 0.9  # a named document's passage moves first when it scores this share of the top
MIN_MATCH = 1

_SOURCE_PHRASE = re.compile(
    r"^\W*(?:theo|according to|as|trong|in)\s+([^,?]{3,100}),", re.IGNORECASE
)
# a figure or document number ("950", "52-NQ/TW", "2017-2020"), an acronym ("ODA", "ICT")
_MARK = re.compile(r"[\w/-]*\d[\w/-]*|\b[A-ZĐ]{2,}\b")


def source_phrase(question: str) -> str | None:
    """The words a question names its source by: "bản tóm tắt Đề án 950" in "Theo bản tóm
    tắt Đề án 950, ...". None when it does not open that way."""
    m = _SOURCE_PHRASE.search(textmod.nfc(question))
    return m.group(1) if m else None


def match(phrase: str, title: str, source: str) -> int:
    """How many of the distinctive marks of `phrase` (figures, document numbers, acronyms) the
    document of this title and source path bears."""
    stem = PurePosixPath(source).stem.replace("-", " ").replace("_", " ")
    name = textmod.fold(f"{title} {stem}")
    marks = {textmod.fold(m.group(0)).strip("-/") for m in _MARK.finditer(phrase)}
    return sum(contains(name, m) for m in marks if m)


def prefer_named(question: str, hits: list[Hit]) -> list[Hit]:
    """`hits` with the passages of the document the question names (its best match, if that
    reaches MIN_MATCH) first among those scoring at least NAMED_SHARE of the top; each moved hit
    keeps its fused score, and its `scores["named"]` says how many marks named it."""
    phrase = source_phrase(question)
    if not phrase or not hits:
        return hits
    scores = {h.chunk.source: match(phrase, h.chunk.title, h.chunk.source) for h in hits}
    best = max(scores.values())
    if best < MIN_MATCH:
        return hits
    # scores["named"], shown beside the signals, says why a hit moved
    return _first(hits, lambda h: scores[h.chunk.source] == best, "named", float(best))


def prefer_person(question: str, hits: list[Hit]) -> list[Hit]:
    """`hits` with the passages of the documents that name the person the question names
    ("Nguyễn Thành Phong", by the last two words of the name, in one of their retrieved
    passages) first among those scoring at least NAMED_SHARE of the top, when the top passage's
    document does not name them; a moved hit's `scores["person"]` is 1."""
    keys = [textmod.fold(" ".join(run[-2:])) for run in speakers(question) if len(run) >= 3]
    if not keys or not hits:
        return hits

    naming = {  # the documents whose retrieved passages name the person
        h.chunk.source
        for h in hits
        if any(contains(textmod.fold(h.chunk.context), k) for k in keys)
    }
    if hits[0].chunk.source in naming:
        return hits  # the top document names them, in this passage or another
    return _first(hits, lambda h: h.chunk.source in naming, "person", 1.0)


def _first(hits: list[Hit], chosen: Callable[[Hit], bool], signal: str, value: float) -> list[Hit]:
    """`hits` with the chosen ones that score at least NAMED_SHARE of the top moved first, in
    their order, each keeping its fused score and marked `scores[signal] = value`."""
    floor = NAMED_SHARE * max(h.score for h in hits)
    first = [h for h in hits if h.score >= floor and chosen(h)]
    for h in first:
        h.scores[signal] = value
    return [*first, *(h for h in hits if h not in first)]
