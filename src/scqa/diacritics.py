"""Putting the marks back on Vietnamese typed without them, from the corpus's own usage.

"de an 950 duoc phe duyet ngay nao" → "đề án 950 được phê duyệt ngày nào". The e5 model embeds
unmarked Vietnamese poorly (nearer English text than the Vietnamese it means) and pyvi cannot
segment it, so the dense and word-level BM25 signals go nearly blind on such a query and the
folded field carries it alone. Restored, it searches like its marked twin.

A query counts as typed without its marks when more than half of its words are bare
(`marks_missing`): written Vietnamese leaves far fewer bare. Such a query may hold some marks
("Đề an 950 duoc phe duyet"); a word typed with marks stays as typed and is context for its
neighbours.

The model is an interpolated bigram model over marked syllables, counted in the indexed Vietnamese
chunks (`KeywordIndex` keeps the counts in step with ingest) plus a few question phrases, which
articles seldom hold. Each bare syllable's candidates are the marked syllables that fold to it;
the restoration is the likeliest sequence (Viterbi) within each run of words, a run ending at a
number or punctuation. A syllable the corpus never saw is left as typed, and a query most of
whose syllables it never saw is left whole.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from . import text as textmod
from .stopwords import VI_QUESTION_WORDS

BREAK = "|"  # between runs of words in a syllable stream
BIGRAM_WEIGHT = 0.8  # λ: the bigram's share of a candidate's probability, where a bigram is known
# Below this share of its words known to the model a query is left as typed: a corpus with little
# Vietnamese would mark only its question words, and the search would then weigh it as marked.
MIN_KNOWN = 0.5
# Written Vietnamese leaves few syllables bare: at most half, and a third at the 99th percentile,
# of the words of the 213 marked Vietnamese questions in eval/ (acronyms aside). A query with more
# than this share bare was typed without (most of) its marks.
MAX_BARE_SHARE = 0.5

_RUN = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")

# Question phrases that decide between readings ("nam nao": "năm nào", not "Nam nào") and that
# news and policy text seldom holds; counted once each beside the corpus.
SEED_PHRASES = (
    *(w.replace("_", " ") for w in VI_QUESTION_WORDS),
    "năm nào",
    "ngày nào",
    "tháng nào",
    "là gì",
    "là ai",
    "những gì",
    "có bao nhiêu",
    "vào năm nào",
    "do ai",
    "ở đâu",
    "bao lâu",
    # amounts and ranks are asked in words that articles write as figures ("20%", "thứ 86")
    # (not "bao nhiêu phần trăm": "phần" would become the one word expected after "nhiêu")
    "phần trăm",
    "tổng cộng",
    "tháng mấy",
    "thứ mấy",
    # why, and what a question asks about a person or a prize, rarely written in the articles
    "lý do",
    "nguyên nhân",
    "giải thưởng",
    "từng đạt",
    "nhiệm kỳ",
)


def marks_missing(query: str) -> bool:
    """Whether a Vietnamese query was typed without all or most of its diacritics."""
    words = [w for w in _LETTERS.findall(query) if not (w.isupper() and len(w) > 1)]
    bare = sum(not _marked(w) for w in words)
    return bool(words) and bare > MAX_BARE_SHARE * len(words)


def syllables(text: str) -> list[str]:
    """The lowercase syllables of `text` in order, `BREAK` between runs of words."""
    out: list[str] = []
    for run in _RUN.finditer(textmod.nfc(text)):
        if out:
            out.append(BREAK)
        out.extend(w.lower() for w in _LETTERS.findall(run.group()))
    return out


class Restorer:
    """Counts of marked syllables and syllable pairs, and the Viterbi restoration over them."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()  # marked syllable → occurrences
        self.forms: dict[str, set[str]] = defaultdict(set)  # folded → the marked ones seen
        self.bigrams: Counter[tuple[str, str]] = Counter()
        self.starts: Counter[str] = Counter()  # syllable → pairs it begins
        self.total = 0
        self._folded: dict[str, str] = {}  # marked syllable → folded (fold() is slow)
        for phrase in SEED_PHRASES:
            self.add(syllables(phrase))

    def add(self, stream: Sequence[str], sign: int = 1) -> None:
        """Count (or with sign=-1, uncount) a syllable stream as `syllables` gives it."""
        words = [w for w in stream if w != BREAK]
        pairs = [(p, w) for p, w in zip(stream, stream[1:], strict=False) if BREAK not in (p, w)]
        self.total += sign * len(words)
        for counter, keys in (
            (self.counts, words),
            (self.bigrams, pairs),
            (self.starts, [p for p, _ in pairs]),
        ):
            if sign > 0:
                counter.update(keys)
                continue
            counter.subtract(keys)
            for key in set(keys):
                if counter[key] <= 0:
                    del counter[key]
        for w in set(words):
            folded = self._folded.get(w) or self._folded.setdefault(w, textmod.fold(w))
            if w in self.counts:
                self.forms[folded].add(w)
            else:
                self.forms[folded].discard(w)

    def restore(self, query: str) -> str:
        """`query` with each of its unmarked words given its likeliest marks (casing kept; a
        word typed with marks stays as typed and is context for its neighbours), or as typed
        when the model knows fewer than `MIN_KNOWN` of its words."""
        words = _LETTERS.findall(query)
        known = sum(_marked(w) or bool(self.forms.get(textmod.fold(w))) for w in words)
        if known < MIN_KNOWN * len(words):
            return query
        parts: list[str] = []
        pos = 0
        for run in _RUN.finditer(query):
            typed = list(_LETTERS.finditer(run.group()))
            best = self._viterbi([m.group().lower() for m in typed])
            restored, end = [], 0
            for m, marked in zip(typed, best, strict=True):
                restored += [run.group()[end : m.start()], _cased(marked, m.group())]
                end = m.end()
            parts += [query[pos : run.start()], *restored]
            pos = run.end()
        return "".join([*parts, query[pos:]])

    def _candidates(self, word: str) -> list[str]:
        if _marked(word):
            return [word]
        return sorted(self.forms.get(textmod.fold(word)) or [word])

    def _viterbi(self, words: Sequence[str]) -> list[str]:
        if not words:
            return []
        total = self.total
        paths = {m: (math.log(self._p(m, total)), [m]) for m in self._candidates(words[0])}
        for word in words[1:]:
            paths = {
                m: max(
                    (score + math.log(self._p(m, total, p)), [*path, m])
                    for p, (score, path) in paths.items()
                )
                for m in self._candidates(word)
            }
        return max(paths.values(), key=lambda t: t[0])[1]

    def _p(self, m: str, total: int, prev: str | None = None) -> float:
        """P(m | prev): the pair's share of prev's pairs interpolated with m's share of all
        syllables (add-one, so that an unseen syllable is merely unlikely)."""
        unigram = (self.counts.get(m, 0) + 1) / (total + len(self.counts) + 1)
        if prev is None or not self.starts.get(prev):
            return unigram
        bigram = self.bigrams.get((prev, m), 0) / self.starts[prev]
        return BIGRAM_WEIGHT * bigram + (1 - BIGRAM_WEIGHT) * unigram


def _marked(word: str) -> bool:
    """Whether the word was typed with a mark ("được", "Đà"), not bare ("duoc")."""
    return textmod.fold(word) != word.lower()


def _cased(marked: str, typed: str) -> str:
    """`marked` in the casing of `typed`: "Hue" → "Huế", "HUE" → "HUẾ"."""
    if typed.isupper() and len(typed) > 1:
        return marked.upper()
    if typed[:1].isupper():
        return marked[:1].upper() + marked[1:]
    return marked
