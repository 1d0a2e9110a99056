"""`scqa doctor`'s checks: does the configured embedder, store and LLM each answer?

Each check runs the real component once (one query embedding, the store's stats, one generated
token) and reports what it found; a failure is reported, never raised, so every part is checked.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from .assistant import Assistant

log = logging.getLogger(__name__)


@dataclass
class Check:
    part: str  # "embedder" | "store" | "llm"
    target: str  # what is configured: a name, a path or URL, a backend spec
    ok: bool
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _run(part: str, target: str, probe: Callable[[], str]) -> Check:
    try:
        return Check(part, target, True, probe())
    except Exception as e:  # a doctor reports every failure, whatever its kind
        log.info("%s check failed", part, exc_info=True)
        return Check(part, target, False, f"{type(e).__name__}: {e}")


def _embedder(a: Assistant) -> str:
    t0 = time.perf_counter()
    vec = a.embedder.embed_query("Đề án đô thị thông minh")
    return f"{len(vec)} dimensions, one query in {(time.perf_counter() - t0) * 1000:.0f} ms"


def _store(a: Assistant) -> str:
    s = a.stats()
    if not s["chunks"]:
        raise RuntimeError("the store is empty; run `scqa ingest PATH`")
    return f"{s['mode']}, {s['documents']} documents, {s['chunks']} chunks"


def _llm(a: Assistant, spec: str) -> str:
    generator = a.generator(spec)
    ping = getattr(generator, "ping", None)
    return ping() if ping else "built in, offline"


def diagnose(a: Assistant, llm: str | None = None) -> list[Check]:
    """Check the embedder, the store and the LLM (`llm` or the configured one), in that order."""
    spec = llm or a.settings.llm
    location = a.settings.chroma_url or str(a.settings.store)
    return [
        _run("embedder", a.settings.embedder, lambda: _embedder(a)),
        _run("store", location, lambda: _store(a)),
        _run("llm", spec, lambda: _llm(a, spec)),
    ]
