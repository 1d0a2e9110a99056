"""LLM answerers: `ollama:<model>`, `openai:<model>`, `llamacpp:<path to .gguf>`.

Each backend module imports its client library only when a generator is made, so a missing
optional package raises `MissingDependency` with the pip command instead of breaking import.
"""

from __future__ import annotations

from .. import generation
from . import llamacpp_backend, ollama_backend, openai_backend
from .base import LLMOptions

generation.register("openai", openai_backend.make)
generation.register("ollama", ollama_backend.make)
generation.register("llamacpp", llamacpp_backend.make)

__all__ = ["LLMOptions"]
