"""Structure-aware chunking sized in embedder tokens.

A document's pages are read line by line; heading lines (Markdown `#`, Phần / Chương / Mục /
Điều / Khoản, Part / Chapter / Section / Article) open a section and become the chunk's heading
path. Inside a section, sentences are packed into chunks of at most `max_tokens` embedder tokens,
the title and headings included, with about `overlap` tokens of trailing sentences repeated at the
start of the next chunk. A chunk id is a hash of (source, location, text), so an unchanged
passage keeps its id and is never embedded twice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from . import text as textmod
from .types import Chunk, Document

_LEGAL_LEVELS = (
    (re.compile(r"^(PHẦN|Phần|PART|Part)\s+[\dIVXLC]+\b"), 1),
    (re.compile(r"^(CHƯƠNG|Chương|CHAPTER|Chapter)\s+[\dIVXLC]+\b"), 2),
    (re.compile(r"^(MỤC|Mục|SECTION|Section)\s+[\dIVXLC]+\b"), 3),
    (re.compile(r"^(ĐIỀU|Điều|ARTICLE|Article)\s+\d+[a-z]?\b"), 4),
    (re.compile(r"^(KHOẢN|Khoản|CLAUSE|Clause)\s+\d+\b"), 5),
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_MAX_HEADING_CHARS = 160


def heading_level(line: str) -> tuple[int, str] | None:
    """(level, heading text) when `line` opens a section, else None."""
    line = line.strip()
    if not line or len(line) > _MAX_HEADING_CHARS:
        return None
    m = _MD_HEADING.match(line)
    if m:
        return len(m.group(1)), m.group(2).strip()
    for pattern, level in _LEGAL_LEVELS:
        if pattern.match(line):
            return 10 + level, line.rstrip(":")
    return None


@dataclass
class _Section:
    headings: tuple[str, ...]
    page: int | None
    body: str


def _sections(doc: Document) -> Iterator[_Section]:
    stack: list[tuple[int, str]] = []
    for page in doc.pages:
        lines: list[str] = []
        for line in [*page.text.splitlines(), None]:  # None: the end of the page
            found = heading_level(line) if line is not None else None
            if line is not None and found is None:
                lines.append(line)
                continue
            body = "\n".join(lines).strip()
            if body:
                yield _Section(tuple(h for _, h in stack), page.number, body)
            lines = []
            if found is not None:
                level, heading = found
                while stack and stack[-1][0] >= level:
                    stack.pop()
                stack.append((level, heading))


def chunk_id(source: str, location: str, text: str) -> str:
    digest = hashlib.sha256(f"{source}\x1f{location}\x1f{text}".encode()).hexdigest()
    return digest[:32]


def chunk_document(
    doc: Document,
    token_count: Callable[[str], int],
    max_tokens: int = 160,
    overlap: int = 0,
) -> list[Chunk]:
    """Split `doc` into chunks of at most `max_tokens` tokens as `token_count` counts them."""
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for section in _sections(doc):
        head = " > ".join((doc.title, *section.headings))
        budget = max(16, max_tokens - token_count(head))
        for body in _pack(section.body, doc.language, token_count, budget, overlap):
            location = f"p{section.page}|{'>'.join(section.headings)}"
            base = chunk_id(doc.source, location, body)
            seen[base] = seen.get(base, 0) + 1
            cid = (
                base if seen[base] == 1 else chunk_id(doc.source, f"{location}#{seen[base]}", body)
            )
            chunks.append(
                Chunk(
                    id=cid,
                    text=body,
                    source=doc.source,
                    title=doc.title,
                    language=doc.language,
                    index=len(chunks),
                    page=section.page,
                    headings=section.headings,
                    date=doc.date,
                    doc_number=doc.doc_number,
                    flags=doc.flags,
                    content_hash=doc.content_hash,
                )
            )
    return chunks


def _pack(
    body: str, language: str, token_count: Callable[[str], int], budget: int, overlap: int
) -> Iterator[str]:
    """Greedy sentence packing with a sentence-aligned overlap. Units are spans of `body`, so a
    chunk is a verbatim slice of the text, line breaks and list items kept."""
    units: list[tuple[int, int, int]] = []  # (start, end, tokens)
    pos = 0
    for sentence in textmod.split_sentences(body, language):
        start = body.find(sentence, pos)
        if start < 0:  # split_sentences promises substrings; stay safe if it ever does not
            start = pos
        end = start + len(sentence)
        pos = end
        n = token_count(sentence)
        if n <= budget:
            units.append((start, end, n))
        else:
            units.extend(_split_long(body, start, end, token_count, budget))
    current: list[tuple[int, int, int]] = []
    size = 0
    for unit in units:
        if current and size + unit[2] > budget:
            yield body[current[0][0] : current[-1][1]]
            carried: list[tuple[int, int, int]] = []
            carried_size = 0
            for prev in reversed(current):
                if carried_size + prev[2] > overlap or carried_size + prev[2] + unit[2] > budget:
                    break
                carried.insert(0, prev)
                carried_size += prev[2]
            current, size = carried, carried_size
        current.append(unit)
        size += unit[2]
    if current:
        yield body[current[0][0] : current[-1][1]]


def _split_long(
    body: str, start: int, end: int, token_count: Callable[[str], int], budget: int
) -> list[tuple[int, int, int]]:
    """A sentence longer than the budget is cut between words."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", body[start:end])]
    pieces: list[tuple[int, int, int]] = []
    i = 0
    while i < len(words):
        lo, hi = i + 1, len(words)
        while lo < hi:  # the largest end whose piece fits
            mid = (lo + hi + 1) // 2
            if token_count(body[words[i][0] : words[mid - 1][1]]) <= budget:
                lo = mid
            else:
                hi = mid - 1
        a, b = words[i][0], words[lo - 1][1]
        pieces.append((a, b, token_count(body[a:b])))
        i = lo
    return pieces
