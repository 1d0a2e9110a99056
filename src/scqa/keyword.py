"""The keyword index beside Chroma: BM25 over word tokens ("bm25") and accent-folded ones ("folded").

Vietnamese chunks are segmented into words by pyvi (`text.word_tokens`, compounds joined with "_",
stop words removed), English ones split on words; the folded field holds accent-free syllables and
their bigrams (`text.folded_tokens`), so a query typed without marks still matches. A third
stream keeps a Vietnamese chunk's marked syllables in order (`diacritics.syllables`), from which
`restore` puts the marks back on a query typed without them.

Persistence: the tokenised corpus (not the scores) is kept in `<store>/keyword/index.json` — or,
against a Chroma server, in a local cache directory keyed by the server URL and collection — with
a fingerprint of the chunk ids it holds. It is loaded once; at start-up it is checked against
Chroma's ids and brought up to date by tokenising only the chunks it lacks (after a crash, or when
another process ingested into the server). Ingest keeps it in step through `IndexListener`.

Scoring is BM25 as bm25s computes it by default (Lucene idf, k1=1.5, b=0.75), built with numpy
into a sparse term matrix: bm25s' own `index()` re-counts every document in Python (measured 2.5 s
for 10k documents of 150 tokens, per field), while building from the cached token ids takes
a few tens of milliseconds, so an incremental update re-indexes in memory cheaply and no query or
ingest ever re-tokenises the corpus.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from . import text as textmod
from .config import Settings
from .diacritics import Restorer, syllables
from .filters import Filters
from .glossary import expand
from .store import Store
from .types import Chunk

log = logging.getLogger(__name__)

FIELDS = ("bm25", "folded")
STREAMS = (*FIELDS, "syllables")  # what a document keeps: the two fields and the marked syllables
FORMAT = 2  # 2 added "syllables"; an index of another format is rebuilt from Chroma's chunks
K1, B = 1.5, 0.75
SERVER_RECHECK_S = 30.0  # against a server, re-validate the fingerprint this often


@dataclass
class _Doc:
    source: str
    language: str
    date: str
    tokens: dict[str, list[str]]


def fingerprint(ids: Iterable[str]) -> str:
    ids = sorted(ids)
    digest = hashlib.sha1("\n".join(ids).encode()).hexdigest()[:16]
    return f"{len(ids)}:{digest}"


def index_dir(settings: Settings) -> Path:
    """`<store>/keyword`, or for a Chroma server a cache dir keyed by its URL and collection."""
    if not settings.chroma_url:
        return Path(settings.store) / "keyword"
    key = hashlib.sha1(f"{settings.chroma_url}|{settings.collection}".encode()).hexdigest()[:16]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "scqa" / "keyword" / key


def chunk_tokens(chunk: Chunk) -> dict[str, list[str]]:
    """The token streams of a chunk (title and headings included, as embedded)."""
    body = chunk.context
    return {
        "bm25": textmod.word_tokens(body, chunk.language),
        "folded": textmod.folded_tokens(body, chunk.language),
        "syllables": syllables(body) if chunk.language == "vi" else [],
    }


def query_tokens(query: str, language: str) -> dict[str, list[str]]:
    """Query tokens per field, with the glossary's translations of the terms it holds."""
    out = {"bm25": textmod.word_tokens(query, language), "folded": _folded_query(query, language)}
    for term, term_lang in expand(textmod.nfc(query), language):
        out["bm25"] += textmod.word_tokens(term, term_lang)
        out["folded"] += _folded_query(term, term_lang)
    return out


def _folded_query(query: str, language: str) -> list[str]:
    keys = set(textmod.key_terms(query, language))
    return [t for t in textmod.folded_tokens(query, language) if set(t.split("_")) <= keys]


