"""Vietnam's provinces and cities, and countries (data/places.txt), for questions that name a
place or ask for one.

`named_places(question)` finds the cities and provinces a question names (with their marks when
it is typed with them, else accent-folded: "Lam Dong" is "Lâm Đồng"); `places_missing` says which
of them a passage does not mention in any of their forms ("TP.HCM", "Ho Chi Minh City"); the
answer-type checks read `places()` to tell whether a sentence names a place at all.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from . import text as textmod

PLACES_PATH = Path(__file__).with_name("data") / "places.txt"


_ADMIN = frozenset(
    ["tỉnh", "thành", "phố", "tp", "tp.", "quận", "huyện", "province", "city", "tại", "ở", "và"]
)


def inside_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is part of a longer capitalised name: "Thái Bình" and "Bình
    Dương" inside "Thái Bình Dương" (the Pacific). "Tỉnh Bình Dương" is still the province."""
    after = text[end:].split(maxsplit=1)
    before = text[:start].rsplit(maxsplit=1)
    if after and after[0][:1].isupper():
        return True
    if before and start > 0 and text[start - 1] == " ":
        word = before[-1]
        return (
            word[:1].isupper() and word.lower() not in _ADMIN and not word.endswith((",", ".", ":"))
        )
    return False


@lru_cache(maxsize=1)
def places() -> dict[str, tuple[str, ...]]:
    """Accent-folded place names from data/places.txt: "city" (Vietnam's provinces and major
    cities, some foreign cities) and "country" (after the line "[countries]")."""
    out: dict[str, list[str]] = {"city": [], "country": []}
    kind = "city"
    for line in PLACES_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() == "[countries]":
            kind = "country"
        elif line.strip() and not line.startswith("#"):
            out[kind] += [textmod.fold(f.strip()) for f in line.split("|") if f.strip()]
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def named_places(question: str) -> list[str]:
    """The Vietnamese provinces and cities (data/places.txt) the question names, as written in
    the file. A question typed with marks is matched with them ("hằng năm định kỳ" does not name
    Nam Định); English and unmarked Vietnamese folded."""
    folded = textmod.fold(question)
    marked = folded != question.lower()
    text = textmod.nfc(question).lower() if marked else folded
    found = []
    for forms in place_groups():
        for form in forms:
            key = form.lower() if marked else textmod.fold(form)
            if re.search(rf"(?<![\w.]){re.escape(key)}(?!\w)", text):
                found.append(form)
                break
    return [p for p in found if not any(p != q and p.lower() in q.lower() for q in found)]


@lru_cache(maxsize=1)
def place_groups() -> tuple[tuple[str, ...], ...]:
    """Each city or province of data/places.txt with all its forms (countries excluded)."""
    out = []
    for line in PLACES_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() == "[countries]":
            break
        if line.strip() and not line.startswith("#"):
            out.append(tuple(textmod.nfc(f.strip()) for f in line.split("|") if f.strip()))
    return tuple(out)


def places_missing(question: str, passage: str) -> list[str]:
    """The places the question names that `passage` (a chunk's title, headings and text) does
    not mention in any form: a sentence from a text about another city does not answer."""
    folded = textmod.fold(passage)
    return [
        p
        for p in named_places(question)
        if not any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", folded) for k in place_forms(p))
    ]


def place_forms(term: str) -> tuple[str, ...]:
    """All folded forms of the place `term` names ("TP.HCM" and "Ho Chi Minh City"), or ()."""
    for forms in place_groups():
        if term in forms:
            return tuple(textmod.fold(f) for f in forms)
    return ()
