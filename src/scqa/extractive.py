"""The default answerer: no LLM, offline, grounded by construction.

It picks the sentences of the retrieved passages that best answer the question and quotes them
verbatim, each followed by `[n]`. A sentence's score mixes how much of the question's key terms
it holds (accent-folded, so it works for text typed without diacritics) with its embedding
similarity to the question (which carries English questions over Vietnamese text), and the rank
of its passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from . import generation
from . import text as textmod
from .answer_types import YEAR, about_other_years, has_type
from .answerability import contains
from .constraints import constrained, meets
from .counting import contradicts
from .embeddings import Embedder, get_embedder
from .events import names_event
from .generation import FRAMING, QUOTED_IN, GenerationRequest
from .places import named_places, places_missing
from .question_types import SOFT_TYPES, expected_type, question_parts
from .sentence_terms import holds, local_weights, term_groups, unit_pattern

MAX_PASSAGES = 4
MAX_CANDIDATES = 12
MIN_SENTENCE_CHARS = 25
TYPED_POOL = 6  # how deep to look for a sentence of the asked-for type
TYPED_MIN_SHARE = 0.6  # ... among candidates scoring at least this share of the best
SOFT_MIN_SHARE = 0.4  # the same for a person, and for a soft type ("who")
MAX_SENTENCES = 3  # quoted sentences at most
MORE_MIN_SHARE = 0.65  # a further sentence must score this share of the lead's score
# a candidate's score: its share of the question's terms, its similarity to the question (scaled
# over the candidates), and its passage's rank. bench/tune_answer.py: 0.7 / 0.2 / 0.05 puts a
# sentence holding every key fact first 271 times of 449 (dev) against 262, but the answers
# (lead and further sentences, after the type checks) were right 632 times of 857, not 637
COVERAGE_WEIGHT = 0.5
SIMILARITY_WEIGHT = 0.4
PASSAGE_WEIGHT = 0.1
UNIT_BONUS = 0.25  # "14 phiên" for "bao nhiêu phiên"
STRUCTURE_BONUS = 0.5  # a sentence under the Điều / Chương / Article the question names
LIST_MAX = 10  # list items quoted after a sentence that introduces them


@dataclass
class Candidate:
    passage: int  # 1-based
    sentence: str
    coverage: float = 0.0
    similarity: float = 0.0
    score: float = 0.0
    unit: bool = False
    follow: list[str] = field(default_factory=list)  # the sentences after it in its passage
    before: str = ""  # the sentence before it, or for a list item its list's introduction
    context: str = ""  # its chunk's headings, folded
    period: str = ""  # the innermost of its chunk's headings that names a year, folded
    language: str = ""  # its chunk's language
    document: str = ""  # the retrieved passages of its source document


class ExtractiveGenerator:
    name = "extractive"

    def __init__(self, embedder: Embedder | None = None) -> None:
        self._embedder = embedder

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder("e5-small")
        return self._embedder

    def candidates(self, request: GenerationRequest) -> list[Candidate]:
        cands: list[Candidate] = []
        document: dict[str, str] = {}  # what the passages retrieved from each source say
        for hit in request.hits[:MAX_PASSAGES]:
            document[hit.chunk.source] = f"{document.get(hit.chunk.source, '')} {hit.chunk.text}"
        for n, hit in enumerate(request.hits[:MAX_PASSAGES], start=1):
            labels = {*_headline(hit.chunk.title), *hit.chunk.headings}
            headings = textmod.fold(" ".join(hit.chunk.headings))
            sentences = textmod.split_sentences(hit.chunk.text, hit.chunk.language)
            for i, sentence in enumerate(sentences):
                if _quotable(sentence, labels):
                    follow = sentences[i + 1 : i + 1 + LIST_MAX]
                    before = _introduction(sentences, i)
                    cands.append(
                        Candidate(
                            n,
                            sentence,
                            follow=follow,
                            before=before,
                            context=headings,
                            period=_period(hit.chunk.headings),
                            language=hit.chunk.language,
                            document=document[hit.chunk.source],
                        )
                    )
        return cands

    def select(self, request: GenerationRequest) -> list[Candidate]:
        """Candidates best first, scored."""
        cands = self.candidates(request)
        if not cands:
            return []
        # a sentence does not match the question's words with a name it quotes in the question's
        # language: "In Vietnamese the scheme is usually called "Đề án xây dựng TP.HCM ..."" holds
        # every word of a Vietnamese question on that scheme, and answers none of them but its name
        own = {id(c): _own(c, request.language) for c in cands}
        folded = [textmod.fold(own[id(c)]) for c in cands]
        groups = {
            lang: term_groups(request.question, request.language, lang)
            for lang in {c.language for c in cands}
        }
        weights = {lang: local_weights(g, folded) for lang, g in groups.items()}
        unit = unit_pattern(request.question)
        refs = _STRUCTURE.findall(textmod.fold(request.question))
        for c, f in zip(cands, folded, strict=True):
            w = weights[c.language]
            total = sum(w.values()) or 1.0
            context = f"{c.context} {f}"  # a term in the chunk's headings counts for its sentences
            c.coverage = sum(x for alts, x in w.items() if holds(context, alts)) / total
            c.unit = bool(unit and re.search(unit, f))
            if refs and any(contains(c.context, " ".join(r)) for r in refs):
                c.coverage += STRUCTURE_BONUS  # "Điều 4" asked, and this is Điều 4
        cands.sort(key=lambda c: (-(c.coverage + UNIT_BONUS * c.unit), c.passage))
        cands = cands[:MAX_CANDIDATES]
        q = self.embedder.embed_query(request.question)
        vecs = self.embedder.embed_passages([own[id(c)][:300] for c in cands])
        sims = vecs @ q
        lo, hi = float(np.min(sims)), float(np.max(sims))
        for c, s in zip(cands, sims, strict=True):
            c.similarity = float(s)
            norm = (float(s) - lo) / (hi - lo) if hi > lo else 1.0
            c.score = (
                COVERAGE_WEIGHT * c.coverage
                + SIMILARITY_WEIGHT * norm
                + PASSAGE_WEIGHT / c.passage
                + UNIT_BONUS * c.unit
            )
        return sorted(cands, key=lambda c: -c.score)

    def compose(self, request: GenerationRequest, chosen: list[Candidate]) -> str:
        lang = request.language
        langs = {request.hits[c.passage - 1].chunk.language for c in chosen}
        note = " ".join(QUOTED_IN.get(lang, {}).get(other, "") for other in sorted(langs))
        head = FRAMING[lang] + (f" {note.strip()}" if note.strip() else "")
        body = " ".join(f"{c.sentence} [{c.passage}]" for c in chosen)
        return f"{head}\n{body}"

    def choose(self, request: GenerationRequest) -> list[Candidate]:
        """The lead sentence (with its list when it introduces one), then up to two more that
        score nearly as well, within the answer's length budget."""
        kind = expected_type(request.question)
        selected = self.select(request)
        # a sentence about another year than the question's does not answer it (a list item
        # under "Đến năm 2025:" for a question on 2030)
        if kind != "year":  # the year asked for is not one the question names
            selected = [
                c
                for c in selected
                if not about_other_years(c.sentence, request.question, _intro_of(c))
            ]
        if named_places(request.question):  # quote only passages about the place asked of
            # (when it joins several questions, the places of one that names some)
            parts = [p for p in question_parts(request.question) if named_places(p)]
            parts = parts or [request.question]
            about = [
                any(not places_missing(p, h.chunk.context) for p in parts) for h in request.hits
            ]
            selected = [c for c in selected if about[c.passage - 1]]
        if any(contradicts(c.sentence, request.question) for c in selected[:TYPED_POOL]):
            return []  # the text counts differently from the question: a false premise
        ranked = _typed_first(selected, kind, request.question)
        if not ranked:
            return []
        budget = request.answer_chars - len(FRAMING[request.language]) - 40
        lead = ranked[0]
        chunk_text = request.hits[lead.passage - 1].chunk.text
        lead.sentence = _with_list(lead, chunk_text, budget)
        if len(lead.sentence) > budget:
            lead.sentence = _cut(lead.sentence, budget)
        chosen, used = [lead], len(lead.sentence) + 5
        for c in ranked[1:MAX_SENTENCES]:
            if c.score < MORE_MIN_SHARE * lead.score or used + len(c.sentence) + 5 > budget:
                continue
            if c.sentence in lead.sentence:
                continue
            chosen.append(c)
            used += len(c.sentence) + 5
        return chosen

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        chosen = self.choose(request)
        if not chosen:
            return  # nothing quotable answers it: the assistant abstains
        # one piece per sentence, so a face can show the answer growing
        head, _, _ = self.compose(request, chosen).partition("\n")
        yield head + "\n"
        for i, c in enumerate(chosen):
            yield ("" if i == 0 else " ") + f"{c.sentence} [{c.passage}]"