class _Field:
    """BM25 scores of one token stream as a sparse (documents × terms) matrix."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.matrix: sparse.csc_matrix | None = None

    def ids(self, tokens: Sequence[str], grow: bool) -> np.ndarray:
        if grow:
            return np.fromiter(
                (self.vocab.setdefault(t, len(self.vocab)) for t in tokens), np.int64, len(tokens)
            )
        return np.array([self.vocab[t] for t in tokens if t in self.vocab], dtype=np.int64)

    def build(self, docs: Sequence[np.ndarray]) -> None:
        n, v = len(docs), max(1, len(self.vocab))
        lengths = np.array([len(d) for d in docs], dtype=np.float64)
        if not n or not lengths.sum():
            self.matrix = sparse.csc_matrix((max(n, 1), v), dtype=np.float32)
            return
        flat = np.concatenate(docs)
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths.astype(np.int64))
        keys, tf = np.unique(rows * v + flat, return_counts=True)
        doc, term = keys // v, keys % v
        df = np.bincount(term, minlength=v)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        norm = K1 * (1 - B + B * lengths / lengths.mean())
        score = idf[term] * tf * (K1 + 1) / (tf + norm[doc])
        self.matrix = sparse.csc_matrix(
            (score.astype(np.float32), (doc, term)), shape=(n, v), dtype=np.float32
        )

    def scores(self, tokens: Sequence[str]) -> np.ndarray | None:
        qids = self.ids(tokens, grow=False)
        if self.matrix is None or not len(qids):
            return None
        qids = qids[qids < self.matrix.shape[1]]
        if not len(qids):
            return None
        return np.asarray(self.matrix[:, qids].sum(axis=1)).ravel()


class KeywordIndex:
    """The BM25 index over word and folded tokens; an `IndexListener` for ingest."""

    def __init__(self, directory: Path, store: Store | None = None) -> None:
        self.directory = Path(directory)
        self.store = store
        self._docs: dict[str, _Doc] = {}
        self._dirty = False
        self._built = False
        self._order: list[str] = []
        self._fields = {name: _Field() for name in FIELDS}
        self._token_ids: dict[str, dict[str, np.ndarray]] = {name: {} for name in FIELDS}
        self._masks: dict[Filters, np.ndarray] = {}
        self._query: tuple[str, str, dict[str, list[str]]] = ("", "", {})
        self._checked_at = 0.0
        self._restorer: Restorer | None = None  # built at the first `restore`, then kept in step
        self._restorer_lock = threading.Lock()  # ingest threads update it while others restore
        self.rebuilt = 0  # chunks tokenised by the last `sync` (0 when the index was current)
        self._load()

    @classmethod
    def open(cls, settings: Settings, store: Store) -> KeywordIndex:
        index = cls(index_dir(settings), store)
        index.sync()
        return index

    # -- persistence ---------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self.directory / "index.json"

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as e:
            log.warning("keyword index %s unreadable (%s); it will be rebuilt", self.path, e)
            return
        if raw.get("format") != FORMAT:
            return
        for cid, (source, language, date, *streams) in raw["docs"].items():
            tokens = {name: s.split() for name, s in zip(STREAMS, streams, strict=True)}
            self._docs[cid] = _Doc(source, language, date, tokens)
        self._dirty = True

    def save(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        docs = {
            cid: [d.source, d.language, d.date, *(" ".join(d.tokens[f]) for f in STREAMS)]
            for cid, d in self._docs.items()
        }
        payload = {"format": FORMAT, "fingerprint": fingerprint(self._docs), "docs": docs}
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)

    # -- keeping in step -----------------------------------------------------------------------
    def update(self, added: Sequence[Chunk], removed_ids: Sequence[str]) -> None:
        new = [c for c in added if c.id not in self._docs]
        docs = {c.id: _Doc(c.source, c.language, c.date or "", chunk_tokens(c)) for c in new}
        with self._restorer_lock:
            for cid in removed_ids:
                gone = self._docs.pop(cid, None)
                if gone and self._restorer:
                    self._restorer.add(gone.tokens["syllables"], -1)
            for cid, doc in docs.items():
                self._docs[cid] = doc
                if self._restorer:
                    self._restorer.add(doc.tokens["syllables"])
        self._dirty = True

    def flush(self) -> None:
        self.save()
        self._checked_at = time.monotonic()

    def sync(self) -> int:
        """Compare with Chroma's chunk ids; tokenise what is missing, drop what is gone."""
        if self.store is None:
            return 0
        live = set(self.store.all_ids())
        self._checked_at = time.monotonic()
        gone = [cid for cid in self._docs if cid not in live]
        missing = sorted(live - set(self._docs))
        self.rebuilt = len(missing)
        if not gone and not missing:
            return 0
        log.info("keyword index stale: %d chunks to add, %d to drop", len(missing), len(gone))
        self.update(self.store.get_chunks(missing) if missing else [], gone)
        self.save()
        return len(missing) + len(gone)

    def _maybe_recheck(self) -> None:
        server = self.store is not None and self.store.server
        if server and time.monotonic() - self._checked_at > SERVER_RECHECK_S:
            self.sync()

    def _build(self) -> None:
        t0 = time.perf_counter()
        self._order = list(self._docs)
        for name, field in self._fields.items():
            cache = self._token_ids[name]
            cache = {cid: cache[cid] for cid in self._order if cid in cache}
            for cid in self._order:
                if cid not in cache:
                    cache[cid] = field.ids(self._docs[cid].tokens[name], grow=True)
            self._token_ids[name] = cache
            field.build([cache[cid] for cid in self._order])
        self._masks.clear()
        self._dirty, self._built = False, True
        log.debug("keyword index built: %d chunks in %.0f ms", len(self._order), _ms(t0))

    # -- searching -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._docs)

    def tokens_for(self, query: str, language: str) -> dict[str, list[str]]:
        """The query's tokens per field, computed once for all the signals of one search."""
        if self._query[:2] != (query, language):
            self._query = (query, language, query_tokens(query, language))
        return self._query[2]

    def search(
        self, field: str, tokens: Sequence[str], k: int, filters: Filters
    ) -> list[tuple[str, float]]:
        self._maybe_recheck()
        if self._dirty or not self._built:
            self._build()
        scores = self._fields[field].scores(tokens)
        if scores is None:
            return []
        if filters:
            scores = scores * self._mask(filters)
        nonzero = np.flatnonzero(scores > 0)
        if len(nonzero) > k:
            nonzero = nonzero[np.argpartition(-scores[nonzero], k - 1)[:k]]
        best = nonzero[np.argsort(-scores[nonzero], kind="stable")]
        return [(self._order[i], float(scores[i])) for i in best]

    def _mask(self, filters: Filters) -> np.ndarray:
        if filters not in self._masks:
            docs = (self._docs[cid] for cid in self._order)
            self._masks[filters] = np.fromiter(
                (filters.admits(_stub(cid, d)) for cid, d in zip(self._order, docs, strict=True)),
                dtype=np.float32,
                count=len(self._order),
            )
        return self._masks[filters]

    def restore(self, query: str) -> str:
        """`query`, typed without diacritics, with the marks the indexed chunks make likeliest
        ("de an 950 duoc phe duyet ngay nao" → "đề án 950 được phê duyệt ngày nào")."""
        self._maybe_recheck()
        with self._restorer_lock:
            if self._restorer is None:
                t0 = time.perf_counter()
                self._restorer = Restorer()
                for d in self._docs.values():
                    self._restorer.add(d.tokens["syllables"])
                log.debug("diacritics model: %d chunks in %.0f ms", len(self._docs), _ms(t0))
            return self._restorer.restore(query)

    def signals(self) -> list[KeywordSignal]:
        return [KeywordSignal(self, name) for name in FIELDS]

    def language_of(self, cid: str) -> str | None:
        """A chunk's language from memory (None for one the index does not hold yet): the
        dense search's cross-lingual boost reads it for a few hundred ids per query."""
        d = self._docs.get(cid)
        return d.language if d else None


class KeywordSignal:
    """One field of the keyword index as a retrieval `Signal` ("bm25" or "folded")."""

    def __init__(self, index: KeywordIndex, name: str) -> None:
        self.index = index
        self.name = name

    def search(
        self, query: str, language: str, k: int, filters: Filters
    ) -> list[tuple[str, float]]:
        tokens = self.index.tokens_for(query, language)[self.name]
        return self.index.search(self.name, tokens, k, filters)


def _stub(cid: str, d: _Doc) -> Chunk:
    return Chunk(cid, "", d.source, "", d.language, 0, date=d.date or None)


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000
