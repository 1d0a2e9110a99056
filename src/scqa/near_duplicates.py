"""Near-duplicate hits: one paragraph quoted in two articles collapses into the better-ranked hit,
whose `also_in` lists the other sources. Two chunks are near duplicates when most of the smaller
one's word 5-grams (accent-folded) are in the other."""

from __future__ import annotations

from functools import lru_cache

from . import text as textmod
from .types import Hit

SHINGLE = 5  # words per shingle for near-duplicate detection
DUPLICATE_CONTAINMENT = 0.8  # share of the smaller chunk's shingles found in the other
MIN_SHINGLES = 8  # shorter chunks are never called duplicates


@lru_cache(maxsize=8192)
def _shingles(text: str) -> frozenset[int]:
    """A chunk's word 5-grams, hashed; cached by text (the same chunks come back query after
    query, and folding them was a tenth of a search)."""
    words = textmod.fold(text).split()
    n = max(0, len(words) - SHINGLE + 1)
    return frozenset(hash(tuple(words[i : i + SHINGLE])) for i in range(n))


def collapse_duplicates(hits: list[Hit]) -> list[Hit]:
    """Fold each hit whose text is mostly contained in a better-ranked one into that hit."""
    kept: list[tuple[Hit, frozenset[int]]] = []
    for hit in hits:
        sh = _shingles(hit.chunk.text)
        twin = None
        if len(sh) >= MIN_SHINGLES:
            for other, osh in kept:
                small = min(len(sh), len(osh))
                if small >= MIN_SHINGLES and len(sh & osh) >= DUPLICATE_CONTAINMENT * small:
                    twin = other
                    break
        if twin is None:
            kept.append((hit, sh))
        elif hit.chunk.source != twin.chunk.source and hit.chunk.source not in twin.also_in:
            twin.also_in = (*twin.also_in, hit.chunk.source)
    return [h for h, _ in kept]
