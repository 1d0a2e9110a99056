"""What the LLM backends share: their options, the chat-model generator and the follow-up rewrite.

`ChatGenerator` wraps any LangChain chat model (ChatOpenAI, ChatOllama): it streams the answer
as text pieces, rewrites follow-ups, translates questions for a second search, answers `ping()`
for `scqa doctor`, and turns every failure to reach the model into `LLMUnavailable` naming the
backend and its URL.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .. import text as textmod
from ..config import env_number
from ..errors import LLMUnavailable
from ..generation import GenerationRequest
from ..glossary import OTHER
from . import prompts

log = logging.getLogger(__name__)

MAX_REWRITE_CHARS = 400
REWRITE_TOKENS = 64
MAX_TRANSLATION_CHARS = 600
TRANSLATE_TOKENS = 128


COMPLETE_TOKENS = 24  # a judge's verdict is one short line


@dataclass(frozen=True)
class LLMOptions:
    """Generation knobs shared by the backends (env: SCQA_LLM_*, SCQA_LLAMACPP_*)."""

    max_tokens: int = 256  # SCQA_LLM_MAX_TOKENS: longest answer, in model tokens
    temperature: float = 0.1  # SCQA_LLM_TEMPERATURE
    timeout: float = 120.0  # SCQA_LLM_TIMEOUT: seconds before a server counts as unreachable
    n_ctx: int = 4096  # SCQA_LLAMACPP_CTX: context window of an in-process GGUF model
    n_threads: int = 0  # SCQA_LLAMACPP_THREADS: 0 = all cores

    @classmethod
    def from_env(cls) -> LLMOptions:
        return cls(
            max_tokens=env_number("SCQA_LLM_MAX_TOKENS", cls.max_tokens),
            temperature=env_number("SCQA_LLM_TEMPERATURE", cls.temperature, float),
            timeout=env_number("SCQA_LLM_TIMEOUT", cls.timeout, float),
            n_ctx=env_number("SCQA_LLAMACPP_CTX", cls.n_ctx),
            n_threads=env_number("SCQA_LLAMACPP_THREADS", cls.n_threads),
        )


def accept_rewrite(question: str, history: list[str], rewritten: str, prompt: str) -> str | None:
    """The model's standalone question when it looks like one, else None (the caller falls back
    to the keyword carry-over). Weak models ramble or echo the prompt; a rewrite must be one
    short line that the prompt does not already hold."""
    line = rewritten.strip().split("\n")[0].strip().strip("«»\"'").strip()
    limit = min(MAX_REWRITE_CHARS, 2 * (len(question) + len(history[-1] if history else "")))
    if not line or len(line) > limit or line in prompt or "<<<" in line or "[" in line:
        return None
    return line


def accept_translation(question: str, translated: str, language: str, prompt: str) -> str | None:
    """The model's translation of `question` (asked in `language`) when it looks like one, else
    None (the search then goes without it). A weak model answers in the question's own language,
    echoes the question or the prompt's examples, or rambles on: a translation must be one line,
    between a third and about twice the question's length, not the question nor a prompt line,
    and in the other language as `text.detect_language` reads it."""
    line = translated.strip().split("\n")[0].strip().strip("«»\"'“”").strip()
    limit = min(MAX_TRANSLATION_CHARS, 2 * len(question) + 20)
    if not line or not len(question) // 3 <= len(line) <= limit:
        return None
    if "<<<" in line or line in prompt:
        return None
    if textmod.fold(line) == textmod.fold(question.strip()):
        return None
    if textmod.detect_language(line) != OTHER.get(language):
        return None
    return line


class ChatGenerator:
    """A generator over a LangChain chat model reachable at `url`."""

    def __init__(
        self,
        name: str,
        url: str,
        model: Any,
        errors: Callable[[Exception], str | None],
        cap: Callable[[int], dict[str, Any]],
    ) -> None:
        self.name = name
        self.url = url
        self._model = model
        self._errors = errors  # maps a client exception to a reason, None if not a reach failure
        self._cap = cap  # the call options that cap an answer at n tokens

    def _unavailable(self, e: Exception) -> LLMUnavailable:
        reason = self._errors(e) or f"{type(e).__name__}: {e}"
        return LLMUnavailable(f"{self.name} at {self.url} cannot be used: {reason}")

    def _stream_messages(self, messages: list[tuple[str, str]], **kw: Any) -> Iterator[str]:
        try:
            for chunk in self._model.stream(messages, **kw):
                piece = chunk.content if isinstance(chunk.content, str) else chunk.text
                if piece:
                    yield piece
        except Exception as e:
            if self._errors(e) is None:
                raise
            raise self._unavailable(e) from e

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        t0 = time.perf_counter()
        n = 0
        for piece in self._stream_messages(prompts.chat_messages(request)):
            n += 1
            yield piece
        log.info("%s: %d pieces in %.2f s", self.name, n, time.perf_counter() - t0)

    def rewrite(self, question: str, history: list[str], language: str) -> str | None:
        prompt = prompts.rewrite_prompt(question, history, language)
        text = "".join(self._stream_messages([("user", prompt)], **self._cap(REWRITE_TOKENS)))
        return accept_rewrite(question, history, text, prompt)

    def translate(self, question: str, language: str) -> str | None:
        """`question` in the other language than `language`, or None when the model's reply does
        not look like a translation (see `accept_translation`)."""
        prompt = prompts.translate_prompt(question, language)
        text = "".join(self._stream_messages([("user", prompt)], **self._cap(TRANSLATE_TOKENS)))
        return accept_translation(question, text, language, prompt)

    def complete(self, prompt: str, max_tokens: int = COMPLETE_TOKENS) -> str:
        """One completion of a plain prompt (the evaluation's faithfulness judge uses it)."""
        return "".join(self._stream_messages([("user", prompt)], **self._cap(max_tokens)))

    def ping(self) -> str:
        """Generate one token; raise LLMUnavailable when the model cannot."""
        t0 = time.perf_counter()
        text = "".join(self._stream_messages([("user", "ping")], **self._cap(1)))
        ms = (time.perf_counter() - t0) * 1000
        return f"answers at {self.url} ({ms:.0f} ms, {len(text)} chars)"
