"""Generators turn a question and numbered passages into answer text with `[n]` markers.

One protocol, one backend per module, chosen by name: `extractive` (default, offline),
`ollama:<model>`, `openai:<model>`, `llamacpp:<path to .gguf>`. Language lives in the tables below,
never in if-chains.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .errors import InvalidRequest
from .types import Hit

ABSTAIN_TEXT = {
    "vi": "Tôi không tìm thấy thông tin để trả lời câu hỏi này trong các tài liệu đã được lập chỉ mục.",
    "en": "I could not find information to answer this question in the indexed documents.",
}
# Why scqa declined, said after ABSTAIN_TEXT: Answer.abstain_reason → text ({detail}: the terms
# no passage holds, or the evidence score and its threshold).
WHY = {
    "vi": {
        "missing_terms": "Không đoạn nào tìm được nhắc đến: {detail}.",
        "weak_evidence": "Các đoạn tìm được không đủ gần câu hỏi (độ khớp {detail}).",
        "no_answer_sentence": "Không câu nào trong các đoạn tìm được nói điều câu hỏi cần.",
        "unsupported": "Câu trả lời soạn ra không khớp với các đoạn mà nó trích dẫn.",
    },
    "en": {
        "missing_terms": "No passage found mentions: {detail}.",
        "weak_evidence": "The passages found are not close enough to the question (match {detail}).",
        "no_answer_sentence": "No sentence of the passages found says what the question asks.",
        "unsupported": "The answer written did not match the passages it cited.",
    },
}


def why(reason: str | None, detail: str, language: str) -> str:
    """The reason for an abstention in the asker's language; "" when there is none."""
    if reason is None:
        return ""
    return WHY.get(language, WHY["en"])[reason].format(detail=detail)


FRAMING = {
    "vi": "Theo các tài liệu:",
    "en": "According to the documents:",
}
QUOTED_IN = {  # said when the quoted evidence is in the other language
    "vi": {"en": "(trích nguyên văn tiếng Anh)"},
    "en": {"vi": "(quoted verbatim in Vietnamese)"},
}


@dataclass
class GenerationRequest:
    question: str  # standalone: follow-ups already rewritten
    language: str  # the asker's language, "vi" | "en"
    hits: list[Hit]  # passage n is hits[n - 1]
    history: list[str] = field(default_factory=list)
    answer_chars: int = 600


@runtime_checkable
class Generator(Protocol):
    name: str

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        """Yield pieces of the answer text; `[n]` markers cite passage n."""
        ...


GeneratorFactory = Callable[[str], Generator]
_REGISTRY: dict[str, GeneratorFactory] = {}


def register(kind: str, factory: GeneratorFactory) -> None:
    _REGISTRY[kind] = factory


def get_generator(spec: str, **context) -> Generator:
    """The generator named by `spec`: `extractive` or `<kind>:<argument>`."""
    _load_builtin()
    kind, _, arg = spec.strip().partition(":")
    factory = _REGISTRY.get(kind)
    if factory is None:
        raise InvalidRequest(
            f"unknown answerer {spec!r}; choose one of: "
            + ", ".join(k if k == "extractive" else f"{k}:<model>" for k in sorted(_REGISTRY))
        )
    return factory(arg, **context) if context else factory(arg)


def _load_builtin() -> None:
    if "extractive" not in _REGISTRY:
        from . import extractive  # noqa: F401 - registers itself
    with contextlib.suppress(ImportError):
        from . import llm  # noqa: F401 - registers the LLM backends, when present
