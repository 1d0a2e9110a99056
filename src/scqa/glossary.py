"""A bilingual glossary of policy terms (data/glossary.tsv) for cross-lingual query expansion.

`expand("Which decision approved the smart city scheme?", "en")` finds the English terms the query
holds (longest first, on accent-folded whole words, each word of the query used once) and returns
their Vietnamese forms — ("quyết định", "vi"), ("đô thị thông minh", "vi"), ... — which the keyword
index adds to the query. Vietnamese queries are expanded into English the same way. Acronyms in
capitals (ICT, IOC, ODA) match only when written in capitals, so the pronoun "it" is not "IT".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import text as textmod

GLOSSARY_PATH = Path(__file__).with_name("data") / "glossary.tsv"
OTHER = {"en": "vi", "vi": "en"}


@dataclass(frozen=True)
class Entry:
    en: tuple[str, ...]
    vi: tuple[str, ...]
    general: bool = False  # general vocabulary: expands English questions only

    def forms(self, language: str) -> tuple[str, ...]:
        return self.en if language == "en" else self.vi


@lru_cache(maxsize=4)
def load(path: Path = GLOSSARY_PATH) -> tuple[Entry, ...]:
    entries = []
    general = False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() == "[general]":
            general = True
            continue
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            raise ValueError(f"{path}:{n}: expected 'English forms<TAB>Vietnamese forms'")
        en, vi = (tuple(f.strip() for f in p.split("|") if f.strip()) for p in parts)
        entries.append(Entry(en, vi, general))
    return tuple(entries)


@dataclass(frozen=True)
class _Form:
    pattern: re.Pattern[str]
    words: int
    entry: Entry
    probe: str  # its first word (lower case unless an acronym): a cheap test before the regex
    acronym: bool


@lru_cache(maxsize=8)
def _patterns(path: Path = GLOSSARY_PATH, general: bool = False) -> dict[str, list[_Form]]:
    """Per language, every form, longest first. Vietnamese forms come twice: with their marks
    (for queries typed with them: "bò" is not "Bộ") and accent-folded (for queries typed
    without: "bo xay dung"), keyed "vi" and "vi-folded". The general vocabulary is in the
    Vietnamese lists only when `general` is set."""
    out: dict[str, list[_Form]] = {"en": [], "vi": [], "vi-folded": []}
    for entry in load(path):
        for key in out:
            if entry.general and key != "en" and not general:
                continue  # see Entry.general
            for form in entry.forms(key[:2]):
                acronym = form.isupper() and len(form) <= 6
                target = form if acronym or key == "vi" else textmod.fold(form)
                flags = 0 if acronym else re.IGNORECASE
                pattern = re.compile(rf"(?<![\w&.]){re.escape(target)}(?![\w&])", flags)
                first = target.split()[0]
                probe = first if acronym else first.lower()
                out[key].append(_Form(pattern, len(target.split()), entry, probe, acronym))
    for key in out:
        out[key].sort(key=lambda f: -f.words)
    return out


def matches(
    query: str, language: str, path: Path = GLOSSARY_PATH, general: bool = False
) -> list[tuple[str, Entry]]:
    """The glossary terms in `query` as (the words matched, entry), longest first, each word of
    the query used once. English and unmarked Vietnamese match accent-folded; Vietnamese typed
    with its marks matches the marked forms. A Vietnamese query matches the general vocabulary
    too when `general` is set (to read passages already found, not to search: see
    Entry.general)."""
    if language not in OTHER:
        return []
    folded = textmod.fold(query)
    marked = language == "vi" and folded != query.lower()
    key = "vi" if marked else ("vi-folded" if language == "vi" else "en")
    exact = textmod.nfc(query)
    text = exact if marked else folded
    lower = text.lower()
    used = [False] * len(text)
    out: list[tuple[str, Entry]] = []
    for form in _patterns(path, general)[key]:
        if form.probe not in (exact if form.acronym else lower):
            continue
        for m in form.pattern.finditer(exact if form.acronym else text):
            if any(used[m.start() : m.end()]):
                continue
            used[m.start() : m.end()] = [True] * (m.end() - m.start())
            out.append((m.group(0), form.entry))
    return out


def expand(query: str, language: str, path: Path = GLOSSARY_PATH) -> list[tuple[str, str]]:
    """The other language's forms of the glossary terms in `query`, as (term, language) pairs."""
    out: list[tuple[str, str]] = []
    for _, entry in matches(query, language, path):
        for form in entry.forms(OTHER[language]):
            if (form, OTHER[language]) not in out:
                out.append((form, OTHER[language]))
    return out
