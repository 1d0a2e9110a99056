"""Settings from SCQA_* environment variables, and the tables keyed by language.

One `Settings` object carries every knob; `Settings.from_env()` reads the environment once.
Tests isolate it by pointing `SCQA_STORE` at a temporary directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import InvalidRequest

LANGUAGES = ("vi", "en")


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default).strip() or default


def env_number(name: str, default: float, kind: type = int):
    """The number in environment variable `name` (int or float), `default` when unset or blank;
    a clear error naming the variable when it is not a number."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError as e:
        what = "a whole number" if kind is int else "a number"
        raise InvalidRequest(f"{name}={raw!r} is not {what}") from e


def env_flag(name: str, default: bool) -> bool:
    """The yes/no in environment variable `name`, `default` when unset or blank."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise InvalidRequest(f"{name}={raw!r}: use 1/0, true/false, yes/no or on/off")


@dataclass(frozen=True)
class Settings:
    """Every setting scqa reads. Field docs name the environment variable."""

    store: Path = Path("vectorstore")  # SCQA_STORE: embedded Chroma directory (also keyword index)
    chroma_url: str = ""  # SCQA_CHROMA_URL: http://host:port selects a Chroma server
    collection: str = "scqa"  # SCQA_COLLECTION: Chroma collection name prefix
    embedder: str = "e5-small"  # SCQA_EMBEDDER: e5-small | sentence-transformers:<name or path>
    llm: str = "extractive"  # SCQA_LLM: extractive | ollama:<m> | openai:<m> | llamacpp:<gguf>
    # SCQA_TRANSLATE_QUERIES: with an LLM, also search the question translated into the other
    # language (bench/tune_crosslingual.py --translations); no effect on the extractive answerer.
    # Off: a small model's translations (Gemma 3 270M) lower MRR, and no guard tells them apart
    translate_queries: bool = False
    # SCQA_TRANSLATION_MIN_SIMILARITY: a translation whose query embedding is further than this
    # cosine from the question's is not used (catches unrelated text, not subtle mistranslations)
    translation_min_similarity: float = 0.78
    chunk_tokens: int = 160  # SCQA_CHUNK_TOKENS: chunk size in embedder tokens (bench_chunking)
    chunk_overlap: int = 0  # SCQA_CHUNK_OVERLAP: tokens repeated between chunks (bench_chunking)
    k: int = 5  # SCQA_K: passages retrieved per question
    max_k: int = 50  # SCQA_MAX_K
    max_question_chars: int = 2000  # SCQA_MAX_QUESTION_CHARS
    max_history: int = 10  # SCQA_MAX_HISTORY: earlier turns used for follow-ups
    max_file_mb: float = 20.0  # SCQA_MAX_FILE_MB: larger files are refused at ingest
    max_upload_mb: float = 20.0  # SCQA_MAX_UPLOAD_MB: per file uploaded through the app
    abstain_threshold: float = 0.45  # SCQA_ABSTAIN_THRESHOLD: evidence below → abstain (calibrated)
    # SCQA_RESTORE_DIACRITICS: a Vietnamese question typed without (most of) its marks is searched
    # and answered with the marks the corpus makes likeliest put back (diacritics.py); off, the
    # folded field carries it
    restore_diacritics: bool = True
    fusion: str = "hybrid+folded"  # SCQA_FUSION: preset (retrieval.PRESETS) or "dense=1,bm25=0.8"
    fusion_depth: int = 30  # SCQA_FUSION_DEPTH: how deep each signal's list goes into fusion
    # SCQA_CROSSLINGUAL_BOOST: added to the dense score of passages in the other language than
    # the question's, against e5's same-language bias (bench/tune_crosslingual.py)
    crosslingual_boost: float = 0.04
    reranker: str = ""  # SCQA_RERANKER: "" (off) | cross-encoder:<hub name or local path>
    rerank_depth: int = 20  # SCQA_RERANK_DEPTH: fused candidates the reranker reorders
    answer_chars: int = 600  # SCQA_ANSWER_CHARS: length budget of an extractive answer
    auth: str = ""  # SCQA_AUTH: "user:pass,user2:pass2" or a file of such lines
    extra: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        s = cls(
            store=Path(_env("SCQA_STORE", "vectorstore")),
            chroma_url=os.environ.get("SCQA_CHROMA_URL", "").strip(),
            collection=_env("SCQA_COLLECTION", "scqa"),
            embedder=_env("SCQA_EMBEDDER", "e5-small"),
            llm=_env("SCQA_LLM", "extractive"),
            translate_queries=env_flag("SCQA_TRANSLATE_QUERIES", False),
            translation_min_similarity=env_number("SCQA_TRANSLATION_MIN_SIMILARITY", 0.78, float),
            restore_diacritics=env_flag("SCQA_RESTORE_DIACRITICS", True),
            chunk_tokens=env_number("SCQA_CHUNK_TOKENS", 160),
            chunk_overlap=env_number("SCQA_CHUNK_OVERLAP", 0),
            k=env_number("SCQA_K", 5),
            max_k=env_number("SCQA_MAX_K", 50),
            max_question_chars=env_number("SCQA_MAX_QUESTION_CHARS", 2000),
            max_history=env_number("SCQA_MAX_HISTORY", 10),
            max_file_mb=env_number("SCQA_MAX_FILE_MB", 20.0, float),
            max_upload_mb=env_number("SCQA_MAX_UPLOAD_MB", 20.0, float),
            abstain_threshold=env_number("SCQA_ABSTAIN_THRESHOLD", 0.45, float),
            fusion=_env("SCQA_FUSION", "hybrid+folded"),
            fusion_depth=env_number("SCQA_FUSION_DEPTH", 30),
            crosslingual_boost=env_number("SCQA_CROSSLINGUAL_BOOST", 0.04, float),
            reranker=os.environ.get("SCQA_RERANKER", "").strip(),
            rerank_depth=env_number("SCQA_RERANK_DEPTH", 20),
            answer_chars=env_number("SCQA_ANSWER_CHARS", 600),
            auth=os.environ.get("SCQA_AUTH", "").strip(),
        )
        overrides = {k: v for k, v in overrides.items() if v is not None}
        if "store" in overrides:
            overrides["store"] = Path(overrides["store"])
        return replace(s, **overrides).validated()

    def validated(self) -> Settings:
        if not 3 <= len(self.collection) <= 40:
            raise InvalidRequest(
                f"SCQA_COLLECTION={self.collection!r} must have 3 to 40 characters"
            )
        if not 32 <= self.chunk_tokens <= 500:
            raise InvalidRequest(
                f"SCQA_CHUNK_TOKENS={self.chunk_tokens} must be between 32 and 500 "
                "(e5 reads at most 512 tokens)"
            )
        if not 0 <= self.chunk_overlap < self.chunk_tokens // 2:
            raise InvalidRequest(
                f"SCQA_CHUNK_OVERLAP={self.chunk_overlap} must be between 0 and half the chunk size"
            )
        if not 1 <= self.k <= self.max_k:
            raise InvalidRequest(f"SCQA_K={self.k} must be between 1 and SCQA_MAX_K={self.max_k}")
        return self

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


SETTING_NAMES = {f.name: f"SCQA_{f.name.upper()}" for f in fields(Settings) if f.name != "extra"}
