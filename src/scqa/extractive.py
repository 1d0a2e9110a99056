"""The default answerer: no LLM, offline, grounded by construction.

It picks the sentences of the retrieved passages that best answer the question and quotes them
verbatim, each followed by `[n]`. A sentence's score mixes how much of the question's key terms
it holds (accent-folded, so it works for text typed without diacritics) with its embedding
similarity to the question (which carries English questions over Vietnamese text), and the rank
of its passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from . import generation
from . import text as textmod
from .answerability import expected_type, has_type
from .embeddings import Embedder, get_embedder
from .generation import FRAMING, QUOTED_IN, GenerationRequest

MAX_PASSAGES = 4
MAX_CANDIDATES = 12
MIN_SENTENCE_CHARS = 25
TYPED_POOL = 6  # how deep to look for a sentence of the asked-for type
TYPED_MIN_SHARE = 0.6  # ... among candidates scoring at least this share of the best


@dataclass
class Candidate:
    passage: int  # 1-based
    sentence: str
    coverage: float = 0.0
    similarity: float = 0.0
    score: float = 0.0


def term_weight(term: str) -> float:
    """Numbers and multi-syllable terms say more than single common syllables."""
    w = 1.0 + 0.5 * (term.count("_") + term.count(" "))
    return w + 1.0 if any(ch.isdigit() for ch in term) else w


def coverage(terms: list[str], folded_text: str) -> float:
    """The weighted share of `terms` (folded) present in `folded_text` as whole words."""
    if not terms:
        return 0.0
    total = sum(term_weight(t) for t in terms)
    found = sum(term_weight(t) for t in terms if _contains(folded_text, t))
    return found / total


def _contains(folded: str, term: str) -> bool:
    term = term.replace("_", " ")
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", folded) is not None


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, embedder: Embedder | None = None) -> None:
        self._embedder = embedder

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder("e5-small")
        return self._embedder

    def select(self, request: GenerationRequest) -> list[Candidate]:
        """Candidates best first, scored."""
        terms = textmod.key_terms(request.question, request.language)
        cands: list[Candidate] = []
        for n, hit in enumerate(request.hits[:MAX_PASSAGES], start=1):
            labels = {hit.chunk.title.strip(), *hit.chunk.headings}
            for sentence in textmod.split_sentences(hit.chunk.text, hit.chunk.language):
                if _quotable(sentence, labels):
                    cov = coverage(terms, textmod.fold(sentence))
                    cands.append(Candidate(n, sentence, coverage=cov))
        if not cands:
            return []
        cands.sort(key=lambda c: (-c.coverage, c.passage))
        cands = cands[:MAX_CANDIDATES]
        q = self.embedder.embed_query(request.question)
        vecs = self.embedder.embed_passages([c.sentence[:300] for c in cands])
        sims = vecs @ q
        lo, hi = float(np.min(sims)), float(np.max(sims))
        for c, s in zip(cands, sims, strict=True):
            c.similarity = float(s)
            norm = (float(s) - lo) / (hi - lo) if hi > lo else 1.0
            c.score = 0.5 * c.coverage + 0.4 * norm + 0.1 / c.passage
        return sorted(cands, key=lambda c: -c.score)

    def compose(self, request: GenerationRequest, chosen: list[Candidate]) -> str:
        lang = request.language
        langs = {request.hits[c.passage - 1].chunk.language for c in chosen}
        note = " ".join(QUOTED_IN.get(lang, {}).get(other, "") for other in sorted(langs))
        head = FRAMING[lang] + (f" {note.strip()}" if note.strip() else "")
        body = " ".join(f"{c.sentence} [{c.passage}]" for c in chosen)
        return f"{head}\n{body}"

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        ranked = _typed_first(self.select(request), expected_type(request.question))
        if not ranked:
            return  # nothing quotable answers it: the assistant abstains
        budget = request.answer_chars - len(FRAMING[request.language]) - 40
        chosen = [ranked[0]]
        if len(ranked[0].sentence) > budget:
            ranked[0].sentence = _cut(ranked[0].sentence, budget)
        used = len(chosen[0].sentence) + 5
        for c in ranked[1:3]:
            if c.score < 0.8 * ranked[0].score or used + len(c.sentence) + 5 > budget:
                continue
            chosen.append(c)
            used += len(c.sentence) + 5
        chosen.sort(
            key=lambda c: (c.passage, request.hits[c.passage - 1].chunk.text.find(c.sentence))
        )
        # one piece per sentence, so a face can show the answer growing
        text = self.compose(request, chosen)
        head, _, body = text.partition("\n")
        yield head + "\n"
        for i, c in enumerate(chosen):
            yield ("" if i == 0 else " ") + f"{c.sentence} [{c.passage}]"


def _quotable(sentence: str, labels: set[str]) -> bool:
    """Long enough, and not a heading or the document's title line standing alone."""
    bare = sentence.strip().lstrip("#").strip()
    return len(bare) >= MIN_SENTENCE_CHARS and bare not in labels and sentence.strip() not in labels


def _typed_first(ranked: list[Candidate], kind: str | None) -> list[Candidate]:
    """When the question asks for a date, number or amount, the lead sentence must hold one:
    the best such sentence among the strong candidates moves first; none means no answer."""
    if kind is None or not ranked:
        return ranked
    strong = [c for c in ranked[:TYPED_POOL] if c.score >= TYPED_MIN_SHARE * ranked[0].score]
    typed = [c for c in strong if has_type(c.sentence, kind)]
    if not typed:
        return []
    return [typed[0], *(c for c in ranked if c is not typed[0])]


def _cut(sentence: str, budget: int) -> str:
    cut = sentence[:budget].rsplit(" ", 1)[0]
    return cut + " …"


generation.register("extractive", lambda _arg="", **ctx: ExtractiveGenerator(ctx.get("embedder")))