_QUOTED = re.compile(r'"[^"]{3,}"|“[^”]{3,}”')


def _own(c: Candidate, language: str) -> str:
    """The sentence without what it quotes in another language than its own, when that is the
    question's language."""
    if c.language == language:
        return c.sentence
    return _QUOTED.sub(
        lambda m: m.group(0) if textmod.detect_language(m.group(0)) == c.language else " ",
        c.sentence,
    )


_STRUCTURE = re.compile(
    r"\b(dieu|chuong|muc|khoan|phan|article|chapter|section|part)\s+(\d+|[ivxlc]+)\b"
)
_LIST_ITEM = re.compile(r"^\s*(?:[-•–*]|\d{1,2}[.)])\s+\S")


def _with_list(lead: Candidate, chunk_text: str, budget: int) -> str:
    """A sentence that introduces a list ("..., gồm:") is quoted with the items that follow it,
    as the verbatim slice of the chunk, as far as the budget allows."""
    if not lead.follow:
        return lead.sentence
    introduces = lead.sentence.rstrip().endswith(":")
    if not introduces and not _LIST_ITEM.match(lead.follow[0]):
        return lead.sentence
    start = chunk_text.find(lead.sentence)
    if start < 0:
        return lead.sentence
    end = start + len(lead.sentence)
    for item in lead.follow:
        if not introduces and not _LIST_ITEM.match(item):
            break
        at = chunk_text.find(item, end)
        if at < 0 or at + len(item) - start > budget:
            break
        end = at + len(item)
    return chunk_text[start:end]


