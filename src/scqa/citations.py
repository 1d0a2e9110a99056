"""From generated text with `[n]` markers to numbered, verified citations.

Every backend's text goes through here. A claim (a sentence of the answer) keeps its marker `[n]`
only when passage n supports it: enough of the claim's content words appear in the passage
(accent-folded), or its embedding is close enough to the passage's. Markers that fail are removed
and the claim flagged; an answer left with no supported claim is an abstention. Citations are
renumbered 1..m in order of first use, and each quotes the passage sentence that best matches;
passages that were cited but supported nothing come last with `verified=False`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from . import text as textmod
from .embeddings import Embedder
from .types import Citation, Hit

MARKER = re.compile(r"\s?\[(\d{1,2})\]")
LEXICAL_SUPPORT = 0.6
EMBEDDING_SUPPORT = 0.84
LEXICAL_FLOOR = 0.25


@dataclass
class Checked:
    text: str
    citations: list[Citation]
    unsupported: list[str] = field(default_factory=list)

    @property
    def has_support(self) -> bool:
        return bool(self.citations) and any(c.verified for c in self.citations)


def _claims(text: str) -> list[tuple[str, list[int]]]:
    """Split an answer into (claim text, cited passage numbers); markers attach to the claim
    they follow."""
    out: list[tuple[str, list[int]]] = []
    pos = 0
    for m in re.finditer(r"((?:\s?\[\d{1,2}\])+)", text):
        claim = text[pos : m.start()]
        nums = [int(x) for x in re.findall(r"\d+", m.group(1))]
        out.append((claim, nums))
        pos = m.end()
    if text[pos:].strip():
        out.append((text[pos:], []))
    return out


def lexical_support(claim: str, passage: str, language: str) -> float:
    words = textmod.folded_tokens(claim, language)
    if not words:
        return 0.0
    folded_passage = set(textmod.folded_tokens(passage, language))
    return sum(1 for w in words if w in folded_passage) / len(words)


def best_quote(claim: str, passage: str, language: str) -> str:
    sentences = textmod.split_sentences(passage, language) or [passage]
    if claim.strip() in passage:
        return claim.strip()
    scores = [lexical_support(claim, s, language) for s in sentences]
    return sentences[int(np.argmax(scores))]


def check(text: str, hits: list[Hit], embedder: Embedder | None, verify: bool = True) -> Checked:
    """Keep each `[n]` whose passage supports its claim, renumbered 1..m by first use; passages
    cited only by unsupported claims follow as citations with `verified=False` and no marker in
    the text; claims that lost every marker (or cited no existing passage) are `unsupported`."""
    renumber: dict[int, int] = {}
    citations: list[Citation] = []
    rejected: dict[int, str] = {}  # passage number -> the first claim it failed to support
    unsupported: list[str] = []
    pieces: list[str] = []
    for claim, nums in _claims(text):
        kept: list[int] = []
        for p in nums:
            if not 1 <= p <= len(hits):
                continue
            if verify and not _supported(claim, hits[p - 1], embedder):
                rejected.setdefault(p, claim)
                continue
            if p not in renumber:
                renumber[p] = len(renumber) + 1
                citations.append(_citation(renumber[p], hits[p - 1], claim, verified=True))
            kept.append(renumber[p])
        if nums and not kept and claim.strip():
            unsupported.append(claim.strip())
        markers = "".join(f" [{n}]" for n in dict.fromkeys(kept))
        pieces.append(claim.rstrip() + markers if markers else claim)
    for p, claim in rejected.items():
        if p not in renumber:
            citations.append(_citation(len(citations) + 1, hits[p - 1], claim, verified=False))
    return Checked("".join(pieces).strip(), citations, unsupported)


def _citation(n: int, hit: Hit, claim: str, verified: bool) -> Citation:
    return Citation(
        n=n,
        source=hit.chunk.source,
        title=hit.chunk.title,
        page=hit.chunk.page,
        chunk_id=hit.chunk.id,
        score=hit.score,
        text=best_quote(claim_body(claim, hit.chunk.language), hit.chunk.text, hit.chunk.language),
        verified=verified,
    )


def claim_body(claim: str, language: str) -> str:
    """The sentence a marker vouches for: the last sentence before it, framing lines dropped."""
    last_line = claim.strip().split("\n")[-1].strip()
    sentences = textmod.split_sentences(last_line, language) if last_line else []
    return sentences[-1] if sentences else last_line


def _supported(claim: str, hit: Hit, embedder: Embedder | None) -> bool:
    body = claim_body(claim, hit.chunk.language)
    if not body:
        return False
    if body in hit.chunk.text:
        return True
    lex = lexical_support(body, hit.chunk.text, hit.chunk.language)
    if lex >= LEXICAL_SUPPORT:
        return True
    if embedder is None or lex < LEXICAL_FLOOR and hit.chunk.language == _lang(body):
        return False
    a = embedder.embed_query(body)
    b = embedder.embed_passages([hit.chunk.text])[0]
    return float(a @ b) >= EMBEDDING_SUPPORT


def _lang(s: str) -> str:
    return textmod.detect_language(s)


def strip_markers(text: str) -> str:
    return MARKER.sub("", text)
