"""`llamacpp:<path to .gguf>`: a GGUF model run in process by llama-cpp-python (extra
`llamacpp`). It is prompted with a plain completion text, so base models without a chat template
work too; stop sequences end the answer before the model starts a new passage or question."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InvalidRequest, LLMUnavailable, MissingDependency
from ..generation import GenerationRequest
from . import prompts
from .base import (
    COMPLETE_TOKENS,
    REWRITE_TOKENS,
    TRANSLATE_TOKENS,
    LLMOptions,
    accept_rewrite,
    accept_translation,
)

log = logging.getLogger(__name__)

_MODELS: dict[tuple[str, int, int], tuple[Any, threading.Lock]] = {}
_LOADING = threading.Lock()


@dataclass
class RunStats:
    """Figures of the last generation: for the eval comparison and the benchmark."""

    prompt_tokens: int = 0
    tokens: int = 0
    seconds: float = 0.0
    first_token_seconds: float = 0.0

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def _load(path: Path, opts: LLMOptions) -> tuple[Any, threading.Lock]:
    try:
        from llama_cpp import Llama
    except ImportError as e:
        raise MissingDependency("llama-cpp-python", "llamacpp", "llamacpp:<gguf> answers") from e
    key = (str(path), opts.n_ctx, opts.n_threads)
    with _LOADING:
        if key not in _MODELS:
            try:
                model = Llama(
                    model_path=str(path),
                    n_ctx=opts.n_ctx,
                    n_threads=opts.n_threads or None,
                    verbose=False,
                )
            except (ValueError, RuntimeError, OSError) as e:
                raise LLMUnavailable(f"llamacpp:{path} could not be loaded: {e}") from e
            _MODELS[key] = (model, threading.Lock())
            log.info("loaded %s (n_ctx %d)", path, opts.n_ctx)
        return _MODELS[key]


class LlamaCppGenerator:
    def __init__(self, path: Path, opts: LLMOptions) -> None:
        self.path = path
        self.url = str(path)
        self.name = f"llamacpp:{path}"
        self.opts = opts
        self._model, self._lock = _load(path, opts)
        self.last = RunStats()

    def _fit(self, prompt: str, max_tokens: int) -> str:
        """Cut the end of the passages when prompt + answer would exceed the context."""
        budget = self.opts.n_ctx - max_tokens - 8
        tokens = self._model.tokenize(prompt.encode(), add_bos=True)
        if len(tokens) <= budget:
            return prompt
        head, tail = prompt.rsplit("\n\n", 1)  # the question and answer cue stay whole
        keep = budget - len(self._model.tokenize(tail.encode(), add_bos=False)) - 4
        cut = self._model.detokenize(tokens[1 : max(keep, 1)]).decode(errors="ignore")
        log.info("%s: prompt cut from %d to %d tokens", self.name, len(tokens), budget)
        return cut + "\n\n" + tail

    def _complete(
        self, prompt: str, max_tokens: int, stop: list[str], record: bool = True
    ) -> Iterator[str]:
        """Stream the completion of `prompt`; `record` keeps its figures in `last`."""
        with self._lock:
            prompt = self._fit(prompt, max_tokens)
            stats = RunStats(prompt_tokens=len(self._model.tokenize(prompt.encode())))
            t0 = time.perf_counter()
            for part in self._model.create_completion(
                prompt,
                max_tokens=max_tokens,
                temperature=self.opts.temperature,
                stop=stop,
                stream=True,
            ):
                if not stats.tokens:
                    stats.first_token_seconds = time.perf_counter() - t0
                stats.tokens += 1
                piece = part["choices"][0]["text"]
                if piece:
                    yield piece
            stats.seconds = time.perf_counter() - t0
            if record:
                self.last = stats
            log.info(
                "%s: %d prompt tokens, %d tokens in %.2f s (%.1f tokens/s)",
                self.name,
                stats.prompt_tokens,
                stats.tokens,
                stats.seconds,
                stats.tokens_per_second,
            )

    def stream(self, request: GenerationRequest) -> Iterator[str]:
        prompt = prompts.completion_prompt(request)
        yield from self._complete(prompt, self.opts.max_tokens, prompts.COMPLETION_STOP)

    def rewrite(self, question: str, history: list[str], language: str) -> str | None:
        prompt = prompts.rewrite_prompt(question, history, language)
        text = "".join(self._complete(prompt, REWRITE_TOKENS, prompts.REWRITE_STOP))
        return accept_rewrite(question, history, text, prompt)

    def translate(self, question: str, language: str) -> str | None:
        prompt = prompts.translate_prompt(question, language)
        # not kept in `last`, which describes answers (the benchmark's and the eval's figures)
        text = "".join(self._complete(prompt, TRANSLATE_TOKENS, prompts.TRANSLATE_STOP, False))
        return accept_translation(question, text, language, prompt)

    def complete(self, prompt: str, max_tokens: int = COMPLETE_TOKENS) -> str:
        """One completion of a plain prompt, first line only (the evaluation's judge)."""
        return "".join(self._complete(prompt, max_tokens, ["\n\n"])).strip()

    def ping(self) -> str:
        t0 = time.perf_counter()
        "".join(self._complete("Hello", 1, []))
        ms = (time.perf_counter() - t0) * 1000
        return f"{self.path.name} loaded in process (n_ctx {self.opts.n_ctx}, {ms:.0f} ms/token)"


def make(path: str, **_context) -> LlamaCppGenerator:
    if not path:
        raise InvalidRequest("llamacpp:<path> needs the path of a .gguf file")
    p = Path(path).expanduser()
    if not p.is_file():
        raise LLMUnavailable(f"llamacpp:{path}: no such model file {p}")
    return LlamaCppGenerator(p.resolve(), LLMOptions.from_env())