def _intro_of(c: Candidate) -> str:
    """What scopes a list item: its introduction (its `before` when that ends with ":") and the
    innermost heading of its chunk that names a year ("Mục tiêu đến năm 2025", not the title
    "Chương trình ... đến năm 2025, định hướng đến năm 2030" above it); "" for a sentence that
    is not an item."""
    if not _LIST_ITEM.match(c.sentence):
        return ""
    intro = c.before if c.before.rstrip().endswith(":") else ""
    return f"{c.period} {intro}".strip()


def _period(headings: Sequence[str]) -> str:
    dated = [h for h in headings if YEAR.search(h)]
    return textmod.fold(dated[-1]) if dated else ""


def _introduction(sentences: list[str], i: int) -> str:
    """The sentence before sentence i, or for a list item the sentence introducing its list
    (the nearest one before it that ends with ":"): reported speech and purposes are stated
    there ("... hướng tới ba mục đích chính: - ... - Bảo đảm ...")."""
    if i and _LIST_ITEM.match(sentences[i]):
        for j in range(i - 1, -1, -1):
            if sentences[j].rstrip().endswith(":"):
                return sentences[j]
            if not _LIST_ITEM.match(sentences[j]):
                break
    return sentences[i - 1] if i else ""


def _headline(title: str) -> tuple[str, ...]:
    """The title as a label not to quote, unless it is a sentence: a document without a
    headline is titled by its first line (loaders.py), which is then content, not a label."""
    title = title.strip()
    return () if title.endswith((".", "!", "?", "…")) else (title,)


def _quotable(sentence: str, labels: set[str]) -> bool:
    """Long enough, and not a heading or the document's title line standing alone."""
    bare = sentence.strip().lstrip("#").strip()
    return len(bare) >= MIN_SENTENCE_CHARS and bare not in labels and sentence.strip() not in labels


def _typed_first(ranked: list[Candidate], kind: str | None, question: str) -> list[Candidate]:
    """When the question asks for a date, number or amount, the lead sentence must hold one:
    the best such sentence among the strong candidates moves first; none means no answer.
    A soft type (a person for "who") moves such a sentence first when one is close enough, and
    otherwise leaves the ranking alone. What the question's wording demands of any answer (a
    superlative, the term a definition asks about: see constraints.py) is never soft."""
    # "who signed / ai đã ký": the sentence must say the event, whoever it names
    need = constrained(question) or (kind in ("person", "who") and names_event(question))
    if (kind is None and not need) or not ranked:
        return ranked
    soft = kind in SOFT_TYPES
    # a name or a document number is a small part of a sentence: the pool reaches further down
    names = ("person", "docnumber", "organisation")
    share = SOFT_MIN_SHARE if soft or kind in names else TYPED_MIN_SHARE
    strong = [c for c in ranked[:TYPED_POOL] if c.score >= share * ranked[0].score]
    fits = [
        c for c in strong if not need or meets(c.sentence, question, _window(c), c.document, kind)
    ]
    typed = [c for c in fits if has_type(c.sentence, kind, question, c.before)]
    if not typed and soft and fits:
        typed = fits[:1]
    if not typed:
        return ranked if soft and not need else []
    return [typed[0], *(c for c in ranked if c is not typed[0])]


def _window(c: Candidate) -> str:
    return f"{c.before} {c.context}"


def _cut(sentence: str, budget: int) -> str:
    cut = sentence[:budget].rsplit(" ", 1)[0]
    return cut + " …"


generation.register("extractive", lambda _arg="", **ctx: ExtractiveGenerator(ctx.get("embedder")))
